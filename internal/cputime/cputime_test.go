package cputime

import "testing"

func TestProcessGrows(t *testing.T) {
	before := Process()
	x := 0
	for i := range 50_000_000 {
		x ^= i
	}
	_ = x
	if after := Process(); after <= before {
		t.Errorf("CPU time did not grow over busy work: %v then %v", before, after)
	}
}
