package subject

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/ftmjson"
	"github.com/vigil-screening/vigil/internal/strictjson"
	"github.com/vigil-screening/vigil/reader/jsonl"
)

// FormatFtM is FollowTheMoney JSON Lines: one FtM entity a line, as
// OpenSanctions exports them and yente's /match takes them. FormatAuto
// picks it when the first line has "schema" and "properties".
const FormatFtM Format = "ftm"

// isFtM reports whether head's first line is an FtM entity.
func isFtM(head []byte) bool {
	keys := jsonl.TopKeys(jsonl.FirstLine(head))
	return keys["schema"] && keys["properties"]
}

// ftmReader reads one subject per FtM entity. Entities of schemata that
// are not subjects (Sanction, Ownership, Address, …: the rest of an
// FtM export) are skipped and counted; the names after the first become
// the row's Also.
type ftmReader struct {
	lines   jsonLines
	skipped map[string]int
}

func newFtMReader(br *bufio.Reader, name string) *ftmReader {
	return &ftmReader{lines: jsonLines{name: name, br: br}, skipped: map[string]int{}}
}

func (f *ftmReader) next() (Row, error) {
	for {
		line, data, rowErr, err := f.lines.next()
		switch {
		case err != nil:
			return Row{}, err
		case rowErr != nil:
			return rowError(f.lines.name, line, "", "", rowErr), nil
		}
		var ex ftmjson.Example
		if err := strictjson.Decode(bytes.NewReader(data), &ex); err != nil {
			var idOnly struct {
				ID vigil.SubjectID `json:"id"`
			}
			_ = json.Unmarshal(data, &idOnly) // best effort: name the row by its id
			id := string(idOnly.ID)
			if vigil.CheckText("id", id) != nil {
				id = ""
			}
			return rowError(f.lines.name, line, id, "", err), nil
		}
		id := string(ex.ID)
		if vigil.CheckText("id", id) != nil {
			id = ""
		}
		if !ftmjson.Matchable(ex.Schema) && ex.Schema != "" {
			f.skipped[ex.Schema]++
			continue
		}
		subs, _, err := ex.Subjects(strconv.Itoa(line))
		if err != nil {
			return rowError(f.lines.name, line, id, "", err), nil
		}
		return Row{Line: line, Subject: subs[0], Also: subs[1:]}, nil
	}
}

// Skipped counts, by schema, the FtM entities of an FtM input that were
// not subjects and were skipped (nil for other formats).
func (r *Reader) Skipped() map[string]int { return r.skipped }
