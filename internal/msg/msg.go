// Package msg is what picmark says to a marketer about a file, as data: a
// Message is a Code and typed arguments, which the engine returns and the
// page, the command line and the report say in the user's language at the
// edge (Say). report.csv carries the code beside the words, so a script
// can rely on the code whatever the language.
//
// Adding a message costs one place: a define in catalog.go with its code
// and its English and French templates. Then build it with New (or Err, to
// return it as an error) and typed arguments:
//
//	msg.New(msg.FacesCut, msg.Count("n", 2))
//
// (A placeholder name no message used before also wants a sample argument
// in msg_test.go, which TestCatalog asks for by name. A code web/js makes
// itself is listed in app/wire.Codes. The page's own words, around these
// messages, are app/i18n.go's table, whose "singular|plural" strings use
// the same rule through Form.)
//
// A template names its arguments in braces, "{n}"; the argument's kind says
// how it is written (a byte size is "6.2 MB" in English, "6,2 Mo" in
// French). A template with a "|" has two forms, singular|plural, chosen by
// its Count argument with the language's CLDR plural rule
// (golang.org/x/text/feature/plural: in French 0 and 1 are singular).
// French templates follow French typography: U+202F before ; ! ?, U+00A0
// before : % and units, the ’ apostrophe. TestCatalog renders every code in
// both languages and fails on a missing argument, an untranslated template
// or wrong typography.
//
// An error that carries data (imgio.CapError, brand.FontDownloadError…)
// keeps its Go error text in English for logs and implements Coded: Of
// gives its Message for the report.
package msg

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Code names one message. Codes are stable: report.csv's scripts rely on
// them.
type Code string

// Message is a code and its arguments. The zero Message is no message.
type Message struct {
	Code Code  `json:"code"`
	Args []Arg `json:"args,omitempty"`
}

// Kind is how an argument is written.
type Kind string

const (
	KindNum   Kind = "num"   // N, a whole number: 16384 (French groups digits past 9999: 16 384)
	KindCount Kind = "count" // N, a number that also picks a template's singular or plural
	KindBytes Kind = "bytes" // N bytes: "840 KB", "6.2 MB" / "840 Ko", "6,2 Mo"
	KindMP    Kind = "mp"    // N pixels written in megapixels: "48.5" / "48,5"
	KindDec   Kind = "dec"   // N tenths, a number with at most one decimal: "12.5" / "12,5"
	KindShare Kind = "share" // N tenths of a percent: "85%" / "85 %"
	KindText  Kind = "text"  // S as it is: a format's name, a browser's own error, a font's name
	KindList  Kind = "list"  // S's lines, joined "A, B or C" / "A, B ou C"
	KindWord  Kind = "word"  // S is a Code said with the arguments after it ("took too long")
)

// Arg is one named argument.
type Arg struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	N    int64  `json:"n,omitempty"`
	S    string `json:"s,omitempty"`
}

// Num is a whole number.
func Num[T int | int64](name string, n T) Arg { return Arg{Name: name, Kind: KindNum, N: int64(n)} }

// Count is a whole number that picks the singular or plural form.
func Count[T int | int64](name string, n T) Arg { return Arg{Name: name, Kind: KindCount, N: int64(n)} }

// Bytes is a size in bytes.
func Bytes(name string, n int64) Arg { return Arg{Name: name, Kind: KindBytes, N: n} }

// MP is a number of pixels, written in megapixels.
func MP(name string, pixels int64) Arg { return Arg{Name: name, Kind: KindMP, N: pixels} }

// Dec is a number written with at most one decimal.
func Dec(name string, x float64) Arg { return Arg{Name: name, Kind: KindDec, N: tenths(x)} }

// Share is a fraction (0.85) written as a percentage (85%).
func Share(name string, x float64) Arg { return Arg{Name: name, Kind: KindShare, N: tenths(x * 100)} }

// tenths rounds x to tenths, within what an int64 holds.
func tenths(x float64) int64 {
	switch {
	case x != x: // NaN
		return 0
	case x > 1e17:
		return 1e18
	case x < -1e17:
		return -1e18
	}
	return int64(math.Round(x * 10))
}

