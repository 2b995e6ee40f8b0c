package match_test

// scoreCase is a pair of names and the range its score must fall in.
type scoreCase struct {
	q, l     string
	min, max float32
}
