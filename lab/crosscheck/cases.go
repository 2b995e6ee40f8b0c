package crosscheck

import (
	"fmt"
	"hash/fnv"
	"slices"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/lab/evalset"
)

// ScriptLists are the lists whose original-script names are screened.
var ScriptLists = []string{"un_sc", "gb_hmt_ofsi", "au_dfat"}

// NoiseLists are the lists whose Latin names are screened with noise.
var NoiseLists = []string{"un_sc", "gb_hmt_ofsi", "au_dfat", "us_csl", "ca_sema"}

// StripScripts returns copies of the records with every name not written
// in Latin letters removed, so that a name in its original script can
// only be found through the record's Latin names. Records left with no
// name are dropped.
func StripScripts(ents []*entity.Entity) []*entity.Entity {
	out := make([]*entity.Entity, 0, len(ents))
	for _, e := range ents {
		var kept []entity.Name
		for _, n := range e.Names {
			if !NonLatin(n.Full) {
				kept = append(kept, n)
			}
		}
		if len(kept) == 0 {
			continue
		}
		c := *e
		c.Names = kept
		out = append(out, &c)
	}
	return out
}

// ScriptCases returns one case per distinct non-Latin name of each
// person or organisation record of the given lists that also has a Latin
// name: the query is the original-script name alone, the record's kind
// is given, and the record is expected. The treatment is "<script>
// <list>", e.g. "Cyrl gb_hmt_ofsi".
func ScriptCases(ents []*entity.Entity, lists []string) []evalset.Case {
	var out []evalset.Case
	for _, e := range ents {
		if !slices.Contains(lists, e.List) || !screenable(e.Kind) || !hasLatin(e) {
			continue
		}
		seen := map[string]bool{}
		for _, n := range e.Names {
			if !NonLatin(n.Full) || seen[n.Full] {
				continue
			}
			seen[n.Full] = true
			out = append(out, evalset.Case{
				Subject:      vigil.Subject{ID: fmt.Sprintf("sc-%s-%s-%d", e.List, e.ID, len(seen)), Kind: e.Kind, Name: n.Full},
				ExpectedList: e.List, ExpectedID: e.ID,
				Treatment: Script(n.Full) + " " + e.List,
			})
		}
	}
	return out
}

func screenable(k entity.Kind) bool { return k == entity.KindPerson || k == entity.KindOrganization }

func hasLatin(e *entity.Entity) bool {
	return slices.ContainsFunc(e.Names, func(n entity.Name) bool { return Script(n.Full) == "Latn" })
}

// birthDate returns the record's first exact or partial (not range)
// birth date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", or "".
func birthDate(e *entity.Entity) entity.Date {
	for _, d := range e.BirthDates {
		if d.IsRange() || d.Year == 0 {
			continue
		}
		switch {
		case d.Day > 0 && d.Month > 0:
			return entity.Date{Year: d.Year, Month: d.Month, Day: d.Day}
		case d.Month > 0:
			return entity.Date{Year: d.Year, Month: d.Month}
		}
		return entity.Date{Year: d.Year}
	}
	return entity.Date{}
}

// hash64 is a stable hash of the strings, for deterministic choices.
func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}
