// Package entity is Vigil's model of a listed identity: a person,
// organisation, vessel or aircraft as one watchlist publishes it.
//
// Every list reader produces Entities; the screening engine, the snapshot
// store and the diff all consume them. The package does no I/O.
package entity

// Kind is what sort of identity a record describes.
type Kind string

// The kinds of listed identity.
const (
	KindUnknown      Kind = ""
	KindPerson       Kind = "person"
	KindOrganization Kind = "organization"
	KindVessel       Kind = "vessel"
	KindAircraft     Kind = "aircraft"
)

// Entity is one record of one list.
//
// The fields most records fill are fields of Entity; those most records
// leave empty (other identifiers, contact details, addresses, listing
// dates, relations...) lie behind one pointer, More, so that a record
// without them takes a third of the memory (a list of a million records
// is held in memory to be screened). Read those with the methods of the
// same names (e.Emails(), e.Remarks()), which work whether or not the
// record has them; write them through EnsureMore. The JSON form of a
// record is the same whichever way its fields are stored (see json.go).
type Entity struct {
	// List is the stable list name, e.g. "us_ofac_sdn", "un_sc".
	List string
	// ID is the list's own identifier of the record (OFAC ent_num,
	// UN DATAID, OFSI Group ID, ...).
	ID string

	Kind  Kind
	Names []Name

	BirthDates []Date
	Genders    []Gender
	// Nationalities are ISO 3166-1 alpha-2 codes.
	Nationalities []string
	// Countries are other countries the record is tied to (residence,
	// registration, jurisdiction), as ISO 3166-1 alpha-2 codes.
	Countries []string
	Documents []Document
	Vessel    *Vessel

	// More holds the rarely filled fields; nil when they are all empty.
	More *More
}

// More holds the fields of a record that most records leave empty.
type More struct {
	// OtherIDs are further identifiers the publisher gives the record,
	// such as the UN reference number ("QDi.001") under scheme "un_reference".
	OtherIDs    []Identifier
	DeathDates  []Date
	BirthPlaces []string
	// Citizenships are ISO 3166-1 alpha-2 codes.
	Citizenships []string
	Titles       []string
	Positions    []string
	Crypto       []CryptoAddress
	Emails       []string
	Phones       []string
	Websites     []string
	Addresses    []Address
	Aircraft     *Aircraft
	// Programs are the sanction programmes or regimes the listing falls under.
	Programs []string
	// ListedOn holds the listing (designation) dates, and AmendedOn the
	// dates the publisher last amended the record, where given.
	ListedOn  []Date
	AmendedOn []Date
	Remarks   string
	Relations []Relation
}

// EnsureMore returns e.More, allocating it first when e has none: the
// way to set a rarely filled field, e.EnsureMore().Remarks = "...".
func (e *Entity) EnsureMore() *More {
	if e.More == nil {
		e.More = &More{}
	}
	return e.More
}

// Copy returns a shallow copy of e with a More of its own: any field of
// the copy, rarely filled ones included, can be set without changing e
// (slices still share their elements).
func (e *Entity) Copy() *Entity {
	c := *e
	if e.More != nil {
		m := *e.More
		c.More = &m
	}
	return &c
}

// more returns e's rarely filled fields for reading: the zero value
// when e has none.
func (e *Entity) more() *More {
	if e.More == nil {
		return &noMore
	}
	return e.More
}

// noMore is what more reads for a record without rarely filled fields;
// it is never written.
var noMore More

// The rarely filled fields, for reading (see More).

func (e *Entity) OtherIDs() []Identifier  { return e.more().OtherIDs }
func (e *Entity) DeathDates() []Date      { return e.more().DeathDates }
func (e *Entity) BirthPlaces() []string   { return e.more().BirthPlaces }
func (e *Entity) Citizenships() []string  { return e.more().Citizenships }
func (e *Entity) Titles() []string        { return e.more().Titles }
func (e *Entity) Positions() []string     { return e.more().Positions }
func (e *Entity) Crypto() []CryptoAddress { return e.more().Crypto }
func (e *Entity) Emails() []string        { return e.more().Emails }
func (e *Entity) Phones() []string        { return e.more().Phones }
func (e *Entity) Websites() []string      { return e.more().Websites }
func (e *Entity) Addresses() []Address    { return e.more().Addresses }
func (e *Entity) Aircraft() *Aircraft     { return e.more().Aircraft }
func (e *Entity) Programs() []string      { return e.more().Programs }
func (e *Entity) ListedOn() []Date        { return e.more().ListedOn }
func (e *Entity) AmendedOn() []Date       { return e.more().AmendedOn }
func (e *Entity) Remarks() string         { return e.more().Remarks }
func (e *Entity) Relations() []Relation   { return e.more().Relations }

// Key identifies a record across all lists: "list/id".
func (e *Entity) Key() string { return e.List + "/" + e.ID }

// PrimaryName returns the first name of type NamePrimary, or the first name
// of any type, or "" when the record has no names.
func (e *Entity) PrimaryName() string {
	for _, n := range e.Names {
		if n.Type == NamePrimary {
			return n.Full
		}
	}
	if len(e.Names) > 0 {
		return e.Names[0].Full
	}
	return ""
}

// Identifier is an identifier of a record under a named scheme.
type Identifier struct {
	Scheme string `json:"scheme"`
	Value  string `json:"value"`
}

