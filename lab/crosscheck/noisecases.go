package crosscheck

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/lab/evalset"
)

// NoiseCases returns one case for each person and organisation record
// of the given lists: its first Latin name with one kind of noise, chosen
// by a stable hash of the record's key, and for about half the records
// that give a birth date, that date. Persons and organisations are
// returned apart. The treatment is the noise kind, with "+dob" when a
// birth date is given.
func NoiseCases(ents []*entity.Entity, lists []string) (persons, orgs []evalset.Case) {
	for _, e := range ents {
		if !slices.Contains(lists, e.List) || !screenable(e.Kind) {
			continue
		}
		c, ok := noiseCase(e)
		if !ok {
			continue
		}
		if e.Kind == entity.KindPerson {
			persons = append(persons, c)
		} else {
			orgs = append(orgs, c)
		}
	}
	return persons, orgs
}

func noiseCase(e *entity.Entity) (evalset.Case, bool) {
	full := firstLatin(e)
	person := e.Kind == entity.KindPerson
	if person {
		full = naturalOrder(full)
	}
	words := strings.Fields(full)
	if len(words) == 0 {
		return evalset.Case{}, false
	}
	h := hash64(e.List, e.ID)
	for k := range noiseKinds {
		kind := noiseKinds[(int(h%uint64(len(noiseKinds)))+k)%len(noiseKinds)]
		out, ok := kind.fn(words, person, h>>4)
		if !ok && kind.name == "particle" && person && len(words) >= 2 && arabicContext(e) {
			out, ok = addArticle(words), true
		}
		if !ok {
			continue
		}
		s := vigil.Subject{ID: fmt.Sprintf("nz-%s-%s", e.List, e.ID), Kind: e.Kind, Name: strings.Join(out, " ")}
		treatment := kind.name
		if dob := birthDate(e); !dob.IsZero() && h>>40%2 == 0 {
			s.DateOfBirth = dob
			treatment += "+dob"
		}
		return evalset.Case{Subject: s, ExpectedList: e.List, ExpectedID: e.ID, Treatment: treatment}, true
	}
	return evalset.Case{}, false
}

// firstLatin returns the record's primary name when written in Latin
// letters, else its first Latin name, else "".
func firstLatin(e *entity.Entity) string {
	if p := e.PrimaryName(); Script(p) == "Latn" {
		return p
	}
	for _, n := range e.Names {
		if Script(n.Full) == "Latn" {
			return n.Full
		}
	}
	return ""
}

// arabicContext reports whether a record is of an Arabic name: it has a
// name in Arabic script, or a nationality or citizenship of a member of
// the Arab League.
func arabicContext(e *entity.Entity) bool {
	if slices.ContainsFunc(e.Names, func(n entity.Name) bool { return Script(n.Full) == "Arab" }) {
		return true
	}
	for _, c := range slices.Concat(e.Nationalities, e.Citizenships()) {
		if arabLeague[c] {
			return true
		}
	}
	return false
}

var arabLeague = map[string]bool{
	"AE": true, "BH": true, "DZ": true, "DJ": true, "EG": true, "IQ": true, "JO": true, "KM": true, "KW": true, "LB": true, "LY": true,
	"MA": true, "MR": true, "OM": true, "PS": true, "QA": true, "SA": true, "SD": true, "SO": true, "SY": true, "TN": true, "YE": true,
}
