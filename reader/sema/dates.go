package sema

import (
	"fmt"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/loosedate"
)

// parseDates reads a DateOfBirth. Canada writes "1933-02-02", "1964-03",
// "1955", several dates joined by "or" or ";" ("1972-08-10 or
// 1972-08-11"), and in other editions "10/08/1972" (day first), "10
// August 1972", "August 10, 1972" and "circa 1955" (package loosedate
// reads them all). An empty value gives no dates; one it cannot read is
// an error.
func parseDates(s string) ([]entity.Date, error) {
	var out []entity.Date
	for _, part := range loosedate.Split(s) {
		d, err := loosedate.Parse(part)
		if err != nil {
			return nil, fmt.Errorf("date of birth %q: %w", s, err)
		}
		out = append(out, d)
	}
	return out, nil
}
