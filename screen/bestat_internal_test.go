package screen

import "testing"

// bestAt finds each record's place in w.best whether it scans (few
// records) or looks them up (many), after appends and in-place updates,
// and forgets them all on resetBest.
func TestBestAt(t *testing.T) {
	w := &work{}
	for round := range 2 {
		w.resetBest()
		const n = 3 * bestScan
		for i := range n {
			ent := int32(1000*round + 7*i)
			if w.bestAt(ent) != -1 {
				t.Fatalf("round %d: record %d found before it was added", round, ent)
			}
			w.best = append(w.best, best{ent: ent})
			if i%5 == 0 {
				w.best[i/2].score++ // updated in place: same record, same place
			}
			for j := 0; j <= i; j += 9 {
				if got := w.bestAt(w.best[j].ent); got != j {
					t.Fatalf("round %d, %d records: record %d at %d, want %d", round, i+1, w.best[j].ent, got, j)
				}
			}
		}
		if w.bestAt(-5) != -1 || w.bestAt(int32(1000*round+7*n)) != -1 {
			t.Fatalf("round %d: a record never added was found", round)
		}
	}
}
