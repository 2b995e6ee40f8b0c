package crosscheck

import (
	"fmt"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/lab/evalset"
)

// PublishedList names the list of the records PublishedRecords makes.
const PublishedList = "xs_published"

// published are names of public people written in their own script and
// in the Latin form their governments, the United Nations or their own
// publications use. They cover the scripts no list in shared/data writes
// enough names in. Each group says where its pairs come from; none was
// taken from the engine's output. The native spellings are those of the
// people's official pages and of the Wikipedia of the language, the Latin
// forms those of the UN protocol lists of heads of state and government
// and of the governments' English pages (written down from those
// sources, not fetched: this machine has no web access). The fourth pass
// of issue 10 brought every script of its item 1 to at least 20 pairs
// and added names in katakana ("Kana"); its pairs were written before
// the engine was run on them.
var published = []struct {
	script string // ISO 15924 code, for the report
	native string
	latin  string
}{
	// Devanagari (Hindi, Nepali): Government of India and Nepal, English
	// and Hindi pages of the Prime Minister's and President's offices;
	// Dawood Ibrahim, Hafiz Saeed and Masood Azhar as the UN list names them.
	{"Deva", "नरेन्द्र मोदी", "Narendra Modi"},
	{"Deva", "अमित शाह", "Amit Shah"},
	{"Deva", "राजनाथ सिंह", "Rajnath Singh"},
	{"Deva", "मनमोहन सिंह", "Manmohan Singh"},
	{"Deva", "सोनिया गांधी", "Sonia Gandhi"},
	{"Deva", "राहुल गांधी", "Rahul Gandhi"},
	{"Deva", "इंदिरा गांधी", "Indira Gandhi"},
	{"Deva", "अटल बिहारी वाजपेयी", "Atal Bihari Vajpayee"},
	{"Deva", "प्रणब मुखर्जी", "Pranab Mukherjee"},
	{"Deva", "द्रौपदी मुर्मू", "Droupadi Murmu"},
	{"Deva", "राम नाथ कोविंद", "Ram Nath Kovind"},
	{"Deva", "निर्मला सीतारमण", "Nirmala Sitharaman"},
	{"Deva", "अरविंद केजरीवाल", "Arvind Kejriwal"},
	{"Deva", "योगी आदित्यनाथ", "Yogi Adityanath"},
	{"Deva", "पुष्प कमल दहाल", "Pushpa Kamal Dahal"},
	{"Deva", "शेर बहादुर देउवा", "Sher Bahadur Deuba"},
	{"Deva", "दाऊद इब्राहिम", "Dawood Ibrahim"},
	{"Deva", "हाफ़िज़ सईद", "Hafiz Saeed"},
	{"Deva", "मसूद अज़हर", "Masood Azhar"},
	{"Deva", "लालकृष्ण आडवाणी", "Lal Krishna Advani"},
	// Bengali: Government of Bangladesh (Cabinet Division, Bangabhaban)
	// English and Bangla pages.
	{"Beng", "শেখ হাসিনা", "Sheikh Hasina"},
	{"Beng", "শেখ মুজিবুর রহমান", "Sheikh Mujibur Rahman"},
	{"Beng", "খালেদা জিয়া", "Khaleda Zia"},
	{"Beng", "জিয়াউর রহমান", "Ziaur Rahman"},
	{"Beng", "মুহাম্মদ ইউনূস", "Muhammad Yunus"},
	{"Beng", "আবদুল হামিদ", "Abdul Hamid"},
	{"Beng", "সাকিব আল হাসান", "Shakib Al Hasan"},
	{"Beng", "তারেক রহমান", "Tarique Rahman"},
	{"Beng", "সজীব ওয়াজেদ জয়", "Sajeeb Wazed Joy"},
	{"Beng", "শেখ রেহানা", "Sheikh Rehana"},
	{"Beng", "মোহাম্মদ সাহাবুদ্দিন", "Mohammed Shahabuddin"},
	{"Beng", "হুসেইন মুহম্মদ এরশাদ", "Hussain Muhammad Ershad"},
	{"Beng", "জ্যোতি বসু", "Jyoti Basu"},
	{"Beng", "মির্জা ফখরুল ইসলাম আলমগীর", "Mirza Fakhrul Islam Alamgir"},
	// Added in the fourth pass, from the same sources and the names as
	// Bangladesh's and India's governments, the Nobel Foundation and the
	// cricket boards write them in English.
	{"Beng", "কাজী নজরুল ইসলাম", "Kazi Nazrul Islam"},
	{"Beng", "সত্যজিৎ রায়", "Satyajit Ray"},
	{"Beng", "অমর্ত্য সেন", "Amartya Sen"},
	{"Beng", "ওবায়দুল কাদের", "Obaidul Quader"},
	{"Beng", "আসাদুজ্জামান খান", "Asaduzzaman Khan"},
	{"Beng", "জিল্লুর রহমান", "Zillur Rahman"},
	{"Beng", "ফখরুদ্দীন আহমদ", "Fakhruddin Ahmed"},
	{"Beng", "তামিম ইকবাল", "Tamim Iqbal"},
	{"Beng", "মুশফিকুর রহিম", "Mushfiqur Rahim"},
	{"Beng", "মাশরাফি বিন মোর্তজা", "Mashrafe Bin Mortaza"},
	// Tamil: Government of Tamil Nadu and Sri Lanka English and Tamil
	// pages; Prabhakaran as the lists of the LTTE's leaders write him.
	{"Taml", "மு. கருணாநிதி", "M. Karunanidhi"},
	{"Taml", "ஜெ. ஜெயலலிதா", "J. Jayalalithaa"},
	{"Taml", "மு. க. ஸ்டாலின்", "M. K. Stalin"},
	{"Taml", "எடப்பாடி க. பழனிசாமி", "Edappadi K. Palaniswami"},
	{"Taml", "வேலுப்பிள்ளை பிரபாகரன்", "Velupillai Prabhakaran"},
	{"Taml", "ஓ. பன்னீர்செல்வம்", "O. Panneerselvam"},
	{"Taml", "சுப்பிரமணிய பாரதி", "Subramania Bharati"},
	{"Taml", "அப்துல் கலாம்", "Abdul Kalam"},
	{"Taml", "கமல்ஹாசன்", "Kamal Haasan"},
	{"Taml", "ரஜினிகாந்த்", "Rajinikanth"},
	{"Taml", "இளையராஜா", "Ilaiyaraaja"},
	{"Taml", "சிவாஜி கணேசன்", "Sivaji Ganesan"},
	{"Taml", "ம. கோ. இராமச்சந்திரன்", "M. G. Ramachandran"},
	// Added in the fourth pass: Government of Tamil Nadu and Sri Lanka,
	// the Government of India's honours lists, as they write the names in
	// English; the Tamil forms of the Tamil Wikipedia.
	{"Taml", "சி. என். அண்ணாதுரை", "C. N. Annadurai"},
	{"Taml", "ஏ. ஆர். ரகுமான்", "A. R. Rahman"},
	{"Taml", "விசுவநாதன் ஆனந்த்", "Viswanathan Anand"},
	{"Taml", "சுந்தர் பிச்சை", "Sundar Pichai"},
	{"Taml", "உதயநிதி ஸ்டாலின்", "Udhayanidhi Stalin"},
	{"Taml", "ப. சிதம்பரம்", "P. Chidambaram"},
	{"Taml", "மகிந்த ராஜபக்ச", "Mahinda Rajapaksa"},
	{"Taml", "கோட்டாபய ராஜபக்ச", "Gotabaya Rajapaksa"},
	{"Taml", "சீனிவாச இராமானுஜன்", "Srinivasa Ramanujan"},
	{"Taml", "சி. வி. இராமன்", "C. V. Raman"},
	{"Taml", "கனிமொழி கருணாநிதி", "Kanimozhi Karunanidhi"},
	// Kannada: Government of Karnataka English and Kannada pages.
	{"Knda", "ಸಿದ್ದರಾಮಯ್ಯ", "Siddaramaiah"},
	{"Knda", "ಬಸವರಾಜ ಬೊಮ್ಮಾಯಿ", "Basavaraj Bommai"},
	{"Knda", "ಬಿ. ಎಸ್. ಯಡಿಯೂರಪ್ಪ", "B. S. Yediyurappa"},
	{"Knda", "ಎಚ್. ಡಿ. ದೇವೇಗೌಡ", "H. D. Deve Gowda"},
	{"Knda", "ಎಚ್. ಡಿ. ಕುಮಾರಸ್ವಾಮಿ", "H. D. Kumaraswamy"},
	{"Knda", "ಡಿ. ಕೆ. ಶಿವಕುಮಾರ್", "D. K. Shivakumar"},
	{"Knda", "ಪುನೀತ್ ರಾಜ್‌ಕುಮಾರ್", "Puneeth Rajkumar"},
	{"Knda", "ಮಲ್ಲಿಕಾರ್ಜುನ ಖರ್ಗೆ", "Mallikarjun Kharge"},
	{"Knda", "ಎಸ್. ಎಂ. ಕೃಷ್ಣ", "S. M. Krishna"},
	{"Knda", "ಜಗದೀಶ್ ಶೆಟ್ಟರ್", "Jagadish Shettar"},
	// Added in the fourth pass: Government of Karnataka, the Government of
	// India's honours lists and the cricket board, as they write the
	// names in English; the Kannada forms of the Kannada Wikipedia.
	{"Knda", "ಕುವೆಂಪು", "Kuvempu"},
	{"Knda", "ರಾಮಕೃಷ್ಣ ಹೆಗಡೆ", "Ramakrishna Hegde"},
	{"Knda", "ಎಸ್. ನಿಜಲಿಂಗಪ್ಪ", "S. Nijalingappa"},
	{"Knda", "ವೀರಪ್ಪ ಮೊಯ್ಲಿ", "Veerappa Moily"},
	{"Knda", "ಜೆ. ಎಚ್. ಪಟೇಲ್", "J. H. Patel"},
	{"Knda", "ಡಿ. ವಿ. ಸದಾನಂದ ಗೌಡ", "D. V. Sadananda Gowda"},
	{"Knda", "ಅನಿಲ್ ಕುಂಬ್ಳೆ", "Anil Kumble"},
	{"Knda", "ರಾಹುಲ್ ದ್ರಾವಿಡ್", "Rahul Dravid"},
	{"Knda", "ಸುಧಾ ಮೂರ್ತಿ", "Sudha Murty"},
	{"Knda", "ಎನ್. ಆರ್. ನಾರಾಯಣ ಮೂರ್ತಿ", "N. R. Narayana Murthy"},
	{"Knda", "ಗಿರೀಶ್ ಕಾರ್ನಾಡ್", "Girish Karnad"},
	{"Knda", "ಯು. ಆರ್. ಅನಂತಮೂರ್ತಿ", "U. R. Ananthamurthy"},
	{"Knda", "ಪ್ರಹ್ಲಾದ್ ಜೋಶಿ", "Pralhad Joshi"},
	// Thai: Royal Thai Government English and Thai pages (the people's
	// own spellings, not RTGS).
	{"Thai", "ประยุทธ์ จันทร์โอชา", "Prayut Chan-o-cha"},
	{"Thai", "ทักษิณ ชินวัตร", "Thaksin Shinawatra"},
	{"Thai", "ยิ่งลักษณ์ ชินวัตร", "Yingluck Shinawatra"},
	{"Thai", "เศรษฐา ทวีสิน", "Srettha Thavisin"},
	{"Thai", "แพทองธาร ชินวัตร", "Paetongtarn Shinawatra"},
	{"Thai", "อภิสิทธิ์ เวชชาชีวะ", "Abhisit Vejjajiva"},
	{"Thai", "ประวิตร วงษ์สุวรรณ", "Prawit Wongsuwan"},
	{"Thai", "อนุทิน ชาญวีรกูล", "Anutin Charnvirakul"},
	{"Thai", "พิธา ลิ้มเจริญรัตน์", "Pita Limjaroenrat"},
	{"Thai", "ชวน หลีกภัย", "Chuan Leekpai"},
	{"Thai", "สมชาย วงศ์สวัสดิ์", "Somchai Wongsawat"},
	{"Thai", "สุรยุทธ์ จุลานนท์", "Surayud Chulanont"},
	// Added in the fourth pass: former prime ministers, ministers and
	// party leaders as the Royal Thai Government and the Secretariat of
	// the Cabinet write them in English (their own spellings).
	{"Thai", "เปรม ติณสูลานนท์", "Prem Tinsulanonda"},
	{"Thai", "อนันท์ ปันยารชุน", "Anand Panyarachun"},
	{"Thai", "ชวลิต ยงใจยุทธ", "Chavalit Yongchaiyudh"},
	{"Thai", "บรรหาร ศิลปอาชา", "Banharn Silpa-archa"},
	{"Thai", "ชาติชาย ชุณหะวัณ", "Chatichai Choonhavan"},
	{"Thai", "สมัคร สุนทรเวช", "Samak Sundaravej"},
	{"Thai", "สนธิ บุญยรัตกลิน", "Sonthi Boonyaratglin"},
	{"Thai", "ธนาธร จึงรุ่งเรืองกิจ", "Thanathorn Juangroongruangkit"},
	{"Thai", "จุรินทร์ ลักษณวิศิษฏ์", "Jurin Laksanawisit"},
	{"Thai", "อนุพงษ์ เผ่าจินดา", "Anupong Paochinda"},
	// Khmer: Royal Government of Cambodia English and Khmer pages; the
	// Khmer Rouge leaders as the Extraordinary Chambers in the Courts of
	// Cambodia (ECCC) name them.
	{"Khmr", "ហ៊ុន សែន", "Hun Sen"},
	{"Khmr", "ហ៊ុន ម៉ាណែត", "Hun Manet"},
	{"Khmr", "នរោត្តម សីហមុនី", "Norodom Sihamoni"},
	{"Khmr", "នរោត្តម សីហនុ", "Norodom Sihanouk"},
	{"Khmr", "សម រង្ស៊ី", "Sam Rainsy"},
	{"Khmr", "កឹម សុខា", "Kem Sokha"},
	{"Khmr", "ជា ស៊ីម", "Chea Sim"},
	{"Khmr", "ហេង សំរិន", "Heng Samrin"},
	{"Khmr", "សាយ ឈុំ", "Say Chhum"},
	{"Khmr", "ប៉ុល ពត", "Pol Pot"},
	{"Khmr", "នួន ជា", "Nuon Chea"},
	{"Khmr", "ខៀវ សំផន", "Khieu Samphan"},
	{"Khmr", "អៀង សារី", "Ieng Sary"},
	// Added in the fourth pass: ministers of the Royal Government of
	// Cambodia as its English pages write them; Lon Nol, Son Sann, Ta Mok
	// and Kaing Guek Eav as the ECCC and the UN name them.
	{"Khmr", "ស ខេង", "Sar Kheng"},
	{"Khmr", "ទៀ បាញ់", "Tea Banh"},
	{"Khmr", "ប្រាក់ សុខុន", "Prak Sokhonn"},
	{"Khmr", "លន់ នល់", "Lon Nol"},
	{"Khmr", "សន សាន", "Son Sann"},
	{"Khmr", "តា ម៉ុក", "Ta Mok"},
	{"Khmr", "ហ៊ុន ម៉ានី", "Hun Many"},
	{"Khmr", "ជា សុផារ៉ា", "Chea Sophara"},
	{"Khmr", "កាំង ហ្គេកអ៊ាវ", "Kaing Guek Eav"},
	// Myanmar: the Myanmar government's English pages and the names as
	// OFAC's and the EU's Burma lists write them.
	{"Mymr", "အောင်ဆန်းစုကြည်", "Aung San Suu Kyi"},
	{"Mymr", "မင်းအောင်လှိုင်", "Min Aung Hlaing"},
	{"Mymr", "သန်းရွှေ", "Than Shwe"},
	{"Mymr", "သိန်းစိန်", "Thein Sein"},
	{"Mymr", "ထင်ကျော်", "Htin Kyaw"},
	{"Mymr", "ဝင်းမြင့်", "Win Myint"},
	{"Mymr", "နေဝင်း", "Ne Win"},
	{"Mymr", "စိုးဝင်း", "Soe Win"},
	{"Mymr", "မြင့်ဆွေ", "Myint Swe"},
	{"Mymr", "အောင်ဆန်း", "Aung San"},
	{"Mymr", "ခင်ညွန့်", "Khin Nyunt"},
	{"Mymr", "သန့်", "Thant"},
	// Added in the fourth pass: leaders, ministers and activists as the
	// Myanmar government's English pages, OFAC's and the EU's Burma lists
	// write them.
	{"Mymr", "ဦးနု", "U Nu"},
	{"Mymr", "မင်းကိုနိုင်", "Min Ko Naing"},
	{"Mymr", "ရွှေမန်း", "Shwe Mann"},
	{"Mymr", "စောမောင်", "Saw Maung"},
	{"Mymr", "မောင်အေး", "Maung Aye"},
	{"Mymr", "ခင်ကြည်", "Khin Kyi"},
	{"Mymr", "ဝင်းထိန်", "Win Htein"},
	{"Mymr", "ဇော်ထေ", "Zaw Htay"},
	{"Mymr", "ကိုကိုကြီး", "Ko Ko Gyi"},
	{"Mymr", "စိုးသိန်း", "Soe Thane"},
	{"Mymr", "တင်ဦး", "Tin Oo"},
	// Ge'ez (Amharic, Tigrinya): Office of the Prime Minister of Ethiopia
	// and Government of Eritrea English and Amharic/Tigrinya pages.
	{"Ethi", "አቢይ አሕመድ", "Abiy Ahmed"},
	{"Ethi", "መለስ ዜናዊ", "Meles Zenawi"},
	{"Ethi", "ኃይለማርያም ደሳለኝ", "Hailemariam Desalegn"},
	{"Ethi", "ሣህለወርቅ ዘውዴ", "Sahle-Work Zewde"},
	{"Ethi", "ኢሳያስ አፈወርቂ", "Isaias Afwerki"},
	{"Ethi", "መንግሥቱ ኃይለ ማርያም", "Mengistu Haile Mariam"},
	{"Ethi", "ደብረጽዮን ገብረሚካኤል", "Debretsion Gebremichael"},
	{"Ethi", "ታከለ ኡማ", "Takele Uma"},
	{"Ethi", "ጌታቸው ረዳ", "Getachew Reda"},
	{"Ethi", "ብርሃኑ ነጋ", "Berhanu Nega"},
	{"Ethi", "ጃዋር መሐመድ", "Jawar Mohammed"},
	{"Ethi", "ደመቀ መኮንን", "Demeke Mekonnen"},
	{"Ethi", "ተወልደ ብርሃን", "Tewolde Berhan"},
	// Added in the fourth pass: the Emperor, presidents and ministers as
	// the Ethiopian government writes them in English, and athletes as
	// World Athletics writes them.
	{"Ethi", "ኃይለ ሥላሴ", "Haile Selassie"},
	{"Ethi", "ግርማ ወልደ ጊዮርጊስ", "Girma Wolde-Giorgis"},
	{"Ethi", "ሙላቱ ተሾመ", "Mulatu Teshome"},
	{"Ethi", "ኃይሌ ገብረሥላሴ", "Haile Gebrselassie"},
	{"Ethi", "ቀነኒሳ በቀለ", "Kenenisa Bekele"},
	{"Ethi", "ጥሩነሽ ዲባባ", "Tirunesh Dibaba"},
	{"Ethi", "ለማ መገርሳ", "Lemma Megersa"},
	{"Ethi", "ወርቅነህ ገበየሁ", "Workneh Gebeyehu"},
	{"Ethi", "ታምራት ላይኔ", "Tamrat Layne"},
	// Hebrew: the Knesset's and the Prime Minister's Office's English and
	// Hebrew pages.
	{"Hebr", "בנימין נתניהו", "Benjamin Netanyahu"},
	{"Hebr", "יצחק רבין", "Yitzhak Rabin"},
	{"Hebr", "שמעון פרס", "Shimon Peres"},
	{"Hebr", "אריאל שרון", "Ariel Sharon"},
	{"Hebr", "אהוד ברק", "Ehud Barak"},
	{"Hebr", "גולדה מאיר", "Golda Meir"},
	{"Hebr", "דוד בן-גוריון", "David Ben-Gurion"},
	{"Hebr", "יאיר לפיד", "Yair Lapid"},
	{"Hebr", "נפתלי בנט", "Naftali Bennett"},
	{"Hebr", "יצחק הרצוג", "Isaac Herzog"},
	{"Hebr", "ראובן ריבלין", "Reuven Rivlin"},
	{"Hebr", "איתמר בן גביר", "Itamar Ben-Gvir"},
	{"Hebr", "בצלאל סמוטריץ'", "Bezalel Smotrich"},
	{"Hebr", "מנחם בגין", "Menachem Begin"},
	{"Hebr", "אהוד אולמרט", "Ehud Olmert"},
	{"Hebr", "משה דיין", "Moshe Dayan"},
	{"Hebr", "בני גנץ", "Benny Gantz"},
	// Added in the fourth pass, from the same sources.
	{"Hebr", "גדעון סער", "Gideon Sa'ar"},
	{"Hebr", "יואב גלנט", "Yoav Gallant"},
	{"Hebr", "אביגדור ליברמן", "Avigdor Liberman"},
	{"Hebr", "חיים הרצוג", "Chaim Herzog"},
	{"Hebr", "יצחק שמיר", "Yitzhak Shamir"},
	{"Hebr", "משה שרת", "Moshe Sharett"},
	// Japanese in kanji: the Prime Minister's Office of Japan (Kantei)
	// English and Japanese pages; Tsukasa and Takayama as OFAC lists the
	// Yamaguchi-gumi's leaders; the Aum Shinrikyo and Japanese Red Army
	// names as the Japanese police publish them.
	{"Jpan", "安倍晋三", "Shinzo Abe"},
	{"Jpan", "岸田文雄", "Fumio Kishida"},
	{"Jpan", "菅義偉", "Yoshihide Suga"},
	{"Jpan", "小泉純一郎", "Junichiro Koizumi"},
	{"Jpan", "石破茂", "Shigeru Ishiba"},
	{"Jpan", "麻原彰晃", "Shoko Asahara"},
	{"Jpan", "松本智津夫", "Chizuo Matsumoto"},
	{"Jpan", "上祐史浩", "Fumihiro Joyu"},
	{"Jpan", "重信房子", "Fusako Shigenobu"},
	{"Jpan", "田中角栄", "Kakuei Tanaka"},
	{"Jpan", "野田佳彦", "Yoshihiko Noda"},
	{"Jpan", "鳩山由紀夫", "Yukio Hatoyama"},
	{"Jpan", "河野太郎", "Taro Kono"},
	{"Jpan", "高市早苗", "Sanae Takaichi"},
	{"Jpan", "司忍", "Shinobu Tsukasa"},
	{"Jpan", "高山清司", "Kiyoshi Takayama"},
	// Added in the fourth pass: prime ministers and the governor of Tokyo
	// as the Kantei and the Tokyo Metropolitan Government write them.
	{"Jpan", "菅直人", "Naoto Kan"},
	{"Jpan", "森喜朗", "Yoshiro Mori"},
	{"Jpan", "福田康夫", "Yasuo Fukuda"},
	{"Jpan", "麻生太郎", "Taro Aso"},
	{"Jpan", "橋本龍太郎", "Ryutaro Hashimoto"},
	{"Jpan", "小池百合子", "Yuriko Koike"},
	// Japanese in katakana: foreign leaders as the Ministry of Foreign
	// Affairs of Japan (外務省) and NHK write them, with the Latin forms of
	// the UN protocol lists and the sanctions lists (added in the fourth
	// pass).
	{"Kana", "ウラジーミル・プーチン", "Vladimir Putin"},
	{"Kana", "ドナルド・トランプ", "Donald Trump"},
	{"Kana", "バラク・オバマ", "Barack Obama"},
	{"Kana", "アンゲラ・メルケル", "Angela Merkel"},
	{"Kana", "オサマ・ビンラディン", "Osama bin Laden"},
	{"Kana", "サダム・フセイン", "Saddam Hussein"},
	{"Kana", "ムアンマル・カダフィ", "Muammar Gaddafi"},
	{"Kana", "キム・ジョンウン", "Kim Jong Un"},
	{"Kana", "セルゲイ・ラブロフ", "Sergey Lavrov"},
	{"Kana", "アレクサンドル・ルカシェンコ", "Alexander Lukashenko"},
	{"Kana", "ニコラス・マドゥロ", "Nicolas Maduro"},
	{"Kana", "ウォロディミル・ゼレンスキー", "Volodymyr Zelensky"},
	{"Kana", "エフゲニー・プリゴジン", "Yevgeny Prigozhin"},
	{"Kana", "ラムザン・カディロフ", "Ramzan Kadyrov"},
	{"Kana", "アリー・ハメネイ", "Ali Khamenei"},
	{"Kana", "ハサン・ロウハニ", "Hassan Rouhani"},
	{"Kana", "マフムード・アフマディネジャド", "Mahmoud Ahmadinejad"},
	{"Kana", "ロバート・ムガベ", "Robert Mugabe"},
	{"Kana", "バッシャール・アサド", "Bashar al-Assad"},
	{"Kana", "アイマン・ザワヒリ", "Ayman al-Zawahiri"},
	{"Kana", "ジョー・バイデン", "Joe Biden"},
	{"Kana", "エマニュエル・マクロン", "Emmanuel Macron"},
	// Chinese characters as a phonetic transcription of foreign names:
	// the forms of Xinhua News Agency (新华社) and the Chinese Ministry of
	// Foreign Affairs, which follow Xinhua's transcription tables.
	{"Hani", "弗拉基米尔·普京", "Vladimir Putin"},
	{"Hani", "奥萨马·本·拉登", "Osama bin Laden"},
	{"Hani", "萨达姆·侯赛因", "Saddam Hussein"},
	{"Hani", "巴沙尔·阿萨德", "Bashar al-Assad"},
	{"Hani", "唐纳德·特朗普", "Donald Trump"},
	{"Hani", "巴拉克·奥巴马", "Barack Obama"},
	{"Hani", "安格拉·默克尔", "Angela Merkel"},
	{"Hani", "穆阿迈尔·卡扎菲", "Muammar Gaddafi"},
	{"Hani", "阿里·哈梅内伊", "Ali Khamenei"},
	{"Hani", "艾曼·扎瓦赫里", "Ayman al-Zawahiri"},
	{"Hani", "谢尔盖·拉夫罗夫", "Sergey Lavrov"},
	{"Hani", "亚历山大·卢卡申科", "Alexander Lukashenko"},
	{"Hani", "尼古拉斯·马杜罗", "Nicolas Maduro"},
	{"Hani", "沃洛季米尔·泽连斯基", "Volodymyr Zelensky"},
	{"Hani", "叶夫根尼·普里戈津", "Yevgeny Prigozhin"},
	{"Hani", "拉姆赞·卡德罗夫", "Ramzan Kadyrov"},
	{"Hani", "阿布·贝克尔·巴格达迪", "Abu Bakr al-Baghdadi"},
	{"Hani", "哈桑·鲁哈尼", "Hassan Rouhani"},
	{"Hani", "马哈茂德·艾哈迈迪-内贾德", "Mahmoud Ahmadinejad"},
	{"Hani", "罗伯特·穆加贝", "Robert Mugabe"},
}

// PublishedRecords returns one person record per distinct Latin name of
// the published pairs, in list PublishedList, for an engine to find.
func PublishedRecords() []*entity.Entity {
	var out []*entity.Entity
	seen := map[string]bool{}
	for _, p := range published {
		if seen[p.latin] {
			continue
		}
		seen[p.latin] = true
		out = append(out, &entity.Entity{
			List: PublishedList, ID: publishedID(p.latin), Kind: entity.KindPerson,
			Names: []entity.Name{{Full: p.latin, Type: entity.NamePrimary}},
		})
	}
	return out
}

// PublishedCases returns one case per published pair: the name in its
// own script, expected to find the record of its Latin form. The
// treatment is "<script> published".
func PublishedCases() []evalset.Case {
	out := make([]evalset.Case, 0, len(published))
	for i, p := range published {
		out = append(out, evalset.Case{
			Subject:      vigil.Subject{ID: fmt.Sprintf("pub-%03d", i), Kind: entity.KindPerson, Name: p.native},
			ExpectedList: PublishedList, ExpectedID: publishedID(p.latin),
			Treatment: p.script + " published",
		})
	}
	return out
}

func publishedID(latin string) string { return fmt.Sprintf("%016x", hash64(latin)) }
