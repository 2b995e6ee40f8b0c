package un

import (
	"strings"

	"github.com/vigil-screening/vigil/reader/xmlnode"
)

// Values that are single-line by nature (names, places, document numbers,
// titles) are read with every run of white space, line breaks included,
// collapsed to one space: the UN wraps long values over lines (the 2024-11
// file breaks 23 names), and where it breaks a line is not a change of the
// value. Free text (COMMENTS1, the remarks) keeps its lines.

// line returns the text of n's child name as one line.
func line(n *xmlnode.Node, name string) string { return oneLine(n.Text(name)) }

// lines returns the VALUE texts of n's children name, each as one line.
func lines(n *xmlnode.Node, name string) []string {
	vals := n.Values(name)
	for i, v := range vals {
		vals[i] = oneLine(v)
	}
	return vals
}

// oneLine collapses each run of white space in s to one space and trims
// the ends.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
