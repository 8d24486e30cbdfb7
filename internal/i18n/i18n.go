// Package i18n says the engine's report messages in the marketer's
// language. The engine writes plain English sentences (the command line and
// report.csv default to them); the page shows them, and writes the report,
// in French for a French-speaking user. Each sentence the engine can put in
// a report has a pattern here; numbers, sizes and names are carried over.
//
// Messages are translated part by part: a report message joins notes with
// "; " and a failure may wrap a cause after ": ".
package i18n

import (
	"regexp"
	"strconv"
	"strings"
)

// A rule turns one English sentence shape into French.
type rule struct {
	re *regexp.Regexp
	fr string // a regexp replacement template: $1, $2 …
	// nested: the captured parts are themselves messages to translate (a
	// worker's stop reason inside its sentence).
	nested bool
}

func r(pattern, fr string) rule { return rule{re: regexp.MustCompile("^" + pattern + "$"), fr: fr} }

func nested(pattern, fr string) rule {
	return rule{re: regexp.MustCompile("^" + pattern + "$"), fr: fr, nested: true}
}

// French rules, most specific first. Patterns match a whole part.
var french = []rule{
	// The gate (internal/imgio).
	r(`is not an image picmark can read \(JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF or BMP\)`, "n'est pas une image que picmark sait lire (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF ou BMP)"),
	r(`is a ([A-Z]+) photo, which picmark cannot open in the browser yet: export it as JPEG, or use picmark process on a computer`,
		"est une photo $1, que picmark ne sait pas encore ouvrir dans le navigateur : exportez-la en JPEG, ou utilisez picmark process sur un ordinateur"),
	r(`could not be read \(([^;]+)\): check that it opens on this computer, then try again`,
		"n'a pas pu être lu ($1) : vérifiez qu'il s'ouvre sur cet ordinateur, puis réessayez"),
	r(`is ([^;]+); picmark accepts files up to ([^;]+): export a smaller copy`, "pèse $1 ; picmark accepte des fichiers jusqu'à $2 : exportez une copie plus petite"),
	r(`is (\d+)×(\d+) pixels \(([^;]+) megapixels\); picmark accepts up to ([^;]+) megapixels: export a smaller copy`,
		"fait $1×$2 pixels ($3 mégapixels) ; picmark accepte jusqu'à $4 mégapixels : exportez une copie plus petite"),
	r(`is (\d+)×(\d+) pixels; picmark accepts at most (\d+) pixels on a side: export a smaller copy`,
		"fait $1×$2 pixels ; picmark accepte au plus $3 pixels de côté : exportez une copie plus petite"),
	r(`is (\d+)×(\d+) pixels, (\d+) times as wide as it is tall; picmark accepts up to (\d+) times: crop it to a less extreme shape first`,
		"fait $1×$2 pixels, $3 fois plus large que haute ; picmark accepte jusqu'à $4 fois : recadrez-la d'abord"),
	r(`is (\d+)×(\d+) pixels, (\d+) times as tall as it is wide; picmark accepts up to (\d+) times: crop it to a less extreme shape first`,
		"fait $1×$2 pixels, $3 fois plus haute que large ; picmark accepte jusqu'à $4 fois : recadrez-la d'abord"),
	r(`is damaged or incomplete \(the ([^;]+) data ends early\): export it again`, "est abîmée ou incomplète (les données $1 s'arrêtent trop tôt) : exportez-la de nouveau"),
	r(`uses a ([^;]+) feature picmark cannot read: export it again as a standard ([^;]+)`, "utilise une fonction $1 que picmark ne sait pas lire : exportez-la de nouveau en $2 standard"),
	r(`is damaged \(its ([^;]+) data cannot be read\): export it again`, "est abîmée (ses données $1 sont illisibles) : exportez-la de nouveau"),
	// Encoding under a cap.
	r(`is ([^;]+) as a PNG, over this format's ([^;]+) limit: choose JPEG for it, or a simpler picture`,
		"pèse $1 en PNG, au-delà de la limite de $2 de ce format : choisissez JPEG, ou une image plus simple"),
	r(`is still ([^;]+) at the lowest JPEG quality, over this format's ([^;]+) limit: choose a less detailed photo or another format`,
		"pèse encore $1 à la qualité JPEG la plus basse, au-delà de la limite de $2 de ce format : choisissez une photo moins détaillée ou un autre format"),
	// Notes on done outputs (internal/render, internal/batch, internal/imgio).
	r(`upscaled from (\d+)×(\d+) crop`, "agrandie à partir d'un recadrage de $1×$2"),
	r(`1 face could not be kept whole in this format`, "1 visage n'a pas pu être gardé entier dans ce format"),
	r(`(\d+) faces could not be kept whole in this format`, "$1 visages n'ont pas pu être gardés entiers dans ce format"),
	r(`([^;]+) takes ([^;]+) files only: made a JPEG`, "$1 n'accepte que les fichiers $2 : un JPEG a été créé"),
	r(`only the first page was used \(the TIFF has several\)`, "seule la première page a été utilisée (le TIFF en a plusieurs)"),
	r(`only the first frame was used \(the AVIF is an animation\)`, "seule la première image a été utilisée (l'AVIF est une animation)"),
	r(`1 system file left out \(\.DS_Store, Thumbs\.db and the like\)`, "1 fichier système mis de côté (.DS_Store, Thumbs.db et autres)"),
	r(`(\d+) system files left out \(\.DS_Store, Thumbs\.db and the like\)`, "$1 fichiers système mis de côté (.DS_Store, Thumbs.db et autres)"),
	r(`colour profile ignored \(it is a CMYK profile\)`, "profil de couleur ignoré (c'est un profil CMJN)"),
	r(`colour profile ignored \(it is a greyscale profile\)`, "profil de couleur ignoré (c'est un profil en niveaux de gris)"),
	r(`colour profile ignored \(it is not an RGB profile\)`, "profil de couleur ignoré (ce n'est pas un profil RVB)"),
	r(`colour profile ignored \(it is based on lookup tables, which picmark cannot apply\)`, "profil de couleur ignoré (il repose sur des tables que picmark ne sait pas appliquer)"),
	r(`colour profile ignored \(it lacks the primaries or tone curves picmark needs\)`, "profil de couleur ignoré (il lui manque les primaires ou les courbes dont picmark a besoin)"),
	r(`colour profile ignored \(its primaries are not usable\)`, "profil de couleur ignoré (ses primaires sont inutilisables)"),
	r(`colour profile ignored \(([^;]+)\)`, "profil de couleur ignoré ($1)"),
	r(`cannot be made in this format: its size is not valid \(each side 1 to 16384 pixels\); check the preset`,
		"ne peut pas être créée dans ce format : sa taille n'est pas valable (chaque côté de 1 à 16384 pixels) ; vérifiez le format"),
	r(`could not be made: the browser could not resize the photo \(([^;]+)\); try again, or use another browser`,
		"n'a pas pu être créée : le navigateur n'a pas pu redimensionner la photo ($1) ; réessayez, ou utilisez un autre navigateur"),
	// The page's own reasons (app/session.go).
	r(`the file is empty`, "le fichier est vide"),
	r(`the browser could not read this file \(([^;]+)\): check it opens on this computer, then add it again`,
		"le navigateur n'a pas pu lire ce fichier ($1) : vérifiez qu'il s'ouvre sur cet ordinateur, puis ajoutez-le de nouveau"),
	r(`the browser could not read this file: ([^;]+)`, "le navigateur n'a pas pu lire ce fichier : $1"),
	nested(`the image worker stopped while working on this file \(([^;]+)\); the other files went on\. Try this file again, or export a smaller copy`,
		"le processus de traitement s'est arrêté sur ce fichier ($1) ; les autres fichiers ont continué. Réessayez ce fichier, ou exportez-en une copie plus petite"),
	r(`not made: the batch was cancelled before this file; press Retry to make it`,
		"non créée : le lot a été annulé avant ce fichier ; appuyez sur Refaire pour la créer"),
	r(`the image worker sent an answer picmark could not read; try this file again`,
		"le processus de traitement a renvoyé une réponse illisible ; réessayez ce fichier"),
	r(`picmark hit an internal error on this file; please report it with the file attached`,
		"picmark a rencontré une erreur interne sur ce fichier ; merci de la signaler en joignant le fichier"),
	r(`the settings could not be used`, "les réglages n'ont pas pu être utilisés"),
	// A brand kit's layers (internal/brand), as the worker reports them.
	r(`text (\d+)`, "texte $1"),
	r(`text (\d+) left out`, "texte $1 laissé de côté"),
	r(`logo left out`, "logo laissé de côté"),
	r(`tile left out`, "filigrane laissé de côté"),
	r(`text (\d+) made smaller to make room for the layers before it`, "texte $1 réduit pour laisser la place aux calques précédents"),
	r(`logo made smaller to make room for the layers before it`, "logo réduit pour laisser la place aux calques précédents"),
	r(`no room for it beside the layers before it at a legible size`, "pas de place à côté des calques précédents à une taille lisible"),
	r(`no room for the text inside the safe area at a legible size`, "pas de place pour le texte dans la zone sûre à une taille lisible"),
	r(`no room for the logo inside the safe area at a legible size`, "pas de place pour le logo dans la zone sûre à une taille lisible"),
	// A sheet's rows and photos (internal/captions, internal/posts).
	r(`line (\d+) has nothing in "([^"]+)"`, "la ligne $1 n’a rien dans «\u00a0$2\u00a0»"),
	r(`no row of the sheet names this photo`, "aucune ligne du tableau ne nomme cette photo"),
	r(`names no photo of the batch \(([^;]+)\)`, "ne nomme aucune photo du lot ($1)"),
	r(`check the file name, or add the photo`, "vérifiez le nom du fichier, ou ajoutez la photo"),
	r(`the title was cut at a word to fit ([^;]+)'s (\d+) \(it had (\d+)\)`, "le titre a été coupé à un mot pour tenir dans les $2 de $1 (il en avait $3)"),
	r(`the description was cut at a word to fit ([^;]+)'s (\d+) \(it had (\d+)\)`, "la description a été coupée à un mot pour tenir dans les $2 de $1 (elle en avait $3)"),
	r(`the alt text was cut at a word to fit ([^;]+)'s (\d+) \(it had (\d+)\)`, "le texte alternatif a été coupé à un mot pour tenir dans les $2 de $1 (il en avait $3)"),
	r(`tile`, "filigrane"),
	r(`the font Go ([a-z-]+) is not on this device yet and could not be downloaded: picmark downloads it the first time it is used, so connect to the internet and try again, or choose another font`,
		"la police Go $1 n'est pas encore sur cet appareil et n'a pas pu être téléchargée : picmark la télécharge à sa première utilisation ; connectez-vous à Internet et réessayez, ou choisissez une autre police"),
	// Worker-stop reasons the glue gives.
	r(`stopped`, "arrêté"),
	r(`took too long`, "trop long"),
	r(`could not start`, "n'a pas pu démarrer"),
	r(`did not start`, "n'a pas démarré"),
}

