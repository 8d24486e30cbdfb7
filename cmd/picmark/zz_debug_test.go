//go:build !wasm

package main

import (
	"testing"
	"time"
)

func TestZZDebug(t *testing.T) {
	env := e2eOpen(t, 3*time.Minute, nil)
	s, fx := env.s, env.fx
	s.setPhase("online")
	s.load(t, env.srv.URL)
	s.dropFolder(t, fx.folder)
	time.Sleep(12 * time.Second)
	t.Log(s.eval(t, "states", `document.body.dataset.state + " " + JSON.stringify(window.picmarkDebug.states()) + " q=" + window.picmarkDebug.previewsQueued() + " idle=" + window.picmarkDebug.previewsIdle() + " imgs=" + document.querySelectorAll("#previews img").length + " " + (document.querySelector("#previews") || {}).textContent`))
	s.mu.Lock()
	for _, l := range s.allLogs {
		t.Log(l)
	}
	s.mu.Unlock()
}
