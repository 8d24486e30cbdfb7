//go:build !wasm

package main

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"io"
)

// The notices of what picmark bundles, shipped with it as their licences
// ask: `picmark licences` prints those of the native binary, and the
// server's /licences.html (linked from the page's footer, fetched only when
// opened) those of the page. The texts are copies of the modules' own files
// (licences_test.go checks them against the module cache, and that every
// module the binary is built from has one); libyuv's comes from Debian's
// copyright file for it.
//
//go:embed licences/*.txt
var licenceFiles embed.FS

// component is one bundled piece of software.
type component struct {
	Name    words    // a proper name is the same in both
	Licence string   // SPDX identifier
	Module  string   // the Go module whose files hold the notice; "std" for Go's own tree
	Files   []string // those files, relative to the module, joined into licences/Slug.txt
	Slug    string
	Page    bool // the page has it too: in app.wasm, or the HEIC decoder its workers run (else the native binary only)
	Note    words
}

var components = []component{
	{Name: words{"Go (runtime and standard library)", "Go (environnement d’exécution et bibliothèque standard)"}, Licence: "BSD-3-Clause", Module: "std", Files: []string{"LICENSE"}, Slug: "go", Page: true},
	{Name: same("golang.org/x/image"), Licence: "BSD-3-Clause", Module: "golang.org/x/image", Files: []string{"LICENSE"}, Slug: "golang.org-x-image", Page: true},
	{Name: words{"Go fonts (Bigelow & Holmes)", "Polices Go (Bigelow & Holmes)"}, Licence: "BSD-3-Clause", Module: "golang.org/x/image", Files: []string{"font/gofont/ttfs/README"}, Slug: "go-fonts", Page: true},
	{Name: same("golang.org/x/text"), Licence: "BSD-3-Clause", Module: "golang.org/x/text", Files: []string{"LICENSE"}, Slug: "golang.org-x-text", Page: true},
	{Name: same("golang.org/x/sys"), Licence: "BSD-3-Clause", Module: "golang.org/x/sys", Files: []string{"LICENSE"}, Slug: "golang.org-x-sys"},
	{Name: same("go-app"), Licence: "MIT", Module: "github.com/maxence-charriere/go-app/v10", Files: []string{"LICENSE"}, Slug: "go-app", Page: true},
	{Name: same("imaging"), Licence: "MIT", Module: "github.com/disintegration/imaging", Files: []string{"LICENSE"}, Slug: "imaging", Page: true},
	{Name: same("pigo"), Licence: "MIT", Module: "github.com/esimov/pigo", Files: []string{"LICENSE"}, Slug: "pigo", Page: true},
	{Name: same("uuid"), Licence: "BSD-3-Clause", Module: "github.com/google/uuid", Files: []string{"LICENSE"}, Slug: "uuid", Page: true},
	{Name: words{"brotli for Go", "brotli pour Go"}, Licence: "MIT", Module: "github.com/andybalholm/brotli", Files: []string{"LICENSE"}, Slug: "brotli"},
	{Name: same("wazero"), Licence: "Apache-2.0", Module: "github.com/tetratelabs/wazero", Files: []string{"LICENSE", "NOTICE"}, Slug: "wazero"},
	{Name: same("purego"), Licence: "Apache-2.0", Module: "github.com/ebitengine/purego", Files: []string{"LICENSE"}, Slug: "purego"},
	{Name: same("gen2brain/avif"), Licence: "MIT", Module: "github.com/gen2brain/avif", Files: []string{"LICENSE"}, Slug: "gen2brain-avif"},
	{Name: words{"libavif (in gen2brain/avif's WebAssembly)", "libavif (dans le WebAssembly de gen2brain/avif)"}, Licence: "BSD-2-Clause", Module: "github.com/gen2brain/avif", Files: []string{"lib/LICENSE.libavif"}, Slug: "libavif"},
	{Name: words{"libaom (in gen2brain/avif's WebAssembly)", "libaom (dans le WebAssembly de gen2brain/avif)"}, Licence: "BSD-2-Clause", Module: "github.com/gen2brain/avif", Files: []string{"lib/LICENSE.aom"}, Slug: "libaom"},
	{Name: words{"libyuv (in gen2brain/avif's WebAssembly)", "libyuv (dans le WebAssembly de gen2brain/avif)"}, Licence: "BSD-3-Clause", Slug: "libyuv"},
	{Name: words{"gen2brain/heic (picmark's fork, third_party/heic)", "gen2brain/heic (la version modifiée pour picmark, third_party/heic)"}, Licence: "MIT", Module: "github.com/gen2brain/heic", Files: []string{"LICENSE"}, Slug: "gen2brain-heic"},
	{Name: words{"libheif (in third_party/heic's WebAssembly)", "libheif (dans le WebAssembly de third_party/heic)"}, Licence: "LGPL-3.0-or-later", Module: "github.com/gen2brain/heic", Files: []string{"lib/LICENSE.libheif"}, Slug: "libheif", Note: lgplNote, Page: true},
	{Name: words{"libde265 (in third_party/heic's WebAssembly)", "libde265 (dans le WebAssembly de third_party/heic)"}, Licence: "LGPL-3.0-or-later", Module: "github.com/gen2brain/heic", Files: []string{"lib/LICENSE.libde265"}, Slug: "libde265", Note: lgplNote, Page: true},
}

