package workbook

import (
	"math"
	"picmark/internal/sheet"
	"strconv"
	"strings"
	"time"
)

// This file shows an XLSX number the way the spreadsheet shows it, from
// its format code (ECMA-376 §18.8.31): up to four sections
// (positive;negative;zero;text) with optional [conditions], digit
// placeholders 0 # ?, thousands separators and scaling commas, percent,
// scientific notation, fractions, literal "text" and \c, and dates and
// times from the serial number. Colours, fills (*c) and padding (_c) change
// nothing in the text. Rounding is Excel's: the number is first taken to 15
// significant digits, then rounded half away from zero, so 2.675 shows
// 2.68 as in Excel, not 2.67 as the binary value would.

// numFormat is a parsed format code.
type numFormat struct {
	sections []fmtSection
}

type fmtSection struct {
	items []fmtItem
	cond  *fmtCond
	date  bool // has date or time parts
	text  bool // has @
	// Number sections:
	percent  int  // number of %: ×100 each
	scale    int  // trailing commas: ÷1000 each
	group    bool // a comma between integer placeholders
	exp      bool // scientific
	fraction bool // has a / between placeholders
	hasAMPM  bool
	subsec   int // digits of a second after s (".00")
	general  bool
}

type fmtCond struct {
	op  string
	val float64
}

type itemKind uint8

const (
	itLit     itemKind = iota
	itDigit            // 0 # ?
	itPoint            // the decimal point
	itExp              // E+ or E- (text holds "+" or "-")
	itSlash            // fraction bar between placeholders
	itText             // @
	itGeneral          // General
	itDate             // y m d h s, AM/PM, elapsed [h]: text holds the token, lower case
	itComma            // resolved by finish: grouping, scaling or a literal comma
)

type fmtItem struct {
	kind itemKind
	text string // the literal, the placeholder, or the date token
}

// parseFormat splits a code into sections and items. It never fails: what
// it cannot read stays literal text.
func parseFormat(code string, l sheet.Locale) *numFormat {
	f := &numFormat{}
	for _, src := range splitSections(code) {
		f.sections = append(f.sections, parseSection(src, l))
		if len(f.sections) == 4 {
			break
		}
	}
	if len(f.sections) == 0 {
		f.sections = []fmtSection{{general: true, items: []fmtItem{{kind: itGeneral}}}}
	}
	return f
}

