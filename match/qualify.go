package match

import (
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/names"
)

// Attrs are the attributes of a query beyond its name. Empty fields are
// unknown and say nothing.
type Attrs struct {
	BirthDate  entity.Date
	Gender     entity.Gender
	Countries  []string // ISO alpha-2 codes of nationality and country
	BirthPlace string   // folded
	Documents  []entity.Document
	Crypto     []string
	IMO        string
}

// Verdicts of a qualifier.
const (
	Agree      = "agree"
	Contradict = "contradict"
	Missing    = "missing"
)

// Qualifier is one compared attribute and its signed effect on the score.
type Qualifier struct {
	Attribute string
	Query     string
	Listed    string
	Verdict   string
	Effect    float64
	Detail    string
}

// Effects. Agreement adds a little, contradiction takes away more; a far
// birth date or a different document of the same kind sinks a hit.
const (
	// MinNameForBoost is the name score below which agreeing identifying
	// attributes (birth date, documents, crypto addresses, IMO numbers)
	// add nothing: no attribute raises a score on its own.
	MinNameForBoost = 0.7
	// MinNameForGroupBoost is the name score below which agreeing group
	// attributes — nationality, place of birth, gender, which many people
	// share — add nothing. It is the default alert threshold: such
	// attributes may confirm a name that alerts on its own, or contradict
	// it, but never lift a name into an alert.
	MinNameForGroupBoost = 0.8
	// MaxBoost caps what agreeing attributes add together.
	MaxBoost = 0.15
	// IdentifierScore is the least score of a hit whose document number,
	// IMO number or crypto address is the query's: such an agreement is
	// near-conclusive whatever the names say, so it alerts.
	IdentifierScore = 0.95
)

// bestOf compares one attribute with every record of a group and returns
// the most telling outcome: an agreement, else a contradiction, else
// missing; among equals, the larger effect (the milder contradiction).
func bestOf(group []*entity.Entity, refs []string, f func(e *entity.Entity) Qualifier) Qualifier {
	rank := func(v string) int {
		switch v {
		case Agree:
			return 3
		case Contradict:
			return 2
		case Missing:
			return 1
		}
		return 0
	}
	var best Qualifier
	from := -1
	for i, e := range group {
		q := f(e)
		if from < 0 || rank(q.Verdict) > rank(best.Verdict) || rank(q.Verdict) == rank(best.Verdict) && q.Effect > best.Effect {
			best, from = q, i
		}
	}
	if len(group) > 1 && from < len(refs) && best.Verdict != "" {
		if best.Detail != "" {
			best.Detail += "; "
		}
		best.Detail += "from " + refs[from]
	}
	return best
}

// identifier reports whether an agreeing q is an identifier agreement.
func identifier(q Qualifier) bool {
	return q.Verdict == Agree && q.Effect > 0 && !groupAttribute[q.Attribute] && q.Attribute != "date_of_birth"
}

// Qualify compares the attributes of a query with a listed record and
// returns the total effect on the score and, when out is not nil, the
// qualifiers appended to it.
func Qualify(a *Attrs, e *entity.Entity, nameScore float64, out []Qualifier) (float64, []Qualifier) {
	return QualifyGroup(a, []*entity.Entity{e}, nil, nameScore, out)
}

// QualifyGroup compares the attributes of a query with a group of records
// that are one identity on several lists (the first is the hit's own).
// Each attribute is compared with every record and the most telling
// outcome kept: an agreement, else a contradiction, else missing. When
// the group has more than one record, each qualifier's Detail names the
// record that supplied it (refs[i] for group[i]).
func QualifyGroup(a *Attrs, group []*entity.Entity, refs []string, nameScore float64, out []Qualifier) (float64, []Qualifier) {
	var plus, minus float64
	strong := -1 // index in out of the first identifier agreement, or len(out) when out is nil
	add := func(q Qualifier) {
		if q.Verdict == "" {
			return
		}
		if identifier(q) && strong < 0 {
			strong = len(out)
		}
		if q.Effect > 0 && identifier(q) {
			q.Effect = min(q.Effect, MaxBoost-plus)
			plus += q.Effect
		} else if q.Effect > 0 {
			floor := MinNameForBoost
			if groupAttribute[q.Attribute] {
				floor = MinNameForGroupBoost
			}
			if nameScore < floor {
				q.Effect = 0
				q.Detail += " (name too weak to count)"
			}
			q.Effect = min(q.Effect, MaxBoost-plus)
			plus += q.Effect
		} else {
			minus += q.Effect
		}
		if out != nil {
			out = append(out, q)
		}
	}
	pick := func(f func(e *entity.Entity) Qualifier) {
		add(bestOf(group, refs, f))
	}
	pick(func(e *entity.Entity) Qualifier { return qualifyBirthDate(a.BirthDate, e.BirthDates) })
	pick(func(e *entity.Entity) Qualifier { return qualifyGender(a.Gender, e.Genders) })
	pick(func(e *entity.Entity) Qualifier { return qualifyCountry(a.Countries, e) })
	pick(func(e *entity.Entity) Qualifier { return qualifyBirthPlace(a.BirthPlace, e.BirthPlaces()) })
	var missing []Qualifier
	for _, d := range a.Documents {
		q := bestOf(group, refs, func(e *entity.Entity) Qualifier { return qualifyDocument(d, e.Documents) })
		if q.Verdict == Missing {
			missing = append(missing, q)
			continue
		}
		add(q)
	}
	add(collapseMissing("documents", "documents", missing))
	missing = missing[:0]
	for _, c := range a.Crypto {
		q := bestOf(group, refs, func(e *entity.Entity) Qualifier { return qualifyCrypto(c, e.Crypto()) })
		if q.Verdict == Missing {
			missing = append(missing, q)
			continue
		}
		add(q)
	}
	add(collapseMissing("crypto", "crypto addresses", missing))
	if a.IMO != "" {
		pick(func(e *entity.Entity) Qualifier { return qualifyIMO(a.IMO, e.Vessel) })
	}
	if short := IdentifierScore - (nameScore + plus + minus); strong >= 0 && short > 0 {
		// An identifier agreement lifts the hit to IdentifierScore.
		plus += short
		if out != nil {
			out[strong].Effect += short
			out[strong].Detail += "; an agreeing identifier is near-conclusive: score raised to at least 0.95"
		}
	}
	return plus + minus, out
}

