//go:build !wasm

package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/posts"
	"picmark/internal/preset"
	"picmark/internal/render"
	"picmark/internal/sheet"
	"picmark/internal/workbook"
)

// maxLogoBytes bounds the logo file read into memory; decoding then checks
// its pixel size. A brand kit embeds its logo and fonts, so it may be larger.
const (
	maxLogoBytes = 20 << 20
	maxKitBytes  = 40 << 20
)

// inputFile is one file found on the command line or in a folder.
type inputFile struct {
	path   string      // on disk, absolute
	name   string      // in the report: relative to the argument's parent folder, slash-separated
	stem   string      // output name without extension; empty for files that are not rendered
	reason msg.Message // why it fails before rendering; zero when it is rendered
}

// usageError is a command-line mistake: exit status 2. m, when there is
// one, says it in the user's language (msg.Reason); else text, in English.
type usageError struct {
	text string
	m    msg.Message
}

func (e usageError) Error() string {
	if !e.m.IsZero() {
		return e.m.String()
	}
	return e.text
}

func (e usageError) Message() msg.Message { return e.m }

// errExit is the exit status for an error that stops the whole command.
func errExit(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitFailed
}

const processSynopsis = "[-preset id,…] [-presets FILE] [-brand FILE] [-logo FILE] [-sheet FILE [-match COLUMN]] [-text TEMPLATE]… " +
	"[-title TEMPLATE] [-description TEMPLATE] [-alt TEMPLATE] [-crop …] [-focal X,Y] " +
	"[-fit fill|pad|blur] [-pad-color #RRGGBB] [-format jpeg|png] [-quality N] [-name TEMPLATE] -out DIR|FILE.zip PATH…"

// maxSheetBytes bounds the sheet read into memory (sheet.DefaultLimits).
var maxSheetBytes = sheet.DefaultLimits.Bytes