// splitSections cuts at ';' outside quotes, brackets and escapes.
func splitSections(code string) []string {
	var out []string
	start, quoted, bracket := 0, false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case quoted:
			quoted = c != '"'
		case bracket:
			bracket = c != ']'
		case c == '"':
			quoted = true
		case c == '[':
			bracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is escaped, padding or fill
		case c == ';':
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

func parseSection(src string, l sheet.Locale) fmtSection {
	var s fmtSection
	lit := func(t string) {
		if n := len(s.items); n > 0 && s.items[n-1].kind == itLit {
			s.items[n-1].text += t
			return
		}
		s.items = append(s.items, fmtItem{kind: itLit, text: t})
	}
	rs := []rune(src)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		lc := toLower(c)
		if c == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			lit(string(rs[i+1 : min(j, len(rs))]))
			i = j
		} else if c == '\\' {
			if i+1 < len(rs) {
				lit(string(rs[i+1]))
				i++
			}
		} else if c == '_' {
			if i+1 < len(rs) {
				lit(" ") // padding the width of the next character
				i++
			}
		} else if c == '*' {
			lit(" ") // fill: repeats to the column's width; in text, the gap it makes
			i++
		} else if c == '[' {
			j := i + 1
			for j < len(rs) && rs[j] != ']' {
				j++
			}
			if s.bracket(string(rs[i+1:min(j, len(rs))]), l, lit) {
				return s // the system's date or time format replaces the section
			}
			i = j
		} else if c == '0' || c == '#' || c == '?' {
			s.items = append(s.items, fmtItem{kind: itDigit, text: string(c)})
		} else if c == '.' {
			if s.date && i+1 < len(rs) && rs[i+1] == '0' { // ss.00
				j := i + 1
				for j < len(rs) && rs[j] == '0' {
					j++
				}
				s.subsec = j - i - 1
				s.items = append(s.items, fmtItem{kind: itDate, text: "." + string(rs[i+1:j])})
				i = j - 1
			} else {
				s.items = append(s.items, fmtItem{kind: itPoint})
			}
		} else if c == ',' {
			s.items = append(s.items, fmtItem{kind: itComma})
		} else if c == '%' {
			s.percent++
			lit("%")
		} else if (c == 'E' || c == 'e') && !s.date && i+1 < len(rs) && (rs[i+1] == '+' || rs[i+1] == '-') {
			s.exp = true
			s.items = append(s.items, fmtItem{kind: itExp, text: string(rs[i+1])})
			i++
		} else if c == '/' && s.prevDigit() {
			s.fraction = true
			s.items = append(s.items, fmtItem{kind: itSlash})
		} else if c == '@' {
			s.text = true
			s.items = append(s.items, fmtItem{kind: itText})
		} else if lc == 'g' && strings.EqualFold(string(rs[i:min(i+7, len(rs))]), "general") {
			s.general = true
			s.items = append(s.items, fmtItem{kind: itGeneral})
			i += 6
		} else if lc == 'a' && (strings.EqualFold(string(rs[i:min(i+5, len(rs))]), "am/pm") || strings.EqualFold(string(rs[i:min(i+3, len(rs))]), "a/p")) {
			n := 5
			if !strings.EqualFold(string(rs[i:min(i+5, len(rs))]), "am/pm") {
				n = 3
			}
			s.date, s.hasAMPM = true, true
			s.items = append(s.items, fmtItem{kind: itDate, text: strings.ToLower(string(rs[i : i+n]))})
			i += n - 1
		} else if lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's' {
			j := i
			for j < len(rs) && toLower(rs[j]) == lc {
				j++
			}
			s.date = true
			s.items = append(s.items, fmtItem{kind: itDate, text: strings.Repeat(string(lc), j-i)})
			i = j - 1
		} else if c >= '1' && c <= '9' && s.fraction {
			s.items = append(s.items, fmtItem{kind: itDigit, text: string(c)}) // a fixed denominator
		} else {
			lit(string(c))
		}
	}
	s.finish()
	return s
}

func toLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// prevDigit reports whether the last placeholder-or-literal item is a digit
// placeholder, possibly behind spaces: "# ?/?" and "?/4".
func (s *fmtSection) prevDigit() bool {
	for i := len(s.items) - 1; i >= 0; i-- {
		switch s.items[i].kind {
		case itDigit:
			return true
		case itLit:
			if strings.TrimSpace(s.items[i].text) == "" {
				continue
			}
		}
		return false
	}
	return false
}

// bracket reads one [ ] part: a condition, a currency or locale, an elapsed
// time; colours and the rest change nothing in text. It reports whether it
// replaced the whole section ([$-F800], [$-F400]: the system's own long
// date or time, whatever follows).
func (s *fmtSection) bracket(b string, l sheet.Locale, lit func(string)) bool {
	switch lb := strings.ToLower(b); {
	case strings.HasPrefix(lb, "$-f800"):
		*s = parseSection(l.LongDate, l)
		return true
	case strings.HasPrefix(lb, "$-f400"):
		*s = parseSection(l.LongTime, l)
		return true
	case strings.HasPrefix(b, "$"):
		sym := b[1:]
		if i := strings.IndexByte(sym, '-'); i >= 0 {
			sym = sym[:i]
		}
		lit(sym)
	case len(b) > 0 && strings.ContainsRune("<>=", rune(b[0])):
		op := b[:1]
		if len(b) > 1 && (b[1] == '=' || b[1] == '>') {
			op = b[:2]
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(b[len(op):]), 64); err == nil {
			s.cond = &fmtCond{op: op, val: v}
		}
	case lb != "" && strings.Trim(lb, "h") == "" || lb != "" && strings.Trim(lb, "m") == "" || lb != "" && strings.Trim(lb, "s") == "":
		s.date = true
		s.items = append(s.items, fmtItem{kind: itDate, text: "[" + lb[:1]})
	}
	return false
}

