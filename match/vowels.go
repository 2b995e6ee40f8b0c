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
