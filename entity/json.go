package entity

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// Flat is a record with every field at the top, in the order and with
// the names that snapshots and the audit trail have always stored (as
// JSON, and as gob in the store): the stored form of an Entity.
type Flat struct {
	List          string          `json:"list"`
	ID            string          `json:"id"`
	OtherIDs      []Identifier    `json:"other_ids,omitempty"`
	Kind          Kind            `json:"kind"`
	Names         []Name          `json:"names"`
	BirthDates    []Date          `json:"birth_dates,omitempty"`
	DeathDates    []Date          `json:"death_dates,omitempty"`
	BirthPlaces   []string        `json:"birth_places,omitempty"`
	Genders       []Gender        `json:"genders,omitempty"`
	Nationalities []string        `json:"nationalities,omitempty"`
	Citizenships  []string        `json:"citizenships,omitempty"`
	Countries     []string        `json:"countries,omitempty"`
	Titles        []string        `json:"titles,omitempty"`
	Positions     []string        `json:"positions,omitempty"`
	Documents     []Document      `json:"documents,omitempty"`
	Crypto        []CryptoAddress `json:"crypto,omitempty"`
	Emails        []string        `json:"emails,omitempty"`
	Phones        []string        `json:"phones,omitempty"`
	Websites      []string        `json:"websites,omitempty"`
	Addresses     []Address       `json:"addresses,omitempty"`
	Vessel        *Vessel         `json:"vessel,omitempty"`
	Aircraft      *Aircraft       `json:"aircraft,omitempty"`
	Programs      []string        `json:"programs,omitempty"`
	ListedOn      []Date          `json:"listed_on,omitempty"`
	AmendedOn     []Date          `json:"amended_on,omitempty"`
	Remarks       string          `json:"remarks,omitempty"`
	Relations     []Relation      `json:"relations,omitempty"`
}

// MarshalJSON writes the record in its stored form (see Flat). It does
// not escape HTML characters itself: the encoder that calls it escapes
// its output as it was asked to (json.Marshal does, an Encoder with
// SetEscapeHTML(false) does not), as it did the fields of the record
// before they moved to More.
func (e Entity) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e.Flat()); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads a record from its stored form (see Flat).
func (e *Entity) UnmarshalJSON(b []byte) error {
	var f Flat
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*e = f.Entity()
	return nil
}

// Flat returns the record in its stored form.
func (e *Entity) Flat() Flat {
	m := e.more()
	return Flat{
		List: e.List, ID: e.ID, OtherIDs: m.OtherIDs, Kind: e.Kind, Names: e.Names,
		BirthDates: e.BirthDates, DeathDates: m.DeathDates, BirthPlaces: m.BirthPlaces, Genders: e.Genders,
		Nationalities: e.Nationalities, Citizenships: m.Citizenships, Countries: e.Countries,
		Titles: m.Titles, Positions: m.Positions, Documents: e.Documents, Crypto: m.Crypto,
		Emails: m.Emails, Phones: m.Phones, Websites: m.Websites, Addresses: m.Addresses,
		Vessel: e.Vessel, Aircraft: m.Aircraft, Programs: m.Programs, ListedOn: m.ListedOn,
		AmendedOn: m.AmendedOn, Remarks: m.Remarks, Relations: m.Relations,
	}
}

// Entity returns the record f stores; its More is nil when f has none
// of the rarely filled fields.
func (w *Flat) Entity() Entity {
	e := Entity{List: w.List, ID: w.ID, Kind: w.Kind, Names: w.Names, BirthDates: w.BirthDates,
		Genders: w.Genders, Nationalities: w.Nationalities, Countries: w.Countries,
		Documents: w.Documents, Vessel: w.Vessel}
	m := More{
		OtherIDs: w.OtherIDs, DeathDates: w.DeathDates, BirthPlaces: w.BirthPlaces,
		Citizenships: w.Citizenships, Titles: w.Titles, Positions: w.Positions, Crypto: w.Crypto,
		Emails: w.Emails, Phones: w.Phones, Websites: w.Websites, Addresses: w.Addresses,
		Aircraft: w.Aircraft, Programs: w.Programs, ListedOn: w.ListedOn, AmendedOn: w.AmendedOn,
		Remarks: w.Remarks, Relations: w.Relations,
	}
	if !reflect.ValueOf(m).IsZero() {
		e.More = &m
	}
	return e
}
