package preset

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"picmark/internal/msg"
)

// TestBuiltins: every built-in preset is valid, sourced, dated, unique.
func TestBuiltins(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range All() {
		t.Run(p.ID, func(t *testing.T) {
			if err := Check(p); err != nil {
				t.Error(err)
			}
			if seen[p.ID] {
				t.Errorf("id %q appears twice", p.ID)
			}
			seen[p.ID] = true
			if p.Name == "" || p.Platform == "" {
				t.Error("no name or platform")
			}
			if strings.TrimSpace(p.Source) == "" {
				t.Error("no source: say where the numbers come from")
			}
			if _, err := time.Parse("2006-01-02", p.Checked); err != nil {
				t.Errorf("checked %q is not a date like 2026-11-01", p.Checked)
			}
			if len(p.Formats) == 0 || p.MaxBytes <= 0 {
				t.Error("no formats or no byte cap")
			}
			// Platforms state their caps in whole megabytes, from 2 MB
			// (YouTube thumbnails) to 10 MB.
			if p.MaxBytes%(1<<20) != 0 || p.MaxBytes < 2<<20 || p.MaxBytes > 10<<20 {
				t.Errorf("byte cap %d is not a whole number of megabytes between 2 and 10", p.MaxBytes)
			}
			if p.WidthOnly() && p.MaxHeight == 0 && p.Safe != (Insets{}) {
				t.Error("a width-only preset without maxHeight cannot have a safe zone")
			}
		})
	}
	for _, id := range DefaultIDs {
		if _, ok := Lookup(id); !ok {
			t.Errorf("default %q is not a preset", id)
		}
	}
}

