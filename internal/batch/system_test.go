package batch

import (
	"testing"

	"picmark/internal/msg"
)

func TestSystemFile(t *testing.T) {
	for p, want := range map[string]bool{
		"shoot/.DS_Store": true, "shoot/._IMG_0001.HEIC": true, "Thumbs.db": true, "a\\b\\THUMBS.DB": true,
		"desktop.ini": true, "shoot/.picasa.ini": true, "shoot/.hidden.jpg": true, "ehthumbs.db": true,
		"shoot/IMG_0001.HEIC": false, "photo.jpg": false, "notes.txt": false, "shoot/desktop.ini.jpg": false,
		"shoot.DS_Store/a.jpg": false, "": false,
	} {
		if got := SystemFile(p); got != want {
			t.Errorf("SystemFile(%q) = %v", p, got)
		}
	}
}

func TestLeftOut(t *testing.T) {
	if r := LeftOut(1); r.Status != StatusLeftOut || r.Say(msg.English) != "1 system file left out (.DS_Store, Thumbs.db and the like)" {
		t.Errorf("LeftOut(1) = %+v", r)
	}
	if r := LeftOut(3); r.Say(msg.English) != "3 system files left out (.DS_Store, Thumbs.db and the like)" {
		t.Errorf("LeftOut(3) = %+v", r)
	}
}
