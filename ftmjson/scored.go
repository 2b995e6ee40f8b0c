package ftmjson

import (
	"math"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// Scored is a hit as yente's /match answers it: the listed record as an FtM
// entity, its score, whether it is a match, and the features of the score
// (yente: a name → number map). Vigil adds its full explanation, whose
// terms add up to the score, and the subject the hit was found for when
// several are written together (FtM JSON Lines of hits).
type Scored struct {
	Entity
	Score    float64            `json:"score"`
	Match    bool               `json:"match"`
	Features map[string]float64 `json:"features"`
	// Explanation is Vigil's explanation of the score.
	Explanation *vigil.Explanation `json:"explanation,omitempty"`
	// Also are the same identity's records on other lists, as FtM ids.
	Also []string `json:"also,omitempty"`
	// Query is the id of the subject screened (hit exports only).
	Query string `json:"query,omitempty"`
}

// FromHit writes a hit as a scored FtM entity. rec is the listed record
// the hit points to; when it is nil (the record left the lists in force)
// the entity carries only what the hit knows: its name and kind. match
// says whether the score reached the threshold of a match.
func FromHit(h vigil.Hit, rec *entity.Entity, threshold float64) Scored {
	if rec == nil {
		rec = &entity.Entity{List: h.List, ID: h.SourceID, Kind: h.Kind,
			Names: []entity.Name{{Full: h.Name, Type: entity.NamePrimary}}}
	}
	s := Scored{Entity: FromEntity(rec), Score: round(h.Score), Match: h.Score >= threshold, Features: Features(h.Explanation)}
	ex := h.Explanation
	s.Explanation = &ex
	for _, ref := range h.Also {
		s.Also = append(s.Also, ID(ref.List, ref.SourceID))
	}
	return s
}

// Features flattens an explanation into yente's feature map: the name
// score, then each qualifier's and adjustment's signed effect under its
// attribute ("date_of_birth", "nationality", …) or reason, so that a
// client that reads features as numbers sees every term of the score.
// Terms of the same key add up.
func Features(ex vigil.Explanation) map[string]float64 {
	f := map[string]float64{"name_score": round(ex.NameScore)}
	for _, q := range ex.Qualifiers {
		f[featureKey(q.Attribute)] += q.Effect
	}
	for _, a := range ex.Adjustments {
		f["name_"+featureKey(a.Reason)] += a.Effect
	}
	for k, v := range f {
		f[k] = round(v)
	}
	return f
}

// featureKey makes a snake_case key of a term's name.
func featureKey(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			under = false
		} else {
			under = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return b.String()
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }
