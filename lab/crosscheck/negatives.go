package crosscheck

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/lab/evalset"
	"github.com/vigil-screening/vigil/names"
)

// partIndex says which records have a Latin name part resembling a
// given part: the same folded text, variant group or consonant skeleton.
type partIndex map[string][]int32

func newPartIndex(ents []*entity.Entity) partIndex {
	ix := partIndex{}
	for i, e := range ents {
		for _, n := range e.Names {
			if Script(n.Full) != "Latn" {
				continue // the queries are Latin; other scripts would tie the yardstick to the engine's transliteration
			}
			for _, w := range strings.Fields(names.Fold(n.Full)) {
				for _, k := range partKeys(w) {
					if p := ix[k]; len(p) == 0 || p[len(p)-1] != int32(i) {
						ix[k] = append(p, int32(i))
					}
				}
			}
		}
	}
	return ix
}

func partKeys(w string) []string {
	keys := []string{"t:" + w, "s:" + names.Skeleton(w)}
	if v := names.Variant(w); v != "" {
		keys = append(keys, "v:"+v)
	}
	return keys
}

// records returns the sorted records with a part resembling w.
func (ix partIndex) records(w string) []int32 {
	var out []int32
	for _, k := range partKeys(names.Fold(w)) {
		out = append(out, ix[k]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// together reports whether some record has parts resembling both a and b.
func (ix partIndex) together(a, b string) bool {
	ra, rb := ix.records(a), ix.records(b)
	i, j := 0, 0
	for i < len(ra) && j < len(rb) {
		switch {
		case ra[i] == rb[j]:
			return true
		case ra[i] < rb[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// RecombinedNegatives returns up to n persons named with the given name
// of one listed person and the family name of another, keeping only
// pairs that no record has together (by folded text, variant or
// skeleton), so that none is a listed identity. About half carry a birth
// date; no name is repeated. The treatment is "recombined" or
// "recombined+dob".
func RecombinedNegatives(ents []*entity.Entity, n int) []evalset.Case {
	var given, family []string
	for _, e := range ents {
		if e.Kind != entity.KindPerson {
			continue
		}
		words := strings.Fields(naturalOrder(firstLatin(e)))
		if len(words) < 2 || !plainPart(words[0]) || !plainPart(words[len(words)-1]) {
			continue
		}
		given = append(given, words[0])
		family = append(family, words[len(words)-1])
	}
	if len(given) == 0 {
		return nil
	}
	ix := newPartIndex(ents)
	seen := map[string]bool{}
	var out []evalset.Case
	for i := 0; len(out) < n && i < 20*n; i++ {
		h := hash64("recombined", fmt.Sprint(i))
		g, f := given[h%uint64(len(given))], family[(h>>20)%uint64(len(family))]
		key := strings.ToLower(g + " " + f)
		if seen[key] || ix.together(g, f) {
			continue
		}
		seen[key] = true
		out = append(out, negative(fmt.Sprintf("rn-%05d", i), "recombined", g+" "+f, h))
	}
	return out
}

// CommonNegatives returns persons named with every pair of the very
// common given and family names below that no record has together.
func CommonNegatives(ents []*entity.Entity) []evalset.Case {
	ix := newPartIndex(ents)
	var out []evalset.Case
	for _, g := range commonGiven {
		for _, f := range commonFamily {
			if ix.together(g, f) {
				continue
			}
			h := hash64("common", g, f)
			out = append(out, negative(fmt.Sprintf("cn-%s-%s", g, f), "common", g+" "+f, h))
		}
	}
	return out
}

func negative(id, treatment, name string, h uint64) evalset.Case {
	s := vigil.Subject{ID: id, Kind: entity.KindPerson, Name: name}
	if h>>40%2 == 0 {
		s.DateOfBirth = entity.MakeDate(int(1940+h>>8%60), int(1+h>>16%12), int(1+h>>24%28))
		treatment += "+dob"
	}
	return evalset.Case{Subject: s, Treatment: treatment}
}

// commonGiven and commonFamily are among the most frequent given and
// family names of the English-, Spanish-, Portuguese-, Russian-,
// Arabic-, Chinese-, Korean-, Indian-, German- and Turkish-speaking
// worlds, written as they are usually romanised.
var commonGiven = []string{
	"John", "Michael", "David", "James", "Robert", "Mary", "Jennifer", "Linda", "Sarah", "William",
	"Maria", "Jose", "Juan", "Carlos", "Luis", "Ana", "Francisco", "Antonio", "Manuel", "Pedro",
	"Ivan", "Sergei", "Olga", "Elena", "Natalia", "Tatiana", "Dmitry", "Anna", "Andrei", "Alexei",
	"Mohammed", "Ahmed", "Ali", "Fatima", "Omar", "Hassan", "Aisha", "Youssef", "Khalid", "Mariam",
	"Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Jie", "Ying", "Hui", "Xin",
	"Raj", "Priya", "Amit", "Sunita", "Rahul", "Anil", "Deepak", "Pooja", "Ravi", "Sanjay",
	"Hans", "Peter", "Thomas", "Klaus", "Ursula", "Mehmet", "Mustafa", "Ayse", "Emine", "Fatma",
}

var commonFamily = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark",
	"Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Silva", "Santos",
	"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Petrov", "Volkov", "Sokolov", "Ivanova", "Petrova", "Smirnova",
	"Ahmed", "Ali", "Hassan", "Hussein", "Ibrahim", "Mahmoud", "Mohamed", "Khan", "Abdullah", "Saleh",
	"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
	"Kim", "Lee", "Park", "Choi", "Jung", "Nguyen", "Tran", "Singh", "Kumar", "Sharma",
	"Patel", "Gupta", "Mueller", "Schmidt", "Schneider", "Fischer", "Yilmaz", "Kaya", "Demir", "Sahin",
}

// plainPart reports whether w is a name part of three Latin letters or
// more and not a particle or title.
func plainPart(w string) bool {
	lw := strings.ToLower(w)
	return len(w) >= 3 && isPlainLetters(w) && !arabicParticles[lw] && !notNames[lw]
}

// notNames are particles and titles that begin or end names on the lists.
var notNames = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "del": true, "della": true, "dos": true, "das": true,
	"haji": true, "hajji": true, "sheikh": true, "shaykh": true, "mullah": true, "maulvi": true, "mawlawi": true,
	"qari": true, "mufti": true, "dr": true, "mr": true, "mrs": true, "general": true, "colonel": true,
}

// naturalOrder turns "FAMILY, Given" into "Given FAMILY"; other names are
// returned as they are.
func naturalOrder(s string) string {
	last, first, ok := strings.Cut(s, ",")
	if !ok || strings.Contains(first, ",") || strings.TrimSpace(first) == "" {
		return s
	}
	return strings.TrimSpace(first) + " " + strings.TrimSpace(last)
}
