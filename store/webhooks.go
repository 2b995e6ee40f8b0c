package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vigil-screening/vigil/apperr"
	"github.com/vigil-screening/vigil/audit"
	"github.com/vigil-screening/vigil/auth"
)

// Webhook is an address told about events, never its secret.
type Webhook struct {
	ID     int64       `json:"id"`
	URL    string      `json:"url"`
	Events []EventType `json:"events"`
	// Enabled is false once disabled by an admin or after too many
	// failed attempts in a row; DisabledReason says which and why.
	Enabled        bool   `json:"enabled"`
	DisabledReason string `json:"disabled_reason,omitempty"`
	// Failures counts the failed attempts since the last success.
	Failures  int       `json:"failures"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Delivery states.
const (
	DeliveryPending   = "pending"   // not sent yet, or to be retried
	DeliveryDelivered = "delivered" // the receiver answered 2xx
	DeliveryFailed    = "failed"    // every attempt failed
	DeliverySkipped   = "skipped"   // its webhook was disabled before it was sent
)

// Delivery is one event sent (or to be sent) to one webhook.
type Delivery struct {
	ID int64 `json:"id"`
	// UID is the id the receiver gets in Vigil-Delivery, the same on
	// every attempt.
	UID         string          `json:"uid"`
	WebhookID   int64           `json:"webhook_id"`
	EventID     string          `json:"event_id"`
	EventType   EventType       `json:"event_type"`
	Status      string          `json:"status"`
	Attempts    int             `json:"attempts"`
	LastCode    int             `json:"last_code,omitempty"`
	LastError   string          `json:"last_error,omitempty"`
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
	DeliveredAt *time.Time      `json:"delivered_at,omitempty"`
	Payload     json.RawMessage `json:"payload,omitempty"`
}

// Outgoing is a delivery with what sending it needs.
type Outgoing struct {
	Delivery
	URL     string
	Secret  string
	Enabled bool
}

// parseEvents reads the stored comma list of event types.
func parseEvents(s string) []EventType {
	var out []EventType
	for e := range strings.SplitSeq(s, ",") {
		if e != "" {
			out = append(out, EventType(e))
		}
	}
	return out
}

// CheckEvents validates the events a webhook asks for; none means all.
func CheckEvents(events []EventType) ([]EventType, error) {
	if len(events) == 0 {
		return slices.Clone(EventTypes), nil
	}
	var out []EventType
	for _, e := range events {
		if !slices.Contains(EventTypes, e) {
			return nil, apperr.Field("events", "unknown event %q: want %v", e, EventTypes)
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// CreateWebhook adds an enabled webhook (audited, without the secret).
func (db *DB) CreateWebhook(ctx context.Context, actor auth.Principal, url string, events []EventType, secret string) (*Webhook, error) {
	if err := checkText("url", url, 2000); err != nil {
		return nil, err
	}
	events, err := CheckEvents(events)
	if err != nil {
		return nil, err
	}
	if secret == "" {
		return nil, apperr.New(apperr.Invalid, "a webhook needs a secret")
	}
	var h *Webhook
	err = db.inTx(ctx, func(tx *tx) error {
		list := joinEvents(events)
		var id int64
		now := fmtTime(tx.now)
		err := tx.QueryRowContext(ctx, `INSERT INTO webhooks (url, events, secret, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, url, list, secret, actorName(actor), now).Scan(&id)
		if err != nil {
			return fmt.Errorf("create webhook: %w", err)
		}
		if h, err = tx.webhook(ctx, id); err != nil {
			return err
		}
		return tx.appendAudit(ctx, actor, audit.ActionHookCreate, fmt.Sprintf("webhook/%d", id),
			map[string]any{"url": url, "events": events, "bind": webhookBind{ID: id, Secret: digest(secret)}})
	})
	return h, err
}

func joinEvents(events []EventType) string {
	s := make([]string, len(events))
	for i, e := range events {
		s[i] = string(e)
	}
	return strings.Join(s, ",")
}

const webhookColumns = `id, url, events, enabled, disabled_reason, failures, created_by, created_at, updated_at FROM webhooks`

func scanWebhook(sc scanner) (*Webhook, error) {
	var h Webhook
	var events, created, updated string
	if err := sc.Scan(&h.ID, &h.URL, &events, &h.Enabled, &h.DisabledReason, &h.Failures, &h.CreatedBy, &created, &updated); err != nil {
		return nil, err
	}
	h.Events, h.CreatedAt, h.UpdatedAt = parseEvents(events), parseTime(created), parseTime(updated)
	return &h, nil
}

