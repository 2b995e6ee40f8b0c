package country

import (
	"regexp"
	"strings"
)

// parens matches a parenthesised remark, e.g. "(as at Dec. 2003)".
var parens = regexp.MustCompile(`\([^()]*\)`)

// candidates returns the shorter texts to try when the whole text is not a
// known name, most specific first.
func candidates(s string) []string {
	var out []string
	add := func(c string) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	bare := parens.ReplaceAllString(s, " ")
	add(bare)
	if _, after, ok := strings.Cut(bare, ":"); ok {
		add(after)
	}
	for _, part := range strings.Split(bare, "/") {
		add(part)
	}
	if first, _, ok := strings.Cut(bare, ". "); ok {
		add(first)
	}
	return out
}

// leading are words that qualify a country without naming it.
var leading = map[string]bool{
	"possibly": true, "probably": true, "reportedly": true, "former": true,
	"formerly": true, "now": true, "the": true, "region": true, "or": true,
	"and": true, "also": true, "of": true, "registration": true,
	"nationality": true, "citizen": true, "country": true,
}

// lenient looks up a normalised key, dropping qualifier words in front and
// then trailing words until a known name remains.
func lenient(k string) (string, bool) {
	words := strings.Fields(k)
	for len(words) > 0 && leading[words[0]] {
		words = words[1:]
	}
	for n := len(words); n > 0; n-- {
		if c, ok := byName[strings.Join(words[:n], " ")]; ok {
			return c, true
		}
	}
	return "", false
}

// marker matches the enumeration marks lists put between several values:
// "(1)", "(2)", "a)", "b)", "1)".
var marker = regexp.MustCompile(`\(?\b(?:\d{1,2}|[a-h])\)`)

// Codes returns every country named in a field that may hold several
// ("(1) Afghan (2) Pakistani", "Sudan/or South Sudan", "a) Syrian Arab
// Republic b) State of Palestine", "DRC and Belgian nationalities"),
// without duplicates and in order of appearance. A field that names one
// country gives one code; a field that names none gives nil.
func Codes(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, part := range splitList(s) {
		if c, ok := Code(part); ok && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	if out == nil {
		if c, ok := Code(s); ok {
			out = []string{c}
		}
	}
	return out
}

// splitList splits a multi-valued field at enumeration marks, slashes,
// semicolons and the word "and", except inside a known name ("Bosnia and
// Herzegovina (Branch)" stays whole). Commas do not split: "Korea, North"
// and "Virgin Islands, British" are one country each.
func splitList(s string) []string {
	s = marker.ReplaceAllString(s, ";")
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '/' }) {
		if _, ok := lookup(parens.ReplaceAllString(p, " ")); ok {
			out = append(out, p)
			continue
		}
		out = append(out, strings.Split(p, " and ")...)
	}
	return out
}
