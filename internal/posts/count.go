package posts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Count is the length of s as a platform counting in u sees it.
//
// Where a platform's own counter is more subtle than this one, this one
// counts more, never less, so a text it passes is never refused: X counts
// an emoji made of several code points (a skin tone, a family, a flag) as
// 2 where this counts each code point; a decomposed accent (e and U+0301)
// counts 2 where X, which normalises first, counts 1; and a word that
// looks like a domain (picmark.fr) counts at least 23, as X may take it for
// a link.
func Count(s string, u Unit) int {
	switch u {
	case UTF8Bytes:
		return len(s)
	case XWeighted:
		return xCount(s)
	case Threads:
		n := 0
		for _, r := range s {
			if emojiLike(r) {
				n += utf8.RuneLen(r)
			} else {
				n++
			}
		}
		return n
	}
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// emojiLike is a code point that may be (part of) an emoji: symbols,
// pictographs, joiners, variation selectors, keycaps and tags.
func emojiLike(r rune) bool {
	return r >= 0x10000 || r >= 0x2100 && r <= 0x2BFF || r == 0x200D || r == 0x20E3 || r == 0xFE0F ||
		r == 0x3030 || r == 0x303D || r == 0x3297 || r == 0x3299 || r == 0xA9 || r == 0xAE || r == 0x203C || r == 0x2049
}

// xWeight is a code point's weight on X: 1 in the ranges twitter-text's
// config v3 lists, 2 elsewhere. © and ® count 2: X may read them as emoji.
func xWeight(r rune) int {
	if r == 0xA9 || r == 0xAE {
		return 2
	}
	if r <= 0x10FF || r >= 0x2000 && r <= 0x200D || r >= 0x2010 && r <= 0x201F || r >= 0x2032 && r <= 0x2037 {
		return 1
	}
	return 2
}

// xURLLength is what X counts for any link (t.co's length).
const xURLLength = 23

func xCount(s string) int {
	n := 0
	for len(s) > 0 {
		// A word: up to the next space.
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		if lead, link, tail := splitLink(word); link != "" {
			n += weigh(lead) + linkCount(link) + weigh(tail)
		} else {
			n += weigh(word)
		}
		s = s[end:]
		if len(s) > 0 {
			r, size := utf8.DecodeRuneInString(s)
			n += xWeight(r)
			s = s[size:]
		}
	}
	return n
}

func weigh(s string) int {
	n := 0
	for _, r := range s {
		n += xWeight(r)
	}
	return n
}

// splitLink finds a link in a word, apart from the punctuation around it:
// "(https://picmark.fr/a)." is "(", "https://picmark.fr/a", ").".
func splitLink(word string) (lead, link, tail string) {
	core := strings.TrimLeft(word, "([{«\"'“‘")
	lead = word[:len(word)-len(core)]
	trimmed := strings.TrimRight(core, ".,;:!?)]}'\"»”’…")
	tail = core[len(trimmed):]
	if looksLikeLink(trimmed) {
		return lead, trimmed, tail
	}
	return word, "", ""
}

func looksLikeLink(w string) bool {
	l := strings.ToLower(w)
	host := l
	if i := strings.Index(l, "://"); i >= 0 {
		if l[:i] != "http" && l[:i] != "https" {
			return false
		}
		host = l[i+3:]
	}
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || len(host)-dot-1 < 2 {
		return false
	}
	for _, r := range host[dot+1:] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// linkCount: 23 for a link with http(s)://, as t.co makes every link;
// at least 23 for a bare domain, which X may or may not take for a link.
func linkCount(link string) int {
	if strings.Contains(link, "://") {
		return xURLLength
	}
	return max(weigh(link), xURLLength)
}

// ellipsis ends a text that was cut.
const ellipsis = "…"

// Fit returns s if it fits max in unit u, else s cut at the last word that
// lets it fit with "…" after it, and true. A text with no space that fits
// (one long word, or Chinese) is cut between characters, never inside a
// character's accents or an emoji's joiners. max ≤ 0 means no limit.
func Fit(s string, max int, u Unit) (string, bool) {
	if max <= 0 || Count(s, u) <= max {
		return s, false
	}
	fits := func(cut int) bool { return Count(trimCut(s[:cut])+ellipsis, u) <= max }
	// Word ends, in order; the count grows with each, so search. A
	// no-break space (20 %, 12 €) is no place to cut.
	var ends, chars []int
	var prev rune
	for i, r := range s {
		if i > 0 && breaks(r) && !breaks(prev) {
			ends = append(ends, i)
		}
		if i > 0 && !joins(r) && prev != 0x200D { // between characters
			chars = append(chars, i)
		}
		prev = r
	}
	k := lastTrue(len(ends), func(k int) bool { return fits(ends[k]) })
	if k >= 0 && trimCut(s[:ends[k]]) != "" {
		return trimCut(s[:ends[k]]) + ellipsis, true
	}
	k = lastTrue(len(chars), func(k int) bool { return fits(chars[k]) })
	if k >= 0 {
		return trimCut(s[:chars[k]]) + ellipsis, true
	}
	return ellipsis, true
}

// breaks reports whether a line may break at r: a space, not a no-break one.
func breaks(r rune) bool { return unicode.IsSpace(r) && r != 0xA0 && r != 0x202F && r != 0x2007 }

// trimCut drops what should not end a cut text: spaces and the punctuation
// that announces more.
func trimCut(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:–—-(«\"“‘'", r)
	})
}

// joins reports whether r belongs to the character before it: an accent,
// a joiner, a variation selector, a skin tone, a keycap, a tag.
func joins(r rune) bool {
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200D || r == 0xFE0F || r == 0xFE0E ||
		r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F
}

// lastTrue is the largest k < n with f(k) true, for f true then false;
// -1 if f(0) is false.
func lastTrue(n int, f func(int) bool) int {
	lo, hi := 0, n // f is true below lo… answer in [lo-1, hi)
	best := -1
	for lo < hi {
		mid := (lo + hi) / 2
		if f(mid) {
			best, lo = mid, mid+1
		} else {
			hi = mid
		}
	}
	return best
}
