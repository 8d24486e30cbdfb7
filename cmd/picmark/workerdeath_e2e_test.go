//go:build !wasm

// Workers killed mid-batch: the photo they held is reported, the batch
// goes on in new workers, and Retry makes what was lost.

package main

import (
	"testing"
	"time"
)

// workerDeath kills every worker of a batch while one holds a photo.
func (env *e2eEnv) workerDeath(t *testing.T) {
	srv, s := env.srv, env.s
	s.setPhase("worker-death")
	s.load(t, srv.URL)
	s.dropFixtures(t)
	// The batch's first job is held in its worker (picmarkDebug.holdAfter)
	// and nothing else is handed out meanwhile: every worker of the batch
	// is killed while one of them certainly holds a photo and the rest of
	// the batch waits in the queue.
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	s.eval(t, "hold the first job", `(window.picmarkDebug.holdAfter(0), true)`)
	n := s.runs(t)
	s.click(t, "#start")
	s.waitJS(t, "the batch's first job held in its worker", `window.picmarkDebug.held() !== ""`, 60*time.Second)
	var kill struct {
		Held string `json:"held"`
		Made int    `json:"made"`
	}
	s.evalInto(t, "killWorkers", `(() => {
  const held = window.picmarkDebug.held(), made = window.__e2e.workersMade;
  window.picmarkDebug.killWorkers();
  return {held, made};
})()`, &kill)
	t.Logf("killed every worker of the batch while one held %s (%d workers started so far)", kill.Held, kill.Made)
	s.waitDone(t, n)
	// The photo is reported, with the reason; every other input is
	// accounted for as usual.
	s.checkZip(t, s.download(t), e2eMode{killed: kill.Held})
	// The rest was made by workers started after the kill, and the
	// killed photo was not sent again behind the user's back.
	var jobs []e2eSentJob
	s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
	sent := map[string]int{}
	for _, j := range jobs {
		sent[j.Input]++
		if j.Input != kill.Held && j.Worker <= kill.Made {
			t.Errorf("%s went to worker #%d, started before the kill (%d workers then): no worker was started to replace the killed ones", j.Input, j.Worker, kill.Made)
		}
	}
	if sent[kill.Held] != 1 || len(sent) != len(e2eInputs)-1 {
		t.Errorf("jobs sent per photo: %v; want each of the %d files the page takes once, %s included", sent, len(e2eInputs)-1, kill.Held)
	}

	// Retry makes the killed photo on the same page: then nothing is missing.
	if !s.enabled(t, "#start") || !s.enabled(t, "#retry") {
		t.Fatalf("#start or #retry is missing or disabled after a batch that lost a worker")
	}
	n = s.runs(t)
	s.click(t, "#retry")
	s.waitDone(t, n)
	s.checkZip(t, s.download(t), e2eStrict)
}
