//go:build !wasm

package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"picmark/internal/batch"
	"picmark/internal/imgio"
	"picmark/internal/msg"
)

// process_walk.go: the inputs, every file the command line names or a
// folder holds.

// inputFile is one file found on the command line or in a folder.
type inputFile struct {
	path   string      // on disk, absolute
	name   string      // in the report: relative to the argument's parent folder, slash-separated
	stem   string      // output name without extension; empty for files that are not rendered
	reason msg.Message // why it fails before rendering; zero when it is rendered
}

// collectInputs walks every PATH in sorted order. Every file found becomes
// an input: the ones that cannot be rendered carry their reason, so the
// report accounts for every file. System files found in folders
// (batch.SystemFile) are left out and only counted: leftOut.
func collectInputs(paths []string, lim imgio.Limits) (inputs []inputFile, leftOut int, err error) {
	seen := map[string]bool{}
	add := func(path, name string, reason msg.Message) {
		if seen[path] {
			return // the same file named twice is processed once
		}
		seen[path] = true
		inputs = append(inputs, inputFile{path: path, name: name, reason: reason})
	}
	for _, arg := range paths {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, 0, usageError{m: msg.New(msg.CLICannotUse, msg.Text("path", arg), msg.Text("reason", plainErr(err)))}
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, 0, usageError{m: msg.New(msg.PathNotFound, msg.Text("path", arg))}
		}
		if !info.IsDir() {
			add(abs, filepath.Base(abs), fileReason(abs, lim))
			continue
		}
		// Names start at the folder given ("shoot/sub/a.jpg"), even when
		// that folder is reached through a link.
		base, root := filepath.Base(abs), abs
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			root = r
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(root, p)
			name := filepath.ToSlash(filepath.Join(base, rel))
			if err != nil {
				// An unreadable folder is reported, and the walk goes on.
				add(p, name, msg.New(msg.OpenFailed, msg.Text("reason", plainErr(err))))
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if batch.SystemFile(p) {
				leftOut++
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Links to files are followed; links to folders are not
				// (they can loop), and say so.
				if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
					add(p, name, msg.New(msg.LinkNotFollowed))
					return nil
				}
			} else if !d.Type().IsRegular() {
				add(p, name, msg.New(msg.NotRegular))
				return nil
			}
			add(p, name, fileReason(p, lim))
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}

	// Only renderable files take an output name, so a notes.txt never
	// pushes a.jpg to "a (2).jpg".
	var names []string
	var idx []int
	for i, in := range inputs {
		if in.reason.IsZero() {
			names = append(names, in.name)
			idx = append(idx, i)
		}
	}
	for j, stem := range batch.Stems(names) {
		inputs[idx[j]].stem = stem
	}
	return inputs, leftOut, nil
}

// fileReason checks a file's size before it is read and sniffs its first
// bytes; it returns why the file cannot be rendered, or the zero Message.
func fileReason(path string, lim imgio.Limits) msg.Message {
	info, err := os.Stat(path)
	if err != nil {
		return msg.New(msg.OpenFailed, msg.Text("reason", plainErr(err)))
	}
	if err := imgio.CheckFileSize(info.Size(), lim); err != nil {
		return msg.Of(err)
	}
	f, err := os.Open(path)
	if err != nil {
		return msg.New(msg.OpenFailed, msg.Text("reason", plainErr(err)))
	}
	defer f.Close()
	head := make([]byte, imgio.SniffBytes)
	n, _ := io.ReadFull(f, head)
	if _, err := imgio.Sniff(head[:n]); err != nil {
		return msg.Of(err)
	}
	return msg.Message{}
}

// plainErr drops the path from an *fs.PathError: the report names the file.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
