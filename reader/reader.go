// Package reader holds what every list reader shares: the error type that
// names the file, line and field of bad input, the limits that protect
// Vigil from hostile files, and small text helpers.
//
// Each list format has its own sub-package (reader/ofac, reader/un, ...).
// Every reader exports
//
//	func Read(ctx context.Context, path string, emit reader.Emit) error
//
// and single-file formats also
//
//	func Parse(ctx context.Context, r io.Reader, name string, emit reader.Emit) error
//
// A reader either parses an edition completely or returns an error: the
// caller discards everything emitted before an error, so a bad file never
// becomes a partial load.
package reader

import (
	"fmt"

	"github.com/vigil-screening/vigil/entity"
)

// Emit receives each parsed record. Returning an error stops the reader,
// which returns that error.
type Emit func(*entity.Entity) error

// Warn receives what a reader worked around without refusing the file:
// a record it could read only with a documented fallback (Canada's
// records without an item number). A warning names the file, line,
// record and field like an error. Warnings of a file that then fails
// are void, like its records.
type Warn func(*ParseError)

// Limits that no real list comes near; a file past them is hostile or broken.
const (
	// MaxField is the largest single field (cell, element text, CSV field).
	MaxField = 1 << 20
	// MaxFile is the largest list file accepted.
	MaxFile = 512 << 20
)

// ParseError describes bad input: which file, where in it, and what is wrong.
type ParseError struct {
	File   string // file name as given to the reader
	Line   int    // 1-based line (or spreadsheet row); 0 when unknown
	Record string // record identifier when known
	Field  string // field, column or element name when known
	Err    error
}

func (e *ParseError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	if e.Record != "" {
		s += fmt.Sprintf(": record %s", e.Record)
	}
	if e.Field != "" {
		s += fmt.Sprintf(": field %s", e.Field)
	}
	return s + ": " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errorf returns a *ParseError for file and line with a formatted message.
func Errorf(file string, line int, format string, args ...any) error {
	return &ParseError{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}
