package sheet

import "strings"

// Locale is how a spreadsheet shows numbers and dates to its user. An XLSX
// file stores numbers and a format code written the American way
// ("#,##0.00"); the spreadsheet shows them with its user's separators and
// month names, and some built-in formats (the short date, 14) are the
// user's own. The caller passes the user's Locale: a French marketer sees
// "1 234,50" and "05/03/2026" where an American sees "1,234.50" and
// "3/5/2026".
type Locale struct {
	Decimal string // the decimal separator
	Group   string // the thousands separator
	// Builtin overrides the format codes of built-in formats that depend on
	// the locale (ECMA-376 §18.8.30 leaves 5–8, 14, 22, 41–44 to it).
	Builtin     [50]string // by format id; "" where the locale changes nothing
	Months      [12]string // "mmmm"
	MonthsShort [12]string // "mmm"
	Days        [7]string  // "dddd", Sunday first
	DaysShort   [7]string  // "ddd", Sunday first
	LongDate    string     // the system's long date, [$-F800]
	LongTime    string     // the system's time, [$-F400]
	True, False string     // how a boolean cell shows
}

// English is Excel's en-US.
var English = Locale{
	Decimal: ".",
	Group:   ",",
	Builtin: [50]string{
		5:  `"$"#,##0_);\("$"#,##0\)`,
		6:  `"$"#,##0_);[Red]\("$"#,##0\)`,
		7:  `"$"#,##0.00_);\("$"#,##0.00\)`,
		8:  `"$"#,##0.00_);[Red]\("$"#,##0.00\)`,
		14: "m/d/yyyy",
		22: "m/d/yyyy h:mm",
		41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`,
		42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
		43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`,
		44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	},
	Months:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	MonthsShort: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	Days:        [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	DaysShort:   [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	LongDate:    "dddd, mmmm d, yyyy",
	LongTime:    "h:mm:ss AM/PM",
	True:        "TRUE",
	False:       "FALSE",
}

// French is Excel's fr-FR: a comma for decimals, a narrow no-break space
// (U+202F, as Windows and CLDR write it since 2019) between thousands, the
// day before the month, the euro after the amount, VRAI and FAUX.
var French = Locale{
	Decimal: ",",
	Group:   "\u202f",
	Builtin: [50]string{
		5:  `#,##0\ "€";\-#,##0\ "€"`,
		6:  `#,##0\ "€";[Red]\-#,##0\ "€"`,
		7:  `#,##0.00\ "€";\-#,##0.00\ "€"`,
		8:  `#,##0.00\ "€";[Red]\-#,##0.00\ "€"`,
		14: "dd/mm/yyyy",
		22: "dd/mm/yyyy hh:mm",
		41: `_-* #,##0_-;\-* #,##0_-;_-* "-"_-;_-@_-`,
		42: `_-* #,##0\ "€"_-;\-* #,##0\ "€"_-;_-* "-"\ "€"_-;_-@_-`,
		43: `_-* #,##0.00_-;\-* #,##0.00_-;_-* "-"??_-;_-@_-`,
		44: `_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`,
	},
	Months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	MonthsShort: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	Days:        [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	DaysShort:   [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
	LongDate:    "dddd d mmmm yyyy",
	LongTime:    "hh:mm:ss",
	True:        "VRAI",
	False:       "FAUX",
}

// LocaleFor picks the Locale for a language tag ("fr", "fr-BE", "en-GB"):
// French for French, English otherwise.
func LocaleFor(lang string) Locale {
	if l := strings.ToLower(lang); l == "fr" || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_") {
		return French
	}
	return English
}
