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
	// head and tail are the reading a kanji takes at the start and at
	// the end of a given name of two kanji (see elementReadings).
	head, tail map[rune]string
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
	d.head, d.tail = elementReadings(d.given)
	return d
}

// elementReadings returns the readings that kanji take as the first and
// as the second element of the dictionary's given names of two kanji.
// Japanese given names are compounds of such elements, each read in
// the same way in most names that have it (晋 shin in 晋一 Shinichi, 晋二
// Shinji, 晋作 Shinsaku; 三 zo at the end of 健三 Kenzo, 信三 Shinzo, 京三
// Kyozo), so a name the dictionary lacks is read by its elements (see
// composedGiven). A kanji's reading at one end is the longest kana
// sequence that begins (ends) the readings of two thirds of the names
// with it there, and of three at least; a kanji without one is not read.
func elementReadings(given map[string][]string) (head, tail map[rune]string) {
	type names struct{ readings [][]rune }
	first, last := map[rune]*names{}, map[rune]*names{}
	add := func(m map[rune]*names, r rune, reading []rune) {
		if m[r] == nil {
			m[r] = &names{}
		}
		m[r].readings = append(m[r].readings, reading)
	}
	for name, readings := range given {
		rs := []rune(name)
		if len(rs) != 2 || len(readings) == 0 {
			continue
		}
		k := []rune(readings[0]) // the first reading is the usual one
		add(first, rs[0], k)
		add(last, rs[1], k)
	}
	pick := func(m map[rune]*names, fromEnd bool) map[rune]string {
		out := map[rune]string{}
		for r, ns := range m {
			if len(ns.readings) < 3 {
				continue
			}
			best := ""
			for l := 1; ; l++ {
				count := map[string]int{}
				for _, k := range ns.readings {
					if len(k) <= l {
						continue // the element must leave kana for the other
					}
					if fromEnd {
						count[string(k[len(k)-l:])]++
					} else {
						count[string(k[:l])]++
					}
				}
				found := ""
				for s, c := range count {
					if 3*c >= 2*len(ns.readings) {
						found = s
					}
				}
				if found == "" {
					break
				}
				best = found
			}
			if best != "" {
				out[r] = best
			}
		}
		return out
	}
	return pick(first, false), pick(last, true)
}

// composedGiven returns the reading of a given name of two kanji that the
// dictionary lacks, composed of its elements' readings, or "".
func (d *jpNames) composedGiven(giv string) string {
	rs := []rune(giv)
	if len(rs) != 2 {
		return ""
	}
	h, t := d.head[rs[0]], d.tail[rs[1]]
	if h == "" || t == "" {
		return ""
	}
	return h + t
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
		return combine(d.family[words[0]], d.givenReadings(words[1]))
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
	// No split into names of the dictionary: a family name of the
	// dictionary followed by a given name of two kanji read by its
	// elements (安倍晋三: 安倍 Abe, 晋三 shin + zo).
	if n := len(rs) - 2; n >= 1 && n <= 4 {
		if fam := d.family[string(rs[:n])]; len(fam) > 0 {
			if g := d.composedGiven(string(rs[n:])); g != "" {
				return combine(fam, []string{g})
			}
		}
	}
	return nil
}

// givenReadings returns the dictionary's readings of a given name, or
// the one composed of its elements when it has none.
func (d *jpNames) givenReadings(giv string) []string {
	if r := d.given[giv]; len(r) > 0 {
		return r
	}
	if g := d.composedGiven(giv); g != "" {
		return []string{g}
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
