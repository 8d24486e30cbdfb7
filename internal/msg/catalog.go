package msg

// The catalog: every message picmark says about a file, by code, in
// English and in French. A message starting lower-case follows the file's
// name ("a.jpg is damaged …"). Add one here and only here; TestCatalog
// then wants a sample of its arguments in samples_test.go.

type def struct{ en, fr string }

var catalog = map[Code]def{}

// define adds a message to the catalog. Not inlined: inlined, each of the
// catalog's calls carried its own map assignment, about 1 KB of app.wasm
// a message (measured: 252 messages, 143 KB raw, 13 KB brotli'd).
//
//go:noinline
func define(c Code, en, fr string) Code {
	if _, dup := catalog[c]; dup {
		panic("msg: code " + string(c) + " defined twice")
	}
	catalog[c] = def{en, fr}
	return c
}

// Codes in the catalog, for the tests.
func Known() []Code {
	out := make([]Code, 0, len(catalog))
	for c := range catalog {
		out = append(out, c)
	}
	return out
}

// The gate (internal/imgio): files picmark cannot take. Their French has no
// gender: the file named before them may be a photo (la) or a logo (le).
var (
	NotImage = define("not-image",
		"is not an image picmark can read ({formats})",
		"n’est pas une image que picmark sait lire ({formats})")
	NoDecoder = define("no-decoder",
		"is a {format} photo, which picmark cannot open in the browser yet: export it as JPEG, or use picmark process on a computer",
		"est un fichier {format}, que picmark ne sait pas encore ouvrir dans le navigateur\u00A0: exportez-le en JPEG, ou utilisez picmark process sur un ordinateur")
	DecoderMissing = define("decoder-missing",
		"is a {format} photo, and picmark's {format} reader is not on this device yet: connect to the internet, open picmark once so it can download it, then try this photo again",
		"est un fichier {format}, et le lecteur {format} de picmark n’est pas encore sur cet appareil\u00A0: connectez-vous à Internet, ouvrez picmark une fois pour qu’il le télécharge, puis réessayez ce fichier")
	ReadFailed = define("read-failed",
		"could not be read ({reason}): check that it opens on this device, then try again",
		"n’a pas pu être lu ({reason})\u00A0: vérifiez qu’il s’ouvre sur cet appareil, puis réessayez")
	FileTooBig = define("file-too-big",
		"is {size}; picmark accepts files up to {maxSize}: export a smaller copy",
		"pèse {size}\u202F; picmark accepte des fichiers jusqu’à {maxSize}\u00A0: exportez une copie plus petite")
	TooManyPixels = define("too-many-pixels",
		"is {w}×{h} pixels ({mp} megapixels); picmark accepts up to {maxMP} megapixels: export a smaller copy",
		"fait {w}×{h} pixels ({mp} mégapixels)\u202F; picmark accepte jusqu’à {maxMP} mégapixels\u00A0: exportez une copie plus petite")
	SideTooLong = define("side-too-long",
		"is {w}×{h} pixels; picmark accepts at most {max} pixels on a side: export a smaller copy",
		"fait {w}×{h} pixels\u202F; picmark accepte au plus {max} pixels de côté\u00A0: exportez une copie plus petite")
	TooWide = define("too-wide",
		"is {w}×{h} pixels, {ratio} times as wide as it is tall; picmark accepts up to {max} times: crop it to a less extreme shape first",
		"fait {w}×{h} pixels, soit {ratio} fois plus de largeur que de hauteur\u202F; picmark accepte jusqu’à {max} fois\u00A0: recadrez d’abord l’image")
	TooTall = define("too-tall",
		"is {w}×{h} pixels, {ratio} times as tall as it is wide; picmark accepts up to {max} times: crop it to a less extreme shape first",
		"fait {w}×{h} pixels, soit {ratio} fois plus de hauteur que de largeur\u202F; picmark accepte jusqu’à {max} fois\u00A0: recadrez d’abord l’image")
	Truncated = define("truncated",
		"is damaged or incomplete (the {format} data ends early): export it again",
		"a des données {format} abîmées ou incomplètes (elles s’arrêtent trop tôt)\u00A0: exportez de nouveau le fichier")
	Unsupported = define("unsupported",
		"uses a {format} feature picmark cannot read: export it again as a standard {format}",
		"utilise une fonction {format} que picmark ne sait pas lire\u00A0: exportez de nouveau le fichier en {format} standard")
	Damaged = define("damaged",
		"is damaged (its {format} data cannot be read): export it again",
		"a des données {format} abîmées et illisibles\u00A0: exportez de nouveau le fichier")
)

// Encoding under a platform's byte cap (imgio.CapError).
var (
	OverCapPNG = define("over-cap-png",
		"is {size} as a PNG, over this format's {maxSize} limit: choose JPEG for it, or a simpler picture",
		"pèse {size} en PNG, au-delà de la limite de {maxSize} de ce format\u00A0: choisissez JPEG, ou une image plus simple")
	OverCapJPEG = define("over-cap-jpeg",
		"is still {size} at the lowest JPEG quality, over this format's {maxSize} limit: choose a less detailed photo or another format",
		"pèse encore {size} à la qualité JPEG la plus basse, au-delà de la limite de {maxSize} de ce format\u00A0: choisissez une photo moins détaillée ou un autre format")
)

// Notes on pictures made (internal/render, internal/batch, internal/imgio).
var (
	Upscaled = define("upscaled",
		"upscaled from {w}×{h} crop",
		"agrandie à partir d’un recadrage de {w}×{h}")
	FacesCut = define("faces-cut",
		"{n} face could not be kept whole in this format|{n} faces could not be kept whole in this format",
		"{n} visage n’a pas pu être gardé entier dans ce format|{n} visages n’ont pas pu être gardés entiers dans ce format")
	FacesNotSought = define("faces-not-sought",
		"faces were not looked for: picmark downloads its face finder the first time it frames a photo, so connect to the internet and make this photo again",
		"les visages n’ont pas été cherchés\u00A0: picmark télécharge son détecteur de visages la première fois qu’il cadre une photo\u202F; connectez-vous à Internet et refaites cette photo")
	MadeJPEG = define("made-jpeg",
		"this format takes {formats} files only: made a JPEG",
		"ce format n’accepte que les fichiers {formats}\u00A0: un JPEG a été créé")
	FirstPage = define("first-page",
		"only the first page was used (the TIFF has several)",
		"seule la première page a été utilisée (le TIFF en a plusieurs)")
	FirstFrame = define("first-frame",
		"only the first frame was used (the {format} is an animation)",
		"seule la première image a été utilisée (le {format} est une animation)")
	SystemFiles = define("system-files",
		"{n} system file left out (.DS_Store, Thumbs.db and the like)|{n} system files left out (.DS_Store, Thumbs.db and the like)",
		"{n} fichier système mis de côté (.DS_Store, Thumbs.db et autres)|{n} fichiers système mis de côté (.DS_Store, Thumbs.db et autres)")
	HDR = define("hdr",
		"HDR photo brought to standard range: its brightest parts are toned down",
		"photo HDR ramenée à la plage standard\u00A0: ses parties les plus claires sont adoucies")
)

