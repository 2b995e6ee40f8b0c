package vigil

import "github.com/vigil-screening/vigil/entity"

// Options tune one screening.
type Options struct {
	// Threshold is the lowest score reported; 0 means the engine's default.
	Threshold float64
	// Limit is the most hits reported; 0 means 10.
	Limit int
	// Lists restricts the screening to these list names; empty means all.
	Lists []string
}

// Ref names one record of one list.
type Ref struct {
	List     string `json:"list"`
	SourceID string `json:"source_id"`
}

// Hit is one listed identity that may be the subject.
type Hit struct {
	Score    float64 `json:"score"`
	List     string  `json:"list"`
	SourceID string  `json:"source_id"`
	// Name is the record's primary name; MatchedName the name of the record
	// that matched best.
	Name        string      `json:"name"`
	MatchedName string      `json:"matched_name"`
	Kind        entity.Kind `json:"type,omitempty"`
	// Also lists the same identity's records on other lists.
	Also        []Ref       `json:"also,omitempty"`
	Explanation Explanation `json:"explanation"`
}

// Explanation says why a hit scored what it did. The terms add up:
//
//	NameScore = Σ Parts[i].Similarity × Parts[i].Weight + Σ Adjustments[i].Effect
//	Score     = NameScore + Σ Qualifiers[i].Effect, limited to 0..1
//
// (to rounding in the JSON), so a reviewer can check every point of it.
type Explanation struct {
	// NameScore is the similarity of the best-matching names, 0..1.
	NameScore float64 `json:"name_score"`
	// Parts aligns the query's name parts with the listed name's.
	Parts []PartMatch `json:"parts"`
	// Adjustments are the name-level terms beyond the aligned parts: a
	// penalty for initials, the discount of a weak alias, a cap at 1.
	Adjustments []Adjustment `json:"adjustments,omitempty"`
	// Qualifiers are the attributes compared beyond the name.
	Qualifiers []Qualifier `json:"qualifiers,omitempty"`
}

// Adjustment is one name-level term of the score and its signed effect.
type Adjustment struct {
	Reason string  `json:"reason"`
	Effect float64 `json:"effect"`
}

// PartMatch is one aligned pair of name parts. Query or Listed is empty
// when a part has no counterpart (a dropped middle name).
type PartMatch struct {
	Query      string  `json:"query"`
	Listed     string  `json:"listed"`
	Similarity float64 `json:"similarity"`
	// Weight is the part's share of the name score, from its rarity.
	Weight float64 `json:"weight"`
	// How says how the parts matched: "exact", "variant" (a known
	// spelling of the same given name), "joined" (parts written together
	// on one side, apart on the other), "phonetic", "fuzzy", "initial",
	// "legal_form" (the same legal form spelt two ways),
	// "other_legal_form", or "missing" (no counterpart).
	How string `json:"how"`
}

// Verdict is the outcome of comparing one attribute.
type Verdict string

// Verdicts.
const (
	Agree      Verdict = "agree"
	Contradict Verdict = "contradict"
	Missing    Verdict = "missing"
)

// Qualifier is one compared attribute and its effect on the score.
type Qualifier struct {
	Attribute string  `json:"attribute"` // "date_of_birth", "gender", "nationality", "passport", "identity", ...
	Query     string  `json:"query,omitempty"`
	Listed    string  `json:"listed,omitempty"`
	Verdict   Verdict `json:"verdict"`
	// Effect is the change this attribute made to the score (signed).
	Effect float64 `json:"effect"`
	Detail string  `json:"detail,omitempty"`
}
