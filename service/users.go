package service

import (
	"context"
	"fmt"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
)

// Users and API keys. Only admins (and the operator at the machine)
// manage them; every change is audited.

// Authenticate returns the principal an API key acts as, or an
// apperr.Unauthorized error.
func (s *Service) Authenticate(ctx context.Context, apiKey string) (auth.Principal, error) {
	db, err := s.database()
	if err != nil {
		return auth.Principal{}, err
	}
	pr, err := db.Authenticate(ctx, apiKey)
	if apperr.CodeOf(err) == apperr.Unauthorized {
		s.authFailed(ctx, "api_key", err)
	}
	return pr, err
}

// AuthenticateLater is Authenticate from the row of the key's last
// lookup, when there is one: the principal holds only once the check is
// confirmed, which recording the request's audited screening does
// (store.AuthenticateLater). nil check: it holds already.
func (s *Service) AuthenticateLater(ctx context.Context, apiKey string) (auth.Principal, *store.KeyCheck, error) {
	db, err := s.database()
	if err != nil {
		return auth.Principal{}, nil, err
	}
	pr, check, err := db.AuthenticateLater(ctx, apiKey)
	if apperr.CodeOf(err) == apperr.Unauthorized {
		s.authFailed(ctx, "api_key", err)
	}
	return pr, check, err
}

// ConfirmKey confirms a check AuthenticateLater returned (a lookup of
// the key unless the request's commit confirmed it), counting a refusal
// as a failed authentication.
func (s *Service) ConfirmKey(ctx context.Context, check *store.KeyCheck) error {
	err := check.Confirm(ctx)
	if apperr.CodeOf(err) == apperr.Unauthorized {
		s.authFailed(ctx, "api_key", err)
	}
	return err
}

// Users lists the users by name.
func (s *Service) Users(ctx context.Context, p auth.Principal) ([]*User, error) {
	db, err := s.store(p, auth.ActionManageUsers)
	if err != nil {
		return nil, err
	}
	return db.ListUsers(ctx)
}

// CreateUser adds a user with roles; a taken name is apperr.Conflict.
func (s *Service) CreateUser(ctx context.Context, p auth.Principal, username string, roles []auth.Role) (*User, error) {
	db, err := s.store(p, auth.ActionManageUsers)
	if err != nil {
		return nil, err
	}
	return db.CreateUser(ctx, p, username, roles)
}

// DisableUser disables a user: their API keys stop working at once.
func (s *Service) DisableUser(ctx context.Context, p auth.Principal, username string) error {
	db, err := s.store(p, auth.ActionManageUsers)
	if err != nil {
		return err
	}
	return db.DisableUser(ctx, p, username)
}

// SetPassword sets a user's password (kept as an argon2id hash), for
// signing in to the web pages.
func (s *Service) SetPassword(ctx context.Context, p auth.Principal, username, password string) error {
	db, err := s.store(p, auth.ActionManageUsers)
	if err != nil {
		return err
	}
	return db.SetPassword(ctx, p, username, password)
}

// Keys lists the API keys, newest first (never their secrets).
func (s *Service) Keys(ctx context.Context, p auth.Principal) ([]*Key, error) {
	db, err := s.store(p, auth.ActionManageKeys)
	if err != nil {
		return nil, err
	}
	return db.ListKeys(ctx)
}

// CreateKey makes an API key for a user and returns it with its secret,
// which is shown this once and never stored. For a user who reviews
// alerts (analyst, supervisor), made by someone else, it is a one-time
// activation instead (Key.Kind "activation"), which the user exchanges
// with Activate for a key only they see: nobody obtains another
// reviewer's credentials, so nobody can be two of the four eyes.
func (s *Service) CreateKey(ctx context.Context, p auth.Principal, username string) (*Key, string, error) {
	db, err := s.store(p, auth.ActionManageKeys)
	if err != nil {
		return nil, "", err
	}
	roles, err := db.UserRoles(ctx, username)
	if err != nil {
		return nil, "", err
	}
	if auth.Reviews(roles) && p.Username != username {
		return db.CreateActivation(ctx, p, username)
	}
	return db.CreateKey(ctx, p, username)
}

// Activate exchanges a one-time activation for the API key of the user it
// was made for. It needs no principal: the activation is the credential.
func (s *Service) Activate(ctx context.Context, activation string) (*Key, string, error) {
	db, err := s.database()
	if err != nil {
		return nil, "", err
	}
	k, key, err := db.Activate(ctx, activation)
	if apperr.CodeOf(err) == apperr.Unauthorized {
		s.authFailed(ctx, "activation", err)
	}
	return k, key, err
}

// RevokeKey revokes an API key by id; it stops working at once.
func (s *Service) RevokeKey(ctx context.Context, p auth.Principal, id string) error {
	db, err := s.store(p, auth.ActionManageKeys)
	if err != nil {
		return err
	}
	return db.RevokeKey(ctx, p, id)
}

// FirstStart is what Bootstrap created on a database without users. The
// keys are shown this once; only their hashes are stored.
type FirstStart struct {
	// AdminKey is the key of the user "admin", who manages users and keys
	// and cannot screen: duties are separate.
	AdminKey string
	// User and UserKey are the first screening user (roles screener and
	// analyst) and its key, when one was asked for.
	User, UserKey string
}

// FirstUserRoles are the roles of the first screening user: enough to
// screen, record screenings and review the alerts they raise.
var FirstUserRoles = []auth.Role{auth.RoleScreener, auth.RoleAnalyst}

// Bootstrap prepares a database without users for its first start: it
// creates the user "admin" with a key and, when user is not "", a first
// screening user with FirstUserRoles and a key. It returns nil when the
// database has users already (nothing is created then).
func (s *Service) Bootstrap(ctx context.Context, user string) (*FirstStart, error) {
	db, err := s.database()
	if err != nil {
		return nil, err
	}
	key, err := db.Bootstrap(ctx)
	if err != nil || key == "" {
		return nil, err
	}
	first := &FirstStart{AdminKey: key}
	if user == "" {
		return first, nil
	}
	if _, err := db.CreateUser(ctx, System, user, FirstUserRoles); err != nil {
		return first, fmt.Errorf("first user %s: %w", user, err)
	}
	if _, first.UserKey, err = db.CreateKey(ctx, System, user); err != nil {
		return first, fmt.Errorf("first user %s: %w", user, err)
	}
	first.User = user
	return first, nil
}