// A colour profile picmark does not apply (internal/colour, internal/imgio).
var (
	ProfileNotRGB = define("profile-not-rgb",
		"colour profile ignored (it is not an RGB, CMYK or greyscale profile)",
		"profil de couleur ignoré (ce n’est pas un profil RVB, CMJN ou en niveaux de gris)")
	ProfileNoTable = define("profile-no-table",
		"colour profile ignored (it lacks the lookup table picmark needs)",
		"profil de couleur ignoré (il lui manque la table de correspondance dont picmark a besoin)")
	ProfileNoCurve = define("profile-no-curve",
		"colour profile ignored (it lacks the tone curve picmark needs)",
		"profil de couleur ignoré (il lui manque la courbe de tonalité dont picmark a besoin)")
	ProfileNoPrimaries = define("profile-no-primaries",
		"colour profile ignored (it lacks the primaries or tone curves picmark needs)",
		"profil de couleur ignoré (il lui manque les primaires ou les courbes de tonalité dont picmark a besoin)")
	ProfileBadPrimaries = define("profile-bad-primaries",
		"colour profile ignored (its primaries are not usable)",
		"profil de couleur ignoré (ses primaires sont inutilisables)")
	ProfileMismatch = define("profile-mismatch",
		"colour profile ignored (it is made for {profile} pixels and the photo has {photo} pixels)",
		"profil de couleur ignoré (il est fait pour des pixels {profile} et la photo a des pixels {photo})")
	ProfileDamaged = define("profile-damaged",
		"colour profile ignored (it is damaged)",
		"profil de couleur ignoré (il est endommagé)")
	ProfileIncomplete = define("profile-incomplete",
		"colour profile ignored (it is incomplete)",
		"profil de couleur ignoré (il est incomplet)")
	ProfileTooLarge = define("profile-too-large",
		"colour profile ignored (it is too large)",
		"profil de couleur ignoré (il est trop volumineux)")
	// Words for ProfileMismatch's kinds of pixels.
	PixelsGrey  = define("pixels-grey", "greyscale", "en niveaux de gris")
	PixelsRGB   = define("pixels-rgb", "RGB", "RVB")
	PixelsCMYK  = define("pixels-cmyk", "CMYK", "CMJN")
	PixelsOther = define("pixels-other", "other", "d’un autre type")
)

// Pictures that could not be made (internal/render, internal/batch).
var (
	BadSize = define("bad-size",
		"cannot be made in this format: its size is not valid (each side 1 to {max} pixels); check the format",
		"ne peut pas être créée dans ce format\u00A0: sa taille n’est pas valable (chaque côté de 1 à {max} pixels)\u202F; vérifiez le format")
	ResizeFailed = define("resize-failed",
		"could not be made: the browser could not resize the photo ({reason}); try again, or use another browser",
		"n’a pas pu être créée\u00A0: le navigateur n’a pas pu redimensionner la photo ({reason})\u202F; réessayez, ou utilisez un autre navigateur")
	NotRendered = define("not-rendered",
		"was not made (internal error): try again",
		"n’a pas été créée (erreur interne)\u00A0: réessayez")
	// Failed is an error without a code; reason is its English text.
	Failed = define("error",
		"could not be made ({reason}): try again",
		"n’a pas pu être créée ({reason})\u00A0: réessayez")
)

// The page's and its workers' own reasons (app, app/worker).
var (
	EmptyFile = define("empty-file",
		"the file is empty",
		"le fichier est vide")
	BrowserRead = define("browser-read",
		"the browser could not read this file ({reason}): check it opens on this device, then add it again",
		"le navigateur n’a pas pu lire ce fichier ({reason})\u00A0: vérifiez qu’il s’ouvre sur cet appareil, puis ajoutez-le de nouveau")
	WorkerStopped = define("worker-stopped",
		"the image worker stopped while working on this file ({why}); the other files went on. Try this file again, or export a smaller copy",
		"le processus de traitement s’est arrêté sur ce fichier ({why})\u202F; les autres fichiers ont continué. Réessayez ce fichier, ou exportez-en une copie plus petite")
	PreviewStopped = define("preview-stopped",
		"the preview worker stopped ({why})",
		"le processus des aperçus s’est arrêté ({why})")
	StopCancelled   = define("stop-cancelled", "it was cancelled", "il a été annulé")
	StopTimeout     = define("stop-timeout", "it took too long", "il a pris trop de temps")
	StopCrashed     = define("stop-crashed", "it stopped", "il s’est arrêté")
	StopCannotStart = define("stop-cannot-start", "it could not start", "il n’a pas pu démarrer")
	Cancelled       = define("cancelled",
		"not made: the batch was cancelled before this file; press Retry to make it",
		"non créée\u00A0: le lot a été annulé avant ce fichier\u202F; appuyez sur Refaire pour la créer")
	BadAnswer = define("bad-answer",
		"the image worker sent an answer picmark could not read; try this file again",
		"le processus de traitement a renvoyé une réponse illisible\u202F; réessayez ce fichier")
	OutOfStep = define("out-of-step",
		"the page and its image worker disagree ({reason}); reload the page",
		"la page et son processus de traitement ne s’accordent pas ({reason})\u202F; rechargez la page")
	Internal = define("internal",
		"picmark hit an internal error on this file; please report it with the file attached",
		"picmark a rencontré une erreur interne sur ce fichier\u202F; merci de la signaler en joignant le fichier")
	FileGone = define("file-gone",
		"the file is no longer in the list",
		"le fichier n’est plus dans la liste")
	Busy = define("busy",
		"another photo's previews are being made; try again in a moment",
		"les aperçus d’une autre photo sont en cours\u202F; réessayez dans un instant")
	// SettingsUnusable: reason is the settings' own error, in English
	// (a brand kit's or a preset's field).
	SettingsUnusable = define("settings-unusable",
		"the settings could not be used: {reason}",
		"les réglages n’ont pas pu être utilisés\u00A0: {reason}")
	FontMissing = define("font-missing",
		"the font Go {font} is not on this device yet and could not be downloaded: picmark downloads it the first time it is used, so connect to the internet and try again, or choose another font",
		"la police Go {font} n’est pas encore sur cet appareil et n’a pas pu être téléchargée\u00A0: picmark la télécharge à sa première utilisation\u202F; connectez-vous à Internet et réessayez, ou choisissez une autre police")
)

