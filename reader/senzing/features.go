package senzing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// apply maps one feature's attributes onto the record. A feature may carry
// several kinds of attribute; each is read independently.
func (r *record) apply(f feature) error {
	a := f.attrs
	e := r.ent
	r.applyName(a)
	for _, d := range []struct {
		key string
		to  *[]entity.Date
	}{{"DATE_OF_BIRTH", &e.BirthDates}, {"DATE_OF_DEATH", &e.EnsureMore().DeathDates}} {
		if v := a[d.key]; v != "" {
			date, err := entity.ParseDate(v)
			if err != nil {
				return fmt.Errorf("%s: %w", d.key, err)
			}
			*d.to = append(*d.to, date)
		}
	}
	if v := a["LAST_CHANGE"]; len(v) >= 10 {
		if date, err := entity.ParseDate(v[:10]); err == nil {
			e.EnsureMore().AmendedOn = append(e.AmendedOn(), date)
		}
	}
	if err := r.applyCountries(a); err != nil {
		return err
	}
	if v := a["PLACE_OF_BIRTH"]; v != "" {
		e.EnsureMore().BirthPlaces = append(e.BirthPlaces(), v)
	}
	if err := r.applyAddress(a); err != nil {
		return err
	}
	if err := r.applyIdentifiers(a); err != nil {
		return err
	}
	r.applyContacts(a)
	r.applyGender(a["GENDER"])
	if v := a["TOPIC"]; v != "" {
		e.EnsureMore().Programs = appendNew(e.Programs(), v)
	}
	if key := a["REL_POINTER_KEY"]; key != "" {
		r.pointers = append(r.pointers, pointer{Role: a["REL_POINTER_ROLE"], Key: key})
	}
	return nil
}

func (r *record) applyName(a map[string]string) {
	n := entity.Name{Full: a["NAME_FULL"], Type: nameType(a["NAME_TYPE"])}
	if n.Full == "" {
		n.Full = a["NAME_ORG"]
	}
	for _, p := range []struct {
		key string
		typ entity.PartType
	}{
		{"NAME_PREFIX", entity.PartTitle}, {"NAME_FIRST", entity.PartGiven}, {"NAME_MIDDLE", entity.PartMiddle},
		{"NAME_LAST", entity.PartFamily}, {"NAME_SUFFIX", entity.PartOther},
	} {
		if v := a[p.key]; v != "" {
			n.Parts = append(n.Parts, entity.NamePart{Type: p.typ, Value: v})
		}
	}
	if n.Full == "" && len(n.Parts) > 0 {
		vals := make([]string, len(n.Parts))
		for i, p := range n.Parts {
			vals[i] = p.Value
		}
		n.Full = strings.Join(vals, " ")
	}
	if n.Full != "" {
		r.ent.Names = append(r.ent.Names, n)
	}
}

func nameType(t string) entity.NameType {
	switch strings.ToUpper(t) {
	case "PRIMARY", "":
		return entity.NamePrimary
	case "FORMER", "FKA":
		return entity.NameFormer
	case "NATIVE", "ORIGINAL":
		return entity.NameOriginalScript
	}
	return entity.NameAlias
}

func (r *record) applyCountries(a map[string]string) error {
	e := r.ent
	for _, c := range []struct {
		key string
		to  *[]string
	}{
		{"NATIONALITY", &e.Nationalities}, {"CITIZENSHIP", &e.EnsureMore().Citizenships},
		{"REGISTRATION_COUNTRY", &e.Countries}, {"COUNTRY_OF_ASSOCIATION", &e.Countries},
		{"COUNTRY", &e.Countries},
	} {
		v := a[c.key]
		if v == "" {
			continue
		}
		code, err := countryCode(v)
		if err != nil {
			return fmt.Errorf("%s: %w", c.key, err)
		}
		*c.to = appendNew(*c.to, code)
	}
	return nil
}

