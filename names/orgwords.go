package names

import (
	"slices"
	"strings"
)

// Organisation names written in their own script are often translations
// of the Latin name rather than transliterations ("ЧЕБОКСАРСКИЙ
// ЭЛЕКТРОАППАРАТНЫЙ ЗАВОД" is "Cheboksary Electrical Apparatus Plant").
// orgWords is a word-level vocabulary of the words organisation names are
// made of, in English and as Russian, Chinese, Korean, Arabic and Persian
// write them; the words of one group share a variant key ("=plant"), so
// that "завод" meets "plant" where the rest of the name transliterates.
// The words are written in their own script and folded when the package
// loads; a word Fold reads as several (Chinese 贸易 "mao yi") is joined
// into one part by Analyze (see joinOrgWords). Sources: the words'
// standard dictionary translations as the lists' own bilingual names use
// them (OFSI and UN names in Cyrillic, Chinese, Korean and Arabic script
// with their Latin names).
var orgWords = [][]string{
	{"plant", "factory", "works", "mill", "завод", "фабрика", "комбинат", "工厂", "製造所", "공장", "مصنع", "کارخانه", "کارخانجات"},
	{"bank", "банк", "银行", "銀行", "은행", "بنك", "مصرف", "بانک"},
	{"company", "компания", "公司", "会社", "회사", "شركة", "شرکت"},
	{"institute", "институт", "研究所", "研究院", "연구소", "연구원", "معهد", "موسسه", "مؤسسه", "پژوهشگاه"},
	{"research", "исследовательский", "исследовательская", "исследовательское", "научно", "研究", "연구", "بحوث", "پژوهش", "تحقیقات"},
	{"trading", "trade", "торговый", "торговая", "торговое", "торгового", "торговля", "贸易", "貿易", "무역", "تجارة", "للتجارة", "التجارية", "بازرگانی", "تجارت"},
	{"shipping", "судоходная", "судоходное", "судоходство", "航运", "海运", "해운", "للملاحة", "کشتیرانی"},
	{"ministry", "министерство", "部", "성", "وزارة", "وزارت"},
	{"university", "университет", "大学", "대학", "대학교", "جامعة", "دانشگاه"},
	{"group", "группа", "集团", "그룹", "مجموعة", "گروه"},
	{"industries", "industrial", "industry", "промышленный", "промышленная", "промышленность", "工业", "공업", "صناعات", "الصناعية", "صنایع"},
	{"oil", "petroleum", "нефть", "нефтяная", "нефтяной", "石油", "석유", "نفط", "النفط", "نفت"},
	{"gas", "газ", "天然气", "가스", "غاز", "گاز"},
	{"chemical", "химический", "химическая", "化工", "화학", "كيماويات", "شیمیایی"},
	{"technology", "technologies", "технологии", "технология", "科技", "技术", "기술", "تكنولوجيا", "فناوری"},
	{"international", "международный", "международная", "国际", "국제", "الدولية", "بین‌المللی"},
	{"investment", "инвестиционная", "инвестиционный", "投资", "투자", "استثمار", "سرمایه‌گذاری"},
	{"machinery", "machine", "машиностроительный", "машиностроительная", "机械", "기계", "ماشین‌سازی"},
	{"electronics", "электроника", "电子", "전자", "الكترونيات", "الکترونیک"},
	{"energy", "энергия", "энергетическая", "энергетический", "能源", "에너지", "طاقة", "انرژی"},
	{"logistics", "логистика", "物流", "물류", "لوجستية"},
	{"aviation", "авиационный", "авиационная", "航空", "항공", "طيران", "هواپیمایی"},
	{"academy", "академия", "科学院", "학원", "أكاديمية", "آکادمی"},
	{"center", "centre", "центр", "中心", "센터", "مركز", "مرکز"},
	{"committee", "комитет", "委员会", "위원회", "لجنة", "کمیته"},
	{"foundation", "fund", "фонд", "基金会", "재단", "مؤسسة", "بنیاد"},
	{"organization", "organisation", "организация", "组织", "조직", "منظمة", "سازمان"},
	{"union", "союз", "联盟", "연맹", "اتحاد"},
	{"bureau", "бюро", "局", "국"},
	{"corporation", "корпорация", "总公司", "총회사"},
	{"holding", "holdings", "холдинг", "控股", "지주"},
	{"construction", "строительная", "строительный", "建设", "건설", "إنشاءات", "ساختمان"},
	{"defense", "defence", "оборонный", "оборонная", "国防", "국방", "دفاع", "دفاعی"},
	{"import", "импорт", "进出口", "수출입"},
	{"marine", "maritime", "морской", "морская", "海洋", "해양", "بحري", "دریایی"},
	{"transport", "транспортный", "транспортная", "运输", "운수", "نقل", "حمل‌ونقل"},
	{"insurance", "страховая", "страховой", "保险", "보험", "تأمين", "بیمه"},
	{"cooperative", "кооператив", "合作社", "협동조합", "تعاونية", "تعاونی"},
	{"islamic", "исламский", "исламская", "伊斯兰", "이슬람", "الإسلامي", "الإسلامية", "الاسلامي", "الاسلامية", "اسلامی"},
	{"army", "армия", "军", "군", "جيش", "ارتش"},
	{"front", "фронт", "阵线", "전선", "جبهة", "جبهه"},
	{"movement", "движение", "运动", "운동", "حركة", "جنبش"},
	{"party", "партия", "党", "당", "حزب"},
	{"brigade", "бригада", "旅", "여단", "لواء", "تیپ"},
	{"battalion", "батальон", "营", "대대", "كتيبة", "گردان"},
	{"guard", "guards", "гвардия", "卫队", "경비대", "حرس", "سپاه"},
	{"revolutionary", "революционный", "革命", "혁명", "الثوري", "پاسداران", "انقلاب", "انقلاب اسلامی"},
	// Added for the second round of issue 10, from the same kind of
	// source: the words of the organisation names the lists give in
	// Russian, Belarusian, Arabic and Chinese with their Latin names, as
	// a bilingual dictionary translates them. Russian adjectives are
	// given in one form: every ending of the word meets them (see
	// slavicStem).
	{"repair", "ремонтный", "рамонтны", "维修", "수리", "تعمير", "تعمیرات"},
	{"mechanical", "механический", "机械厂", "기계공장", "ميكانيكية"},
	{"state", "государственный", "дзяржаўны", "国家", "국가", "الدولة", "دولتی"},
	{"central", "центральный", "中央", "중앙", "المركزي", "مرکزی"},
	{"national", "национальный", "нацыянальны", "国家级", "국립", "الوطني", "الوطنية", "ملی"},
	{"federal", "федеральный", "联邦", "연방", "الاتحادي", "فدرال"},
	{"scientific", "научный", "科学", "과학", "العلمي", "علمی"},
	{"production", "производственный", "生产", "생산", "الإنتاج", "تولید"},
	{"association", "объединение", "協会", "协会", "협회", "جمعية", "انجمن"},
	{"enterprise", "предприятие", "企业", "기업", "مؤسسة", "بنگاه"},
	{"agency", "агентство", "代理", "기관", "وكالة", "آژانس"},
	{"airlines", "airline", "авиакомпания", "航空公司", "항공사", "الخطوط الجوية", "هواپیمایی"},
	{"service", "служба", "服务", "서비스", "خدمات", "خدمة"},
	{"troops", "войска", "部队", "부대", "قوات", "نیروی"},
	{"unit", "часть", "单位", "단위", "وحدة", "یگان"},
	{"design", "конструкторский", "канструктарскае", "设计", "설계", "تصميم", "طراحی"},
	{"instrument", "приборостроение", "仪器", "기구", "أدوات", "ابزار"},
	{"engineering", "инжиниринг", "工程", "공학", "هندسة", "مهندسی"},
	{"equipment", "оборудование", "设备", "설비", "معدات", "تجهیزات"},
	{"network", "сеть", "网络", "네트워크", "شبكة", "شبکه"},
	{"office", "бюро", "办公室", "사무소", "مكتب", "دفتر"},
	{"exchange", "обменный", "兑换", "환전", "صرافة", "للصرافة", "صرافی"},
	{"export", "экспорт", "出口", "수출", "تصدير", "صادرات"},
	{"development", "развития", "发展", "개발", "تنمية", "توسعه"},
	{"systems", "system", "системы", "система", "系统", "시스템", "أنظمة", "سیستم"},
	{"electronic", "электронный", "电子的", "전자의", "إلكترونية"},
	{"communications", "communication", "связи", "通信", "통신", "اتصالات", "مخابرات"},
	{"space", "космический", "航天", "우주", "فضاء", "فضایی"},
	{"nuclear", "ядерный", "核", "핵", "نووي", "هسته‌ای"},
	{"missile", "ракетный", "导弹", "미사일", "صواريخ", "موشکی"},
	{"steel", "металлургический", "钢铁", "제철", "صلب", "فولاد"},
	{"military", "военный", "军事", "군사", "عسكري", "نظامی"},
	// Added in the third pass of issue 10 (the same kind of source: a
	// bilingual dictionary's translations of the words of organisation
	// names the lists write in Russian, Arabic and Chinese). A Russian
	// compound written with a hyphen is one word ("научно-исследовательский",
	// scientific-research, read as research).
	{"research", "научно-исследовательский", "исследований", "исследования"},
	{"credit", "кредитный", "信贷", "신용", "ائتمان", "اعتباری"},
	{"financial", "finance", "финансовый", "金融", "금융", "مالية", "المالية"},
	{"security", "безопасность", "安全", "안보", "أمن", "الأمن", "امنیت"},
	{"officers", "офицеров", "军官", "장교", "ضباط"},
	{"radiation", "радиационный", "辐射", "방사선", "إشعاع"},
	{"biological", "биологический", "生物", "생물", "بيولوجي", "زیستی"},
	{"protection", "защита", "защиты", "保护", "보호", "حماية", "حفاظت"},
	{"federation", "федерация", "федерации", "연방의", "اتحادية"},
	{"applied", "прикладной", "应用", "응용", "تطبيقي", "کاربردی"},
	{"physics", "физика", "физики", "物理", "물리", "فيزياء", "فیزیک"},
	{"atomic", "атомный", "原子", "원자", "ذري", "اتمی"},
	{"reactor", "реактор", "реакторов", "反应堆", "원자로", "مفاعل", "راکتور"},
	{"advanced", "perspective", "перспективный", "先进", "첨단", "متقدم", "پیشرفته"},
	{"automatics", "automation", "автоматика", "автоматики", "自动化", "자동화", "أتمتة", "اتوماسیون"},
	{"electrical", "электрический", "электро", "电气", "전기", "كهربائية"},
	{"forge", "кузнечный", "кузнечно", "锻造", "단조"},
	{"press", "прессовый", "冲压", "프레스"},
	{"unmanned", "беспилотный", "无人", "무인", "بدون طيار", "بدون سرنشین"},
	{"digital", "цифровой", "数字", "디지털", "رقمي", "دیجیتال"},
	{"projects", "project", "проект", "проектов", "项目", "프로젝트", "مشاريع", "پروژه"},
	{"public", "общественный", "публичный", "公共", "공공", "عامة", "عمومی"},
	{"autonomous", "автономный", "自治", "자치", "مستقل", "خودمختار"},
	{"nonprofit", "некоммерческий", "非营利", "비영리", "غير ربحية", "غیرانتفاعی"},
	{"powder", "пороховой", "火药", "화약", "بارود", "باروت"},
	{"republican", "республиканский", "共和国", "공화국", "جمهوري", "جمهوری"},
	{"management", "управление", "管理", "관리", "إدارة", "مدیریت"},
	{"society", "общество", "사회", "مجتمع"},
	{"materials", "материалов", "材料", "재료", "مواد"},
	{"shipbuilding", "судостроительный", "造船", "بناء السفن", "کشتی‌سازی"},
	{"aircraft", "самолетостроительный", "авиастроительный", "飞机", "항공기", "طائرات", "هواپیما"},
	{"metallurgical", "металлургический", "冶金", "야금", "معدنية", "متالورژی"},
	{"mining", "горнодобывающий", "горно", "矿业", "광업", "تعدين"},
	{"optical", "оптический", "光学", "광학", "بصرية", "اپتیک"},
	{"precision", "точный", "精密", "정밀", "دقيقة"},
	{"radio", "радио", "радиотехнический", "无线电", "무선", "راديو", "رادیو"},
	{"telecommunications", "телекоммуникационный", "电信", "전기통신", "اتصالات سلكية", "مخابراتی"},
	{"information", "информационный", "信息", "정보", "معلومات", "اطلاعات"},
	{"commercial", "коммерческий", "商业", "상업", "تجاري", "تجاری"},
	{"joint", "совместный", "联合", "합영", "مشترك", "مشترک"},
	{"general", "генеральный", "عامة", "عمومی"},
	{"health", "здравоохранение", "卫生", "보건", "بهداشت"},
	{"medical", "медицинский", "医疗", "의료", "طبي", "پزشکی"},
	{"pharmaceutical", "фармацевтический", "制药", "제약", "أدوية", "داروسازی"},
	{"agricultural", "сельскохозяйственный", "农业", "농업", "زراعي", "کشاورزی"},
	{"railway", "railways", "железнодорожный", "铁路", "철도", "سكك حديدية", "راه‌آهن"},
	{"port", "порт", "港口", "항만", "ميناء"},
	{"fleet", "флот", "船队", "선단", "أسطول", "ناوگان"},
	{"navy", "naval", "военно-морской", "海军", "해군", "بحرية", "نیروی دریایی"},
	{"intelligence", "разведка", "разведывательный", "情报", "정보국", "استخبارات", "اطلاعات"},
	{"police", "полиция", "警察", "경찰", "شرطة", "پلیس"},
	{"media", "медиа", "媒体", "미디어", "إعلام", "رسانه"},
	{"television", "телевизионный", "电视", "텔레비전", "تلفزيون", "تلویزیون"},
	{"broadcasting", "радиовещательный", "广播", "방송", "إذاعة", "صداوسیما"},
	{"news", "новости", "新闻", "뉴스", "أخبار", "خبرگزاری"},
	{"charity", "charitable", "благотворительный", "慈善", "자선", "خيرية", "خیریه"},
	{"relief", "помощь", "救济", "구호", "إغاثة", "امداد"},
	{"heavy", "тяжелый", "重型", "ثقيلة"},
	{"tractor", "тракторный", "拖拉机", "트랙터", "جرارات", "تراکتور"},
	{"automobile", "automotive", "автомобильный", "汽车", "자동차", "سيارات", "خودروسازی"},
	{"electromechanical", "электромеханический", "机电", "전기기계", "كهروميكانيكية"},
	{"armaments", "weapons", "вооружения", "оружие", "武器", "무기", "أسلحة", "تسلیحات"},
	{"ammunition", "боеприпасов", "弹药", "탄약", "ذخيرة", "مهمات"},
	{"explosives", "взрывчатых", "炸药", "폭약", "متفجرات", "مواد منفجره"},
	{"precious", "драгоценных", "ثمينة", "گرانبها"},
	{"metals", "металлов", "金属", "금속", "معادن", "فلزات"},
	{"diamond", "diamonds", "алмаз", "алмазы", "钻石", "다이아몬드", "ألماس"},
	{"gold", "золото", "黄金", "ذهب"},
	{"coal", "уголь", "煤炭", "석탄", "فحم", "زغال سنگ"},
}

