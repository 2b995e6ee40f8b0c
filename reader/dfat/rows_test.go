package dfat

import (
	"errors"
	"strings"
	"testing"

	"github.com/vigil-screening/vigil/reader"
)

// Excel itself caps a cell at 32,767 characters, so a workbook with a
// huge or non-UTF-8 cell is crafted; toRow is where such cells are caught.
func TestToRow_Bad(t *testing.T) {
	header := []string{"Reference", "Name of Individual or Entity"}
	for name, cell := range map[string]string{
		"huge field":   strings.Repeat("x", reader.MaxField+1),
		"invalid utf8": "N\xffME",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := toRow("f.xlsx", 7, header, []string{"1", cell})
			var pe *reader.ParseError
			if !errors.As(err, &pe) || pe.Line != 7 || pe.Field != "Name of Individual or Entity" {
				t.Fatalf("err = %v, want ParseError at row 7, field Name of Individual or Entity", err)
			}
		})
	}
	if r, err := toRow("f.xlsx", 3, header, []string{" ", ""}); r != nil || err != nil {
		t.Errorf("blank row = %v, %v; want nil, nil", r, err)
	}
}
