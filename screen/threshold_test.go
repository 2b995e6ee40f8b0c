package screen_test

import (
	"testing"

	"github.com/vigil-screening/vigil/match"
	"github.com/vigil-screening/vigil/screen"
)

// Nationality, place of birth and gender must never lift a name into an
// alert: their boosts start only where a name alerts on its own.
func TestGroupBoostStartsAtTheAlertThreshold(t *testing.T) {
	if match.MinNameForGroupBoost < screen.DefaultThreshold {
		t.Errorf("match.MinNameForGroupBoost %.2f is below screen.DefaultThreshold %.2f", match.MinNameForGroupBoost, screen.DefaultThreshold)
	}
}
