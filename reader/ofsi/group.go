package ofsi

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/merge"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// groups collects the rows of each Group ID into one record.
type groups struct{ *merge.Set }

// group is a record being built, with the values already added (to keep
// each distinct value once).
type group struct{ *merge.Record }

func newGroups() *groups { return &groups{merge.NewSet()} }

var kinds = map[string]entity.Kind{
	"individual": entity.KindPerson,
	"entity":     entity.KindOrganization,
	"ship":       entity.KindVessel,
}

// add merges one row into its group.
func (gs *groups) add(r row) error {
	id := r["Group ID"]
	if id == "" {
		return &rowmap.FieldError{Field: "Group ID", Err: errors.New("empty")}
	}
	kind, ok := kinds[strings.ToLower(r["Group Type"])]
	if !ok {
		return &rowmap.FieldError{Field: "Group Type", Err: fmt.Errorf("unknown group type %q", r["Group Type"])}
	}
	g := group{gs.Record(List, id, kind)}
	if err := g.addNames(r); err != nil {
		return err
	}
	g.addPersonal(r)
	g.addDocuments(r)
	g.addAddress(r)
	g.addListing(r)
	return nil
}

// nameTypes maps the Alias Type column to name types.
var nameTypes = map[string]entity.NameType{
	"primary name":           entity.NamePrimary,
	"prime alias":            entity.NamePrimary,
	"primary name variation": entity.NameAlias,
	"aka":                    entity.NameAlias,
	"fka":                    entity.NameFormer,
}

func (g *group) addNames(r row) error {
	full, parts := personName(r, g.Entity.Kind == entity.KindPerson)
	nonLatin := r["Name Non-Latin Script"]
	if full == "" && nonLatin == "" {
		return &rowmap.FieldError{Field: "Name 6", Err: errors.New("row has no name")}
	}
	if full != "" {
		typ, ok := nameTypes[strings.ToLower(r["Alias Type"])]
		if !ok {
			typ = entity.NameAlias
		}
		if typ == entity.NameAlias && strings.EqualFold(r["Alias Quality"], "Low quality") {
			typ = entity.NameWeakAlias
		}
		g.AddName(entity.Name{Full: full, Type: typ, Parts: parts})
	}
	if nonLatin != "" {
		g.AddName(entity.Name{Full: nonLatin, Type: entity.NameOriginalScript, Script: scriptCode(r["Non-Latin Script Type"], nonLatin)})
	}
	if t := r["Title"]; t != "" && g.Once("title", t) {
		g.Entity.EnsureMore().Titles = append(g.Entity.Titles(), t)
	}
	return nil
}

// personName joins Name 1..5 and Name 6 (the family name) into the full
// name, with parts for individuals.
func personName(r row, person bool) (string, []entity.NamePart) {
	var words []string
	var parts []entity.NamePart
	for i, col := range []string{"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"} {
		v := r[col]
		if v == "" {
			continue
		}
		words = append(words, v)
		typ := entity.PartMiddle
		switch i {
		case 0:
			typ = entity.PartGiven
		case 5:
			typ = entity.PartFamily
		}
		parts = append(parts, entity.NamePart{Type: typ, Value: v})
	}
	if !person {
		parts = nil
	}
	return strings.Join(words, " "), parts
}

var scripts = map[string]string{
	"cyrillic": "Cyrl", "cryillic": "Cyrl", "cyrilic": "Cyrl", "russian": "Cyrl",
	"arabic": "Arab", "persian": "Arab", "chinese": "Hani", "georgian": "Geor",
	"hebrew": "Hebr", "hangul": "Hang", "korean": "Hang", "thai": "Thai",
	"greek": "Grek", "burmese": "Mymr",
}

// scriptCode maps the "Non-Latin Script Type" column to ISO 15924, or
// when that is empty or unknown, the script of the name's first letter.
func scriptCode(typ, name string) string {
	if c, ok := scripts[strings.ToLower(strings.TrimSpace(typ))]; ok {
		return c
	}
	for _, r := range name {
		for code, table := range scriptTables {
			if unicode.Is(table, r) {
				return code
			}
		}
	}
	return ""
}

var scriptTables = map[string]*unicode.RangeTable{
	"Cyrl": unicode.Cyrillic, "Arab": unicode.Arabic, "Hani": unicode.Han,
	"Geor": unicode.Georgian, "Hebr": unicode.Hebrew, "Hang": unicode.Hangul,
	"Thai": unicode.Thai, "Grek": unicode.Greek, "Mymr": unicode.Myanmar,
}

var genderRe = regexp.MustCompile(`\(Gender\):\s*(Male|Female)`)

