package names

import "strings"

// The second reading of a Thai name (see ThaiReading) follows its
// letters rather than its sound. Thai writes words of Pali and Sanskrit
// origin, and most family names are made of them, letter for letter as
// Pali and Sanskrit write them; the families romanise many of these
// names by the letters' Indic values, as King Vajiravudh did the
// surnames he granted (Vajiravudh วชิราวุธ, Bhumibol ภูมิพล, Sundaravej
// สุนทรเวช, Vejjajiva เวชชาชีวะ, Suvarnabhumi สุวรรณภูมิ), where the Royal
// Thai General System writes the sound (Wachirawut, Phumiphon,
// Sunthonwet). The reading follows:
//
//   - for the consonants, the Indic value of each letter in the Thai
//     alphabet for Pali and Sanskrit (the five rows k kh g gh ng, c ch j
//     jh ñ, ṭ ṭh ḍ ḍh ṇ, t th d dh n, p ph b bh m, then y r l v, ś ṣ s,
//     h ḷ), as the Royal Institute's principles for transcribing Pali
//     and Sanskrit words and the consonant table of ISO 11940 give them,
//     written in the plain Latin letters these names use (c ch, ś ṣ s,
//     ñ n or y, dots dropped): ค g, ช j, ท d, ธ dh, พ b, ภ bh, ว v;
//     the letters Thai alone has take their RTGS value (ซ s, ฝ ฟ f, ด d,
//     บ b, ฮ h);
//   - a consonant with no vowel written after it carries the inherent
//     vowel, a, unless it closes a syllable; it does close one at the end
//     of the word (กูล kul, เวช vej), after mai han-akat (วัตร vat-ra),
//     before the same consonant, its aspirate or a stop of its own row
//     after a nasal or a sibilant (the Pali and Sanskrit clusters: เวชชา
//     vejja, ยุทธ yuddh, สุนทร sund-, เศรษฐ sresth), as ง ม ย (which close
//     syllables in Thai words too: สม som, ยง yong), and before a final
//     consonant (ธร dhorn); where Thai writes no vowel, that vowel is o
//     in these spellings as in speech (Sonthi, Thanathorn, Bhumibol);
//     a consonant before ร or ล that carries a vowel forms a cluster with
//     it (ศรี sri, ปร pr);
//   - the thanthakhat ์ silences what it marks as in the first reading
//     (จันทร์ chan, ยุทธ์ yud);
//   - a final ร is written rn, as these names write it (Thanathorn,
//     Paetongtarn, Sirindhorn: the r of the letter, the n of its sound);
//     after a final consonant it is ra (ชินวัตร Shinawatra); รร is ar
//     (สุวรรณ Suvarna, ธรรม dharma);
//   - the vowels are read as in the first reading (RTGS).

// etymRole is what a consonant is in the etymological reading.
type etymRole uint8

const (
	etymWritten  etymRole = iota // carries a written vowel
	etymInherent                 // carries the unwritten vowel
	etymFinal                    // closes a syllable
	etymCluster                  // begins a cluster with the next consonant
	etymSilent                   // not read: ห before a sonorant (หลีก)
	etymRa                       // a final ร after a final consonant: ra
)

// etymSlot is a sounded consonant and the vowel written with it.
type etymSlot struct {
	cons   rune
	vowel  string
	vowels bool // a vowel is written with the consonant ("" for อ's o: ทอง)
	closed bool // the vowel is mai han-akat: the next consonant closes the syllable
	short  bool // the vowel is short (thaiShort)
	muted  bool // letters the thanthakhat silences follow: ภรณ์ bhorn
	role   etymRole
}

// foldThaiEtym returns the etymological reading of a Thai word.
func foldThaiEtym(word []rune) string {
	slots := etymSlots(word)
	etymRoles(slots)
	var b strings.Builder
	for i, s := range slots {
		switch s.role {
		case etymWritten:
			b.WriteString(etymOnset(s.cons))
			b.WriteString(s.vowel)
		case etymInherent:
			b.WriteString(etymOnset(s.cons))
			if i+1 < len(slots) && slots[i+1].role == etymFinal {
				b.WriteByte('o')
			} else {
				b.WriteByte('a')
			}
		case etymFinal:
			b.WriteString(etymCoda(s.cons))
		case etymRa:
			b.WriteString("ra")
		case etymCluster:
			b.WriteString(etymOnset(s.cons))
		}
	}
	return b.String()
}

