package reader

import (
	"errors"
	"io"
	"testing"
)

func TestParseError(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: "sdn.csv", Line: 12, Record: "13086", Field: "Remarks", Err: io.ErrUnexpectedEOF}, "sdn.csv:12: record 13086: field Remarks: unexpected EOF"},
		{&ParseError{File: "dpl.txt", Err: errors.New("no records")}, "dpl.txt: no records"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	err := error(&ParseError{File: "x", Err: io.ErrUnexpectedEOF})
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Error("ParseError does not unwrap to its cause")
	}
	if got := Errorf("a.xml", 3, "bad %s", "root").Error(); got != "a.xml:3: bad root" {
		t.Errorf("Errorf = %q", got)
	}
}
