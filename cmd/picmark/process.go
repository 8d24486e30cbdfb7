//go:build !wasm

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"picmark/internal/batch"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/posts"
	"picmark/internal/render"
	"picmark/internal/sheet"
	"picmark/internal/workbook"
)

// process.go: picmark process, the engine from a terminal: its command
// line (process_flags.go), its inputs (process_walk.go), one worker per
// core, and its outputs (process_sinks.go).

func runProcess(args []string, stdout, stderr io.Writer) int {
	pf := newProcessFlags(stderr)
	paths, err := parseFlags(pf.fs, args)
	if err != nil {
		return flagExit(err)
	}
	lang := cliLang()
	fail := func(reason string) int {
		fmt.Fprintf(stderr, "picmark process: %s\n", reason)
		pf.fs.Usage()
		return exitUsage
	}
	switch {
	case *pf.out == "":
		return fail(msg.New(msg.OutMissing).Say(lang))
	case len(paths) == 0:
		return fail(msg.New(msg.NoPaths).Say(lang))
	case *pf.match != "" && *pf.sheet == "":
		return fail(msg.New(msg.MatchWithoutSheet).Say(lang))
	}
	settings, err := pf.jobSettings()
	if err != nil {
		return fail(msg.Reason(err, lang)) // it names the flag or the file
	}
	plan, err := settings.Plan()
	if err != nil {
		return fail(msg.Reason(err, lang))
	}
	spec := plan.Spec
	var sh *sheet.Sheet
	if *pf.sheet != "" {
		data, err := readSmallFile(*pf.sheet, msg.WhatSheet, maxSheetBytes)
		if err != nil {
			return fail(msg.Reason(err, lang))
		}
		if sh, err = workbook.Read(filepath.Base(*pf.sheet), data, sheet.Options{Locale: sheet.LocaleFor(lang)}); err != nil {
			return fail(msg.Reason(err, lang)) // it names the sheet
		}
	}

	inputs, leftOut, err := collectInputs(paths, spec.Limits)
	if err != nil {
		fmt.Fprintf(stderr, "picmark process: %s\n", msg.Reason(err, lang))
		return errExit(err)
	}
	var photos []string // the renderable inputs, as the sheet may name them
	for _, in := range inputs {
		if in.reason.IsZero() {
			photos = append(photos, in.name)
		}
	}
	story, err := settings.Story(sh, photos, *pf.match)
	if err != nil {
		return fail(msg.Reason(err, lang))
	}
	sink, err := openSink(*pf.out, paths, inputs)
	if err != nil {
		fmt.Fprintf(stderr, "picmark process: %s\n", msg.Reason(err, lang))
		return errExit(err)
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "picmark process: %s\n", msg.New(msg.NoFiles, msg.Text("path", strings.Join(paths, ", "))).Say(lang))
		sink.abort()
		return exitFailed
	}

	rows, made := processAll(inputs, plan, story, sink)
	rows = append(rows, story.Unmatched()...)
	if leftOut > 0 {
		rows = append(rows, batch.LeftOut(leftOut))
	}
	reports := batch.Reports(rows, lang, spec.Presets)
	report := reports[len(reports)-1].Name // the one to read: rapport.csv in French
	reports = append(reports, story.Reports(made)...)
	if err := sink.finish(reports); err != nil {
		fmt.Fprintf(stderr, "picmark process: %s\n", msg.New(msg.CLIFinish, msg.Text("out", *pf.out), msg.Text("reason", err.Error())).Say(lang))
		return exitFailed
	}

	done, failed := 0, 0
	seen := map[string]bool{}
	for _, r := range rows {
		switch r.Status {
		case batch.StatusDone:
			done++
			continue
		case batch.StatusLeftOut:
			if r.Input != "" { // a sheet's row that names no photo
				fmt.Fprintf(stdout, "%s: %s\n", r.Input, r.Say(lang))
			} else {
				fmt.Fprintln(stdout, r.Say(lang))
			}
			continue
		}
		failed++
		// One line per file and reason, not one per preset.
		reason := r.Say(lang)
		if key := r.Input + "\x00" + reason; !seen[key] {
			seen[key] = true
			fmt.Fprintf(stderr, "%s: %s\n", r.Input, reason)
		}
	}
	if sh != nil {
		alone := story.PhotosWithoutRow()
		fmt.Fprintln(stdout, msg.New(msg.SheetSummary, msg.Text("sheet", sh.Name), msg.Num("matched", len(story.Matches.Rows)-alone),
			msg.Num("alone", alone), msg.Num("unmatched", len(story.Matches.Unmatched))).Say(lang))
	}
	fmt.Fprintln(stdout, summary(lang, done, failed, sink.reportName(report)))
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// rendered is one photo's result, on its way from a worker to the writer.
type rendered struct {
	i    int
	outs []render.Output
	err  error
}

