// Package preset holds the platform formats picmark renders to, as data.
//
// The table below is the one place where a platform's size, byte cap or safe
// zone is written down; every number carries its source and the day it was
// checked, so a marketer can see why a size is what it is.
package preset

import (
	"fmt"
	"sort"
	"strings"

	"picmark/internal/msg"
)

// Insets are the margins, in pixels at the preset's size, that the
// platform's own interface covers (names, buttons, captions, "AD" labels).
type Insets struct {
	Top    int `json:"top,omitempty"`
	Right  int `json:"right,omitempty"`
	Bottom int `json:"bottom,omitempty"`
	Left   int `json:"left,omitempty"`
}

// Preset is one output format.
//
// The JSON names are lower-case: custom presets files and brand kits use them.
type Preset struct {
	ID       string `json:"id"`   // stable identifier used in flags, folder names and reports
	Name     string `json:"name"` // what the page shows
	NameFR   string `json:"-"`    // the name in French, for built-in presets (Title)
	Platform string `json:"platform,omitempty"`
	// Width and Height are the exact output size. Height 0 means the width is
	// fixed, the height follows the photo (up to MaxHeight), and the photo is
	// never upscaled.
	Width     int      `json:"width"`
	Height    int      `json:"height,omitempty"`
	MaxHeight int      `json:"maxHeight,omitempty"`
	MaxBytes  int64    `json:"maxBytes"`          // the platform's upload cap; outputs never exceed it
	Formats   []string `json:"formats,omitempty"` // file formats the platform accepts: "jpeg", "png", "gif"
	Safe      Insets   `json:"safe"`
	Notes     string   `json:"notes,omitempty"`
	Source    string   `json:"source,omitempty"`
	Checked   string   `json:"checked,omitempty"` // date the numbers were checked, YYYY-MM-DD
}

// WidthOnly reports whether the preset keeps the photo's own aspect ratio.
func (p Preset) WidthOnly() bool { return p.Height == 0 }

// Title is the preset's name in lang ("fr" or English): a custom preset's
// own name in every language.
func (p Preset) Title(lang string) string {
	if lang == msg.French && p.NameFR != "" {
		return p.NameFR
	}
	return p.Name
}

// Size describes the preset's dimensions for people: "1000×1500" or "1280
// wide" ("1280 de large" in French).
func (p Preset) Size(lang string) string {
	if p.WidthOnly() {
		if lang == msg.French {
			return fmt.Sprintf("%d de large", p.Width)
		}
		return fmt.Sprintf("%d wide", p.Width)
	}
	return fmt.Sprintf("%d×%d", p.Width, p.Height)
}

const mb = 1 << 20

// checked is the day the table below was last compared with its sources.
const checked = "2026-11-01"

// table is made by a function so that mutation testing (make mutate) can
// change its numbers: gremlins never mutates a package-level initialiser.
var table = builtins()

