//go:build !unix

// Package cputime reads the CPU time the process has used, the steadier
// throughput figure on a shared machine than wall time.
package cputime

import "time"

// Process is not measured on this platform: it returns 0.
func Process() time.Duration { return 0 }
