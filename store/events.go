package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Events are what the system of record tells the outside about: an alert
// raised or reopened, an edition accepted. A change emits its events in
// its own transaction, which writes a delivery for each enabled webhook
// that wants the event and queues the job that sends it: a delivery
// exists exactly when its event committed. Any code of the store that
// raises an alert (a recorded screening, re-vetting after a new edition,
// a network alert) goes through raiseAlert and so emits alert.created.

// EventType names what happened.
type EventType string

// The events.
const (
	// EventAlertCreated: a new alert. Data: alert_id, subject_id (the
	// caller's id), list, source_id, score, screening_id.
	EventAlertCreated EventType = "alert.created"
	// EventAlertReopened: a closed alert put back in review. Data:
	// alert_id, subject_id, list, source_id, reason, by.
	EventAlertReopened EventType = "alert.reopened"
	// EventEditionAccepted: an edition of a list accepted and in force.
	// Data: source, edition, hash, records, snapshot_id.
	EventEditionAccepted EventType = "edition.accepted"
	// EventWebhookTest: a test delivery asked for by an admin; sent only
	// to that webhook.
	EventWebhookTest EventType = "webhook.test"
)

// EventTypes are the events a webhook can ask for.
var EventTypes = []EventType{EventAlertCreated, EventAlertReopened, EventEditionAccepted}

// Event is the body of a delivery.
type Event struct {
	ID        string          `json:"id"`
	Type      EventType       `json:"type"`
	CreatedAt time.Time       `json:"created_at"`
	Data      json.RawMessage `json:"data"`
}

// DeliveryJob sends one webhook delivery.
type DeliveryJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind names the job's worker.
func (DeliveryJob) Kind() string { return "webhook_delivery" }

// newID returns prefix + 24 random hex digits.
func newID(prefix string) string {
	b := make([]byte, 12)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// emit records an event in the transaction: a delivery, and its job, for
// every enabled webhook that wants it.
func (tx *tx) emit(ctx context.Context, typ EventType, data any) error {
	hooks, err := tx.activeWebhooks(ctx)
	if err != nil {
		return err
	}
	var to []webhookRef
	for _, h := range hooks {
		if h.wants(typ) {
			to = append(to, h)
		}
	}
	if len(to) == 0 {
		return nil
	}
	return tx.deliver(ctx, typ, data, to)
}

// deliver writes the deliveries of one event to the webhooks and queues
// their jobs.
func (tx *tx) deliver(ctx context.Context, typ EventType, data any, to []webhookRef) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("event %s: %w", typ, err)
	}
	ev := Event{ID: newID("evt_"), Type: typ, CreatedAt: tx.now, Data: raw}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("event %s: %w", typ, err)
	}
	now := fmtTime(tx.now)
	for _, h := range to {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO webhook_deliveries (uid, webhook_id, event_id, event_type, payload, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
			newID("dlv_"), h.id, ev.ID, string(typ), string(body), DeliveryPending, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("event %s: delivery to webhook %d: %w", typ, h.id, err)
		}
		tx.enqueue(DeliveryJob{DeliveryID: id})
	}
	return nil
}

// webhookRef is an enabled webhook and the events it wants.
type webhookRef struct {
	id     int64
	events []EventType
}

func (h webhookRef) wants(t EventType) bool { return slices.Contains(h.events, t) }

// activeWebhooks returns the enabled webhooks, read once per transaction.
func (tx *tx) activeWebhooks(ctx context.Context) ([]webhookRef, error) {
	if tx.hooks != nil {
		return *tx.hooks, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, events FROM webhooks WHERE enabled`)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	defer rows.Close()
	hooks := []webhookRef{}
	for rows.Next() {
		var h webhookRef
		var events string
		if err := rows.Scan(&h.id, &events); err != nil {
			return nil, fmt.Errorf("webhooks: %w", err)
		}
		h.events = parseEvents(events)
		hooks = append(hooks, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	tx.hooks = &hooks
	return hooks, nil
}
