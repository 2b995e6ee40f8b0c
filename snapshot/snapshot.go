// Package snapshot defines a loaded edition of one list source and the
// differences between two editions.
package snapshot

import (
	"time"

	"github.com/vigil-screening/vigil/entity"
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
	LoadedAt time.Time        `json:"loaded_at"`
	Entities []*entity.Entity `json:"-"`
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
	return Meta{ID: s.ID, Source: s.Source, Format: s.Format, Edition: s.Edition, Hash: s.Hash, Records: len(s.Entities), LoadedAt: s.LoadedAt}
}
