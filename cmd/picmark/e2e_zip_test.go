//go:build !wasm

// Reading what the e2e tests download: ZIPs and their report.csv.

package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"
)

type e2eRow struct {
	input, preset, output string
	width, height         int
	bytes                 int64
	status, code, message string
}

func e2eReadReport(t *testing.T, data []byte) []e2eRow {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("report.csv is not valid CSV: %v\n%s", err, data)
	}
	header := "input,preset,output,width,height,bytes,status,code,message"
	if len(recs) == 0 || strings.Join(recs[0], ",") != header {
		t.Fatalf("report.csv header = %q, want %q", recs, header)
	}
	var rows []e2eRow
	for i, rec := range recs[1:] {
		w, err1 := strconv.Atoi(e2eOr0(rec[3]))
		h, err2 := strconv.Atoi(e2eOr0(rec[4]))
		b, err3 := strconv.ParseInt(e2eOr0(rec[5]), 10, 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Errorf("report.csv line %d %q: %v", i+2, rec, err)
		}
		rows = append(rows, e2eRow{rec[0], rec[1], rec[2], w, h, b, rec[6], rec[7], rec[8]})
	}
	return rows
}

func e2eOr0(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func e2eRead(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatalf("ZIP entry %s: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("ZIP entry %s: %v (CRC or size wrong?)", f.Name, err)
	}
	return data
}

// e2eZipFiles reads a downloaded ZIP whole: each entry's bytes by name.
func e2eZipFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	return e2eZipSome(t, path, nil)
}

// e2eZipSome reads the entries of a ZIP whose names keep accepts (every
// entry when keep is nil): each entry's bytes by name.
func e2eZipSome(t *testing.T, path string, keep func(name string) bool) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: the ZIP does not open: %v", path, err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		if keep == nil || keep(f.Name) {
			files[f.Name] = e2eRead(t, f)
		}
	}
	return files
}

// e2eZipFile reads one entry of a ZIP.
func e2eZipFile(t *testing.T, path, name string) []byte {
	t.Helper()
	data, ok := e2eZipSome(t, path, func(n string) bool { return n == name })[name]
	if !ok {
		t.Fatalf("%s holds no %s", path, name)
	}
	return data
}

// e2eOpenZip opens a ZIP until the test ends, checks that no entry
// appears twice, and reads its report.csv.
func e2eOpenZip(t *testing.T, path string) (entries map[string]*zip.File, rows []e2eRow) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a ZIP archive/zip can open: %v", path, err)
	}
	t.Cleanup(func() { zr.Close() })
	entries = map[string]*zip.File{}
	for _, f := range zr.File {
		if _, dup := entries[f.Name]; dup {
			t.Errorf("ZIP: entry %q appears twice", f.Name)
		}
		entries[f.Name] = f
	}
	rf, ok := entries["report.csv"]
	if !ok {
		t.Fatalf("ZIP has no report.csv; entries: %q", e2eNames(entries))
	}
	return entries, e2eReadReport(t, e2eRead(t, rf))
}

func e2eNames(m map[string]*zip.File) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// e2eZip is a downloaded ZIP: the SHA-256 of each output by name, and
// report.csv.
type e2eZip struct {
	sums map[string]string
	rows []e2eRow
}

func e2eZipContents(t *testing.T, path string) e2eZip {
	t.Helper()
	z := e2eZip{sums: map[string]string{}}
	for name, data := range e2eZipFiles(t, path) {
		if name == "report.csv" {
			z.rows = e2eReadReport(t, data)
			continue
		}
		sum := sha256.Sum256(data)
		z.sums[name] = hex.EncodeToString(sum[:])
	}
	return z
}
