package names

import (
	_ "embed"
	"strconv"
	"strings"
)

// A name part meets its other forms through variant keys: two parts that
// share a key are the same name written two ways. The keys of a part are
//   - the canonical spelling of its romanisation group (see Variant):
//     "mohamed" and "muhammad" share "muhammad";
//   - the digits of a number: "second", "2nd" and "2" share "#2";
//   - the English word of an organisation word in another language:
//     "zavod" (завод) and "plant" share "=plant" (see orgwords.go);
//   - for a part that may be a given name (Token.Given), the full names a
//     short form stands for, from nicknames.csv (see data/NICKNAMES.md):
//     "bill" and "william" share "william", "peggy" and "margaret"
//     "margaret". A full name is its own key.
//
// Short forms count only where a given name may stand, never for the last
// part of a person's name, so that "John Jack" does not meet "John
// Jackson" through jack = Jackson; and only a short form in the query
// meets a listed full name (see match.Part.VariantSim).

//go:embed data/nicknames.csv
var nicknameCSV string

// fullNames maps a short form to the full names it stands for; every
// full name maps to itself too.
var fullNames = func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(nicknameCSV, "\n") {
		short, full, ok := strings.Cut(strings.TrimSpace(line), ",")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		m[short] = appendNew(m[short], full)
		m[full] = appendNew(m[full], full)
	}
	return m
}()

func appendNew(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// VariantKeys returns the variant keys of the folded part tok; with given
// set, also the full names it may stand for. It returns nil for most
// parts.
func VariantKeys(tok string, given bool) []string {
	var keys []string
	if v := Variant(tok); v != "" {
		keys = append(keys, v)
	}
	if n, ok := numberValue(tok); ok {
		keys = append(keys, "#"+strconv.Itoa(n))
	}
	keys = append(keys, OrgWordKeys(tok)...)
	if k, ok := CognateKey(tok); ok {
		keys = append(keys, k)
	}
	if k, ok := CountryKey(tok); ok {
		keys = append(keys, k)
	}
	if given {
		if v := Variant(tok); v != "" {
			keys = append(keys, NicknameKey+v) // "aleksandr" is the full name of "alex"
		}
		for _, f := range fullNames[tok] {
			if v := Variant(f); v != "" {
				f = v // "alex" → "alexander" → "aleksandr"
			}
			keys = appendNew(keys, NicknameKey+f)
		}
	}
	return keys
}

// NicknameKey starts the variant keys that come from short forms of
// given names: weaker evidence than a romanisation ("Sam" may be Samuel,
// Samantha or Sampson), which the matcher scores lower.
const NicknameKey = "~"

// numberValue returns the number a part stands for: its digits, or an
// English number word ("second", "twentyone").
func numberValue(tok string) (int, bool) {
	if tok == "" || len(tok) > 16 {
		return 0, false
	}
	if n, err := strconv.Atoi(tok); err == nil {
		return n, true
	}
	return numberWord(tok)
}
