package snapshot

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil/entity"
)

// Summary counts a Delta.
type Summary struct {
	Old       int `json:"old"`
	New       int `json:"new"`
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	// Fields counts the changed records by field that changed.
	Fields map[string]int `json:"fields,omitempty"`
}

// Summary returns the counts of d.
func (d Delta) Summary() Summary {
	s := Summary{Old: d.OldCount, New: d.NewCount, Added: len(d.Added), Removed: len(d.Removed), Changed: len(d.Changed)}
	s.Unchanged = d.NewCount - s.Added - s.Changed
	for _, c := range d.Changed {
		for _, f := range c.Fields {
			if s.Fields == nil {
				s.Fields = make(map[string]int)
			}
			s.Fields[f.Field]++
		}
	}
	return s
}

// maxValue bounds a value in text output (remarks can be long).
const maxValue = 200

// WriteText writes d for a person: a summary line, the changed fields
// with their counts, then one line per added (+), removed (-) and changed
// (~) record. With verbose, each changed record is followed by its field
// changes, old values with "-" and new values with "+".
func (d Delta) WriteText(w io.Writer, verbose bool) error {
	bw := bufio.NewWriter(w)
	s := d.Summary()
	fmt.Fprintf(bw, "%d -> %d records: %d added, %d removed, %d changed, %d unchanged\n",
		s.Old, s.New, s.Added, s.Removed, s.Changed, s.Unchanged)
	if len(s.Fields) > 0 {
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range s.Fields {
				if !yield(k) {
					return
				}
			}
		})
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s %d", n, s.Fields[n])
		}
		fmt.Fprintf(bw, "changed fields: %s\n", strings.Join(parts, ", "))
	}
	for _, e := range d.Added {
		fmt.Fprintf(bw, "+ %s\n", describe(e))
	}
	for _, e := range d.Removed {
		fmt.Fprintf(bw, "- %s\n", describe(e))
	}
	for _, c := range d.Changed {
		fmt.Fprintf(bw, "~ %s: %s\n", describe(c.New), strings.Join(fieldNames(c.Fields), ", "))
		if verbose {
			writeFields(bw, c.Fields)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

func writeFields(w io.Writer, fs []FieldChange) {
	for _, f := range fs {
		for _, v := range f.Removed {
			fmt.Fprintf(w, "    %s - %s\n", f.Field, clip(v))
		}
		for _, v := range f.Added {
			fmt.Fprintf(w, "    %s + %s\n", f.Field, clip(v))
		}
	}
}

func describe(e *entity.Entity) string {
	s := e.Key()
	if n := e.PrimaryName(); n != "" {
		s += " " + clip(n)
	}
	if e.Kind != entity.KindUnknown {
		s += " (" + string(e.Kind) + ")"
	}
	return s
}

func fieldNames(fs []FieldChange) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Field
	}
	return out
}

// clip shortens v to maxValue runes and puts it on one line.
func clip(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if r := []rune(v); len(r) > maxValue {
		return string(r[:maxValue]) + "..."
	}
	return v
}