// The command line's own reasons (cmd/picmark).
var (
	OpenFailed = define("open-failed",
		"could not be opened ({reason}): check its permissions",
		"n’a pas pu être ouvert ({reason})\u00A0: vérifiez ses droits d’accès")
	LinkNotFollowed = define("link-not-followed",
		"is a link to a folder or a missing file, which picmark does not follow: copy the files in instead",
		"est un lien vers un dossier ou un fichier absent, que picmark ne suit pas\u00A0: copiez plutôt les fichiers")
	NotRegular = define("not-regular",
		"is not a regular file: copy the photo into the folder instead",
		"n’est pas un fichier ordinaire\u00A0: copiez plutôt la photo dans le dossier")
	OutsideOut = define("outside-out",
		"has an output name ({name}) outside the -out folder: rename the file",
		"a un nom de sortie ({name}) hors du dossier -out\u00A0: renommez le fichier")
	WouldOverwrite = define("would-overwrite",
		"would overwrite your original {path}, which picmark never does: choose another -out folder",
		"écraserait votre original {path}, ce que picmark ne fait jamais\u00A0: choisissez un autre dossier -out")
	NoFolder = define("no-folder",
		"could not be saved: cannot create its folder ({reason})",
		"n’a pas pu être enregistrée\u00A0: impossible de créer son dossier ({reason})")
	// FolderWriteFailed: the page could not write a picture into the
	// folder the marketer picked (reason: the browser's words).
	FolderWriteFailed = define("folder-write-failed",
		"could not be written into the folder ({reason}): check there is room on the disk, then make it again",
		"n’a pas pu être écrite dans le dossier ({reason})\u00A0: vérifiez qu’il reste de la place sur le disque, puis créez-la à nouveau")
	SaveFailed = define("save-failed",
		"could not be saved ({reason}): check the disk space and permissions of {path}",
		"n’a pas pu être enregistrée ({reason})\u00A0: vérifiez l’espace disque et les droits d’accès de {path}")
	ZipFailed = define("zip-failed",
		"could not be added to {path} ({reason}): check the disk space",
		"n’a pas pu être ajoutée à {path} ({reason})\u00A0: vérifiez l’espace disque")
	// The command line's summary, made of three counts.
	SummaryDone = define("summary-done",
		"{n} done|{n} done",
		"{n} image créée|{n} images créées")
	SummaryFailed = define("summary-failed",
		"{n} failed|{n} failed",
		"{n} en échec|{n} en échec")
	SummarySee = define("summary-see",
		"see {path}",
		"voir {path}")
	OutMissing = define("out-missing",
		"say where to write the results with -out FOLDER or -out FILE.zip",
		"dites où écrire les résultats avec -out DOSSIER ou -out FICHIER.zip")
	NoPaths = define("no-paths",
		"give at least one photo or folder to process",
		"donnez au moins une photo ou un dossier à traiter")
	PathNotFound = define("path-not-found",
		"cannot find {path}: check the path",
		"{path} est introuvable\u00A0: vérifiez le chemin")
	OutInsideInput = define("out-inside-input",
		"-out {out} is inside the folder {path} being processed: choose a place outside it, so your photos and the results never mix",
		"-out {out} est dans le dossier {path} à traiter\u00A0: choisissez un emplacement en dehors, pour que vos photos et les résultats ne se mélangent jamais")
	OutIsInput = define("out-is-input",
		"-out {out} is one of your input files: choose another name",
		"-out {out} est l’un de vos fichiers à traiter\u00A0: choisissez un autre nom")
	OutIsFolder = define("out-is-folder",
		"-out {out} is a folder: give a new .zip file name",
		"-out {out} est un dossier\u00A0: donnez le nom d’un nouveau fichier .zip")
	OutIsFile = define("out-is-file",
		"-out {out} is an existing file: give a folder, or a name ending in .zip",
		"-out {out} est un fichier existant\u00A0: donnez un dossier, ou un nom finissant par .zip")
	NoFiles = define("no-files",
		"found no files in {path}: check the path",
		"aucun fichier trouvé dans {path}\u00A0: vérifiez le chemin")
)

// A report line's status, as rapport.csv and the page say it.
var (
	StatusDone    = define("done", "done", "fait")
	StatusFailed  = define("failed", "failed", "échec")
	StatusLeftOut = define("left-out", "left out", "mis de côté")
)

// A brand kit's layers left out or made smaller on a picture
// (internal/brand): never a silent cut. why is one of the Layer… words
// below, or a caption's note (its arguments travel with the message).
var (
	LogoLeftOut = define("logo-left-out",
		"logo left out: {why}",
		"logo laissé de côté\u00A0: {why}")
	TextLeftOut = define("text-left-out",
		"text {layer} left out: {why}",
		"texte {layer} laissé de côté\u00A0: {why}")
	TileLeftOut = define("tile-left-out",
		"tiled watermark left out: {why}",
		"filigrane laissé de côté\u00A0: {why}")
	LogoSmaller = define("logo-smaller",
		"logo made smaller to make room for the layers before it",
		"logo réduit pour laisser la place aux calques précédents")
	TextSmaller = define("text-smaller",
		"text {layer} made smaller to make room for the layers before it",
		"texte {layer} réduit pour laisser la place aux calques précédents")
	LayerNoRoomLogo = define("no-room-logo",
		"no room for the logo inside the safe area at a legible size",
		"pas de place pour le logo dans la zone sûre à une taille lisible")
	LayerNoRoomText = define("no-room-text",
		"no room for the text inside the safe area at a legible size",
		"pas de place pour le texte dans la zone sûre à une taille lisible")
	LayerNoRoomTile = define("no-room-tile",
		"no room for the tiled watermark at a legible size",
		"pas de place pour le filigrane à une taille lisible")
	LayerCrowded = define("crowded",
		"no room for it beside the layers before it at a legible size",
		"pas de place à côté des calques précédents à une taille lisible")
	TileNeedsContent = define("tile-needs-content",
		"the tiled watermark needs a logo or a text",
		"le filigrane a besoin d’un logo ou d’un texte")
	SafeAreaEmpty = define("safe-area-empty",
		"the safe area is empty",
		"la zone sûre est vide")
	TextEmpty = define("text-empty",
		"the text is empty",
		"le texte est vide")
)

