package names_test

import (
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/names"
)

// scoreKind compares q with listed as the engine does (see score), for
// names of the given kind.
func scoreKind(q, listed string, kind names.Kind) float32 {
	v := match.NewVocab()
	lt := names.Analyze(listed, kind)
	v.AddName(lt)
	for _, other := range []string{"John Smith", "Maria Garcia", "Ali Hassan", "Kim Il Sung", "Acme Trading"} {
		v.AddName(names.Analyze(other, kind))
	}
	v.Freeze()
	ln := v.Prepare(listed, lt, false)
	qn := v.Prepare(q, names.Analyze(q, kind), false)
	var r match.Result
	match.Compare(&qn, &ln, &r)
	return r.Score
}

func TestNicknamesAndNumbers(t *testing.T) {
	tests := []struct {
		q, listed string
		kind      names.Kind
		match     bool
	}{
		{"Bill Gates", "William Gates", names.Person, true},
		{"Peggy Guggenheim", "Margaret Guggenheim", names.Person, true},
		{"Bob Menendez", "Robert Menendez", names.Person, true},
		{"Alex Ivanov", "Aleksandr Ivanov", names.Person, true},     // via the romanisation group of Alexander
		{"Ted Kennedy", "Edward Moore Kennedy", names.Person, true}, // a middle name dropped as well
		{"2nd Economic Committee", "Second Economic Committee", names.Organization, true},
		{"Seccond Economic Committee", "Second Economic Committee", names.Organization, true},
		{"Twenty-First Century Trading", "21st Century Trading", names.Organization, true},
		// Must not: a short form as a family name, two short forms, a
		// short form of another name, another number.
		{"John Jack", "John Jackson", names.Person, false},
		{"Richard Scott", "Rick Scott", names.Person, false}, // a listed short form may be several names
		{"James Gomez", "Jimmy Gomez", names.Person, false},
		{"Gates Bill", "Gates William", names.Person, false},
		{"Bill Gates", "William Gomez", names.Person, false},
		{"Peggy Guggenheim", "Mary Guggenheim", names.Person, false},
		{"2nd Economic Committee", "3rd Economic Committee", names.Organization, false},
		{"Second Economic Committee", "Twenty Economic Committee", names.Organization, false},
	}
	for _, tc := range tests {
		t.Run(tc.q+"/"+tc.listed, func(t *testing.T) {
			got := scoreKind(tc.q, tc.listed, tc.kind)
			if tc.match && got < 0.8 || !tc.match && got >= 0.8 {
				t.Errorf("score(%q, %q) = %.3f, want match %v", tc.q, tc.listed, got, tc.match)
			}
		})
	}
}

func TestOrgWords(t *testing.T) {
	tests := []struct {
		q, listed string
		match     bool
	}{
		{"ЧЕБОКСАРСКИЙ АППАРАТНЫЙ ЗАВОД", "Cheboksarskiy Apparatnyy Plant", true},
		{"Банк Россия", "Bank Rossiya", true},
		{"朝鲜贸易银行", "Chao Xian Trading Bank", true},
		{"شركة النفط", "Al Naft Company", true},
		// Must not: another word of the same kind.
		{"Ромашка Завод", "Romashka Bank", false},
		{"Alfa Trading", "Alfa Shipping", false},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			got := scoreKind(tc.q, tc.listed, names.Organization)
			if tc.match && got < 0.8 || !tc.match && got >= 0.8 {
				t.Errorf("score(%q, %q) = %.3f, want match %v", tc.q, tc.listed, got, tc.match)
			}
		})
	}
}
