package app

import (
	"strings"
	"testing"
)

// The page says in the marketer's words why a batch does not start, in
// English and French, and suggests the folder only where there is one.
func TestNoRoom(t *testing.T) {
	p := &Page{}
	p.OnInit()
	for _, c := range []struct {
		lang   string
		folder bool
		want   []string
	}{
		{"en", true, []string{"need about 2.5 GB", "“Save into a folder…”", "tick fewer formats"}},
		{"en", false, []string{"need about 2.5 GB", "Tick fewer formats, or add fewer photos"}},
		{"fr", true, []string{"environ 2,5\u00a0Go", "«\u00a0Enregistrer dans un dossier…\u00a0»", "jusqu’au téléchargement"}},
		{"fr", false, []string{"environ 2,5\u00a0Go", "Cochez moins de formats"}},
	} {
		p.run.lang = c.lang
		got := p.run.noRoom(2560<<20, c.folder).in(c.lang)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s, folder %v: %q lacks %q", c.lang, c.folder, got, w)
			}
		}
		if !c.folder && strings.Contains(strings.ToLower(got), "folder") || strings.Contains(got, "dossier") && !c.folder {
			t.Errorf("%s: %q suggests a folder the browser cannot save into", c.lang, got)
		}
	}
}

// The folder's notices are in the French table, singular and plural.
func TestFolderNoticesInFrench(t *testing.T) {
	for _, pair := range [][2]string{
		{"Done: %d picture and the report saved in a new folder, %s, inside the one you chose.", "Done: %d pictures and the report saved in a new folder, %s, inside the one you chose."},
		{"Done: %d picture saved in a new folder, %s, inside the one you chose.", "Done: %d pictures saved in a new folder, %s, inside the one you chose."},
		{"%d picture could not be made: the report there and below says why.", "%d pictures could not be made: the report there and below says why."},
	} {
		for _, n := range []int{0, 1, 2} {
			fr, en := counted("fr", n, pair[0], pair[1], n, "picmark 2026-12-06 14-05"), counted("en", n, pair[0], pair[1], n, "picmark 2026-12-06 14-05")
			if fr == en || !strings.Contains(fr, "\u00a0:") {
				t.Errorf("%d: French %q for English %q", n, fr, en)
			}
			if plural := strings.Contains(fr, "images"); plural != (n > 1) {
				t.Errorf("%d: %q, want the plural only from 2", n, fr)
			}
		}
	}
	for _, en := range []string{
		"picmark cannot write into that folder (%v): choose another one.",
		"The report could not be written into the folder: check there is room on the disk; the report below says the same.",
	} {
		if _, ok := french[en]; !ok {
			t.Errorf("the French table lacks %q", en)
		}
	}
}
