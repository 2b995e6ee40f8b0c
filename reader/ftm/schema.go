package ftm

import "github.com/vigil-screening/vigil/entity"

// thingKinds are the schemata that become entities.
var thingKinds = map[string]entity.Kind{
	"Person":       entity.KindPerson,
	"Organization": entity.KindOrganization,
	"Company":      entity.KindOrganization,
	"PublicBody":   entity.KindOrganization,
	"LegalEntity":  entity.KindUnknown,
	"Vessel":       entity.KindVessel,
	"Airplane":     entity.KindAircraft,
}

// link describes an interval schema that becomes a relation: the
// properties naming its two endpoints and the one qualifying the link.
type link struct {
	typ             entity.RelationType
	subject, object string
	role            string
}

var links = map[string]link{
	"Ownership":    {entity.RelOwnership, "owner", "asset", "role"},
	"Directorship": {entity.RelDirectorship, "director", "organization", "role"},
	"Family":       {entity.RelFamily, "person", "relative", "relationship"},
	"Associate":    {entity.RelAssociate, "person", "associate", "relationship"},
	"Membership":   {entity.RelMembership, "member", "organization", "role"},
	"UnknownLink":  {entity.RelUnknown, "subject", "object", "role"},
	"Employment":   {entity.RelEmployment, "employee", "employer", "role"},
	"Occupancy":    {entity.RelOccupancy, "holder", "post", ""},
}

// knownProps are the properties the reader decodes; it ignores the others.
var knownProps = setOf(
	// names
	"name", "alias", "weakAlias", "previousName", "abbreviation",
	"firstName", "middleName", "secondName", "lastName", "fatherName", "title",
	// person
	"birthDate", "deathDate", "birthPlace", "gender", "position",
	// countries
	"nationality", "citizenship", "country", "jurisdiction", "mainCountry",
	// identifiers
	"idNumber", "passportNumber", "innCode", "ogrnCode", "taxNumber", "vatCode",
	"registrationNumber", "leiCode", "swiftBic", "wikidataId", "uniqueEntityId", "permId",
	// vessels and aircraft
	"imoNumber", "mmsi", "callSign", "flag", "type", "tonnage", "grossRegisteredTonnage",
	"model", "serialNumber", "operator",
	// contact
	"email", "phone", "website", "address", "addressEntity",
	// listing
	"topics", "programId", "program", "notes", "createdAt", "modifiedAt",
	// Address entities
	"full", "street", "city", "region", "postalCode",
	// Passport and Identification entities
	"holder", "number", "authority",
	// relationships
	"owner", "asset", "director", "organization", "person", "relative", "associate",
	"member", "subject", "object", "employee", "employer", "post",
	"role", "relationship", "percentage", "startDate", "endDate",
	// Sanction entities
	"entity", "listingDate",
)

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}