// A sheet's rows and the photos (internal/captions, internal/job): why a
// text is left out, and what stops a batch before it starts.
var (
	CaptionEmpty = define("caption-empty",
		"line {line} has nothing in \"{column}\"",
		"la ligne {line} n’a rien dans «\u00A0{column}\u00A0»")
	CaptionNoRow = define("caption-no-row",
		"no row of the sheet names this photo",
		"aucune ligne du tableau ne nomme cette photo")
	RowUnmatched = define("caption-row-unmatched",
		"line {line} names no photo of the batch ({names}): check the file name, or add the photo",
		"la ligne {line} ne nomme aucune photo du lot ({names})\u00A0: vérifiez le nom du fichier, ou ajoutez la photo")
	NoNameColumn = define("captions-no-name-column",
		"{sheet} has no column of file names that picmark recognises (none names {name}, for example): choose the column that holds the photos' file names",
		"{sheet} n’a aucune colonne de noms de fichier que picmark reconnaisse (aucune ne nomme {name}, par exemple)\u00A0: choisissez la colonne qui contient les noms de fichier des photos")
	RowClaim = define("captions-claim",
		"{sheet} names {name} on lines {line} and {other}: keep it on one line, or give one of them the photo's folder (shoot/{name})",
		"{sheet} nomme {name} aux lignes {line} et {other}\u00A0: gardez-la sur une seule ligne, ou donnez à l’une d’elles le dossier de la photo (shoot/{name})")
	TemplateBrace = define("captions-brace",
		"the template \"{template}\" has {brace} without its pair: put a column's name between two braces to insert its value, and write a brace twice to show one",
		"le modèle «\u00A0{template}\u00A0» a {brace} seule\u00A0: mettez le nom d’une colonne entre deux accolades pour insérer sa valeur, et doublez une accolade pour l’afficher")
	BraceOpen       = define("brace-open", "an opening brace", "une accolade ouvrante")
	BraceClose      = define("brace-close", "a closing brace", "une accolade fermante")
	TemplateNoSheet = define("captions-no-sheet",
		"the text names the column \"{column}\", and no sheet is loaded: add the sheet, or take the column out of the text",
		"le texte nomme la colonne «\u00A0{column}\u00A0», et aucun tableau n’est chargé\u00A0: ajoutez le tableau, ou retirez la colonne du texte")
	TemplateEmptyName = define("captions-empty-name",
		"the template \"{template}\" has a pair of braces with no column name in it: write the column's header between the braces",
		"le modèle «\u00A0{template}\u00A0» a deux accolades sans nom de colonne entre elles\u00A0: écrivez l’en-tête de la colonne entre les accolades")
	// Where a template's problem is.
	InText = define("in-text",
		"text {layer}: {why}",
		"texte {layer}\u00A0: {why}")
	InTitle = define("in-title",
		"the post title: {why}",
		"le titre de la publication\u00A0: {why}")
	InDescription = define("in-description",
		"the post description: {why}",
		"la description de la publication\u00A0: {why}")
	InAlt = define("in-alt",
		"the alt text: {why}",
		"le texte alternatif\u00A0: {why}")
	InName = define("in-name",
		"the naming template: {why}",
		"le modèle de nom\u00A0: {why}")
	// A post's text cut at a word to fit its platform's limit
	// (internal/posts): had and limit in the platform's unit.
	TitleCut = define("title-cut",
		"the title was cut at a word to fit {platform}'s {limit} (it had {had})",
		"le titre a été coupé à un mot pour tenir dans les {limit} de {platform} (il en avait {had})")
	DescriptionCut = define("description-cut",
		"the description was cut at a word to fit {platform}'s {limit} (it had {had})",
		"la description a été coupée à un mot pour tenir dans les {limit} de {platform} (elle en avait {had})")
	AltCut = define("alt-cut",
		"the alt text was cut at a word to fit {platform}'s {limit} (it had {had})",
		"le texte alternatif a été coupé à un mot pour tenir dans les {limit} de {platform} (il en avait {had})")
	// The command line's summary of a sheet.
	SheetSummary = define("sheet-summary",
		"{sheet}: photos with their row: {matched}; photos no row names: {alone}; rows naming no photo: {unmatched} (listed in the report)",
		"{sheet}\u00A0: photos avec leur ligne\u00A0: {matched}\u202F; photos qu’aucune ligne ne nomme\u00A0: {alone}\u202F; lignes qui ne nomment aucune photo\u00A0: {unmatched} (listées dans le rapport)")
	SheetReadFailed = define("sheet-read-failed",
		"{sheet} could not be read ({reason}): check it opens on this device, or save it as CSV UTF-8 and try again",
		"{sheet} n’a pas pu être lu ({reason})\u00A0: vérifiez qu’il s’ouvre sur cet appareil, ou enregistrez-le en CSV UTF-8 et réessayez")
	SheetStopped = define("sheet-stopped",
		"{sheet} could not be read, as the worker reading it stopped ({why}): try again, or save it as CSV UTF-8",
		"{sheet} n’a pas pu être lu, car le processus qui le lisait s’est arrêté ({why})\u00A0: réessayez, ou enregistrez-le en CSV UTF-8")
	SheetPanicked = define("sheet-panicked",
		"{sheet} made picmark fail unexpectedly: save it as CSV UTF-8 and try again",
		"{sheet} a fait échouer picmark de façon inattendue\u00A0: enregistrez-le en CSV UTF-8 et réessayez")
	MatchWithoutSheet = define("match-without-sheet",
		"-match names a column of a sheet: give the sheet with -sheet FILE",
		"-match nomme une colonne d’un tableau\u00A0: donnez le tableau avec -sheet FICHIER")
)

