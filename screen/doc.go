// Package screen is Vigil's screening engine: given a subject, it finds the
// listed records that may be the same identity, scores each from 0 to 1 and
// explains the score. Its vocabulary (Subject, Hit, Explanation) is the
// root package vigil's.
package screen
