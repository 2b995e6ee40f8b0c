package service

import (
	"context"
	"strconv"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/snapshot"
	"github.com/vigil-screening/vigil/store"
)

// The use cases of the web application (package web) that the API does
// not have: signing in with a password, and the reads its pages page
// through. Every other action of the pages is a use case above, called
// with the signed-in user's principal.

type (
	// WebSession is a signed-in session of the web application.
	WebSession = store.WebSession
	// QueueFilter selects a page of the alert queue.
	QueueFilter = store.QueueFilter
	// QueuePage is a page of the alert queue.
	QueuePage = store.QueuePage
	// AlertStats counts alerts by state and age.
	AlertStats = store.AlertStats
	// AuditQuery selects entries of the audit trail.
	AuditQuery = store.AuditQuery
	// SubjectSummary is a subject as a search lists it.
	SubjectSummary = store.SubjectSummary
)

// SignInPolicy is how long sessions live and when failed sign-ins lock a
// name out.
type SignInPolicy struct {
	Sessions store.SessionLimits
	Lockout  store.Lockout
}

// DefaultSignInPolicy: sessions end after 30 idle minutes or 12 hours;
// 5 failures within 15 minutes lock the name for 15 minutes.
func DefaultSignInPolicy() SignInPolicy {
	return SignInPolicy{
		Sessions: store.SessionLimits{Idle: 30 * time.Minute, Absolute: 12 * time.Hour},
		Lockout:  store.Lockout{Failures: 5, Window: 15 * time.Minute, Lock: 15 * time.Minute},
	}
}

// errSignIn is the one answer to every failed sign-in: it does not say
// whether the name exists, has a password, is disabled or is locked out.
func errSignIn() error {
	return apperr.New(apperr.Unauthorized, "wrong user name or password, or too many failed attempts: try again later")
}

