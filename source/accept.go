package source

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vigil-screening/vigil/snapshot"
)

// ErrRejected marks an edition that failed a sanity check.
var ErrRejected = errors.New("edition rejected")

// DefaultMaxDrop is the largest share of records an edition may lose
// against the edition in force before it is refused.
const DefaultMaxDrop = 0.10

// Checks configures the sanity checks of Accept.
type Checks struct {
	// MaxDrop is the largest share (0.10 = 10%) by which the record count
	// may fall against the previous accepted edition. Zero refuses any fall.
	MaxDrop float64
	// Force accepts an edition that fails the drop or the date check.
	// An empty edition or one with duplicate identifiers is never accepted.
	Force bool
}

// DefaultChecks returns the checks Vigil applies unless told otherwise.
func DefaultChecks() Checks { return Checks{MaxDrop: DefaultMaxDrop} }

// Previous describes the edition in force that a new one is checked
// against.
type Previous struct {
	Edition string
	Counts
}

// Counts are the totals of an edition that the drop checks compare.
type Counts struct {
	Records int
	// Names counts all names, aliases included; Addresses all addresses.
	// Both are zero when the store returned the edition without records:
	// they are then not compared.
	Names     int
	Addresses int
	// Companions are the companion files the edition came with (OFAC's
	// alt.csv, add.csv, sdn_comments.csv), in lower case.
	Companions []string
}

// CountsOf returns the totals of a snapshot.
func CountsOf(s *snapshot.Snapshot) Counts {
	c := Counts{Records: s.Len(), Companions: companions(s.Files)}
	for _, e := range s.All() {
		c.Names += len(e.Names)
		c.Addresses += len(e.Addresses())
	}
	return c
}

// PreviousOf describes s as the edition in force.
func PreviousOf(s *snapshot.Snapshot) *Previous {
	return &Previous{Edition: s.Edition, Counts: CountsOf(s)}
}

// companions returns the names of the OFAC companion files among files.
func companions(files []snapshot.File) []string {
	var out []string
	for _, f := range files {
		name := strings.ToLower(f.Name)
		for _, set := range ofacSets {
			if slices.Contains(set.files[1:], name) {
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Accept decides whether next may replace prev (nil when the source has no
// accepted edition yet). It refuses, with an error wrapping ErrRejected:
// an edition without records; records without an identifier or with one
// used twice; unless forced, an edition whose count of records, of names
// or of addresses fell by more than opts.MaxDrop, that lacks a companion
// file the edition in force had (an OFAC set without alt.csv), or whose
// edition date is earlier than prev's.
func Accept(prev *Previous, next *snapshot.Snapshot, opts Checks) error {
	if err := checkRecords(next); err != nil {
		return reject(next, "%v", err)
	}
	if prev == nil || opts.Force {
		return nil
	}
	if next.Edition != "" && prev.Edition != "" && next.Edition < prev.Edition {
		return reject(next, "edition date %s is earlier than the edition in force (%s); use force to accept it", next.Edition, prev.Edition)
	}
	var problems []string
	cur := CountsOf(next)
	if missing := missingFiles(prev.Companions, cur.Companions); len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("files %s of the edition in force are missing", strings.Join(missing, ", ")))
	}
	for _, c := range []struct {
		what      string
		prev, cur int
	}{
		{"record count", prev.Records, cur.Records},
		{"name count (aliases included)", prev.Names, cur.Names},
		{"address count", prev.Addresses, cur.Addresses},
	} {
		if p := dropProblem(c.what, c.prev, c.cur, opts.MaxDrop); p != "" {
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return reject(next, "%s; use force to accept it", strings.Join(problems, "; "))
	}
	return nil
}

// dropProblem describes a fall from p to n by more than maxDrop, or
// returns "".
func dropProblem(what string, p, n int, maxDrop float64) string {
	if p <= 0 || n >= p {
		return ""
	}
	drop := float64(p-n) / float64(p)
	if drop <= maxDrop {
		return ""
	}
	return fmt.Sprintf("%s fell from %d to %d (%.1f%%, limit %.1f%%)", what, p, n, 100*drop, 100*maxDrop)
}

// missingFiles returns the names in prev that are not in next.
func missingFiles(prev, next []string) []string {
	var out []string
	for _, f := range prev {
		if !slices.Contains(next, f) {
			out = append(out, f)
		}
	}
	return out
}

// checkRecords refuses an empty edition and missing or duplicate identifiers.
func checkRecords(s *snapshot.Snapshot) error {
	if s.Len() == 0 {
		return errors.New("no records")
	}
	seen := make(map[string]int, s.Len())
	for i := range s.Len() {
		id := s.Records.ID(i)
		if id == "" {
			return fmt.Errorf("record %d has no identifier", i+1)
		}
		if j, dup := seen[id]; dup {
			return fmt.Errorf("identifier %q is used by records %d and %d", id, j+1, i+1)
		}
		seen[id] = i
	}
	return nil
}

func reject(s *snapshot.Snapshot, format string, args ...any) error {
	return fmt.Errorf("%w: %s edition %s: %s", ErrRejected, s.Source, s.Edition, fmt.Sprintf(format, args...))
}
