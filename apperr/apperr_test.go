package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeAndMessage(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		code     Code
		message  string
		internal string
	}{
		{"field", Field("date_of_birth", "want YYYY-MM-DD"), Invalid, "date_of_birth: want YYYY-MM-DD", "date_of_birth: want YYYY-MM-DD"},
		{"wrapped", fmt.Errorf("decide alert 7: %w", New(Conflict, "alert changed since version %d", 3)), Conflict, "alert changed since version 3", "decide alert 7: alert changed since version 3"},
		{"cause hidden", &Error{Code: NotFound, Message: "no such alert", Err: errors.New("sql: no rows")}, NotFound, "no such alert", "no such alert: sql: no rows"},
		{"plain error", errors.New("disk full"), Internal, "internal error", "disk full"},
		{"internal code", New(Internal, "secret detail"), Internal, "internal error", "secret detail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CodeOf(tt.err); got != tt.code {
				t.Errorf("CodeOf = %q, want %q", got, tt.code)
			}
			if got := MessageOf(tt.err); got != tt.message {
				t.Errorf("MessageOf = %q, want %q", got, tt.message)
			}
			if got := tt.err.Error(); got != tt.internal {
				t.Errorf("Error = %q, want %q", got, tt.internal)
			}
		})
	}
}
