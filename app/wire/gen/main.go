// Command gen writes web/js/wire.js (wire.JS) to the file named by its
// argument: `go generate ./app/wire`.
package main

import (
	"fmt"
	"os"

	"picmark/app/wire"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen FILE")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], wire.JS(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
