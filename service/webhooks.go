package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/auth"
	"github.com/vigil-screening/vigil/store"
	"github.com/vigil-screening/vigil/webhook"
)

// Webhooks: an admin registers an address and the events it wants; every
// such event then becomes a delivery, written with its job in the event's
// transaction (store/events.go) and sent by the job: a signed POST (see
// package webhook), retried with exponential backoff, with the same
// delivery id on every attempt.
type (
	// Webhook is a registered address, never its secret.
	Webhook = store.Webhook
	// Delivery is one event sent to one webhook.
	Delivery = store.Delivery
	// EventType names an event.
	EventType = store.EventType
)

// Hooks configures sending webhook deliveries.
type Hooks struct {
	// Client sends them; nil means a client with a 10-second time limit.
	Client *http.Client
	// MaxFailures is how many failed attempts in a row disable a webhook;
	// 0 means DefaultMaxFailures, a negative number never.
	MaxFailures int
}

// DefaultMaxFailures disables a webhook after this many failed attempts
// in a row: with the delivery job's backoff, about a day of failures.
const DefaultMaxFailures = 30

// NewWebhook is a webhook just created, with its secret, shown once.
type NewWebhook struct {
	Webhook
	Secret string `json:"secret"`
}

// CreateWebhook registers url for the events (none: all) and returns it
// with its signing secret, which is never shown again.
func (s *Service) CreateWebhook(ctx context.Context, p auth.Principal, rawURL string, events []EventType) (*NewWebhook, error) {
	db, err := s.store(p, auth.ActionManageHooks)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, apperr.Field("url", "want an http or https address without credentials")
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	secret := "whsec_" + hex.EncodeToString(b)
	h, err := db.CreateWebhook(ctx, p, u.String(), events, secret)
	if err != nil {
		return nil, err
	}
	return &NewWebhook{Webhook: *h, Secret: secret}, nil
}

// Webhooks lists the webhooks.
func (s *Service) Webhooks(ctx context.Context, p auth.Principal) ([]Webhook, error) {
	db, err := s.store(p, auth.ActionManageHooks)
	if err != nil {
		return nil, err
	}
	return db.Webhooks(ctx)
}

// SetWebhookEnabled disables a webhook (pending deliveries are then
// skipped) or enables it again.
func (s *Service) SetWebhookEnabled(ctx context.Context, p auth.Principal, id int64, enabled bool) (*Webhook, error) {
	db, err := s.store(p, auth.ActionManageHooks)
	if err != nil {
		return nil, err
	}
	reason := ""
	if !enabled {
		reason = "disabled by " + p.Username
	}
	return db.SetWebhookEnabled(ctx, p, id, enabled, reason)
}

// TestWebhook queues a webhook.test delivery to the webhook.
func (s *Service) TestWebhook(ctx context.Context, p auth.Principal, id int64) (*Delivery, error) {
	db, err := s.store(p, auth.ActionManageHooks)
	if err != nil {
		return nil, err
	}
	d, err := db.TestWebhook(ctx, p, id)
	if d != nil {
		d.Payload = nil
	}
	return d, err
}

// Deliveries lists a webhook's latest deliveries, newest first.
func (s *Service) Deliveries(ctx context.Context, p auth.Principal, id int64, limit int) ([]Delivery, error) {
	db, err := s.store(p, auth.ActionManageHooks)
	if err != nil {
		return nil, err
	}
	return db.Deliveries(ctx, id, limit)
}

// ErrDelivery is wrapped by Deliver's error when the receiver did not
// take the delivery: the job retries it later.
var ErrDelivery = errors.New("delivery failed")

// Deliver sends one delivery: a POST of the event, signed, with the
// delivery's id. It records the attempt (a success, or a failure that
// counts towards disabling the webhook); last says that the job makes no
// further attempt, so that a failure fails the delivery for good. A
// delivery already delivered is not sent again; one whose webhook is
// disabled is skipped.
func (s *Service) Deliver(ctx context.Context, p auth.Principal, id int64, last bool) error {
	db, err := s.store(p, auth.ActionDeliverHooks)
	if err != nil {
		return err
	}
	o, err := db.OutgoingDelivery(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case o.Status == store.DeliveryDelivered || o.Status == store.DeliverySkipped:
		return nil
	case !o.Enabled:
		return db.SkipDelivery(ctx, id)
	}
	a := s.post(ctx, o)
	a.Last = last
	if ctx.Err() != nil {
		// Stopped, not refused: the attempt says nothing of the receiver.
		return fmt.Errorf("delivery %s: %w", o.UID, context.Cause(ctx))
	}
	h, err := db.RecordAttempt(ctx, id, a, s.maxFailures())
	if err != nil {
		return err
	}
	if a.OK {
		return nil
	}
	if !h.Enabled {
		s.log.Warn("webhook disabled", "webhook", h.ID, "url", h.URL, "reason", h.DisabledReason)
		return nil // its deliveries are skipped from now on
	}
	return fmt.Errorf("%w: %s to %s: %s", ErrDelivery, o.UID, o.URL, a.Error)
}

func (s *Service) maxFailures() int {
	switch n := s.hooks.MaxFailures; {
	case n == 0:
		return DefaultMaxFailures
	case n < 0:
		return 0
	default:
		return n
	}
}

// post sends the delivery once and says how it went.
func (s *Service) post(ctx context.Context, o *store.Outgoing) store.Attempt {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.URL, bytes.NewReader(o.Payload))
	if err != nil {
		return store.Attempt{Error: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "vigil-webhooks")
	req.Header.Set(webhook.HeaderEvent, string(o.EventType))
	req.Header.Set(webhook.HeaderDelivery, o.UID)
	req.Header.Set(webhook.HeaderSignature, webhook.Sign(o.Secret, time.Now(), o.Payload))
	client := s.hooks.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return store.Attempt{Error: err.Error()}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return store.Attempt{Code: resp.StatusCode, Error: "the receiver answered " + resp.Status}
	}
	return store.Attempt{OK: true, Code: resp.StatusCode}
}
