package sema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// parseDates reads a DateOfBirth. Canada writes "1933-02-02", "1964-03",
// "1955", several dates joined by "or" or ";" ("1972-08-10 or
// 1972-08-11"), and in other editions "10/08/1972" (day first), "10
// August 1972", "August 10, 1972" and "circa 1955". An empty value gives
// no dates; one it cannot read is an error.
func parseDates(s string) ([]entity.Date, error) {
	var out []entity.Date
	for _, part := range splitDates(s) {
		d, err := parseDate(part)
		if err != nil {
			return nil, fmt.Errorf("date of birth %q: %w", s, err)
		}
		out = append(out, d)
	}
	return out, nil
}

var dateSep = regexp.MustCompile(`(?i)\s+or\s+|;|,\s+(?:or\s+)?`)

func splitDates(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if monthFirst.MatchString(s) { // "August 10, 1972": the comma is not a separator
		return []string{s}
	}
	var out []string
	for _, p := range dateSep.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var (
	dayFirst   = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
	dayMonth   = regexp.MustCompile(`^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$`)
	monthFirst = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})$`)
	monthYear  = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{4})$`)
	circa      = regexp.MustCompile(`(?i)^(?:circa|ca\.|c\.|approx\.?|approximately|about)\s*`)
)

func parseDate(s string) (entity.Date, error) {
	if loc := circa.FindStringIndex(s); loc != nil {
		d, err := parseDate(s[loc[1]:])
		d.Circa = true
		return d, err
	}
	var d entity.Date
	var err error
	switch {
	case dayFirst.MatchString(s):
		m := dayFirst.FindStringSubmatch(s)
		d = entity.Date{Year: atoi(m[3]), Month: atoi(m[2]), Day: atoi(m[1])}
	case dayMonth.MatchString(s):
		m := dayMonth.FindStringSubmatch(s)
		d = entity.Date{Year: atoi(m[3]), Month: monthNumber(m[2]), Day: atoi(m[1])}
	case monthFirst.MatchString(s):
		m := monthFirst.FindStringSubmatch(s)
		d = entity.Date{Year: atoi(m[3]), Month: monthNumber(m[1]), Day: atoi(m[2])}
	case monthYear.MatchString(s):
		m := monthYear.FindStringSubmatch(s)
		d = entity.Date{Year: atoi(m[2]), Month: monthNumber(m[1])}
		if d.Month == 0 {
			return entity.Date{}, fmt.Errorf("unknown month in %q", s)
		}
	default:
		d, err = entity.ParseDate(s)
		if err != nil || strings.ContainsAny(s, "~/") {
			return entity.Date{}, fmt.Errorf("unknown date form %q", s)
		}
	}
	if d.Month == 0 && d.Day != 0 || !d.Valid() {
		return entity.Date{}, fmt.Errorf("%q is not a valid date", s)
	}
	return d, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// monthNumber returns 1-12 for an English month name or its abbreviation
// of three letters or more, or 0.
func monthNumber(s string) int {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	for i, m := range monthNames {
		if strings.HasPrefix(m, s) || (s == "sept" && i == 8) {
			return i + 1
		}
	}
	return 0
}