func qualifyGender(q entity.Gender, listed []entity.Gender) Qualifier {
	if q == "" {
		return Qualifier{}
	}
	if len(listed) == 0 {
		return Qualifier{Attribute: "gender", Query: string(q), Verdict: Missing}
	}
	for _, g := range listed {
		if g == q {
			return Qualifier{Attribute: "gender", Query: string(q), Listed: string(g), Verdict: Agree, Effect: 0.01}
		}
	}
	return Qualifier{Attribute: "gender", Query: string(q), Listed: string(listed[0]), Verdict: Contradict, Effect: -0.12}
}

// groupAttribute marks the attributes many unrelated people share. They
// qualify an identity only weakly and never lift a name into an alert
// (see MinNameForGroupBoost).
var groupAttribute = map[string]bool{"nationality": true, "country": true, "place_of_birth": true, "gender": true}

// qualifyCountry compares the query's countries with the record's
// nationalities and citizenships. A country the record has only as an
// address or registration country is reported but has no effect:
// residence says little about identity, and people live abroad.
func qualifyCountry(q []string, e *entity.Entity) Qualifier {
	if len(q) == 0 {
		return Qualifier{}
	}
	nationals := make([]string, 0, len(e.Nationalities)+len(e.Citizenships()))
	nationals = append(append(nationals, e.Nationalities...), e.Citizenships()...)
	qs := strings.Join(q, ",")
	if l, ok := firstCommon(q, nationals); ok {
		return Qualifier{Attribute: "nationality", Query: qs, Listed: l, Verdict: Agree, Effect: 0.02}
	}
	if l, ok := firstCommon(q, e.Countries); ok {
		return Qualifier{Attribute: "country", Query: qs, Listed: l, Verdict: Agree, Detail: "an address or registration country of the record: no effect"}
	}
	if len(nationals) == 0 {
		return Qualifier{Attribute: "nationality", Query: qs, Verdict: Missing}
	}
	// Nationality qualifies identity only and weakly: people hold several.
	return Qualifier{Attribute: "nationality", Query: qs, Listed: strings.Join(nationals, ","), Verdict: Contradict, Effect: -0.03}
}

// firstCommon returns the first of listed that equals one of q.
func firstCommon(q, listed []string) (string, bool) {
	for _, c := range q {
		for _, l := range listed {
			if strings.EqualFold(c, l) {
				return l, true
			}
		}
	}
	return "", false
}

func qualifyBirthPlace(q string, listed []string) Qualifier {
	if q == "" {
		return Qualifier{}
	}
	if len(listed) == 0 {
		return Qualifier{Attribute: "place_of_birth", Query: q, Verdict: Missing}
	}
	for _, l := range listed {
		fl := names.Fold(l)
		if strings.Contains(fl, q) || strings.Contains(q, fl) {
			return Qualifier{Attribute: "place_of_birth", Query: q, Listed: l, Verdict: Agree, Effect: 0.02}
		}
	}
	// Places are free text ("Giza, Egypt" vs "Cairo"): a mismatch is weak.
	return Qualifier{Attribute: "place_of_birth", Query: q, Listed: listed[0], Verdict: Contradict, Effect: -0.02}
}

