package screen_test

import (
	"context"
	"testing"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/entity"
)

// scriptNames are names in the scripts of issue 10 item 1 (not the
// yardstick's published pairs), for BenchmarkScreenScripts.
var scriptNames = []string{
	"सुरेश कुमार", "राहुल गांधी", "শেখ হাসিনা", "জিয়াউর রহমান", "வேலுப்பிள்ளை பிரபாகரன்", "மகிந்த ராஜபக்ச",
	"ಸಿದ್ದರಾಮಯ್ಯ", "ಡಿ. ವಿ. ಸದಾನಂದ ಗೌಡ", "สมชาย วงศ์สวัสดิ์", "ชวน หลีกภัย", "ហ៊ុន សែន", "ជា ស៊ីម",
	"ဝင်းမြင့်", "စိုးဝင်း", "አቢይ አሕመድ", "መለስ ዜናዊ", "שמעון פרס", "דינה ברכה", "ウラジーミル・プーチン",
	"ドナルド・トランプ", "弗拉基米尔·普京", "安格拉·默克尔", "岸田文雄", "李明华",
}

// BenchmarkScreenScripts screens names in those scripts, one per op,
// after a first query has built the index's loose keys.
func BenchmarkScreenScripts(b *testing.B) {
	eng := realEngine(b)
	ctx := context.Background()
	subject := func(i int) vigil.Subject {
		return vigil.Subject{Name: scriptNames[i%len(scriptNames)], Kind: entity.KindPerson}
	}
	if _, err := eng.Screen(ctx, subject(0), vigil.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := eng.Screen(ctx, subject(i), vigil.Options{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
