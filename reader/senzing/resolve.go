package senzing

import (
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// resolve turns relationship pointers into relations, folds position
// records into their holders and returns the entities to emit, in file
// order.
func resolve(recs []*record) []*entity.Entity {
	byKey := make(map[string]*record, len(recs))
	for _, r := range recs {
		byKey[r.ent.Key()] = r
	}
	positions := make(map[string]bool)
	for _, r := range recs {
		for _, p := range r.pointers {
			target := byKey[r.ent.List+"/"+p.Key]
			rel := entity.Relation{
				Type:     relationType(p.Role),
				TargetID: p.Key,
				Role:     p.Role,
				Outgoing: true,
				Source:   r.ent.List + " senzing RELATIONSHIPS",
			}
			if target != nil {
				rel.TargetName = target.ent.PrimaryName()
				if rel.Type == entity.RelOccupancy && target.recordType == "" {
					positions[target.ent.Key()] = true
					r.ent.EnsureMore().Positions = appendNew(r.ent.Positions(), rel.TargetName)
				}
			}
			r.ent.EnsureMore().Relations = append(r.ent.Relations(), rel)
		}
	}
	out := make([]*entity.Entity, 0, len(recs)-len(positions))
	for _, r := range recs {
		if !positions[r.ent.Key()] {
			out = append(out, r.ent)
		}
	}
	return out
}

// relationType maps a REL_POINTER_ROLE, which OpenSanctions fills with the
// FollowTheMoney schema name of the link, onto Vigil's relation types.
func relationType(role string) entity.RelationType {
	switch strings.ToLower(role) {
	case "occupancy":
		return entity.RelOccupancy
	case "ownership", "owner", "owned by":
		return entity.RelOwnership
	case "directorship", "director":
		return entity.RelDirectorship
	case "family", "spouse", "parent", "child", "sibling", "relative":
		return entity.RelFamily
	case "associate", "associated with":
		return entity.RelAssociate
	case "membership", "member", "member of":
		return entity.RelMembership
	case "employment", "employee", "employer":
		return entity.RelEmployment
	}
	return entity.RelUnknown
}
