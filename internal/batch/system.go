package batch

import (
	"path"
	"strings"

	"picmark/internal/msg"
)

// StatusLeftOut is the status of the one report row that counts the
// system files a folder carried (see SystemFile).
const StatusLeftOut = "left out"

// SystemFile reports whether a file is one that operating systems and
// photo tools leave in folders, not a photo anyone chose: macOS's
// .DS_Store and ._ resource forks, Windows' Thumbs.db and desktop.ini,
// Picasa's .picasa.ini, and any hidden file (a name starting with a dot).
// The page and the CLI leave them out quietly, counted on one line,
// rather than failing each as "not an image". p is a slash- or
// backslash-separated path; only its last part counts.
func SystemFile(p string) bool {
	name := path.Base(strings.ReplaceAll(p, "\\", "/"))
	switch strings.ToLower(name) {
	case "thumbs.db", "ehthumbs.db", "desktop.ini", ".picasa.ini", "picasa.ini":
		return true
	}
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}

// LeftOut is the report row for n system files left out (n > 0).
func LeftOut(n int) Row {
	return Row{Status: StatusLeftOut, Notes: []msg.Message{LeftOutNote(n)}}
}

// LeftOutNote says how many system files were left out.
func LeftOutNote(n int) msg.Message { return msg.New(msg.SystemFiles, msg.Count("n", n)) }
