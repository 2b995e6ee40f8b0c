package sema

import (
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// organization reads a record naming an entity. Canada often writes the
// English and French names as one, "Iranian Army/Armée iranienne": a
// name with one slash outside parentheses gives the primary name (the
// left side) and an alias (the right side).
func organization(n *xmlnode.Node, e *entity.Entity) {
	e.Kind = entity.KindOrganization
	addNames(e, n, text(n, "Entity", "EntityOrShip"))
	if t := text(n, "Title", "TitleOrShip"); t != "" {
		e.EnsureMore().Titles = []string{t}
	}
}

// vessel reads a record of a ship, which has an IMO number. Its name is
// in EntityOrShip (or Entity, or TitleOrShip), and
// DateOfBirthOrShipBuildDate is its build date, kept in Remarks.
func vessel(n *xmlnode.Node, e *entity.Entity) {
	e.Kind = entity.KindVessel
	addNames(e, n, text(n, "EntityOrShip", "Entity", "TitleOrShip"))
	imo := strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(text(n, "ShipIMONumber")), "IMO"))
	e.Vessel = &entity.Vessel{IMO: imo}
	if built := text(n, "DateOfBirthOrShipBuildDate"); built != "" {
		e.EnsureMore().Remarks = "built " + built
	}
}

// addNames adds the primary name and the aliases of an organisation or
// vessel.
func addNames(e *entity.Entity, n *xmlnode.Node, name string) {
	if name == "" {
		return
	}
	if left, right, ok := splitBilingual(name); ok {
		e.Names = append(e.Names, entity.Name{Full: left, Type: entity.NamePrimary},
			entity.Name{Full: right, Type: entity.NameAlias})
	} else {
		e.Names = append(e.Names, entity.Name{Full: name, Type: entity.NamePrimary})
	}
	for _, a := range splitAliases(text(n, "Aliases")) {
		for _, part := range strings.Split(a, "/") {
			if part = strings.TrimSpace(part); part != "" {
				e.Names = append(e.Names, entity.Name{Full: part, Type: entity.NameAlias})
			}
		}
	}
}

// splitBilingual splits "English/French" at a single slash outside
// parentheses when both sides are present.
func splitBilingual(s string) (string, string, bool) {
	depth, at := 0, -1
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case '/':
			if depth == 0 {
				if at >= 0 {
					return "", "", false
				}
				at = i
			}
		}
	}
	if at < 0 {
		return "", "", false
	}
	left, right := strings.TrimSpace(s[:at]), strings.TrimSpace(s[at+1:])
	return left, right, left != "" && right != ""
}

// splitAliases splits Canada's comma-separated Aliases, dropping
// parentheses around a whole alias: "(Rosselkhozbank)".
func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		a = strings.TrimSpace(a)
		if strings.HasPrefix(a, "(") && strings.HasSuffix(a, ")") && strings.Count(a, "(") == 1 {
			a = strings.TrimSpace(a[1 : len(a)-1])
		}
		if a != "" {
			out = append(out, a)
		}
	}
	return out
}