func TestParseCustom(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    []Preset
		wantErr string // a part of the error
	}{
		{"one", `[{"id":"shop-banner","width":1200,"height":400,"maxBytes":1000000,"safe":{"left":100}}]`,
			[]Preset{{ID: "shop-banner", Name: "shop-banner", Platform: "Custom", Width: 1200, Height: 400, MaxBytes: 1000000,
				Formats: []string{"jpeg", "png"}, Safe: Insets{Left: 100}}}, ""},
		{"width only", `[{"id":"blog","name":"Blog","width":800,"maxHeight":2000,"maxBytes":5,"formats":["png"],"notes":"n"}]`,
			[]Preset{{ID: "blog", Name: "Blog", Platform: "Custom", Width: 800, MaxHeight: 2000, MaxBytes: 5,
				Formats: []string{"png"}, Notes: "n"}}, ""},
		{"empty list", `[]`, []Preset{}, ""},
		{"bad id", `[{"id":"Shop Banner","width":10,"height":10,"maxBytes":1}]`, nil, "characters other than the letters a to z"},
		{"no id", `[{"width":10,"height":10,"maxBytes":1}]`, nil, "a format has no id"},
		{"builtin", `[{"id":"instagram-story","width":10,"height":10,"maxBytes":1}]`, nil, `"instagram-story" has the name of one of picmark's formats`},
		{"twice", `[{"id":"a","width":10,"height":10,"maxBytes":1},{"id":"a","width":10,"height":10,"maxBytes":1}]`, nil, `two formats named "a"`},
		{"zero width", `[{"id":"a","width":0,"height":10,"maxBytes":1}]`, nil, `"a" is 0 pixels wide; a format can be 1 to 16384 pixels wide`},
		{"huge height", `[{"id":"a","width":10,"height":16385,"maxBytes":1}]`, nil, "is 16385 pixels tall"},
		{"no cap", `[{"id":"a","width":10,"height":10}]`, nil, "has no size limit"},
		{"format", `[{"id":"a","width":10,"height":10,"maxBytes":1,"formats":["tiff"]}]`, nil, `lists the file type "tiff": picmark writes jpeg, png or gif`},
		{"safe width", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"left":40,"right":40}}]`, nil, "quarter of the width"},
		{"safe height", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"top":80}}]`, nil, "quarter of the height"},
		{"safe bottom", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"bottom":80}}]`, nil, "keeps 0 + 80 pixels clear at the top and bottom, which leaves 20 of its 100 pixels"},
		{"safe maxHeight", `[{"id":"a","width":100,"maxHeight":100,"maxBytes":1,"safe":{"top":40,"bottom":40}}]`, nil, "quarter of the height"},
		{"a quarter of each side is enough", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"top":40,"right":35,"bottom":35,"left":40}}]`,
			[]Preset{{ID: "a", Name: "a", Platform: "Custom", Width: 100, Height: 100, MaxBytes: 1, Formats: []string{"jpeg", "png"},
				Safe: Insets{Top: 40, Right: 35, Bottom: 35, Left: 40}}}, ""},
		{"width only, no height to keep free", `[{"id":"a","width":100,"maxBytes":1,"safe":{"top":50}}]`,
			[]Preset{{ID: "a", Name: "a", Platform: "Custom", Width: 100, MaxBytes: 1, Formats: []string{"jpeg", "png"}, Safe: Insets{Top: 50}}}, ""},
		{"long id", `[{"id":"` + strings.Repeat("a", 65) + `","width":10,"height":10,"maxBytes":1}]`, nil, "longer than 64 characters"},
		{"64 characters", `[{"id":"` + strings.Repeat("a", 64) + `","width":10,"height":10,"maxBytes":1}]`,
			[]Preset{{ID: strings.Repeat("a", 64), Name: strings.Repeat("a", 64), Platform: "Custom", Width: 10, Height: 10, MaxBytes: 1,
				Formats: []string{"jpeg", "png"}}}, ""},
		{"width 16384", `[{"id":"a","width":16384,"height":1,"maxBytes":1}]`,
			[]Preset{{ID: "a", Name: "a", Platform: "Custom", Width: 16384, Height: 1, MaxBytes: 1, Formats: []string{"jpeg", "png"}}}, ""},
		{"1×16384", `[{"id":"a","width":1,"height":16384,"maxBytes":1}]`,
			[]Preset{{ID: "a", Name: "a", Platform: "Custom", Width: 1, Height: 16384, MaxBytes: 1, Formats: []string{"jpeg", "png"}}}, ""},
		{"maxHeight 16384", `[{"id":"a","width":10,"maxHeight":16384,"maxBytes":1}]`,
			[]Preset{{ID: "a", Name: "a", Platform: "Custom", Width: 10, MaxHeight: 16384, MaxBytes: 1, Formats: []string{"jpeg", "png"}}}, ""},
		{"width 16385", `[{"id":"a","width":16385,"height":10,"maxBytes":1}]`, nil, "is 16385 pixels wide"},
		{"negative height", `[{"id":"a","width":10,"height":-1,"maxBytes":1}]`, nil, "is -1 pixel tall"},
		{"maxHeight 16385", `[{"id":"a","width":10,"maxHeight":16385,"maxBytes":1}]`, nil, "maximum height of 16385 pixels"},
		{"negative maxHeight", `[{"id":"a","width":10,"maxHeight":-1,"maxBytes":1}]`, nil, "maximum height of -1 pixel;"},
		{"negative cap", `[{"id":"a","width":10,"height":10,"maxBytes":-1}]`, nil, "has no size limit"},
		{"negative safe", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"top":-1}}]`, nil, "negative margin"},
		{"not json", `{`, nil, "cut short"},
		{"object", `{"id":"a"}`, nil, "is not a list of formats"},
		{"string width", `[{"id":"a","width":"10"}]`, nil, `the setting "width" should be a whole number`},
		{"number id", `[{"id":5}]`, nil, `the setting "id" should be a text in quotes`},
		{"unknown field", `[{"id":"a","widht":10}]`, nil, `the setting "widht" is not one picmark knows`},
		{"trailing", `[] []`, nil, "holds a list of formats and then something more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCustom([]byte(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestCustomJSONRoundTrip: what ParseCustom returns marshals back to JSON
// it reads again, with lower-case names.
func TestCustomJSONRoundTrip(t *testing.T) {
	in := `[{"id":"shop","name":"Shop","width":1200,"height":400,"maxBytes":1000,"formats":["jpeg"],"safe":{"top":1,"right":2,"bottom":3,"left":4}}]`
	ps, err := ParseCustom([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(ps)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"maxBytes":1000`) || !strings.Contains(string(out), `"safe":{"top":1`) {
		t.Errorf("marshalled %s", out)
	}
	again, err := ParseCustom(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ps, again) {
		t.Errorf("round trip: %+v != %+v", again, ps)
	}
}

