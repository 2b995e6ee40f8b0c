package screen

import (
	"fmt"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/match"
)

// The identity hold. A subject whose full date of birth and nationality
// are known (a traveller, a customer with a passport) is a known person:
//
//   - When the record's dates of birth and nationalities both contradict
//     them, a name match alone alerts only when the name is rare and
//     close (nameTerms.rare).
//   - When the record confirms neither (it gives no date of birth or
//     nationality, or one of them contradicts), only a close match of the
//     whole listed name, or a rare and close one, alerts on the name
//     alone: a partial or inexact match of names many people share
//     ("Juan García" for "JUAN MARVIN GARCIA", "Linda Cohen" for "Linda
//     Chen") names someone else far more often than the listed person.
//
// Otherwise the score is held at holdScore, below the alert threshold,
// and a qualifier "identity" says why. Nationality is never a risk
// score: it only confirms or contradicts the identity of a match.
const holdScore = 0.75

// nameFacts are what the hold needs to know of a hit's name match.
type nameFacts struct {
	score float64
	rare  bool // rare and close
	whole bool // close, and every listed part met
}

func factsOf(t nameTerms) nameFacts {
	return nameFacts{score: t.score, rare: t.rare, whole: isClose(t.score) && !t.partial}
}

// qualify compares the subject's attributes with a hit's records (its
// own first) and adds the identity hold where it applies; it returns the
// total effect and, when out is not nil, the qualifiers appended to it.
func qualify(q *query, group []*entity.Entity, refs []string, f nameFacts, out []match.Qualifier) (float64, []match.Qualifier) {
	effect, out := match.QualifyGroup(&q.attrs, group, refs, f.score, out)
	var why string
	switch match.CheckIdentity(&q.attrs, group) {
	case match.IdentityContradicted:
		if f.rare {
			return effect, out
		}
		why = "date of birth and nationality both contradict the record, and the name is not both rare and close"
	case match.IdentityUnconfirmed:
		if f.rare || f.whole {
			return effect, out
		}
		why = "the record confirms neither the date of birth nor the nationality, and the name match is partial or inexact"
	default:
		return effect, out
	}
	hold := min(0, holdScore-(f.score+effect))
	if hold == 0 {
		return effect, out
	}
	if out != nil {
		out = append(out, match.Qualifier{Attribute: "identity", Verdict: match.Contradict, Effect: hold,
			Detail: fmt.Sprintf("%s: a name match alone does not alert (held at %.2f)", why, holdScore)})
	}
	return effect + hold, out
}
