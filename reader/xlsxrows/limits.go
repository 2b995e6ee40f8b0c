package xlsxrows

import (
	"fmt"

	"github.com/vigil-screening/vigil/reader"
)

// Limits is the budget of reading one workbook. A workbook past any of
// them is refused as soon as the excess is seen, with a *LimitError
// naming the limit: most before a byte of the part is unzipped (the zip
// directory states each part's sizes, and archive/zip fails a part that
// unzips to more than it stated). None comes near a real list: the UK
// list of 2025 has a 12.8 MB sheet (ratio 10), 4.2 MB of shared strings
// and 18,800 rows.
type Limits struct {
	// PartBytes bounds the unzipped size of one part: a worksheet, the
	// shared strings, the workbook's own index.
	PartBytes int64
	// Ratio bounds unzipped / zipped bytes for a part over 1 MiB, against
	// zip bombs (real sheets: 4 to 10).
	Ratio int64
	// SharedStrings bounds the number of shared strings, and
	// SharedBytes their text, which is held in memory for the sheet to
	// refer to.
	SharedStrings int
	SharedBytes   int64
	// Rows bounds the row numbers of a sheet, and Columns the columns
	// of a row (Excel's own limits are 1,048,576 and 16,384).
	Rows, Columns int
	// CellBytes bounds the text of one cell (Excel's own limit is 32,767
	// characters).
	CellBytes int
}

// DefaultLimits returns the budget every reader uses.
func DefaultLimits() Limits {
	return Limits{
		PartBytes:     256 << 20,
		Ratio:         200,
		SharedStrings: 2_000_000,
		SharedBytes:   128 << 20,
		Rows:          1 << 20,
		Columns:       1 << 14,
		CellBytes:     reader.MaxField,
	}
}

// peekLimits is the budget of detection, which reads only the first rows
// of each sheet: a header cell is short.
func peekLimits() Limits {
	l := DefaultLimits()
	l.CellBytes = 64 << 10
	return l
}

// ratioFloor is the part size from which Ratio applies: small parts of
// repeated markup compress very well without being hostile.
const ratioFloor = 1 << 20

// LimitError is a workbook past one of its Limits.
type LimitError struct {
	What  string // what is counted: "unzipped size of xl/worksheets/sheet1.xml"
	Got   int64  // what the workbook has, or 0 when reading stopped at the limit
	Limit int64
}

func (e *LimitError) Error() string {
	if e.Got > 0 {
		return fmt.Sprintf("%s is %d, over the limit of %d (a hostile or broken workbook)", e.What, e.Got, e.Limit)
	}
	return fmt.Sprintf("%s over the limit of %d (a hostile or broken workbook)", e.What, e.Limit)
}
