//go:build !wasm

// Offline: the service worker holds the whole app, and the batch runs
// again with the server gone and the network off.

package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"picmark/internal/crop"
)

// offline takes the server away for real, reloads from the service
// worker's cache and runs the fixture batch again.
func (env *e2eEnv) offline(t *testing.T) {
	srv, px, s := env.srv, env.px, env.s
	s.setPhase("offline-prep")
	s.checkOfflineCache(t)
	// Take the server away for real, and tell the browser it is offline.
	srv.Close()
	if resp, err := http.Get(srv.URL); err == nil {
		resp.Body.Close()
		t.Fatalf("the test server still answers after Close")
	}
	px.setOffline()
	s.goOffline(t)
	s.setPhase("offline")
	s.reload(t)
	s.dropFixtures(t)
	s.runBatch(t)
	s.checkReportTable(t)
	zipPath := s.download(t)
	s.checkZip(t, zipPath, e2eStrict)
}

// checkOfflineCache checks, before the network goes, that the service
// worker controls the page and holds everything the app needs.
func (s *e2eSession) checkOfflineCache(t *testing.T) {
	t.Helper()
	var c struct {
		Controlled bool     `json:"controlled"`
		URLs       []string `json:"urls"`
	}
	s.evalInto(t, "service worker cache", `(async () => {
  await navigator.serviceWorker.ready;
  const urls = [];
  for (const k of await caches.keys()) {
    const c = await caches.open(k);
    for (const r of await c.keys()) urls.push(r.url);
  }
  return {controlled: !!navigator.serviceWorker.controller, urls};
})()`, &c)
	if !c.Controlled {
		t.Errorf("no service worker controls the page after two visits")
	}
	// What the page fetches in the background, for smart crops and texts
	// offline.
	for _, u := range []string{modelsPath + crop.CascadeFile, fontsPath + "regular.ttf", fontsPath + "bold.ttf"} {
		s.waitJS(t, u+" kept by the service worker", `caches.match("`+u+`").then((r) => !!r)`, 60*time.Second)
	}
	var missing []string
	for _, f := range requiredWebFiles { // every script module among them
		found := false
		for _, u := range c.URLs {
			if strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/"+f) {
				found = true
			}
		}
		if !found {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the service worker cache lacks %v (list them in go-app's CacheableResources); it holds %q", missing, c.URLs)
	}
}
