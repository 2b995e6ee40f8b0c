package screen

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func TestOrgReading(t *testing.T) {
	tests := []struct {
		name string
		kind names.Kind
		want bool
	}{
		{"Medical Quinis S.a. De C.v.", names.Any, true}, // letters joined only for organisations
		{"TAATTA, AO", names.Any, true},                  // AO is a legal form only for organisations
		{"Abu Bakr SA", names.Any, true},                 // read both ways; see TestUntypedPersonsUnharmed
		{"ACME Trading LLC", names.Any, false},           // the neutral reading already finds LLC
		{"Maria de la Cruz", names.Any, false},           // no legal form
		{"Medical Quinis S.a. De C.v.", names.Person, false},
		{"Medical Quinis S.a. De C.v.", names.Organization, false},
	}
	for _, tt := range tests {
		_, ok := orgReading(tt.name, tt.kind, names.Analyze(tt.name, tt.kind))
		if ok != tt.want {
			t.Errorf("orgReading(%q, %v) = %v, want %v", tt.name, tt.kind, ok, tt.want)
		}
	}
}
