//go:build !wasm

// The page's language: French for a French browser, and switched by hand.

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// language checks the page follows the browser's language, and that a
// language picked by hand stays after a reload.
func (env *e2eEnv) language(t *testing.T) {
	s := env.s
	// A browser set to French opens the page in French.
	c, cancel := s.step(10 * time.Second)
	ua := s.eval(t, "user agent", `navigator.userAgent`)
	if _, err := chromedp.Call(c, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: strings.Trim(ua, `"`), AcceptLanguage: "fr-FR,fr",
	}); err != nil {
		cancel()
		t.Fatal(err)
	}
	cancel()
	s.reload(t)
	s.waitJS(t, "the page in French for a French browser", `navigator.language.startsWith("fr") && document.body.textContent.includes("Cochez les formats")`, 10*time.Second)
	c, cancel = s.step(10 * time.Second)
	if _, err := chromedp.Call(c, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: strings.Trim(ua, `"`), AcceptLanguage: "en-US,en",
	}); err != nil {
		cancel()
		t.Fatal(err)
	}
	cancel()
	s.reload(t)
	s.waitJS(t, "the page in English for an English browser", `document.body.textContent.includes("Tick the formats")`, 10*time.Second)

	// Switched by hand, it stays so.
	s.wsSetValue(t, "#lang", "fr", "change")
	s.waitJS(t, "the page in French", `document.body.textContent.includes("Cochez les formats") && document.documentElement.lang === "fr"`, 10*time.Second)
	s.reload(t)
	s.waitJS(t, "French remembered after a reload", `document.body.textContent.includes("Cochez les formats")`, 10*time.Second)
	s.wsSetValue(t, "#lang", "en", "change")
	s.waitJS(t, "back in English", `document.body.textContent.includes("Tick the formats") && document.documentElement.lang === "en"`, 10*time.Second)
}