// orgWordKeys maps a folded organisation word to its groups' keys (a
// word may translate several: Arabic مخابرات is intelligence, Persian
// مخابرات communications), and orgPhrases the words Fold reads as several
// parts to their one-part form.
var orgWordKeys, orgPhrases = func() (map[string][]string, map[string]string) {
	keys, phrases := map[string][]string{}, map[string]string{}
	for _, g := range orgGroups() {
		key := "=" + g[0]
		for _, w := range g {
			f := Fold(w)
			if f == "" || len(f) < 3 {
				continue // too short to tell from another word
			}
			one := strings.ReplaceAll(f, " ", "")
			if one != f {
				phrases[f] = one
			}
			keys[one] = appendNew(keys[one], key)
			if st := slavicStem(one); st != one && isCyrillicWord(w) {
				keys[st] = appendNew(keys[st], key)
			}
		}
	}
	return keys, phrases
}()

// orgGroups returns every group of organisation words.
func orgGroups() [][]string { return slices.Concat(orgWords, orgWordsFourth, orgWordsFifth) }

// maxOrgPhrase is the most words an organisation phrase has.
const maxOrgPhrase = 4

// joinOrgWords joins the words of an organisation word that Fold reads as
// several ("mao yi" → "maoyi"), in place, and returns the words.
func joinOrgWords(words []string) []string {
	if len(words) < 2 {
		return words
	}
	out := words[:0]
	for i := 0; i < len(words); i++ {
		n, phrase := 0, ""
		for k := min(maxOrgPhrase, len(words)-i); k >= 2; k-- {
			p := strings.Join(words[i:i+k], " ")
			if _, ok := orgPhrases[p]; ok {
				n, phrase = k, p
				break
			}
		}
		if n == 0 {
			out = append(out, words[i])
			continue
		}
		if en, ok := hanEnglishWords[phrase]; ok && len(en) == n {
			out = append(out, en...) // as many words: still in place
		} else {
			out = append(out, orgPhrases[phrase])
		}
		i += n - 1
	}
	return out
}

