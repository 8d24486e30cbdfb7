//go:build !wasm

package main

import (
	"flag"
	"io"
	"testing"

	"picmark/internal/settings"
)

// processOnly are picmark process's flags that are no setting of the
// batch: what to read and where to write.
var processOnly = map[string]string{
	"brand":    "the brand kit file the settings start from",
	"sheet":    "the sheet beside the photos: data, never a setting (a kit keeps the templates, not the data)",
	"captions": "the same as -sheet",
	"match":    "which column of that sheet names the photos",
	"out":      "where the outputs go",
}

// Every flag of picmark process is a setting's, from settings.Table, or
// one of processOnly; and every setting's flag is there.
func TestProcessFlagsFromTable(t *testing.T) {
	pf := newProcessFlags(io.Discard)
	table := map[string]bool{}
	for _, e := range settings.Table {
		if e.Flag != "" {
			table[e.Flag] = true
			if pf.fs.Lookup(e.Flag) == nil {
				t.Errorf("settings.Table's %s has the flag -%s, which picmark process lacks", e.Key, e.Flag)
			}
		}
	}
	n := 0
	pf.fs.VisitAll(func(f *flag.Flag) {
		n++
		if !table[f.Name] && processOnly[f.Name] == "" {
			t.Errorf("-%s is neither a setting's flag (settings.Table) nor one of processOnly, with its reason", f.Name)
		}
		if table[f.Name] && processOnly[f.Name] != "" {
			t.Errorf("-%s is a setting's flag and in processOnly", f.Name)
		}
	})
	if n < len(table)+len(processOnly) {
		t.Errorf("%d flags, want %d", n, len(table)+len(processOnly))
	}
}
