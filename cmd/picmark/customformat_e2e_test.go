//go:build !wasm

// Formats of one's own, added through the page's form.

package main

import (
	"strconv"
	"testing"
	"time"
)

// addCustomFormat adds e2eShop through the page's form.
func (s *e2eSession) addCustomFormat(t *testing.T) {
	t.Helper()
	s.addFormat(t, "Shop square", e2eShop.id, 600, 600, "5")
	s.waitSetting(t, "the custom format remembered and ticked",
		`(S.custom || []).some((c) => c.id === "shop-square" && c.width === 600 && c.height === 600 && c.maxBytes === 5 * 1048576) && S.ticked["shop-square"] === true`)
}

// addFormat adds a format of one's own through the page's form, as a
// person types it: its name (the page makes id of it), size and cap in MB.
func (s *e2eSession) addFormat(t *testing.T, name, id string, w, h int, capMB string) {
	t.Helper()
	if s.eval(t, "#custom-format open", `document.querySelector("#custom-format").open`) != "true" {
		s.click(t, "#custom-format > summary")
	}
	s.waitJS(t, "the custom format form open", `document.querySelector("#custom-format").open`, 5*time.Second)
	for _, f := range []struct{ sel, v string }{
		{"#custom-name", name}, {"#custom-width", strconv.Itoa(w)}, {"#custom-height", strconv.Itoa(h)}, {"#custom-cap", capMB},
	} {
		// Cleared first, as a person would; after an "Add" they are empty
		// already (checked below).
		s.eval(t, "clear "+f.sel, `(document.querySelector(`+strconv.Quote(f.sel)+`).value = "", true)`)
		s.typeText(t, f.sel, f.v)
	}
	s.click(t, "#custom-add")
	box := `document.querySelector("input[type=checkbox][name=preset][value=` + id + `]")`
	s.waitJS(t, "the custom format listed, or an error", box+` || document.querySelector("#custom-error")`, 5*time.Second)
	if msg := s.eval(t, "#custom-error", `(document.querySelector("#custom-error") || {textContent: ""}).textContent.trim()`); msg != `""` {
		t.Fatalf("the page refused the format %s, %d×%d, %s MB, no margins: %s", name, w, h, capMB, msg)
	}
	s.waitJS(t, "the format "+id+" ticked", box+`.checked`, 5*time.Second)
	s.waitJS(t, "the form empty for the next format", `["#custom-name", "#custom-width", "#custom-height", "#custom-cap"].every((id) => document.querySelector(id).value === "")`, 5*time.Second)
}
