package audit

import (
	"encoding/json"
	"strings"
	"testing"
)

// A recorded screening's details as the store writes them, about 2 KB.
func screeningDetails(b *testing.B) []byte {
	b.Helper()
	d := map[string]any{
		"subject":   map[string]any{"name": "Ayman al-Zawahiri", "dob": "1951-06-19", "nationality": []string{"EG"}},
		"editions":  []string{strings.Repeat("a", 64), strings.Repeat("b", 64)},
		"threshold": 0.8, "screening_id": 12345, "alerts": []int{1, 2}, "existing": nil, "suppressed": nil,
		"hits": []map[string]any{{"list": "us_ofac_sdn", "source_id": "6366", "score": 0.95}, {"list": "un_sc", "source_id": "QDi.006", "score": 0.85}},
		"bind": map[string]any{
			"subject":         map[string]any{"id": 7, "created": true, "version_id": 9, "attrs_sha256": strings.Repeat("c", 64), "fingerprint": strings.Repeat("d", 64)},
			"editions_sha256": strings.Repeat("e", 64), "hits_sha256": strings.Repeat("f", 64), "alert_subject_attrs_sha256": strings.Repeat("1", 64),
			"raised": []map[string]any{
				{"id": 1, "list": "us_ofac_sdn", "source_id": "6366", "score": 0.95, "hit_sha256": strings.Repeat("2", 64),
					"records": []map[string]string{{"list": "us_ofac_sdn", "source_id": "6366", "record_sha256": strings.Repeat("3", 64)}, {"list": "un_sc", "source_id": "QDi.006", "record_sha256": strings.Repeat("4", 64)}}},
				{"id": 2, "list": "un_sc", "source_id": "QDi.006", "score": 0.85, "hit_sha256": strings.Repeat("5", 64),
					"records": []map[string]string{{"list": "un_sc", "source_id": "QDi.006", "record_sha256": strings.Repeat("6", 64)}}},
			},
		},
	}
	raw, err := json.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

func BenchmarkCanonicalDetails(b *testing.B) {
	raw := screeningDetails(b)
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if _, ok := canonicalFast(raw); !ok {
				b.Fatal("not handled")
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if _, err := canonicalDecode(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