// A sheet picmark cannot read (internal/sheet, internal/workbook). The
// sheet's name, and its line and column where they help, come first; why
// is one of the sheet-… codes, said with its arguments.
var (
	SheetSays     = define("sheet-says", "{sheet} {why}", "{sheet} {why}")
	SheetLineSays = define("sheet-line-says", "{sheet}, line {line} {why}", "{sheet}, ligne {line} {why}")
	SheetCellSays = define("sheet-cell-says", "{sheet}, line {line}, column {col} {why}", "{sheet}, ligne {line}, colonne {col} {why}")

	SheetTooBig = define("sheet-too-big",
		"is {size}; picmark reads sheets up to {maxSize}: keep the columns and rows you need, or save it as CSV UTF-8",
		"pèse {size}\u202F; picmark lit des tableaux jusqu’à {maxSize}\u00A0: gardez les colonnes et les lignes utiles, ou enregistrez-le en CSV UTF-8")
	SheetUnpacked = define("sheet-unpacked",
		"holds more than {maxSize} once unpacked: keep the columns and rows you need, or save it as CSV UTF-8",
		"contient plus de {maxSize} une fois décompressé\u00A0: gardez les colonnes et les lignes utiles, ou enregistrez-le en CSV UTF-8")
	SheetNotSheet = define("sheet-not-sheet",
		"is {what}, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS",
		"est {what}, pas un tableau que picmark sait lire\u00A0: enregistrez votre tableau en CSV UTF-8, XLSX ou ODS")
	SheetWorkbook = define("sheet-workbook",
		"is an Excel or LibreOffice workbook, and this page reads CSV sheets only: in Excel, choose File > Save As and the type \"CSV UTF-8 (Comma delimited)\"; in LibreOffice, File > Save As, the type \"Text CSV\" and the character set \"Unicode (UTF-8)\". Then choose that CSV file here",
		"est un classeur Excel ou LibreOffice, et cette page ne lit que les tableaux CSV\u00A0: dans Excel, choisissez Fichier > Enregistrer sous et le type «\u00A0CSV UTF-8 (délimité par des virgules)\u00A0»\u202F; dans LibreOffice, Fichier > Enregistrer sous, le type «\u00A0Texte CSV\u00A0» et le jeu de caractères «\u00A0Unicode (UTF-8)\u00A0». Choisissez ensuite ce fichier CSV ici")
	SheetOldExcel = define("sheet-old-excel",
		"is an old Excel workbook (.xls): open it in Excel and save it as .xlsx, or as CSV UTF-8",
		"est un ancien classeur Excel (.xls)\u00A0: ouvrez-le dans Excel et enregistrez-le en .xlsx, ou en CSV UTF-8")
	SheetProtected = define("sheet-protected",
		"is protected by a password: save a copy without the password, or save it as CSV UTF-8",
		"est protégé par un mot de passe\u00A0: enregistrez-en une copie sans mot de passe, ou en CSV UTF-8")
	SheetBinaryExcel = define("sheet-xlsb",
		"is an Excel binary workbook (.xlsb): save it as .xlsx, or as CSV UTF-8",
		"est un classeur binaire Excel (.xlsb)\u00A0: enregistrez-le en .xlsx, ou en CSV UTF-8")
	SheetNumbers = define("sheet-numbers",
		"is an Apple Numbers file: export it from Numbers as CSV or Excel",
		"est un fichier Apple Numbers\u00A0: exportez-le depuis Numbers en CSV ou en Excel")
	SheetNotSpreadODF = define("sheet-odf-not-calc",
		"is an OpenDocument file that is not a spreadsheet: save your sheet as ODS, XLSX or CSV UTF-8",
		"est un fichier OpenDocument qui n’est pas un tableur\u00A0: enregistrez votre tableau en ODS, XLSX ou CSV UTF-8")
	// SheetDamaged: what is one of the Damaged… words; SheetUnreadable:
	// reason is the CSV reader's own words.
	SheetDamaged = define("sheet-damaged",
		"is damaged ({what}): open it and save it again, or save it as CSV UTF-8",
		"est abîmé ({what})\u00A0: ouvrez-le et enregistrez-le de nouveau, ou enregistrez-le en CSV UTF-8")
	SheetUnreadable = define("sheet-unreadable",
		"is damaged ({reason}): open it and save it again, or save it as CSV UTF-8",
		"est abîmé ({reason})\u00A0: ouvrez-le et enregistrez-le de nouveau, ou enregistrez-le en CSV UTF-8")
	SheetEncoding = define("sheet-encoding",
		"is not UTF-8 though it starts as UTF-8 does: save it again as CSV UTF-8",
		"n’est pas en UTF-8 bien qu’il commence comme un fichier UTF-8\u00A0: enregistrez-le de nouveau en CSV UTF-8")
	SheetQuote = define("sheet-quote",
		"has a quote (\") that opens a text and never closes it: check the quotes on that line, or save it again as CSV UTF-8 from your spreadsheet",
		"a un guillemet (\") qui ouvre un texte sans jamais le fermer\u00A0: vérifiez les guillemets de cette ligne, ou enregistrez-le de nouveau en CSV UTF-8 depuis votre tableur")
	SheetEmpty = define("sheet-empty",
		"has no rows: check that you chose the right file",
		"n’a aucune ligne\u00A0: vérifiez que vous avez choisi le bon fichier")
	SheetRows = define("sheet-rows",
		"has more than {max} rows; picmark reads up to {max}: delete the rows you do not need, or split the sheet",
		"a plus de {max} lignes\u202F; picmark en lit jusqu’à {max}\u00A0: supprimez les lignes inutiles, ou divisez le tableau")
	SheetColumns = define("sheet-columns",
		"has data past column {last}; picmark reads up to {max} columns: delete the columns you do not need",
		"a des données au-delà de la colonne {last}\u202F; picmark lit jusqu’à {max} colonnes\u00A0: supprimez les colonnes inutiles")
	SheetCell = define("sheet-cell",
		"has a cell of more than {max} characters, the most picmark reads in a cell: shorten it",
		"a une cellule de plus de {max} caractères, le maximum que picmark lit dans une cellule\u00A0: raccourcissez-la")
	SheetNoColumn = define("sheet-no-column",
		"has no column \"{column}\": its columns are {columns}",
		"n’a pas de colonne «\u00A0{column}\u00A0»\u00A0: ses colonnes sont {columns}")
	SheetSameColumns = define("sheet-same-columns",
		"has several columns that could be \"{column}\" ({columns}): give them distinct names, or name one exactly",
		"a plusieurs colonnes qui pourraient être «\u00A0{column}\u00A0» ({columns})\u00A0: donnez-leur des noms distincts, ou nommez-en une exactement")
	SheetNoWorksheet = define("sheet-no-worksheet",
		"has no worksheet: check that you chose the right file",
		"n’a aucune feuille de calcul\u00A0: vérifiez que vous avez choisi le bon fichier")
	SheetChartFirst = define("sheet-chart-first",
		"starts with a chart, not a table: move the sheet with your table first, then save it again",
		"commence par un graphique, pas par un tableau\u00A0: placez la feuille de votre tableau en premier, puis enregistrez-le de nouveau")

	// What a file is, when it is not a sheet (SheetNotSheet's what).
	FileBinary     = define("kind-binary", "a binary file", "un fichier binaire")
	FilePDF        = define("kind-pdf", "a PDF", "un PDF")
	FileImage      = define("kind-image", "an image", "une image")
	FileWord       = define("kind-word", "a Word document", "un document Word")
	FilePowerPoint = define("kind-powerpoint", "a PowerPoint presentation", "une présentation PowerPoint")
	FileZIP        = define("kind-zip", "a ZIP archive", "une archive ZIP")
	// What is damaged in a workbook (SheetDamaged's what); part is the
	// file inside the workbook's ZIP.
	DamagedZIP        = define("damaged-zip", "its ZIP structure is broken", "sa structure ZIP est cassée")
	DamagedFirstSheet = define("damaged-first-sheet", "its first sheet is missing", "sa première feuille manque")
	DamagedCellText   = define("damaged-cell-text", "a cell points to text that is not there", "une cellule renvoie à un texte absent")
	DamagedPartGone   = define("damaged-part-gone", "{part} is missing", "{part} manque")
	DamagedPartBad    = define("damaged-part-bad", "{part} cannot be read", "{part} est illisible")
)

// A settings file that cannot be read (preset.JSONError, brand.ParseFile):
// said to a marketer, not in JSON's words. want is one of the File… words
// below.
var (
	FileCutShort = define("file-cut-short",
		"the file is empty or cut short: save or export it again",
		"le fichier est vide ou incomplet\u00A0: enregistrez-le ou exportez-le de nouveau")
	FileTrailing = define("file-trailing",
		"the file holds {want} and then something more: export it again, or delete what follows",
		"le fichier contient {want}, puis autre chose\u00A0: exportez-le de nouveau, ou supprimez ce qui suit")
	FileSyntax = define("file-syntax",
		"the file is damaged near character {at}: export it again from picmark, or check the punctuation there",
		"le fichier est abîmé vers le caractère {at}\u00A0: exportez-le de nouveau depuis picmark, ou vérifiez la ponctuation à cet endroit")
	FileNotKind = define("file-not-kind",
		"the file is not {want}: check that you chose the right file",
		"le fichier n’est pas {want}\u00A0: vérifiez que vous avez choisi le bon fichier")
	FileFieldType = define("file-field-type",
		"the setting \"{field}\" should be {kind}: correct it, or export the file again from picmark",
		"le réglage «\u00A0{field}\u00A0» devrait être {kind}\u00A0: corrigez-le, ou exportez de nouveau le fichier depuis picmark")
	FileUnknownField = define("file-unknown-field",
		"the setting \"{field}\" is not one picmark knows: check its spelling",
		"le réglage «\u00A0{field}\u00A0» est inconnu de picmark\u00A0: vérifiez son orthographe")
	FileUnreadable = define("file-unreadable",
		"the file cannot be read as {want} ({reason}): export it again",
		"le fichier ne peut pas être lu comme {want} ({reason})\u00A0: exportez-le de nouveau")
	// What the file should hold (want).
	FileKit     = define("want-kit", "a brand kit", "un kit de marque")
	FileFormats = define("want-formats", "a list of formats", "une liste de formats")
	// What a setting should be (kind).
	ValueWhole  = define("value-whole", "a whole number", "un nombre entier")
	ValueNumber = define("value-number", "a number", "un nombre")
	ValueText   = define("value-text", "a text in quotes", "un texte entre guillemets")
	ValueBool   = define("value-bool", "true or false", "true ou false")
	ValueFile   = define("value-file", "an embedded file (base64 text)", "un fichier intégré (texte en base64)")
	ValueList   = define("value-list", "a list", "une liste")
	ValueOther  = define("value-other", "a value of another kind", "une valeur d’un autre type")
)

