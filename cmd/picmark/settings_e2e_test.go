//go:build !wasm

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// e2eCurrentKitKey is where the page remembers the kit in use (app/kits.go).
const e2eCurrentKitKey = "picmark.kit.v1"

// TestE2ESettingsGolden: what the page kept before its settings went
// through one table (app/testdata, written by that page) opens in the
// browser as it did. Each golden kit — kept in IndexedDB as the page keeps
// kits and opened by a reload, then imported as a downloaded file — and
// each golden remembered settings, put in localStorage, give the page the
// fields that page gave them (*.want), read back as the page remembers
// them.
func TestE2ESettingsGolden(t *testing.T) {
	env := e2eServe(t, e2eBudget, nil)
	s := env.s
	s.load(t, env.srv.URL)
	golden := filepath.Join("..", "..", "app", "testdata")

	kits, _ := filepath.Glob(filepath.Join(golden, "kits", "*.json"))
	settings, _ := filepath.Glob(filepath.Join(golden, "settings", "*.json"))
	if len(kits) < 5 || len(settings) < 5 {
		t.Fatalf("%d golden kits and %d golden settings, want 5 or more of each", len(kits), len(settings))
	}
	for _, name := range kits {
		t.Run("kit "+filepath.Base(name), func(t *testing.T) {
			doc, want := e2eGolden(t, name)
			id := "kit-golden-" + strings.TrimSuffix(filepath.Base(name), ".json")
			s.eval(t, "keep the golden kit as the page keeps kits", `window.picmark.kits.put(`+strconv.Quote(id)+`, "Golden", `+strconv.Quote(doc)+`).then(() => {
  localStorage.removeItem("`+e2eSettingsKey+`");
  localStorage.setItem("`+e2eCurrentKitKey+`", JSON.stringify(`+strconv.Quote(id)+`));
  return true;
})`)
			s.reload(t)
			s.waitJS(t, "the golden kit in use", `document.querySelector("#kit").value === `+strconv.Quote(id)+
				` && !!localStorage.getItem("`+e2eSettingsKey+`")`, 60*time.Second)
			if msg := s.eval(t, "kit error", `(document.querySelector("#kit-error") || {}).textContent || ""`); msg != `""` {
				t.Fatalf("the kit bar says %s", msg)
			}
			e2eSameSettings(t, s, want)

			// The same file downloaded (brand-kit.json), imported into a fresh page.
			s.eval(t, "forget the kit", `window.picmark.kits.delete(`+strconv.Quote(id)+`).then(() => {
  localStorage.removeItem("`+e2eSettingsKey+`");
  localStorage.setItem("`+e2eCurrentKitKey+`", JSON.stringify(""));
  return true;
})`)
			s.reload(t)
			s.waitJS(t, "the page mounted", `document.body.dataset.state === "idle"`, 60*time.Second)
			abs, err := filepath.Abs(name)
			if err != nil {
				t.Fatal(err)
			}
			s.upload(t, "#kit-import", []string{abs})
			s.waitJS(t, "the imported kit in use", `document.querySelector("#kit").value.startsWith("kit-")`+
				` && !!localStorage.getItem("`+e2eSettingsKey+`")`, 60*time.Second)
			e2eSameSettings(t, s, want)
			s.eval(t, "forget the imported kit", `window.picmark.kits.delete(document.querySelector("#kit").value).then(() => true)`)
		})
	}
	for _, name := range settings {
		t.Run("settings "+filepath.Base(name), func(t *testing.T) {
			saved, want := e2eGolden(t, name)
			// go-app keeps a value as its JSON: the settings' JSON as a JSON string.
			s.eval(t, "remember the golden settings", `(localStorage.setItem("`+e2eSettingsKey+`", JSON.stringify(`+strconv.Quote(saved)+`)),
  localStorage.setItem("`+e2eCurrentKitKey+`", JSON.stringify("")), true)`)
			s.reload(t)
			// OnMount has restored the settings once it marks the body.
			s.waitJS(t, "the page mounted", `document.body.dataset.state === "idle"`, 60*time.Second)
			// Choose the framing it shows: the page remembers all it holds.
			s.eval(t, "choose #crop again", `(() => {
  const e = document.querySelector("#crop");
  localStorage.removeItem("`+e2eSettingsKey+`");
  e.dispatchEvent(new Event("change", {bubbles: true}));
  return true;
})()`)
			s.waitJS(t, "the settings remembered again", `!!localStorage.getItem("`+e2eSettingsKey+`")`, 60*time.Second)
			e2eSameSettings(t, s, want)
		})
	}
	s.forgetSettings(t)
	s.checkConsole(t)
}

// e2eGolden reads a golden file and what the page made of it.
func e2eGolden(t *testing.T, name string) (data string, want map[string]any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile(strings.TrimSuffix(name, ".json") + ".want")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Choices map[string]any }
	if err := json.Unmarshal(w, &v); err != nil || len(v.Choices) < 10 {
		t.Fatalf("%s.want: %v (%d fields)", name, err, len(v.Choices))
	}
	return string(b), v.Choices
}

// e2eSameSettings compares the page's remembered settings with want,
// field by field.
func e2eSameSettings(t *testing.T, s *e2eSession, want map[string]any) {
	t.Helper()
	var raw string
	s.evalInto(t, "the remembered settings", `JSON.parse(localStorage.getItem("`+e2eSettingsKey+`"))`, &raw)
	var got map[string]any
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("the remembered settings %q: %v", raw, err)
	}
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var departures map[string]string // new fields, on purpose (app/golden_settings_test.go)
	d, err := os.ReadFile(filepath.Join("..", "..", "app", "testdata", "departures.json"))
	if err == nil {
		err = json.Unmarshal(d, &departures)
	}
	if err != nil {
		t.Fatalf("app/testdata/departures.json: %v", err)
	}
	for _, k := range keys {
		if _, ok := want[k]; !ok && departures["page field "+k] != "" {
			continue
		}
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s: the page holds %v, want %v", k, got[k], want[k])
		}
	}
}
