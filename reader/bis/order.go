package bis

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/country"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/rowmap"
)

// Column indexes into header.
const (
	colName = iota
	colStreet
	colCity
	colState
	colCountry
	colPostalCode
	colEffective
	colExpiration
	colStandardOrder
	colLastUpdate
	colAction
	colFRCitation
)

// orders collects the rows of each denial order into one record.
type orders struct {
	order []string
	byKey map[string]*entity.Entity
}

func newOrders() *orders { return &orders{byKey: make(map[string]*entity.Entity)} }

// add merges one row into the record of its order.
func (o *orders) add(row []string) error {
	get := func(i int) string { return strings.TrimSpace(row[i]) }
	name := strings.Join(strings.Fields(get(colName)), " ")
	if name == "" {
		return &rowmap.FieldError{Field: "Name", Err: errors.New("empty")}
	}
	eff, err := usDate(get(colEffective))
	if err != nil {
		return &rowmap.FieldError{Field: "Effective_Date", Err: err}
	}
	key := strings.ToUpper(name) + "|" + eff.String()
	e := o.byKey[key]
	if e == nil {
		e = newRecord(key, name, eff, row)
		o.byKey[key] = e
		o.order = append(o.order, key)
	}
	addAddress(e, row)
	return nil
}

// newRecord makes the record of an order from its first row.
func newRecord(key, name string, eff entity.Date, row []string) *entity.Entity {
	get := func(i int) string { return strings.TrimSpace(row[i]) }
	sum := sha256.Sum256([]byte(key))
	e := &entity.Entity{
		List: List,
		ID:   "dpl-" + hex.EncodeToString(sum[:6]),
		Kind: guessKind(name),

		More: &entity.More{Programs: []string{"Denied Persons List"}, ListedOn: []entity.Date{eff}},
	}
	names := aliasSep.Split(name, -1)
	e.Names = append(e.Names, entity.Name{Full: names[0], Type: entity.NamePrimary})
	for _, a := range names[1:] {
		e.Names = append(e.Names, entity.Name{Full: a, Type: entity.NameAlias})
	}
	if d, err := time.Parse("2006-01-02", get(colLastUpdate)); err == nil {
		e.EnsureMore().AmendedOn = []entity.Date{entity.MakeDate(d.Year(), int(d.Month()), d.Day())}
	}
	var remarks []string
	for _, f := range []struct{ label, value string }{
		{"Expires", get(colExpiration)}, {"Standard order", get(colStandardOrder)},
		{"Action", get(colAction)}, {"Federal Register", get(colFRCitation)},
	} {
		if f.value != "" {
			remarks = append(remarks, f.label+": "+f.value)
		}
	}
	e.EnsureMore().Remarks = strings.Join(remarks, "; ")
	return e
}

// aliasSep splits "X A/K/A Y" and "X D/B/A Y".
var aliasSep = regexp.MustCompile(`\s+(?:A/K/A|D/B/A)\s+`)

// addAddress adds the row's address to the record unless it has it.
func addAddress(e *entity.Entity, row []string) {
	get := func(i int) string { return strings.TrimSpace(row[i]) }
	a := entity.Address{
		Street: get(colStreet), City: get(colCity), Region: get(colState), PostalCode: get(colPostalCode),
	}
	cc := get(colCountry)
	if c, ok := country.Code(cc); ok {
		a.Country = c
	}
	a.Full = joinNonEmpty(", ", a.Street, a.City, a.Region, a.PostalCode, cc)
	if a.Full == "" {
		return
	}
	for _, old := range e.Addresses() {
		if old == a {
			return
		}
	}
	e.EnsureMore().Addresses = append(e.Addresses(), a)
	if a.Country != "" && !contains(e.Countries, a.Country) {
		e.Countries = append(e.Countries, a.Country)
	}
}

// usDate reads the file's MM/DD/YYYY dates.
func usDate(s string) (entity.Date, error) {
	t, err := time.Parse("01/02/2006", s)
	if err != nil {
		return entity.Date{}, fmt.Errorf("want MM/DD/YYYY, got %q", s)
	}
	return entity.MakeDate(t.Year(), int(t.Month()), t.Day()), nil
}

func (o *orders) finish(key string) *entity.Entity { return o.byKey[key] }

func joinNonEmpty(sep string, vals ...string) string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, sep)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
