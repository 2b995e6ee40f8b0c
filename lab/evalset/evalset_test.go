package evalset

import (
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
)

const header = "id,type,full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality,expected_list,expected_id,treatment\n"

func TestRead(t *testing.T) {
	cases, err := Read(strings.NewReader(header +
		"dp-1,person,Ayman al-Zawahiri,,,,male,1951,,Egypt,us_ofac_sdn,2676,none\n" +
		"dn-1,person,,Kathryn,,Barr,female,1966-07-06,Karachi,United Arab Emirates,,,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || !cases[0].Positive() || cases[1].Positive() {
		t.Fatalf("cases %+v", cases)
	}
	if cases[0].ExpectedID != "2676" || cases[0].Subject.Name != "Ayman al-Zawahiri" || cases[1].Subject.LastName != "Barr" {
		t.Errorf("cases %+v", cases)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "header"},
		{"missing column", "id,type,full_name\n", `no column "first_name"`},
		{"bad quoting", header + "dp-1,person,\"Ayman,,,,,,,,,,\n", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	pos := Case{ExpectedList: "l", ExpectedID: "1"}
	outs := []Outcome{
		{Case: pos, Found: 0.9, Top: 0.9, TopIsExpected: true},
		{Case: pos, Found: 0.7, Top: 0.95, TopIsExpected: false},
		{Case: Case{Subject: vigil.Subject{ID: "n"}}, Top: 0.85},
		{Case: Case{Subject: vigil.Subject{ID: "n2"}}, Top: 0},
	}
	s := Measure(outs, 0.8)
	if s.Positives != 2 || s.Recalled != 1 || s.Top1 != 1 || s.Negatives != 2 || s.FalseAlerts != 1 {
		t.Errorf("Measure = %+v", s)
	}
}

// FuzzRead checks that any input either reads or fails with an error,
// never panics, and that what it reads keeps one case per data row.
func FuzzRead(f *testing.F) {
	f.Add(header + "dp-1,person,Ayman al-Zawahiri,,,,male,1951,,Egypt,us_ofac_sdn,2676,none\n")
	f.Add(header + "dp-1,person,\"Ayman,,,,,,,,,,\n")
	f.Add("id,type\n\xff\x00\n")
	f.Fuzz(func(t *testing.T, in string) {
		cases, err := Read(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, c := range cases {
			if c.Positive() != (c.ExpectedID != "") {
				t.Fatalf("case %+v: Positive disagrees with ExpectedID", c)
			}
		}
	})
}