// OrgWordKeys returns the variant keys of an organisation word (see
// orgWords): of the word itself, of its stem when it is a Russian,
// Belarusian or Ukrainian adjective or noun with another ending
// ("remontnogo", "remontnaya" meet "remontnyy"), or of its singular when
// it is an English plural ("missiles").
func OrgWordKeys(tok string) []string {
	if k, ok := orgWordKeys[tok]; ok {
		return k
	}
	if st := slavicStem(tok); st != tok {
		if k, ok := orgWordKeys[st]; ok {
			return k
		}
	}
	if len(tok) > 4 && strings.HasSuffix(tok, "s") && !strings.HasSuffix(tok, "ss") {
		return orgWordKeys[tok[:len(tok)-1]]
	}
	return nil
}

// slavicEndings are the folded case endings of Russian, Belarusian and
// Ukrainian adjectives and nouns, longest first; the endings of nouns in
// -ие/-ия (-iya, -ii, -iyu…) come first, so that every case of
// "приборостроение" has the stem of its nominative.
var slavicEndings = []string{"iyakh", "iyami", "iyam", "iya", "iyu", "iey", "iem", "ii", "ogo", "ykh", "ikh", "aya", "yaya", "yye", "iye", "yy", "iy", "oy", "oe", "ae", "ye", "ie", "ya", "yi", "ny", "a", "y", "i", "e"}

// slavicStem returns tok without a Slavic case ending, when what is left
// has five letters or more; else tok.
func slavicStem(tok string) string {
	for _, e := range slavicEndings {
		if len(tok) >= len(e)+5 && strings.HasSuffix(tok, e) {
			return tok[:len(tok)-len(e)]
		}
	}
	return tok
}

func isCyrillicWord(w string) bool {
	for _, r := range w {
		if r >= 0x0400 && r <= 0x04FF {
			return true
		}
	}
	return false
}
