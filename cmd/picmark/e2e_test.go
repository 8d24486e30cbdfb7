//go:build !wasm

// End-to-end tests: the real page (the wasm binary, the real server
// handler) in Debian's headless Chromium, driven over CDP, with real files,
// real ZIPs and real decoders.
//
// Every request the browser makes goes through a recording proxy (the page,
// its workers and its service worker alike), so "nothing leaves the machine"
// is checked at the network level, not only in the page's own events.
//
// A browser takes seconds to start, so each TestE2E… starts one and runs
// its features on it in sequence, as subtests. Each feature has a file of
// its own (<feature>_e2e_test.go), and every test, the bench's too, stands
// on one harness:
//   - e2e_harness_test.go: the site built from this tree, served on
//     127.0.0.1 through the recording proxy, and a browser on it (e2eOpen);
//   - e2e_session_test.go: the browser session: evaluate, poll (waitJS),
//     load, and the checks every test ends with (checkNetwork, checkConsole);
//   - e2e_page_test.go: what a person does on the page: drop a folder, pick
//     files, type, start a batch, download;
//   - e2e_fixtures_test.go: the photos, folders and logo the tests drop;
//   - e2e_zip_test.go: reading the downloaded ZIPs and report.csv;
//   - e2e_pixels_test.go: checking the pictures in them.
package main

import "testing"

// TestE2EBrowser is the whole marketer's path in a real browser: a
// branded batch of a dropped folder, the pickers, workers killed
// mid-batch, the engine's controls in depth, the byte cap, and the whole
// batch again with the server gone and the network off.
func TestE2EBrowser(t *testing.T) {
	env := e2eOpen(t, e2eBudget, nil)
	s := env.s

	if !t.Run("online", env.online) { // batch_e2e_test.go
		s.checkNetwork(t)
		s.checkConsole(t)
		return
	}
	t.Run("pickers-and-install", env.pickersAndInstall) // pickers_e2e_test.go
	t.Run("worker-death", env.workerDeath)              // workerdeath_e2e_test.go
	t.Run("engine-depth", env.engineDepth)              // depth_e2e_test.go
	t.Run("byte-cap", env.byteCap)                      // bytecap_e2e_test.go
	t.Run("offline", env.offline)                       // offline_e2e_test.go

	s.checkNetwork(t)
	s.checkConsole(t)
}
