package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/vigil-screening/vigil/apperr"
)

// status maps each error code to its HTTP status (apperr.Code.HTTPStatus).
func status(code apperr.Code) int { return code.HTTPStatus() }

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
	// Detail repeats the message on yente's routes, where clients read
	// FastAPI's {"detail": "..."}.
	Detail string `json:"detail,omitempty"`
}

type errorDetail struct {
	Code    apperr.Code `json:"code"`
	Message string      `json:"message"`
	Field   string      `json:"field,omitempty"`
}

// writeError answers with err as JSON. Internal errors are logged and
// shown to the client only as "internal error".
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = apperr.New(apperr.TooLarge, "request body larger than %d bytes", tooBig.Limit)
	}
	code := apperr.CodeOf(err)
	if code == apperr.Internal {
		log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := errorBody{Error: errorDetail{Code: code, Message: apperr.MessageOf(err)}}
	var ae *apperr.Error
	if errors.As(err, &ae) && code != apperr.Internal {
		body.Error.Field = ae.Field
	}
	if r != nil && isYente(r.URL.Path) {
		body.Detail = body.Error.Message
	}
	writeJSON(w, log, status(code), body)
}

// writeJSON writes v as the JSON response with the given status.
func writeJSON(w http.ResponseWriter, log *slog.Logger, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Error("encode response", "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// notFound and methodNotAllowed answer requests that match no route.
func notFound(r *http.Request) error {
	return apperr.New(apperr.NotFound, "no route for %s %s", r.Method, r.URL.Path)
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request, log *slog.Logger, allow string) {
	w.Header().Set("Allow", allow)
	writeJSON(w, log, http.StatusMethodNotAllowed, errorBody{Error: errorDetail{
		Code:    "method_not_allowed",
		Message: fmt.Sprintf("%s not allowed on %s; allowed: %s", r.Method, r.URL.Path, allow),
	}})
}