// finish resolves commas: between integer placeholders they group
// thousands; right after the last placeholder they divide by 1000;
// elsewhere they are text.
func (s *fmtSection) finish() {
	firstInt, lastInt, lastDigit := -1, -1, -1
	for i, it := range s.items {
		if it.kind == itPoint || it.kind == itExp || it.kind == itSlash {
			break
		}
		if it.kind == itDigit {
			if firstInt < 0 {
				firstInt = i
			}
			lastInt = i
		}
	}
	for i, it := range s.items {
		if it.kind == itExp {
			break
		}
		if it.kind == itDigit {
			lastDigit = i
		}
	}
	out := s.items[:0]
	for i, it := range s.items {
		if it.kind == itComma {
			numeric := !s.date && !s.general
			if numeric && firstInt >= 0 && i > firstInt && i < lastInt {
				s.group = true
				continue
			}
			if numeric && lastDigit >= 0 && i > lastDigit && s.onlyCommasBetween(lastDigit, i) {
				s.scale++
				continue
			}
			it = fmtItem{kind: itLit, text: ","}
		}
		out = append(out, it)
	}
	s.items = out
}

func (s *fmtSection) onlyCommasBetween(from, to int) bool {
	for _, it := range s.items[from+1 : to] {
		if it.kind != itComma {
			return false
		}
	}
	return true
}

// format shows number v.
func (f *numFormat) format(v float64, l sheet.Locale, date1904 bool) string {
	secs := f.numberSections()
	if len(secs) == 0 {
		return formatGeneral(v, l)
	}
	sec, signed := pick(secs, v)
	if sec.date {
		if v < 0 {
			return formatGeneral(v, l)
		}
		return strings.TrimSpace(sec.formatDate(v, l, date1904))
	}
	if !signed {
		v = math.Abs(v)
	}
	return strings.TrimSpace(sec.formatNumber(v, l))
}

// numberSections are the sections that show numbers: all but a text
// section (the fourth, or a last one that has @ and no placeholder).
func (f *numFormat) numberSections() []fmtSection {
	secs := f.sections
	if n := len(secs); n == 4 || isTextSection(secs[n-1]) {
		secs = secs[:n-1]
	}
	return secs
}

func isTextSection(s fmtSection) bool { return s.text && !s.date && !hasDigits(s) }

// formatText shows text s: through the text section when there is one.
func (f *numFormat) formatText(s string) string {
	sec := f.sections[len(f.sections)-1]
	if len(f.sections) < 4 && !isTextSection(sec) {
		return s
	}
	var b strings.Builder
	for _, it := range sec.items {
		switch it.kind {
		case itText:
			b.WriteString(s)
		case itLit:
			b.WriteString(it.text)
		}
	}
	return strings.TrimSpace(b.String())
}

// pick chooses the section for v; signed reports whether it shows the
// sign itself (the first section, or one chosen by a condition): the
// negative section of "0;(0)" shows its own parentheses instead.
func pick(secs []fmtSection, v float64) (*fmtSection, bool) {
	if secs[0].cond != nil || (len(secs) > 1 && secs[1].cond != nil) {
		for i := range secs {
			if c := secs[i].cond; c == nil || c.holds(v) {
				return &secs[i], true
			}
		}
		return &secs[len(secs)-1], true
	}
	if len(secs) >= 3 && v == 0 {
		return &secs[2], false
	} else if len(secs) >= 2 && v < 0 {
		return &secs[1], false
	}
	return &secs[0], true
}

func hasDigits(s fmtSection) bool {
	for _, it := range s.items {
		if it.kind == itDigit || it.kind == itGeneral {
			return true
		}
	}
	return false
}

func (c *fmtCond) holds(v float64) bool {
	switch c.op {
	case "<":
		return v < c.val
	case "<=":
		return v <= c.val
	case ">":
		return v > c.val
	case ">=":
		return v >= c.val
	case "=":
		return v == c.val
	case "<>":
		return v != c.val
	}
	return false
}