// A brand kit that cannot be used (internal/brand's checks). Each reason
// is a clause a page or a command line puts after the kit's name; a
// layer's problem is KitPart: the layer (which, one of the Part… words)
// then what is wrong with it (why, one of the Layer… predicates).
var (
	KitTooBig = define("kit-too-big",
		"the file is {size}; a brand kit may be up to {maxSize}: use a lighter logo, or fewer fonts of your own",
		"le fichier pèse {size}\u202F; un kit de marque peut peser jusqu’à {maxSize}\u00A0: utilisez un logo plus léger, ou moins de polices personnelles")
	KitNoVersion = define("kit-no-version",
		"the file is not a picmark brand kit (it has no version): choose a kit exported from picmark",
		"le fichier n’est pas un kit de marque picmark (il n’a pas de version)\u00A0: choisissez un kit exporté depuis picmark")
	KitBadVersion = define("kit-bad-version",
		"its version, {value}, is not a brand kit's version (1, 2…): export the kit again from picmark",
		"sa version, {value}, n’est pas une version de kit de marque (1, 2…)\u00A0: exportez de nouveau le kit depuis picmark")
	KitNewer = define("kit-newer",
		"it is a brand kit of version {version}, and this picmark reads version {reads}: update picmark",
		"c’est un kit de marque de version {version}, et ce picmark lit la version {reads}\u00A0: mettez picmark à jour")
	KitNameLong = define("kit-name-long",
		"its name is longer than {max} characters: choose a shorter name",
		"son nom dépasse {max} caractères\u00A0: choisissez un nom plus court")
	KitTexts = define("kit-texts",
		"it has {n} text layers, {max} at most: delete some",
		"il a {n} calques de texte, pour {max} au plus\u00A0: supprimez-en")
	KitPart = define("kit-part", "{which} {why}", "{which} {why}")

	PartLogo        = define("part-logo", "the logo", "le logo")
	PartLogoFile    = define("part-logo-file", "the logo {file}", "le logo {file}")
	PartText        = define("part-text", "text {layer}", "le texte {layer}")
	PartTextFont    = define("part-text-font", "the font of text {layer}", "la police du texte {layer}")
	PartTile        = define("part-tile", "the tiled watermark", "le filigrane")
	PartTileFont    = define("part-tile-font", "the tiled watermark's font", "la police du filigrane")
	PartTitle       = define("part-title", "the post title's template", "le modèle du titre de publication")
	PartDescription = define("part-description", "the post description's template", "le modèle de la description de publication")
	PartAlt         = define("part-alt", "the alt text's template", "le modèle du texte alternatif")

	LogoNoImage = define("logo-no-image",
		"has no image: choose the logo again in the page, or give it with -logo FILE",
		"n’a pas d’image\u00A0: choisissez de nouveau le logo dans la page, ou donnez-le avec -logo FICHIER")
	LogoSVG = define("logo-svg",
		"is an SVG, which the command line cannot draw: export the logo as a PNG",
		"est un SVG, que la ligne de commande ne sait pas dessiner\u00A0: exportez le logo en PNG")
	LayerShare = define("layer-share",
		"has {field} of {share}, outside {least} to {most}: choose a value in that range",
		"a {field} de {share}, hors de l’intervalle de {least} à {most}\u00A0: choisissez une valeur dans cet intervalle")
	LayerAnchor = define("layer-anchor",
		"has the position \"{value}\", which picmark does not know: use {anchors}",
		"a la position «\u00A0{value}\u00A0», que picmark ne connaît pas\u00A0: utilisez {anchors}")
	LayerColour = define("layer-colour",
		"has {field} \"{value}\" that picmark cannot read: write it like #FF8800",
		"a {field} «\u00A0{value}\u00A0» illisible\u00A0: écrivez-la comme #FF8800")
	LayerFontBig = define("layer-font-big",
		"has a font of {size}; picmark takes fonts up to {maxSize}: choose a smaller font file",
		"a une police de {size}\u202F; picmark accepte des polices jusqu’à {maxSize}\u00A0: choisissez un fichier de police plus léger")
	LayerFontUnknown = define("layer-font-unknown",
		"uses the font \"{font}\", which is not one of picmark's ({fonts}): choose one of these, or add your own font",
		"utilise la police «\u00A0{font}\u00A0», qui n’est pas l’une de celles de picmark ({fonts})\u00A0: choisissez-en une, ou ajoutez votre propre police")
	LayerNoWords = define("layer-no-words",
		"is empty: write its words, or delete the layer",
		"est vide\u00A0: écrivez-le, ou supprimez le calque")
	LayerLong = define("layer-long",
		"has {n} characters, {max} at most: shorten it",
		"a {n} caractères, pour {max} au plus\u00A0: raccourcissez ce texte")
	LayerLines = define("layer-lines",
		"may wrap onto {lines} lines, outside 1 to {max}: choose a number in that range",
		"peut passer sur {lines} lignes, hors de l’intervalle de 1 à {max}\u00A0: choisissez un nombre dans cet intervalle")
	TileNeeds = define("tile-needs",
		"needs the logo or a text: add one, or turn the tiled watermark off",
		"a besoin du logo ou d’un texte\u00A0: ajoutez-en un, ou désactivez le filigrane")
	TileAngle = define("tile-angle",
		"has an angle of {angle}°, outside -360° to 360°: choose an angle in that range",
		"a un angle de {angle}°, hors de l’intervalle de -360° à 360°\u00A0: choisissez un angle dans cet intervalle")
	// What a LayerShare or LayerColour is about (field).
	FieldSize       = define("field-size", "a size", "une taille")
	FieldMargin     = define("field-margin", "a margin", "une marge")
	FieldOpacity    = define("field-opacity", "an opacity", "une opacité")
	FieldWidth      = define("field-width", "a width", "une largeur")
	FieldLogoWidth  = define("field-logo-width", "a logo width", "une largeur de logo")
	FieldSpacing    = define("field-spacing", "a spacing", "un espacement")
	FieldColour     = define("field-colour", "a colour", "une couleur")
	FieldBandColour = define("field-band-colour", "a band colour", "une couleur de bandeau")
	FontNotFont     = define("font-not-font",
		"is not a font picmark can use: choose a TrueType or OpenType file (.ttf or .otf)",
		"n’est pas une police que picmark sait utiliser\u00A0: choisissez un fichier TrueType ou OpenType (.ttf ou .otf)")
	FontNoLetter = define("font-no-letter",
		"has a font without {letters}: choose another font, or take those characters out",
		"a une police sans {letters}\u00A0: choisissez une autre police, ou retirez ces caractères")
)

