package app

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/brand"
	"picmark/internal/msg"
)

// i18n.go: the page speaks English or French. It follows the browser's
// language, can be switched, and remembers the choice. Strings are written
// in English in the code and looked up in the French table; a test renders
// the page in French and fails on any string the table lacks.

const langKey = "picmark.lang.v1"

var languages = []option{{"en", "English"}, {"fr", "Français"}}

// t translates an English string (a fmt format when args are given) into
// the page's language.
func (p *Page) t(en string, args ...any) string { return tr(p.lang, en, args...) }

// tr translates an English string into lang: a section's, as it reads it
// (stateLang).
func tr(lang, en string, args ...any) string {
	s := en
	if lang == msg.French {
		if f, ok := french[en]; ok {
			s = f
		} else if strings.IndexFunc(en, unicode.IsLetter) >= 0 && !strings.HasPrefix(en, "{") {
			// Strings without a letter (numbers) and templates read the same in every language.
			noteMissing(en)
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// trn is tr for a count n: the English string and its French may hold two
// forms, "singular|plural", chosen by the language's plural rule (msg.Form:
// in French 0 and 1 are singular).
func trn(lang string, n int, en string, args ...any) string {
	return fmt.Sprintf(msg.Form(lang, int64(n), tr(lang, en)), args...)
}

func (p *Page) tn(n int, en string, args ...any) string { return trn(p.lang, n, en, args...) }

// said is a sentence for the user that a section keeps (a notice, an
// error), held in English with its arguments and said in the page's
// language only when drawn: it then follows a change of language. An
// argument that is an error is said with msg.Reason, a said or a size in
// the same language.
type said struct {
	en     string
	plural bool // en is "singular|plural", picked by n (trn)
	n      int
	args   []any
}

// size is a number of bytes as an argument of a said (msg.Size).
type size int64

func tell(en string, args ...any) said { return said{en: en, args: args} }

func tellN(n int, en string, args ...any) said {
	return said{en: en, plural: true, n: n, args: args}
}

// in says s in lang; the zero said says nothing.
func (s said) in(lang string) string {
	if s.en == "" {
		return ""
	}
	args := make([]any, len(s.args))
	for i, a := range s.args {
		switch a := a.(type) {
		case said:
			args[i] = a.in(lang)
		case error:
			args[i] = msg.Reason(a, lang)
		case size:
			args[i] = msg.Size(lang, int64(a))
		default:
			args[i] = a
		}
	}
	if s.plural {
		return trn(lang, s.n, s.en, args...)
	}
	return tr(lang, s.en, args...)
}

func (s said) empty() bool { return s.en == "" }

// touchDevice reports whether the device is used by touch (a phone, a
// tablet): the page then says "Tap", never "Click" or the arrow keys.
func touchDevice() bool {
	mq := app.Window().Call("matchMedia", "(pointer: coarse)")
	return mq.Truthy() && mq.Get("matches").Bool()
}

// device picks the words for a mouse or, on a touch device, for a finger.
func device(touch bool, mouse, finger string) string {
	if touch {
		return finger
	}
	return mouse
}

// Title is the tab's title (the server's page and applyLang set it).
const Title = "picmark — photos sized and branded for every platform"

// browserLang picks French for a browser set to French, English otherwise.
func browserLang() string {
	nav := app.Window().Get("navigator")
	if nav.Truthy() && strings.HasPrefix(strings.ToLower(nav.Get("language").String()), "fr") {
		return "fr"
	}
	return "en"
}

func (p *Page) setLang(ctx app.Context, e app.Event) {
	p.lang = ctx.JSSrc().Get("value").String()
	ctx.LocalStorage().Set(langKey, p.lang)
	p.applyLang(ctx)
}

// applyLang tells the sections (stateLang), the browser and screen readers
// the page's language, and titles the tab in it.
func (p *Page) applyLang(ctx app.Context) {
	ctx.SetState(stateLang, p.lang)
	doc := app.Window().Get("document")
	doc.Get("documentElement").Set("lang", p.lang)
	doc.Set("title", p.t(Title))
}

var (
	missingMu sync.Mutex
	missing   = map[string]bool{}
)

// noteMissing records a string the French table lacks, for the test.
func noteMissing(en string) {
	missingMu.Lock()
	missing[en] = true
	missingMu.Unlock()
}

func init() {
	for _, n := range brand.FontNames() {
		french["Go "+n] = "Go " + n // a font's name
	}
}

var french = map[string]string{
	"picmark": "picmark",
	Title:     "picmark — des photos aux dimensions et aux couleurs de chaque plateforme",
	"Folders of photos in, ready-to-post pictures out. Everything happens on this device: nothing is uploaded.": "Des dossiers de photos en entrée, des images prêtes à publier en sortie. Tout se passe sur cet appareil : rien n’est envoyé en ligne.",
	"Install the app": "Installer l’application",

	// The sheet (story.go), the layers and the photo's own words.
	"Captions and posts from a sheet (optional)": "Légendes et publications depuis un tableau (facultatif)",
	"A CSV or TSV sheet with a row per product and a column naming its photos (from Excel or LibreOffice, save it as CSV UTF-8 first). Write {Column} in a text layer, a post text or the names to take each photo's value: {Produit} – {Prix} €.": "Un tableau CSV ou TSV avec une ligne par produit et une colonne qui nomme ses photos (depuis Excel ou LibreOffice, enregistrez-le d’abord en CSV UTF-8). Écrivez {Colonne} dans un calque de texte, un texte de publication ou les noms pour y mettre la valeur de chaque photo\u00a0: {Produit} – {Prix}\u00a0€.",
	"Choose a sheet":   "Choisir un tableau",
	"Remove the sheet": "Retirer le tableau",
	"Reading %s…":      "Lecture de %s…",
	"If your spreadsheet cannot be read, save it as CSV UTF-8 (in Excel: File > Save As, type “CSV UTF-8 (Comma delimited)”) and choose that file.": "Si votre tableau ne peut pas être lu, enregistrez-le en CSV UTF-8 (dans Excel\u00a0: Fichier > Enregistrer sous, type «\u00a0CSV UTF-8 (délimité par des virgules)\u00a0») et choisissez ce fichier.",
	"Found on its own": "Trouvée automatiquement",
	"%s: %d row, columns %s.|%s: %d rows, columns %s.":             "%s\u00a0: %d ligne, colonnes %s.|%s\u00a0: %d lignes, colonnes %s.",
	"Column of the photos' file names":                             "Colonne des noms de fichier des photos",
	"%d of %d photos has its row.|%d of %d photos have their row.": "%d photo sur %d a sa ligne.|%d photos sur %d ont leur ligne.",
	" and %d more": " et %d autre| et %d autres",
	"No row names %s: their text layers are left out.": "Aucune ligne ne nomme %s\u00a0: leurs calques de texte sont laissés de côté.",
	"Rows that name no photo of the batch: lines %s.":  "Lignes qui ne nomment aucune photo du lot\u00a0: lignes %s.",
	"Post title (posts.csv)":                           "Titre de la publication (posts.csv)",
	"Post description":                                 "Description de la publication",
	"Alt text (empty: the title)":                      "Texte alternatif (vide\u00a0: le titre)",
	"e.g. {Produit}":                                   "par ex. {Produit}",
	"e.g. {Description}":                               "par ex. {Description}",
	"e.g. {Produit}, {Couleur}":                        "par ex. {Produit}, {Couleur}",
	"e.g. {Prix} €":                                    "par ex. {Prix}\u00a0€",
	"More text layers":                                 "Autres calques de texte",
	"Each layer has its own words: write {Column} to take each photo's value from the sheet. Layers never cover each other or the logo.": "Chaque calque a ses propres mots\u00a0: écrivez {Colonne} pour y mettre la valeur de chaque photo dans le tableau. Les calques ne se couvrent jamais, ni le logo.",
	"Text %d":                  "Texte %d",
	"Remove this layer":        "Retirer ce calque",
	"Add a text layer":         "Ajouter un calque de texte",
	"As a badge (a price tag)": "En étiquette (un prix)",
	"Texts on this photo":      "Textes sur cette photo",
	"Empty: the words the sheet gives this photo (shown in grey).":                 "Vide\u00a0: les mots que le tableau donne à cette photo (en gris).",
	"Downloaded as brand-kit.json: keep it, or give it to picmark process -brand.": "Téléchargé sous le nom brand-kit.json\u00a0: gardez-le, ou donnez-le à picmark process -brand.",
	"Kept in this browser as “%s”: it opens here next time, offline too.":          "Gardé dans ce navigateur sous le nom «\u00a0%s\u00a0»\u00a0: il s’ouvrira ici la prochaine fois, même hors ligne.",
	"Wait until the sheet is read.":                                                "Attendez que le tableau soit lu.",
	"Wait until every file is read.":                                               "Attendez que tous les fichiers soient lus.",
	"The batch starts once every file is read.":                                    "Le traitement démarre dès que tous les fichiers sont lus.",
	"The sheet or a template needs a fix before starting: %s.":                     "Le tableau ou un modèle est à corriger avant de commencer\u00a0: %s.",
	"A new version of picmark is ready. ":                                          "Une nouvelle version de picmark est prête. ",
	"Reload to use it":                                                             "Recharger pour l’utiliser",
	"Language":                                                                     "Langue",

	"1. Add photos": "1. Ajoutez des photos",
	"Add photos":    "Ajouter des photos",
	"Drop a folder of photos anywhere on this page — sub-folders included — or choose one:": "Déposez un dossier de photos n’importe où sur cette page — sous-dossiers compris — ou choisissez-le :",
	"Choose a folder of photos — sub-folders included — or some photos:":                    "Choisissez un dossier de photos — sous-dossiers compris — ou quelques photos :",
	"Choose a folder": "Choisir un dossier",
	"Choose files":    "Choisir des fichiers",

	"Files":                      "Fichiers",
	"No files yet.":              "Aucun fichier pour l’instant.",
	"Files: %s, %s":              "Fichiers : %s, %s",
	"%d photo|%d photos":         "%d photo|%d photos",
	"%d skipped|%d skipped":      "%d ignoré|%d ignorés",
	"Clear the list":             "Vider la liste",
	"skipped: %s":                "ignoré : %s",
	"Set a focal point":          "Choisir un point d’intérêt",
	"Focal point %.0f%%, %.0f%%": "Point d’intérêt %.0f %%, %.0f %%",

	"Preview": "Aperçu",
	"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Click a preview to set the photo's focal point.": "Chaque photo telle que chaque format coché la recadrera et la marquera. Bandes assombries : là où les boutons et légendes de la plateforme couvrent l’image. Cliquez sur un aperçu pour choisir le point d’intérêt de la photo.",
	"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Tap a preview to set the photo's focal point.":   "Chaque photo telle que chaque format coché la recadrera et la marquera. Bandes assombries : là où les boutons et légendes de la plateforme couvrent l’image. Touchez un aperçu pour choisir le point d’intérêt de la photo.",
	"Tick at least one format to see the previews.":                "Cochez au moins un format pour voir les aperçus.",
	"The settings need a fix before the previews can be made: %s.": "Les réglages sont à corriger avant de pouvoir faire les aperçus : %s.",
	"No preview: %s":            "Pas d’aperçu : %s",
	"Making the previews…":      "Création des aperçus…",
	"Set the focal point of %s": "Choisir le point d’intérêt de %s",

	"Focal point: %s": "Point d’intérêt : %s",
	"Close":           "Fermer",
	"Click or drag on the photo, or use the arrow keys, to set what every format keeps. The frames show each ticked format's crop.": "Cliquez ou glissez sur la photo, ou utilisez les flèches du clavier, pour choisir ce que chaque format garde. Les cadres montrent le recadrage de chaque format coché.",
	"Tap or drag on the photo to set what every format keeps. The frames show each ticked format's crop.":                           "Touchez la photo ou faites glisser le doigt dessus pour choisir ce que chaque format garde. Les cadres montrent le recadrage de chaque format coché.",
	"The whole photo is kept (no crop) with the current fit; a focal point matters when you fill the frame.":                        "Avec le remplissage choisi, la photo est gardée entière (pas de recadrage) ; le point d’intérêt compte quand l’image remplit le cadre.",
	"Smart framing decides when the pictures are made. Click to set a focal point instead.":                                         "Le cadrage intelligent décide au moment de créer les images. Cliquez pour choisir plutôt un point d’intérêt.",
	"Smart framing decides when the pictures are made. Tap to set a focal point instead.":                                           "Le cadrage intelligent décide au moment de créer les images. Touchez pour choisir plutôt un point d’intérêt.",
	"photo: use the arrow keys to move the focal point":                                                                             "photo : utilisez les flèches du clavier pour déplacer le point d’intérêt",
	"photo: tap to move the focal point":                                                                                            "photo : touchez pour déplacer le point d’intérêt",
	"Back to the batch's framing":                                                                                                   "Revenir au cadrage du lot",

	"2. Tick the formats":                  "2. Cochez les formats",
	" %s, up to %s":                        " %s, jusqu’à %s",
	"Remove":                               "Retirer",
	"Remove the format %s":                 "Retirer le format %s",
	"Add your own format":                  "Ajouter votre propre format",
	"Name":                                 "Nom",
	"Shop banner":                          "Bannière boutique",
	"Width (px)":                           "Largeur (px)",
	"Height (px, empty: keep the photo's)": "Hauteur (px ; vide : celle de la photo)",
	"Size limit (MB)":                      "Taille maximale (Mo)",
	"Keep clear at the top (px)":           "Marge libre en haut (px)",
	"… right (px)":                         "… à droite (px)",
	"… bottom (px)":                        "… en bas (px)",
	"… left (px)":                          "… à gauche (px)",
	"Add this format":                      "Ajouter ce format",
	"%s: write a whole number of pixels, like 1080": "%s : écrivez un nombre entier de pixels, comme 1080",
	"width":         "largeur",
	"height":        "hauteur",
	"top margin":    "marge du haut",
	"right margin":  "marge de droite",
	"bottom margin": "marge du bas",
	"left margin":   "marge de gauche",
	"%s is %s: a logo should be a small file (under %s).":                             "%s pèse %s\u00A0: un logo doit être un petit fichier (moins de %s).",
	"%s is %s: a font should be a small file (under %s).":                             "%s pèse %s\u00A0: une police doit être un petit fichier (moins de %s).",
	"This format cannot be added: %s.":                                                "Ce format ne peut pas être ajouté\u00A0: %s.",
	"Give the format a name, like “Shop banner”.":                                     "Donnez un nom au format, comme « Bannière boutique ».",
	"Size limit: write the platform's file size limit in MB, like 8.":                 "Taille maximale : écrivez la limite de taille de fichier de la plateforme en Mo, comme 8.",
	"%s could not be read (%v): check it opens on this device.":                       "%s n’a pas pu être lu (%v) : vérifiez qu’il s’ouvre sur cet appareil.",
	"%s is not a PNG, JPEG, WebP or SVG: export the logo as a PNG with transparency.": "%s n’est ni un PNG, ni un JPEG, ni un WebP, ni un SVG : exportez le logo en PNG avec transparence.",
	"%s is not a TrueType or OpenType font: choose a .ttf or .otf file.":              "%s n’est pas une police TrueType ou OpenType : choisissez un fichier .ttf ou .otf.",

	"3. Framing":                    "3. Cadrage",
	"Which part to keep":            "Partie à garder",
	"How to fill each format":       "Remplissage de chaque format",
	"Background colour":             "Couleur de fond",
	"Centre":                        "Centre",
	"Smart (subject and faces)":     "Intelligent (sujet et visages)",
	"Focal point":                   "Point d’intérêt",
	"Top":                           "Haut",
	"Bottom":                        "Bas",
	"Left":                          "Gauche",
	"Right":                         "Droite",
	"Top left":                      "En haut à gauche",
	"Top right":                     "En haut à droite",
	"Bottom left":                   "En bas à gauche",
	"Bottom right":                  "En bas à droite",
	"Fill the frame (crop)":         "Remplir le cadre (recadrer)",
	"Whole photo on a blurred copy": "Photo entière sur une copie floutée",
	"Whole photo on a colour":       "Photo entière sur une couleur",
	"Smart keeps the subject and every face it can; a focal point set on a photo (Files above) wins for that photo.": "Le cadrage intelligent garde le sujet et tous les visages possibles ; un point d’intérêt choisi sur une photo (Fichiers, plus haut) l’emporte pour cette photo.",

	"4. Brand it (optional)": "4. Votre marque (facultatif)",
	"Logo":                   "Logo",
	"A PNG with transparency, a JPEG or an SVG. It stays inside each platform's safe zone.": "Un PNG avec transparence, un JPEG ou un SVG. Il reste dans la zone sûre de chaque plateforme.",
	"Choose a logo":                        "Choisir un logo",
	"logo: %s":                             "logo : %s",
	"Size":                                 "Taille",
	"Opacity":                              "Opacité",
	"Position":                             "Position",
	"% of the width":                       " % de la largeur",
	"%":                                    " %",
	"°":                                    "°",
	"%s: %s":                               "%s : %s",
	"%s: %s%s":                             "%s : %s%s",
	"Text":                                 "Texte",
	"e.g. your shop's name or a promotion": "p. ex. le nom de votre boutique ou une promotion",
	"Font":                                 "Police",
	"Use your own font (TTF, OTF)":         "Utiliser votre police (TTF, OTF)",
	"% of the shorter side":                " % du petit côté",
	"Colour":                               "Couleur",
	"Legibility":                           "Lisibilité",
	"On a band":                            "Sur un bandeau",
	"With a shadow":                        "Avec une ombre",
	"Plain":                                "Simple",
	"Band colour":                          "Couleur du bandeau",
	"Tiled watermark":                      "Filigrane répété",
	" Repeat the logo (or a text) across each picture": " Répéter le logo (ou un texte) sur toute l’image",
	"Text to repeat when there is no logo":             "Texte à répéter quand il n’y a pas de logo",
	"Colour of the repeated text":                      "Couleur du texte répété",
	"The brand kit's own font file is used.":           "Le fichier de police du kit de marque est utilisé.",
	"e.g. © your brand":                                "p. ex. © votre marque",
	"Angle":                                            "Angle",
	"Spacing":                                          "Espacement",
	"Save this brand kit (JSON)":                       "Enregistrer ce kit de marque (JSON)",
	"The brand kit file holds your logo, texts, watermark and formats: import it on another device, or give it to picmark's command line.": "Le fichier du kit de marque contient votre logo, vos textes, votre filigrane et vos formats : importez-le sur un autre appareil, ou donnez-le à la ligne de commande de picmark.",
	"The brand kit could not be saved: %s.": "Le kit de marque n’a pas pu être enregistré : %s.",

	"5. Files and names (optional)": "5. Fichiers et noms (facultatif)",
	"File format":                   "Format de fichier",
	"JPEG (photos)":                 "JPEG (photos)",
	"PNG (graphics, transparency)":  "PNG (graphismes, transparence)",
	"JPEG quality":                  "Qualité JPEG",
	"Names":                         "Noms",
	"Names may use {preset}, {dir}, {name}, {w}, {h} and {index}. A picture over a platform's size limit is saved at a lower quality until it fits.": "Les noms peuvent utiliser {preset}, {dir}, {name}, {w}, {h} et {index}. Une image au-dessus de la taille maximale d’une plateforme est enregistrée avec une qualité plus basse jusqu’à ce qu’elle passe.",

	"6. Make the pictures": "6. Créez les images",
	"Make the pictures":    "Créer les images",
	"Download the ZIP":     "Télécharger le ZIP",
	"photos done":          "photos traitées",
	"Working: %d of %d photos done…|Working: %d of %d photos done…":                        "En cours : %d photo traitée sur %d…|En cours : %d photos traitées sur %d…",
	"Add photos first: drop a folder on this page, or choose a folder or files.":           "Ajoutez d’abord des photos : déposez un dossier sur cette page, ou choisissez un dossier ou des fichiers.",
	"Add photos first: choose a folder or some photos.":                                    "Ajoutez d’abord des photos : choisissez un dossier ou quelques photos.",
	"Tick at least one format.":                                                            "Cochez au moins un format.",
	"The settings need a fix before starting: %s.":                                         "Un réglage est à corriger avant de commencer : %s.",
	"Done: %d picture ready.|Done: %d pictures ready.":                                     "Terminé : %d image prête.|Terminé : %d images prêtes.",
	"Done: %s; %s — the report below says why.":                                            "Terminé : %s ; %s — le rapport ci-dessous dit pourquoi.",
	"%d picture ready|%d pictures ready":                                                   "%d image prête|%d images prêtes",
	"%d could not be made|%d could not be made":                                            "%d n’a pas pu être créée|%d n’ont pas pu être créées",
	"The ZIP could not be made (%v): save the pictures into a folder, or make them again.": "Le ZIP n’a pas pu être créé (%v) : enregistrez les images dans un dossier, ou créez-les à nouveau.",

	"Now: %s.":       "En cours : %s.",
	"About %s left.": "Encore environ %s.",
	"Licences of the software picmark bundles": "Licences des logiciels inclus dans picmark",
	"%d s":                       "%d s",
	"%d min":                     "%d min",
	"Cancel (keep what is made)": "Annuler (garder ce qui est fait)",
	"Retry the failed photos":    "Refaire les photos en échec",

	"Brand kit":                   "Kit de marque",
	"None (not kept)":             "Aucun (non conservé)",
	"Name of this kit":            "Nom de ce kit",
	"New kit from these settings": "Nouveau kit avec ces réglages",
	"Delete this kit":             "Supprimer ce kit",
	"Import a kit (JSON)":         "Importer un kit (JSON)",
	"Brand kit %d":                "Kit de marque %d",
	"Brand kits cannot be kept in this browser (%v).": "Les kits de marque ne peuvent pas être conservés dans ce navigateur (%v).",
	"The brand kit could not be opened: %v.":          "Le kit de marque n’a pas pu être ouvert : %v.",
	"The brand kit could not be deleted: %s.":         "Le kit de marque n’a pas pu être supprimé : %s.",
	"%s is too large to be a brand kit.":              "%s est trop gros pour être un kit de marque.",
	"%s is not a brand kit picmark can read: %s.":     "%s n’est pas un kit de marque lisible par picmark : %s.",

	"Save into a folder…": "Enregistrer dans un dossier…",
	"Share…":              "Partager…",
	"The pictures could not be saved in that folder (%v): choose another folder, or download the ZIP.":                           "Les images n’ont pas pu être enregistrées dans ce dossier (%v) : choisissez un autre dossier, ou téléchargez le ZIP.",
	"Saved %d file in a new folder, %s, inside the one you chose.|Saved %d files in a new folder, %s, inside the one you chose.": "%d fichier enregistré dans un nouveau dossier, « %s », à l’intérieur de celui que vous avez choisi.|%d fichiers enregistrés dans un nouveau dossier, « %s », à l’intérieur de celui que vous avez choisi.",
	"The pictures could not be shared (%v): download the ZIP instead.":                                                           "Les images n’ont pas pu être partagées (%v) : téléchargez plutôt le ZIP.",

	"After":  "Après",
	"Before": "Avant",

	"Report":   "Rapport",
	"File":     "Fichier",
	"Format":   "Format",
	"Output":   "Image créée",
	"Status":   "État",
	"Details":  "Détails",
	"done":     "fait",
	"failed":   "échec",
	"left out": "mis de côté",

	// The report's summary and filters (app/report.go).
	"Summary":                       "Résumé",
	"Every row (%d)":                "Toutes les lignes (%d)",
	"All":                           "Tout",
	"done, with notes":              "fait, avec remarques",
	"note":                          "remarque",
	"Reason":                        "Raison",
	"Find a file":                   "Trouver un fichier",
	"part of its name":              "une partie de son nom",
	"%d picture made":               "%d image créée",
	"%d pictures made":              "%d images créées",
	"%d of them with a note":        "dont %d avec remarque",
	"%d of them with notes":         "dont %d avec remarques",
	"%d picture could not be made":  "%d image n’a pas pu être créée",
	"%d pictures could not be made": "%d images n’ont pas pu être créées",
	"From %d file.":                 "À partir de %d fichier.",
	"From %d files.":                "À partir de %d fichiers.",
	"Why, file by file":             "Pourquoi, fichier par fichier",
	"and %d other":                  "et %d autre",
	"and %d more":                   "et %d autres",
	"%d file":                       "%d fichier",
	"%d files":                      "%d fichiers",
	"Show them in the table":        "Les voir dans le tableau",
	"%d KB":                         "%d Ko",

	// A batch into a folder as it goes (app/folder.go).
	"picmark cannot write into that folder (%v): choose another one.":                                                   "picmark ne peut pas écrire dans ce dossier (%v)\u00a0: choisissez-en un autre.",
	"The report could not be written into the folder: check there is room on the disk; the report below says the same.": "Le rapport n’a pas pu être écrit dans le dossier\u00a0: vérifiez qu’il reste de la place sur le disque\u202f; le rapport ci-dessous dit la même chose.",
	"Done: %d picture and the report saved in a new folder, %s, inside the one you chose.":                              "Terminé\u00a0: %d image et le rapport enregistrés dans un nouveau dossier, «\u00a0%s\u00a0», à l’intérieur de celui que vous avez choisi.",
	"Done: %d pictures and the report saved in a new folder, %s, inside the one you chose.":                             "Terminé\u00a0: %d images et le rapport enregistrés dans un nouveau dossier, «\u00a0%s\u00a0», à l’intérieur de celui que vous avez choisi.",
	"Done: %d picture saved in a new folder, %s, inside the one you chose.":                                             "Terminé\u00a0: %d image enregistrée dans un nouveau dossier, «\u00a0%s\u00a0», à l’intérieur de celui que vous avez choisi.",
	"Done: %d pictures saved in a new folder, %s, inside the one you chose.":                                            "Terminé\u00a0: %d images enregistrées dans un nouveau dossier, «\u00a0%s\u00a0», à l’intérieur de celui que vous avez choisi.",
	"%d picture could not be made: the report there and below says why.":                                                "%d image n’a pas pu être créée\u00a0: le rapport, là-bas et ci-dessous, dit pourquoi.",
	"%d pictures could not be made: the report there and below says why.":                                               "%d images n’ont pas pu être créées\u00a0: le rapport, là-bas et ci-dessous, dit pourquoi.",

	// When a batch's outputs will not fit (app/room.go).
	"These pictures need about %s, more than this browser can keep for picmark until you download them. Choose “Save into a folder…” to write them straight into a folder on this computer as they are made, or tick fewer formats.": "Ces images demandent environ %s, plus que ce que ce navigateur peut garder pour picmark jusqu’au téléchargement. Choisissez «\u00a0Enregistrer dans un dossier…\u00a0» pour les écrire directement dans un dossier de cet ordinateur au fur et à mesure, ou cochez moins de formats.",
	"These pictures need about %s, more than this browser can keep for picmark until you download them. Tick fewer formats, or add fewer photos at a time.":                                                                          "Ces images demandent environ %s, plus que ce que ce navigateur peut garder pour picmark jusqu’au téléchargement. Cochez moins de formats, ou ajoutez moins de photos à la fois.",
}