// formatNumber shows v with this section's placeholders. A negative v
// (first section) gets a leading minus.
func (s *fmtSection) formatNumber(v float64, l sheet.Locale) string {
	neg := v < 0
	v = math.Abs(v)
	for range s.percent {
		v *= 100
	}
	for range s.scale {
		v /= 1000
	}
	var body string
	if s.general {
		body = s.withGeneral(v, l)
	} else if s.exp {
		body = s.formatExp(v, l)
	} else if s.fraction {
		body = s.formatFraction(v, l)
	} else {
		body = s.formatDecimal(v, l, s.items)
	}
	if neg && strings.ContainsAny(body, "123456789") {
		return "-" + body
	}
	return body
}

func (s *fmtSection) withGeneral(v float64, l sheet.Locale) string {
	var b strings.Builder
	for _, it := range s.items {
		switch it.kind {
		case itGeneral:
			b.WriteString(formatGeneral(v, l))
		case itLit:
			b.WriteString(it.text)
		}
	}
	return b.String()
}

// formatDecimal fills the placeholders of items (integer part, point,
// fraction part) with v.
func (s *fmtSection) formatDecimal(v float64, l sheet.Locale, items []fmtItem) string {
	point := len(items)
	var intPH, fracPH []int // item indexes
	for i, it := range items {
		if it.kind == itPoint && point == len(items) {
			point = i
		} else if it.kind == itDigit && point == len(items) {
			intPH = append(intPH, i)
		} else if it.kind == itDigit {
			fracPH = append(fracPH, i)
		}
	}
	ip, fp := roundDecimal(v, len(fracPH))
	if ip == "0" {
		ip = ""
	}
	// The integer part: digits right to left into the placeholders; what is
	// left goes before the first one.
	intOut := make(map[int]string, len(intPH))
	if s.group {
		minDigits := 0
		for _, i := range intPH {
			if items[i].text == "0" {
				minDigits++
			}
		}
		for len(ip) < minDigits {
			ip = "0" + ip
		}
		if len(intPH) > 0 {
			intOut[intPH[0]] = groupDigits(ip, l.Group)
			for _, i := range intPH[1:] {
				intOut[i] = ""
			}
		}
	} else {
		d := ip
		for k := len(intPH) - 1; k >= 0; k-- {
			i := intPH[k]
			if k == 0 {
				intOut[i] = d
				if d == "" {
					intOut[i] = pad(items[i].text)
				}
			} else if d != "" {
				intOut[i] = d[len(d)-1:]
				d = d[:len(d)-1]
			} else {
				intOut[i] = pad(items[i].text)
			}
		}
	}
	// The fraction part: left to right; trailing zeros of # vanish and of ?
	// become spaces.
	fracOut := make(map[int]string, len(fracPH))
	keep := len(fp)
	for keep > 0 && fp[keep-1] == '0' && items[fracPH[keep-1]].text != "0" {
		keep--
	}
	for k, i := range fracPH {
		if k < keep {
			fracOut[i] = fp[k : k+1]
		} else if items[i].text == "?" {
			fracOut[i] = " "
		} else {
			fracOut[i] = ""
		}
	}
	var b strings.Builder
	for i, it := range items {
		switch it.kind {
		case itLit:
			b.WriteString(it.text)
		case itPoint:
			if i == point {
				if len(intPH) == 0 {
					b.WriteString(ip) // ".00" still shows the integer part
				}
				b.WriteString(l.Decimal)
			}
		case itDigit:
			if o, ok := intOut[i]; ok {
				b.WriteString(o)
			} else {
				b.WriteString(fracOut[i])
			}
		}
	}
	return b.String()
}

// pad is what an unused integer placeholder shows: 0 a zero, ? a space.
func pad(ph string) string {
	switch ph {
	case "0":
		return "0"
	case "?":
		return " "
	}
	return ""
}

func groupDigits(d, sep string) string {
	if len(d) <= 3 {
		return d
	}
	var b strings.Builder
	first := len(d) % 3
	if first > 0 {
		b.WriteString(d[:first])
	}
	for i := first; i < len(d); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(d[i : i+3])
	}
	return b.String()
}

