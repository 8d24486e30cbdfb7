package posts

// Field is a column of posts.csv that a platform limits.
type Field int

// The texts of a post.
const (
	Title Field = iota
	Description
	AltText
)

// String is the field's posts.csv column: "title", "description",
// "alt_text".
func (f Field) String() string {
	return [...]string{"title", "description", "alt_text"}[f]
}

// Unit is how a platform counts a text's length.
type Unit int

const (
	// UTF16 counts as a web page's maxlength and JavaScript's length do:
	// one per character, two for one outside the Basic Multilingual Plane
	// (most emoji). Where a platform says "characters" without saying how
	// it counts, this is the count it cannot be below.
	UTF16 Unit = iota
	// XWeighted is X's count (twitter-text, config v3): one for a code
	// point in U+0000–10FF, U+2000–200D, U+2010–201F or U+2032–2037, two
	// for any other (CJK, emoji); a URL counts 23 whatever its length.
	XWeighted
	// UTF8Bytes counts bytes of UTF-8 (YouTube's description).
	UTF8Bytes
	// Threads counts characters, an emoji as its UTF-8 bytes (Meta's
	// Threads API).
	Threads
)

// Limit is one platform's limit on one field, with where it comes from.
// Max 0 means the field exists and no limit is documented.
type Limit struct {
	Platform string
	Field    Field
	Max      int
	Unit     Unit
	Source   string
	Checked  string // date the source was read, YYYY-MM-DD
}

// checked is the day the table below was last compared with its sources.
const checked = "2026-12-06"

// limits is the one place where a platform's text limits are written
// down. Platforms are internal/preset's. A platform without a row for a
// field has no such field: Instagram has no title, YouTube thumbnails no
// alt text; posts.csv leaves those cells empty.
var limits = []Limit{
	{"Pinterest", Title, 100, UTF16, "Pinterest API v5 pins (title ≤ 100); ayrshare.com character limits", checked},
	{"Pinterest", Description, 500, UTF16, "Pinterest business help (descriptions up to 500 characters); ayrshare.com character limits", checked},
	{"Pinterest", AltText, 500, UTF16, "Pinterest API v5 pins (alt_text ≤ 500); ayrshare.com character limits", checked},
	{"Instagram", Description, 2200, UTF16, "Meta Instagram Graph API (captions up to 2,200 characters); ayrshare.com character limits", checked},
	{"Instagram", AltText, 1000, UTF16, "ayrshare.com character limits (altText up to 1,000 per image)", checked},
	{"X", Description, 280, XWeighted, "docs.x.com counting characters; github.com/twitter/twitter-text config/v3.json (280 weighted, URLs 23)", checked},
	{"X", AltText, 1000, UTF16, "ayrshare.com character limits (X altText up to 1,000 per image)", checked},
	{"Facebook", Description, 63206, UTF16, "ayrshare.com character limits (Facebook post 63,206)", checked},
	{"Facebook", AltText, 0, UTF16, "no limit documented by Meta", checked},
	{"LinkedIn", Description, 3000, UTF16, "LinkedIn Posts API commentary; ayrshare.com character limits (3,000)", checked},
	{"LinkedIn", AltText, 0, UTF16, "no limit documented by LinkedIn", checked},
	{"Threads", Description, 500, Threads, "developers.facebook.com Threads posts: text limited to 500 characters, emojis counted as their UTF-8 bytes", checked},
	{"Threads", AltText, 0, UTF16, "no limit documented by Meta", checked},
	{"Tumblr", Description, 0, UTF16, "no caption limit documented (tumblr/docs npf-spec)", checked},
	{"Tumblr", AltText, 0, UTF16, "no alt text limit documented (tumblr/docs npf-spec)", checked},
	{"YouTube", Title, 100, UTF16, "YouTube Data API videos: snippet.title up to 100 characters", checked},
	{"YouTube", Description, 5000, UTF8Bytes, "YouTube Data API videos: snippet.description up to 5,000 bytes", checked},
	{"Snapchat", Description, 160, UTF16, "ayrshare.com character limits: Spotlight 160 (stories 500): the smaller fits both", checked},
}

// Limits returns every limit, in table order.
func Limits() []Limit { return append([]Limit(nil), limits...) }

// LimitFor finds a platform's limit on a field. known reports whether the
// table has the platform at all: a custom preset's platform is unknown,
// and then every field is written uncut; a known platform without the
// field has no such field (ok false).
func LimitFor(platform string, f Field) (l Limit, ok, known bool) {
	for _, l := range limits {
		if l.Platform == platform {
			known = true
			if l.Field == f {
				return l, true, true
			}
		}
	}
	return Limit{}, false, known
}
