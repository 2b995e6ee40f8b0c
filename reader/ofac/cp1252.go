package ofac

import (
	"strings"

	"github.com/vigil-screening/vigil/reader"
)

// cp1252High maps the bytes 0x80..0x9F of Windows-1252 to Unicode; 0 marks
// the five bytes the code page leaves undefined. Bytes 0xA0..0xFF equal
// their Latin-1 (and Unicode) code points.
var cp1252High = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// decodeWindows1252 decodes data as Windows-1252, rejecting the undefined bytes.
func decodeWindows1252(data []byte, name string) (string, error) {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for i, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			r := cp1252High[c-0x80]
			if r == 0 {
				return "", reader.Errorf(name, lineAt(data, i), "byte 0x%02x is neither UTF-8 nor Windows-1252", c)
			}
			b.WriteRune(r)
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String(), nil
}
