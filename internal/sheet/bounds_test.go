package sheet

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestLimitsDefaults(t *testing.T) {
	for _, l := range []Limits{{}, {Bytes: -1, Unpacked: -1, Rows: -1, Columns: -1, Cell: -1}} {
		if got := l.withDefaults(); got != DefaultLimits {
			t.Errorf("%+v with defaults = %+v", l, got)
		}
	}
	own := Limits{Bytes: 1, Unpacked: 2, Rows: 3, Columns: 4, Cell: 5}
	if got := own.withDefaults(); got != own {
		t.Errorf("%+v changed to %+v", own, got)
	}
	if o := (Options{Locale: French}).WithDefaults(); o.Locale.Decimal != "," || o.Limits != DefaultLimits {
		t.Errorf("French kept: %+v", o.Locale.Decimal)
	}
	if o := (Options{}).WithDefaults(); o.Locale.Decimal != "." {
		t.Error("English by default")
	}
}

func TestLimitsAreInclusive(t *testing.T) {
	b := NewBuilder("b", Limits{Columns: 3, Cell: 4, Rows: 2})
	if b.Limits().Columns != 3 {
		t.Error("Limits()")
	}
	for _, tt := range []struct {
		col   int
		value string
		ok    bool
	}{{3, "x", true}, {4, "x", false}, {1, "éééé", true}, {1, "ééééé", false}, {1, "abcd", true}, {1, "abcde", false}} {
		if err := b.Check(1, tt.col, tt.value); (err == nil) != tt.ok {
			t.Errorf("Check(col %d, %q) = %v", tt.col, tt.value, err)
		}
	}
	if b.Add(1, []string{"a"}) != nil || b.Add(2, []string{"b"}) != nil || b.Add(3, []string{"c"}) == nil {
		t.Error("two rows fit, not three")
	}
	data := []byte("A;B\n1;2\n")
	if _, err := ReadText("t.csv", data, Options{Limits: Limits{Bytes: int64(len(data)), Columns: 2}}); err != nil {
		t.Errorf("a file of exactly the limit, as wide as the limit: %v", err)
	}
}

func TestSeparatorEdges(t *testing.T) {
	rows := func(text string) [][]string {
		s, err := ReadText("t.csv", []byte(text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		out := [][]string{s.Header}
		for _, r := range s.Rows {
			out = append(out, r.Cells)
		}
		return out
	}
	// A tie goes to the comma.
	if got := rows("A;B,C\n"); !reflect.DeepEqual(got, [][]string{{"A;B", "C"}}) {
		t.Errorf("tie: %q", got)
	}
	// Only the first 20 rows vote: the 21st, where only ";" splits, does not.
	text := "A;B,C\n" + strings.Repeat("1;2,3\n", 19) + "x;y\n"
	if got := rows(text); got[0][0] != "A;B" {
		t.Errorf("21 rows voted: %q", got[0])
	}
	// A sep= line naming no separator is data.
	if got := rows("sep=x\nA;B\n"); !reflect.DeepEqual(got[0], []string{"sep=x"}) {
		t.Errorf("sep=x: %q", got)
	}
}

func TestLooksUTF16Thresholds(t *testing.T) {
	pairs := func(zeroOdd, zeroEven, total int) []byte {
		var b []byte
		for i := 0; i < total; i++ {
			lo, hi := byte('a'+i%20), byte('b')
			if i < zeroOdd {
				hi = 0
			}
			if i >= total-zeroEven {
				lo = 0
			}
			b = append(b, lo, hi)
		}
		return b
	}
	for _, tt := range []struct {
		b      []byte
		be, ok bool
	}{
		{pairs(7, 0, 10), false, true},  // 70 % of odd bytes zero: UTF-16LE
		{pairs(6, 0, 10), false, false}, // 60 %: not
		{pairs(7, 1, 10), false, false}, // and 10 % of even bytes: not
		{[]byte{0, 'a', 0, 'b', 0, 'c', 0, 'd', 0, 'e', 0, 'f', 0, 'g', 'h', 'i', 'j', 'k', 'l', 'm'}, true, true},
		{[]byte{0, 'a', 0, 'b', 0, 'c', 0, 'd', 0, 'e', 0, 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n'}, false, false},
		{[]byte{0, 'a', 0, 'b', 0, 'c', 0, 'd', 0, 'e', 0, 'f', 0, 'g', 'h', 0, 'j', 'k', 'l', 'm'}, false, false},
		{[]byte{'a', 0}, false, false}, // too short to tell
	} {
		be, ok := looksUTF16(tt.b)
		if be != tt.be || ok != tt.ok {
			t.Errorf("looksUTF16(%q) = %v %v, want %v %v", tt.b, be, ok, tt.be, tt.ok)
		}
	}
}

func TestLetterScore(t *testing.T) {
	for s, want := range map[string]int{"abc": 0, "é": 1, "é•": 0, "\ufffd": -100, "«»": 2, "¤": -1} {
		if got := letterScore(s); got != want {
			t.Errorf("letterScore(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestNotSheetEdges(t *testing.T) {
	for _, tt := range []struct {
		data, what string
	}{
		{"\x00;B\n1;2\n", "a binary file"},
		{"RIFF\x00\x00\x00\x00WEBP", "an image"},
		{"RIFF\x24\x00\x00\x00WAVEfmt ", "a binary file"},
		{"\x00\x00\x00\x18ftypavif", "an image"},
	} {
		_, err := ReadText("t", []byte(tt.data), Options{})
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeNotSheet || !strings.Contains(e.Message().String(), "is "+tt.what+",") {
			t.Errorf("%q: %v, want %s", tt.data, err, tt.what)
		}
	}
}
