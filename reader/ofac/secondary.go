package ofac

import (
	"context"
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
)

// eachRow calls fn with each row of the secondary file in and the record
// its ent_num names; a row naming no record is an error. A file not given
// adds nothing.
func (rs *records) eachRow(ctx context.Context, in Input, cols []string, fn func(e *entity.Entity, r row)) error {
	if in.R == nil {
		return nil
	}
	rows, err := readRows(ctx, in.R, in.Name, cols)
	if err != nil {
		return err
	}
	for _, r := range rows {
		e, err := rs.lookup(in.Name, r)
		if err != nil {
			return err
		}
		fn(e, r)
	}
	return nil
}

// addComments appends each sdn_comments.csv row to its record's remarks.
// The comment continues the remarks where sdn.csv cut them, often inside a
// word, so the text is joined without a separator.
func (rs *records) addComments(ctx context.Context, in Input) error {
	return rs.eachRow(ctx, in, commentCols, func(e *entity.Entity, r row) {
		e.EnsureMore().Remarks += r.fields[1]
	})
}

// addAliases adds the names of alt.csv to their records. An alias row
// without a name adds nothing.
func (rs *records) addAliases(ctx context.Context, in Input) error {
	return rs.eachRow(ctx, in, aliasCols, func(e *entity.Entity, r row) {
		if r.fields[3] != "" {
			typ := aliasType(r.fields[2], r.fields[4])
			e.Names = append(e.Names, personName(e.Kind, r.fields[3], typ))
		}
	})
}

// aliasType maps alt_type and alt_remarks to a name type. OFAC marks
// low-quality aliases in the remarks ("Low quality a.k.a."); none of the
// editions at hand does, but the reader honours the mark.
func aliasType(altType, remarks string) entity.NameType {
	r := strings.ToLower(remarks)
	if strings.Contains(r, "low quality") || strings.Contains(r, "weak") {
		return entity.NameWeakAlias
	}
	if strings.EqualFold(altType, "fka") {
		return entity.NameFormer
	}
	return entity.NameAlias // "aka", "nka" (now known as)
}

// addAddresses adds the addresses of add.csv to their records, and their
// countries to the record's countries.
func (rs *records) addAddresses(ctx context.Context, in Input) error {
	return rs.eachRow(ctx, in, addressCols, func(e *entity.Entity, r row) {
		a := address(r.fields)
		if a == (entity.Address{}) {
			return
		}
		e.EnsureMore().Addresses = append(e.Addresses(), a)
		if a.Country != "" {
			e.Countries = appendUnique(e.Countries, a.Country)
		}
	})
}

// address builds an address from an add.csv row. OFAC gives city, state
// and postal code in one field; it goes to City. add_remarks is not kept
// (empty in every edition at hand).
func address(f []string) entity.Address {
	a := entity.Address{Street: f[2], City: f[3]}
	if code, ok := country.Code(f[4]); ok {
		a.Country = code
	}
	var parts []string
	for _, s := range f[2:5] {
		if s != "" {
			parts = append(parts, s)
		}
	}
	a.Full = strings.Join(parts, ", ")
	return a
}

// appendUnique appends s to list unless it is already there.
func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
