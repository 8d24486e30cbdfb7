//go:build !wasm

// Cancel and Retry: a ZIP right after Cancel holds what was made and says
// what was not; Retry makes only the rest.

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// cancelAndRetry cancels a batch certainly half made and retries it; then
// it saves the batch into a folder and shares it (save_e2e_test.go).
func (env *e2eEnv) cancelAndRetry(t *testing.T) {
	s := env.s
	s.reload(t)
	many := e2eManyPhotos(t, 8)
	s.dropFolder(t, many)
	// Two photos are made, the third is held in its worker and nothing
	// else is handed out (picmarkDebug.holdAfter): Cancel lands on a
	// batch certainly half made.
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	s.eval(t, "hold the third job", `(window.picmarkDebug.holdAfter(2), true)`)
	n := s.runs(t)
	s.click(t, "#start")
	s.waitJS(t, "two photos made and the third held", `window.picmarkDebug.held() !== "" &&
  window.__e2eJobs.filter((j) => j.answered && j.input !== window.picmarkDebug.held()).length === 2 &&
  document.querySelector("#progress").value === 2`, 60*time.Second)
	var held string
	s.evalInto(t, "the held photo", `window.picmarkDebug.held()`, &held)
	s.click(t, "#cancel")
	s.wsWaitDone(t, n)
	var jobs []e2eSentJob
	s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
	if len(jobs) != 3 {
		t.Fatalf("%d jobs sent by the end of the cancelled batch (%+v), want 3: two made, one held", len(jobs), jobs)
	}
	made := map[string]string{} // output name → SHA-256 of what the worker sent
	finished := map[string]bool{}
	for _, m := range s.madeSums(t) {
		if m.Input != held {
			made[m.Name], finished[m.Input] = m.Sum, true
		}
	}
	if len(finished) != 2 || len(made) != 2*3 {
		t.Fatalf("before Cancel the workers sent %d outputs of %v, want 3 of each of two photos", len(made), finished)
	}

	// The ZIP right after Cancel: what was made, byte for byte, and a
	// report line for every photo that was not.
	cancelled := e2eZipContents(t, s.download(t))
	for _, r := range cancelled.rows {
		switch {
		case finished[r.input]:
			if r.status != "done" || cancelled.sums[r.output] != made[r.output] || made[r.output] == "" {
				t.Errorf("after Cancel, %s × %s: %s %q, %d bytes in the ZIP; want done, the bytes the worker made", r.input, r.preset, r.status, r.output, r.bytes)
			}
		case r.status != "failed" || r.output != "" || !strings.Contains(r.message, "cancelled") || !strings.Contains(r.message, "Retry"):
			t.Errorf("after Cancel, %s × %s: %s %q; want failed, saying it was cancelled and that Retry makes it", r.input, r.preset, r.status, r.message)
		}
	}
	if len(cancelled.rows) != 8*3 || len(cancelled.sums) != len(made) {
		t.Errorf("after Cancel the ZIP has %d outputs and %d report rows; want the %d made and 24 rows", len(cancelled.sums), len(cancelled.rows), len(made))
	}

	if s.eval(t, "retry button", `!!document.querySelector("#retry")`) != "true" {
		t.Fatalf("no #retry button after a cancelled batch")
	}
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	n = s.runs(t)
	s.click(t, "#retry")
	s.wsWaitDone(t, n)
	// Retry makes the six others only; what was made stays as it was.
	s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
	for _, j := range jobs {
		if finished[j.Input] {
			t.Errorf("Retry sent %s again, made before the Cancel", j.Input)
		}
	}
	if len(jobs) != 8-len(finished) {
		t.Errorf("Retry sent %d jobs, want the %d photos not made", len(jobs), 8-len(finished))
	}
	retried := e2eZipContents(t, s.download(t))
	for i := range 8 {
		for _, p := range []string{"pinterest-pin", "tumblr-post", "snapchat-story"} {
			want := p + "/many/photo-" + strconv.Itoa(i) + ".jpg"
			if retried.sums[want] == "" {
				t.Errorf("after Retry the ZIP lacks %s", want)
			}
		}
	}
	for name, sum := range cancelled.sums {
		if retried.sums[name] != sum {
			t.Errorf("after Retry %s is not the one made before the Cancel", name)
		}
	}
	for _, r := range retried.rows {
		if r.status != "done" {
			t.Errorf("after Retry, %s × %s: %s %q", r.input, r.preset, r.status, r.message)
		}
	}
	if len(retried.rows) != 8*3 || len(retried.sums) != 8*3 {
		t.Errorf("after Retry the ZIP has %d outputs and %d report rows, want 24 of each", len(retried.sums), len(retried.rows))
	}

	s.saveIntoFolder(t, many)
	s.shareFiles(t)
}