// same is a proper name, said alike in both languages.
func same(name string) words { return words{name, name} }

// lgplNote says where the LGPL libraries' source is and how to relink.
var lgplNote = words{"picmark runs libheif 1.15.1 and libde265 1.0.15 as a separate WebAssembly module " +
	"(third_party/heic/lib/heif.wasm.gz), built from Debian's source packages libheif 1.15.1-1+deb12u1 and " +
	"libde265 1.0.15-1+deb13u2 with the patches in third_party/heic/lib/patches by third_party/heic/lib/Makefile. " +
	"You may rebuild it, with changes of your own, and put it in its place.",
	"picmark exécute libheif 1.15.1 et libde265 1.0.15 dans un module WebAssembly à part " +
		"(third_party/heic/lib/heif.wasm.gz), construit par third_party/heic/lib/Makefile à partir des paquets source " +
		"Debian libheif 1.15.1-1+deb12u1 et libde265 1.0.15-1+deb13u2, avec les correctifs de third_party/heic/lib/patches. " +
		"Vous pouvez le reconstruire, avec vos propres modifications, et le mettre à sa place."}

// notice returns a component's text.
func (c component) notice() string {
	b, err := licenceFiles.ReadFile("licences/" + c.Slug + ".txt")
	if err != nil {
		panic(err) // licences_test.go checks every file is there
	}
	return string(b)
}

// runLicences prints the notices of what this binary bundles.
func runLicences(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("licences", stderr)
	if _, err := parseFlags(fs, args); err != nil {
		return flagExit(err)
	}
	lang := cliLang()
	fmt.Fprint(stdout, licencesIntro.in(lang))
	for _, c := range components {
		fmt.Fprintf(stdout, "\n==== %s — %s ====\n", c.Name.in(lang), c.Licence)
		if c.Note != (words{}) {
			fmt.Fprintf(stdout, "%s\n\n", c.Note.in(lang))
		}
		fmt.Fprint(stdout, c.notice())
	}
	return exitOK
}

// licencesPage is /licences.html: the notices of what the page bundles, in
// a plain page of its own (no script, so the app's policy allows it).
func licencesPage() []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>picmark — Licences</title><link rel="stylesheet" href="/web/picmark.css"></head>
<body class="licences"><main>
<h1>Licences</h1>
<p>picmark runs in your browser with the software below; each licence asks that its notice travel with it.</p>
<p lang="fr">picmark fonctionne dans votre navigateur grâce aux logiciels ci-dessous ; chaque licence demande que son avis les accompagne.</p>
`)
	for _, c := range components {
		if !c.Page {
			continue
		}
		note := ""
		if c.Note != (words{}) {
			note = "<p>" + html.EscapeString(c.Note.en) + "</p>"
		}
		fmt.Fprintf(&b, "<details><summary>%s — %s</summary>%s<pre>%s</pre></details>\n",
			html.EscapeString(c.Name.en), c.Licence, note, html.EscapeString(c.notice()))
	}
	b.WriteString("</main></body></html>\n")
	return b.Bytes()
}
