package names

// Numbers in names ("2nd Economic Committee", "Twenty-First Century
// Trading", "Second Academy of Natural Sciences") are read as one form:
// a number written with an ordinal suffix is its digits ("2nd" → "2"), a
// number of two English words is one part ("twenty one" → "twentyone"),
// and a part that is a number, in digits or English words, has the
// number as a variant key (see VariantKeys), so that "second", "2nd" and
// "2" meet, and a misspelt "seccond" still meets "second". English
// cardinals and ordinals up to ninety-nine are read; numbers in other
// languages are left as words.

var unitWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
	"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}

var tensWords = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
	"eightieth": 80, "ninetieth": 90,
}

// readNumbers writes ordinals in digits as digits and joins a number of
// two English words into one part, in place, and returns the words.
func readNumbers(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		if d, ok := ordinalDigits(w); ok {
			w = d
		} else if tens, ok := tensWords[w]; ok && tens%10 == 0 && i+1 < len(words) {
			if u, ok := unitWords[words[i+1]]; ok && u >= 1 && u <= 9 {
				w += words[i+1] // "twenty one" → "twentyone"
				i++
			}
		}
		out = append(out, w)
	}
	return out
}

// ordinalDigits reads "2nd", "21st", "3rd", "4th" as their digits.
func ordinalDigits(w string) (string, bool) {
	n := len(w)
	if n < 3 || w[0] < '0' || w[0] > '9' {
		return "", false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
	default:
		return "", false
	}
	for i := 0; i < n-2; i++ {
		if w[i] < '0' || w[i] > '9' {
			return "", false
		}
	}
	return w[:n-2], true
}

// numberWord reads a part written as an English number: a unit or teen
// ("one", "second"), a tens word ("twenty", "twentieth") or a tens word
// joined to a unit ("twentyone", "twentyfirst").
func numberWord(w string) (int, bool) {
	if u, ok := unitWords[w]; ok && !particles[w] { // Dutch "ten" stays a particle
		return u, true
	}
	if t, ok := tensWords[w]; ok {
		return t, true
	}
	for tens, t := range tensWords {
		if t%10 == 0 && len(w) > len(tens) && w[:len(tens)] == tens && !endsTh(tens) {
			if u, ok := unitWords[w[len(tens):]]; ok && u >= 1 && u <= 9 {
				return t + u, true
			}
		}
	}
	return 0, false
}

func endsTh(s string) bool { return len(s) > 2 && s[len(s)-2:] == "th" }
