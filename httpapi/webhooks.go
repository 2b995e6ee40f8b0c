package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/service"
)

type webhooksResponse struct {
	Webhooks []service.Webhook `json:"webhooks"`
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) error {
	hooks, err := s.svc.Webhooks(r.Context(), s.principal(r))
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, webhooksResponse{Webhooks: hooks})
	return nil
}

type webhookRequest struct {
	URL    string              `json:"url"`
	Events []service.EventType `json:"events"`
}

// createWebhook registers a webhook; the answer holds its signing secret,
// which is never shown again.
func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) error {
	var req webhookRequest
	if err := decodeBody(r, &req); err != nil {
		return err
	}
	h, err := s.svc.CreateWebhook(r.Context(), s.principal(r), req.URL, req.Events)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusCreated, h)
	return nil
}

// hookID parses the numeric {id} of a webhook route.
func hookID(r *http.Request) (int64, error) { return pathIDOf(r, "a webhook") }

func (s *Server) disableWebhook(w http.ResponseWriter, r *http.Request) error {
	return s.setWebhookEnabled(w, r, false)
}

func (s *Server) enableWebhook(w http.ResponseWriter, r *http.Request) error {
	return s.setWebhookEnabled(w, r, true)
}

func (s *Server) setWebhookEnabled(w http.ResponseWriter, r *http.Request, enabled bool) error {
	if err := decodeOptionalBody(r); err != nil {
		return err
	}
	id, err := hookID(r)
	if err != nil {
		return err
	}
	h, err := s.svc.SetWebhookEnabled(r.Context(), s.principal(r), id, enabled)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, h)
	return nil
}

// testWebhook queues a webhook.test delivery (202).
func (s *Server) testWebhook(w http.ResponseWriter, r *http.Request) error {
	if err := decodeOptionalBody(r); err != nil {
		return err
	}
	id, err := hookID(r)
	if err != nil {
		return err
	}
	d, err := s.svc.TestWebhook(r.Context(), s.principal(r), id)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusAccepted, d)
	return nil
}

type deliveriesResponse struct {
	Deliveries []service.Delivery `json:"deliveries"`
}

func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "limit"); err != nil {
		return err
	}
	id, err := hookID(r)
	if err != nil {
		return err
	}
	limit, err := intParam(r.URL.Query(), "limit", 50, 1, 1000)
	if err != nil {
		return err
	}
	ds, err := s.svc.Deliveries(r.Context(), s.principal(r), id, limit)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusOK, deliveriesResponse{Deliveries: ds})
	return nil
}