func (tx *tx) webhook(ctx context.Context, id int64) (*Webhook, error) {
	h, err := scanWebhook(tx.QueryRowContext(ctx, `SELECT `+webhookColumns+` WHERE id = $1`, id))
	return h, notFound(err, "no webhook %d", id)
}

// Webhooks returns every webhook, oldest first.
func (db *DB) Webhooks(ctx context.Context) ([]Webhook, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+webhookColumns+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	defer rows.Close()
	out := []Webhook{}
	for rows.Next() {
		h, err := scanWebhook(rows)
		if err != nil {
			return nil, fmt.Errorf("webhooks: %w", err)
		}
		out = append(out, *h)
	}
	return out, rows.Err()
}

// SetWebhookEnabled disables a webhook (with the reason) or enables it
// again (forgetting its failures); audited.
func (db *DB) SetWebhookEnabled(ctx context.Context, actor auth.Principal, id int64, enabled bool, reason string) (*Webhook, error) {
	if err := checkText("reason", reason, 1000); err != nil {
		return nil, err
	}
	var h *Webhook
	err := db.inTx(ctx, func(tx *tx) error {
		var err error
		if h, err = tx.webhook(ctx, id); err != nil {
			return err
		}
		return tx.setEnabled(ctx, actor, h, enabled, reason)
	})
	return h, err
}

func (tx *tx) setEnabled(ctx context.Context, actor auth.Principal, h *Webhook, enabled bool, reason string) error {
	action := audit.ActionHookDisable
	if enabled {
		action, reason, h.Failures = audit.ActionHookEnable, "", 0
	}
	h.Enabled, h.DisabledReason, h.UpdatedAt = enabled, reason, tx.now
	_, err := tx.ExecContext(ctx, `UPDATE webhooks SET enabled = $1, disabled_reason = $2, failures = $3, updated_at = $4 WHERE id = $5`,
		enabled, reason, h.Failures, fmtTime(tx.now), h.ID)
	if err != nil {
		return fmt.Errorf("webhook %d: %w", h.ID, err)
	}
	return tx.appendAudit(ctx, actor, action, fmt.Sprintf("webhook/%d", h.ID), map[string]any{"reason": reason})
}

// TestWebhook queues a webhook.test delivery to one enabled webhook.
func (db *DB) TestWebhook(ctx context.Context, actor auth.Principal, id int64) (*Delivery, error) {
	var d *Delivery
	err := db.inTx(ctx, func(tx *tx) error {
		h, err := tx.webhook(ctx, id)
		if err != nil {
			return err
		}
		if !h.Enabled {
			return apperr.New(apperr.Conflict, "webhook %d is disabled: enable it first", id)
		}
		if err := tx.deliver(ctx, EventWebhookTest, map[string]any{"webhook_id": id, "by": actorName(actor)}, []webhookRef{{id: id}}); err != nil {
			return err
		}
		if d, err = scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+` WHERE webhook_id = $1 ORDER BY id DESC LIMIT 1`, id)); err != nil {
			return fmt.Errorf("test delivery: %w", err)
		}
		return tx.appendAudit(ctx, actor, audit.ActionHookTest, fmt.Sprintf("webhook/%d", id), map[string]any{"delivery": d.UID})
	})
	return d, err
}

const deliveryColumns = `id, uid, webhook_id, event_id, event_type, status, attempts, last_code, last_error, created_at, updated_at, delivered_at, payload
	FROM webhook_deliveries`

func scanDelivery(sc scanner) (*Delivery, error) {
	var d Delivery
	var typ, created, updated, delivered, payload string
	err := sc.Scan(&d.ID, &d.UID, &d.WebhookID, &d.EventID, &typ, &d.Status, &d.Attempts, &d.LastCode, &d.LastError,
		&created, &updated, &delivered, &payload)
	if err != nil {
		return nil, err
	}
	d.EventType, d.CreatedAt, d.UpdatedAt, d.Payload = EventType(typ), parseTime(created), parseTime(updated), json.RawMessage(payload)
	if delivered != "" {
		t := parseTime(delivered)
		d.DeliveredAt = &t
	}
	return &d, nil
}

