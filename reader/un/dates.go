package un

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// parseDay parses the UN's day values: "2001-01-25", with a time-zone
// offset "1974-01-01-05:00", or a timestamp "2026-02-27T00:00:09.554Z".
func parseDay(s string) (entity.Date, error) {
	if len(s) < 10 {
		return entity.Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	d, err := entity.ParseDate(s[:10])
	if err != nil || d.Day == 0 || !d.Valid() {
		return entity.Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return d, nil
}

func parseYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 1000 {
		return 0, fmt.Errorf("year %q: want four digits", s)
	}
	return y, nil
}

// birthDate reads an INDIVIDUAL_DATE_OF_BIRTH. TYPE_OF_DATE is EXACT (a
// DATE, or a YEAR), APPROXIMATELY (the same, marked Circa) or BETWEEN
// (FROM_YEAR to TO_YEAR). Where the UN gives only a NOTE, a month and
// year ("Nov. 1973", "Between Aug. and Sep. 1977") is read from it, and
// the note "Approximately" on a range marks it Circa. It reports false
// for an element with no usable date (empty, a Hijri date, "30-35 years
// old"), and an error for a DATE or year that is not a date.
func birthDate(n *xmlnode.Node) (entity.Date, bool, error) {
	note := n.Text("NOTE")
	var d entity.Date
	var err error
	switch {
	case n.Text("DATE") != "":
		d, err = parseDay(n.Text("DATE"))
	case n.Text("YEAR") != "":
		d.Year, err = parseYear(n.Text("YEAR"))
		if m := month(strings.Fields(note)); m != 0 {
			d.Month = m
		}
	case n.Text("FROM_YEAR") != "" || n.Text("TO_YEAR") != "":
		d, err = yearRange(n.Text("FROM_YEAR"), n.Text("TO_YEAR"))
	default:
		var ok bool
		if d, ok = noteDate(note); !ok {
			return entity.Date{}, false, nil
		}
	}
	if err != nil {
		return entity.Date{}, false, err
	}
	tod := strings.ToUpper(n.Text("TYPE_OF_DATE"))
	if tod == "APPROXIMATELY" || strings.HasPrefix(strings.ToLower(note), "approximately") {
		d.Circa = true
	}
	return d, true, nil
}

func yearRange(from, to string) (entity.Date, error) {
	var d entity.Date
	var err error
	if d.Year, err = parseYear(from); err != nil {
		return d, err
	}
	if d.ToYear, err = parseYear(to); err != nil {
		return d, err
	}
	if d.ToYear < d.Year {
		return d, fmt.Errorf("range %s to %s ends before it starts", from, to)
	}
	return d, nil
}

// noteDate reads "Nov. 1973", "August 1961" and "Between Aug. and Sep.
// 1977" from a date note.
func noteDate(note string) (entity.Date, bool) {
	words := strings.Fields(note)
	if len(words) == 0 {
		return entity.Date{}, false
	}
	y, err := parseYear(words[len(words)-1])
	if err != nil {
		return entity.Date{}, false
	}
	if len(words) == 5 && strings.EqualFold(words[0], "between") {
		m1, m2 := month(words[1:2]), month(words[3:4])
		if m1 != 0 && m2 != 0 {
			return entity.Date{Year: y, Month: m1, ToYear: y, ToMonth: m2}, true
		}
	}
	if len(words) == 2 {
		if m := month(words[:1]); m != 0 {
			return entity.Date{Year: y, Month: m}, true
		}
	}
	return entity.Date{}, false
}

var months = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// month returns the month a single word names ("Sep.", "August"), or 0.
func month(words []string) int {
	if len(words) != 1 {
		return 0
	}
	w := strings.ToLower(strings.TrimSuffix(words[0], "."))
	if len(w) < 3 {
		return 0
	}
	for i, m := range months {
		if strings.HasPrefix(w, m) && strings.HasPrefix(fullMonths[i], w) {
			return i + 1
		}
	}
	return 0
}

var fullMonths = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// aliasDate reads the DATE_OF_BIRTH given with an alias: "1955",
// "1955 - 1958", "1955-04-01", or "" or "null" for none.
func aliasDate(s string) (entity.Date, bool, error) {
	if s == "" || strings.EqualFold(s, "null") {
		return entity.Date{}, false, nil
	}
	if from, to, ok := strings.Cut(s, " - "); ok {
		d, err := yearRange(strings.TrimSpace(from), strings.TrimSpace(to))
		return d, err == nil, err
	}
	if len(s) == 4 {
		y, err := parseYear(s)
		return entity.Date{Year: y}, err == nil, err
	}
	d, err := parseDay(s)
	return d, err == nil, err
}
