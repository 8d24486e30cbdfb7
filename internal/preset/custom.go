package preset

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"picmark/internal/msg"
)

// MaxSide is the largest side a preset may ask for (custom presets
// included): Go's JPEG encoder stops at 65535, and memory long before.
const MaxSide = 16384

// MaxCustom bounds how many custom presets one file may hold.
const MaxCustom = 200

// knownFormats are the file formats a preset may list.
var knownFormats = []string{"jpeg", "png", "gif"}

// ParseCustom reads custom presets from JSON: an array of
//
//	{"id", "name", "width", "height", "maxHeight", "maxBytes", "formats", "safe": {"top", "right", "bottom", "left"}, "notes"}
//
// Height 0 (or absent) means width-only, like the built-in Tumblr post. A
// missing name is the id; missing formats are jpeg and png; Platform
// defaults to "Custom". Errors are msg.Coded, naming the preset.
func ParseCustom(data []byte) ([]Preset, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ps []Preset
	if err := dec.Decode(&ps); err != nil {
		return nil, JSONError(err, msg.FileFormats)
	}
	if dec.More() {
		return nil, msg.Err(msg.FileTrailing, msg.Word("want", msg.FileFormats))
	}
	return CheckCustom(ps)
}

// CheckCustom validates custom presets (as ParseCustom does) and returns
// them with their defaults filled in. Brand kits call it on their own list.
func CheckCustom(ps []Preset) ([]Preset, error) {
	if len(ps) > MaxCustom {
		return nil, msg.Err(msg.PresetsTooMany, msg.Num("n", len(ps)), msg.Num("max", MaxCustom))
	}
	out := make([]Preset, len(ps))
	seen := map[string]bool{}
	for i, p := range ps {
		p.Formats = append([]string(nil), p.Formats...)
		if p.Name == "" {
			p.Name = p.ID
		}
		if p.Platform == "" {
			p.Platform = "Custom"
		}
		if len(p.Formats) == 0 {
			p.Formats = []string{"jpeg", "png"}
		}
		if err := Check(p); err != nil {
			return nil, err
		}
		if _, builtin := Lookup(p.ID); builtin {
			return nil, msg.Err(msg.PresetBuiltin, name(p))
		}
		if seen[p.ID] {
			return nil, msg.Err(msg.PresetTwice, name(p))
		}
		seen[p.ID] = true
		out[i] = p
	}
	return out, nil
}

// Check validates one preset, built-in or custom: the id, the sides, the
// byte cap, the formats and the safe zone. The error names the preset.
func Check(p Preset) error {
	name := name(p)
	if p.ID == "" {
		return msg.Err(msg.PresetNoID)
	}
	if len(p.ID) > 64 {
		return msg.Err(msg.PresetIDLong, name)
	}
	if !validID(p.ID) {
		return msg.Err(msg.PresetIDChars, name)
	}
	if p.Width < 1 || p.Width > MaxSide {
		return msg.Err(msg.PresetWidth, name, msg.Count("w", p.Width), msg.Num("max", MaxSide))
	}
	if p.Height < 0 || p.Height > MaxSide {
		return msg.Err(msg.PresetHeight, name, msg.Count("h", p.Height), msg.Num("max", MaxSide))
	}
	if p.MaxHeight < 0 || p.MaxHeight > MaxSide {
		return msg.Err(msg.PresetMaxHeight, name, msg.Count("h", p.MaxHeight), msg.Num("max", MaxSide))
	}
	if p.MaxBytes <= 0 {
		return msg.Err(msg.PresetNoCap, name)
	}
	for _, f := range p.Formats {
		if !contains(knownFormats, f) {
			return msg.Err(msg.PresetFileType, name, msg.Text("value", f), msg.List("formats", knownFormats...))
		}
	}
	s := p.Safe
	if s.Top < 0 || s.Right < 0 || s.Bottom < 0 || s.Left < 0 {
		return msg.Err(msg.PresetNegative, name)
	}
	// The safe area must keep at least a quarter of each side: layers are
	// placed inside it, and a sliver leaves no room for a logo or a line.
	if free := p.Width - s.Left - s.Right; 4*free < p.Width {
		return msg.Err(msg.PresetSides, name, msg.Num("left", s.Left), msg.Num("right", s.Right), msg.Num("free", free), msg.Num("w", p.Width))
	}
	h := p.Height
	if p.WidthOnly() {
		h = p.MaxHeight
	}
	if h > 0 {
		if free := h - s.Top - s.Bottom; 4*free < h {
			return msg.Err(msg.PresetEnds, name, msg.Num("top", s.Top), msg.Num("bottom", s.Bottom), msg.Num("free", free), msg.Num("h", h))
		}
	}
	return nil
}

// Resolve turns ids into presets, looking in the built-ins and then in
// custom, in the order given and without duplicates. No ids means
// DefaultIDs. An unknown id is an error listing every known id.
func Resolve(ids []string, custom []Preset) ([]Preset, error) {
	if len(ids) == 0 {
		ids = DefaultIDs
	}
	seen := map[string]bool{}
	var out []Preset
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		p, ok := Lookup(id)
		if !ok {
			for _, c := range custom {
				if c.ID == id {
					p, ok = c, true
					break
				}
			}
		}
		if !ok {
			known := IDs()
			for _, c := range custom {
				known = append(known, c.ID)
			}
			return nil, msg.Err(msg.PresetUnknown, msg.Text("id", id), msg.Text("ids", strings.Join(known, ", ")))
		}
		out = append(out, p)
	}
	return out, nil
}

// JSONError says encoding/json's err to a marketer, as a msg.Coded error
// that wraps it: want says what the file should hold (msg.FileKit,
// msg.FileFormats).
func JSONError(err error, want msg.Code) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	w := msg.Word("want", want)
	switch {
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "unexpected end of JSON input"):
		return msg.Wrap(err, msg.FileCutShort)
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "after top-level value"):
		return msg.Wrap(err, msg.FileTrailing, w)
	case errors.As(err, &syn):
		return msg.Wrap(err, msg.FileSyntax, msg.Num("at", syn.Offset))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return msg.Wrap(err, msg.FileNotKind, w)
		}
		return msg.Wrap(err, msg.FileFieldType, msg.Text("field", typ.Field), msg.Word("kind", valueKind(typ.Type.String())))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return msg.Wrap(err, msg.FileCutShort)
	}
	if s := err.Error(); strings.HasPrefix(s, "json: unknown field ") {
		return msg.Wrap(err, msg.FileUnknownField, msg.Text("field", strings.Trim(strings.TrimPrefix(s, "json: unknown field "), `"`)))
	}
	return msg.Wrap(err, msg.FileUnreadable, w, msg.Text("reason", err.Error()))
}

// valueKind says a Go type as the kind of value a setting holds.
func valueKind(t string) msg.Code {
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return msg.ValueWhole
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "*float"):
		return msg.ValueNumber
	case t == "string":
		return msg.ValueText
	case t == "bool":
		return msg.ValueBool
	case strings.HasPrefix(t, "[]uint8"):
		return msg.ValueFile
	case strings.HasPrefix(t, "[]"):
		return msg.ValueList
	}
	return msg.ValueOther
}

// name is a format as its messages name it: its name, else its id.
func name(p Preset) msg.Arg { return msg.Text("preset", cmp.Or(p.Name, p.ID)) }

func validID(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
