package ofsi

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/entity"
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
	if !enumStart.MatchString(s) {
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

// parseDate reads "dd/mm/yyyy" (with "00" for an unknown day or month),
// "mm/yyyy", "yyyy", and Excel serial day numbers.
func parseDate(s string) (entity.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return entity.Date{}, false
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && len(s) != 4 && n > 0 && n < 2958466 {
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		d := entity.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
		return d, d.Valid()
	}
	parts := strings.Split(s, "/")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return entity.Date{}, false
		}
		nums[i] = n
	}
	var d entity.Date
	switch len(nums) {
	case 1:
		d.Year = nums[0]
	case 2:
		d.Month, d.Year = nums[0], nums[1]
	case 3:
		d.Day, d.Month, d.Year = nums[0], nums[1], nums[2]
	default:
		return entity.Date{}, false
	}
	if d.Month == 0 {
		d.Day = 0
	}
	return d, d.Valid()
}
