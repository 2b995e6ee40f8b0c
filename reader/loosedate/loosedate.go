// Package loosedate reads the dates the lists write by hand: of birth,
// of listing, in remarks. One parser knows every form any list uses, so
// that each reader reads "circa 1965", "18/01/1970" or "Between Aug. and
// Sep. 1977" the same way (docs/lists.md has the table):
//
//	ISO             1970, 1970-01, 1970-01-18, 1970-01-18T00:00:00Z,
//	                1974-01-01-05:00 (a time-zone offset)
//	day first       18/01/1970, 18.01.1970, 18-01-1970, 00/00/1980
//	                (00: unknown day or month), 01/1970, 23.3.2012
//	month names     18 Jan 1970, 18 Jan. 1970, 18 January 1970, 28-Jan-2026,
//	                January 18, 1970, Jan 1970, Sept. 1970, 1965, 29 March
//	ranges          1960 to 1962, 1955-1958, 1955 - 1958, between 1960
//	                and 1962, Between 1963 to 1968, 01 Jan 1961 to 31 Dec
//	                1962, March 1968 to March 1969, Between Aug. and Sep.
//	                1977
//	                (a final full stop is ignored: "1965.")
//	approximate     circa, ca., c., approx., approximately, about
//	                before any of the above
//	spreadsheets    Excel serial day numbers (ParseCell only): 25586
//
// Vigil's own forms ("~1965", "1960/1962": entity.Date.String) are not
// among them: entity.ParseDate reads those. Days first: "01/02/1970" is the 1st of February, as every list that
// writes numeric dates has it (BIS's file writes MM/DD/YYYY in a fixed
// column and keeps its own strict reader). Month names are English.
// A date must be valid (year 1000 to 2999, month 1 to 12, day 1 to 31,
// a range not ending before it starts); anything else is an error.
package loosedate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/entity"
)

// maxLen bounds the text a date is read from; the longest real one is
// about 40 bytes.
const maxLen = 200

// Parse reads one date written in any of the forms of the package
// comment, except serial day numbers.
func Parse(s string) (entity.Date, error) {
	d, ok := parse(s)
	if !ok {
		return entity.Date{}, fmt.Errorf("%q: unknown date form (none the lists use)", clip(s))
	}
	return d, nil
}

// ParseCell is Parse for a spreadsheet cell: it also reads an Excel
// serial day number (the 1900 date system; "25586" is 1970-01-18), as
// workbooks store dates. A number of four digits is a year.
func ParseCell(s string) (entity.Date, error) {
	if d, ok := serial(strings.TrimSpace(s)); ok {
		return d, nil
	}
	return Parse(s)
}

