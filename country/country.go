// Package country normalises the country names that lists write
// ("Korea, North", "Iran (Islamic Republic of)", "Russian Federation") to
// ISO 3166-1 alpha-2 codes.
package country

import "strings"

// Code returns the ISO 3166-1 alpha-2 code for a country name, demonym-free
// official or common name, or code (alpha-2 or alpha-3), as lists write it.
// It reports false when the text names no known country.
func Code(s string) (string, bool) {
	k := key(s)
	c, ok := byName[k]
	return c, ok
}

// Name returns the English short name for an alpha-2 code, or "" if unknown.
func Name(code string) string { return names[strings.ToUpper(code)] }

func key(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimSpace(s))), " ")
}

// TODO(country helper): the full table.
var names = map[string]string{"US": "United States", "RU": "Russia"}
var byName = map[string]string{"united states": "US", "russia": "RU", "russian federation": "RU"}