func (s *fmtSection) formatExp(v float64, l sheet.Locale) string {
	var mant, expItems []fmtItem
	sign := "+"
	inExp := false
	for _, it := range s.items {
		if it.kind == itExp {
			inExp, sign = true, it.text
		} else if inExp {
			expItems = append(expItems, it)
		} else {
			mant = append(mant, it)
		}
	}
	intN, hash := 0, false
	for _, it := range mant {
		if it.kind == itPoint {
			break
		}
		if it.kind == itDigit {
			intN++
			hash = hash || it.text == "#"
		}
	}
	intN = max(intN, 1)
	exp := 0
	if v != 0 {
		mag := int(math.Floor(math.Log10(v)))
		if hash && intN > 1 { // engineering: a multiple of the integer width
			exp = int(math.Floor(float64(mag)/float64(intN))) * intN
		} else {
			exp = mag - (intN - 1)
		}
	}
	m := v / math.Pow(10, float64(exp))
	decimals := 0
	for _, it := range mant {
		if it.kind == itDigit {
			decimals++
		}
	}
	decimals -= intN
	if ip, _ := roundDecimal(m, max(decimals, 0)); len(ip) > intN && !(hash && intN > 1) {
		exp++
		m = v / math.Pow(10, float64(exp))
	}
	var b strings.Builder
	b.WriteString(s.formatDecimal(m, l, mant))
	b.WriteString("E")
	if exp < 0 {
		b.WriteString("-")
	} else if sign == "+" {
		b.WriteString("+")
	}
	digits := strconv.Itoa(abs(exp))
	minE := 0
	for _, it := range expItems {
		if it.kind == itDigit && it.text == "0" {
			minE++
		}
	}
	for len(digits) < minE {
		digits = "0" + digits
	}
	b.WriteString(digits)
	for _, it := range expItems {
		if it.kind == itLit {
			b.WriteString(it.text)
		}
	}
	return b.String()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// formatFraction shows v as "1 1/4" (with integer placeholders before the
// numerator) or "5/4"; a fixed denominator ("# ?/8") or the closest
// fraction with as many denominator digits as placeholders.
func (s *fmtSection) formatFraction(v float64, l sheet.Locale) string {
	slash := -1
	for i, it := range s.items {
		if it.kind == itSlash {
			slash = i
		}
	}
	// The numerator is the run of placeholders just before the slash; an
	// integer part is any placeholders before that run.
	numStart := slash
	for numStart > 0 && (s.items[numStart-1].kind == itDigit) {
		numStart--
	}
	intEnd := numStart
	for intEnd > 0 && s.items[intEnd-1].kind != itDigit {
		intEnd--
	}
	hasInt := false
	for _, it := range s.items[:intEnd] {
		hasInt = hasInt || it.kind == itDigit
	}
	var denDigits string
	denN := 0
	for _, it := range s.items[slash+1:] {
		if it.kind != itDigit {
			break
		}
		if it.text >= "1" && it.text <= "9" || denDigits != "" && it.text == "0" {
			denDigits += it.text
		} else {
			denN++
		}
	}
	whole := 0.0
	if hasInt {
		whole = math.Floor(v)
	}
	frac := v - whole
	var num, den int
	if denDigits != "" {
		den, _ = strconv.Atoi(denDigits)
		num = int(math.Round(frac * float64(den)))
	} else {
		num, den = closestFraction(frac, int(math.Pow(10, float64(min(max(denN, 1), 4))))-1) // Excel goes to ???/???
	}
	if hasInt && num == den && den > 0 {
		whole++
		num = 0
	}
	var b strings.Builder
	if hasInt {
		for _, it := range s.items[:intEnd] {
			if it.kind == itLit {
				b.WriteString(it.text)
			}
		}
		if whole > 0 || num == 0 {
			w, _ := roundDecimal(whole, 0)
			b.WriteString(w)
		}
		if num == 0 {
			return b.String()
		}
		for _, it := range s.items[intEnd:numStart] {
			if it.kind == itLit {
				b.WriteString(it.text)
			}
		}
	}
	b.WriteString(strconv.Itoa(num))
	b.WriteString("/")
	b.WriteString(strconv.Itoa(den))
	for _, it := range s.items[slash+1:] {
		if it.kind == itLit {
			b.WriteString(it.text)
		}
	}
	return b.String()
}

// closestFraction is the fraction n/d nearest x (0 ≤ x < 1 usually), d ≤
// maxDen, smallest d on ties.
func closestFraction(x float64, maxDen int) (int, int) {
	bestN, bestD, bestErr := 0, 1, math.Inf(1)
	for d := 1; d <= maxDen; d++ {
		n := int(math.Round(x * float64(d)))
		if e := math.Abs(x - float64(n)/float64(d)); e < bestErr-1e-12 {
			bestN, bestD, bestErr = n, d, e
		}
	}
	return bestN, bestD
}

// roundDecimal writes v ≥ 0 with k decimals, Excel's way: 15 significant
// digits first, then half away from zero. It returns the integer digits
// (at least "0") and exactly k fraction digits.
func roundDecimal(v float64, k int) (string, string) {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return "0", strings.Repeat("0", k)
	}
	e := strconv.FormatFloat(v, 'e', 14, 64) // d.dddddddddddddde±XX
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := []byte(strings.Replace(mant, ".", "", 1))
	// digits[0] is the units × 10^exp: the point sits after exp+1 digits.
	pointAt := exp + 1
	for pointAt <= 0 {
		digits = append([]byte{'0'}, digits...)
		pointAt++
	}
	for len(digits) < pointAt+k+1 {
		digits = append(digits, '0')
	}
	keep := pointAt + k
	if digits[keep] >= '5' {
		i := keep - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
			pointAt++
			keep++
		} else {
			digits[i]++
		}
	}
	ip := strings.TrimLeft(string(digits[:pointAt]), "0")
	if ip == "" {
		ip = "0"
	}
	return ip, string(digits[pointAt:keep])
}

