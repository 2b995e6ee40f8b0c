package senzing_test

import (
	"encoding/json"

	"github.com/vigil-screening/vigil/entity"
)

// diffEntity compares two entities through their JSON form and returns a
// description of the difference, or "" when they are equal.
func diffEntity(got, want *entity.Entity) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) == string(w) {
		return ""
	}
	return "\ngot:  " + string(g) + "\nwant: " + string(w)
}
