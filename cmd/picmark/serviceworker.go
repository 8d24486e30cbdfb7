//go:build !wasm

package main

import _ "embed"

// serviceWorkerTemplate replaces go-app's default service worker, whose
// install step does not wait for the cache to fill.
//
//go:embed serviceworker.js
var serviceWorkerTemplate string