// processAll renders with one worker per core, each holding one photo at a
// time, and writes outputs as they arrive. The report rows come back in
// input order whatever the finishing order.
func processAll(inputs []inputFile, plan *job.Plan, story *job.Story, sink sink) ([]batch.Row, []posts.Post) {
	spec := plan.Spec
	photo := make([]int, len(inputs)) // an input's index among the photos the story knows
	n := 0
	for i, in := range inputs {
		if photo[i] = -1; in.reason.IsZero() {
			photo[i], n = n, n+1
		}
	}
	perInput := make([][]batch.Row, len(inputs))
	var todo []int
	for i, in := range inputs {
		if !in.reason.IsZero() {
			perInput[i] = batch.FailedRows(in.name, spec.Presets, in.reason)
		} else {
			todo = append(todo, i)
		}
	}

	jobs := make(chan int)
	results := make(chan rendered)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				outs, err := renderFile(inputs[i].path, plan.Photo(nil, story.Captions(photo[i])))
				results <- rendered{i, outs, err}
			}
		}()
	}
	go func() {
		for _, i := range todo {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	var unique batch.Unique
	perPosts := make([][]posts.Post, len(inputs))
	for r := range results {
		in := inputs[r.i]
		names := plan.Namer.NamesWith(in.stem, r.i+1, r.outs, &unique, story.Column(photo[r.i]))
		for k, o := range r.outs {
			if o.Err == nil && o.Data != nil {
				post := story.Post(photo[r.i], names[k], o.Preset)
				r.outs[k].Notes = append(r.outs[k].Notes, story.Notes(photo[r.i], post)...)
				if story.Posts {
					perPosts[r.i] = append(perPosts[r.i], post)
				}
			}
		}
		rows := batch.NamedRows(in.name, spec.Presets, r.outs, r.err, names)
		for k, o := range r.outs {
			if o.Err != nil || o.Data == nil {
				continue
			}
			if err := sink.write(names[k], o.Data); err != nil {
				for k := range rows {
					if rows[k].Preset == o.Preset.ID {
						rows[k].Status, rows[k].Notes = batch.StatusFailed, []msg.Message{msg.Of(err)}
						rows[k].Output, rows[k].Bytes = "", 0
					}
				}
			}
		}
		perInput[r.i] = rows
	}

	var all []batch.Row
	var made []posts.Post
	for i, rows := range perInput {
		all = append(all, rows...)
		made = append(made, perPosts[i]...)
	}
	return all, made
}

// renderFile reads one photo and runs the engine on it. A panic in the
// engine fails this file only, never the batch.
func renderFile(path string, spec render.Spec) (outs []render.Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			outs, err = nil, msg.Wrap(fmt.Errorf("%v", p), msg.Internal)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, msg.Wrap(err, msg.OpenFailed, msg.Text("reason", plainErr(err)))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &imgio.ReadError{Err: errors.New(plainErr(err))}
	}
	// Read by parts: the gate reads what it needs, and the size it checks
	// is the file's now, even if it grew since it was listed.
	return render.PhotoAt(f, info.Size(), spec)
}