// SignIn checks a user name and password and starts a session. Whatever
// went wrong, the caller hears errSignIn, after the time one password
// check takes. A name with pol.Lockout.Failures failed attempts within
// the window is refused for the lock time, even with the right password.
func (s *Service) SignIn(ctx context.Context, pol SignInPolicy, username, password string) (string, *WebSession, error) {
	db, err := s.database()
	if err != nil {
		return "", nil, err
	}
	if len(username) > 64 {
		username = username[:64]
	}
	until, err := db.LockedUntil(ctx, username)
	if err != nil {
		return "", nil, err
	}
	p, err := db.CheckPassword(ctx, username, password)
	if !until.IsZero() || apperr.CodeOf(err) == apperr.Unauthorized {
		s.authFailed(ctx, "password", errSignIn()) // counted and logged, rate-limited (authfail.go)
	}
	if !until.IsZero() {
		return "", nil, errSignIn()
	}
	if apperr.CodeOf(err) == apperr.Unauthorized {
		if !store.ValidUsername(username) {
			return "", nil, errSignIn() // not a name any user can have: nothing to count
		}
		locked, ferr := db.RecordSignInFailure(ctx, username, pol.Lockout)
		if ferr != nil {
			return "", nil, ferr
		}
		if !locked.IsZero() {
			s.log.Warn("sign-in locked after repeated failures", "username", username, "until", locked)
			if aerr := db.Audit(ctx, System, audit.ActionSignInLock, "user/"+username, map[string]any{"until": locked.UTC().Format(time.RFC3339)}); aerr != nil {
				return "", nil, aerr
			}
		}
		return "", nil, errSignIn()
	}
	if err != nil {
		return "", nil, err
	}
	if err := db.ClearSignInFailures(ctx, username); err != nil {
		return "", nil, err
	}
	token, sess, err := db.CreateWebSession(ctx, p, pol.Sessions, nil) // audited with its bind
	if err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// SignInVerified starts a session for a user whom an identity provider
// has authenticated (the caller has verified the provider's signed
// token, as package web's OpenID Connect sign-in does). The user must
// exist in Vigil and be enabled: their roles are Vigil's, never the
// provider's. via names the provider in the audit entry.
func (s *Service) SignInVerified(ctx context.Context, pol SignInPolicy, username, via string) (string, *WebSession, error) {
	db, err := s.database()
	if err != nil {
		return "", nil, err
	}
	if !store.ValidUsername(username) {
		return "", nil, apperr.New(apperr.Unauthorized, "the identity provider's user name %q is not one Vigil users can have", username)
	}
	p, err := db.EnabledUser(ctx, username)
	if err != nil {
		return "", nil, apperr.New(apperr.Unauthorized, "%s signed in at %s, but Vigil has no enabled user of that name: an administrator must add it", username, via)
	}
	token, sess, err := db.CreateWebSession(ctx, p, pol.Sessions, map[string]any{"via": via}) // audited with its bind
	if err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// Session returns the live session of a token, with the user's roles as
// they are now, or apperr.Unauthorized.
func (s *Service) Session(ctx context.Context, pol SignInPolicy, token string) (*WebSession, error) {
	db, err := s.database()
	if err != nil {
		return nil, err
	}
	return db.WebSessionFor(ctx, token, pol.Sessions)
}

// SignOut ends the session of a token.
func (s *Service) SignOut(ctx context.Context, p auth.Principal, token string) error {
	db, err := s.database()
	if err != nil {
		return err
	}
	if err := db.DeleteWebSession(ctx, token); err != nil {
		return err
	}
	return db.Audit(ctx, p, audit.ActionSignOut, "user/"+p.Username, struct{}{})
}

// AlertQueue returns a page of the alert queue.
func (s *Service) AlertQueue(ctx context.Context, p auth.Principal, f QueueFilter) (*QueuePage, error) {
	db, err := s.store(p, auth.ActionListAlerts)
	if err != nil {
		return nil, err
	}
	return db.AlertQueue(ctx, f)
}

// AlertStats counts the alerts by state and by age.
func (s *Service) AlertStats(ctx context.Context, p auth.Principal) (*AlertStats, error) {
	db, err := s.store(p, auth.ActionListAlerts)
	if err != nil {
		return nil, err
	}
	return db.AlertStats(ctx)
}

// AlertHistory returns who did what to an alert, oldest first: the
// audit entries about it.
func (s *Service) AlertHistory(ctx context.Context, p auth.Principal, id int64) ([]*audit.Entry, error) {
	db, err := s.store(p, auth.ActionListAlerts)
	if err != nil {
		return nil, err
	}
	es, err := db.AuditEntries(ctx, AuditQuery{Object: "alert/" + strconv.FormatInt(id, 10), Limit: 500})
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es, nil
}

// AuditEntries returns a page of the audit trail, newest first.
func (s *Service) AuditEntries(ctx context.Context, p auth.Principal, q AuditQuery) ([]*audit.Entry, error) {
	db, err := s.store(p, auth.ActionReadAudit)
	if err != nil {
		return nil, err
	}
	return db.AuditEntries(ctx, q)
}

// SearchSubjects returns recorded subjects whose id starts with prefix.
func (s *Service) SearchSubjects(ctx context.Context, p auth.Principal, prefix, after string, limit int) ([]SubjectSummary, error) {
	db, err := s.store(p, auth.ActionViewSubject)
	if err != nil {
		return nil, err
	}
	return db.SearchSubjects(ctx, prefix, after, limit)
}

// EditionDiff returns what changed between two stored editions of one
// source.
func (s *Service) EditionDiff(ctx context.Context, p auth.Principal, fromID, toID int64) (from, to snapshot.Meta, d snapshot.Delta, err error) {
	db, err := s.store(p, auth.ActionViewLists)
	if err != nil {
		return from, to, d, err
	}
	a, err := db.Snapshot(ctx, fromID)
	if err != nil {
		return from, to, d, err
	}
	b, err := db.Snapshot(ctx, toID)
	if err != nil {
		return from, to, d, err
	}
	if a.Source != b.Source {
		return from, to, d, apperr.New(apperr.Invalid, "editions %d and %d are of different lists (%s, %s)", fromID, toID, a.Source, b.Source)
	}
	return a.Meta(), b.Meta(), snapshot.Diff(a.Entities(), b.Entities()), nil
}
