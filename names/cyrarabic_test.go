package names_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-screening/vigil/names"
)

func TestArabicReading(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// The brief's examples.
		{"Айман аз-Завахири", "Ayman al-Zawahiri"},
		{"Мухаммад аз-Завахири", "Muhammad al-Zawahiri"},
		{"Хасан Ахмед", "Hasan Ahmed"},
		{"Давуд", "Dawud"},
		{"Усама бен Ладен", "Usama ben Laden"},
		// UN QDe.168, Latin KHATIBA AL-TAWHID WAL-JIHAD.
		{"Катиба ат-Таухид валь-Джихад", "Katiba al-Tauhid wal-Jihad"},
		// OFSI AQD0297 (UN QDi.398), Latin AL-KADARI Abu Muhammad and
		// MUHAMADMUHTAR.
		{"Абу Мухаммад Аль-Кадари", "Abu Muhammad Al-Kadari"},
		{"Мухамадмухтар", "Muhamadmuhtar"},
		// UN QDi entries: Arabic given names, Slavic suffixes kept.
		{"Абдурахманов Магомед Магомедзакирович", "Abdurahmanov Magomed Magomedzakirovich"},
		{"Ахмед Ражапович Чатаев", "Ahmed Razhapovich Chataev"},
		{"Айрат Насимович Вахитов", "Ayrat Nasimovich Wahitov"},
		// Every assimilated form, and эль-.
		{"ас-Сабах ад-Дин ар-Рашид ат-Тамими ан-Нахайян аш-Шейх эль-Баз эд-Дин", "al-Sabah al-Din al-Rashid al-Tamimi al-Nahayyan al-Sheyh al-Baz al-Din"},
		// Not the article: the consonant does not repeat, no hyphen,
		// not at a word start, or not before a letter.
		{"Ан-Ён", "An-En"},
		{"аз Завахири", "az Zawahiri"},
		{"Абаз-Зура", "Abaz-Zura"},
		{"аз-", "az-"},
		{"аз-Z", "az-Z"},
		// Capitals.
		{"АЙМАН АЗ-ЗАВАХИРИ", "AYMAN AL-ZAWAHIRI"},
		{"ЖУКОВ Ж.", "ZHUKOV Zh."},
		// Endings -ий, -ый as in the standard table; ъ, ь dropped.
		{"Юрий Красный Саъд Исмаиль", "Yuriy Krasnyy Sad Ismail"},
		// Slavic names keep v where Arabic has no w.
		{"Владимир Путин", "Vladimir Putin"},
		{"Иванова Петровна", "Iwanova Petrovna"},
		// Other scripts and marks pass through.
		{"Ayman аз-Завахири (AQ) 1951", "Ayman al-Zawahiri (AQ) 1951"},
		{"Ю́рий", "Yu\u0301riy"},
		// Ukrainian, Serbian, Tajik letters.
		{"Ђорђе Їжак Ҳасан Ҷамол", "Djordje Yizhak Hasan Jamol"},
	}
	for _, tt := range tests {
		got, ok := names.ArabicReading(tt.in)
		if !ok || got != tt.want {
			t.Errorf("ArabicReading(%q) = %q, %v; want %q, true", tt.in, got, ok, tt.want)
		}
	}
}

// TestArabicReadingMeetsLatin checks that the reading meets the Latin form
// the lists write, through Fold, Variant or Skeleton as the matcher does.
func TestArabicReadingMeetsLatin(t *testing.T) {
	tests := []struct {
		cyr, latin string
	}{
		{"Айман аз-Завахири", "Ayman al-Zawahiri"},
		{"Мухаммад аз-Завахири", "Muhammad al-Zawahiri"},
		{"Хасан Ахмед", "Hassan Ahmad"},
		{"Давуд", "Dawud"},
		{"Усама бен Ладен", "Usama bin Ladin"},
		{"Катиба ат-Таухид валь-Джихад", "Khatiba al-Tawhid wal-Jihad"},
		{"Абу Мухаммад Аль-Кадари", "Abu Muhammad al-Kadari"},
		{"Мухамадмухтар", "MUHAMADMUHTAR"},
		{"Халид Мухаммед", "Khalid Mohammed"},
	}
	for _, tt := range tests {
		got, _ := names.ArabicReading(tt.cyr)
		a, b := strings.Fields(names.Fold(got)), strings.Fields(names.Fold(tt.latin))
		if len(a) != len(b) {
			t.Errorf("%q: Fold(%q) = %q, want as many words as %q", tt.cyr, got, a, b)
			continue
		}
		for i := range a {
			if !sameName(a[i], b[i]) {
				t.Errorf("%q: word %q of %q does not meet %q", tt.cyr, a[i], got, b[i])
			}
		}
	}
}

