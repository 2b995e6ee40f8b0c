package names

import "strings"

// Organisation names translated into their own script name countries in
// the forms of that language: an Arabic nisba (الليبية "libia" is
// Libyan, المصري "msri" Egyptian), a Russian adjective (российский
// Russian, белорусский Belarusian), a Chinese or Korean name (朝鲜
// Chosun, 中国 China). The groups below give each country's names and
// adjectives in English, Arabic, Persian, Russian, Chinese and Korean,
// from the countries' standard names in those languages; they share the
// variant key "@" + the English name. Unlike organisation words (see
// orgWords), a country tells one organisation from another, so these
// words keep their weight (see match.Vocab.Mark, places). Names of two
// Chinese characters are not joined into one part as organisation words
// are (see joinOrgWords): read as syllables, 中国 "zhong guo" would also
// join the syllables of 沈忠國際 "shen zhong guo ji"; they meet a name
// written in pinyin as one word ("Zhongguo").
var countryNames = [][]string{
	{"egypt", "egyptian", "مصر", "مصري", "مصرية", "египет", "египетский", "埃及", "이집트"},
	{"morocco", "moroccan", "المغرب", "مغربي", "مغربية", "марокко", "марокканский", "摩洛哥", "모로코"},
	{"tunisia", "tunisian", "تونس", "تونسي", "تونسية", "тунис", "тунисский", "突尼斯", "튀니지"},
	{"libya", "libyan", "ليبيا", "ليبي", "ليبية", "ливия", "ливийский", "利比亚", "리비아"},
	{"algeria", "algerian", "الجزائر", "جزائري", "جزائرية", "алжир", "алжирский", "阿尔及利亚", "알제리"},
	{"syria", "syrian", "سوريا", "سورية", "سوري", "сирия", "сирийский", "叙利亚", "시리아"},
	{"iraq", "iraqi", "العراق", "عراقي", "عراقية", "ирак", "иракский", "伊拉克", "이라크"},
	{"iran", "iranian", "إيران", "ايران", "إيراني", "ايراني", "ایرانی", "иран", "иранский", "伊朗", "이란"},
	{"afghanistan", "afghan", "أفغانستان", "افغانستان", "افغاني", "افغانی", "афганистан", "афганский", "阿富汗", "아프가니스탄"},
	{"pakistan", "pakistani", "باكستان", "پاکستان", "باكستاني", "پاکستانی", "пакистан", "пакистанский", "巴基斯坦", "파키스탄"},
	{"yemen", "yemeni", "اليمن", "يمني", "يمنية", "йемен", "йеменский", "也门", "예멘"},
	{"lebanon", "lebanese", "لبنان", "لبناني", "لبنانية", "ливан", "ливанский", "黎巴嫩", "레바논"},
	{"sudan", "sudanese", "السودان", "سوداني", "سودانية", "судан", "суданский", "苏丹", "수단"},
	{"somalia", "somali", "الصومال", "صومالي", "صومالية", "сомали", "сомалийский", "索马里", "소말리아"},
	{"russia", "russian", "россия", "российский", "русский", "всероссийский", "общероссийский", "روسيا", "روسي", "روسی", "روسیه", "俄罗斯", "俄羅斯", "러시아"},
	{"belarus", "belarusian", "беларусь", "белорусский", "беларуский", "беларускі", "بيلاروسيا", "白俄罗斯", "벨라루스"},
	{"ukraine", "ukrainian", "украина", "украинский", "україна", "український", "أوكرانيا", "乌克兰", "우크라이나"},
	{"china", "chinese", "sino", "китай", "китайский", "الصين", "صيني", "چین", "中国", "中國", "中华", "中華", "중국"},
	{"korea", "korean", "chosun", "choson", "корея", "корейский", "كوريا", "کره", "朝鲜", "朝鮮", "韩国", "韓國", "조선", "한국"},
	{"turkey", "turkish", "türkiye", "турция", "турецкий", "تركيا", "تركي", "ترکیه", "土耳其", "터키"},
}

// countryKeys maps the folded forms of country names to their key.
var countryKeys = func() map[string]string {
	m := map[string]string{}
	for _, g := range countryNames {
		key := "@" + g[0]
		for _, w := range g {
			f := strings.ReplaceAll(Fold(w), " ", "")
			if len(f) < 3 {
				continue
			}
			m[f] = key
			if st := slavicStem(f); st != f && isCyrillicWord(w) {
				m[st] = key
			}
		}
	}
	return m
}()

// CountryKey returns the variant key of a country's name or adjective
// (see countryNames), or false.
func CountryKey(tok string) (string, bool) {
	if k, ok := countryKeys[tok]; ok {
		return k, true
	}
	if st := slavicStem(tok); st != tok {
		k, ok := countryKeys[st]
		return k, ok
	}
	return "", false
}
