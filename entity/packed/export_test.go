package packed

// CheckRoundTrip is checkRoundTrip for the external tests.
var CheckRoundTrip = checkRoundTrip
