package main

import (
	"os"
	"testing"
)

// TestMain runs the tests in an English locale whatever the machine's: the
// command line speaks French where LC_ALL, LC_MESSAGES or LANG say so, and
// the tests that want French set it themselves.
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LANG", "C")
	os.Exit(m.Run())
}
