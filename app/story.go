package app

import (
	"fmt"
	"hash/crc32"
	"path"
	"strings"

	"picmark/internal/batch"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// story.go: a sheet beside the photos (a product list, a price sheet, an
// e-shop export) tells each photo's story: its row fills the text layers'
// templates ({Produit} – {Prix} €), the output names' {col:…} and the post
// texts of posts.csv. The sheet is read by a worker, never on this thread;
// the matches are shown before the batch; each photo's words can be
// changed on the photo itself, as its focal point.

// sheetState is the sheet loaded beside the photos.
type sheetState struct {
	Sheet   *sheet.Sheet
	Loading string      // the name of the sheet being read
	Error   msg.Message // why it could not be read
	Match   string      // the column of file names the user chose; "" finds it
	gen     int         // bumped for each sheet read: the previews depend on it
}

// storyCache keeps the story made for the page's state: it is asked at
// each change of the files, the settings or the sheet.
type storyCache struct {
	key   string
	story *job.Story
	err   error

	// The photos' paths hashed so far, and their sum: a list that grows
	// by appending (session.keepPhotos) is hashed only for what it adds,
	// so taking heads.js's answers costs what they hold.
	hashed []fileEntry
	sum    uint32
}

// sheetTypes is the sheet picker's accept list.
const sheetTypes = ".csv,.tsv,.txt,.xlsx,.ods,text/csv,text/tab-separated-values," +
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"

// isSheet says whether a received file is a sheet by its name: a sheet
// dropped with the photos is read as the sheet, not listed as a file
// picmark skips. (.txt stays a file: notes.txt is rarely a sheet; the
// picker takes it.)
func isSheet(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".csv", ".tsv", ".xlsx", ".ods", ".xls":
		return true
	}
	return false
}

// storyState is the sheet put to work on the photos and the templates
// (stateStory): nil when there is neither a sheet nor a template, or why
// the batch cannot start with them.
type storyState struct {
	Story *job.Story
	Err   error
	// Gen is the files' fileSet.Gen it was told of; a story (or its
	// error) is told again for each, nil and no error need not be.
	Gen int
}

// of is a sheet put to work on the photos and the templates, or
// why it cannot be (a column the sheet lacks, two rows claiming one
// photo); nil when there is neither a sheet nor a template. It is asked
// often: the story is made again only when one of them changed.
func (sc *storyCache) of(sh sheetState, settings job.Settings, photos []fileEntry) (*job.Story, error) {
	kit := settings.Kit
	if sh.Sheet == nil && len(kit.Texts) == 0 && kit.Posts.Empty() {
		return nil, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%s|%s", sh.gen, sh.Match, settings.Name)
	if sh.Sheet != nil { // without a sheet, the story does not depend on the photos
		fmt.Fprintf(&b, "|%d|%08x", len(photos), sc.pathsSum(photos))
	}
	for _, t := range kit.Texts {
		b.WriteString("|" + t.Content)
	}
	if kit.Posts != nil {
		fmt.Fprintf(&b, "|%s|%s|%s", kit.Posts.Title, kit.Posts.Description, kit.Posts.AltText)
	}
	if key := b.String(); key != sc.key {
		sc.key = key
		sc.story, sc.err = settings.Story(sh.Sheet, photoPaths(photos), sh.Match)
	}
	return sc.story, sc.err
}

// pathsSum is the CRC-32 of the photos' paths, one a line: of those it has
// not hashed yet when photos extends the list it hashed last (the same
// array, longer), else of them all.
func (sc *storyCache) pathsSum(photos []fileEntry) uint32 {
	n := len(sc.hashed)
	if n == 0 || len(photos) < n || &photos[0] != &sc.hashed[0] {
		n, sc.sum = 0, 0
	}
	for i, f := range photos[n:] {
		if n+i > 0 {
			sc.sum = crc32.Update(sc.sum, crc32.IEEETable, newline)
		}
		sc.sum = crc32.Update(sc.sum, crc32.IEEETable, []byte(f.Path))
	}
	sc.hashed = photos
	return sc.sum
}

var newline = []byte{'\n'}

// photoPaths are the photos' paths: what a sheet's rows are matched with
// (a photo's index is its place here).
func photoPaths(photos []fileEntry) []string {
	out := make([]string, len(photos))
	for i, f := range photos {
		out[i] = f.Path
	}
	return out
}

// words are photo f's text layers' words (f is the photo-th photo): the
// sheet's, with the user's own over them; nil when neither a sheet nor
// the user gives any, so the kit's own texts draw (and stay cached).
func words(st *job.Story, sh sheetState, photo int, f fileEntry) []job.Caption {
	if st == nil || sh.Sheet == nil && len(f.Words) == 0 {
		return nil
	}
	caps := st.Captions(photo)
	for k, w := range f.Words {
		if k < len(caps) && w != "" {
			caps[k] = job.Caption{Text: w}
		}
	}
	return caps
}

// photoIndex is a file's place among the photos, or -1.
func photoIndex(photos []fileEntry, index int) int {
	for i, f := range photos {
		if f.Index == index {
			return i
		}
	}
	return -1
}

// wordsKey is what a photo's previews depend on beyond the settings: its
// words.
func wordsKey(caps []job.Caption) string {
	if caps == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range caps {
		b.WriteString("|" + c.Text)
	}
	return b.String()
}

// storyRunOf is the batch's share of the story: each photo's words and
// {col:…} values (name: the naming template).
func storyRunOf(st *job.Story, sh sheetState, name string) storyRun {
	if st == nil {
		return storyRun{}
	}
	run := storyRun{story: st, words: func(i int, f fileEntry) []job.Caption { return words(st, sh, i, f) }}
	if namer, err := batch.NewNamer(name); err == nil && len(namer.Columns()) > 0 {
		run.cols = func(i int) []string { return st.Cols(i, namer) }
	}
	return run
}
