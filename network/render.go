package network

import (
	"fmt"
	"strconv"
	"strings"
)

// Text renders an exposure for a reviewer: each path with every edge's
// type, direction and provenance.
func (x *Exposure) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Exposure of %s within %d hops: %d path(s) to %d listed record(s)", x.From.label(), x.Hops, x.Total, x.Listed)
	if x.Truncated {
		b.WriteString(" (search stopped at its bounds: more may exist)")
	}
	b.WriteString("\n")
	for i, p := range x.Paths {
		fmt.Fprintf(&b, "%d. %d hop(s) to %s, strength %s, sourced by %s\n", i+1, p.Hops(), p.Target().label(),
			strconv.FormatFloat(p.Strength, 'f', -1, 64), p.Sourcing)
		p.text(&b, "   ")
	}
	return b.String()
}

func (p *Path) text(b *strings.Builder, indent string) {
	fmt.Fprintf(b, "%s%s\n", indent, p.Nodes[0].label())
	for i, s := range p.Steps {
		rel := string(s.Type)
		if s.ShareKnown {
			rel += " " + pct(s.Share)
		}
		arrow := "--" + rel + "-->"
		if !s.Forward && s.Type.Directed() {
			arrow = "<--" + rel + "--"
		}
		fmt.Fprintf(b, "%s  %s %s\n", indent, arrow, p.Nodes[i+1].label())
		fmt.Fprintf(b, "%s      %s\n", indent, s.Edge.provenanceText())
	}
}

func (e *Edge) provenanceText() string {
	parts := []string{"source: " + string(e.Kind) + " " + e.Source}
	if e.Date != "" {
		parts = append(parts, "date "+e.Date)
	}
	if e.Start != "" || e.End != "" {
		parts = append(parts, "from "+orDash(e.Start)+" to "+orDash(e.End))
	}
	parts = append(parts, "confidence "+strconv.FormatFloat(e.Confidence, 'f', -1, 64))
	if e.AssertedBy != "" {
		parts = append(parts, "asserted by "+e.AssertedBy)
	}
	if e.Evidence != "" {
		parts = append(parts, "evidence "+strconv.Quote(e.Evidence))
	}
	return strings.Join(parts, "; ")
}

func orDash(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

// Text renders a neighbourhood.
func (n *Neighbourhood) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Within %d hops of %s: %d node(s), %d recorded subject(s)\n", n.Hops, n.From.label(), n.Total, n.Subjects)
	for i, r := range n.Reached {
		fmt.Fprintf(&b, "%d. %s, %d hop(s)\n", i+1, r.Node.label(), r.Hops)
		r.Path.text(&b, "   ")
	}
	return b.String()
}

// Text renders an ownership computation.
func (o *Ownership) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ownership of %s", o.Target.label())
	if o.AsOf != "" {
		fmt.Fprintf(&b, " on %s", o.AsOf)
	}
	b.WriteString("\n")
	for _, w := range o.Owners {
		agg := pct(w.Share)
		if w.Unknown > 0 {
			agg = "at least " + agg + fmt.Sprintf(" (%d chain(s) of unknown share)", w.Unknown)
		}
		fmt.Fprintf(&b, "  %s: %s\n", w.Owner.label(), agg)
		for _, c := range w.Chains {
			fmt.Fprintf(&b, "      %s\n", c)
		}
	}
	for _, c := range o.Cycles {
		fmt.Fprintf(&b, "  cycle cut: %s\n", c)
	}
	for _, e := range o.Ended {
		fmt.Fprintf(&b, "  not counted (ended): %s owns %s %s\n", e.From, e.To, e.provenanceText())
	}
	verdict := "not blocked by the 50 percent rule"
	switch {
	case o.Rule.Listed:
		verdict = "BLOCKED: listed"
	case o.Rule.Blocked:
		verdict = "BLOCKED by the 50 percent rule"
	case o.Rule.Undetermined:
		verdict = "UNDETERMINED under the 50 percent rule: shares unknown"
	}
	fmt.Fprintf(&b, "50 percent rule: %s\n", verdict)
	for _, c := range o.Rule.Computation {
		fmt.Fprintf(&b, "  %s\n", c)
	}
	return b.String()
}
