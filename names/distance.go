package names

// DistanceAtMost returns the optimal string alignment distance of a and b
// (the number of insertions, deletions, substitutions and swaps of
// neighbouring bytes that turn one into the other) when it is at most k,
// and k+1 otherwise. It stops as soon as the distance must exceed k.
// Strings longer than 64 bytes are compared on their first 64 bytes. It
// does not allocate.
func DistanceAtMost(a, b string, k int) int {
	a, b = a[:min(len(a), 64)], b[:min(len(b), 64)]
	if len(a)-len(b) > k || len(b)-len(a) > k {
		return k + 1
	}
	var rows [3][65]uint8
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = uint8(min(j, 255))
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint8(i)
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := uint8(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if int(rowMin) > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(int(prev[len(b)]), k+1)
}

// LetterMask returns the set of letters a-z of s as bits. The number of
// letters one mask has and the other lacks is a lower bound of the edit
// distance of the two strings.
func LetterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		}
	}
	return m
}
