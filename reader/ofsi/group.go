package ofsi

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// groups collects the rows of each Group ID into one record.
type groups struct {
	order []string
	byID  map[string]*group
}

// group is a record being built, with the values already added (to keep
// each distinct value once).
type group struct {
	e       *entity.Entity
	seen    map[string]bool
	remarks []string
}

func newGroups() *groups { return &groups{byID: make(map[string]*group)} }

var kinds = map[string]entity.Kind{
	"individual": entity.KindPerson,
	"entity":     entity.KindOrganization,
	"ship":       entity.KindVessel,
}

// add merges one row into its group.
func (gs *groups) add(r row) error {
	id := r["Group ID"]
	if id == "" {
		return &fieldError{"Group ID", errors.New("empty")}
	}
	kind, ok := kinds[strings.ToLower(r["Group Type"])]
	if !ok {
		return &fieldError{"Group Type", fmt.Errorf("unknown group type %q", r["Group Type"])}
	}
	g := gs.byID[id]
	if g == nil {
		g = &group{e: &entity.Entity{List: List, ID: id, Kind: kind}, seen: make(map[string]bool)}
		gs.byID[id] = g
		gs.order = append(gs.order, id)
	}
	if err := g.addNames(r); err != nil {
		return err
	}
	g.addPersonal(r)
	g.addDocuments(r)
	g.addAddress(r)
	g.addListing(r)
	return nil
}

// once reports whether key is new to the group, and marks it seen.
func (g *group) once(key ...string) bool {
	k := strings.Join(key, "\x00")
	if g.seen[k] {
		return false
	}
	g.seen[k] = true
	return true
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
	full, parts := personName(r, g.e.Kind == entity.KindPerson)
	nonLatin := r["Name Non-Latin Script"]
	if full == "" && nonLatin == "" {
		return &fieldError{"Name 6", errors.New("row has no name")}
	}
	if full != "" {
		typ, ok := nameTypes[strings.ToLower(r["Alias Type"])]
		if !ok {
			typ = entity.NameAlias
		}
		if typ == entity.NameAlias && strings.EqualFold(r["Alias Quality"], "Low quality") {
			typ = entity.NameWeakAlias
		}
		g.addName(entity.Name{Full: full, Type: typ, Parts: parts})
	}
	if nonLatin != "" {
		g.addName(entity.Name{Full: nonLatin, Type: entity.NameOriginalScript, Script: scriptCode(r["Non-Latin Script Type"], nonLatin)})
	}
	if t := r["Title"]; t != "" && g.once("title", t) {
		g.e.Titles = append(g.e.Titles, t)
	}
	return nil
}

// addName adds a name once; a name seen before as an alias becomes primary
// when a row lists it as the primary name.
func (g *group) addName(n entity.Name) {
	for i, old := range g.e.Names {
		if old.Full == n.Full {
			if n.Type == entity.NamePrimary {
				g.e.Names[i].Type = entity.NamePrimary
			}
			return
		}
	}
	g.e.Names = append(g.e.Names, n)
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
	if v := r["DOB"]; v != "" && g.once("dob", v) {
		if d, ok := parseDate(v); ok {
			g.e.BirthDates = append(g.e.BirthDates, d)
		} else {
			g.remarks = append(g.remarks, "DOB: "+v)
		}
	}
	if p := joinNonEmpty(", ", r["Town of Birth"], r["Country of Birth"]); p != "" && g.once("pob", p) {
		g.e.BirthPlaces = append(g.e.BirthPlaces, p)
	}
	for _, v := range splitEnum(r["Nationality"]) {
		if c, ok := country.Code(v); ok && g.once("nat", c) {
			g.e.Nationalities = append(g.e.Nationalities, c)
		}
	}
	for _, v := range splitEnum(r["Position"]) {
		if g.once("pos", v) {
			g.e.Positions = append(g.e.Positions, v)
		}
	}
	if m := genderRe.FindStringSubmatch(r["Other Information"]); m != nil && g.once("gender", m[1]) {
		g.e.Genders = append(g.e.Genders, entity.Gender(strings.ToLower(m[1])))
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
		if g.once("doc", string(typ), d.Number, d.Note) {
			g.e.Documents = append(g.e.Documents, d)
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
		if g.once("country", c) {
			g.e.Countries = append(g.e.Countries, c)
		}
	}
	if full != "" && g.once("addr", full) {
		a.Full = full
		g.e.Addresses = append(g.e.Addresses, a)
	}
}

var refRe = regexp.MustCompile(`\(UK Sanctions List Ref\):\s*([A-Za-z0-9.]+[0-9])`)

func (g *group) addListing(r row) {
	if v := r["Regime"]; v != "" && g.once("regime", v) {
		g.e.Programs = append(g.e.Programs, v)
	}
	for _, col := range []string{"Listed On", "UK Sanctions List Date Designated"} {
		if d, ok := parseDate(r[col]); ok && g.once("listed", d.String()) {
			g.e.ListedOn = append(g.e.ListedOn, d)
		}
	}
	if d, ok := parseDate(r["Last Updated"]); ok && g.once("amended", d.String()) {
		g.e.AmendedOn = append(g.e.AmendedOn, d)
	}
	info := r["Other Information"]
	if info != "" && g.once("info", info) {
		g.remarks = append(g.remarks, info)
	}
	if m := refRe.FindStringSubmatch(info); m != nil && g.once("ref", m[1]) {
		g.e.OtherIDs = append(g.e.OtherIDs, entity.Identifier{Scheme: "uk_sanctions_list_ref", Value: m[1]})
	}
}

// finish returns the group's record. It keeps one primary name: the
// first row typed as primary; further distinct primary names become
// aliases, and a group with none gets its first Latin-script name.
func (gs *groups) finish(id string) *entity.Entity {
	g := gs.byID[id]
	e := g.e
	e.Remarks = strings.Join(g.remarks, "\n")
	primary := -1
	for i, n := range e.Names {
		switch {
		case n.Type == entity.NamePrimary && primary < 0:
			primary = i
		case n.Type == entity.NamePrimary:
			e.Names[i].Type = entity.NameAlias
		}
	}
	for i := range e.Names {
		if primary < 0 && e.Names[i].Type != entity.NameOriginalScript {
			e.Names[i].Type = entity.NamePrimary
			primary = i
		}
	}
	if e.Kind == entity.KindVessel {
		e.Vessel = shipDetails(e.Remarks)
	}
	return e
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