// Deliveries returns the latest deliveries of a webhook, newest first.
func (db *DB) Deliveries(ctx context.Context, webhookID int64, limit int) ([]Delivery, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT `+deliveryColumns+` WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`, webhookID, limit)
	if err != nil {
		return nil, fmt.Errorf("deliveries: %w", err)
	}
	defer rows.Close()
	out := []Delivery{}
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, fmt.Errorf("deliveries: %w", err)
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

// OutgoingDelivery returns a delivery with its webhook's address, secret
// and state, for sending it.
func (db *DB) OutgoingDelivery(ctx context.Context, id int64) (*Outgoing, error) {
	var o Outgoing
	row := db.sql.QueryRowContext(ctx, `SELECT d.id, d.uid, d.webhook_id, d.event_id, d.event_type, d.status, d.attempts, d.last_code,
		d.last_error, d.created_at, d.updated_at, d.delivered_at, d.payload, h.url, h.secret, h.enabled
		FROM webhook_deliveries d JOIN webhooks h ON h.id = d.webhook_id WHERE d.id = $1`, id)
	var typ, created, updated, delivered, payload string
	err := row.Scan(&o.ID, &o.UID, &o.WebhookID, &o.EventID, &typ, &o.Status, &o.Attempts, &o.LastCode, &o.LastError,
		&created, &updated, &delivered, &payload, &o.URL, &o.Secret, &o.Enabled)
	if err != nil {
		return nil, notFound(err, "no delivery %d", id)
	}
	o.EventType, o.CreatedAt, o.UpdatedAt, o.Payload = EventType(typ), parseTime(created), parseTime(updated), json.RawMessage(payload)
	return &o, nil
}

// Attempt is the outcome of one attempt to send a delivery.
type Attempt struct {
	OK    bool   // the receiver answered 2xx
	Code  int    // its HTTP status, 0 when none came
	Error string // what went wrong
	// Last is set on the last attempt the job will make: a failure then
	// fails the delivery for good.
	Last bool
}

// maxDeliveryError is the longest error text kept with a delivery.
const maxDeliveryError = 1000

// RecordAttempt records an attempt of a delivery. A success resets its
// webhook's count of failures; a failure adds one, and the webhook is
// disabled (with the reason, audited as the system's) when the count
// reaches maxFailures (never when 0). It returns the webhook as it is
// after. Recording an attempt of a delivery already delivered changes
// nothing.
func (db *DB) RecordAttempt(ctx context.Context, id int64, a Attempt, maxFailures int) (*Webhook, error) {
	if len(a.Error) > maxDeliveryError {
		a.Error = a.Error[:maxDeliveryError] + "..."
	}
	var h *Webhook
	err := db.inTx(ctx, func(tx *tx) error {
		var hookID int64
		var status string
		err := tx.QueryRowContext(ctx, `SELECT webhook_id, status FROM webhook_deliveries WHERE id = $1`, id).Scan(&hookID, &status)
		if err != nil {
			return notFound(err, "no delivery %d", id)
		}
		if h, err = tx.webhook(ctx, hookID); err != nil || status == DeliveryDelivered {
			return err
		}
		now := fmtTime(tx.now)
		status, delivered := DeliveryPending, ""
		switch {
		case a.OK:
			status, delivered = DeliveryDelivered, now
		case a.Last:
			status = DeliveryFailed
		}
		_, err = tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, last_code = $2, last_error = $3,
			updated_at = $4, delivered_at = $5 WHERE id = $6`, status, a.Code, a.Error, now, delivered, id)
		if err != nil {
			return fmt.Errorf("delivery %d: %w", id, err)
		}
		return tx.countFailure(ctx, h, a, maxFailures)
	})
	return h, err
}

// countFailure keeps the webhook's count of failed attempts in a row and
// disables it when the count reaches maxFailures.
func (tx *tx) countFailure(ctx context.Context, h *Webhook, a Attempt, maxFailures int) error {
	if a.OK {
		h.Failures = 0
	} else {
		h.Failures++
	}
	_, err := tx.ExecContext(ctx, `UPDATE webhooks SET failures = $1 WHERE id = $2`, h.Failures, h.ID)
	if err != nil {
		return fmt.Errorf("webhook %d: %w", h.ID, err)
	}
	if a.OK || !h.Enabled || maxFailures <= 0 || h.Failures < maxFailures {
		return nil
	}
	why := a.Error
	if a.Code != 0 {
		why = fmt.Sprintf("HTTP %d", a.Code)
	}
	reason := fmt.Sprintf("disabled after %d failed attempts in a row; the last: %s", h.Failures, why)
	return tx.setEnabled(ctx, System, h, false, reason)
}

// SkipDelivery marks a delivery whose webhook is disabled as skipped.
func (db *DB) SkipDelivery(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`,
			DeliverySkipped, fmtTime(tx.now), id, DeliveryPending)
		return wrap(err, fmt.Sprintf("delivery %d", id))
	})
}
