// Package evalset measures the screening engine on labelled CSV files:
// recall and top-1 accuracy on positives, the false-alert rate on
// negatives, a threshold sweep and the misses grouped by treatment.
package evalset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/vigil-screening/vigil"
)

// Case is one labelled query. A case without an expected record is a
// negative: any hit on it is a false alert.
type Case struct {
	Subject      vigil.Subject
	ExpectedList string
	ExpectedID   string
	Treatment    string
}

// Positive reports whether the case expects a hit.
func (c Case) Positive() bool { return c.ExpectedID != "" }

var required = []string{"id", "type", "full_name", "first_name", "middle_name", "last_name", "gender", "date_of_birth", "place_of_birth", "nationality"}

// ReadFile reads a labelled CSV file with the columns id, type,
// full_name, first_name, middle_name, last_name, gender, date_of_birth,
// place_of_birth, nationality and optionally expected_list, expected_id,
// treatment.
func ReadFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval set: %w", err)
	}
	defer f.Close()
	cases, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("eval set %s: %w", path, err)
	}
	return cases, nil
}

// Read reads labelled cases from CSV.
func Read(r io.Reader) ([]Case, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, name := range required {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("header: no column %q", name)
		}
	}
	var cases []Case
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return cases, nil
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		in := vigil.SubjectInput{
			ID: vigil.SubjectID(get("id")), Type: get("type"), Name: get("full_name"),
			FirstName: get("first_name"), MiddleName: get("middle_name"), LastName: get("last_name"),
			Gender: get("gender"), DateOfBirth: get("date_of_birth"), PlaceOfBirth: get("place_of_birth"),
			Nationality: get("nationality"),
		}
		s, err := in.Subject(strconv.Itoa(line))
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		cases = append(cases, Case{
			Subject:      s,
			ExpectedList: get("expected_list"), ExpectedID: get("expected_id"), Treatment: get("treatment"),
		})
	}
}
