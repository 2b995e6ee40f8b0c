package synth

import (
	"strings"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/names"
)

// orgBuilder collects organisation (or vessel) name words before they are
// deduplicated.
type orgBuilder struct {
	weight      int
	countries   []string
	templates   [][]string
	legal       []string
	named       int
	words, held map[string]bool
}

func newOrgBuilder() *orgBuilder {
	return &orgBuilder{words: map[string]bool{}, held: map[string]bool{}}
}

// maxOrgWords bounds the names used as templates: longer ones are
// descriptions rather than names.
const maxOrgWords = 8

// addRecord adds the Latin-script names of a seed organisation or vessel.
func (b *orgBuilder) addRecord(e *entity.Entity, country string) {
	b.weight++
	b.countries = append(b.countries, country)
	for _, n := range e.Names {
		if n.Type == entity.NameOriginalScript || n.Type == entity.NameWeakAlias {
			continue
		}
		ws := orgWords(n.Full)
		if len(ws) == 0 || len(ws) > maxOrgWords || !latin(ws) {
			continue
		}
		b.named++
		ws, legal := cutLegal(ws)
		if legal != "" {
			b.legal = append(b.legal, legal)
		}
		if len(ws) == 0 {
			continue
		}
		b.templates = append(b.templates, ws)
		for _, w := range ws {
			switch {
			case !contentWord(w):
			case heldOut(w):
				b.held[w] = true
			default:
				b.words[w] = true
			}
		}
	}
}

func (b *orgBuilder) merge(o *orgBuilder) {
	b.weight += o.weight
	b.countries = append(b.countries, o.countries...)
	b.templates = append(b.templates, o.templates...)
	b.legal = append(b.legal, o.legal...)
	b.named += o.named
	addAll(b.words, o.words)
	addAll(b.held, o.held)
}

func (b *orgBuilder) pool() *orgPool {
	return &orgPool{
		weight: b.weight, countries: b.countries, templates: b.templates, legal: b.legal,
		named: b.named, words: sorted(b.words), held: sorted(b.held),
	}
}

// orgWords splits an organisation name into tidied words, dropping the
// commas that separate a legal form ("ACME, LTD.").
func orgWords(full string) []string {
	var ws []string
	for _, w := range strings.Fields(strings.ReplaceAll(full, ",", " ")) {
		if w = strings.Trim(w, "\"'()«»“”"); w != "" {
			ws = append(ws, tidy(w))
		}
	}
	return ws
}

// latin reports whether the words hold no letters outside Latin script.
func latin(ws []string) bool {
	for _, w := range ws {
		if names.Fold(w) == "" {
			return false
		}
		for _, r := range w {
			if r > 0x24F && !strings.ContainsRune("&-'.()", r) {
				return false
			}
		}
	}
	return true
}

// cutLegal splits a trailing legal form ("Co. Ltd.", "L.L.C.", "S.A. de
// C.V.") off the words, as the screening engine's list of legal forms
// recognises them.
func cutLegal(ws []string) (rest []string, legal string) {
	for k := min(4, len(ws)-1); k >= 1; k-- {
		tail := ws[len(ws)-k:]
		phrase := names.Fold(strings.NewReplacer(".", "", ",", "").Replace(strings.Join(tail, " ")))
		if names.IsLegalSpelling(phrase) {
			return ws[:len(ws)-k], strings.Join(tail, " ")
		}
	}
	return ws, ""
}

// contentWord reports whether w carries the identity of a name and may be
// replaced by another: three letters or more, neither a stop word nor a
// legal form ("Ooo", "Limited").
func contentWord(w string) bool {
	return nameWord(w) && runeCount(w) >= 3 && !stopWords[strings.ToLower(w)] && !names.IsLegalSpelling(names.Fold(w))
}
