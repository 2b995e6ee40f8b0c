package ofac

import (
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/loosedate"
)

// ParseRemarks parses OFAC remarks into e's structured fields. Remarks are
// items separated by ";" and ended by "."; an item may start with "alt."
// to give a further value of the same kind. Items it does not recognise
// are left alone: the caller keeps the whole text in e.Remarks.
// It never fails: a remark it cannot read adds nothing.
func ParseRemarks(e *entity.Entity, text string) {
	text = strings.TrimSuffix(strings.TrimSpace(text), ".")
	for _, item := range strings.Split(text, ";") {
		item = strings.TrimSpace(item)
		item = strings.TrimSpace(strings.TrimPrefix(item, "alt. "))
		if item != "" {
			parseItem(e, item)
		}
	}
}

// itemParsers handle the items that start with a fixed label, in order;
// the label is followed by a space or a colon. Documents come after them.
var itemParsers = []struct {
	label string
	parse func(e *entity.Entity, value string)
}{
	{"DOB", addBirthDate},
	{"POB", func(e *entity.Entity, v string) { e.EnsureMore().BirthPlaces = appendUnique(e.BirthPlaces(), v) }},
	{"nationality", func(e *entity.Entity, v string) { e.Nationalities = appendCountry(e.Nationalities, v) }},
	{"citizen", func(e *entity.Entity, v string) { e.EnsureMore().Citizenships = appendCountry(e.Citizenships(), v) }},
	{"Gender", addGender},
	{"a.k.a.", func(e *entity.Entity, v string) { addQuotedName(e, v, entity.NameWeakAlias) }},
	{"f.k.a.", func(e *entity.Entity, v string) { addQuotedName(e, v, entity.NameFormer) }},
	{"n.k.a.", func(e *entity.Entity, v string) { addQuotedName(e, v, entity.NameAlias) }},
	{"Linked To", addLink},
	{"Email Address", func(e *entity.Entity, v string) { e.EnsureMore().Emails = appendUnique(e.Emails(), v) }},
	{"Website", func(e *entity.Entity, v string) { e.EnsureMore().Websites = appendUnique(e.Websites(), v) }},
	{"Phone Number", func(e *entity.Entity, v string) { e.EnsureMore().Phones = appendUnique(e.Phones(), v) }},
	{"Telephone Number", func(e *entity.Entity, v string) { e.EnsureMore().Phones = appendUnique(e.Phones(), v) }},
	{"Telephone", func(e *entity.Entity, v string) { e.EnsureMore().Phones = appendUnique(e.Phones(), v) }},
	{"Digital Currency Address", addCrypto},
	{"Vessel Registration Identification", func(e *entity.Entity, v string) { setIMO(e, v) }},
	{"MMSI", func(e *entity.Entity, v string) { vessel(e).MMSI = v }},
	{"Aircraft Tail Number", func(e *entity.Entity, v string) { aircraft(e).TailNumber = v }},
	{"Aircraft Model", func(e *entity.Entity, v string) { aircraft(e).Model = v }},
	{"Aircraft Manufacturer's Serial Number (MSN)", func(e *entity.Entity, v string) { aircraft(e).SerialNumber = v }},
	{"Aircraft Operator", func(e *entity.Entity, v string) { aircraft(e).Operator = v }},
}

// parseItem parses one remark item.
func parseItem(e *entity.Entity, item string) {
	for _, p := range itemParsers {
		if v, ok := cutLabel(item, p.label); ok {
			if v != "" {
				p.parse(e, v)
			}
			return
		}
	}
	addDocument(e, item)
}

// cutLabel returns the value after label when item starts with label
// followed by a space or colon (or nothing).
func cutLabel(item, label string) (string, bool) {
	rest, ok := strings.CutPrefix(item, label)
	if !ok {
		return "", false
	}
	if rest != "" && rest[0] != ' ' && rest[0] != ':' {
		return "", false
	}
	rest = strings.TrimPrefix(strings.TrimSpace(rest), ":")
	return strings.TrimSpace(rest), true
}

func appendCountry(list []string, name string) []string {
	if code, ok := country.Code(name); ok {
		return appendUnique(list, code)
	}
	return list
}

func addGender(e *entity.Entity, v string) {
	var g entity.Gender
	switch strings.ToLower(v) {
	case "male":
		g = entity.GenderMale
	case "female":
		g = entity.GenderFemale
	default:
		return
	}
	for _, x := range e.Genders {
		if x == g {
			return
		}
	}
	e.Genders = append(e.Genders, g)
}

func addBirthDate(e *entity.Entity, v string) {
	if d, err := loosedate.Parse(v); err == nil {
		e.BirthDates = append(e.BirthDates, d)
	}
}

// addQuotedName adds a name given in quotes: a.k.a. 'BELYY'. A quote may
// be missing where OFAC cut the remarks short.
func addQuotedName(e *entity.Entity, v string, typ entity.NameType) {
	v = strings.TrimSpace(strings.Trim(v, "'"))
	if v != "" {
		e.Names = append(e.Names, personName(e.Kind, v, typ))
	}
}

// addCrypto parses "- XBT 1Abc...": a currency code and an address.
func addCrypto(e *entity.Entity, v string) {
	v = strings.TrimSpace(strings.TrimPrefix(v, "-"))
	cur, addr, ok := strings.Cut(v, " ")
	addr = strings.TrimSpace(addr)
	if !ok || cur == "" || addr == "" || strings.Contains(addr, " ") {
		return
	}
	e.EnsureMore().Crypto = append(e.Crypto(), entity.CryptoAddress{Currency: cur, Address: addr})
}

// addLink records a "Linked To:" relationship; resolveLinks fills TargetID.
func addLink(e *entity.Entity, v string) {
	e.EnsureMore().Relations = append(e.Relations(), entity.Relation{
		Type:       entity.RelLinkedTo,
		TargetName: v,
		Outgoing:   true,
		Source:     e.List + " remarks",
	})
}

// setIMO records "IMO 1234567" as the vessel's IMO number.
func setIMO(e *entity.Entity, v string) {
	if num, ok := cutLabel(v, "IMO"); ok && num != "" {
		vessel(e).IMO = num
	}
}

// vessel returns e.Vessel, creating it when needed.
func vessel(e *entity.Entity) *entity.Vessel {
	if e.Vessel == nil {
		e.Vessel = &entity.Vessel{}
	}
	return e.Vessel
}

// aircraft returns e.Aircraft, creating it when needed.
func aircraft(e *entity.Entity) *entity.Aircraft {
	if e.Aircraft() == nil {
		e.EnsureMore().Aircraft = &entity.Aircraft{}
	}
	return e.Aircraft()
}
