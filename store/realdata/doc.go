// Package realdata holds the store's tests and benchmarks on real list
// editions. They live apart from package store's own tests so that those
// build without the list readers.
package realdata
