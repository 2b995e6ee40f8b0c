package names

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// Scripts without a table of their own are read with the generic
// transliteration table of AnyASCII (ISC licence; data/anyascii holds the
// table, its licence, its provenance and the generator), one value per
// code point of the Basic Multilingual Plane. Word-level rules correct it
// where the generic reading is known to be wrong for names: see indic.go,
// thai.go, myanmar.go, ethiopic.go, khmer.go.

//go:embed data/anyascii/table.txt
var anyASCIIText string

// genericTable holds, by block (code point >> 8), the values of the
// block's code points. It is parsed on first use, so that screening
// names in scripts with tables of their own never pays for it.
var genericTable = sync.OnceValue(func() *[256][]string {
	var t [256][]string
	for line := range strings.SplitSeq(anyASCIIText, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		head, rest, _ := strings.Cut(line, "\t")
		b, err := strconv.ParseUint(head, 16, 8)
		if err != nil {
			panic("names: data/anyascii/table.txt: bad block number " + strconv.Quote(head))
		}
		t[b] = strings.Split(rest, "\t")
	}
	return &t
})

// genericValue returns the generic Latin value of r in lower-case letters
// and digits only ("" when it has none).
func genericValue(r rune) string {
	if r < 0 || r > 0xFFFF {
		return ""
	}
	vals := genericTable()[r>>8]
	pos := int(r & 0xFF)
	if pos >= len(vals) {
		return ""
	}
	return lettersOnly(vals[pos])
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
// script with word-level rules of its own (in the script's second
// reading with alt: Thai etymological, Tamil ச as ch; see ThaiReading,
// TamilReading) and returns it and the number
// of runes read, or ("", 0) when rs starts with none of them.
func foldScriptWord(rs []rune, alt bool) (string, int) {
	r := rs[0]
	switch {
	case brahmicBlock(r) != 0:
		return foldBrahmicWord(rs, alt)
	case isThaiLao(r):
		return foldThaiWord(rs, alt)
	case isMyanmar(r):
		return foldMyanmarWord(rs)
	case isEthiopic(r):
		return foldEthiopicWord(rs)
	case isKhmer(r):
		return foldKhmerWord(rs, alt)
	}
	return "", 0
}
