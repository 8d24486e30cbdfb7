package app

import (
	"strings"
	"testing"

	"picmark/internal/settings"
)

// TestEveryControlOnThePage: every control settings.Table and LayerTable
// describe, simple or drawn by hand, is on the page (with every setting
// that shows a control on another's value set so that it shows): the
// first text layer's and a later one's. A section the panel forgets to
// draw, or a Hand control nobody draws, fails here.
func TestEveryControlOnThePage(t *testing.T) {
	p := &Page{}
	p.OnInit()
	c := &p.settings.choices
	c.Fit, c.TextStyle, c.Tile = "pad", "badge", true
	c.Layers = []settings.Layer{settings.NewLayer()}
	c.Layers[0].TextStyle, c.Layers[0].FontData = "band", []byte("a kit's font file")
	p.settings.kits = kitState{List: []kitRef{{ID: "k", Name: "Kit"}}, Current: "k"}
	html := renderPage(t, p)
	on := func(key, id string) {
		if !strings.Contains(html, `id="`+id+`"`) {
			t.Errorf("%s: no element #%s on the page", key, id)
		}
	}
	n := 0
	for _, e := range settings.Table {
		for _, ctl := range e.Controls {
			on(e.Key, ctl.ID)
			n++
		}
	}
	for _, e := range settings.LayerTable {
		for _, ctl := range e.Controls {
			on("kit.texts[0]."+e.Key, ctl.First)
			if ctl.ID != "" {
				on("kit.texts[1]."+e.Key, layerID(2, ctl.ID))
			}
			n++
		}
	}
	if n < 25 {
		t.Errorf("%d controls in the tables: they did not load", n)
	}
}
