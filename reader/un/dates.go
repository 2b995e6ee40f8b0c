package un

import (
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// parseDay parses the UN's day values: "2001-01-25", with a time-zone
// offset "1974-01-01-05:00", or a timestamp "2026-02-27T00:00:09.554Z".
func parseDay(s string) (entity.Date, error) {
	d, err := loosedate.Parse(s)
	if err != nil || d.Day == 0 || d.IsRange() || d.Circa || !strings.HasPrefix(strings.TrimSpace(s), fmt.Sprintf("%04d-", d.Year)) {
		return entity.Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return d, nil
}

// parseYear parses a YEAR, FROM_YEAR or TO_YEAR: four digits.
func parseYear(s string) (int16, error) {
	d, err := loosedate.Parse(s)
	if err != nil || d.Month != 0 || d.IsRange() || d.Circa {
		return 0, fmt.Errorf("year %q: want four digits", s)
	}
	return d.Year, nil
}

// birthDate reads an INDIVIDUAL_DATE_OF_BIRTH. TYPE_OF_DATE is EXACT (a
// DATE, or a YEAR), APPROXIMATELY (the same, marked Circa) or BETWEEN
// (FROM_YEAR to TO_YEAR). Where the UN gives only a NOTE, a date written
// in it ("Nov. 1973", "Between Aug. and Sep. 1977") is read, and the
// note "Approximately" on a range marks it Circa; with a YEAR, a note
// naming a month gives the month. It reports false for an element with
// no usable date (empty, a Hijri date, "30-35 years old"), and an error
// for a DATE or year that is not a date.
func birthDate(n *xmlnode.Node) (entity.Date, bool, error) {
	note := n.Text("NOTE")
	var d entity.Date
	var err error
	switch {
	case n.Text("DATE") != "":
		d, err = parseDay(n.Text("DATE"))
	case n.Text("YEAR") != "":
		d.Year, err = parseYear(n.Text("YEAR"))
		if m := loosedate.Month(note); m != 0 {
			d.Month = int8(m)
		}
	case n.Text("FROM_YEAR") != "" || n.Text("TO_YEAR") != "":
		d, err = yearRange(n.Text("FROM_YEAR"), n.Text("TO_YEAR"))
	default:
		if d, err = loosedate.Parse(note); err != nil {
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

// aliasDate reads the DATE_OF_BIRTH given with an alias: "1955",
// "1955 - 1958", "1955-04-01", or "" or "null" for none.
func aliasDate(s string) (entity.Date, bool, error) {
	if s == "" || strings.EqualFold(s, "null") {
		return entity.Date{}, false, nil
	}
	d, err := loosedate.Parse(s)
	if err != nil {
		return entity.Date{}, false, fmt.Errorf("date of birth %q: want YYYY, YYYY - YYYY or YYYY-MM-DD", s)
	}
	return d, true, nil
}
