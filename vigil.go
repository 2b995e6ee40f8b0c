// Package vigil is Vigil's domain vocabulary: the subject to screen, as
// users write it (SubjectInput) and as it is once validated (Subject), the
// options of a screening, the hits it returns with their explanations, and
// the result of screening one subject of a batch. It is a leaf: it does no
// I/O and imports no other part of Vigil but the model of a listed
// identity (entity), country codes (country) and the error type (apperr),
// so that the engine, the system of record, the review rules, the service
// layer and every adapter speak the same words without importing one
// another.
//
// Where things go: the engine is package screen, the system of record
// package store, the use cases every adapter calls package service; see
// docs/architecture.md.
package vigil