// Gender is a listed gender; the lists use only these two values.
type Gender string

// Genders.
const (
	GenderMale   Gender = "male"
	GenderFemale Gender = "female"
)

// NameType says what role a name plays for the record.
type NameType string

// Name types.
const (
	// NamePrimary is the name the publisher lists the record under.
	NamePrimary NameType = "primary"
	// NameAlias is a strong alias ("a.k.a." of good quality).
	NameAlias NameType = "alias"
	// NameWeakAlias is a low-quality alias: nickname, nom de guerre,
	// OFAC's quoted a.k.a. in remarks, UN "Low" quality aliases.
	NameWeakAlias NameType = "weak_alias"
	// NameFormer is a former name ("f.k.a.").
	NameFormer NameType = "former"
	// NameOriginalScript is the name as written in its own script.
	NameOriginalScript NameType = "original_script"
)

// Name is one name of a record.
type Name struct {
	// Full is the name as the publisher writes it, e.g. "ZAWAHIRI, Ayman al-".
	Full string   `json:"full"`
	Type NameType `json:"type"`
	// Parts holds the name parts where the source gives them separately.
	Parts []NamePart `json:"parts,omitempty"`
	// Script is the ISO 15924 code of the script when known ("Cyrl", "Arab").
	Script string `json:"script,omitempty"`
	// Lang is a language tag when the source gives one.
	Lang string `json:"lang,omitempty"`
}

// PartType is the role of a name part.
type PartType string

// Name part types.
const (
	PartGiven      PartType = "given"
	PartMiddle     PartType = "middle"
	PartFamily     PartType = "family"
	PartPatronymic PartType = "patronymic"
	PartTitle      PartType = "title"
	PartOther      PartType = "other"
)

// NamePart is a part of a name as the source gives it.
type NamePart struct {
	Type  PartType `json:"type"`
	Value string   `json:"value"`
}

// Document is an identity or registration document.
type Document struct {
	Type DocType `json:"type"`
	// Number is the document number as listed.
	Number string `json:"number"`
	// Country is the issuing country as an ISO alpha-2 code, when known.
	Country string `json:"country,omitempty"`
	// Note keeps the rest of what the list says ("issued 2010", "expires ...").
	Note string `json:"note,omitempty"`
}

// DocType is a kind of document.
type DocType string

// Document types.
const (
	DocPassport     DocType = "passport"
	DocNationalID   DocType = "national_id"
	DocTaxID        DocType = "tax_id"
	DocRegistration DocType = "registration"
	DocDriving      DocType = "driving_licence"
	DocOther        DocType = "other"
)

// CryptoAddress is a digital currency address.
type CryptoAddress struct {
	Currency string `json:"currency"` // e.g. "XBT", "ETH"
	Address  string `json:"address"`
}

// Address is a postal address.
type Address struct {
	Full       string `json:"full,omitempty"`
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	// Country is an ISO alpha-2 code when known.
	Country string `json:"country,omitempty"`
}

// Vessel holds vessel identifiers.
type Vessel struct {
	IMO      string `json:"imo,omitempty"`
	MMSI     string `json:"mmsi,omitempty"`
	CallSign string `json:"call_sign,omitempty"`
	Flag     string `json:"flag,omitempty"` // ISO alpha-2 when known
	Type     string `json:"type,omitempty"`
	Tonnage  string `json:"tonnage,omitempty"`
	Owner    string `json:"owner,omitempty"`
}

// Aircraft holds aircraft identifiers.
type Aircraft struct {
	TailNumber   string `json:"tail_number,omitempty"`
	Model        string `json:"model,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
	Operator     string `json:"operator,omitempty"`
}

// RelationType is the kind of a relationship between records.
type RelationType string

// Relationship types (named after FollowTheMoney's interval schemata).
const (
	RelLinkedTo     RelationType = "linked_to" // OFAC "Linked To:", unspecified link
	RelOwnership    RelationType = "ownership"
	RelDirectorship RelationType = "directorship"
	RelFamily       RelationType = "family"
	RelAssociate    RelationType = "associate"
	RelMembership   RelationType = "membership"
	RelEmployment   RelationType = "employment"
	RelOccupancy    RelationType = "occupancy"
	RelUnknown      RelationType = "unknown_link"
)

// Relation is a claim that this record is related to another one.
type Relation struct {
	Type RelationType `json:"type"`
	// TargetID is the list identifier of the related record, when it could
	// be resolved; TargetList is its list when it differs from the
	// record's own.
	TargetID   string `json:"target_id,omitempty"`
	TargetList string `json:"target_list,omitempty"`
	// TargetName is the related party's name as the source writes it.
	TargetName string `json:"target_name,omitempty"`
	// Role qualifies the link: "owner", "subsidiary", "spouse", "director"...
	// Outgoing is true when this record is the subject (owner, director,
	// member) and the target the object.
	Role     string `json:"role,omitempty"`
	Outgoing bool   `json:"outgoing,omitempty"`
	// Share is an ownership percentage when the source gives one (0 when not).
	Share float64 `json:"share,omitempty"`
	// Source says where the claim comes from, e.g. "us_ofac_sdn remarks".
	Source string `json:"source,omitempty"`
	// Start and End bound the relationship in time when known.
	Start Date `json:"start,omitzero"`
	End   Date `json:"end,omitzero"`
}
