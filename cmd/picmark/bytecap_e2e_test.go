//go:build !wasm

// The byte cap where the browser encodes.

package main

import (
	"encoding/base64"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"picmark/internal/imgio"
)

// byteCap checks the byte cap where the browser encodes (render.Compositor,
// the canvas path): beach.jpg alone, in two formats of one's own, one
// capped between what the browser's JPEG encoder gives for it at
// MinQuality and at DefaultQuality, the other under even MinQuality's
// size. The first must come out under its cap, the second be reported
// with the CapError's sentence.
func (env *e2eEnv) byteCap(t *testing.T) {
	srv, s := env.srv, env.s
	s.setPhase("byte-cap")
	defer s.forgetSettings(t)
	s.load(t, srv.URL)
	beach, err := os.ReadFile(filepath.Join(s.fx.folder, "beach.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "capped")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "beach.jpg"), beach, 0o644); err != nil {
		t.Fatal(err)
	}
	// The browser's JPEGs of the photo at each format's size, made as the
	// worker makes them (createImageBitmap at "high", convertToBlob), and
	// measured as the worker sends them: without metadata.
	const w, h, sw, sh = 900, 600, 600, 400 // the photo's 3:2, so nothing is cropped
	var enc []string
	s.evalInto(t, "the browser's JPEGs of beach.jpg", `(async () => {
  const bin = atob("`+base64.StdEncoding.EncodeToString(beach)+`");
  const bmp = await createImageBitmap(new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))], {type: "image/jpeg"}));
  const jpeg = async (w, h, q) => {
    const part = await createImageBitmap(bmp, {resizeWidth: w, resizeHeight: h, resizeQuality: "high"});
    const c = new OffscreenCanvas(w, h);
    c.getContext("2d").drawImage(part, 0, 0);
    const b = new Uint8Array(await (await c.convertToBlob({type: "image/jpeg", quality: q / 100})).arrayBuffer());
    let bin = "";
    for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode(...b.subarray(i, i + 0x8000));
    return btoa(bin);
  };
  return [await jpeg(`+fmt.Sprintf("%d, %d, %d), await jpeg(%d, %d, %d), await jpeg(%d, %d, %d)", w, h, imgio.MinQuality, w, h, imgio.DefaultQuality, sw, sh, imgio.MinQuality)+`];
})()`, &enc)
	size := func(b64 string) int64 {
		data, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		keep, err := imgio.JPEGWithoutMetadata(data)
		if err != nil {
			t.Fatalf("the browser's JPEG: %v", err)
		}
		n := 0
		for _, r := range keep {
			n += r[1] - r[0]
		}
		return int64(n)
	}
	low, high, small := size(enc[0]), size(enc[1]), size(enc[2])
	// The caps as the form takes them, in MB, and as the page reads them.
	mb := func(n int64) (string, int64) {
		text := strconv.FormatFloat(float64(n)/(1<<20), 'f', 7, 64)
		v, _ := strconv.ParseFloat(text, 64)
		return text, int64(v * (1 << 20))
	}
	betweenMB, between := mb((low + high) / 2)
	impossibleMB, impossible := mb(small / 2)
	t.Logf("the browser's JPEG of beach.jpg at %d×%d: %d bytes at q%d, %d at q%d: cap %d bytes; at %d×%d: %d bytes at q%d: cap %d bytes",
		w, h, low, imgio.MinQuality, high, imgio.DefaultQuality, between, sw, sh, small, imgio.MinQuality, impossible)
	if !(low < between && between < high) {
		t.Fatalf("no room for a cap between q%d (%d bytes) and q%d (%d bytes)", imgio.MinQuality, low, imgio.DefaultQuality, high)
	}

	for _, pr := range e2ePresets {
		if s.eval(t, "#preset-"+pr.id, `document.querySelector("#preset-`+pr.id+`").checked`) == "true" {
			s.click(t, "label[for=preset-"+pr.id+"]")
		}
	}
	s.addFormat(t, "Cap between", "cap-between", w, h, betweenMB)
	s.addFormat(t, "Cap impossible", "cap-impossible", sw, sh, impossibleMB)
	s.waitSetting(t, "the two capped formats the only ones ticked",
		`Object.keys(S.ticked).filter((k) => S.ticked[k]).sort().join() === "cap-between,cap-impossible"`)
	s.dropFolder(t, dir)
	s.runBatch(t)

	z := e2eZipFiles(t, s.download(t))
	rows := e2eReadReport(t, z["report.csv"])
	if len(rows) != 2 {
		t.Fatalf("report.csv %+v; want two rows, beach.jpg in each capped format", rows)
	}
	if len(z) != 2 {
		t.Errorf("%d entries in the ZIP; want report.csv and the one output under its cap", len(z))
	}
	for _, r := range rows {
		switch r.preset {
		case "cap-between":
			data := z[r.output]
			if r.status != "done" || len(data) == 0 || int64(len(data)) > between || r.bytes != int64(len(data)) {
				t.Errorf("beach.jpg × cap-between (%d bytes): %s %q, %d bytes in the ZIP (%q); want done under the cap", between, r.status, r.output, len(data), r.message)
				continue
			}
			t.Logf("beach.jpg × cap-between: %d bytes, under its cap of %d", len(data), between)
			e2eDecodeOutput(t, r.output, data, e2ePreset{id: r.preset, w: w, h: h, cap: between}, image.Pt(w, h))
		case "cap-impossible":
			want := (imgio.CapError{Max: impossible, Got: small}).Error()
			if r.status != "failed" || r.output != "" || r.message != want {
				t.Errorf("beach.jpg × cap-impossible (%d bytes, q%d gives %d): %s %q %q; want failed: %q", impossible, imgio.MinQuality, small, r.status, r.output, r.message, want)
			}
		default:
			t.Errorf("report.csv: a row for %s", r.preset)
		}
	}

	// Both formats removed, each by the first Remove button: the second
	// format's button, shown where the first's was, removes the second
	// (go-app keeps an element's first handler: it must not hold its format).
	first := `document.querySelector("button.remove-custom")`
	s.eval(t, "remove the first format", first+`.click(), true`)
	s.waitSetting(t, "cap-between removed", `(S.custom || []).map((c) => c.id).join() === "cap-impossible"`)
	s.waitJS(t, "one Remove button left", `document.querySelectorAll("button.remove-custom").length === 1 && `+first+`.dataset.id === "cap-impossible"`, 5*time.Second)
	s.eval(t, "remove the other format", first+`.click(), true`)
	s.waitSetting(t, "cap-impossible removed", `(S.custom || []).length === 0 && !S.ticked["cap-impossible"]`)
}
