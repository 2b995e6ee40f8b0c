package screen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

func person(list, id, name string, dob ...entity.Date) *entity.Entity {
	return &entity.Entity{List: list, ID: id, Kind: entity.KindPerson, BirthDates: dob,
		Names: []entity.Name{{Full: name, Type: entity.NamePrimary}}}
}

func TestMergeRule(t *testing.T) {
	ents := []*entity.Entity{
		person("a", "1", "AL-TIKRITI, Saddam Hussein"),
		person("b", "1", "Saddam Hussein AL-TIKRITI", entity.Date{Year: 1937}),
		person("c", "1", "SADDAM HUSSEIN AL-TIKRITI", entity.Date{Year: 1960}), // 23 years apart: another man
		person("a", "2", "Saddam Hussein al-Tikriti"),                          // same list: never merged
		person("a", "3", "'ALI, Muhammad"),
		person("b", "3", "Muhammad Ali"), // a common name, no dates: not merged
		person("a", "4", "Ahmad Khan", entity.Date{Year: 1970, Month: 1}),
		person("b", "4", "KHAN, Ahmad", entity.Date{Year: 1970}), // common name, dates agree: merged
	}
	// Pad the vocabulary so that Muhammad, Ali, Ahmad and Khan are common.
	for i := 0; i < 40; i++ {
		ents = append(ents, person("pad", string(rune('A'+i)), "Muhammad Ali Ahmad Khan"))
	}
	eng, err := screen.New(ents, screen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  map[string]string // hit key → its Also refs
	}{
		// Best first, ties by list and id: a/1 takes b/1; c/1 cannot join
		// a/1 (b/1 was born 23 years earlier), so it joins a/2, which a/1
		// never takes (same list).
		{"Saddam Hussein al-Tikriti", map[string]string{"a/1": "b/1", "a/2": "c/1"}},
		{"Muhammad Ali", map[string]string{"a/3": "", "b/3": ""}},
		{"Ahmad Khan", map[string]string{"a/4": "b/4"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := eng.Screen(context.Background(), vigil.Subject{Name: tt.query}, vigil.Options{Lists: []string{"a", "b", "c"}, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, h := range hits {
				if h.Score == 1 {
					var also []string
					for _, r := range h.Also {
						also = append(also, r.List+"/"+r.SourceID)
					}
					got[h.List+"/"+h.SourceID] = strings.Join(also, " ")
				}
			}
			for k, w := range tt.want {
				if g, ok := got[k]; !ok || g != w {
					t.Errorf("hit %s: also %q (present %v), want %q; all: %v", k, g, ok, w, got)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("exact hits %v, want %v", got, tt.want)
			}
		})
	}
}
