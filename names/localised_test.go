package names_test

import (
	"testing"

	"github.com/vigil-screening/vigil/names"
)

func TestLocalReading(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Aleksandras Ivanauskas", "aleksandr ivanausk", true},
		{"Vladimirs Ivanovs", "vladimir ivanov", true},
		{"Jonas Petraitis", "jon petrait", true},
		{"Thomas Davis", "", false}, // no Baltic marker: English -as, -is kept
		{"Saeed Higgins", "", false},
		{"Julius Marius", "", false},
		{"Kovács Gyula", "kovach djula", true},
		{"Vladimir Poutine", "vladimir putin", true},
		{"Mikhaïl Gorbatchev", "mikhail gorbachev", true},
		{"M0hammed Al1", "mohammed ali", true},
		{"Boeing 747", "", false}, // a number stays a number
		{"F16 Trading", "", false},
		{"3M Company", "", false},
		{"John Smith", "", false},
		{"Mitchell Brooks", "", false}, // English tch and ou
		{"Jasmine Energy", "", false},  // English -ine and -gy
		{"Toyo Sihnyo Jitsugyo", "", false},
		{"Tonya Garza", "", false},
		{"Raybeam Optronics", "", false},
		{"Владимир Путин", "", false}, // not Latin
	}
	for _, tc := range tests {
		got, ok := names.LocalReading(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("LocalReading(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestLocalReadingMatches compares localised spellings of public
// figures' names with the forms sanctions lists use, through the best
// reading, and spellings that must stay apart.
func TestLocalReadingMatches(t *testing.T) {
	match := []namePair{
		{"Aleksandras Lukašenka", "Aleksandr Lukashenka"},
		{"Vladimirs Putins", "Vladimir Putin"},
		{"Vladimir Poutine", "Vladimir Putin"},
		{"Kovács Gyula", "Gyula Kovach"},
		{"M0hammed Al1", "Mohammed Ali"},
	}
	noMatch := []namePair{
		{"Thomas Davis", "Thom Dav"},
		{"Jonas Petraitis", "Jon Petrov"},
		{"Vladimirs Ivanovs", "Vladimir Ivanenko"},
		{"Boeing 747", "Boeing Tet"},
		{"Agent 007", "Agent Oot"},
	}
	checkPairs(t, match, noMatch)
}
