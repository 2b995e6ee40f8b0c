package match

import "github.com/vigil-screening/vigil/names"

// simVowels is the similarity of a part read from a script that writes
// only long vowels and a Latin part that shares its skeleton and writes
// every vowel letter it has (see names.VowelsAgree): as close as two
// spellings of one name (simVariant).
const simVowels = simVariant

// unvowelledSim returns the similarity of two parts with one consonant
// skeleton, one of them read from Arabic or Hebrew script: simVowels when
// the Latin part writes the vowel letters the script wrote and there was
// one to check, else simPhonetic (the skeleton alone cannot tell Saud
// from Saad).
func unvowelledSim(q, l *Part) float32 {
	u, lat := q, l
	if !u.Unvowelled {
		u, lat = l, q
	}
	if !u.Unvowelled || lat.Unvowelled || u.Trans || u.Kana || lat.Kana || u.Class != names.Plain || lat.Class != names.Plain {
		return simPhonetic
	}
	if agree, checked := names.VowelsAgree(u.Text, lat.Text); agree && checked {
		return simVowels
	}
	return simPhonetic
}

// arabicLatinSim compares a part read from Arabic script with a Latin
// part whose skeleton differs, through the Latin part's other readings
// (see latinReadings): when one has the Arabic part's skeleton, they meet
// as by skeleton.
func arabicLatinSim(q, l *Part) (float32, bool) {
	u, lat := q, l
	if !u.Unvowelled {
		u, lat = l, q
	}
	if !u.Unvowelled || lat.Unvowelled || u.Trans || u.Kana || lat.Kana || u.Class != names.Plain || lat.Class != names.Plain || u.SkelLen < 2 {
		return 0, false
	}
	var best float32
	endsA := u.Text[len(u.Text)-1] == 'a'
	for i, r := range latinReadings(lat.Text) {
		// The final h stands for the script's final a only: سالم "salm"
		// is not Salmah.
		if r == "" || i == 1 && !endsA || !names.SameSkeleton(r, u.Text) || !names.NisbaAgrees(u.Text, r) {
			continue
		}
		s := float32(simPhonetic)
		if agree, checked := names.VowelsAgree(u.Text, r); agree && checked {
			s = simVowels
		}
		best = max(best, s)
	}
	return best, best > 0
}

// latinReadings returns other readings of a Latin part for comparing it
// with a part read from Arabic script: the French one (names.FrenchReading:
// ch for ش, c for س), without a final h after a vowel, which Latin
// forms add for the ending ة or a final alif (Akrimah عكرمة, Namlah
// النملة, Mullah ملا), and with j for g as Egyptian names write ج
// (names.EgyptianReading: Ragab رجب). Empty strings stand for no reading.
func latinReadings(lat string) [3]string {
	var out [3]string
	out[0] = names.FrenchReading(lat)
	out[2] = names.EgyptianReading(lat)
	if n := len(lat); n >= 4 && lat[n-1] == 'h' && (lat[n-2] == 'a' || lat[n-2] == 'e') {
		out[1] = lat[:n-1]
	}
	return out
}