// etymSlots reads the sounded consonants of word with their vowels:
// the runes the thanthakhat silences, tone marks and the thanthakhat are
// left out, and a leading vowel is given to the consonant it is read
// after.
func etymSlots(word []rune) []etymSlot {
	silent := make([]bool, len(word))
	muted := make([]bool, len(word)) // before runes the thanthakhat silences
	for i, r := range word {
		if r == thaiKaran {
			from, _ := karanSpan(word, i)
			for k := from; k <= i; k++ {
				silent[k] = true
			}
			if from > 0 {
				muted[from-1] = true
			}
		}
	}
	slots := make([]etymSlot, 0, len(word))
	for i := 0; i < len(word); i++ {
		r := word[i]
		switch {
		case silent[i]:
		case isThaiLeadingVowel(r) && i+1 < len(word) && isThaiConsonant(word[i+1]):
			onset, vowel, last := thaiLeadingParts(word, i)
			if onset > i+1 {
				slots = append(slots, etymSlot{cons: word[i+1], role: etymCluster})
			}
			slots = append(slots, etymSlot{cons: word[onset], vowel: vowel, vowels: true})
			i = last
		case r == 'ฤ' || r == 'ฦ':
			// ฤ (ṛ) is a syllable of its own: คึกฤทธิ์ kuekrid.
			slots = append(slots, etymSlot{cons: r, vowel: "ri", vowels: true})
			if r == 'ฦ' {
				slots[len(slots)-1].vowel = "li"
			}
		case isThaiConsonant(r):
			s := etymSlot{cons: r, muted: muted[i]}
			k := thaiNext(word, i+1)
			switch {
			case k+1 < len(word) && word[k] == 'ร' && word[k+1] == 'ร':
				s.vowel, s.vowels, i = "ar", true, k+1 // ธรรม dharma, สุวรรณ suvarna
			case k+1 < len(word) && word[k] == 0x0E31 && word[k+1] == 'ว' && !thaiCarries(word, k+1):
				s.vowel, s.vowels, i = "ua", true, k+1 // ตัว
			case k < len(word) && word[k] == 0x0E31:
				s.vowel, s.vowels, s.closed, s.short, i = "a", true, true, true, k
			case k < len(word) && isThaiVowelSign(word[k]):
				s.vowel, s.vowels, s.short, i = thaiVowel(word[k]), true, thaiShort(word[k]), k
				if word[k] == 'ื' && k+1 < len(word) && thaiCarrier(word[k+1]) {
					i++ // ือ: one vowel
				}
			case k < len(word) && thaiCarrier(word[k]) && r != word[k] && !thaiCarries(word, k):
				s.vowel, s.vowels, i = "o", true, k // อ after a consonant is the vowel o: ทอง
			}
			slots = append(slots, s)
		}
	}
	return slots
}

// etymRoles gives each consonant without a written vowel its role (see
// foldThaiEtym), from the first to the last; a syllable closes as early
// as it can (ลิปต lip-ta).
func etymRoles(slots []etymSlot) {
	n := len(slots)
	for i := range slots {
		s := &slots[i]
		switch {
		case s.vowels:
			s.role = etymWritten
			continue
		case s.role != etymWritten:
			continue // given with the consonant before
		}
		var prev, next *etymSlot
		if i > 0 {
			prev = &slots[i-1]
		}
		if i+1 < n {
			next = &slots[i+1]
		}
		afterVowel := prev != nil && (prev.role == etymWritten || prev.role == etymInherent)
		switch {
		case next == nil && prev == nil:
			s.role = etymInherent // a word of one consonant
		case next == nil:
			s.role = etymFinal
		case prev == nil && s.cons == 'ห' && thaiSonorant(next.cons):
			s.role = etymSilent // หลีก lik
		case etymClusters(s, next):
			s.role = etymCluster // ศรี sri, ปรีดี pridi
		case !afterVowel:
			s.role = etymInherent
		case i+2 == n && !next.vowels && next.cons == 'ร' && !next.muted && prev.vowels && prev.short:
			// A final ร after a consonant that follows a short vowel is
			// the Sanskrit cluster with its a (วัตร vatra, บุตร butra);
			// after a long or unwritten vowel the consonant begins the
			// last syllable (ธนาธร dhanadhorn), and so it does before
			// a silent letter (สรณ์ sorn).
			s.role, next.role = etymFinal, etymRa
		case i+2 == n && !next.vowels:
			// Before the word's final consonant a consonant begins the
			// last syllable (นนท์ non), but for a pair of one row (ยุทธ
			// yuddh).
			s.role = etymInherent
			if etymJoined(s.cons, next.cons) && !next.muted {
				s.role = etymFinal
			}
		case prev.closed, i+2 < n && etymClusters(next, &slots[i+2]), etymJoined(s.cons, next.cons), etymCloses(s.cons, next.cons, *prev):
			s.role = etymFinal
		default:
			s.role = etymInherent
		}
	}
}

