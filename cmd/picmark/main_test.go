package main

import (
	"os"
	"testing"
)

// TestMain runs the tests in an English UTF-8 locale whatever the
// machine's: the command line speaks French where LC_ALL, LC_MESSAGES or
// LANG say so (the tests that want French set it themselves), and the
// browser the tests start reads file names through it.
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C.UTF-8")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LANG", "C.UTF-8")
	os.Exit(m.Run())
}
