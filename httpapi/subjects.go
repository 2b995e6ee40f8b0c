package httpapi

import (
	"net/http"
	"slices"
	"strings"

	"github.com/vigil-screening/vigil"
	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/screen"
	"github.com/vigil-screening/vigil/store"
)

// recordResponse is the answer to POST /v1/subjects/{id}/screen: the hits
// of this screening and what recording it did (the screening id, the
// alerts raised, the open alerts that already covered a hit, the hits
// remembered as false positives) and the editions it ran against.
type recordResponse struct {
	SubjectID string `json:"subject_id"`
	*store.ScreeningResult
	Editions []string    `json:"editions"`
	Hits     []vigil.Hit `json:"hits"`
}

// screenSubject screens one recorded subject and records the screening,
// its alerts and the audit entry in one transaction.
func (s *Server) screenSubject(w http.ResponseWriter, r *http.Request) error {
	db, p, err := s.actor(r)
	if err != nil {
		return err
	}
	l, err := s.ready()
	if err != nil {
		return err
	}
	var req screenRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	sub, opts, err := s.recordedSubject(r.PathValue("id"), req)
	if err != nil {
		return err
	}
	hits, err := l.Engine.Screen(r.Context(), sub, opts)
	if err != nil {
		return err
	}
	rec := store.Screening{
		IdempotencyKey: r.Header.Get(IdempotencyHeader),
		SubjectID:      sub.ID, Subject: sub, Editions: editions(l, opts.Lists),
		Threshold: opts.Threshold, Hits: withRecords(l.Engine, hits),
	}
	res, err := db.RecordScreening(r.Context(), p, rec)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []vigil.Hit{}
	}
	writeJSON(w, s.log, http.StatusOK, recordResponse{SubjectID: sub.ID, ScreeningResult: res, Editions: rec.Editions, Hits: hits})
	return nil
}

// recordedSubject validates the body of a recorded screening against the
// subject id of its path.
func (s *Server) recordedSubject(id string, req screenRequest) (vigil.Subject, vigil.Options, error) {
	if strings.TrimSpace(id) == "" || len(id) > 200 {
		return vigil.Subject{}, vigil.Options{}, apperr.Field("id", "want a subject id of 1 to 200 bytes")
	}
	if req.Subjects != nil {
		return vigil.Subject{}, vigil.Options{}, apperr.Field("subjects", "a recorded screening is of one subject: give its fields at the top level")
	}
	if req.SubjectInput.ID != "" && string(req.SubjectInput.ID) != id {
		return vigil.Subject{}, vigil.Options{}, apperr.Field("id", "%q differs from the subject id of the path", truncate(string(req.SubjectInput.ID), 40))
	}
	opts, err := recordedOptions(req)
	if err != nil {
		return vigil.Subject{}, vigil.Options{}, err
	}
	sub, err := req.SubjectInput.Subject(id)
	if err != nil {
		return vigil.Subject{}, vigil.Options{}, err
	}
	sub.ID = id
	return sub, opts, nil
}

// recordedOptions returns the options of a recorded screening: always the
// alert threshold, every loaded list and the default number of hits. What
// alerts is the server's policy, not the caller's: a caller who could
// raise the threshold, leave out lists or keep fewer hits could decide
// that a subject raises no alert. A body that asks for any of them is
// refused, naming the field; POST /v1/screen (ad hoc, nothing recorded)
// keeps them for exploring.
func recordedOptions(req screenRequest) (vigil.Options, error) {
	const why = "a recorded screening always uses the server's alert threshold, every loaded list and every hit at or above it; use POST /v1/screen to explore"
	switch {
	case req.Threshold != nil:
		return vigil.Options{}, apperr.Field("threshold", "%s", why)
	case req.Lists != nil:
		return vigil.Options{}, apperr.Field("lists", "%s", why)
	case req.Limit != nil:
		return vigil.Options{}, apperr.Field("limit", "%s", why)
	}
	return vigil.Options{Threshold: screen.DefaultThreshold, Limit: recordedLimit}, nil
}

// recordedLimit is how many hits a recorded screening keeps: every hit at
// or above the alert threshold raises an alert, so the limit is set far
// above what any real name reaches (the engine's default is 10).
const recordedLimit = 1000

// editions returns the hashes of the snapshots a screening ran against:
// all loaded, or those of the lists it was restricted to.
func editions(l *Lists, lists []string) []string {
	out := []string{}
	for _, m := range l.Snapshots {
		if len(lists) == 0 || slices.Contains(lists, m.Source) {
			out = append(out, m.Hash)
		}
	}
	return out
}

// withRecords attaches to each hit the list record it points to and those
// of its Also (the same identity on other lists), as they are now: an
// alert keeps that version, and false-positive memory compares with it.
func withRecords(eng Engine, hits []vigil.Hit) []store.Hit {
	out := make([]store.Hit, len(hits))
	for i, h := range hits {
		out[i] = store.Hit{Hit: h, Record: eng.Entity(h.List, h.SourceID)}
		for _, ref := range h.Also {
			if e := eng.Entity(ref.List, ref.SourceID); e != nil {
				out[i].AlsoRecords = append(out[i].AlsoRecords, e)
			}
		}
	}
	return out
}

// auditAdHoc writes the audit entry of each ad hoc screening of r when
// the server has a database: the query, the editions and every hit's
// identity and score. It stores nothing else.
func (s *Server) auditAdHoc(r *http.Request, l *Lists, opts vigil.Options, subs []vigil.Subject, hits [][]vigil.Hit) error {
	if s.db == nil {
		return nil
	}
	p, ok := PrincipalFrom(r.Context())
	if !ok {
		return apperr.New(apperr.Unauthorized, "an audited screening needs an API key")
	}
	eds := editions(l, opts.Lists)
	batch := make([]store.Screening, len(subs))
	for i, sub := range subs {
		batch[i] = store.Screening{Subject: sub, Editions: eds, Threshold: opts.Threshold, Hits: withRecords(l.Engine, hits[i])}
	}
	if len(batch) == 1 {
		batch[0].IdempotencyKey = r.Header.Get(IdempotencyHeader)
		_, err := s.db.RecordScreening(r.Context(), p, batch[0])
		return err
	}
	for len(batch) > 0 {
		n := min(len(batch), 1000)
		if _, err := s.db.RecordScreenings(r.Context(), p, batch[:n]); err != nil {
			return err
		}
		batch = batch[n:]
	}
	return nil
}

// getSubject returns a recorded subject with its attribute history and
// screenings; the view is audited.
func (s *Server) getSubject(w http.ResponseWriter, r *http.Request) error {
	db, p, err := s.actor(r)
	if err != nil {
		return err
	}
	sub, err := db.GetSubject(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, sub)
	return nil
}