// formatGeneral is the General format: the number with up to 15
// significant digits, as the formula bar shows it (not cut to a column's
// width), scientific from 1E+15 and below 1E-9.
func formatGeneral(v float64, l sheet.Locale) string {
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	var s string
	if a >= 1e15 || a < 1e-9 {
		s = strconv.FormatFloat(v, 'E', -1, 64)
		if m, e, ok := strings.Cut(s, "E"); ok {
			if f, err := strconv.ParseFloat(m, 64); err == nil {
				m = strconv.FormatFloat(f, 'g', 6, 64) // Excel shows 6 significant digits here
			}
			exp, _ := strconv.Atoi(e)
			sign := "+"
			if exp < 0 {
				sign, exp = "-", -exp
			}
			es := strconv.Itoa(exp)
			if len(es) < 2 {
				es = "0" + es
			}
			s = m + "E" + sign + es
		}
	} else {
		s = strconv.FormatFloat(v, 'g', 15, 64)
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			s = strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	return strings.Replace(s, ".", l.Decimal, 1)
}

// serialTime is the date and time of a serial number: days since the
// workbook's epoch, the fraction the time of day. In the 1900 system,
// Excel counts a 29 February 1900 that never was (Lotus 1-2-3's bug), so
// serial 60 is that day and day 0 is "0 January 1900".
type serialTime struct {
	year, month, day     int
	hour, minute, second int
	weekday              int     // 0 = Sunday
	subsec               float64 // fraction of a second, rounded to the format's digits
	days                 float64 // the whole serial in days, for elapsed times
}

func toSerialTime(v float64, date1904 bool, subsecDigits int) serialTime {
	unit := math.Pow(10, float64(subsecDigits)) // parts of a second the format shows
	total := math.Round(v * 86400 * unit)       // in those parts
	dayParts := 86400 * unit
	days := math.Floor(total / dayParts)
	rest := total - days*dayParts
	secs := math.Floor(rest / unit)
	st := serialTime{
		hour:   int(secs) / 3600,
		minute: int(secs) / 60 % 60,
		second: int(secs) % 60,
		subsec: (rest - secs*unit) / unit,
		days:   total / dayParts,
	}
	d := int(days)
	var t time.Time
	if date1904 {
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
	} else if d == 0 {
		st.year, st.month, st.day, st.weekday = 1900, 1, 0, 6
		return st
	} else if d == 60 {
		st.year, st.month, st.day, st.weekday = 1900, 2, 29, 3
		return st
	} else if d < 60 {
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
	} else {
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
	}
	st.year, st.month, st.day, st.weekday = t.Year(), int(t.Month()), t.Day(), int(t.Weekday())
	return st
}

func (s *fmtSection) formatDate(v float64, l sheet.Locale, date1904 bool) string {
	st := toSerialTime(v, date1904, s.subsec)
	var b strings.Builder
	for i, it := range s.items {
		switch it.kind {
		case itLit:
			b.WriteString(it.text)
		case itPoint:
			b.WriteByte('.') // dd.mm.yyyy: a dot between date parts is text
		case itDate:
			b.WriteString(s.dateToken(it.text, i, &st, &l))
		}
	}
	return b.String()
}

// dateToken shows one date or time token: a name, or a number with as
// many digits as the token has letters (two at most; four for yyyy).
func (s *fmtSection) dateToken(tok string, i int, st *serialTime, l *sheet.Locale) string {
	n, width := 0, min(len(tok), 2)
	switch tok[0] {
	case 'y':
		n, width = st.year%100, 2
		if len(tok) > 2 {
			n, width = st.year, 4
		}
	case 'm':
		if len(tok) <= 2 && s.isMinute(i) {
			n = st.minute
		} else if len(tok) <= 2 {
			n = st.month
		} else if len(tok) == 3 {
			return l.MonthsShort[st.month-1]
		} else if len(tok) == 5 {
			return string([]rune(l.Months[st.month-1])[:1])
		} else {
			return l.Months[st.month-1]
		}
	case 'd':
		switch len(tok) {
		case 1, 2:
			n = st.day
		case 3:
			return l.DaysShort[st.weekday]
		default:
			return l.Days[st.weekday]
		}
	case 'h':
		n = st.hour
		if s.hasAMPM {
			n = (n+11)%12 + 1
		}
	case 's':
		n = st.second
	case '.':
		f := strconv.FormatFloat(st.subsec, 'f', len(tok)-1, 64)
		return l.Decimal + f[strings.IndexByte(f, '.')+1:]
	case 'a':
		ap := "AM"
		if st.hour >= 12 {
			ap = "PM"
		}
		if tok == "a/p" {
			return ap[:1]
		}
		return ap
	case '[': // elapsed hours, minutes or seconds
		per := 86400.0
		switch tok[1] {
		case 'h':
			per = 24
		case 'm':
			per = 1440
		}
		return strconv.Itoa(int(math.Floor(st.days*per + 1e-9)))
	}
	d := strconv.Itoa(n)
	for len(d) < width {
		d = "0" + d
	}
	return d
}

// isMinute tells an m or mm at item i apart from a month: minutes follow
// an hour or come before seconds.
func (s *fmtSection) isMinute(i int) bool {
	for j := i - 1; j >= 0; j-- {
		if it := s.items[j]; it.kind == itDate {
			if it.text[0] == 'h' || it.text == "[h" {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(s.items); j++ {
		if it := s.items[j]; it.kind == itDate {
			return it.text[0] == 's' || it.text == "[s"
		}
	}
	return false
}

// builtinFormats are the format codes ECMA-376 §18.8.30 fixes for every
// locale; sheet.Locale.Builtin adds the locale's own.
var builtinFormats = [50]string{
	0:  "General",
	1:  "0",
	2:  "0.00",
	3:  "#,##0",
	4:  "#,##0.00",
	9:  "0%",
	10: "0.00%",
	11: "0.00E+00",
	12: "# ?/?",
	13: "# ??/??",
	15: "d-mmm-yy",
	16: "d-mmm",
	17: "mmm-yy",
	18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM",
	20: "h:mm",
	21: "h:mm:ss",
	37: "#,##0 ;(#,##0)",
	38: "#,##0 ;[Red](#,##0)",
	39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)",
	45: "mm:ss",
	46: "[h]:mm:ss",
	47: "mm:ss.0",
	48: "##0.0E+0",
	49: "@",
}

// builtin is the format code of built-in format id in locale l; "General"
// for an id neither table knows.
func builtin(l *sheet.Locale, id int) string {
	if id < 0 || id >= len(builtinFormats) {
		return "General"
	}
	if l.Builtin[id] != "" {
		return l.Builtin[id]
	}
	if builtinFormats[id] != "" {
		return builtinFormats[id]
	}
	return "General"
}
