package service

// Observer is told what the use cases did, for monitoring (package
// metrics counts it for /metrics). It must be cheap and safe for
// concurrent use; a nil Config.Observer observes nothing.
type Observer interface {
	// Screened is called once per screening use case that completed:
	// kind is "ad_hoc", "batch", "file" or "recorded"; subjects is how
	// many subjects were screened and withHits how many had at least one
	// hit.
	Screened(kind string, subjects, withHits int)
	// AlertsRaised is called with the number of new alerts a recorded
	// screening raised (not the open alerts it merged into).
	AlertsRaised(n int)
}

type noObserver struct{}

func (noObserver) Screened(string, int, int) {}
func (noObserver) AlertsRaised(int)          {}
