//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"picmark/internal/brand"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/settings"
	"picmark/internal/sheet"
)

// process_flags.go: picmark process's command line. The batch's settings
// take their flags from settings.Table (defaults, and the rule that a flag
// given overrides the brand kit); the flags here say what to read and
// where to write. Every flag's help is help.go's.

// maxKitBytes bounds a brand kit file read into memory: it embeds its
// logo and fonts.
const maxKitBytes = 40 << 20

// maxSheetBytes bounds the sheet read into memory (sheet.DefaultLimits).
var maxSheetBytes = sheet.DefaultLimits.Bytes

// processFlags is picmark process's command line.
type processFlags struct {
	fs    *flag.FlagSet
	value func(name string) any // a setting's flag's value, given or its default
	brand *string               // the brand kit file
	sheet *string
	match *string
	out   *string
}

func newProcessFlags(stderr io.Writer) *processFlags {
	fs := newFlags("process", stderr)
	pf := &processFlags{fs: fs, value: settingFlags(fs)}
	pf.brand = fs.String("brand", "", "")
	pf.sheet = fs.String("sheet", "", "")
	fs.StringVar(pf.sheet, "captions", "", "")
	pf.match = fs.String("match", "", "")
	pf.out = fs.String("out", "", "")
	return pf
}

// jobSettings is the batch's settings: the brand kit (-brand) first, then
// the flags over it. Errors name the flag or the file.
func (pf *processFlags) jobSettings() (job.Settings, error) {
	if err := settings.CheckFlags(pf.value); err != nil {
		return job.Settings{}, err
	}
	kit := &brand.File{Version: brand.FileVersion}
	if name := *pf.brand; name != "" {
		data, err := readSmallFile(name, msg.WhatKit, maxKitBytes)
		if err != nil {
			return job.Settings{}, err // it names the file already
		}
		if kit, err = brand.ParseFile(data); err != nil {
			return job.Settings{}, msg.Within(err, msg.CLIKit, msg.Text("file", name))
		}
	}
	given := map[string]bool{}
	pf.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	s := job.Settings{Kit: kit}
	return s, settings.ApplyFlags(&s, pf.value, settings.Run{Given: func(name string) bool { return given[name] }, Read: readSmallFile})
}

// settingFlags defines settings.Table's flags on fs, with their defaults
// (their help is help.go's), and returns how to read one's value.
func settingFlags(fs *flag.FlagSet) func(name string) any {
	values := map[string]func() any{}
	for _, e := range settings.Table {
		if e.Flag == "" {
			continue
		}
		switch d := e.Default.(type) {
		case string:
			v := fs.String(e.Flag, d, "")
			values[e.Flag] = func() any { return *v }
		case float64:
			v := fs.Float64(e.Flag, d, "")
			values[e.Flag] = func() any { return *v }
		case int:
			v := fs.Int(e.Flag, d, "")
			values[e.Flag] = func() any { return *v }
		case []string:
			v := new(listFlag)
			fs.Var(v, e.Flag, "")
			values[e.Flag] = func() any { return []string(*v) }
		default:
			panic(fmt.Sprintf("settings.Table: the flag -%s has a default of type %T", e.Flag, e.Default))
		}
	}
	return func(name string) any { return values[name]() }
}

// listFlag is a flag given once per value: -text "…" -text "…".
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " | ") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// usageError is a command-line mistake: exit status 2. m says it in the
// user's language (msg.Reason).
type usageError struct{ m msg.Message }

func (e usageError) Error() string { return e.m.String() }

func (e usageError) Message() msg.Message { return e.m }

// errExit is the exit status for an error that stops the whole command.
func errExit(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailed
}

// readSmallFile reads a logo, brand kit or presets file, refusing one too
// large to be what it claims.
func readSmallFile(name string, what msg.Code, limit int64) ([]byte, error) {
	file := []msg.Arg{msg.Word("what", what), msg.Text("file", name)}
	info, err := os.Stat(name)
	if err != nil {
		return nil, msg.Wrap(err, msg.CLINoFile, file...)
	}
	if !info.Mode().IsRegular() {
		return nil, msg.Err(msg.CLINotFile, file...)
	}
	if info.Size() > limit {
		return nil, msg.Err(msg.CLIFileBig, append(file, msg.Bytes("size", info.Size()), msg.Bytes("maxSize", limit))...)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, msg.Wrap(err, msg.CLIFileRead, append(file, msg.Text("reason", err.Error()))...)
	}
	return data, nil
}