func parse(s string) (entity.Date, bool) {
	if len(s) > maxLen {
		return entity.Date{}, false
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	if d, ok, done := numeric(s); done { // the commonest forms, without regular expressions
		return d, ok && d.Valid()
	}
	circa := false
	if loc := circaPrefix.FindStringIndex(s); loc != nil {
		circa, s = true, strings.TrimSpace(s[loc[1]:])
	}
	d, ok := dateOrRange(s)
	if !ok || !d.Valid() {
		return entity.Date{}, false
	}
	d.Circa = circa
	return d, true
}

var (
	circaPrefix = regexp.MustCompile(`(?i)^(?:circa\b|ca\.|c\.|approx\.|approximately\b|approx\b|about\b)`)
	between     = regexp.MustCompile(`(?i)^between\s+(.+?)\s+(?:and|to)\s+(.+)$`)
	toRange     = regexp.MustCompile(`(?i)^(.+?)\s+to\s+(.+)$`)
	yearRange   = regexp.MustCompile(`^(\d{4})\s*-\s*(\d{4})$`)
	isoDay      = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$`)
	isoMonth    = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	dayFirst    = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	monthYear   = regexp.MustCompile(`^(\d{1,2})[/.](\d{4})$`)
	year        = regexp.MustCompile(`^\d{4}$`)
)

// numeric reads a date written with digits and one kind of separator
// only ("18/01/1970", "1970-01-18", "1970", "01/1970", "1955-1958"), as
// single does, without regular expressions: most dates in the lists are
// such. done is false for any other text.
func numeric(s string) (d entity.Date, ok, done bool) {
	var parts [3]string
	n, sep, start := 0, byte(0), 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			continue
		}
		if i < len(s) && (s[i] != '/' && s[i] != '.' && s[i] != '-' || sep != 0 && s[i] != sep) || n == 3 || i == start {
			return d, false, false
		}
		if i < len(s) {
			sep = s[i]
		}
		parts[n], n, start = s[start:i], n+1, i+1
	}
	l := func(i int) int { return len(parts[i]) }
	switch {
	case n == 1 && l(0) == 4:
		return entity.MakeDate(atoi(parts[0]), 0, 0), true, true
	case n == 2 && l(0) == 4 && l(1) == 4 && sep == '-':
		d = entity.MakeDate(atoi(parts[0]), 0, 0)
		d.ToYear = entity.MakeDate(atoi(parts[1]), 0, 0).Year
		return d, true, true
	case n == 2 && l(0) == 4 && l(1) <= 2 && sep == '-':
		return entity.MakeDate(atoi(parts[0]), atoi(parts[1]), 0), true, true
	case n == 2 && l(0) <= 2 && l(1) == 4 && sep != '-':
		return entity.MakeDate(atoi(parts[1]), atoi(parts[0]), 0), true, true
	case n == 3 && l(0) == 4 && l(1) == 2 && l(2) == 2 && sep == '-':
		return entity.MakeDate(atoi(parts[0]), atoi(parts[1]), atoi(parts[2])), true, true
	case n == 3 && l(0) <= 2 && l(1) <= 2 && l(2) == 4:
		d = entity.MakeDate(atoi(parts[2]), atoi(parts[1]), atoi(parts[0]))
		if d.Month == 0 {
			d.Day = 0 // 00/00/1980: only the year is known
		}
		return d, true, true
	}
	return d, false, false
}

// splitRange splits "between A and B", "A to B" and "1955 - 1958".
func splitRange(s string) (from, to string, ok bool) {
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "between") {
		if m := between.FindStringSubmatch(s); m != nil {
			return m[1], m[2], true
		}
	}
	if strings.Contains(lower, "to") {
		if m := toRange.FindStringSubmatch(s); m != nil {
			return m[1], m[2], true
		}
	}
	if m := yearRange.FindStringSubmatch(s); m != nil {
		return m[1], m[2], true
	}
	return "", "", false
}

// dateOrRange reads a single date or a range of two.
func dateOrRange(s string) (entity.Date, bool) {
	from, to, ok := splitRange(s)
	if !ok {
		return single(s)
	}
	b, ok := single(to)
	if !ok {
		return entity.Date{}, false
	}
	a, ok := single(from)
	if !ok {
		// "Aug. to Sep. 1977": the start is a month of the end's year
		if mo := monthName(strings.Trim(strings.TrimSpace(from), ".")); mo != 0 && b.Month != 0 {
			a, ok = entity.Date{Year: b.Year, Month: int8(mo)}, true
		}
	}
	if !ok {
		return entity.Date{}, false
	}
	a.ToYear, a.ToMonth, a.ToDay = b.Year, b.Month, b.Day
	return a, true
}

// single reads one date, with no range or approximation.
func single(s string) (entity.Date, bool) {
	s = strings.TrimSpace(s)
	switch {
	case year.MatchString(s):
		return entity.MakeDate(atoi(s), 0, 0), true
	case isoDay.MatchString(s):
		m := isoDay.FindStringSubmatch(s)
		return entity.MakeDate(atoi(m[1]), atoi(m[2]), atoi(m[3])), true
	case isoMonth.MatchString(s):
		m := isoMonth.FindStringSubmatch(s)
		return entity.MakeDate(atoi(m[1]), atoi(m[2]), 0), true
	case dayFirst.MatchString(s):
		m := dayFirst.FindStringSubmatch(s)
		d := entity.MakeDate(atoi(m[3]), atoi(m[2]), atoi(m[1]))
		if d.Month == 0 {
			d.Day = 0 // 00/00/1980: only the year is known
		}
		return d, true
	case monthYear.MatchString(s):
		m := monthYear.FindStringSubmatch(s)
		return entity.MakeDate(atoi(m[2]), atoi(m[1]), 0), true
	}
	return named(s)
}

// named reads dates with a month name: "18 Jan. 1970", "January 18,
// 1970", "Jan 1970", "1965, 29 March".
func named(s string) (entity.Date, bool) {
	f := strings.Fields(strings.NewReplacer(".", " ", ",", " ", "-", " ").Replace(s))
	isYear := func(v string) bool { return year.MatchString(v) }
	isDay := func(v string) bool { n := atoi(v); return len(v) <= 2 && n >= 1 && n <= 31 }
	switch {
	case len(f) == 2 && monthName(f[0]) != 0 && isYear(f[1]):
		return entity.MakeDate(atoi(f[1]), monthName(f[0]), 0), true
	case len(f) == 3 && isDay(f[0]) && monthName(f[1]) != 0 && isYear(f[2]):
		return entity.MakeDate(atoi(f[2]), monthName(f[1]), atoi(f[0])), true
	case len(f) == 3 && monthName(f[0]) != 0 && isDay(f[1]) && isYear(f[2]):
		return entity.MakeDate(atoi(f[2]), monthName(f[0]), atoi(f[1])), true
	case len(f) == 3 && isYear(f[0]) && isDay(f[1]) && monthName(f[2]) != 0:
		return entity.MakeDate(atoi(f[0]), monthName(f[2]), atoi(f[1])), true
	}
	return entity.Date{}, false
}

var months = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// Month returns 1 to 12 for an English month name or an abbreviation of
// it of three letters or more, with or without a full stop ("Sep",
// "Sept.", "September"), else 0.
func Month(s string) int { return monthName(strings.TrimSuffix(strings.TrimSpace(s), ".")) }

func monthName(s string) int {
	if len(s) < 3 || len(s) > len("september") {
		return 0
	}
	s = strings.ToLower(s)
	for i, m := range months {
		if strings.HasPrefix(m, s) {
			return i + 1
		}
	}
	return 0
}

// serial reads an Excel serial day number: a whole number of up to seven
// digits (a fraction, the time of day, is dropped), other than a
// four-digit year.
func serial(s string) (entity.Date, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) == 4 || len(whole) == 0 || len(whole) > 7 || strings.Trim(frac, "0123456789") != "" {
		return entity.Date{}, false
	}
	n, err := strconv.Atoi(whole)
	if err != nil || n <= 0 || n >= 2958466 { // 2958465 is 9999-12-31
		return entity.Date{}, false
	}
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	d := entity.MakeDate(t.Year(), int(t.Month()), t.Day())
	return d, d.Valid()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
