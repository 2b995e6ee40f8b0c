package match

import "github.com/vigil-screening/vigil/names"

// shortUnvowelledJoin reports whether parts read from Arabic script and
// written apart (ولي جان "wli jan", ولي الله "wli allah", سعد الدين "sd al
// din") meet a Latin part that writes them as one word (Walijan,
// Waliullah, Saduddin) when their joined skeleton is short, three
// consonants: the skeleton alone is too weak a sign there (سعد الدين and
// Sadoun are both s-d-n), so the Latin part must also write every vowel
// letter the script wrote (see names.VowelsAgree), with one to check. The
// article between two parts is left out, as the Latin forms assimilate
// or drop its l (ArticleJoinSkeleton), and so is the alif of Allah.
func shortUnvowelledJoin(joined []Part, p *Part) bool {
	if p.Unvowelled || p.Trans || p.Kana {
		return false
	}
	text := ""
	for i := range joined {
		u := &joined[i]
		if !u.Unvowelled || u.Trans || u.Kana {
			return false
		}
		if i == 1 && len(joined) == 3 {
			if _, ok := ArticleJoinSkeleton(joined[0].Text, u.Text, joined[2].Text); ok {
				continue
			}
		}
		if i > 0 && u.Text == "allah" {
			// The alif of Allah's article is no vowel letter: the Latin
			// forms write a linking vowel there (Saadullah, Habibollah).
			text += "llah"
			continue
		}
		text += u.Text
	}
	agree, checked := names.VowelsAgree(text, p.Text)
	return agree && checked
}