// sameName reports whether two folded words are one name to the matcher's
// keys: equal, same variant group, or same consonant skeleton.
func sameName(a, b string) bool {
	if a == b {
		return true
	}
	if v := names.Variant(a); v != "" && v == names.Variant(b) {
		return true
	}
	return names.Skeleton(a) == names.Skeleton(b)
}

// TestArabicReadingImproves shows why the reading exists: the standard
// reading misses these skeletons, the Arabic reading meets them.
func TestArabicReadingImproves(t *testing.T) {
	tests := []struct{ cyr, latin string }{
		{"Завахири", "Zawahiri"},
		{"Джихад", "Jihad"},
		{"Мухамадмухтар", "Muhamadmuhtar"},
	}
	for _, tt := range tests {
		if std := names.Fold(tt.cyr); sameName(std, names.Fold(tt.latin)) {
			t.Errorf("standard reading %q already meets %q: test is moot", std, tt.latin)
		}
		got, _ := names.ArabicReading(tt.cyr)
		if !sameName(names.Fold(got), names.Fold(tt.latin)) {
			t.Errorf("ArabicReading(%q) = %q does not meet %q", tt.cyr, got, tt.latin)
		}
	}
}

func TestArabicReadingNoCyrillic(t *testing.T) {
	for _, in := range []string{"", "Ayman al-Zawahiri", "محمد", "123 - ()", "\xff\xfe", "Ελένη"} {
		if got, ok := names.ArabicReading(in); ok || got != "" {
			t.Errorf("ArabicReading(%q) = %q, %v; want \"\", false", in, got, ok)
		}
	}
}

func TestArabicReadingHostile(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ан\xffдрей", "An\xffdrey"},                // invalid bytes copied
		{"аз-\xff", "az-\xff"},                      // truncated article
		{"д", "d"},                                  // lone д, no ж after it
		{strings.Repeat("аз-З", 3), "al-Zaz-Zaz-Z"}, // only the first is at a word start
	}
	for _, tt := range tests {
		if got, ok := names.ArabicReading(tt.in); !ok || got != tt.want {
			t.Errorf("ArabicReading(%q) = %q, %v; want %q, true", tt.in, got, ok, tt.want)
		}
	}
	huge := strings.Repeat("Завахири ", 100000)
	got, ok := names.ArabicReading(huge)
	if !ok || got != strings.Repeat("Zawahiri ", 100000) {
		t.Errorf("ArabicReading of a %d-byte name: ok %v, %d bytes out", len(huge), ok, len(got))
	}
}

func TestArabicReadingAllocs(t *testing.T) {
	n := testing.AllocsPerRun(100, func() { names.ArabicReading("Мухаммад аз-Завахири ИВАНОВ") })
	if n > 1 {
		t.Errorf("ArabicReading allocates %v times per call, want at most 1", n)
	}
}

func FuzzArabicReading(f *testing.F) {
	for _, s := range []string{"Айман аз-Завахири", "АЛЬ-", "аз-", "дж", "Иванович", "\xd0", "Ю́", "Ђ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := names.ArabicReading(s)
		if !ok && got != "" {
			t.Fatalf("ArabicReading(%q) = %q, false", s, got)
		}
		if ok && utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("ArabicReading(%q) = %q: invalid UTF-8", s, got)
		}
		if ok && strings.ContainsFunc(got, func(r rune) bool { return r >= 'а' && r <= 'я' }) {
			t.Fatalf("ArabicReading(%q) = %q: Russian letters left", s, got)
		}
	})
}

func BenchmarkArabicReading(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		names.ArabicReading("Абдурахманов Магомед Магомедзакирович аз-Завахири")
	}
}
