// Package apperr is Vigil's one error type: a short code a program can act
// on and a message safe to show a user. Lower layers wrap causes with %w;
// the HTTP layer maps codes to statuses in one table and never shows an
// internal error's text to a client.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error.
type Code string

// Error codes.
const (
	Invalid      Code = "invalid"      // bad input: 400
	Unauthorized Code = "unauthorized" // no or bad credentials: 401
	Forbidden    Code = "forbidden"    // role not allowed: 403
	NotFound     Code = "not_found"    // 404
	Conflict     Code = "conflict"     // concurrent edit, duplicate: 409
	TooLarge     Code = "too_large"    // body or batch over the limit: 413
	Unavailable  Code = "unavailable"  // not ready (lists not loaded): 503
	Internal     Code = "internal"     // anything else: 500
)

// Error is an error with a code and a user-safe message.
type Error struct {
	Code    Code
	Message string
	// Field names the offending input field, when there is one.
	Field string
	Err   error // the cause, never shown to clients
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an *Error with a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field returns an Invalid *Error about one input field.
func Field(field, format string, args ...any) *Error {
	return &Error{Code: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of the first *Error in err's chain, or Internal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// MessageOf returns the user-safe message of err: the *Error's message (with
// its field), or "internal error".
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	return "internal error"
}

// PrefixField puts prefix before the field of a field error, e.g.
// "subjects[3]." before "date_of_birth"; other errors are returned as
// they are.
func PrefixField(prefix string, err error) error {
	var ae *Error
	if errors.As(err, &ae) && ae.Field != "" {
		return &Error{Code: ae.Code, Field: prefix + ae.Field, Message: ae.Message, Err: ae.Err}
	}
	return err
}
