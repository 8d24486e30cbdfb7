package preset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
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
// defaults to "Custom". Errors are plain sentences naming the preset.
func ParseCustom(data []byte) ([]Preset, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ps []Preset
	if err := dec.Decode(&ps); err != nil {
		return nil, JSONError(err, "a list of presets")
	}
	if dec.More() {
		return nil, errors.New("has something after the list of presets; a presets file holds one list")
	}
	return CheckCustom(ps)
}

// CheckCustom validates custom presets (as ParseCustom does) and returns
// them with their defaults filled in. Brand kits call it on their own list.
func CheckCustom(ps []Preset) ([]Preset, error) {
	if len(ps) > MaxCustom {
		return nil, fmt.Errorf("holds %d presets; at most %d are allowed", len(ps), MaxCustom)
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
			return nil, fmt.Errorf("preset %q: this id is already a built-in preset; choose another id", p.ID)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("preset %q is listed twice; each id must be different", p.ID)
		}
		seen[p.ID] = true
		out[i] = p
	}
	return out, nil
}

// Check validates one preset, built-in or custom: the id, the sides, the
// byte cap, the formats and the safe zone. The error names the preset.
func Check(p Preset) error {
	name := fmt.Sprintf("preset %q", p.ID)
	if p.ID == "" {
		return errors.New("a preset has no id; give each preset an id like \"shop-banner\"")
	}
	if len(p.ID) > 64 {
		return fmt.Errorf("%s: the id is longer than 64 characters; choose a shorter id", name)
	}
	if !validID(p.ID) {
		return fmt.Errorf("%s: the id may only use lower-case letters a-z, digits and dashes (like \"shop-banner\")", name)
	}
	if p.Width < 1 || p.Width > MaxSide {
		return fmt.Errorf("%s: width %d is not between 1 and %d pixels", name, p.Width, MaxSide)
	}
	if p.Height < 0 || p.Height > MaxSide {
		return fmt.Errorf("%s: height %d is not between 1 and %d pixels (or 0 to keep the photo's shape)", name, p.Height, MaxSide)
	}
	if p.MaxHeight < 0 || p.MaxHeight > MaxSide {
		return fmt.Errorf("%s: maxHeight %d is not between 1 and %d pixels (or 0 for no limit)", name, p.MaxHeight, MaxSide)
	}
	if p.MaxBytes <= 0 {
		return fmt.Errorf("%s: maxBytes must be more than 0 (the platform's upload limit, in bytes)", name)
	}
	for _, f := range p.Formats {
		if !contains(knownFormats, f) {
			return fmt.Errorf("%s: format %q is not one of %s", name, f, strings.Join(knownFormats, ", "))
		}
	}
	s := p.Safe
	if s.Top < 0 || s.Right < 0 || s.Bottom < 0 || s.Left < 0 {
		return fmt.Errorf("%s: the safe zone's margins cannot be negative", name)
	}
	// The safe area must keep at least a quarter of each side: layers are
	// placed inside it, and a sliver leaves no room for a logo or a line.
	if free := p.Width - s.Left - s.Right; 4*free < p.Width {
		return fmt.Errorf("%s: the safe zone's left and right margins (%d + %d) leave %d of %d pixels; keep at least a quarter of the width free",
			name, s.Left, s.Right, free, p.Width)
	}
	h := p.Height
	if p.WidthOnly() {
		h = p.MaxHeight
	}
	if h > 0 {
		if free := h - s.Top - s.Bottom; 4*free < h {
			return fmt.Errorf("%s: the safe zone's top and bottom margins (%d + %d) leave %d of %d pixels; keep at least a quarter of the height free",
				name, s.Top, s.Bottom, free, h)
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
			return nil, fmt.Errorf("unknown preset %q; known presets: %s", id, strings.Join(known, ", "))
		}
		out = append(out, p)
	}
	return out, nil
}

// JSONError turns encoding/json's errors into a plain sentence; want says
// what the document should hold ("a list of presets").
func JSONError(err error, want string) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "unexpected end of JSON input"):
		return fmt.Errorf("is empty or cut short; it should hold %s", want)
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "after top-level value"):
		return fmt.Errorf("has something after %s; the file should hold only that", want)
	case errors.As(err, &syn):
		return fmt.Errorf("is not valid JSON (near byte %d): %w", syn.Offset, err)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("does not hold %s (found a JSON %s)", want, typ.Value)
		}
		return fmt.Errorf("field %q holds a JSON %s where a %s is expected", typ.Field, typ.Value, plainType(typ.Type.String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("is empty or cut short; it should hold %s", want)
	}
	if s := err.Error(); strings.HasPrefix(s, "json: unknown field ") {
		return fmt.Errorf("has an unknown field %s (check its spelling)", strings.TrimPrefix(s, "json: unknown field "))
	}
	return fmt.Errorf("cannot be read as %s: %w", want, err)
}

func plainType(t string) string {
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "whole number"
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "*float"):
		return "number"
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "[]uint8"):
		return "base64 text"
	case strings.HasPrefix(t, "[]"):
		return "list"
	}
	return "value of another kind"
}

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