// A format of your own that cannot be used (internal/preset): the page's
// form, a kit's formats, -presets FILE. preset is the format's name.
var (
	PresetsTooMany = define("presets-too-many",
		"there are {n} formats of your own, {max} at most: delete some",
		"il y a {n} formats personnalisés, pour {max} au plus\u00A0: supprimez-en")
	PresetBuiltin = define("preset-builtin",
		"the format \"{preset}\" has the name of one of picmark's formats: give it another name",
		"le format «\u00A0{preset}\u00A0» porte le nom d’un format de picmark\u00A0: donnez-lui un autre nom")
	PresetTwice = define("preset-twice",
		"there are two formats named \"{preset}\": give each its own name",
		"deux formats s’appellent «\u00A0{preset}\u00A0»\u00A0: donnez à chacun son propre nom")
	PresetNoID = define("preset-no-id",
		"a format has no id: give each one an id like shop-banner",
		"un format n’a pas d’identifiant\u00A0: donnez à chacun un identifiant comme shop-banner")
	PresetIDLong = define("preset-id-long",
		"the format \"{preset}\" has an id longer than 64 characters: choose a shorter name",
		"le format «\u00A0{preset}\u00A0» a un identifiant de plus de 64 caractères\u00A0: choisissez un nom plus court")
	PresetIDChars = define("preset-id-chars",
		"the format \"{preset}\" has an id with characters other than the letters a to z, digits and dashes: write it like shop-banner",
		"l’identifiant du format «\u00A0{preset}\u00A0» contient d’autres caractères que des lettres de a à z, des chiffres et des tirets\u00A0: écrivez-le comme shop-banner")
	PresetWidth = define("preset-width",
		"the format \"{preset}\" is {w} pixel wide; a format can be 1 to {max} pixels wide: change its width|the format \"{preset}\" is {w} pixels wide; a format can be 1 to {max} pixels wide: change its width",
		"le format «\u00A0{preset}\u00A0» fait {w} pixel de large\u202F; un format peut faire de 1 à {max} pixels de large\u00A0: changez sa largeur|le format «\u00A0{preset}\u00A0» fait {w} pixels de large\u202F; un format peut faire de 1 à {max} pixels de large\u00A0: changez sa largeur")
	PresetHeight = define("preset-height",
		"the format \"{preset}\" is {h} pixel tall; a format can be 1 to {max} pixels tall: change its height, or leave it empty to keep each photo's shape|the format \"{preset}\" is {h} pixels tall; a format can be 1 to {max} pixels tall: change its height, or leave it empty to keep each photo's shape",
		"le format «\u00A0{preset}\u00A0» fait {h} pixel de haut\u202F; un format peut faire de 1 à {max} pixels de haut\u00A0: changez sa hauteur, ou laissez-la vide pour garder la forme de chaque photo|le format «\u00A0{preset}\u00A0» fait {h} pixels de haut\u202F; un format peut faire de 1 à {max} pixels de haut\u00A0: changez sa hauteur, ou laissez-la vide pour garder la forme de chaque photo")
	PresetMaxHeight = define("preset-max-height",
		"the format \"{preset}\" has a maximum height of {h} pixel; it can be 1 to {max}, or 0 for no limit|the format \"{preset}\" has a maximum height of {h} pixels; it can be 1 to {max}, or 0 for no limit",
		"le format «\u00A0{preset}\u00A0» a une hauteur maximale de {h} pixel\u202F; elle peut aller de 1 à {max}, ou 0 pour aucune limite|le format «\u00A0{preset}\u00A0» a une hauteur maximale de {h} pixels\u202F; elle peut aller de 1 à {max}, ou 0 pour aucune limite")
	PresetNoCap = define("preset-no-cap",
		"the format \"{preset}\" has no size limit: give the platform's upload limit in bytes (maxBytes), like 8388608 for 8 MB",
		"le format «\u00A0{preset}\u00A0» n’a pas de limite de taille\u00A0: donnez la limite d’envoi de la plateforme en octets (maxBytes), comme 8388608 pour 8\u00A0Mo")
	PresetFileType = define("preset-file-type",
		"the format \"{preset}\" lists the file type \"{value}\": picmark writes {formats}",
		"le format «\u00A0{preset}\u00A0» indique le type de fichier «\u00A0{value}\u00A0»\u00A0: picmark écrit {formats}")
	PresetNegative = define("preset-negative",
		"the format \"{preset}\" has a negative margin: margins are 0 pixels or more",
		"le format «\u00A0{preset}\u00A0» a une marge négative\u00A0: les marges font 0 pixel ou plus")
	PresetSides = define("preset-sides",
		"the format \"{preset}\" keeps {left} + {right} pixels clear at the left and right, which leaves {free} of its {w} pixels for the layers: keep at least a quarter of the width for them",
		"le format «\u00A0{preset}\u00A0» garde {left} + {right} pixels libres à gauche et à droite, ce qui ne laisse que {free} de ses {w} pixels aux calques\u00A0: gardez-leur au moins un quart de la largeur")
	PresetEnds = define("preset-ends",
		"the format \"{preset}\" keeps {top} + {bottom} pixels clear at the top and bottom, which leaves {free} of its {h} pixels for the layers: keep at least a quarter of the height for them",
		"le format «\u00A0{preset}\u00A0» garde {top} + {bottom} pixels libres en haut et en bas, ce qui ne laisse que {free} de ses {h} pixels aux calques\u00A0: gardez-leur au moins un quart de la hauteur")
	PresetUnknown = define("preset-unknown",
		"the format \"{id}\" is unknown: choose among {ids}",
		"le format «\u00A0{id}\u00A0» est inconnu\u00A0: choisissez parmi {ids}")
)