// listFlag is a flag given once per value: -text "…" -text "…".
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " | ") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func runProcess(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("process", processSynopsis, stderr)
	presetList := fs.String("preset", strings.Join(preset.DefaultIDs, ","), "formats to make, comma-separated (see: picmark presets)")
	presetsFile := fs.String("presets", "", "JSON file of your own formats (id, name, width, height, maxBytes, safe) to add")
	brandFile := fs.String("brand", "", "brand kit JSON (logo, texts, tiled watermark, formats), as the page exports it")
	logoFile := fs.String("logo", "", "PNG (with transparency) or JPEG logo, placed inside each format's safe zone")
	logoScale := fs.Float64("logo-scale", brand.DefaultScale, "logo width as a share of the output width (0.05 to 1)")
	logoOpacity := fs.Float64("logo-opacity", brand.DefaultOpacity, "logo opacity, 0 (invisible) to 1 (solid)")
	logoAnchor := fs.String("logo-anchor", "bottom-right", "where the logo goes: top-left, top, …, bottom-right, center")
	var texts listFlag
	fs.Var(&texts, "text", "a text layer, e.g. your shop's name or \"{Produit} – {Prix} €\" ({Column} takes the photo's value in -sheet); "+
		"give it once per layer: they replace the brand kit's texts, keeping their styles")
	sheetFile := fs.String("sheet", "", "a sheet (CSV, TSV, XLSX or ODS) with a row per product naming its photos, for {Column} in -text, -title, -description, -alt and -name")
	fs.StringVar(sheetFile, "captions", "", "same as -sheet")
	match := fs.String("match", "", "the -sheet column that holds the photos' file names or image URLs (found on its own when not given)")
	title := fs.String("title", "", "template of each post's title in posts.csv, e.g. \"{Produit}\"")
	description := fs.String("description", "", "template of each post's description in posts.csv")
	alt := fs.String("alt", "", "template of each picture's alt text in posts.csv (default: the title's)")
	cropFlag := fs.String("crop", job.DefaultCrop, "which part to keep: smart (the subject), center, focal, top, bottom, left, right, top-left, …")
	focal := fs.String("focal", "", "focal point as fractions of width and height, e.g. 0.3,0.4 (with -crop focal)")
	fit := fs.String("fit", "fill", "fill (crop to the format), pad (whole photo on -pad-color) or blur (whole photo on a blurred copy)")
	pad := fs.String("pad-color", "#ffffff", "background colour for -fit pad")
	format := fs.String("format", "jpeg", "output format: jpeg or png")
	quality := fs.Int("quality", imgio.DefaultQuality, "JPEG quality to start from (1 to 100); lowered to meet a format's size limit")
	name := fs.String("name", batch.DefaultTemplate, "output names: {preset} {dir} {name} {w} {h} {index}")
	out := fs.String("out", "", "folder, or file ending in .zip, to write the outputs and report.csv to (required)")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	lang := cliLang()
	fail := func(reason string) int {
		fmt.Fprintf(stderr, "picmark process: %s\n", reason)
		fs.Usage()
		return exitUsage
	}
	if *out == "" {
		return fail(msg.New(msg.OutMissing).Say(lang))
	}
	if len(paths) == 0 {
		return fail(msg.New(msg.NoPaths).Say(lang))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *logoScale < 0.05 || *logoScale > 1 {
		return fail(msg.New(msg.CLILogoScale, msg.Text("value", fmt.Sprint(*logoScale))).Say(lang))
	}
	if *logoOpacity < 0 || *logoOpacity > 1 {
		return fail(msg.New(msg.CLILogoOpacity, msg.Text("value", fmt.Sprint(*logoOpacity))).Say(lang))
	}

	// The brand kit first; a flag given on the command line overrides the same setting in it.
	kit := &brand.File{Version: brand.FileVersion}
	if *brandFile != "" {
		data, err := readSmallFile(*brandFile, msg.WhatKit, maxKitBytes)
		if err != nil {
			return fail(msg.Reason(err, lang)) // it names the file already
		}
		if kit, err = brand.ParseFile(data); err != nil {
			return fail(msg.Reason(msg.Within(err, msg.CLIKit, msg.Text("file", *brandFile)), lang))
		}
	}
	var custom []preset.Preset // from -presets
	if *presetsFile != "" {
		data, err := readSmallFile(*presetsFile, msg.WhatFormats, maxKitBytes)
		if err != nil {
			return fail(msg.Reason(err, lang)) // it names the file already
		}
		custom, err = preset.ParseCustom(data)
		if err != nil {
			return fail(msg.Reason(msg.Within(err, msg.CLIFormats, msg.Text("file", *presetsFile)), lang))
		}
		kit.Custom = append(kit.Custom, custom...)
	}
	if set["preset"] || len(kit.Presets) == 0 {
		kit.Presets = strings.FieldsFunc(*presetList, func(r rune) bool { return r == ',' || r == ' ' })
		// An empty list would mean the default formats: say so instead.
		if len(kit.Presets) == 0 {
			return fail(msg.New(msg.CLINoPreset).Say(lang))
		}
	}
	if !set["preset"] {
		// As a format added in the page is ticked, -presets FILE's formats
		// are made too, beside the kit's or the default ones.
		for _, p := range custom {
			kit.Presets = append(kit.Presets, p.ID)
		}
	}
	if *logoFile != "" {
		data, err := readSmallFile(*logoFile, msg.WhatLogo, maxLogoBytes)
		if err != nil {
			return fail(msg.Reason(err, lang))
		}
		// Check the header here, so the message can name the file.
		logo := []msg.Arg{msg.Word("which", msg.PartLogoFile), msg.Text("file", *logoFile)}
		if brand.IsSVG(data) {
			return fail(msg.Reason(msg.Within(brand.ErrSVG, msg.KitPart, logo...), lang))
		}
		if _, err := imgio.Inspect(data, brand.LogoLimits); err != nil {
			return fail(msg.Reason(msg.Within(err, msg.KitPart, logo...), lang))
		}
		if kit.Logo == nil {
			kit.Logo = &brand.LogoFile{}
		}
		kit.Logo.Data = data
	}
	if l := kit.Logo; l != nil {
		if set["logo-scale"] || l.Scale == 0 {
			l.Scale = *logoScale
		}
		if set["logo-opacity"] || l.Opacity == nil {
			l.Opacity = logoOpacity
		}
		if set["logo-anchor"] || l.Anchor == "" {
			l.Anchor = *logoAnchor
		}
	}
	if len(texts) > 0 {
		layers := make([]brand.TextFile, len(texts))
		for i, v := range texts {
			layers[i] = brand.TextFile{Shadow: true} // legible on light and dark photos alike
			if i < len(kit.Texts) {
				layers[i] = kit.Texts[i] // the kit's style for its layer
			}
			layers[i].Content = v
		}
		kit.Texts = layers
	}
	if set["title"] || set["description"] || set["alt"] {
		if kit.Posts == nil {
			kit.Posts = &brand.PostsFile{}
		}
		for _, f := range []struct {
			name string
			v    *string
			dst  *string
		}{{"title", title, &kit.Posts.Title}, {"description", description, &kit.Posts.Description}, {"alt", alt, &kit.Posts.AltText}} {
			if set[f.name] {
				*f.dst = *f.v
			}
		}
	}
	if *match != "" && *sheetFile == "" {
		return fail(msg.New(msg.MatchWithoutSheet).Say(lang))
	}
	settings := job.Settings{Kit: kit, Crop: *cropFlag, Fit: *fit, Format: *format, Quality: *quality, Name: *name}
	if set["pad-color"] {
		settings.Pad = *pad
	}
	if *focal != "" {
		pt, err := crop.ParsePoint(*focal)
		if err != nil {
			return fail(msg.Reason(msg.Within(err, msg.CLIFocal), lang))
		}
		settings.Focal = &pt
		if !set["crop"] {
			settings.Crop = "focal"
		} else if st, err := crop.Parse(*cropFlag); err == nil && st.Kind != crop.Focal {
			// Only the focal crop uses the point: never drop it silently.
			return fail(msg.New(msg.CLIFocalCrop, msg.Text("value", *cropFlag)).Say(lang))
		}
	}
	plan, err := settings.Plan()
	if err != nil {
		return fail(msg.Reason(err, lang))
	}
	spec := plan.Spec
	var sh *sheet.Sheet
	if *sheetFile != "" {
		data, err := readSmallFile(*sheetFile, msg.WhatSheet, maxSheetBytes)
		if err != nil {
			return fail(msg.Reason(err, lang))
		}
		if sh, err = workbook.Read(filepath.Base(*sheetFile), data, sheet.Options{Locale: sheet.LocaleFor(lang)}); err != nil {
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
	story, err := settings.Story(sh, photos, *match)
	if err != nil {
		return fail(msg.Reason(err, lang))
	}
	sink, err := openSink(*out, paths, inputs)
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
		fmt.Fprintf(stderr, "picmark process: %s\n", msg.New(msg.CLIFinish, msg.Text("out", *out), msg.Text("reason", err.Error())).Say(lang))
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

// cliLang is the language of the command line's messages and reports:
// French where the locale says so (LC_ALL, else LC_MESSAGES, else LANG, as
// POSIX orders them), English otherwise.
func cliLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			return msg.Lang(l)
		}
	}
	return msg.English
}

// summary is the last line of a run: "3 done, 1 failed — see
// out/report.csv".
func summary(lang string, done, failed int, report string) string {
	return msg.New(msg.SummaryDone, msg.Count("n", done)).Say(lang) + ", " +
		msg.New(msg.SummaryFailed, msg.Count("n", failed)).Say(lang) + " — " +
		msg.New(msg.SummarySee, msg.Text("path", report)).Say(lang)
}
