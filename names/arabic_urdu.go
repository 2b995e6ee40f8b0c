package names

// heOf returns the letter at i, with the Urdu do-chashmi he ھ given as ه
// where it is not an aspiration: Urdu writes ھ after a consonant it
// aspirates (بھ bh, تھ th, کھ kh, گھ gh), and keyboards that type ھ for ه
// give it elsewhere in Arabic names (طھ Taha, إبراھیم Ibrahim), where it is
// the h of ه and read as such.
func heOf(rs []rune, i int) rune {
	if rs[i] != 'ھ' || i > 0 && aspirable(rs[i-1]) {
		return rs[i]
	}
	return 'ه'
}

// aspirable reports whether Urdu writes ھ after r for an aspirate: the
// consonants of its native words, not the Arabic ط ح ع or the vowels.
func aspirable(r rune) bool {
	switch r {
	case 'ب', 'پ', 'ت', 'ٹ', 'ج', 'چ', 'د', 'ڈ', 'ر', 'ڑ', 'ک', 'ك', 'گ', 'ل', 'م', 'ن':
		return true
	}
	return false
}
