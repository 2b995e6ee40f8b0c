package names

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// Japanese names in kanji are read with the kanji's Japanese readings,
// which Hanyu Pinyin (Fold) does not give: 安倍晋三 is Abe Shinzo, not
// "an beijinsan". The readings come from the family and given names of
// the IPA dictionary (IPAdic 2.7.0, NAIST; data/ipadic, licence in
// data/ipadic/COPYRIGHT): 10,862 family names and 15,515 given names with
// their readings in katakana. A name is read as Japanese when it splits
// wholly into a family name and a given name of the dictionary, family
// name first (the order Japanese writes, with or without a space); the
// reading is written in katakana, so that it is romanised and compared
// as kana are (see match.kanaSim).

//go:embed data/ipadic/names.txt
var ipadicNames string

// jpNames maps a family name ('s') or given name ('g') in kanji to its
// readings in katakana.
type jpNames struct {
	family, given map[string][]string
}

// loadJPNames parses the table the first time a name in kanji is read,
// so that other names never pay for it.
var loadJPNames = sync.OnceValue(func() *jpNames { return parseJPNames(ipadicNames) })

func parseJPNames(table string) *jpNames {
	d := &jpNames{family: map[string][]string{}, given: map[string][]string{}}
	for line := range strings.Lines(table) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) != 3 {
			continue
		}
		m := d.given
		if f[0] == "s" {
			m = d.family
		}
		m[f[1]] = append(m[f[1]], strings.Split(f[2], "/")...)
	}
	return d
}

// maxJPReadings is the most readings of one name JapaneseReadings gives:
// a name may have several (河野 Kono or Kawano, 清司 Kiyoji, Kiyoshi or
// Seiji); each is screened, so their number is bounded.
const maxJPReadings = 4

// JapaneseReadings returns the readings in katakana ("アベ シンゾウ") of a
// name written in kanji that splits into a family and a given name of
// the dictionary, or nil. The longest family name is tried first.
func JapaneseReadings(s string) []string {
	if !allHan(s) {
		return nil
	}
	words := strings.Fields(s)
	if len(words) > 2 {
		return nil
	}
	d := loadJPNames()
	if len(words) == 2 {
		return combine(d.family[words[0]], d.given[words[1]])
	}
	rs := []rune(words[0])
	if len(rs) < 2 || len(rs) > 6 {
		return nil
	}
	for n := min(len(rs)-1, 4); n >= 1; n-- {
		fam, giv := d.family[string(rs[:n])], d.given[string(rs[n:])]
		if len(fam) > 0 && len(giv) > 0 {
			return combine(fam, giv)
		}
	}
	return nil
}

func combine(fam, giv []string) []string {
	var out []string
	for _, f := range fam {
		for _, g := range giv {
			if len(out) == maxJPReadings {
				return out
			}
			out = append(out, contractLong(f)+" "+contractLong(g))
		}
	}
	return out
}

// allHan reports whether s is Chinese characters (and 々) and spaces only.
func allHan(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	n := 0
	for _, r := range s {
		switch {
		case r == ' ':
		case isHan(r) || r == '々':
			n++
		default:
			return false
		}
	}
	return n > 0
}

// contractLong drops the kana that lengthen a vowel, as the lists'
// Hepburn does (Junichiro, Kono, Shoko, Joyu): ウ after a kana whose
// vowel is o or u, and オ after one whose vowel is o.
func contractLong(k string) string {
	const oRow, uRow = "オコゴソゾトドノホボポモヨロョォヲ", "ウクグスズツヅヌフブプムユルュゥ"
	rs := []rune(k)
	out := rs[:0]
	for i, r := range rs {
		if i > 0 {
			prev := rs[i-1]
			if r == 'ー' || r == 'ウ' && strings.ContainsRune(oRow+uRow, prev) || r == 'オ' && strings.ContainsRune(oRow, prev) {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}
