package names

import (
	"strings"

	unidecode "github.com/mozillazg/go-unidecode/table"
)

// Scripts without a table of their own are read with the generic
// transliteration table of github.com/mozillazg/go-unidecode (MIT
// licence; its data is that of the Python Unidecode package, itself from
// Sean M. Burke's Text::Unidecode), one value per code point. Word-level
// rules correct it where the generic reading is known to be wrong for
// names: see indic.go, thai.go, myanmar.go, ethiopic.go, khmer.go.

// genericValue returns the generic Latin value of r in lower-case letters
// and digits only ("" when it has none).
func genericValue(r rune) string {
	if r > 0xEFFFF {
		return ""
	}
	tb := unidecode.Tables[r>>8]
	pos := int(r & 0xFF)
	if pos >= len(tb) {
		return ""
	}
	return lettersOnly(tb[pos])
}

// lettersOnly lower-cases s and keeps its ASCII letters and digits; other
// bytes become a space between letters ("Bh." → "bh", " // " → " ").
func lettersOnly(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c == ' ' || c == '/' || c == '.' || c == '*' || c == '+':
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// foldScriptWord romanises the text at the start of rs written in a
// script with word-level rules of its own and returns it and the number
// of runes read, or ("", 0) when rs starts with none of them.
func foldScriptWord(rs []rune) (string, int) {
	r := rs[0]
	switch {
	case brahmicBlock(r) != 0:
		return foldBrahmicWord(rs)
	case isThaiLao(r):
		return foldThaiWord(rs)
	case isMyanmar(r):
		return foldMyanmarWord(rs)
	case isEthiopic(r):
		return foldEthiopicWord(rs)
	case isKhmer(r):
		return foldKhmerWord(rs)
	}
	return "", 0
}