func qualifyDocument(q entity.Document, listed []entity.Document) Qualifier {
	qn := normDoc(q.Number)
	if qn == "" {
		return Qualifier{}
	}
	attr := string(q.Type)
	if attr == "" {
		attr = "document"
	}
	if len(listed) == 0 {
		return Qualifier{Attribute: attr, Query: q.Number, Verdict: Missing}
	}
	var conflict *entity.Document
	for i, l := range listed {
		if normDoc(l.Number) == qn && sameWhereGiven(docType(q.Type), docType(l.Type)) && sameWhereGiven(q.Country, l.Country) {
			return Qualifier{Attribute: attr, Query: q.Number, Listed: l.Number, Verdict: Agree, Effect: 0.15,
				Detail: attr + " " + l.Number + " agrees"}
		}
		if q.Type != "" && l.Type == q.Type && q.Country != "" && strings.EqualFold(l.Country, q.Country) {
			conflict = &listed[i]
		}
	}
	if conflict != nil {
		return Qualifier{Attribute: attr, Query: q.Number, Listed: conflict.Number, Verdict: Contradict, Effect: -0.2,
			Detail: "different number of the same document type and issuing country"}
	}
	return Qualifier{Attribute: attr, Query: q.Number, Verdict: Missing}
}

// docType is a document type for comparison: "other" says no more than
// no type.
func docType(t entity.DocType) string {
	if t == entity.DocOther {
		return ""
	}
	return string(t)
}

// sameWhereGiven reports whether a and b agree, or one of them is not given.
func sameWhereGiven(a, b string) bool {
	return a == "" || b == "" || strings.EqualFold(a, b)
}

// DocKey is the form in which document numbers are compared: letters and
// digits only, upper-cased.
func DocKey(number string) string { return normDoc(number) }

// IMOKey is the form in which IMO numbers are compared.
func IMOKey(imo string) string {
	return normDoc(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(imo)), "IMO"))
}

// normDoc keeps the letters and digits of a document number, upper-cased.
func normDoc(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func qualifyCrypto(q string, listed []entity.CryptoAddress) Qualifier {
	q = strings.TrimSpace(q)
	if q == "" {
		return Qualifier{}
	}
	for _, l := range listed {
		if l.Address == q {
			return Qualifier{Attribute: "crypto", Query: q, Listed: l.Address, Verdict: Agree, Effect: 0.15, Detail: l.Currency + " address agrees"}
		}
	}
	return Qualifier{Attribute: "crypto", Query: q, Verdict: Missing}
}

func qualifyIMO(q string, v *entity.Vessel) Qualifier {
	qn := IMOKey(q)
	if v == nil || v.IMO == "" {
		return Qualifier{Attribute: "imo", Query: q, Verdict: Missing}
	}
	if IMOKey(v.IMO) == qn {
		return Qualifier{Attribute: "imo", Query: q, Listed: v.IMO, Verdict: Agree, Effect: 0.15, Detail: "IMO " + qn + " agrees"}
	}
	return Qualifier{Attribute: "imo", Query: q, Listed: v.IMO, Verdict: Contradict, Effect: -0.3, Detail: "different IMO number"}
}

// Identity says what a record's attributes tell of a subject whose full
// date of birth and nationality are known (as from a travel document).
type Identity uint8

// Identities.
const (
	// IdentityOpen: the subject's date of birth or nationality is not
	// fully known, or the record agrees with one of them.
	IdentityOpen Identity = iota
	// IdentityUnconfirmed: the record confirms neither: its dates and
	// nationalities are absent, or one of them contradicts.
	IdentityUnconfirmed
	// IdentityContradicted: the record's dates of birth and its
	// nationalities both contradict the subject's.
	IdentityContradicted
)

// CheckIdentity compares a subject's full date of birth and nationality
// with a group of records that are one identity. A date agrees when
// some listed date is compatible with it (see birthDateConflict); a
// nationality when the subject's countries include one of a record's
// nationalities, citizenships or countries.
func CheckIdentity(a *Attrs, group []*entity.Entity) Identity {
	if !fullDate(a.BirthDate) || len(a.Countries) == 0 {
		return IdentityOpen
	}
	dates, dateConflict, nats := 0, true, 0
	for _, e := range group {
		dates += len(e.BirthDates)
		if len(e.BirthDates) > 0 && !birthDateConflict(a.BirthDate, e.BirthDates) {
			dateConflict = false
		}
		nats += len(e.Nationalities) + len(e.Citizenships())
		for _, list := range [][]string{e.Nationalities, e.Citizenships(), e.Countries} {
			if _, ok := firstCommon(a.Countries, list); ok {
				return IdentityOpen
			}
		}
	}
	switch {
	case dates > 0 && !dateConflict:
		return IdentityOpen
	case dates > 0 && nats > 0: // no nationality agreed
		return IdentityContradicted
	}
	return IdentityUnconfirmed
}

// collapseMissing reports the identifiers of a query that the record
// neither has nor contradicts once per hit: the one qualifier as it is
// when there is one, else a single qualifier counting them. The query's
// identifiers are in the screening's subject already; repeating each in
// every hit's explanation made a query with many documents cost the
// documents times the hits (docs/security.md).
func collapseMissing(attribute, plural string, missing []Qualifier) Qualifier {
	switch len(missing) {
	case 0:
		return Qualifier{}
	case 1:
		return missing[0]
	}
	return Qualifier{Attribute: attribute, Query: fmt.Sprintf("%d given", len(missing)), Verdict: Missing,
		Detail: fmt.Sprintf("the record neither has nor contradicts any of the %d %s given", len(missing), plural)}
}
