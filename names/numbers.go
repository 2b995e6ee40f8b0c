package names

import "strconv"

// Numbers in names ("2nd Economic Committee", "Twenty-First Century
// Trading", "Second Academy of Natural Sciences") are read as one form,
// their digits, whether written in digits, with an ordinal suffix or in
// words: "2nd", "second" and "2" are all "2"; "twenty one", "twenty
// first" and "21st" are all "21". English cardinals and ordinals up to
// ninety-nine, and hundred and thousand after a number, are read;
// numbers in other languages are left as words.

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

// readNumbers rewrites the numbers among words as digits, in place, and
// returns the words.
func readNumbers(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); {
		if d, ok := ordinalDigits(words[i]); ok {
			out = append(out, d)
			i++
			continue
		}
		n, used := numberWords(words[i:])
		if used == 0 {
			out = append(out, words[i])
			i++
			continue
		}
		out = append(out, strconv.Itoa(n))
		i += used
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

// numberWords reads a number written in English words at the start of
// words and returns it and the number of words used, or (0, 0).
func numberWords(words []string) (int, int) {
	n, used := 0, 0
	if t, ok := tensWords[words[0]]; ok {
		n, used = t, 1
		if len(words) > 1 {
			if u, ok := unitWords[words[1]]; ok && u >= 1 && u <= 9 {
				n, used = n+u, 2
			}
		}
	} else if u, ok := unitWords[words[0]]; ok && !particles[words[0]] { // Dutch "ten" stays a particle
		n, used = u, 1
	} else {
		return 0, 0
	}
	for _, scale := range []struct {
		word string
		mul  int
	}{{"hundred", 100}, {"thousand", 1000}} {
		if used < len(words) && (words[used] == scale.word || words[used] == scale.word+"th") {
			n *= scale.mul
			used++
		}
	}
	return n, used
}