// French says an engine message in French. Parts it does not know stay in
// English: better an English sentence than none.
func French(en string) string {
	fr, _ := french1(en)
	return fr
}

// Known reports whether French knows every part of the message.
func Known(en string) bool {
	_, ok := french1(en)
	return ok
}

// french1 translates s whole if a rule matches it; otherwise it splits it
// at a "; " (notes joined) or a ": " (a reason and its cause) where both
// sides translate. Messages are short, so trying each split is cheap.
func french1(s string) (string, bool) {
	for _, r := range french {
		m := r.re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		if !r.nested {
			return string(r.re.ExpandString(nil, r.fr, s, m)), true
		}
		// Translate each captured part into the template, $10 before $1.
		out, parts := r.fr, r.re.FindStringSubmatch(s)
		for g := len(parts) - 1; g >= 1; g-- {
			fr, _ := french1(parts[g])
			out = strings.ReplaceAll(out, "$"+strconv.Itoa(g), fr)
		}
		return out, true
	}
	for _, sep := range []struct{ en, fr string }{{"; ", " ; "}, {": ", " : "}} {
		for i := strings.Index(s, sep.en); i >= 0; {
			left, lok := french1(s[:i])
			right, rok := french1(s[i+len(sep.en):])
			if lok && rok {
				return left + sep.fr + right, true
			}
			next := strings.Index(s[i+len(sep.en):], sep.en)
			if next < 0 {
				break
			}
			i += len(sep.en) + next
		}
	}
	return s, false
}

// Say says the message in lang ("fr" or anything else for English).
func Say(lang, en string) string {
	if lang == "fr" {
		return French(en)
	}
	return en
}
