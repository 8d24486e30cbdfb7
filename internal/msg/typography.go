package msg

import (
	"fmt"
	"strings"
)

// Typography lists what is wrong with French text s, for the tests of
// every French string picmark shows: a straight apostrophe, a missing
// U+00A0 before : % and units (Mo, Ko, octets), a missing U+202F before
// ; ! ?, an English unit.
func Typography(s string) []string {
	var bad []string
	if strings.Contains(s, "'") {
		bad = append(bad, "a straight apostrophe")
	}
	r := []rune(s)
	for i, c := range r {
		var want rune
		switch c {
		case ':', '%':
			want = '\u00A0'
		case ';', '!', '?':
			want = '\u202F'
		default:
			continue
		}
		if i == 0 || r[i-1] != want {
			bad = append(bad, fmt.Sprintf("%q before %q (want %U)", prev(r, i), c, want))
		}
	}
	for _, u := range []string{"Mo", "Ko", "octets"} {
		for rest, at := s, 0; ; {
			i := strings.Index(rest, u)
			if i < 0 {
				break
			}
			before := s[:at+i]
			if number := strings.TrimRight(before, " "); number != "" && number[len(number)-1] >= '0' && number[len(number)-1] <= '9' {
				bad = append(bad, "no U+00A0 between a number and "+u)
			}
			rest, at = rest[i+len(u):], at+i+len(u)
		}
	}
	for _, en := range []string{" MB", " KB", " bytes"} {
		if strings.Contains(s, en) {
			bad = append(bad, "English unit"+en)
		}
	}
	return bad
}

func prev(r []rune, i int) string {
	if i == 0 {
		return "nothing"
	}
	return string(r[i-1])
}
