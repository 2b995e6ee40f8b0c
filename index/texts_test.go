package index

import (
	"strconv"
	"strings"
	"testing"
)

// TestTexts checks that texts come back as added across chunks, long
// ones included.
func TestTexts(t *testing.T) {
	var a textArena
	var want []string
	var refs []textRef
	add := func(s string) {
		want = append(want, s)
		refs = append(refs, a.add(s))
	}
	add("")
	add("Ayman al-Zawahiri")
	add(strings.Repeat("x", longText))    // kept whole
	add(strings.Repeat("y", longText-1))  // the longest in a chunk
	for i := range 3 * maxTextChunk / 8 { // several chunks
		add("name " + strconv.Itoa(i) + " ")
	}
	add("阿不都·哈克")
	tx := a.done()
	if len(tx.chunks) < 3 {
		t.Fatalf("%d chunks, want several", len(tx.chunks))
	}
	for i, r := range refs {
		if got := tx.text(r); got != want[i] {
			t.Fatalf("text %d: got %.40q, want %.40q", i, got, want[i])
		}
	}
}
