package source

import (
	"fmt"
	"strings"

	"github.com/vigil-screening/vigil/reader/xlsxrows"
)

// peekRows is how many rows of each sheet detection looks at.
const peekRows = 3

// peekWorkbook returns the rows numbered 1 to peekRows of each worksheet
// of the XLSX file at path, in the workbook's order, for detection. It
// reads the zip directory, the start of each sheet and the shared strings
// those rows use (xlsxrows.Peek, the same code the readers read rows
// with): a few milliseconds. The reader of the matching format then
// reads the chosen sheet in full, with the same budget of bytes, rows
// and cells.
func peekWorkbook(file string) ([][][]string, error) {
	sheets, err := xlsxrows.Peek(file, peekRows)
	if err != nil {
		return nil, fmt.Errorf("peek %s: %w", file, withoutFile{err, file})
	}
	return sheets, nil
}

// withoutFile is an error naming file, without the file's name at its
// start: the failure it is reported in names the file already.
type withoutFile struct {
	err  error
	file string
}

func (w withoutFile) Error() string { return strings.TrimPrefix(w.err.Error(), w.file+": ") }
func (w withoutFile) Unwrap() error { return w.err }
