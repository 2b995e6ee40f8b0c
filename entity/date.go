package entity

import (
	"fmt"
	"strconv"
	"strings"
)

// Date is a date as the lists give it: possibly partial (only a year, or a
// year and month), approximate ("circa 1965") or a range ("1960 to 1962").
//
// Year, Month and Day are zero when unknown. A range has its end in
// ToYear/ToMonth/ToDay; a single date leaves them zero. The fields are
// small integers (10 bytes a date, where ints took 56): a list of a
// million records holds a million dates of birth or more.
type Date struct {
	Year    int16 `json:"year,omitempty"`
	Month   int8  `json:"month,omitempty"`
	Day     int8  `json:"day,omitempty"`
	Circa   bool  `json:"circa,omitempty"`
	ToYear  int16 `json:"to_year,omitempty"`
	ToMonth int8  `json:"to_month,omitempty"`
	ToDay   int8  `json:"to_day,omitempty"`
}

// MakeDate returns the date y-m-d (parts zero when unknown) from ints,
// as parsers read them. A part too large for its field is stored as -1,
// so that Valid reports the date invalid instead of a wrapped value
// passing for a real one.
func MakeDate(y, m, d int) Date {
	return Date{Year: small[int16](y), Month: small[int8](m), Day: small[int8](d)}
}

func small[T int8 | int16](v int) T {
	if T(v) < 0 || int(T(v)) != v {
		return -1
	}
	return T(v)
}

// IsZero reports whether nothing is known of the date.
func (d Date) IsZero() bool { return d.Year == 0 && d.ToYear == 0 }

// IsRange reports whether the date is a range of dates.
func (d Date) IsRange() bool { return d.ToYear != 0 }

// String renders the date in ISO 8601 form, partial where the date is:
// "1971-07-05", "1971-07", "1971", "~1965", "1960/1962".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	s := isoPart(int(d.Year), int(d.Month), int(d.Day))
	if d.IsRange() {
		s += "/" + isoPart(int(d.ToYear), int(d.ToMonth), int(d.ToDay))
	}
	if d.Circa {
		s = "~" + s
	}
	return s
}

func isoPart(y, m, d int) string {
	switch {
	case y == 0:
		return ""
	case m == 0:
		return fmt.Sprintf("%04d", y)
	case d == 0:
		return fmt.Sprintf("%04d-%02d", y, m)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
}

// ParseDate parses the forms that String produces, plus "YYYYMMDD":
// "1971-07-05", "1971-07", "1971", "~1965", "1960/1962". Surrounding
// spaces are ignored. It reports an error naming the input otherwise.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var d Date
	if rest, ok := strings.CutPrefix(s, "~"); ok {
		d.Circa = true
		s = rest
	}
	from, to, isRange := strings.Cut(s, "/")
	y, m, dd, err := parseISO(from)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s, err)
	}
	d.Year, d.Month, d.Day = int16(y), int8(m), int8(dd)
	if isRange {
		if y, m, dd, err = parseISO(to); err != nil {
			return Date{}, fmt.Errorf("date %q: %w", s, err)
		}
		d.ToYear, d.ToMonth, d.ToDay = int16(y), int8(m), int8(dd)
	}
	return d, nil
}

func parseISO(s string) (y, m, d int, err error) {
	if len(s) == 8 && !strings.Contains(s, "-") {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, 0, 0, fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	vals := [3]int{}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return 0, 0, 0, fmt.Errorf("bad number %q", p)
		}
		vals[i] = v
	}
	y, m, d = vals[0], vals[1], vals[2]
	if y < 1000 || y > 2999 || m > 12 || d > 31 || (m == 0 && d != 0) {
		return 0, 0, 0, fmt.Errorf("out of range")
	}
	return y, m, d, nil
}

// Valid reports whether the date's fields are in range: a year of four
// digits, a month in 1..12 and a day in 1..31 when known, and a range end
// not before its start.
func (d Date) Valid() bool {
	ok := func(y int16, m, dd int8) bool {
		return y >= 1000 && y <= 2999 && m >= 0 && m <= 12 && dd >= 0 && dd <= 31 && (m != 0 || dd == 0)
	}
	if !ok(d.Year, d.Month, d.Day) {
		return false
	}
	if d.IsRange() {
		return ok(d.ToYear, d.ToMonth, d.ToDay) && d.ToYear >= d.Year
	}
	return true
}
