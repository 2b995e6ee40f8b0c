package csl

import (
	"regexp"
	"strings"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/loosedate"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// Column indexes into header.
const (
	colID = iota
	colSource
	colEntityNumber
	colType
	colPrograms
	colName
	colTitle
	colAddresses
	colFRNotice
	colStartDate
	colEndDate
	colStandardOrder
	colLicenseRequirement
	colLicensePolicy
	colCallSign
	colVesselType
	colGrossTonnage
	colGrossRegisteredTonnage
	colVesselFlag
	colVesselOwner
	colRemarks
	colSourceListURL
	colAltNames
	colCitizenships
	colDatesOfBirth
	colNationalities
	colPlacesOfBirth
	colSourceInfoURL
	colIDs
)

var kinds = map[string]entity.Kind{
	"individual": entity.KindPerson,
	"entity":     entity.KindOrganization,
	"vessel":     entity.KindVessel,
	"aircraft":   entity.KindAircraft,
}

// toEntity maps one data row to a record. It never fails: values it cannot
// interpret are kept in Remarks.
func toEntity(row []string) *entity.Entity {
	get := func(i int) string { return strings.TrimSpace(row[i]) }
	e := &entity.Entity{
		List: List,
		ID:   subList(get(colSource)) + "-" + get(colID),
		Kind: kinds[strings.ToLower(get(colType))],

		More: &entity.More{Programs: rowmap.SplitList(get(colPrograms))},
	}
	e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: "csl_source", Value: get(colSource)})
	if n := get(colEntityNumber); n != "" {
		e.EnsureMore().OtherIDs = append(e.OtherIDs(), entity.Identifier{Scheme: "entity_number", Value: n})
	}
	if n := get(colName); n != "" {
		e.Names = append(e.Names, entity.Name{Full: n, Type: entity.NamePrimary})
	}
	for _, a := range rowmap.SplitList(get(colAltNames)) {
		e.Names = append(e.Names, entity.Name{Full: a, Type: entity.NameAlias})
	}
	if t := get(colTitle); t != "" {
		e.EnsureMore().Titles = []string{t}
	}
	for _, a := range rowmap.SplitList(get(colAddresses)) {
		e.EnsureMore().Addresses = append(e.Addresses(), parseAddress(a))
	}
	if d, err := loosedate.Parse(get(colStartDate)); err == nil {
		e.EnsureMore().ListedOn = []entity.Date{d}
	}
	e.EnsureMore().Citizenships = countries(rowmap.SplitList(get(colCitizenships)))
	e.Nationalities = countries(rowmap.SplitList(get(colNationalities)))
	e.EnsureMore().BirthPlaces = rowmap.SplitList(get(colPlacesOfBirth))
	var remarks []string
	for _, s := range rowmap.SplitList(get(colDatesOfBirth)) {
		if d, err := loosedate.Parse(s); err == nil {
			e.BirthDates = append(e.BirthDates, d)
		} else {
			remarks = append(remarks, "Date of birth: "+s)
		}
	}
	addVessel(e, row)
	for _, s := range rowmap.SplitList(get(colIDs)) {
		if r := addID(e, s); r != "" {
			remarks = append(remarks, r)
		}
	}
	if r := get(colRemarks); r != "" {
		remarks = append([]string{r}, remarks...)
	}
	e.EnsureMore().Remarks = strings.Join(remarks, "; ")
	return e
}

var subListRe = regexp.MustCompile(`\(([A-Za-z-]+)(?: List)?\)`)

// subList returns the short name of a CSL sub-list from its source column,
// e.g. "SDN" for "Specially Designated Nationals (SDN) - Treasury
// Department", or the source itself when it has none.
func subList(source string) string {
	if m := subListRe.FindStringSubmatch(source); m != nil {
		return m[1]
	}
	return source
}

// countries maps country codes or names to ISO codes, dropping unknowns.
func countries(vals []string) []string {
	var out []string
	for _, v := range vals {
		if c, ok := country.Code(v); ok {
			out = append(out, c)
		}
	}
	return out
}

// parseAddress keeps the address as written and takes its country from a
// trailing two-letter code ("..., Moscow, 119121, RU").
func parseAddress(s string) entity.Address {
	a := entity.Address{Full: s}
	if i := strings.LastIndex(s, ","); i >= 0 {
		last := strings.TrimSpace(s[i+1:])
		if len(last) == 2 {
			if c, ok := country.Code(last); ok {
				a.Country = c
			}
		}
	}
	return a
}

// addVessel fills the vessel details when the row has any.
func addVessel(e *entity.Entity, row []string) {
	v := entity.Vessel{
		CallSign: strings.TrimSpace(row[colCallSign]),
		Type:     strings.TrimSpace(row[colVesselType]),
		Tonnage:  strings.TrimSpace(row[colGrossRegisteredTonnage]),
		Owner:    strings.TrimSpace(row[colVesselOwner]),
	}
	if v.Tonnage == "" {
		v.Tonnage = strings.TrimSpace(row[colGrossTonnage])
	}
	if f := strings.TrimSpace(row[colVesselFlag]); f != "" {
		v.Flag = f
		if c, ok := country.Code(f); ok {
			v.Flag = c
		}
	}
	if v != (entity.Vessel{}) || e.Kind == entity.KindVessel {
		e.Vessel = &v
	}
}
