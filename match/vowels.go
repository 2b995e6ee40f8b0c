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

// frenchSim compares a part read from Arabic script with a Latin part
// spelled the French way (see names.FrenchReading): when the French
// reading has the Arabic part's skeleton, they meet as by skeleton.
func frenchSim(q, l *Part) (float32, bool) {
	u, lat := q, l
	if !u.Unvowelled {
		u, lat = l, q
	}
	if !u.Unvowelled || lat.Unvowelled || u.Trans || u.Kana || lat.Kana || u.Class != names.Plain || lat.Class != names.Plain || u.SkelLen < 2 {
		return 0, false
	}
	fr := names.FrenchReading(lat.Text)
	if fr == "" || names.Skeleton(fr) != names.Skeleton(u.Text) || !names.NisbaAgrees(u.Text, fr) {
		return 0, false
	}
	if agree, checked := names.VowelsAgree(u.Text, fr); agree && checked {
		return simVowels, true
	}
	return simPhonetic, true
}
