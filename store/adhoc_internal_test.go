package store

import (
	"bytes"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/entity"
)

// TestAdHocDetailsSameAsMap: the struct that writes an ad hoc entry's
// details gives the same canonical bytes, hence the same hashes, as the
// map every entry before it was written with (screeningDetails plus the
// request id), so old and new entries read and verify alike.
func TestAdHocDetailsSameAsMap(t *testing.T) {
	subjects := []vigil.Subject{
		{Name: "Ayman al Zawahiri", DateOfBirth: entity.Date{Year: 1951, Month: 6}},
		{Name: "<b>&\u2028 \"quoted\" \xff", Kind: "organization", Country: "RU"},
		{},
	}
	results := []ScreeningResult{{}, {Alerts: []int64{}, Existing: []int64{3}, Suppressed: []vigil.Ref{{List: "l", SourceID: "1"}}}}
	for _, subj := range subjects {
		for _, r := range results {
			for _, asOf := range []string{"", "2026-03-01T00:00:00Z"} {
				for _, req := range []string{"", "req-1"} {
					for _, hits := range [][]Hit{nil, {{Hit: vigil.Hit{List: "us_ofac_sdn", SourceID: "6366", Score: 0.912345678}}, {Hit: vigil.Hit{List: "<x>", SourceID: "é", Score: 1}}}} {
						s := &Screening{Subject: subj, Editions: []string{"aaa", "bbb"}, Threshold: 0.8, Hits: hits, AsOf: asOf}
						var old, cur audit.Entry
						if err := fillDetails(&old, screeningDetails(s, &r), req); err != nil {
							t.Fatal(err)
						}
						if err := fillDetails(&cur, adHocDetailsOf(s, &r, req), ""); err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(old.Details, cur.Details) {
							t.Errorf("details differ:\nmap    %s\nstruct %s", old.Details, cur.Details)
						}
					}
				}
			}
		}
	}
}
