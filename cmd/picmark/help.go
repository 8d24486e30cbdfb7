//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"reflect"
	"strings"

	"picmark/internal/msg"
)

// help.go: the command line's help — picmark's usage, each command's
// synopsis, each flag's help — and what serve, build, presets and licences
// print besides it, in English and French side by side, said in the user's
// language (cliLang). (process's messages are internal/msg's codes: the
// engine's and the page's too.) A flag is defined without help (its Usage
// stays empty): its help is here, under "command -flag", or "-flag" for
// every command that has it. The settings' flags (settings.Table) have
// theirs here too, under "process -…": the page never says them, and this
// file is native only, so none of it is in app.wasm.
//
// English is byte for byte what picmark printed before (testdata/help/en,
// testdata/said/en); TestHelpInFrench fails on a flag without French help,
// TestSaidInFrench on an English line in the commands' French.
// Values a user types stay as they are typed in French too ("0.2", "jpeg",
// "top-left"): the flag package reads "0.2", never "0,2".

// words is one text in both languages.
type words struct{ en, fr string }

// in is w in lang.
func (w words) in(lang string) string {
	if lang == msg.French {
		return w.fr
	}
	return w.en
}

var mainUsage = words{
	en: `picmark turns folders of photos into branded, platform-sized JPEGs.

Usage:
  picmark serve [-addr 127.0.0.1:8080] [-web DIR]
        serve the app: open the address it prints in your browser
  picmark build -out DIR [-web DIR]
        write the app as a static site any web host can serve
  picmark presets
        list the formats picmark knows
  picmark process [-preset id,id,…] [-logo FILE] [-logo-scale 0.2] [-logo-opacity 0.85] -out DIR|FILE.zip PATH…
        resize and brand photos and folders from the terminal
  picmark licences
        print the licences of the software picmark bundles

Run "picmark COMMAND -h" for a command's options.
`,
	fr: `picmark transforme des dossiers de photos en JPEG aux couleurs de votre marque, à la taille de chaque plateforme.

Utilisation` + "\u00A0" + `:
  picmark serve [-addr 127.0.0.1:8080] [-web DOSSIER]
        lancer l’application sur cet ordinateur` + "\u00A0" + `: ouvrez dans votre navigateur l’adresse qu’elle affiche
  picmark build -out DOSSIER [-web DOSSIER]
        écrire l’application en site statique, que tout hébergeur web peut servir
  picmark presets
        lister les formats que picmark connaît
  picmark process [-preset id,id,…] [-logo FICHIER] [-logo-scale 0.2] [-logo-opacity 0.85] -out DOSSIER|FICHIER.zip CHEMIN…
        redimensionner photos et dossiers à vos couleurs, depuis le terminal
  picmark licences
        afficher les licences des logiciels que picmark contient

Lancez «` + "\u00A0" + `picmark COMMANDE -h` + "\u00A0" + `» pour les options d’une commande.
`,
}

// say is w in lang, its fmt verbs filled by args.
func (w words) say(lang string, args ...any) string { return fmt.Sprintf(w.in(lang), args...) }

// saidError is an error whose words are said in the user's language
// (sayError); its Error is the English.
type saidError struct {
	w    words
	args []any
}

func (e *saidError) Error() string { return e.w.say(msg.English, e.args...) }

// sayError is err in lang: a saidError's words in it, any other as it is.
func sayError(err error, lang string) string {
	var s *saidError
	if errors.As(err, &s) {
		return s.w.say(lang, s.args...)
	}
	return err.Error()
}

