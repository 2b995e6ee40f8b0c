// Package vigil is Vigil's screening vocabulary: the subject to screen,
// the options of a screening, and the hits it returns with their
// explanations. It is a leaf: it does no I/O and imports no other part of
// Vigil but the model of a listed identity (entity), so that the engine,
// the system of record, the review rules and every adapter speak the same
// words without importing one another.
//
// Where things go: the engine is package screen, the system of record
// package store, the use cases every adapter calls package service; see
// docs/architecture.md.
package vigil
