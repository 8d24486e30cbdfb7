package settings

import (
	"io"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"picmark/internal/brand"
	"picmark/internal/job"
	"picmark/internal/msg"
)

// The flags' rule: a flag given overrides the brand kit; one left out
// fills only what the kit leaves unset.
func TestFlagsOverrideTheKit(t *testing.T) {
	logo := pngBytes(t)
	kit := func() *brand.File {
		return &brand.File{Version: brand.FileVersion, Presets: []string{"tumblr-photo"},
			Logo:  &brand.LogoFile{Data: logo, Anchor: "top", Scale: 0.4, Opacity: ptr(0.5)},
			Texts: []brand.TextFile{{Content: "Kit", Font: "mono", Band: "#000000"}, {Content: "Kit 2"}},
			Posts: &brand.PostsFile{Title: "{Kit}", Description: "{KitD}", AltText: "{KitA}"}}
	}
	files := map[string][]byte{"logo.png": logo, "mine.json": []byte(`[{"id": "mine", "name": "Mine", "width": 100, "height": 100, "maxBytes": 100000}]`)}
	read := func(name string, _ msg.Code, _ int64) ([]byte, error) {
		if b, ok := files[name]; ok {
			return b, nil
		}
		return nil, io.ErrUnexpectedEOF
	}
	// apply gives the flags as name, value, …; the others keep Table's defaults.
	apply := func(t *testing.T, args ...string) job.Settings {
		t.Helper()
		given := map[string]any{}
		for i := 0; i < len(args); i += 2 {
			name, v := args[i], args[i+1]
			switch flagDefault(t, name).(type) {
			case float64:
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatal(err)
				}
				given[name] = f
			case int:
				n, err := strconv.Atoi(v)
				if err != nil {
					t.Fatal(err)
				}
				given[name] = n
			case []string:
				l, _ := given[name].([]string)
				given[name] = append(l, v)
			default:
				given[name] = v
			}
		}
		value := func(name string) any {
			if v, ok := given[name]; ok {
				return v
			}
			return flagDefault(t, name)
		}
		s := job.Settings{Kit: kit()}
		run := Run{Given: func(name string) bool { _, ok := given[name]; return ok }, Read: read}
		if err := ApplyFlags(&s, value, run); err != nil {
			t.Fatal(err)
		}
		return s
	}
	kept := apply(t)
	if want := kit(); !reflect.DeepEqual(kept.Kit, want) {
		t.Errorf("no flag given: the kit became\n%+v\nwant\n%+v", kept.Kit, want)
	}
	if kept.Crop != job.DefaultCrop || kept.Fit != "fill" || kept.Format != "jpeg" || kept.Quality != 85 {
		t.Errorf("no flag given: framing and output %q %q %q %d, want the defaults", kept.Crop, kept.Fit, kept.Format, kept.Quality)
	}
	s := apply(t, "preset", "snapchat-story", "logo-anchor", "left", "logo-scale", "0.3", "logo-opacity", "0.9",
		"text", "A", "text", "B", "text", "C", "title", "T", "description", "D", "alt", "L", "crop", "top", "fit", "pad",
		"pad-color", "#112233", "format", "png", "quality", "70", "name", "{name}")
	k := s.Kit
	got := []any{k.Presets, k.Logo.Anchor, k.Logo.Scale, *k.Logo.Opacity, k.Texts[0].Content, k.Texts[0].Font, k.Texts[1].Content, k.Texts[2].Shadow,
		*k.Posts, s.Crop, s.Fit, s.Pad, s.Format, s.Quality, s.Name}
	want := []any{[]string{"snapchat-story"}, "left", 0.3, 0.9, "A", "mono", "B", true,
		brand.PostsFile{Title: "T", Description: "D", AltText: "L"}, "top", "pad", "#112233", "png", 70, "{name}"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("flags given:\n got %v\nwant %v", got, want)
	}
	s = apply(t, "presets", "mine.json", "logo", "logo.png", "focal", "0.2,0.3")
	if !slices.Equal(s.Kit.Presets, []string{"tumblr-photo", "mine"}) || s.Kit.Logo.Anchor != "top" || s.Crop != "focal" || s.Focal == nil {
		t.Errorf("-presets, -logo, -focal: presets %v, anchor %q, crop %q, focal %v", s.Kit.Presets, s.Kit.Logo.Anchor, s.Crop, s.Focal)
	}
}

func flagDefault(t *testing.T, name string) any {
	for _, e := range Table {
		if e.Flag == name {
			return e.Default
		}
	}
	t.Fatalf("no flag -%s", name)
	return nil
}
