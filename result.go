package vigil

import "encoding/json"

// Result is the outcome of screening one subject of a batch: its hits at
// or above the threshold, best first, or the error that kept it from
// being screened.
type Result struct {
	ID    string
	Hits  []Hit
	Error string
	// Warnings name input values that were read but could not be compared
	// (see Subject.Unread), so that a clean result is never mistaken for
	// a full one.
	Warnings []string
}

// MarshalJSON writes {"id": ..., "hits": [...]} (an empty array when there
// are no hits, "warnings" when there are any), or {"id": ..., "error":
// "..."} for a failed row.
func (r Result) MarshalJSON() ([]byte, error) {
	if r.Error != "" {
		return json.Marshal(struct {
			ID    string `json:"id"`
			Error string `json:"error"`
		}{r.ID, r.Error})
	}
	hits := r.Hits
	if hits == nil {
		hits = []Hit{}
	}
	return json.Marshal(struct {
		ID       string   `json:"id"`
		Hits     []Hit    `json:"hits"`
		Warnings []string `json:"warnings,omitempty"`
	}{r.ID, hits, r.Warnings})
}