// What serve, build, presets and licences print besides their usage:
// fmt formats, said by words.say. A mistake follows "picmark build: ",
// the command's tag, the same in both languages (as process's).
var (
	serveReady = words{"picmark is ready at http://%s (started in %s). Press Ctrl+C to stop.\n",
		"picmark est prêt à l’adresse http://%s (lancé en %s). Appuyez sur Ctrl+C pour l’arrêter.\n"}
	serveNoListen = words{"cannot listen on %s (%v): is picmark already running? Choose another address with -addr\n",
		"impossible d’écouter à l’adresse %s (%v)\u00A0: picmark est-il déjà lancé\u202F? Choisissez une autre adresse avec -addr\n"}

	buildNoOut   = words{"say where to write the site with -out DIR\n", "dites où écrire le site avec -out DOSSIER\n"}
	buildOverlap = words{"-out %s and -web %s overlap: choose an output folder outside the web folder\n",
		"-out %s et -web %s se recouvrent\u00A0: choisissez un dossier de sortie hors du dossier web\n"}
	buildWrite = words{"writing the site to %s failed: %v\n", "l’écriture du site dans %s a échoué\u00A0: %v\n"}
	buildDone  = words{"Static site written to %s: upload its contents to any web host (serve the .br/.gz copies of the .wasm and font files if the host can).\n",
		"Site statique écrit dans %s\u00A0: envoyez son contenu chez n’importe quel hébergeur web (servez les copies .br/.gz des fichiers .wasm et des polices si l’hébergeur le permet).\n"}

	// newSite's mistakes (saidError).
	siteMissing = words{"%s is missing: build the app first (make build)", "%s est introuvable\u00A0: construisez d’abord l’application (make build)"}
	siteNoWeb   = words{"cannot find the web folder %s: run picmark from the project folder or pass -web",
		"le dossier web %s est introuvable\u00A0: lancez picmark depuis le dossier du projet ou indiquez-le avec -web"}
	siteNoFont = words{"font %s is not compiled into this picmark", "la police %s n’est pas compilée dans ce picmark"}
	siteNoFace = words{"the face finder is not compiled into this picmark", "le détecteur de visages n’est pas compilé dans ce picmark"}

	presetsHeader = words{"ID\tSIZE\tMAX MB\tSAFE ZONE (px)\tPLATFORM\tSOURCE\n", "ID\tTAILLE\tMAX (Mo)\tZONE SÛRE (px)\tPLATEFORME\tSOURCE\n"}
	presetsNote   = words{"\n* used when -preset is not given\n", "\n* formats créés quand -preset n’est pas donné\n"}
	// A format's safe zone, side by side: "top 250, bottom 340".
	safeSides = [4]words{{"top", "haut"}, {"right", "droite"}, {"bottom", "bas"}, {"left", "gauche"}}

	licencesIntro = words{"picmark bundles the following software; each notice follows its name.\n",
		"picmark contient les logiciels suivants\u202F; chaque licence suit son nom, telle que ses auteurs l’ont écrite (en anglais).\n"}
)

// usageLine starts a command's usage: "Usage: picmark serve [-addr …]".
var usageLine = words{"Usage: picmark %s %s\n", "Utilisation\u00A0: picmark %s %s\n"}

// synopses are each command's arguments, after "picmark <command>". Every
// command has one (newFlags panics without it), so that the tests find it.
var synopses = map[string]words{
	"serve":    {"[-addr 127.0.0.1:8080] [-web DIR]", "[-addr 127.0.0.1:8080] [-web DOSSIER]"},
	"build":    {"-out DIR [-web DIR]", "-out DOSSIER [-web DOSSIER]"},
	"presets":  {},
	"licences": {},
	"process": {
		"[-preset id,…] [-presets FILE] [-brand FILE] [-logo FILE] [-sheet FILE [-match COLUMN]] [-text TEMPLATE]… " +
			"[-title TEMPLATE] [-description TEMPLATE] [-alt TEMPLATE] [-crop …] [-focal X,Y] " +
			"[-fit fill|pad|blur] [-pad-color #RRGGBB] [-format jpeg|png] [-quality N] [-name TEMPLATE] -out DIR|FILE.zip PATH…",
		"[-preset id,…] [-presets FICHIER] [-brand FICHIER] [-logo FICHIER] [-sheet FICHIER [-match COLONNE]] [-text MODÈLE]… " +
			"[-title MODÈLE] [-description MODÈLE] [-alt MODÈLE] [-crop …] [-focal X,Y] " +
			"[-fit fill|pad|blur] [-pad-color #RRGGBB] [-format jpeg|png] [-quality N] [-name MODÈLE] -out DOSSIER|FICHIER.zip CHEMIN…",
	},
}

