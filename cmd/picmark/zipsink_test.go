//go:build !wasm

package main

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/ziptest"
)

// TestZipSinkPastLimits drives the CLI's ZIP (process -out x.zip) through
// its own write path past classic ZIP's limits, with generated entries in
// place of photos, and reads each archive back with archive/zip, unzip and
// Python's zipfile: more than 65,535 entries, and an entry over 4 GiB with
// entries after it, past 4 GiB into the file.
func TestZipSinkPastLimits(t *testing.T) {
	rows := []batch.Row{
		{Input: "shoot/a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/shoot/a.jpg", Width: 1000, Height: 1500, Bytes: 1, Status: batch.StatusDone},
		{Input: "shoot/b.txt", Status: batch.StatusFailed, Notes: []msg.Message{msg.Of(imgio.ErrNotImage)}},
	}
	reports := batch.Reports(rows, msg.English, nil)
	report := reports[0].Data
	// open opens the sink as `picmark process -out …/out.zip` does;
	// sparse makes it leave holes for the zeros of Gen's data.
	open := func(t *testing.T, sparse bool) (*zipSink, string) {
		out := filepath.Join(t.TempDir(), "out.zip")
		s, err := openSink(out, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		zs := s.(*zipSink)
		if sparse {
			zs.zw = zip.NewWriter(ziptest.NewSparse(zs.f))
		}
		return zs, out
	}

	t.Run("70,000 entries", func(t *testing.T) {
		s, out := open(t, false)
		var want []ziptest.Entry
		for i := range 69999 {
			name := fmt.Sprintf("pinterest-pin/shoot/photo-%05d.jpg", i)
			data, _ := io.ReadAll(ziptest.NewGen(int64(i), int64(i*37%300)))
			if err := s.write(name, data); err != nil {
				t.Fatal(err)
			}
			want = append(want, ziptest.EntryOf(name, data))
		}
		if err := s.finish(reports); err != nil {
			t.Fatal(err)
		}
		ziptest.ReadFile(t, out, append(want, ziptest.EntryOf("report.csv", report)))
	})

	t.Run("an entry over 4 GiB, and entries past 4 GiB", func(t *testing.T) {
		s, out := open(t, true)
		var want []ziptest.Entry
		for i, size := range []int64{300000, 4<<30 + 3<<20 + 5, 300000} {
			name := fmt.Sprintf("pinterest-pin/shoot/%d.jpg", i)
			g := ziptest.NewGen(int64(i), size)
			if err := s.copy(name, g); err != nil {
				t.Fatal(err)
			}
			want = append(want, g.Entry(name))
		}
		if err := s.finish(reports); err != nil {
			t.Fatal(err)
		}
		ziptest.ReadFile(t, out, append(want, ziptest.EntryOf("report.csv", report)))
	})
}
