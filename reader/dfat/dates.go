package dfat

import (
	"regexp"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/loosedate"
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

// parseDates reads every date of a Date of Birth cell: its enumerated
// items ("a) x b) y"), each of which may hold several dates ("x; y", "x
// or y", "x >> y"). It returns the dates it understood and the parts it
// did not.
func parseDates(s string) (dates []entity.Date, rest []string) {
	for _, item := range splitItems(s) {
		for _, part := range loosedate.Split(item) {
			if d, ok := parseDate(part); ok {
				dates = append(dates, d)
			} else {
				rest = append(rest, part)
			}
		}
	}
	return dates, rest
}

// parseDate reads one date: an Excel serial day number or any form of
// package loosedate.
func parseDate(s string) (entity.Date, bool) {
	d, err := loosedate.ParseCell(s)
	return d, err == nil
}
