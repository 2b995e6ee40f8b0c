package names

import "testing"

// TestAfghanReading: a name in Arabic script with no letter only Persian
// or Urdu uses is also read the Afghan and Pakistani way, ث s and ذ ض ظ
// z, with و kept a w (محمد رضوان Muhammad Rizwan, not Rizvan). Must not:
// a name with none of those letters, or one PersianReading reads the
// same (no و it would make v), gets no reading of its own.
func TestAfghanReading(t *testing.T) {
	checkReading(t, "AfghanReading", AfghanReading, map[string]string{
		"محمد رضوان": "mhmd rzwan",
		"وثيق":       "wsiq",
		"وذير":       "wzir",
	})
	for _, in := range []string{
		"وليد",        // no interdental letter
		"ثامر",        // no و: PersianReading gives it
		"ضياء الحق",   // no و either
		"محمد رضوانی", // Persian letter: Fold reads it so already
		"Rizwan",
	} {
		if r, ok := AfghanReading(in); ok {
			t.Errorf("AfghanReading(%s) = %q, want none", in, r)
		}
	}
}

// TestIraqiReading: ظ is also read dh, as Iraqi and Gulf names write it
// (كاظم الساهر Kadhim al-Sahir, مصطفى الكاظمي Mustafa al-Kadhimi). Must
// not: ز stays z (زاهر Zaher), and a Persian name keeps z (عظیم Azim).
func TestIraqiReading(t *testing.T) {
	checkReading(t, "IraqiReading", IraqiReading, map[string]string{
		"كاظم الساهر":   "kadhm al sahr",
		"مصطفى الكاظمي": "mstfa al kadhmi",
		"ناظم":          "nadhm",
	})
	for _, in := range []string{"زاهر", "عظیم", "Kazim"} {
		if r, ok := IraqiReading(in); ok {
			t.Errorf("IraqiReading(%s) = %q, want none", in, r)
		}
	}
}

// TestInterdentalSpelling: dh read from Arabic script is spelled th;
// nothing else is.
func TestInterdentalSpelling(t *testing.T) {
	for in, want := range map[string]string{
		"kadhm": "kathm",
		"dhiab": "thiab",
		"dawud": "", // d alone stays
		"fthi":  "",
	} {
		if got := InterdentalSpelling(in); got != want {
			t.Errorf("InterdentalSpelling(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFinalIyah: the h of a final يه is dropped; nothing else is.
func TestFinalIyah(t *testing.T) {
	for in, want := range map[string]string{
		"zinih": "zini",
		"atih":  "ati",
		"fih":   "", // too short
		"shah":  "", // not يه
		"fqiah": "", // a vowel before: not the ending
	} {
		if got := FinalIyah(in); got != want {
			t.Errorf("FinalIyah(%q) = %q, want %q", in, got, want)
		}
	}
}

// checkReading checks that reading gives each name a reading Fold reads
// as wanted.
func checkReading(t *testing.T, fn string, reading func(string) (string, bool), cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		r, ok := reading(in)
		if !ok {
			t.Errorf("%s(%s): none", fn, in)
			continue
		}
		if got := Fold(r); got != want {
			t.Errorf("Fold(%s(%s)) = %q, want %q", fn, in, got, want)
		}
	}
}
