package loosedate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

var (
	// separator splits several dates: "x or y", "x; y", "x >> y", "x alt
	// DOB: y".
	separator = regexp.MustCompile(`(?i)\s*(?:;|>>|\s+or\s+|\balt\.?\s+DOB:)\s*`)
	// comma splits "x, y" and "x, or y", when every piece is a date.
	comma = regexp.MustCompile(`(?i)\s*,\s*(?:or\s+)?`)
	// dateComma is the comma of "January 18, 1970" or "1965, 29 March",
	// which separates nothing.
	dateComma = regexp.MustCompile(`([A-Za-z]{3,}\.?\s+\d{1,2}),(\s*\d{4})|(\d{4}),(\s*\d{1,2}\s+[A-Za-z]{3,})`)
)

// Split splits a value holding several dates into the text of each:
// "1972-08-10 or 1972-08-11", "1950; 1951", "12 Mar 1960 >> 14 Apr
// 1960", and at commas "1955, 1956" when every piece is a date: so
// "August, 1961", "January 18, 1970" and "8 Aug. 1980, (appears in a
// false passport)" stay whole. Nothing in parentheses splits: "27/05/1979
// (this aka only, alt DOB 1973)" is one part. Empty parts are dropped.
func Split(s string) []string {
	if len(s) > 64*maxLen {
		return []string{s}
	}
	s = dateComma.ReplaceAllString(s, "$1$3\x00$2$4")
	s, groups := maskParens(s)
	var out []string
	for _, p := range separator.Split(s, -1) {
		for _, q := range splitCommas(p) {
			q = unmask(q, groups)
			if q = strings.TrimSpace(strings.ReplaceAll(q, "\x00", ",")); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// splitCommas splits s at its commas when every piece is a date.
func splitCommas(s string) []string {
	pieces := comma.Split(s, -1)
	if len(pieces) == 1 {
		return pieces
	}
	for _, p := range pieces {
		if _, ok := parse(strings.ReplaceAll(p, "\x00", ",")); !ok && strings.TrimSpace(p) != "" {
			return []string{s}
		}
	}
	return pieces
}

// maskParens replaces each parenthesised group (outermost) by "\x01N\x02",
// N its index in groups, so that separators inside it are left alone.
// An unclosed "(" masks nothing.
func maskParens(s string) (string, []string) {
	if !strings.Contains(s, "(") {
		return s, nil
	}
	var b strings.Builder
	var groups []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			if depth == 0 {
				start = i
			}
			depth++
		case r == ')' && depth > 0:
			depth--
			if depth == 0 {
				fmt.Fprintf(&b, "\x01%d\x02", len(groups))
				groups = append(groups, s[start:i+1])
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if depth > 0 {
		b.WriteString(s[start:])
	}
	return b.String(), groups
}

var masked = regexp.MustCompile("\x01(\\d+)\x02")

// unmask puts back the groups maskParens took out.
func unmask(s string, groups []string) string {
	if len(groups) == 0 {
		return s
	}
	return masked.ReplaceAllStringFunc(s, func(m string) string {
		i, _ := strconv.Atoi(m[1 : len(m)-1])
		if i < len(groups) {
			return groups[i]
		}
		return m
	})
}

// ParseList splits s with Split and reads each part with Parse. It
// returns the dates read, and the parts that are not dates.
func ParseList(s string) (dates []entity.Date, rest []string) {
	for _, p := range Split(s) {
		if d, ok := parse(p); ok {
			dates = append(dates, d)
		} else {
			rest = append(rest, p)
		}
	}
	return dates, rest
}