// flagHelp is each flag's help, by "command -flag", or "-flag" for every
// command that has the flag.
var flagHelp = map[string]words{
	"-web": {"folder holding app.wasm, scripts and icons", "dossier contenant app.wasm, les scripts et les icônes"},

	"serve -addr": {"address to listen on (host:port)", "adresse d’écoute (hôte:port)"},

	"build -out": {"folder to write the static site to (required)", "dossier où écrire le site statique (obligatoire)"},

	// picmark process: what to read and where to write.
	"process -brand": {"brand kit JSON (logo, texts, tiled watermark, formats), as the page exports it",
		"kit de marque en JSON (logo, textes, filigrane répété, formats), tel que la page l’enregistre"},
	"process -sheet": {"a sheet (CSV, TSV, XLSX or ODS) with a row per product naming its photos, for {Column} in -text, -title, -description, -alt and -name",
		"un tableau (CSV, TSV, XLSX ou ODS) avec une ligne par produit qui nomme ses photos, pour {Colonne} dans -text, -title, -description, -alt et -name"},
	"process -captions": {"same as -sheet", "comme -sheet"},
	"process -match": {"the -sheet column that holds the photos' file names or image URLs (found on its own when not given)",
		"la colonne de -sheet qui contient les noms de fichier des photos ou les adresses de leurs images (trouvée toute seule si elle n’est pas donnée)"},
	"process -out": {"folder, or file ending in .zip, to write the outputs and report.csv to (required)",
		"dossier, ou fichier finissant par .zip, où écrire les images créées et le rapport (obligatoire)"},

	// picmark process: the batch's settings (settings.Table's flags).
	"process -preset": {"formats to make, comma-separated (see: picmark presets)",
		"formats à créer, séparés par des virgules (voir\u00A0: picmark presets)"},
	"process -presets": {"JSON file of your own formats (id, name, width, height, maxBytes, safe) to add",
		"fichier JSON de vos propres formats à ajouter (id, name, width, height, maxBytes, safe)"},
	"process -logo": {"PNG (with transparency) or JPEG logo, placed inside each format's safe zone",
		"logo en PNG (avec transparence) ou en JPEG, placé dans la zone sûre de chaque format"},
	"process -logo-anchor": {"where the logo goes: top-left, top, …, bottom-right, center",
		"où placer le logo\u00A0: top-left (en haut à gauche), top (en haut), …, bottom-right (en bas à droite), center (au centre)"},
	"process -logo-scale": {"logo width as a share of the output width (0.05 to 1)",
		"largeur du logo, en part de la largeur de l’image (de 0.05 à 1)"},
	"process -logo-opacity": {"logo opacity, 0 (invisible) to 1 (solid)",
		"opacité du logo, de 0 (invisible) à 1 (opaque)"},
	"process -text": {"a text layer, e.g. your shop's name or \"{Produit} – {Prix} €\" ({Column} takes the photo's value in -sheet); " +
		"give it once per layer: they replace the brand kit's texts, keeping their styles",
		"un calque de texte, par exemple le nom de votre boutique ou «\u00A0{Produit} – {Prix}\u00A0€\u00A0» ({Colonne} prend la valeur de la photo dans -sheet)\u202F; " +
			"une fois par calque\u00A0: ils remplacent les textes du kit de marque, en gardant leur style"},
	"process -title": {"template of each post's title in posts.csv, e.g. \"{Produit}\"",
		"modèle du titre de chaque publication dans posts.csv, par exemple «\u00A0{Produit}\u00A0»"},
	"process -description": {"template of each post's description in posts.csv",
		"modèle de la description de chaque publication dans posts.csv"},
	"process -alt": {"template of each picture's alt text in posts.csv (default: the title's)",
		"modèle du texte alternatif de chaque image dans posts.csv (par défaut\u00A0: celui du titre)"},
	"process -crop": {"which part to keep: smart (the subject), center, focal, top, bottom, left, right, top-left, …",
		"partie à garder\u00A0: smart (le sujet, cadrage intelligent), center (le centre), focal (le point d’intérêt), top, bottom, left, right, top-left, …"},
	"process -focal": {"focal point as fractions of width and height, e.g. 0.3,0.4 (with -crop focal)",
		"point d’intérêt en fractions de la largeur et de la hauteur, par exemple 0.3,0.4 (avec -crop focal)"},
	"process -fit": {"fill (crop to the format), pad (whole photo on -pad-color) or blur (whole photo on a blurred copy)",
		"fill (recadrer au format), pad (photo entière sur -pad-color) ou blur (photo entière sur une copie floutée)"},
	"process -pad-color": {"background colour for -fit pad", "couleur de fond pour -fit pad"},
	"process -format":    {"output format: jpeg or png", "format des fichiers créés\u00A0: jpeg ou png"},
	"process -quality": {"JPEG quality to start from (1 to 100); lowered to meet a format's size limit",
		"qualité JPEG de départ (de 1 à 100)\u202F; baissée pour respecter la taille maximale d’un format"},
	"process -name": {"output names: {preset} {dir} {name} {w} {h} {index}",
		"noms des fichiers créés\u00A0: {preset} {dir} {name} {w} {h} {index}"},
}