// etymClusters reports whether the consonant s, with no vowel, begins a
// cluster with the next one, a ร or ล that carries a vowel: the clusters
// Thai reads as such (กร ปร พล …) and ศร (ศรี Sri); others are two
// syllables (บริพัตร Paribatra, ภราดร Paradorn).
func etymClusters(s, next *etymSlot) bool {
	return !s.vowels && next.vowels && (next.cons == 'ร' || next.cons == 'ล') && strings.ContainsRune("กขคตปผพศ", s.cons)
}

// thaiShort reports whether r is a short vowel sign: ะ ั ิ ึ ุ.
func thaiShort(r rune) bool {
	return r == 'ะ' || r == 0x0E31 || r == 'ิ' || r == 'ึ' || r == 'ุ'
}

// etymCloses reports whether a consonant a with no vowel, before b and
// after the slot prev, closes its syllable in Thai and Sanskrit alike: a
// stop before a stop or a sibilant (หลีกภัย, เอกสาร, the Sanskrit kṣ, pt,
// kt), a nasal other than น ณ (ง ญ ม, which Pali and Sanskrit write
// before a vowel only doubled: บุญ bun, สม som), and ย after a long
// vowel (ชาย chai).
func etymCloses(a, b rune, prev etymSlot) bool {
	switch {
	case strings.ContainsRune("งญม", a):
		return true
	case a == 'ย':
		return prev.vowels && !prev.short
	}
	_, ka := etymRow(a)
	_, kb := etymRow(b)
	return (ka == 'u' || ka == 'a') && (kb == 'u' || kb == 'a' || strings.ContainsRune("ศษส", b))
}

// etymJoined reports whether a consonant with no vowel before b closes
// its syllable as in a Pali or Sanskrit cluster: before the same letter
// or its aspirate (เวชชา vejja, ยุทธ yuddh), as a nasal or a sibilant
// before a stop of its row (สุนทร sundara, สนธิ sandhi, จินดา chinda,
// เศรษฐ sresth).
func etymJoined(a, b rune) bool {
	if a == b {
		return true
	}
	ra, ca := etymRow(a)
	rb, cb := etymRow(b)
	if ra == 0 || ra != rb {
		return false
	}
	switch {
	case ca == 'n' || ca == 's':
		return cb == 'u' || cb == 'a'
	case ca == 'u':
		return cb == 'a' // an unaspirated stop before its aspirate: ทธ, ตถ
	}
	return false
}

// etymRow returns the row (k, c, ṭ as 'T', t, p) a consonant belongs to
// in the Indic order and its kind in it: 'u' an unaspirated stop, 'a'
// an aspirated one, 'n' the nasal, 's' the sibilant; row 0 for others.
func etymRow(r rune) (row, kind byte) {
	for _, x := range [...]struct {
		row                    byte
		plain, aspirate, nasal string
		sibilant               rune
	}{
		{'k', "กคฅ", "ขฃฆ", "ง", 0},
		{'c', "จช", "ฉฌ", "ญ", 'ศ'},
		{'T', "ฏฑฎ", "ฐฒ", "ณ", 'ษ'},
		{'t', "ตทด", "ถธ", "น", 'ส'},
		{'p', "ปพบ", "ผภ", "ม", 0},
	} {
		switch {
		case strings.ContainsRune(x.plain, r):
			return x.row, 'u'
		case strings.ContainsRune(x.aspirate, r):
			return x.row, 'a'
		case strings.ContainsRune(x.nasal, r):
			return x.row, 'n'
		case r == x.sibilant && r != 0:
			return x.row, 's'
		}
	}
	return 0, 0
}

// etymOnset is the Indic value of a consonant that begins a syllable.
func etymOnset(r rune) string {
	switch r {
	case 'ค':
		return "g"
	case 'ฆ':
		return "gh"
	case 'ฌ':
		return "jh"
	case 'ฑ':
		return "d"
	case 'ฒ', 'ธ':
		return "dh"
	case 'พ':
		return "b"
	case 'ภ':
		return "bh"
	case 'อ':
		return ""
	case 'ฤ', 'ฦ':
		return ""
	}
	return thaiConsonantValue(r)
}

// etymCoda is the value of a consonant that closes a syllable: its
// onset value, but จ t, ช j, ท d, ญ n, ย i, ว w, and ร rn (see
// foldThaiEtym).
func etymCoda(r rune) string {
	switch r {
	case 'จ':
		return "t" // กิจ kit
	case 'ช':
		return "j" // เวช vej, ปราโมช Pramoj
	case 'ท':
		return "d" // ยุทธ yudh, อนันท์ Anand
	case 'ญ':
		return "n"
	case 'ย':
		return "i"
	case 'ว':
		return "w"
	case 'ร':
		return "rn"
	}
	return etymOnset(r)
}

// thaiConsonantValue is the generic value of a Thai consonant.
func thaiConsonantValue(r rune) string {
	if v := genericValue(r); v != "cch" {
		return v
	}
	return "ch"
}
