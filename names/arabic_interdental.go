package names

import "strings"

// The interdental letters ث ذ ظ are read differently across the Arabic-
// and Persian-speaking world, and the lists' Latin forms follow the
// speaker, not the letter:
//   - Afghan, Pakistani, Iranian and Turkish names read ث s and ذ ض ظ z
//     (وثيق Wasiq, نذير Nazir, رمضان Ramazan) but keep و a w (Wasiq,
//     not Vasiq), which PersianReading writes v;
//   - Iraqi and Gulf names read ظ as ذ, dh, which English writes th or dh
//     (كاظم Kadhim, Kathim; ناظم Nadhim; حافظ Hafidh), and ذ itself is
//     often written th (ذياب Thiab).

// AfghanReading returns the name s, in Arabic script, read as Afghan and
// Pakistani names are: ث as s and ذ ض ظ as z, ى as ی (i: حنفى Hanafi,
// ولى Wali, typed on an Arabic keyboard), with و a w (see the notes
// above). It reports false when s has none of those letters, or no و
// that PersianReading would read v (then PersianReading gives the same
// reading), or when it already has a letter only Persian, Dari, Pashto
// or Urdu use and no ى (then Fold reads it so).
func AfghanReading(s string) (string, bool) {
	rs := []rune(s)
	maqsura := strings.ContainsRune(s, 'ى')
	persian := isPersian(rs)
	if !maqsura && (persian || !hasInterdental(rs, "ثذضظ")) {
		return "", false
	}
	v := false
	for i, r := range rs {
		if r == 'و' && persianV(rs, i) {
			v = true
			break
		}
	}
	if !v {
		return "", false
	}
	out := []rune(strings.ReplaceAll(s, "ى", "ی"))
	if !isPersian(out) {
		// The zero-width non-joiner marks the name Persian for Fold
		// (see PersianReading), which reads ث s and ذ ض ظ z but و w.
		out = append(out, 0x200C)
	}
	return string(out), true
}

// IraqiReading returns the name s, in Arabic script, with ظ read as ذ,
// dh, as Iraqi and Gulf names write it (كاظم Kadhim, ناظم Nadhim), where
// Fold reads z (Kazim, Nazim). It reports false when s has no ظ or is
// Persian (Persian reads ظ z: عظیم Azim).
func IraqiReading(s string) (string, bool) {
	if !strings.ContainsRune(s, 'ظ') || isPersian([]rune(s)) {
		return "", false
	}
	return strings.ReplaceAll(s, "ظ", "ذ"), true
}

func hasInterdental(rs []rune, letters string) bool {
	for _, r := range rs {
		if strings.ContainsRune(letters, r) {
			return true
		}
	}
	return false
}

// InterdentalSpelling returns a part read from Arabic script with th for
// every dh (ذ, or ظ read the Iraqi way), for finding and meeting its
// Latin forms written th, as English writes both interdentals (Kathim
// كاظم, Thiab ذياب); "" when it has none. The skeleton reads th as t, so
// a caller comparing must check that the Latin form writes th (ظاهر
// Thahir is not طاهر Tahir).
func InterdentalSpelling(unvowelled string) string {
	if !strings.Contains(unvowelled, "dh") {
		return "" // respell would build the text to find nothing
	}
	return respell(unvowelled, 'd', func(next byte) (string, bool, bool) {
		return "th", true, next == 'h'
	})
}

// appendArabicReadings appends the Afghan and Iraqi readings of s (see
// AfghanReading, IraqiReading) that it has.
func appendArabicReadings(out []string, s string) []string {
	if r, ok := AfghanReading(s); ok {
		out = append(out, r)
	}
	if r, ok := IraqiReading(s); ok {
		out = append(out, r)
	}
	return out
}

// FinalIyah returns a part read from Arabic script that ends in يه, read
// "ih", without its h: the ending -iyya is often written ه for ة (زينيه
// Zayniyah, Zeiniye; عطيه Atiya, Attieh; فتحيه Fathiya), and Latin forms
// write -iya, -iye as often as -iyah, -ieh. "" when the part does not
// end so or is too short to carry the ending (فيه). A root h (وجيه Wajih,
// نبيه Nabih) also loses it: the skeleton then meets Waji as well, a
// small cost beside the names the ending brings.
func FinalIyah(unvowelled string) string {
	n := len(unvowelled)
	if n < 4 || !strings.HasSuffix(unvowelled, "ih") || strings.IndexByte("aeiouwy", unvowelled[n-3]) >= 0 {
		return ""
	}
	return unvowelled[:n-1]
}