// A batch's settings that cannot be used (internal/job and the packages it
// asks: crop, render, imgio, batch's naming).
var (
	NoFormat = define("no-format",
		"no format is chosen: tick at least one",
		"aucun format n’est choisi\u00A0: cochez-en au moins un")
	CropBad = define("crop-bad",
		"\"{value}\" is not a way to frame photos: use smart, center, focal, top, bottom, left, right, top-left, top-right, bottom-left or bottom-right",
		"«\u00A0{value}\u00A0» n’est pas une façon de cadrer\u00A0: utilisez smart, center, focal, top, bottom, left, right, top-left, top-right, bottom-left ou bottom-right")
	FocalBad = define("focal-bad",
		"\"{value}\" is not a focal point: write two fractions of the width and the height between 0 and 1, like 0.5,0.3",
		"«\u00A0{value}\u00A0» n’est pas un point focal\u00A0: écrivez deux fractions de la largeur et de la hauteur entre 0 et 1, comme 0.5,0.3")
	FitBad = define("fit-bad",
		"\"{value}\" is not a way to fit photos: use fill (crop to the format), pad (the whole photo on a colour) or blur (the whole photo on a blurred copy of itself)",
		"«\u00A0{value}\u00A0» n’est pas une façon d’ajuster les photos\u00A0: utilisez fill (recadrer au format), pad (la photo entière sur une couleur) ou blur (la photo entière sur une copie floutée d’elle-même)")
	ColourBad = define("colour-bad",
		"\"{value}\" is not a colour: write it like #FF8800",
		"«\u00A0{value}\u00A0» n’est pas une couleur\u00A0: écrivez-la comme #FF8800")
	PadColour = define("pad-colour",
		"the background colour: {why}",
		"la couleur de fond\u00A0: {why}")
	OutputFormatBad = define("output-format-bad",
		"picmark writes JPEG or PNG, not \"{value}\": choose one of them",
		"picmark écrit du JPEG ou du PNG, pas «\u00A0{value}\u00A0»\u00A0: choisissez l’un des deux")
	QualityBad = define("quality-bad",
		"the quality is {value}; it can be 1 to 100: 85 is a good start",
		"la qualité est de {value}\u202F; elle peut aller de 1 à 100\u00A0: 85 est un bon début")
	// The naming template (batch.NewNamer), said inside InName.
	NameLong = define("name-long",
		"it has {n} characters, {max} at most: shorten it",
		"il a {n} caractères, pour {max} au plus\u00A0: raccourcissez-le")
	NameBrace = define("name-brace",
		"it has {brace} without its pair: write each part whole, like {example}",
		"il a {brace} seule\u00A0: écrivez chaque partie en entier, comme {example}")
	NameUnknown = define("name-unknown",
		"it has a part picmark does not know, {token}: use {tokens}",
		"il a une partie que picmark ne connaît pas, {token}\u00A0: utilisez {tokens}")
	NameNoName = define("name-no-name",
		"it needs {needs}, or every photo would get the same file name",
		"il lui faut {needs}, sinon toutes les photos auraient le même nom de fichier")
	NameBackslash = define("name-backslash",
		"it makes folders with \"\\\": write \"/\" instead",
		"il crée des dossiers avec «\u00A0\\\u00A0»\u00A0: écrivez «\u00A0/\u00A0» à la place")
	NameAbsolute = define("name-absolute",
		"it starts with \"/\" or a drive: take it out, as the pictures stay inside the output folder",
		"il commence par «\u00A0/\u00A0» ou par un lecteur\u00A0: retirez-le, car les images restent dans le dossier de sortie")
	NameDots = define("name-dots",
		"it has \"{value}\" as a folder: take it out, as the pictures stay inside the output folder",
		"il a «\u00A0{value}\u00A0» comme dossier\u00A0: retirez-le, car les images restent dans le dossier de sortie")
	NameChar = define("name-char",
		"it has \"{value}\", which file names cannot hold: take it out",
		"il a «\u00A0{value}\u00A0», qu’un nom de fichier ne peut pas contenir\u00A0: retirez-le")
)

// The command line's own checks of its flags and files (cmd/picmark, and
// settings.ApplyFlags for the batch's settings).
var (
	CLIKit = define("cli-kit",
		"the brand kit {file} cannot be used: {why}",
		"le kit de marque {file} ne peut pas être utilisé\u00A0: {why}")
	CLIFormats = define("cli-formats",
		"the formats file {file} cannot be used: {why}",
		"le fichier de formats {file} ne peut pas être utilisé\u00A0: {why}")
	CLILogoScale = define("cli-logo-scale",
		"-logo-scale {value} is out of range: give a share of the width between 0.05 and 1, like 0.2",
		"-logo-scale {value} est hors limites\u00A0: donnez une part de la largeur entre 0.05 et 1, comme 0.2")
	CLILogoOpacity = define("cli-logo-opacity",
		"-logo-opacity {value} is out of range: give a value between 0 and 1, like 0.85",
		"-logo-opacity {value} est hors limites\u00A0: donnez une valeur entre 0 et 1, comme 0.85")
	CLINoPreset = define("cli-no-preset",
		"-preset names no format: give at least one, like -preset pinterest-pin (picmark presets lists them)",
		"-preset ne nomme aucun format\u00A0: donnez-en au moins un, comme -preset pinterest-pin (picmark presets les liste)")
	CLIFocalCrop = define("cli-focal-crop",
		"-focal goes with -crop focal (or alone); -crop {value} does not use a focal point",
		"-focal va avec -crop focal (ou seul)\u202F; -crop {value} n’utilise pas de point focal")
	CLIFocal  = define("cli-focal", "-focal {why}", "-focal {why}")
	CLINoFile = define("cli-no-file",
		"cannot open {what} {file}: check the path",
		"impossible d’ouvrir {what} {file}\u00A0: vérifiez le chemin")
	CLINotFile = define("cli-not-file",
		"{what} {file} is not a file: give a file",
		"{what} {file} n’est pas un fichier\u00A0: donnez un fichier")
	CLIFileBig = define("cli-file-big",
		"{what} {file} is {size}; it can be up to {maxSize}",
		"{what} {file} pèse {size}\u202F; il peut peser jusqu’à {maxSize}")
	CLIFileRead = define("cli-file-read",
		"cannot read {what} {file} ({reason}): check it opens on this computer",
		"impossible de lire {what} {file} ({reason})\u00A0: vérifiez qu’il s’ouvre sur cet ordinateur")
	CLICannotUse = define("cli-cannot-use",
		"cannot use {path} ({reason}): check that it exists and that you may read it",
		"impossible d’utiliser {path} ({reason})\u00A0: vérifiez qu’il existe et que vous pouvez le lire")
	CLICannotCreate = define("cli-cannot-create",
		"cannot create {path} ({reason}): check that you may write there, and that there is room on the disk",
		"impossible de créer {path} ({reason})\u00A0: vérifiez que vous pouvez y écrire, et qu’il reste de la place sur le disque")
	CLIUnknownCommand = define("cli-unknown-command",
		"\"{value}\" is not a picmark command: see the commands below",
		"«\u00A0{value}\u00A0» n’est pas une commande de picmark\u00A0: voyez les commandes ci-dessous")
	CLIUnexpected = define("cli-unexpected",
		"\"{value}\" is one argument too many: see the usage below",
		"«\u00A0{value}\u00A0» est un argument en trop\u00A0: voyez l’usage ci-dessous")
	CLIFlagUnknown = define("cli-flag-unknown",
		"there is no option {flag}: check its spelling in the list below",
		"l’option {flag} n’existe pas\u00A0: vérifiez son orthographe dans la liste ci-dessous")
	CLIFlagNoValue = define("cli-flag-no-value",
		"the option {flag} needs a value: see the list below",
		"l’option {flag} a besoin d’une valeur\u00A0: voyez la liste ci-dessous")
	CLIFlagValue = define("cli-flag-value",
		"the option {flag} does not take \"{value}\": see what it takes in the list below",
		"l’option {flag} n’accepte pas «\u00A0{value}\u00A0»\u00A0: voyez ce qu’elle accepte dans la liste ci-dessous")
	CLIFlagSyntax = define("cli-flag-syntax",
		"\"{value}\" is not an option as picmark reads them: write -name value",
		"«\u00A0{value}\u00A0» n’est pas une option telle que picmark les lit\u00A0: écrivez -nom valeur")
	CLIFlags = define("cli-flags",
		"the options cannot be read ({reason}): see the list below",
		"les options ne peuvent pas être lues ({reason})\u00A0: voyez la liste ci-dessous")
	CLIFinish = define("cli-finish",
		"could not finish {out} ({reason}): check there is room on the disk, then try again",
		"impossible de terminer {out} ({reason})\u00A0: vérifiez qu’il reste de la place sur le disque, puis réessayez")
	// What the command line reads (what).
	WhatKit     = define("what-kit", "the brand kit", "le kit de marque")
	WhatFormats = define("what-formats", "the formats file", "le fichier de formats")
	WhatLogo    = define("what-logo", "the logo", "le logo")
	WhatSheet   = define("what-sheet", "the sheet", "le tableau")
)
