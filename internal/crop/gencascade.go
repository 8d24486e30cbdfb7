//go:build ignore

// gencascade copies pigo's face cascade (cascade/facefinder, 236 KB) from the
// module cache into this directory, where faces.go embeds it, and pigo's own
// test portrait (testdata/sample.jpg, one face) into testdata/face.jpg for
// the face tests. Neither is committed. It runs from
// `go generate ./internal/crop`, uses the pigo version go.mod names and never
// goes to the network: `go mod download github.com/esimov/pigo` first on a
// machine whose module cache lacks it.
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/esimov/pigo").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		fail("pigo is not in the module cache; run: go mod download github.com/esimov/pigo (%v)", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "cascade", "facefinder"))
	if err != nil {
		fail("%v", err)
	}
	if len(data) < 100_000 {
		fail("%s/cascade/facefinder is only %d bytes: the module cache is damaged", dir, len(data))
	}
	copyFile(data, "facefinder")
	sample, err := os.ReadFile(filepath.Join(dir, "testdata", "sample.jpg"))
	if err != nil {
		fail("%v", err)
	}
	copyFile(sample, filepath.Join("testdata", "face.jpg"))
}

// copyFile writes data to name unless it is there already, keeping the
// time stamp of an up-to-date file so make does not rebuild.
func copyFile(data []byte, name string) {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return
	}
	// The module cache is read-only: write a fresh, writable file.
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		fail("%v", err)
	}
	if err := os.WriteFile(name+".tmp", data, 0o644); err != nil {
		fail("%v", err)
	}
	if err := os.Rename(name+".tmp", name); err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gencascade: "+format+"\n", args...)
	os.Exit(1)
}
