package ofac

import (
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// parseDate reads the date forms of OFAC remarks: "05 Jul 1971",
// "Jul 1971", "1971", "circa 1965", "1960 to 1962", "01 Jan 1961 to 31 Dec
// 1962", "circa 1979-1982" and "between 1960 and 1962". It reports false
// for anything else and for out-of-range dates.
func parseDate(s string) (entity.Date, bool) {
	s = strings.TrimSpace(s)
	circa := false
	if rest, ok := strings.CutPrefix(s, "circa "); ok {
		circa, s = true, strings.TrimSpace(rest)
	}
	from, to, isRange := splitRange(s)
	d, ok := parseSingle(from)
	if !ok {
		return entity.Date{}, false
	}
	if isRange {
		end, ok := parseSingle(to)
		if !ok {
			return entity.Date{}, false
		}
		d.ToYear, d.ToMonth, d.ToDay = end.Year, end.Month, end.Day
	}
	d.Circa = circa
	if !d.Valid() {
		return entity.Date{}, false
	}
	return d, true
}

// splitRange splits "A to B", "between A and B" and "YYYY-YYYY".
func splitRange(s string) (from, to string, ok bool) {
	if rest, found := strings.CutPrefix(s, "between "); found {
		return strings.Cut(rest, " and ")
	}
	if from, to, ok = strings.Cut(s, " to "); ok {
		return from, to, true
	}
	if len(s) == 9 && s[4] == '-' {
		return s[:4], s[5:], true
	}
	return s, "", false
}

// parseSingle reads "05 Jul 1971", "Jul 1971" or "1971".
func parseSingle(s string) (entity.Date, bool) {
	f := strings.Fields(s)
	var d entity.Date
	var ok bool
	switch len(f) {
	case 1:
		d.Year, ok = year(f[0])
	case 2:
		d.Month = month(f[0])
		d.Year, ok = year(f[1])
		ok = ok && d.Month != 0
	case 3:
		d.Month = month(f[1])
		d.Year, ok = year(f[2])
		day, err := strconv.Atoi(f[0])
		d.Day = day
		ok = ok && err == nil && len(f[0]) <= 2 && d.Month != 0 && day >= 1 && day <= 31
	}
	return d, ok
}

// year reads a four-digit year.
func year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 1000
}

// month reads an English month name or its three-letter abbreviation; 0 if none.
func month(s string) int {
	months := [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	for i, m := range months {
		if strings.HasPrefix(s, m) && (len(s) == 3 || strings.HasPrefix(fullMonths[i], s)) {
			return i + 1
		}
	}
	return 0
}

var fullMonths = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}
