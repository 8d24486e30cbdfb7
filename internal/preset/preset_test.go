package preset

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
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
		{"bad id", `[{"id":"Shop Banner","width":10,"height":10,"maxBytes":1}]`, nil, "lower-case letters"},
		{"no id", `[{"width":10,"height":10,"maxBytes":1}]`, nil, "has no id"},
		{"builtin", `[{"id":"instagram-story","width":10,"height":10,"maxBytes":1}]`, nil, "already a built-in"},
		{"twice", `[{"id":"a","width":10,"height":10,"maxBytes":1},{"id":"a","width":10,"height":10,"maxBytes":1}]`, nil, "listed twice"},
		{"zero width", `[{"id":"a","width":0,"height":10,"maxBytes":1}]`, nil, "width 0 is not between 1 and 16384"},
		{"huge height", `[{"id":"a","width":10,"height":16385,"maxBytes":1}]`, nil, "height 16385"},
		{"no cap", `[{"id":"a","width":10,"height":10}]`, nil, "maxBytes must be more than 0"},
		{"format", `[{"id":"a","width":10,"height":10,"maxBytes":1,"formats":["tiff"]}]`, nil, `format "tiff"`},
		{"safe width", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"left":40,"right":40}}]`, nil, "quarter of the width"},
		{"safe height", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"top":80}}]`, nil, "quarter of the height"},
		{"negative safe", `[{"id":"a","width":100,"height":100,"maxBytes":1,"safe":{"top":-1}}]`, nil, "negative"},
		{"not json", `{`, nil, "cut short"},
		{"object", `{"id":"a"}`, nil, "does not hold a list of presets"},
		{"string width", `[{"id":"a","width":"10"}]`, nil, `field "width" holds a JSON string where a whole number is expected`},
		{"unknown field", `[{"id":"a","widht":10}]`, nil, `unknown field "widht"`},
		{"trailing", `[] []`, nil, "after the list"},
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
		{"unknown", []string{"nope"}, nil, `unknown preset "nope"; known presets: facebook-cover`},
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