// valueNames name what a flag takes, after it ("-quality int"), by the
// flag package's name for its type.
var valueNames = map[string]words{
	"string": {"string", "texte"},
	"float":  {"float", "nombre"},
	"int":    {"int", "entier"},
	"value":  {"value", "texte"},
}

// defaults end a flag's help when its default is not the zero value: a
// text in quotes, a number as it is.
var (
	defaultText   = words{" (default %q)", " (par défaut\u00A0: «\u00A0%s\u00A0»)"}
	defaultNumber = words{" (default %v)", " (par défaut\u00A0: %v)"}
)

// helpOf is a command's flag's help.
func helpOf(command, name string) (words, bool) {
	if w, ok := flagHelp[command+" -"+name]; ok {
		return w, true
	}
	w, ok := flagHelp["-"+name]
	return w, ok
}

// printUsage writes a command's usage in lang: its synopsis, then each
// flag with its help, laid out as the flag package's PrintDefaults does.
func printUsage(w io.Writer, command string, fs *flag.FlagSet, lang string) {
	fmt.Fprintf(w, usageLine.in(lang), command, synopses[command].in(lang))
	fs.VisitAll(func(f *flag.Flag) {
		var b strings.Builder
		fmt.Fprintf(&b, "  -%s", f.Name)
		if name, _ := flag.UnquoteUsage(f); name != "" {
			b.WriteString(" " + valueNames[name].in(lang))
		}
		if b.Len() <= 4 { // "  -x": a one-letter flag's help on its line, as PrintDefaults
			b.WriteString("\t")
		} else {
			b.WriteString("\n    \t")
		}
		h, _ := helpOf(command, f.Name)
		b.WriteString(h.in(lang))
		if !isZeroValue(f) {
			if g, ok := f.Value.(flag.Getter); ok && isText(g.Get()) {
				fmt.Fprintf(&b, defaultText.in(lang), f.DefValue)
			} else {
				fmt.Fprintf(&b, defaultNumber.in(lang), f.DefValue)
			}
		}
		fmt.Fprintln(w, b.String())
	})
}

func isText(v any) bool { _, ok := v.(string); return ok }

// isZeroValue reports whether f's default is its type's zero value, which
// the help leaves unsaid (the flag package's rule).
func isZeroValue(f *flag.Flag) bool {
	t := reflect.TypeOf(f.Value)
	if t.Kind() != reflect.Pointer {
		return f.DefValue == reflect.Zero(t).Interface().(flag.Value).String()
	}
	return f.DefValue == reflect.New(t.Elem()).Interface().(flag.Value).String()
}