// TestCustomIDs: an id names a folder in the ZIP, so it takes lower-case
// letters, digits and dashes only: every one of them, and nothing just
// outside those ranges ('/' and ':' around the digits, '`' and '{'
// around the letters).
func TestCustomIDs(t *testing.T) {
	for _, id := range []string{"abcdefghijklmnopqrstuvwxyz", "0123456789", "a-z-0-9"} {
		if _, err := ParseCustom([]byte(`[{"id":"` + id + `","width":10,"height":10,"maxBytes":1}]`)); err != nil {
			t.Errorf("id %q: %v", id, err)
		}
	}
	for _, id := range []string{"a/b", "a:b", "a`b", "a{b", "A", "a_b", "a b", "é"} {
		_, err := CheckCustom([]Preset{{ID: id, Width: 10, Height: 10, MaxBytes: 1}})
		if err == nil || !strings.Contains(err.Error(), "characters other than the letters a to z, digits and dashes") {
			t.Errorf("id %q: %v", id, err)
		}
	}
}

// TestCustomCount: a file may hold MaxCustom presets, not one more.
func TestCustomCount(t *testing.T) {
	ps := make([]Preset, MaxCustom+1)
	for i := range ps {
		ps[i] = Preset{ID: fmt.Sprintf("p%d", i), Width: 10, Height: 10, MaxBytes: 1}
	}
	if got, err := CheckCustom(ps[:MaxCustom]); err != nil || len(got) != MaxCustom {
		t.Errorf("%d presets: %d back, %v", MaxCustom, len(got), err)
	}
	if _, err := CheckCustom(ps); err == nil || !strings.Contains(err.Error(), "there are 201 formats of your own, 200 at most") {
		t.Errorf("%d presets: %v", len(ps), err)
	}
}

func TestResolve(t *testing.T) {
	custom := []Preset{{ID: "shop", Width: 10, Height: 10, MaxBytes: 1}}
	tests := []struct {
		name    string
		ids     []string
		want    []string
		wantErr string
	}{
		{"defaults", nil, DefaultIDs, ""},
		{"order kept, duplicates dropped", []string{"shop", "x-post", "shop", " x-post "}, []string{"shop", "x-post"}, ""},
		{"unknown", []string{"nope"}, nil, `the format "nope" is unknown: choose among facebook-cover`},
		{"unknown lists custom", []string{"nope"}, nil, ", shop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.ids, custom)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range got {
				ids = append(ids, p.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("ids = %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	ps, err := Parse("x-post, tumblr-post,x-post")
	if err != nil || len(ps) != 2 || ps[0].ID != "x-post" || ps[1].ID != "tumblr-post" {
		t.Errorf("Parse = %v, %v", ps, err)
	}
	if _, err := Parse("shop"); err == nil {
		t.Error("Parse knows only built-ins")
	}
}

// Every built-in format has its French name, for the French page and
// rapport.csv; a custom one keeps its own in every language.
func TestFrenchNames(t *testing.T) {
	for _, p := range All() {
		if p.NameFR == "" || p.NameFR == p.Name || p.Title(msg.French) != p.NameFR || p.Title(msg.English) != p.Name {
			t.Errorf("%s: French name %q (English %q)", p.ID, p.NameFR, p.Name)
		}
	}
	custom := Preset{ID: "shop", Name: "Shop banner", Width: 1200}
	if custom.Title(msg.French) != "Shop banner" || custom.Size(msg.French) != "1200 de large" || custom.Size(msg.English) != "1200 wide" {
		t.Errorf("custom preset: %q, %q", custom.Title(msg.French), custom.Size(msg.French))
	}
}