func (g *group) addPersonal(r row) {
	if v := r["DOB"]; v != "" && g.Once("dob", v) {
		if d, ok := parseDate(v); ok {
			g.Entity.BirthDates = append(g.Entity.BirthDates, d)
		} else {
			g.Remarks = append(g.Remarks, "DOB: "+v)
		}
	}
	if p := joinNonEmpty(", ", r["Town of Birth"], r["Country of Birth"]); p != "" && g.Once("pob", p) {
		g.Entity.EnsureMore().BirthPlaces = append(g.Entity.BirthPlaces(), p)
	}
	for _, v := range splitEnum(r["Nationality"]) {
		if c, ok := country.Code(v); ok && g.Once("nat", c) {
			g.Entity.Nationalities = append(g.Entity.Nationalities, c)
		}
	}
	for _, v := range splitEnum(r["Position"]) {
		if g.Once("pos", v) {
			g.Entity.EnsureMore().Positions = append(g.Entity.Positions(), v)
		}
	}
	if m := genderRe.FindStringSubmatch(r["Other Information"]); m != nil && g.Once("gender", m[1]) {
		g.Entity.Genders = append(g.Entity.Genders, entity.Gender(strings.ToLower(m[1])))
	}
}

func (g *group) addDocuments(r row) {
	g.addDocs(entity.DocPassport, r["Passport Number"], r["Passport Details"])
	g.addDocs(entity.DocNationalID, r["National Identification Number"], r["National Identification Details"])
	g.addDocs(entity.DocNationalID, r["NI Number"], "")
}

// addDocs adds documents from a number column and a details column, both
// possibly enumerated ("(1) 223611 (2) C00146605"). With no number column
// (the 2018 CSV) the details text is the number as listed.
func (g *group) addDocs(typ entity.DocType, numbers, details string) {
	nums, notes := splitEnum(numbers), splitEnum(details)
	if len(nums) == 0 {
		nums, notes = notes, nil
	}
	for i, n := range nums {
		d := entity.Document{Type: typ, Number: n}
		switch {
		case len(notes) == len(nums):
			d.Note = notes[i]
		case len(notes) > 0:
			d.Note = details
		}
		if g.Once("doc", string(typ), d.Number, d.Note) {
			g.Entity.Documents = append(g.Entity.Documents, d)
		}
	}
}

func (g *group) addAddress(r row) {
	lines := []string{r["Address 1"], r["Address 2"], r["Address 3"], r["Address 4"], r["Address 5"], r["Address 6"]}
	street := joinNonEmpty(", ", lines...)
	a := entity.Address{Street: street, PostalCode: r["Post/Zip Code"]}
	full := joinNonEmpty(", ", street, a.PostalCode, r["Country"])
	if c, ok := country.Code(r["Country"]); ok {
		a.Country = c
		if g.Once("country", c) {
			g.Entity.Countries = append(g.Entity.Countries, c)
		}
	}
	if full != "" && g.Once("addr", full) {
		a.Full = full
		g.Entity.EnsureMore().Addresses = append(g.Entity.Addresses(), a)
	}
}

var refRe = regexp.MustCompile(`\(UK Sanctions List Ref\):\s*([A-Za-z0-9.]+[0-9])`)

func (g *group) addListing(r row) {
	if v := r["Regime"]; v != "" && g.Once("regime", v) {
		g.Entity.EnsureMore().Programs = append(g.Entity.Programs(), v)
	}
	for _, col := range []string{"Listed On", "UK Sanctions List Date Designated"} {
		if d, ok := parseDate(r[col]); ok && g.Once("listed", d.String()) {
			g.Entity.EnsureMore().ListedOn = append(g.Entity.ListedOn(), d)
		}
	}
	if d, ok := parseDate(r["Last Updated"]); ok && g.Once("amended", d.String()) {
		g.Entity.EnsureMore().AmendedOn = append(g.Entity.AmendedOn(), d)
	}
	info := r["Other Information"]
	if info != "" && g.Once("info", info) {
		g.Remarks = append(g.Remarks, info)
	}
	if m := refRe.FindStringSubmatch(info); m != nil && g.Once("ref", m[1]) {
		g.Entity.EnsureMore().OtherIDs = append(g.Entity.OtherIDs(), entity.Identifier{Scheme: "uk_sanctions_list_ref", Value: m[1]})
	}
}

// addVessel gives a ship its IMO number, type, tonnage, flag and owner
// from the labels of its remarks (Other Information).
func addVessel(e *entity.Entity) {
	if e.Kind == entity.KindVessel {
		e.Vessel = shipDetails(e.Remarks())
	}
}

var (
	imoRe      = regexp.MustCompile(`\(IMO number\):\s*(\d{7})`)
	shipTypeRe = regexp.MustCompile(`\(Type of ship\):\s*([^(]+)`)
	tonnageRe  = regexp.MustCompile(`\(Tonnage of ship\):\s*([^(]+)`)
	flagRe     = regexp.MustCompile(`\(Flag of ship\):\s*([^(]+)`)
	ownerRe    = regexp.MustCompile(`\(Current owners\):\s*([^(]+)`)
)

// shipDetails takes a ship's IMO number, type, tonnage, flag and owner
// from the "(IMO number):..." labels of its Other Information.
func shipDetails(info string) *entity.Vessel {
	find := func(re *regexp.Regexp) string {
		if m := re.FindStringSubmatch(info); m != nil {
			return strings.TrimSpace(m[1])
		}
		return ""
	}
	v := &entity.Vessel{IMO: find(imoRe), Type: find(shipTypeRe), Tonnage: find(tonnageRe),
		Flag: find(flagRe), Owner: find(ownerRe)}
	if c, ok := country.Code(v.Flag); ok {
		v.Flag = c
	}
	return v
}

func joinNonEmpty(sep string, vals ...string) string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, sep)
}
