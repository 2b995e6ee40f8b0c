package ofac

import (
	"context"
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
)

// maxIDLen bounds ent_num; real ones have at most 5 digits.
const maxIDLen = 18

// parsePrimary reads sdn.csv or cons_prim.csv into records.
func parsePrimary(ctx context.Context, in Input, list string) (*records, error) {
	rows, err := readRows(ctx, in.R, in.Name, primaryCols)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, reader.Errorf(in.Name, 0, "empty file: no records")
	}
	rs := &records{byID: make(map[string]*entity.Entity, len(rows))}
	for _, r := range rows {
		e, err := primaryEntity(in.Name, list, r)
		if err != nil {
			return nil, err
		}
		if _, dup := rs.byID[e.ID]; dup {
			return nil, &reader.ParseError{File: in.Name, Line: r.line, Record: e.ID, Field: "ent_num",
				Err: fmt.Errorf("duplicate ent_num")}
		}
		rs.byID[e.ID] = e
		rs.list = append(rs.list, e)
	}
	return rs, nil
}

// primaryEntity builds the entity of one primary row, without parsing its remarks.
func primaryEntity(name, list string, r row) (*entity.Entity, error) {
	f := r.fields
	id := f[0]
	if !isID(id) {
		return nil, &reader.ParseError{File: name, Line: r.line, Field: "ent_num",
			Err: fmt.Errorf("ent_num %q is not a number", truncate(id))}
	}
	if f[1] == "" {
		return nil, &reader.ParseError{File: name, Line: r.line, Record: id, Field: "SDN_Name", Err: fmt.Errorf("empty name")}
	}
	e := &entity.Entity{List: list, ID: id, Kind: kindOf(f[2]), More: &entity.More{Remarks: f[11]}}
	e.Names = []entity.Name{personName(e.Kind, f[1], entity.NamePrimary)}
	e.EnsureMore().Programs = programs(f[3])
	if f[4] != "" {
		e.EnsureMore().Titles = []string{f[4]}
	}
	e.Vessel = vesselOf(e.Kind, f)
	return e, nil
}

// isID reports whether s is a plausible ent_num: 1 to maxIDLen ASCII digits.
func isID(s string) bool {
	if s == "" || len(s) > maxIDLen {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// truncate shortens s for an error message.
func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// kindOf maps SDN_Type to a kind; OFAC leaves it empty for organisations.
func kindOf(sdnType string) entity.Kind {
	switch strings.ToLower(sdnType) {
	case "individual":
		return entity.KindPerson
	case "vessel":
		return entity.KindVessel
	case "aircraft":
		return entity.KindAircraft
	default:
		return entity.KindOrganization
	}
}

// programs splits the Program field: "SDGT] [IRGC" lists two programmes.
func programs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "] [") {
		p = strings.TrimSpace(strings.Trim(p, "[]"))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// personName builds a name; a person's name in "LAST, First Middle" form
// also gets its family and given parts.
func personName(kind entity.Kind, full string, typ entity.NameType) entity.Name {
	n := entity.Name{Full: full, Type: typ}
	if kind != entity.KindPerson {
		return n
	}
	family, given, ok := strings.Cut(full, ",")
	family, given = strings.TrimSpace(family), strings.TrimSpace(given)
	if ok && family != "" && given != "" {
		n.Parts = []entity.NamePart{{Type: entity.PartFamily, Value: family}, {Type: entity.PartGiven, Value: given}}
	}
	return n
}

// vesselOf returns the vessel columns of a row, or nil when the record is
// not a vessel and the columns are empty.
func vesselOf(kind entity.Kind, f []string) *entity.Vessel {
	v := entity.Vessel{CallSign: f[5], Type: f[6], Tonnage: f[7], Owner: f[10], Flag: f[9]}
	if v.Tonnage == "" {
		v.Tonnage = f[8]
	}
	if code, ok := country.Code(f[9]); ok {
		v.Flag = code
	}
	if kind != entity.KindVessel && v == (entity.Vessel{}) {
		return nil
	}
	return &v
}
