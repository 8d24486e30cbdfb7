package msg

// The catalog: every message picmark says about a file, by code, in
// English and in French. A message starting lower-case follows the file's
// name ("a.jpg is damaged …"). Add one here and only here; TestCatalog
// then wants a sample of its arguments in samples_test.go.

type def struct{ en, fr string }

var catalog = map[Code]def{}

// define adds a message to the catalog.
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

// The gate (internal/imgio): files picmark cannot take.
var (
	NotImage = define("not-image",
		"is not an image picmark can read ({formats})",
		"n’est pas une image que picmark sait lire ({formats})")
	NoDecoder = define("no-decoder",
		"is a {format} photo, which picmark cannot open in the browser yet: export it as JPEG, or use picmark process on a computer",
		"est une photo {format}, que picmark ne sait pas encore ouvrir dans le navigateur\u00A0: exportez-la en JPEG, ou utilisez picmark process sur un ordinateur")
	DecoderMissing = define("decoder-missing",
		"is a {format} photo, and picmark's {format} reader is not on this device yet: connect to the internet, open picmark once so it can download it, then try this photo again",
		"est une photo {format}, et le lecteur {format} de picmark n’est pas encore sur cet appareil\u00A0: connectez-vous à Internet, ouvrez picmark une fois pour qu’il le télécharge, puis réessayez cette photo")
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
		"fait {w}×{h} pixels, {ratio} fois plus large que haute\u202F; picmark accepte jusqu’à {max} fois\u00A0: recadrez-la d’abord")
	TooTall = define("too-tall",
		"is {w}×{h} pixels, {ratio} times as tall as it is wide; picmark accepts up to {max} times: crop it to a less extreme shape first",
		"fait {w}×{h} pixels, {ratio} fois plus haute que large\u202F; picmark accepte jusqu’à {max} fois\u00A0: recadrez-la d’abord")
	Truncated = define("truncated",
		"is damaged or incomplete (the {format} data ends early): export it again",
		"est abîmée ou incomplète (les données {format} s’arrêtent trop tôt)\u00A0: exportez-la de nouveau")
	Unsupported = define("unsupported",
		"uses a {format} feature picmark cannot read: export it again as a standard {format}",
		"utilise une fonction {format} que picmark ne sait pas lire\u00A0: exportez-la de nouveau en {format} standard")
	Damaged = define("damaged",
		"is damaged (its {format} data cannot be read): export it again",
		"est abîmée (ses données {format} sont illisibles)\u00A0: exportez-la de nouveau")
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
