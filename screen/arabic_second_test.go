package screen_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/screen"
)

// TestArabicSecondRound screens names in Arabic script against Latin
// forms added to every current list, as the second round's rules read
// them: ظ the Iraqi way (dh, which English also writes th), ذ written
// th, and ث ذ ض read s and z the Afghan and Pakistani way with و kept a
// w. Real names, none of them from the yardstick. Must not: ظ read
// th does not meet a t (ظاهر Thahir is not طاهر Tahir), nor د a th.
func TestArabicSecondRound(t *testing.T) {
	ents := append([]*entity.Entity(nil), allLists(t)...)
	listed := []string{
		"Kadhim al-Saher",       // كاظم الساهر
		"Mustafa Kathimi",       // مصطفى الكاظمي, th for ظ
		"Nadhim Zahawi",         // ناظم الزهاوي
		"Thiab Mishaal",         // ذياب مشعل, th for ذ
		"Muhammad Rizwan Wazir", // محمد رضوان وزير
		"Zaher Kamal",           // زاهر كمال
		"Tahir Yasin Ramadan",   // طاهر ياسين رمضان
		"Fathi Ahmad Sorour",    // فتحي أحمد سرور
	}
	for i, n := range listed {
		ents = append(ents, &entity.Entity{List: "test_ar2", ID: fmt.Sprint(i), Kind: entity.KindPerson, Names: []entity.Name{{Full: n}}})
	}
	eng, err := screen.New(ents, screen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query   string
		want    int
		wantHit bool
	}{
		{"كاظم الساهر", 0, true},
		{"مصطفى الكاظمي", 1, true},
		{"ناظم الزهاوي", 2, true},
		{"ذياب مشعل", 3, true},
		{"محمد رضوان وزير", 4, true},
		{"زاهر كمال", 5, true},
		{"ظاهر ياسين رمضان", 6, false}, // Dhahir, Thahir is not Tahir
		{"فادي أحمد سرور", 7, false},   // Fadi is not Fathi
	} {
		hits, err := eng.Screen(context.Background(), vigil.Subject{Name: tc.query, Kind: entity.KindPerson}, vigil.Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			found = found || h.List == "test_ar2" && h.SourceID == fmt.Sprint(tc.want)
		}
		if found != tc.wantHit {
			t.Errorf("%q v. %q: hit = %v, want %v", tc.query, listed[tc.want], found, tc.wantHit)
		}
	}
}
