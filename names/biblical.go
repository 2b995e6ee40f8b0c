package names

import (
	_ "embed"
	"slices"
	"strings"
)

// A name in Hebrew script may carry a given name of the Hebrew Bible
// that the lists write in its English form: בנימין Benjamin, יצחק Isaac,
// משה Moses, יעקב Jacob, where the Israeli romanisation (Binyamin,
// Yitzhak, Moshe, Ya'akov) and the letters share too little. The pairs
// come from Strong's Hebrew dictionary (James Strong, 1894, public
// domain; see data/BIBLICAL-NAMES.md): every personal name of the Hebrew
// Bible, unpointed, and its renderings in the King James Version.

//go:embed data/biblical-names.csv
var biblicalCSV string

// biblicalEnglish maps a personal name of the Hebrew Bible, as Strong's
// writes it and with the ו and י inside it dropped (modern spelling
// writes more of them: אהרן and אהרון Aaron), to its English form.
var biblicalEnglish = func() map[string]string {
	forms := map[string][]string{}
	var order []string
	for _, line := range strings.Split(biblicalCSV, "\n") {
		heb, eng, ok := strings.Cut(strings.TrimSpace(line), ",")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, k := range []string{heb, hebrewDefective(heb)} {
			if _, seen := forms[k]; !seen {
				order = append(order, k)
			}
			if !slices.Contains(forms[k], eng) {
				forms[k] = append(forms[k], eng)
			}
		}
	}
	m := make(map[string]string, len(forms))
	for _, k := range order {
		m[k] = englishForm(forms[k])
	}
	return m
}()

// englishForm picks, of the King James renderings of one Hebrew name,
// the one English uses as a given name (a full name of nicknames.csv:
// Solomon, not Salmon, for שלמה; Joshua, not Jehoshua, for יהושע), or the
// first.
func englishForm(forms []string) string {
	for _, f := range forms {
		if _, ok := fullNames[f]; ok {
			return f
		}
	}
	return forms[0]
}

// hebrewDefective returns a Hebrew word without the ו and י inside it.
func hebrewDefective(w string) string {
	rs := []rune(w)
	if len(rs) < 3 {
		return w
	}
	out := []rune{rs[0]}
	for _, r := range rs[1 : len(rs)-1] {
		if r != 'ו' && r != 'י' {
			out = append(out, r)
		}
	}
	return string(append(out, rs[len(rs)-1]))
}

// BiblicalReading returns a name in Hebrew script of two words or more
// with the given names (every word but the last) that are personal names
// of the Hebrew Bible written in their English form, read otherwise as
// HebrewReading reads it: בנימין נתניהו "benjamin ntnihu". It reports
// false when no given name is such a name.
func BiblicalReading(s string) (string, bool) {
	if !strings.ContainsFunc(s, isHebrewLetter) {
		return "", false
	}
	words := strings.Fields(s)
	if len(words) < 2 {
		return "", false
	}
	changed := false
	for i, w := range words[:len(words)-1] {
		e, ok := biblicalEnglish[w]
		if !ok {
			e, ok = biblicalEnglish[hebrewDefective(w)]
		}
		if ok {
			words[i], changed = e, true
		}
	}
	if !changed {
		return "", false
	}
	return altMark + strings.Join(words, " "), true
}