// Text is words written as they are, in every language.
func Text(name, s string) Arg { return Arg{Name: name, Kind: KindText, S: s} }

// List is items joined as the language joins a list of choices.
func List(name string, items ...string) Arg {
	return Arg{Name: name, Kind: KindList, S: strings.Join(items, "\n")}
}

// Word is a code said inside another message, with the arguments that
// follow it there: a reason that names its own ({line}) travels with them,
// after it.
func Word(name string, c Code) Arg { return Arg{Name: name, Kind: KindWord, S: string(c)} }

// New is a message.
func New(c Code, args ...Arg) Message { return Message{Code: c, Args: args} }

// Equal reports whether m and o say the same.
func (m Message) Equal(o Message) bool {
	return m.Code == o.Code && slices.Equal(m.Args, o.Args)
}

// IsZero reports whether m is no message.
func (m Message) IsZero() bool { return m.Code == "" }

// String is m in English, for logs and Go errors.
func (m Message) String() string { return m.Say(English) }

// Languages picmark speaks.
const (
	English = "en"
	French  = "fr"
)

// Lang is the language picmark speaks for a BCP 47 tag or a POSIX locale
// ("fr", "fr-CA", "fr_FR.UTF-8"): French for French, English otherwise.
func Lang(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	if t == "fr" || strings.HasPrefix(t, "fr_") || strings.HasPrefix(t, "fr-") || strings.HasPrefix(t, "fr.") {
		return French
	}
	return English
}

// Say is m in lang (French for "fr", English otherwise). A code the
// catalog lacks is said as the code itself: never an empty reason.
func (m Message) Say(lang string) string {
	if m.IsZero() {
		return ""
	}
	d, ok := catalog[m.Code]
	if !ok {
		return string(m.Code)
	}
	t := d.en
	if lang == French {
		t = d.fr
	}
	return expand(Form(lang, m.count(), t), lang, m.Args)
}

// count is the message's Count argument (0 without one).
func (m Message) count() int64 {
	for _, a := range m.Args {
		if a.Kind == KindCount {
			return a.N
		}
	}
	return 0
}

// Form picks t's form for the count n in lang: t is "singular|plural", or
// one form for every count.
func Form(lang string, n int64, t string) string {
	one, other, ok := strings.Cut(t, "|")
	if !ok {
		return t
	}
	if singular(lang, n) {
		return one
	}
	return other
}

var tags = map[string]language.Tag{English: language.English, French: language.French}

// singular reports whether n takes the singular form in lang, by CLDR.
func singular(lang string, n int64) bool {
	t, ok := tags[lang]
	if !ok {
		t = language.English
	}
	if n < 0 {
		n = -n
	}
	i := int(n % 1_000_000_000) // the rules look at the last digits only
	return plural.Cardinal.MatchPlural(t, i, 0, 0, 0, 0) == plural.One
}

