package names

// orgWordsFourth are the groups of organisation words added in the fourth
// pass of issue 10, from the same kind of source as orgWords: a bilingual
// dictionary's translations of the words organisation names are made of
// (state bodies, armed forces, trade and finance, industry), in English
// and as Russian, Belarusian, Chinese (simplified and traditional),
// Korean, Arabic and Persian write them. A word may stand in several
// groups (Arabic خاص is special and private); a group whose first word is
// that of an older group adds words to it ("railway"). English phrases
// are given as one word ("realestate", "hongkong"): a Latin name keeps
// its words apart, so that a typo in one of them ("Homg Kong") still
// meets the other. Words that are
// also personal names or one Chinese syllable (新 xin, 市 shi) are left
// out: a key on them would meet far more than the word.
var orgWordsFourth = [][]string{
	// Bodies, forces and offices of a state.
	{"forces", "force", "силы", "сил", "力量", "병력", "قوات", "قوى", "نیروهای", "نیروی"},
	{"armed", "вооруженные", "вооружённые", "вооруженных", "武装", "무장", "مسلحة", "مسلح"},
	{"air", "воздушный", "воздушно", "空中", "공중", "جوية", "جوي", "هوایی"},
	{"aerospace", "аэрокосмический", "航空航天", "항공우주", "هوافضا", "هوافضای"},
	{"intelligence", "مخابرات"},
	{"directorate", "administration", "дирекция", "администрация", "管理局", "관리국", "مديرية", "إدارة", "اداره"},
	{"command", "командование", "司令部", "사령부", "قيادة", "فرماندهی"},
	{"headquarters", "staff", "штаб", "总部", "總部", "본부", "مقر", "ستاد"},
	{"council", "совет", "理事会", "理事會", "이사회", "مجلس", "شورای", "شورا"},
	{"commission", "комиссия", "委员会", "委員會", "위원회", "لجنة", "کمیسیون"},
	{"supreme", "higher", "high", "высший", "верховный", "最高", "최고", "عالي", "أعلى", "عالی"},
	{"republic", "республика", "республики", "共和国", "共和國", "공화국", "جمهورية", "جمهوری"},
	{"organization", "تنظيم", "تنظیم"},
	{"group", "جماعة", "集團"},
	{"concern", "концерн"},
	{"aircraft", "авиационный", "авіяцыйны"}, // авиационный is aviation and aircraft
	{"state", "казенный", "казённый"},        // state-owned, of the treasury
	{"fighting", "combatant", "боевой", "战斗", "전투", "مقاتلة", "مقاتل", "رزمی"},
	{"election", "electoral", "избирательный", "选举", "選舉", "선거", "انتخابات", "انتخاباتی"},
	{"cyber", "кибер", "사이버", "سيبراني", "سایبری", "سایبر"},
	{"cyberspace", "киберпространство", "网络空间", "사이버공간", "فضای مجازی"},
	{"geographical", "geographic", "географический", "地理", "지리", "جغرافي", "جغرافیایی"},
	{"systems", "سامانه", "سامانه های", "سامانه‌های"},
	// Trade, finance and property.
	{"realestate", "недвижимость", "房地产", "房地產", "부동산", "عقارية", "عقاري", "املاک"},
	{"foreign", "иностранный", "外国", "外國", "외국", "أجنبية", "الأجنبية", "خارجی"},
	{"currency", "currencies", "валюта", "валютный", "货币", "貨幣", "통화", "عملات", "العملات", "ارز"},
	{"settlement", "settlements", "расчетный", "расчётный", "结算", "結算", "결제", "تسوية"},
	{"clearing", "клиринговый", "清算", "청산", "مقاصة"},
	{"reinsurance", "перестраховочный", "再保险", "再保險", "재보험", "بیمه اتکایی"},
	{"economic", "economy", "экономический", "经济", "經濟", "경제", "اقتصادي", "اقتصادية", "اقتصادی"},
	{"budget", "budgetary", "бюджетный", "预算", "預算", "예산", "ميزانية", "بودجه"},
	{"zone", "зона", "구역", "منطقة", "منطقه"},
	{"free", "свободный", "自由", "자유", "حرة", "آزاد"},
	{"special", "специальный", "особый", "特别", "特別", "특수", "خاص", "خاصة", "ویژه"},
	{"private", "частный", "私营", "私營", "민간", "خاص", "خصوصی"},
	{"main", "chief", "главный", "主要", "주요", "رئيسي", "اصلی"},
	{"united", "объединенный", "объединённый", "연합", "متحدة", "المتحدة", "متحد", "متحده"},
	{"new", "новый", "신규", "جديد", "جدید"},
	// Industry and transport.
	{"railway", "железные дороги", "железная дорога", "железных дорог"},
	{"shipping", "пароходство", "船务", "船務"},
	{"sea", "морской", "海上", "바다", "بحر", "دریا"},
	{"grain", "зерновой", "粮食", "糧食", "곡물", "حبوب", "غلات"},
	{"glass", "стекло", "стекла", "玻璃", "유리", "زجاج", "شیشه"},
	{"machinery", "машиностроение", "机器", "機器"},
	{"machinetool", "станкостроительный", "机床", "機床", "공작기계"},
	{"robotics", "robot", "robots", "机器人", "機器人", "로봇", "روبوت", "ربات"},
	{"power", "动力", "動力", "동력", "电力", "電力", "전력"},
	{"cnc", "数控", "數控"},
	{"equipment", "装备", "裝備"},
	{"industries", "实业", "實業"},
	{"sciences", "science", "наука", "науки", "наук", "과학", "علوم", "العلوم"},
	{"cultural", "culture", "культурный", "культуры", "文化", "문화", "ثقافي", "ثقافية", "فرهنگی", "فرهنگ"},
	{"revolution", "революция", "انقلاب"},
	{"educational", "education", "образовательный", "教育", "교육", "تعليمي", "آموزشی"},
	{"institution", "учреждение", "机构", "機構", "نهاد"},
	{"childrens", "children", "детский", "儿童", "兒童", "어린이", "أطفال", "کودکان"},
	{"fareastern", "дальневосточный"},
	{"copper", "медный", "медная", "медное", "медь", "铜业", "銅業", "구리", "نحاس"},
	{"aluminium", "aluminum", "алюминий", "алюминиевый", "铝业", "鋁業", "알루미늄", "ألمنيوم", "آلومینیوم"},
	{"nickel", "никель", "никелевый", "镍业", "니켈", "نيكل", "نیکل"},
	{"iron", "железо", "钢铁", "철강", "حديد", "آهن"},
	// Legal forms the Latin names write as a form ("Inc", "Ltd"), written
	// in other scripts as a word.
	{"corporation", "inc"},
	{"ltd", "limited", "محدودة", "المحدودة"},
	// Places whose English name is not a reading of the Chinese one.
	{"hongkong", "香港"},
	{"macau", "macao", "澳门", "澳門"},
}
