package settings

import (
	"picmark/internal/job"
	"picmark/internal/msg"
)

// Run is what a flag's setting sees besides its value: which flags the
// command line gave, and how to read a file a flag names (the command
// line's reader, which says which file and why it cannot be read).
type Run struct {
	Given func(flag string) bool
	Read  func(name string, what msg.Code, limit int64) ([]byte, error) // what: msg.WhatLogo, …
}

// The command line defines Table's flags (Flag, Default) with the
// flag package; value(flag) is then a flag's value, given or its default,
// of its Default's type. The flag package stays out of the page's binary.

// CheckFlags checks the flags' values that need no file, given or not.
func CheckFlags(value func(flag string) any) error {
	for _, e := range Table {
		if e.Flag != "" && e.check != nil {
			if err := e.check(value(e.Flag)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ApplyFlags writes the flags into s, whose Kit is the brand kit the
// command line names (or an empty one). The rule: a flag given on the
// command line overrides the brand kit's setting; a flag left out fills
// only what the kit leaves unset, with its default. Errors say which flag
// or file.
func ApplyFlags(s *job.Settings, value func(flag string) any, r Run) error {
	for _, e := range Table {
		if e.Flag == "" || !r.Given(e.Flag) && e.has != nil && e.has(s) {
			continue
		}
		if err := e.set(s, value(e.Flag), r); err != nil {
			return err
		}
	}
	return nil
}
