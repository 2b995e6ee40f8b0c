package names

import "strings"

// LocalReading returns a name written in Latin letters the way its
// language's spelling reads in the romanisations lists use, or false when
// no rule changes it. Lists write one person's name in the spelling of
// the country that listed them, and people write it in their own:
//   - Baltic case endings, in a name that has a Lithuanian or Latvian
//     letter or ending (see balticMarker): Lithuanian -as, -is, -ys, -us
//     (Aleksandras, Vladimiras) and Latvian -s after a consonant
//     (Aleksandrs, Vladimirs) are dropped, as the Russian and English
//     forms have no ending (Aleksandr, Vladimir);
//   - Hungarian and Polish digraphs, in a word that has one of them (see
//     hungarianOrPolish): gy is dj, ty t, ny n, sz s, cs and cz ch, zs
//     zh, and s alone sh (Kovács Kovach, Szabó Sabo, Gyula Djula,
//     Czesław Cheslaw);
//   - French renderings of Slavic names (see frenchSlavic): tch is ch,
//     ou u, a final -ine after a consonant -in and a final -ski -sky
//     (Poutine Putin, Gorbatchev Gorbachev, Iouri Iuri);
//   - a digit standing for a letter inside a word of letters (0 o, 1 i,
//     3 e, 4 a, 5 s, 7 t, 8 b: M0hammed, Al1): only a lone digit with
//     at least two letters beside it, so numbers ("747", "F16", "3M")
//     stay numbers.
//
// The caller screens this reading beside the name as written and keeps
// the best, so a name that only looks localised loses nothing.
func LocalReading(s string) (string, bool) {
	if !isLatinText(s) {
		return "", false
	}
	words := strings.Fields(Fold(s))
	baltic := balticDiacritic(s) || slicesAny(words, balticMarker)
	hungarian := strings.ContainsAny(s, "őŐűŰöÖüÜáÁéÉíÍóÓúÚ")
	changed := false
	for i, w := range words {
		v := localWord(w, hungarian)
		if baltic {
			v = balticStem(v)
		}
		if v != w {
			words[i], changed = v, true
		}
	}
	if !changed {
		return "", false
	}
	return strings.Join(words, " "), true
}

func localWord(w string, hungarian bool) string {
	w = digitsAsLetters(w)
	if hungarianOrPolish(w, hungarian) {
		w = hungarianReplacer.Replace(w)
	}
	if !frenchSlavic(w) {
		return w
	}
	w = frenchReplacer.Replace(w)
	switch n := len(w); {
	case n >= 6 && strings.HasSuffix(w, "ine") && !isVowelByte(w[n-4]):
		w = w[:n-1] // poutine → poutin (→ putin by ou)
	case n >= 6 && strings.HasSuffix(w, "ski"):
		w = w[:n-1] + "y"
	}
	return w
}

// frenchSlavic reports whether w looks like a French rendering of a
// Slavic name: it starts with tch or iou or ends in a Slavic ending
// (Tchaikovski, Iouri, Gorbatchev, Poutine); English tch (Mitchell,
// Fletcher) and ou (Brooks, Louis) are left alone.
func frenchSlavic(w string) bool {
	if strings.HasPrefix(w, "tch") || strings.HasPrefix(w, "iou") {
		return true
	}
	for _, e := range []string{"ev", "ov", "ski", "enko", "itch"} {
		if len(w) > len(e)+2 && strings.HasSuffix(w, e) {
			return true
		}
	}
	// -ine after ou: Poutine, Raspoutine, Pouchkine; not Jasmine.
	return strings.HasSuffix(w, "ine") && strings.Contains(w, "ou")
}

// balticMarker reports whether w has an ending only Lithuanian or
// Latvian names have (Ivanauskas, Petraitis, Juozapavičius, Ivanovs),
// so that the endings of the other words of the name are Baltic too:
// Thomas Davis keeps its -as and -is, and English -ins (Higgins) and
// Latin -ius (Julius) do not count.
func balticMarker(w string) bool {
	for _, e := range []string{"auskas", "aitis", "avicius", "evicius", "ovs", "evs", "iene", "aite", "yte"} {
		if len(w) > len(e)+2 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// balticDiacritic reports whether s has a letter only Lithuanian or
// Latvian spelling uses.
func balticDiacritic(s string) bool {
	return strings.ContainsAny(s, "ėĖųŲįĮūŪāĀēĒīĪņŅļĻķĶģĢ")
}

func slicesAny(ws []string, f func(string) bool) bool {
	for _, w := range ws {
		if f(w) {
			return true
		}
	}
	return false
}

// balticStem drops a Lithuanian or Latvian case ending (see LocalReading).
func balticStem(w string) string {
	n := len(w)
	if n >= 5 && w[n-1] == 's' && strings.IndexByte("aiyu", w[n-2]) >= 0 && !isVowelByte(w[n-3]) {
		return w[:n-2]
	}
	if n >= 5 && w[n-1] == 's' && !isVowelByte(w[n-2]) && w[n-2] != 's' && w[n-2] != 'z' && w[n-2] != 'c' {
		return w[:n-1]
	}
	return w
}

// hungarianOrPolish reports whether w has a digraph only Hungarian or
// Polish spelling uses: sz, cs, zs or cz inside the word; or gy, ny or ty before a vowel
// in a name with a Hungarian accented letter (hungarian), since English
// and Japanese romanisation write them too (energy, Tonya, gyoza).
func hungarianOrPolish(w string, hungarian bool) bool {
	for _, d := range []string{"sz", "cs", "zs", "cz"} {
		// Not at the end of the word: English plurals end in -cs
		// (electronics) and Dutch patronymics in -sz, unless the name
		// is Hungarian (Kovács).
		if i := strings.Index(w, d); i >= 0 && (i+2 < len(w) || hungarian) {
			return true
		}
	}
	if !hungarian {
		return false
	}
	for _, d := range []string{"gy", "ny", "ty"} {
		if i := strings.Index(w, d); i >= 0 && i+2 < len(w) && isVowelByte(w[i+2]) {
			return true
		}
	}
	return false
}

// The order matters: digraphs before the s they contain.
var hungarianReplacer = strings.NewReplacer("gy", "dj", "ty", "t", "ny", "n", "sz", "s", "cs", "ch", "zs", "zh", "cz", "ch", "s", "sh")

var frenchReplacer = strings.NewReplacer("tch", "ch", "ou", "u")

// digitsAsLetters reads a lone digit inside a word of letters as the
// letter it stands for (see LocalReading).
func digitsAsLetters(w string) string {
	var b []byte
	for i := 0; i < len(w); i++ {
		l, ok := digitLetter[w[i]]
		if !ok || i > 0 && isDigitByte(w[i-1]) || i+1 < len(w) && isDigitByte(w[i+1]) {
			continue
		}
		if letters := len(w) - countDigits(w); letters < 2 {
			continue
		}
		if b == nil {
			b = []byte(w)
		}
		b[i] = l
	}
	if b == nil {
		return w
	}
	return string(b)
}

var digitLetter = map[byte]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b'}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func countDigits(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isDigitByte(w[i]) {
			n++
		}
	}
	return n
}

// isLatinText reports whether s has letters and all of them are Latin.
func isLatinText(s string) bool {
	letters := false
	for _, r := range s {
		switch {
		case r < 0x80:
			letters = letters || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		case r < 0x250 || r >= 0x1E00 && r < 0x1F00:
			letters = true // Latin with diacritics
		default:
			if isLetterOrMark(r) {
				return false
			}
		}
	}
	return letters
}