func builtins() []Preset {
	return []Preset{
		{ID: "pinterest-pin", Name: "Pinterest pin", NameFR: "Épingle Pinterest", Platform: "Pinterest", Width: 1000, Height: 1500, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Notes: "taller than 2:3 may be cut off in the feed",
			Source: "business.pinterest.com product specs (10 MB; other sites say 20–32 MB)", Checked: checked},
		{ID: "pinterest-square", Name: "Pinterest square pin", NameFR: "Épingle carrée Pinterest", Platform: "Pinterest", Width: 1000, Height: 1000, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Source: "business.pinterest.com product specs", Checked: checked},
		{ID: "pinterest-long", Name: "Pinterest long pin", NameFR: "Épingle longue Pinterest", Platform: "Pinterest", Width: 1000, Height: 2100, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Notes: "the feed truncates beyond 1:2.1",
			Source: "business.pinterest.com product specs; moda.app", Checked: checked},
		{ID: "pinterest-story", Name: "Pinterest idea pin", NameFR: "Épingle idée Pinterest", Platform: "Pinterest", Width: 1080, Height: 1920, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Top: 250, Bottom: 340},
			Source: "secondary sources (Meta-style story guidance)", Checked: checked},
		{ID: "tumblr-post", Name: "Tumblr photo post", NameFR: "Publication photo Tumblr", Platform: "Tumblr", Width: 1280, MaxHeight: 1920, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png", "gif"}, Notes: "the dashboard shows 540 wide; never upscaled",
			Source: "tumblr/docs api.md (10 MB)", Checked: checked},
		{ID: "tumblr-square", Name: "Tumblr square post", NameFR: "Publication carrée Tumblr", Platform: "Tumblr", Width: 1280, Height: 1280, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Source: "tumblr/docs api.md", Checked: checked},
		{ID: "tumblr-header", Name: "Tumblr blog header", NameFR: "En-tête de blog Tumblr", Platform: "Tumblr", Width: 3000, Height: 1055, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Left: 300, Right: 300}, Notes: "edges are cropped on mobile: keep the centre",
			Source: "picovert 2026", Checked: checked},
		{ID: "tumblr-avatar", Name: "Tumblr avatar", NameFR: "Avatar Tumblr", Platform: "Tumblr", Width: 512, Height: 512, MaxBytes: 10 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Top: 75, Right: 75, Bottom: 75, Left: 75},
			Notes: "shown at 128 px, circle-cropped in places: keep the centre", Source: "tumblr help", Checked: checked},
		{ID: "snapchat-story", Name: "Snapchat story", NameFR: "Story Snapchat", Platform: "Snapchat", Width: 1080, Height: 1920, MaxBytes: 5 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Top: 150, Bottom: 150},
			Notes:  "brand name and headline top-left, AD label bottom-right, call to action bottom-centre",
			Source: "Snapchat ad specs (audiencex, mediassociates: 5 MB)", Checked: checked},
		{ID: "instagram-portrait", Name: "Instagram portrait", NameFR: "Portrait Instagram", Platform: "Instagram", Width: 1080, Height: 1350, MaxBytes: 8 * mb,
			Formats: []string{"jpeg"}, Notes: "the profile grid crops to 3:4", Source: "Meta Graph API limits", Checked: checked},
		{ID: "instagram-square", Name: "Instagram square", NameFR: "Carré Instagram", Platform: "Instagram", Width: 1080, Height: 1080, MaxBytes: 8 * mb,
			Formats: []string{"jpeg"}, Source: "Meta Graph API limits", Checked: checked},
		{ID: "instagram-story", Name: "Instagram story", NameFR: "Story Instagram", Platform: "Instagram", Width: 1080, Height: 1920, MaxBytes: 8 * mb,
			Formats: []string{"jpeg"}, Safe: Insets{Top: 250, Bottom: 340}, Source: "Meta (14 % top / 20 % bottom)", Checked: checked},
		{ID: "facebook-feed", Name: "Facebook feed", NameFR: "Fil Facebook", Platform: "Facebook", Width: 1080, Height: 1350, MaxBytes: 8 * mb,
			Formats: []string{"jpeg", "png"}, Source: "Meta", Checked: checked},
		{ID: "facebook-cover", Name: "Facebook cover", NameFR: "Couverture Facebook", Platform: "Facebook", Width: 1640, Height: 624, MaxBytes: 8 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Left: 500, Right: 500}, Notes: "the centre 640 is visible everywhere",
			Source: "Meta", Checked: checked},
		{ID: "linkedin-post", Name: "LinkedIn post", NameFR: "Publication LinkedIn", Platform: "LinkedIn", Width: 1200, Height: 627, MaxBytes: 8 * mb,
			Formats: []string{"jpeg", "png"}, Source: "LinkedIn", Checked: checked},
		{ID: "linkedin-banner", Name: "LinkedIn banner", NameFR: "Bannière LinkedIn", Platform: "LinkedIn", Width: 1584, Height: 396, MaxBytes: 8 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Left: 568}, Notes: "the profile photo covers the bottom-left",
			Source: "LinkedIn", Checked: checked},
		{ID: "x-post", Name: "X post", NameFR: "Publication X", Platform: "X", Width: 1200, Height: 675, MaxBytes: 5 * mb,
			Formats: []string{"jpeg", "png"}, Source: "docs.x.com media upload (5 MB)", Checked: checked},
		{ID: "x-header", Name: "X header", NameFR: "En-tête X", Platform: "X", Width: 1500, Height: 500, MaxBytes: 5 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Top: 50, Right: 120, Bottom: 50, Left: 120},
			Notes: "keep a central ~1260×400", Source: "docs.x.com", Checked: checked},
		{ID: "youtube-thumb", Name: "YouTube thumbnail", NameFR: "Miniature YouTube", Platform: "YouTube", Width: 1280, Height: 720, MaxBytes: 2 * mb,
			Formats: []string{"jpeg", "png"}, Safe: Insets{Right: 200, Bottom: 100}, Notes: "the duration badge covers the bottom-right",
			Source: "YouTube help (2 MB)", Checked: checked},
		{ID: "threads-post", Name: "Threads post", NameFR: "Publication Threads", Platform: "Threads", Width: 1080, Height: 1350, MaxBytes: 8 * mb,
			Formats: []string{"jpeg", "png"}, Source: "Meta API", Checked: checked},
	}
}

// DefaultIDs are the presets ticked when nothing else is chosen: the three
// platforms our users asked for by name.
var DefaultIDs = []string{"pinterest-pin", "tumblr-post", "snapchat-story"}

// All returns every built-in preset, in table order.
func All() []Preset {
	out := make([]Preset, len(table))
	copy(out, table)
	return out
}

// Lookup finds a preset by id.
func Lookup(id string) (Preset, bool) {
	for _, p := range table {
		if p.ID == id {
			return p, true
		}
	}
	return Preset{}, false
}

// Parse turns a comma-separated list of built-in ids into presets, in the
// order given, without duplicates. An empty list means DefaultIDs.
func Parse(list string) ([]Preset, error) {
	return Resolve(strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }), nil)
}

// IDs lists every preset id, sorted.
func IDs() []string {
	ids := make([]string, len(table))
	for i, p := range table {
		ids[i] = p.ID
	}
	sort.Strings(ids)
	return ids
}
