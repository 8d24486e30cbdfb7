// Package batch turns files × presets into output names, a report and the
// layout of a ZIP. It holds no pixels: the renderer makes the outputs, the
// page or the CLI keeps their bytes, and batch says where each goes and how
// each input ended, so no input is ever silently lost.
package batch

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/render"
)

// Stems gives each input path (slash-separated and relative, as a dropped
// folder gives them: "shoot/sub/a.jpg") a unique output stem without
// extension ("shoot/sub/a"). Paths are cleaned so that no output can land
// outside its preset folder: backslashes become slashes, and empty, "." and
// ".." parts, drive letters and characters Windows refuses are dropped or
// replaced. Two inputs that would collide ("a.jpg" and "a.png", or "A.jpg"
// on a case-insensitive disk) keep the first stem; later ones get " (2)",
// " (3)"… The result depends only on the order of paths.
func Stems(paths []string) []string { return StemsPausing(paths, func() {}) }

// StemsPausing is Stems calling pause every PauseEvery paths: the page
// gives its thread back to the browser there.
func StemsPausing(paths []string, pause func()) []string {
	out := make([]string, len(paths))
	used := make(map[string]bool, len(paths))
	for i, p := range paths {
		if i > 0 && i%PauseEvery == 0 {
			pause()
		}
		stem := cleanStem(p)
		cand := stem
		for n := 2; used[strings.ToLower(cand)]; n++ {
			cand = fmt.Sprintf("%s (%d)", stem, n)
		}
		used[strings.ToLower(cand)] = true
		out[i] = cand
	}
	return out
}

func cleanStem(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	var parts []string
	for i, part := range strings.Split(p, "/") {
		if i == 0 && len(part) == 2 && part[1] == ':' {
			continue // a Windows drive letter: "C:"
		}
		part = strings.TrimRight(cleanPart(part), ". ") // Windows drops trailing dots and spaces
		if part == "" || part == "." || part == ".." {
			continue
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return "image"
	}
	last := parts[len(parts)-1]
	if ext := path.Ext(last); ext != "" && ext != last {
		last = strings.TrimSuffix(last, ext)
	}
	if last = strings.TrimRight(last, ". "); last == "" {
		last = "image"
	}
	parts[len(parts)-1] = last
	return strings.Join(parts, "/")
}

// cleanPart replaces control characters and those Windows refuses in names.
func cleanPart(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F || strings.ContainsRune(`<>:"|?*`, r) {
			return '_'
		}
		return r
	}, s)
}

// OutputName is the default template's name for a JPEG output:
// "<preset-id>/<stem>.jpg".
func OutputName(presetID, stem string) string {
	return DefaultNamer.Name(presetID, stem, 0, 0, 0, imgio.JPEG)
}

// FormatOf names an output's format from its bytes (JPEG or PNG), so a
// name's extension always matches what the file holds.
func FormatOf(data []byte) imgio.Format {
	if f, err := imgio.Sniff(data); err == nil {
		return f
	}
	return imgio.JPEG
}

// Names gives the output names of one input's outputs (outs, in the order
// render.Photo returns them): n applied to each done output, made unique by
// u (nil: not made unique); "" for failed ones. index is the input's
// 1-based number in the batch.
func (n *Namer) Names(stem string, index int, outs []render.Output, u *Unique) []string {
	return n.NamesWith(stem, index, outs, u, nil)
}

// NamesWith is Names with the photo's values in the sheet for {col:…}
// (see NameWith; nil: no sheet, or no row).
func (n *Namer) NamesWith(stem string, index int, outs []render.Output, u *Unique, col func(string) string) []string {
	names := make([]string, len(outs))
	for i, o := range outs {
		if o.Err != nil || o.Data == nil {
			continue
		}
		names[i] = n.NameWith(o.Preset.ID, stem, index, o.Width, o.Height, FormatOf(o.Data), col)
		if u != nil {
			names[i] = u.Name(names[i])
		}
	}
	return names
}

// Statuses of a report row.
const (
	StatusDone   = "done"
	StatusFailed = "failed"
)

// Row is one line of the report: one input × one preset.
type Row struct {
	Input, Preset, Output string
	Width, Height         int
	Bytes                 int64
	Status                string        // StatusDone, StatusFailed or StatusLeftOut
	Notes                 []msg.Message `json:"Notes,omitempty"` // why it failed, or a done output's notes ("upscaled from W×H crop", …)
}

// Say is the row's notes as one reason in lang.
func (r Row) Say(lang string) string { return msg.Join(lang, r.Notes) }

// Rows turns one photo's render result into report rows, one per preset in
// order, naming outputs by DefaultTemplate (unique whenever the stems come
// from Stems). err is render.Photo's error: then every preset fails with
// its message. outs[i] must be the output for presets[i] (render.Photo's
// order).
func Rows(input, stem string, presets []preset.Preset, outs []render.Output, err error) []Row {
	return NamedRows(input, presets, outs, err, DefaultNamer.Names(stem, 0, outs, nil))
}

// NamedRows is Rows with the output names given: names[i] is outs[i]'s
// path (Namer.Names). A done row's Notes are "upscaled from 200×300 crop",
// then render's notes ("colour profile ignored (…)", faces cut); a failed
// row's, its error's message (msg.Of).
func NamedRows(input string, presets []preset.Preset, outs []render.Output, err error, names []string) []Row {
	if err != nil {
		return FailedRows(input, presets, msg.Of(err))
	}
	rows := make([]Row, len(presets))
	for i, p := range presets {
		r := Row{Input: input, Preset: p.ID}
		switch {
		case i >= len(outs) || outs[i].Preset.ID != p.ID:
			r.Status, r.Notes = StatusFailed, []msg.Message{msg.New(msg.NotRendered)}
		case outs[i].Err != nil:
			r.Status, r.Notes = StatusFailed, []msg.Message{msg.Of(outs[i].Err)}
		default:
			o := outs[i]
			name := ""
			if i < len(names) {
				name = names[i]
			}
			if name == "" {
				name = DefaultNamer.Name(p.ID, "image", 0, o.Width, o.Height, FormatOf(o.Data))
			}
			r.Output, r.Width, r.Height, r.Bytes, r.Status = name, o.Width, o.Height, int64(len(o.Data)), StatusDone
			var notes []msg.Message
			if o.Upscaled {
				notes = append(notes, msg.New(msg.Upscaled, msg.Num("w", o.Crop.Dx()), msg.Num("h", o.Crop.Dy())))
			}
			for _, n := range o.Notes {
				if !n.IsZero() && !slices.ContainsFunc(notes, n.Equal) {
					notes = append(notes, n)
				}
			}
			r.Notes = notes
		}
		rows[i] = r
	}
	return rows
}

// FailedRows gives one failed row per preset with the same reason: for
// files that are not images, or whose worker died.
func FailedRows(input string, presets []preset.Preset, reason msg.Message) []Row {
	rows := make([]Row, len(presets))
	for i, p := range presets {
		rows[i] = Row{Input: input, Preset: p.ID, Status: StatusFailed, Notes: []msg.Message{reason}}
	}
	return rows
}
