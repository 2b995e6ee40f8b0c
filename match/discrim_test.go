package match

import (
	"testing"

	"github.com/vigil-screening/vigil/entity"
)

func TestLooseEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"jong", "chong", true}, {"jong", "jeong", true}, {"jong", "jung", true},
		{"song", "sung", true}, {"song", "seong", true}, {"choe", "choi", true},
		{"yong", "young", true}, {"zhang", "chang", true}, {"xi", "hsi", true},
		{"jian", "chien", true}, {"kim", "gim", true},
		{"zhang", "zheng", false}, {"jian", "jiang", false}, {"han", "huan", false},
		{"xie", "xiu", false}, {"yongho", "yong", false}, {"zhou", "zhu", false},
	}
	for _, tt := range tests {
		if got := looseEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("looseEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNativeShare(t *testing.T) {
	tests := []struct {
		a, b string
		want float32
	}{
		{"李明华", "李明新", 2.0 / 3},
		{"김정은", "김정운", 2.0 / 3},
		{"이성진", "리성진", 1},        // initial sound law
		{"張偉", "张伟", 1},          // traditional and simplified
		{"李明华", "Li Minghua", 1}, // not both in one script: not compared
		{"김정은", "金正恩", 1},        // Hangul and Chinese characters: not compared
	}
	for _, tt := range tests {
		if got := nativeShare(tt.a, tt.b); got < tt.want-0.001 || got > tt.want+0.001 {
			t.Errorf("nativeShare(%q, %q) = %.3f, want %.3f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPersonalName(t *testing.T) {
	for s, want := range map[string]bool{
		"李明华": true, "明德 鄭": true, "김정은": true, "張偉": true,
		"賓拉丹": false, "成都景昕科技有限公司": false,
	} {
		if got := Syllabic(s) && personalName(s); got != want {
			t.Errorf("%q: personal syllabic name %v, want %v", s, got, want)
		}
	}
}

func TestBirthDateConflict(t *testing.T) {
	d := func(y, m, day int) entity.Date { return entity.MakeDate(y, m, day) }
	q := d(1961, 6, 14)
	tests := []struct {
		listed []entity.Date
		want   bool
	}{
		{[]entity.Date{d(1961, 6, 14)}, false},
		{[]entity.Date{d(1962, 6, 14)}, false},                // the year alone differs
		{[]entity.Date{d(1961, 6, 15)}, false},                // the day alone differs
		{[]entity.Date{d(1961, 14, 6)}, false},                // swapped (as written)
		{[]entity.Date{d(1962, 2, 18)}, true},                 // year, month and day differ
		{[]entity.Date{d(1961, 2, 18)}, true},                 // month and day differ
		{[]entity.Date{{Year: 1961}}, false},                  // year only, same
		{[]entity.Date{{Year: 1965}}, true},                   // year only, 4 apart
		{[]entity.Date{{Year: 1963, Circa: true}}, false},     // circa
		{[]entity.Date{d(1970, 1, 1), d(1961, 6, 14)}, false}, // one of several agrees
		{nil, false},
	}
	for _, tt := range tests {
		if got := birthDateConflict(q, tt.listed); got != tt.want {
			t.Errorf("birthDateConflict(%v, %v) = %v, want %v", q, tt.listed, got, tt.want)
		}
	}
}

func TestCheckIdentity(t *testing.T) {
	full := Attrs{BirthDate: entity.Date{Year: 1965, Month: 11, Day: 6}, Countries: []string{"BW"}}
	tests := []struct {
		name string
		a    Attrs
		e    entity.Entity
		want Identity
	}{
		{"both contradict", full, entity.Entity{BirthDates: []entity.Date{{Year: 1969}}, Nationalities: []string{"US"}}, IdentityContradicted},
		{"nothing to compare", full, entity.Entity{}, IdentityUnconfirmed},
		{"date only, contradicting", full, entity.Entity{BirthDates: []entity.Date{{Year: 1969}}}, IdentityUnconfirmed},
		{"nationality agrees", full, entity.Entity{BirthDates: []entity.Date{{Year: 1969}}, Nationalities: []string{"BW"}}, IdentityOpen},
		{"date agrees", full, entity.Entity{BirthDates: []entity.Date{{Year: 1965}}, Nationalities: []string{"US"}}, IdentityOpen},
		{"partial date given", Attrs{BirthDate: entity.Date{Year: 1965}, Countries: []string{"BW"}}, entity.Entity{}, IdentityOpen},
		{"no nationality given", Attrs{BirthDate: full.BirthDate}, entity.Entity{}, IdentityOpen},
	}
	for _, tt := range tests {
		if got := CheckIdentity(&tt.a, []*entity.Entity{&tt.e}); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
