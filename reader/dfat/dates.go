package dfat

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/entity"
)

// itemMark matches an enumeration marker "a) " anywhere in a cell.
var itemMark = regexp.MustCompile(`(?:^|[\s;,])\(?[a-z]\)\s*`)

// splitItems splits an enumerated cell, "a) X b) Y", into its items.
func splitItems(s string) []string {
	var out []string
	for _, v := range itemMark.Split(s, -1) {
		v = strings.Trim(strings.TrimSpace(v), ";,")
		if v = strings.TrimSpace(v); v != "" && !strings.EqualFold(v, "na") {
			out = append(out, v)
		}
	}
	return out
}

// dateSep splits a date cell's items further: "x; y", "x or y", "x >> y".
var dateSep = regexp.MustCompile(`\s*(?:;|>>|\bor\b|\balt DOB:)\s*`)

// parseDates reads every date of a Date of Birth cell. It returns the
// dates it understood and the parts it did not.
func parseDates(s string) (dates []entity.Date, rest []string) {
	for _, item := range splitItems(s) {
		for _, part := range dateSep.Split(item, -1) {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if d, ok := parseDate(part); ok {
				dates = append(dates, d)
			} else {
				rest = append(rest, part)
			}
		}
	}
	return dates, rest
}

var (
	circaPrefix = regexp.MustCompile(`(?i)^(?:approximately|approx\.?|circa|about|ca\.|c\.)\s*`)
	between     = regexp.MustCompile(`(?i)^(?:between\s+(.+?)\s+(?:and|to)|(.+?)\s+to)\s+(.+)$`)
	yearRange   = regexp.MustCompile(`^(\d{4})\s*-\s*(\d{4})$`)
)

// parseDate reads one date: an Excel serial day number, "1970",
// "18/01/1970", "18.01.1970", "18 Jan. 1970", "January 18, 1970",
// "Jan 1970", "Approximately 1970", "c. 1970", "Between 1960 and 1962",
// "March 1968 to March 1969", "1955-1958".
func parseDate(s string) (entity.Date, bool) {
	s = strings.Trim(strings.TrimSpace(s), "()")
	circa := false
	if loc := circaPrefix.FindStringIndex(s); loc != nil {
		circa, s = true, s[loc[1]:]
	}
	var d entity.Date
	var ok bool
	if m := between.FindStringSubmatch(s); m != nil {
		d, ok = dateRange(m[1]+m[2], m[3])
	} else if m := yearRange.FindStringSubmatch(s); m != nil {
		d, ok = dateRange(m[1], m[2])
	} else {
		d, ok = singleDate(s)
	}
	if !ok || !d.Valid() {
		return entity.Date{}, false
	}
	d.Circa = circa
	return d, true
}

func dateRange(from, to string) (entity.Date, bool) {
	a, ok1 := singleDate(from)
	b, ok2 := singleDate(to)
	if !ok1 || !ok2 {
		return entity.Date{}, false
	}
	a.ToYear, a.ToMonth, a.ToDay = b.Year, b.Month, b.Day
	return a, true
}

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func month(s string) int {
	if len(s) < 3 {
		return 0
	}
	return months[strings.ToLower(s[:3])]
}

func singleDate(s string) (entity.Date, bool) {
	f := strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(s))
	num := func(v string) int {
		n, err := strconv.Atoi(v)
		if err != nil {
			return -1
		}
		return n
	}
	switch len(f) {
	case 1:
		return numericDate(f[0])
	case 2:
		if m := month(f[0]); m > 0 && len(f[1]) == 4 && num(f[1]) > 0 {
			return entity.Date{Year: num(f[1]), Month: m}, true
		}
	case 3:
		if len(f[2]) != 4 || num(f[2]) <= 0 {
			break
		}
		if m := month(f[1]); m > 0 && num(f[0]) > 0 {
			return entity.Date{Year: num(f[2]), Month: m, Day: num(f[0])}, true
		}
		if m := month(f[0]); m > 0 && num(f[1]) > 0 {
			return entity.Date{Year: num(f[2]), Month: m, Day: num(f[1])}, true
		}
		if num(f[0]) > 0 && num(f[1]) > 0 {
			return entity.Date{Year: num(f[2]), Month: num(f[1]), Day: num(f[0])}, true
		}
	}
	return entity.Date{}, false
}

// numericDate reads "1970", "18/01/1970", "01/1970" or an Excel serial.
func numericDate(s string) (entity.Date, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		switch {
		case len(s) == 4:
			return entity.Date{Year: n}, true
		case n > 0 && n < 2958466:
			return serialDate(n), true
		}
		return entity.Date{}, false
	}
	parts := strings.Split(s, "/")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return entity.Date{}, false
		}
		nums[i] = n
	}
	switch len(nums) {
	case 2:
		return entity.Date{Year: nums[1], Month: nums[0]}, true
	case 3:
		d := entity.Date{Year: nums[2], Month: nums[1], Day: nums[0]}
		if d.Month == 0 {
			d.Day = 0
		}
		return d, true
	}
	return entity.Date{}, false
}

// serialDate converts an Excel serial day number (1900 date system) to a
// date.
func serialDate(n int) entity.Date {
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	return entity.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}
