//go:build !wasm

package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"picmark/internal/batch"
	"picmark/internal/msg"
)

// process_sinks.go: where the outputs and the reports go, a folder or a
// ZIP file, never on or among the inputs.

// sink is where outputs go: a folder or a ZIP file.
type sink interface {
	write(name string, data []byte) error
	finish(reports []batch.ReportFile) error // writes the reports and closes
	abort()
	reportName(name string) string // where the report file called name is, for people
}

// openSink refuses any output that could land on or among the inputs: the
// user's own files are never modified.
func openSink(out string, paths []string, inputs []inputFile) (sink, error) {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return nil, usageError{m: msg.New(msg.CLICannotUse, msg.Text("path", "-out "+out), msg.Text("reason", plainErr(err)))}
	}
	realOut := absOut
	if r, err := filepath.EvalSymlinks(absOut); err == nil {
		realOut = r
	}
	for _, arg := range paths {
		absIn, _ := filepath.Abs(arg)
		if r, err := filepath.EvalSymlinks(absIn); err == nil {
			absIn = r
		}
		if info, err := os.Stat(absIn); err == nil && info.IsDir() && (within(absOut, absIn) || within(realOut, absIn)) {
			return nil, usageError{m: msg.New(msg.OutInsideInput, msg.Text("out", out), msg.Text("path", arg))}
		}
	}
	protected := map[string]bool{}
	for _, in := range inputs {
		protected[in.path] = true
		if in.path == absOut {
			return nil, usageError{m: msg.New(msg.OutIsInput, msg.Text("out", out))}
		}
	}
	if strings.EqualFold(filepath.Ext(absOut), ".zip") {
		if info, err := os.Stat(absOut); err == nil && info.IsDir() {
			return nil, usageError{m: msg.New(msg.OutIsFolder, msg.Text("out", out))}
		}
		if err := os.MkdirAll(filepath.Dir(absOut), 0o755); err != nil {
			return nil, msg.Wrap(err, msg.CLICannotCreate, msg.Text("path", filepath.Dir(absOut)), msg.Text("reason", plainErr(err)))
		}
		// Written beside the target and renamed at the end, so an
		// interrupted run never leaves a half ZIP under the final name.
		f, err := os.CreateTemp(filepath.Dir(absOut), "."+filepath.Base(absOut)+".*.partial")
		if err != nil {
			return nil, msg.Wrap(err, msg.CLICannotCreate, msg.Text("path", out), msg.Text("reason", plainErr(err)))
		}
		return &zipSink{f: f, zw: zip.NewWriter(f), final: absOut, shown: out}, nil
	}
	if info, err := os.Stat(absOut); err == nil && !info.IsDir() {
		return nil, usageError{m: msg.New(msg.OutIsFile, msg.Text("out", out))}
	}
	if err := os.MkdirAll(absOut, 0o755); err != nil {
		return nil, msg.Wrap(err, msg.CLICannotCreate, msg.Text("path", out), msg.Text("reason", plainErr(err)))
	}
	return &dirSink{dir: absOut, shown: out, protected: protected}, nil
}

type dirSink struct {
	dir, shown string
	protected  map[string]bool
}

func (s *dirSink) write(name string, data []byte) error {
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if !within(p, s.dir) || p == s.dir {
		return msg.Err(msg.OutsideOut, msg.Text("name", name))
	}
	if s.protected[p] {
		return msg.Err(msg.WouldOverwrite, msg.Text("path", p))
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return msg.Wrap(err, msg.NoFolder, msg.Text("reason", plainErr(err)))
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return msg.Wrap(err, msg.SaveFailed, msg.Text("reason", plainErr(err)), msg.Text("path", s.shown))
	}
	return nil
}

func (s *dirSink) finish(reports []batch.ReportFile) error {
	for _, f := range reports {
		if err := s.write(f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}

func (s *dirSink) abort() {}

func (s *dirSink) reportName(name string) string { return filepath.Join(s.shown, name) }

type zipSink struct {
	f            *os.File
	zw           *zip.Writer
	final, shown string
	err          error // the first write error: the ZIP is unusable after it
}

func (s *zipSink) write(name string, data []byte) error {
	return s.copy(name, bytes.NewReader(data))
}

// copy adds an entry read from r. archive/zip writes ZIP64 where sizes,
// offsets or the count need it; the tests feed it entries too large to
// hold in memory.
func (s *zipSink) copy(name string, r io.Reader) error {
	if s.err != nil {
		return s.err
	}
	// Store: JPEGs are already compressed; deflate would only cost time.
	w, err := s.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: time.Now()})
	if err == nil {
		_, err = io.Copy(w, r)
	}
	if err != nil {
		s.err = msg.Wrap(err, msg.ZipFailed, msg.Text("path", s.shown), msg.Text("reason", plainErr(err)))
	}
	return s.err
}

func (s *zipSink) finish(reports []batch.ReportFile) error {
	var err error
	for _, f := range reports {
		if err == nil {
			err = s.write(f.Name, f.Data)
		}
	}
	if err == nil {
		err = s.zw.Close()
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(s.f.Name(), s.final)
	}
	if err != nil {
		os.Remove(s.f.Name())
	}
	return err
}

func (s *zipSink) abort() {
	s.f.Close()
	os.Remove(s.f.Name())
}

func (s *zipSink) reportName(name string) string { return name + " (" + s.shown + ")" }