// expand replaces each {name} of t with its argument written in lang.
func expand(t, lang string, args []Arg) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(t, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(t[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(t[:open])
		name := t[open+1 : open+end]
		if i := slices.IndexFunc(args, func(a Arg) bool { return a.Name == name }); i >= 0 && args[i].Kind == KindWord {
			// A word is said with the arguments that follow it: "text
			// {layer} left out: {why}" with why a code that names {line}.
			b.WriteString(New(Code(args[i].S), args[i+1:]...).Say(lang))
		} else if i >= 0 {
			b.WriteString(args[i].say(lang))
		} else {
			b.WriteString(t[open : open+end+1]) // left as "{name}": TestCatalog fails on it
		}
		t = t[open+end+1:]
	}
	b.WriteString(t)
	return b.String()
}

// say writes one argument in lang.
func (a Arg) say(lang string) string {
	fr := lang == French
	switch a.Kind {
	case KindNum, KindCount:
		return Number(lang, a.N)
	case KindBytes:
		return Size(lang, a.N)
	case KindMP:
		mp := float64(a.N) / 1e6
		if mp >= 100 {
			return Number(lang, int64(mp+0.5))
		}
		return Decimal(lang, mp)
	case KindDec:
		return Decimal(lang, float64(a.N)/10)
	case KindShare:
		if fr {
			return Decimal(lang, float64(a.N)/10) + "\u00A0%"
		}
		return Decimal(lang, float64(a.N)/10) + "%"
	case KindList:
		items := strings.Split(a.S, "\n")
		if len(items) == 1 {
			return items[0]
		}
		or := " or "
		if fr {
			or = " ou "
		}
		return strings.Join(items[:len(items)-1], ", ") + or + items[len(items)-1]
	case KindWord:
		return New(Code(a.S)).Say(lang)
	}
	return a.S
}

// Number writes a whole number: in French, past 9999, its thousands
// grouped by U+202F ("16 384"); in English as it is.
func Number(lang string, n int64) string {
	s := strconv.FormatInt(n, 10)
	if lang != French || n < 10000 && n > -10000 {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202F')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Decimal writes x with at most one decimal, dropping ".0"; French writes
// a decimal comma.
func Decimal(lang string, x float64) string {
	s := strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
	if lang == French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Size writes a byte count for people: "840 KB", "6.2 MB", "1.5 GB"; in
// French "840 Ko", "6,2 Mo", "1,5 Go" with U+00A0 before the unit.
func Size(lang string, n int64) string {
	const kb, mb, gb, tb = 1 << 10, 1 << 20, 1 << 30, 1 << 40
	units := [5]string{" bytes", " KB", " MB", " GB", " TB"}
	if lang == French {
		units = [5]string{"\u00A0octets", "\u00A0Ko", "\u00A0Mo", "\u00A0Go", "\u00A0To"}
	}
	switch {
	case n < kb:
		return Number(lang, n) + units[0]
	case n < mb:
		return Number(lang, (n+kb/2)/kb) + units[1]
	case n < gb:
		return Decimal(lang, float64(n)/mb) + units[2]
	case n < tb:
		return Decimal(lang, float64(n)/gb) + units[3]
	}
	return Decimal(lang, float64(n)/tb) + units[4]
}

// Join says several messages as one reason: "a; b" in English, "a ; b"
// (U+202F) in French.
func Join(lang string, ms []Message) string {
	sep := "; "
	if lang == French {
		sep = "\u202F; "
	}
	parts := make([]string, 0, len(ms))
	for _, m := range ms {
		if !m.IsZero() {
			parts = append(parts, m.Say(lang))
		}
	}
	return strings.Join(parts, sep)
}

// Codes lists the messages' codes, joined by spaces, for report.csv.
func Codes(ms []Message) string {
	codes := make([]string, 0, len(ms))
	for _, m := range ms {
		if !m.IsZero() {
			codes = append(codes, string(m.Code))
		}
	}
	return strings.Join(codes, " ")
}

// Coded is an error that knows its message for the report.
type Coded interface {
	error
	Message() Message
}

// Error is a Message as a Go error: its Error() is the English words,
// Unwrap its cause.
type Error struct {
	Msg   Message
	Cause error
}

// Err is the message as an error.
func Err(c Code, args ...Arg) error { return &Error{Msg: New(c, args...)} }

// Wrap is the message as an error caused by cause.
func Wrap(cause error, c Code, args ...Arg) error { return &Error{Msg: New(c, args...), Cause: cause} }

func (e *Error) Error() string    { return e.Msg.String() }
func (e *Error) Unwrap() error    { return e.Cause }
func (e *Error) Message() Message { return e.Msg }

// Within is err said inside where's message, as where's {why}: "text
// {layer}: {why}" with err's message and its arguments after it. An error
// without a message is said as Failed.
func Within(err error, where Code, args ...Arg) error {
	m := Of(err)
	return Wrap(err, where, append(append(args, Word("why", m.Code)), m.Args...)...)
}

// Reason is err said in lang where it is Coded, else its own (English)
// text: for an error inside a sentence of the page's ("The settings need a
// fix: …").
func Reason(err error, lang string) string {
	var c Coded
	if errors.As(err, &c) && !c.Message().IsZero() {
		return c.Message().Say(lang)
	}
	return err.Error()
}

// Of is err's message for the report: the first Coded error in its chain,
// else Failed with err's text.
func Of(err error) Message {
	if err == nil {
		return Message{}
	}
	var c Coded
	if errors.As(err, &c) {
		return c.Message()
	}
	return New(Failed, Text("reason", err.Error()))
}