// countryCode upper-cases an ISO 3166-1 alpha-2 code.
func countryCode(v string) (string, error) {
	if len(v) != 2 || !isLetter(v[0]) || !isLetter(v[1]) {
		return "", fmt.Errorf("%q is not an ISO 3166-1 alpha-2 code", v)
	}
	return strings.ToUpper(v), nil
}

func isLetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

func (r *record) applyAddress(a map[string]string) error {
	ad := entity.Address{
		Full:       a["ADDR_FULL"],
		Street:     strings.TrimSpace(strings.Join([]string{a["ADDR_LINE1"], a["ADDR_LINE2"], a["ADDR_LINE3"]}, " ")),
		City:       a["ADDR_CITY"],
		Region:     a["ADDR_STATE"],
		PostalCode: a["ADDR_POSTAL_CODE"],
	}
	if v := a["ADDR_COUNTRY"]; v != "" {
		code, err := countryCode(v)
		if err != nil {
			return fmt.Errorf("ADDR_COUNTRY: %w", err)
		}
		ad.Country = code
	}
	if ad != (entity.Address{}) {
		r.ent.EnsureMore().Addresses = append(r.ent.Addresses(), ad)
	}
	return nil
}

func (r *record) applyIdentifiers(a map[string]string) error {
	e := r.ent
	for _, d := range []struct {
		num, country string
		typ          entity.DocType
	}{
		{"PASSPORT_NUMBER", "PASSPORT_COUNTRY", entity.DocPassport},
		{"NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", entity.DocNationalID},
		{"TAX_ID_NUMBER", "TAX_ID_COUNTRY", entity.DocTaxID},
		{"DRIVERS_LICENSE_NUMBER", "DRIVERS_LICENSE_STATE", entity.DocDriving},
	} {
		num := a[d.num]
		if num == "" {
			continue
		}
		doc := entity.Document{Type: d.typ, Number: num}
		if c := a[d.country]; c != "" {
			if code, err := countryCode(c); err == nil {
				doc.Country = code
			} else {
				doc.Note = c // a state or a country name, kept as written
			}
		}
		e.Documents = append(e.Documents, doc)
	}
	for _, id := range []struct{ typ, num string }{
		{"OTHER_ID_TYPE", "OTHER_ID_NUMBER"}, {"TRUSTED_ID_TYPE", "TRUSTED_ID_NUMBER"},
	} {
		if num := a[id.num]; num != "" {
			scheme := strings.ToLower(a[id.typ])
			if scheme == "" {
				scheme = "other"
			}
			e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: scheme, Value: num})
		}
	}
	for _, key := range []string{"LEI_NUMBER", "DUNS_NUMBER", "NPI_NUMBER", "URL"} {
		if v := a[key]; v != "" {
			scheme := strings.ToLower(strings.TrimSuffix(key, "_NUMBER"))
			e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: scheme, Value: v})
		}
	}
	return nil
}

func (r *record) applyContacts(a map[string]string) {
	e := r.ent
	if v := a["EMAIL_ADDRESS"]; v != "" {
		e.EnsureMore().Emails = appendNew(e.Emails(), v)
	}
	if v := a["PHONE_NUMBER"]; v != "" {
		e.EnsureMore().Phones = appendNew(e.Phones(), v)
	}
	if v := a["WEBSITE_ADDRESS"]; v != "" {
		e.EnsureMore().Websites = appendNew(e.Websites(), v)
	}
}

// applyGender maps M/F; "U" and other values say nothing usable.
func (r *record) applyGender(v string) {
	var g entity.Gender
	switch strings.ToUpper(v) {
	case "M", "MALE":
		g = entity.GenderMale
	case "F", "FEMALE":
		g = entity.GenderFemale
	default:
		return
	}
	if !slices.Contains(r.ent.Genders, g) {
		r.ent.Genders = append(r.ent.Genders, g)
	}
}

func appendNew(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}
