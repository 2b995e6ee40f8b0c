package source

import (
	"errors"
	"fmt"

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

// Accept decides whether next may replace prev (nil when the source has no
// accepted edition yet). It refuses, with an error wrapping ErrRejected:
// an edition without records; records without an identifier or with one
// used twice; unless forced, an edition whose record count fell by more
// than opts.MaxDrop, or whose edition date is earlier than prev's.
func Accept(prev *snapshot.Meta, next *snapshot.Snapshot, opts Checks) error {
	if err := checkRecords(next); err != nil {
		return reject(next, "%v", err)
	}
	if prev == nil || opts.Force {
		return nil
	}
	if next.Edition != "" && prev.Edition != "" && next.Edition < prev.Edition {
		return reject(next, "edition date %s is earlier than the edition in force (%s); use force to accept it", next.Edition, prev.Edition)
	}
	n, p := len(next.Entities), prev.Records
	if p > 0 && n < p {
		drop := float64(p-n) / float64(p)
		if drop > opts.MaxDrop {
			return reject(next, "record count fell from %d to %d (%.1f%%, limit %.1f%%); use force to accept it",
				p, n, 100*drop, 100*opts.MaxDrop)
		}
	}
	return nil
}

// checkRecords refuses an empty edition and missing or duplicate identifiers.
func checkRecords(s *snapshot.Snapshot) error {
	if len(s.Entities) == 0 {
		return errors.New("no records")
	}
	seen := make(map[string]int, len(s.Entities))
	for i, e := range s.Entities {
		if e.ID == "" {
			return fmt.Errorf("record %d has no identifier", i+1)
		}
		if j, dup := seen[e.ID]; dup {
			return fmt.Errorf("identifier %q is used by records %d and %d", e.ID, j+1, i+1)
		}
		seen[e.ID] = i
	}
	return nil
}

func reject(s *snapshot.Snapshot, format string, args ...any) error {
	return fmt.Errorf("%w: %s edition %s: %s", ErrRejected, s.Source, s.Edition, fmt.Sprintf(format, args...))
}
