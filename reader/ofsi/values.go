package ofsi

import (
	"regexp"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/loosedate"
)

// enumStart matches an enumeration marker at the start of a cell:
// "(1) ", "1) ", "a) ".
var enumStart = regexp.MustCompile(`^\(?(?:\d{1,2}|[a-z])\)\s*`)

// enumMark matches an enumeration marker inside a cell.
var enumMark = regexp.MustCompile(`(?:^|\s)\(?(?:\d{1,2}|[a-z])\)\s*`)

// splitEnum splits an enumerated cell, "(1) Afghan (2) Pakistani" or
// "a) Syrian Arab Republic b) State of Palestine", into its values. A cell
// without a leading marker is one value.
func splitEnum(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if !strings.Contains(s, ")") || !enumStart.MatchString(s) { // the check for ")" spares most cells the regular expression
		return []string{s}
	}
	var out []string
	for _, v := range enumMark.Split(s, -1) {
		v = strings.TrimRight(strings.TrimSpace(v), ".,;")
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseDate reads a date cell: "dd/mm/yyyy" (with "00" for an unknown
// day or month), "mm/yyyy", "yyyy", an Excel serial day number, or any
// other form of package loosedate.
func parseDate(s string) (entity.Date, bool) {
	d, err := loosedate.ParseCell(s)
	return d, err == nil
}
