package sema

import (
	"strings"
	"unicode"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/reader"
	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// person reads a record with LastName and GivenName. Canada's aliases
// for persons are often only variants of one part of the name: "Andrei"
// for GivenName "Andrey Igorevich", "PASHENKO" for LastName "PASHCHENKO".
// A one-word alias in capitals is taken as a family-name variant and
// completed with the given name; a one-word alias that begins like the
// given name (ignoring a leading Y: "Yevgeny" for "Evgeny") replaces the
// first given name; other one-word aliases are nicknames ("Motorola",
// "Givi") and become weak aliases; aliases of several words are kept as
// written.
func person(n *xmlnode.Node, e *entity.Entity) error {
	e.Kind = entity.KindPerson
	given, family := text(n, "GivenName"), text(n, "LastName")
	name := entity.Name{Full: strings.TrimSpace(given + " " + family), Type: entity.NamePrimary}
	if given != "" {
		name.Parts = append(name.Parts, entity.NamePart{Type: entity.PartGiven, Value: given})
	}
	if family != "" {
		name.Parts = append(name.Parts, entity.NamePart{Type: entity.PartFamily, Value: family})
	}
	e.Names = append(e.Names, name)
	for _, a := range splitAliases(text(n, "Aliases")) {
		e.Names = append(e.Names, personAlias(a, given, family))
	}
	if t := text(n, "Title", "TitleOrShip"); t != "" {
		e.EnsureMore().Titles = []string{t}
	}
	field := "DateOfBirth"
	s := text(n, field)
	if s == "" {
		field = "DateOfBirthOrShipBuildDate"
		s = text(n, field)
	}
	dates, err := parseDates(s)
	if err != nil {
		return &reader.ParseError{Field: field, Err: err}
	}
	e.BirthDates = dates
	return nil
}

func personAlias(a, given, family string) entity.Name {
	if strings.Contains(a, " ") {
		return entity.Name{Full: a, Type: entity.NameAlias}
	}
	if isUpper(a) && given != "" {
		return entity.Name{Full: given + " " + a, Type: entity.NameAlias,
			Parts: []entity.NamePart{{Type: entity.PartGiven, Value: given}, {Type: entity.PartFamily, Value: a}}}
	}
	first, rest, _ := strings.Cut(given, " ")
	if family != "" && sameStart(a, first) {
		g := strings.TrimSpace(a + " " + rest)
		return entity.Name{Full: g + " " + family, Type: entity.NameAlias,
			Parts: []entity.NamePart{{Type: entity.PartGiven, Value: g}, {Type: entity.PartFamily, Value: family}}}
	}
	return entity.Name{Full: a, Type: entity.NameWeakAlias}
}

func isUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// sameStart reports whether two names begin with the same two letters,
// ignoring case and a leading Y.
func sameStart(a, b string) bool {
	trim := func(s string) string {
		s = strings.ToLower(s)
		if strings.HasPrefix(s, "y") {
			s = s[1:]
		}
		return s
	}
	a, b = trim(a), trim(b)
	return len(a) >= 2 && len(b) >= 2 && a[:2] == b[:2]
}
