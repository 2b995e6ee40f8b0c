package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/store"
)

// vetPage is the body of GET /v1/network/vets.
type vetPage struct {
	Vets []*store.NetworkVet `json:"vets"`
}

// listNetworkVets answers GET /v1/network/vets: the network vets (the
// alerts changes owe), oldest first; ?status= pending, done or failed.
func (s *Server) listNetworkVets(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r, "status"); err != nil {
		return err
	}
	vets, err := s.svc.NetworkVets(r.Context(), s.principal(r), r.URL.Query().Get("status"))
	if err != nil {
		return err
	}
	if vets == nil {
		vets = []*store.NetworkVet{}
	}
	writeJSON(w, s.log, http.StatusOK, vetPage{Vets: vets})
	return nil
}

// retryNetworkVet answers POST /v1/network/vets/{id}/retry: a failed
// network vet is put back to be tried again, its job queued (202).
func (s *Server) retryNetworkVet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathIDOf(r, "a network vet")
	if err != nil {
		return err
	}
	if err := decodeOptionalBody(r); err != nil {
		return err
	}
	v, err := s.svc.RetryNetworkVet(r.Context(), s.principal(r), id)
	if err != nil {
		return err
	}
	writeJSON(w, s.log, http.StatusAccepted, v)
	return nil
}
