package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"picmark/internal/brand"
)

// testdata/kits and testdata/settings were written once by the page of
// 2026-12-06, before the settings went through one table (settings.Table):
// brand kits as the page downloaded them (brand-kit.json) and kept them in
// the browser (the same bytes, in IndexedDB), and the settings it
// remembered (localStorage, settingsKey). Each *.want is what that page
// made of them. They are never regenerated: they are the formats users
// have, and today's page must read them as that page did.

// Every kit of yesterday's page opens as it did: the same page fields, the
// same logo and font, and the same batch settings.
func TestGoldenKitsLoad(t *testing.T) {
	files, _ := filepath.Glob("testdata/kits/*.json")
	if len(files) < 5 {
		t.Fatalf("%d golden kits, want 5 or more", len(files))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			var want struct {
				Choices   json.RawMessage
				LogoBytes int
				FontBytes int
				Settings  json.RawMessage
			}
			readGolden(t, strings.TrimSuffix(name, ".json")+".want", &want)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := brand.ParseFile(data)
			if err != nil {
				t.Fatalf("the kit no longer reads: %v", err)
			}
			c := defaultChoices()
			logo, font := c.applyKit(f)
			if len(logo.Data) != want.LogoBytes || len(font.Data) != want.FontBytes {
				t.Errorf("logo %d bytes, font %d; want %d and %d", len(logo.Data), len(font.Data), want.LogoBytes, want.FontBytes)
			}
			sameFields(t, "page field", want.Choices, c.save())
			doc, _ := json.Marshal(c.settings(logo, font))
			sameFields(t, "setting", want.Settings, string(doc))
		})
	}
}

// Every page's remembered settings restore as they did.
func TestGoldenSettingsRestore(t *testing.T) {
	files, _ := filepath.Glob("testdata/settings/*.json")
	if len(files) < 5 {
		t.Fatalf("%d golden settings, want 5 or more", len(files))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			var want struct{ Choices, Settings json.RawMessage }
			readGolden(t, strings.TrimSuffix(name, ".json")+".want", &want)
			saved, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			c := restoreChoices(string(saved))
			sameFields(t, "page field", want.Choices, c.save())
			doc, _ := json.Marshal(c.settings(upload{}, upload{}))
			sameFields(t, "setting", want.Settings, string(doc))
		})
	}
}

func readGolden(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// sameFields compares two JSON documents leaf by leaf, naming each leaf
// that differs, is missing or is new.
// departures (testdata/departures.json, which the browser's test reads
// too) are where today's page reads yesterday's files otherwise, on
// purpose: a new page field ("page field <key>", in every file), or one
// file's value ("<file> <what> <key>"), with why.
func departures(t *testing.T) map[string]string {
	var d map[string]string
	readGolden(t, "testdata/departures.json", &d)
	return d
}

func sameFields(t *testing.T, what string, want json.RawMessage, got string) {
	departures := departures(t)
	t.Helper()
	w, g := leaves(t, want), leaves(t, []byte(got))
	var keys []string
	for k := range w {
		keys = append(keys, k)
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		wv, wok := w[k]
		gv, gok := g[k]
		switch {
		case !gok:
			t.Errorf("%s %s: missing, want %v", what, k, wv)
		case !wok && departures[what+" "+k] != "", departures[filepath.Base(t.Name())+" "+what+" "+k] != "":
		case !wok:
			t.Errorf("%s %s: %v, not there before", what, k, gv)
		case !reflect.DeepEqual(wv, gv):
			t.Errorf("%s %s: %v, want %v", what, k, gv, wv)
		}
	}
	if len(w) < 3 {
		t.Errorf("%s: only %d fields to compare", what, len(w))
	}
}

func leaves(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(path+"."+k, e)
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		default:
			out[strings.TrimPrefix(path, ".")] = v
		}
	}
	walk("", v)
	return out
}
