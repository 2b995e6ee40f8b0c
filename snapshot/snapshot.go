// Package snapshot defines a loaded edition of one list source and the
// differences between two editions.
package snapshot

import (
	"iter"
	"time"

	"github.com/vigil-screening/vigil/entity"
	"github.com/vigil-screening/vigil/entity/packed"
)

// Snapshot is one accepted edition of one source: its identity and its records.
type Snapshot struct {
	// ID is the stored snapshot's id, 0 until it is stored. Ids grow in
	// the order editions are accepted: the edition of a source in force is
	// the one with the highest id.
	ID int64 `json:"id,omitempty"`
	// Source is the stable list name ("us_ofac_sdn", "un_sc", ...).
	Source string `json:"source"`
	// Format is the reader's format name ("ofac_csv", "un_xml", ...).
	Format string `json:"format"`
	// Edition is the publication date of the edition as the file says it
	// (or, when the file does not say, the date in its file or folder name,
	// or the file's date): "YYYY-MM-DD", or "YYYY-MM" when only a folder
	// name gives the month.
	Edition string `json:"edition"`
	// Hash is the hex SHA-256 over the content of all files of the edition,
	// in file-name order: the snapshot's identity.
	Hash  string `json:"hash"`
	Files []File `json:"files"`
	// LoadedAt is when the edition was read from its files, and once it is
	// stored, when it was accepted.
	LoadedAt time.Time `json:"loaded_at"`
	// Records are the edition's records, packed (entity/packed): a
	// million records take about a fifth of what they take as
	// entity.Entity values. Read them with Len, Entity and All; nil is
	// no records.
	Records *packed.Store `json:"-"`
	// Warnings are what the reader worked around when it loaded the
	// edition (a record identified by a fallback), each naming the file,
	// line and record. They are reported with the import, not stored.
	Warnings []string `json:"warnings,omitempty"`
}

// File is one file of an edition.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Meta is a snapshot without its records, for listings.
type Meta struct {
	ID       int64     `json:"id,omitempty"`
	Source   string    `json:"source"`
	Format   string    `json:"format"`
	Edition  string    `json:"edition"`
	Hash     string    `json:"hash"`
	Records  int       `json:"records"`
	LoadedAt time.Time `json:"loaded_at"`
}

// Meta returns the snapshot's metadata.
func (s *Snapshot) Meta() Meta {
	return Meta{ID: s.ID, Source: s.Source, Format: s.Format, Edition: s.Edition, Hash: s.Hash, Records: s.Len(), LoadedAt: s.LoadedAt}
}

// Len returns the number of records.
func (s *Snapshot) Len() int {
	if s.Records == nil {
		return 0
	}
	return s.Records.Len()
}

// Entity decodes record i: a fresh copy, the caller's to change.
func (s *Snapshot) Entity(i int) *entity.Entity { return s.Records.Entity(i) }

// All yields every record in order, each decoded when its turn comes:
// a loop over All holds one record at a time, not the edition.
func (s *Snapshot) All() iter.Seq2[int, *entity.Entity] {
	return func(yield func(int, *entity.Entity) bool) {
		for i := range s.Len() {
			if !yield(i, s.Records.Entity(i)) {
				return
			}
		}
	}
}

// Entities decodes every record at once, for the callers that need
// them all together (a diff of two editions, storing an edition). A
// loop should use All.
func (s *Snapshot) Entities() []*entity.Entity {
	out := make([]*entity.Entity, s.Len())
	for i, e := range s.All() {
		out[i] = e
	}
	return out
}
