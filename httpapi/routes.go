package httpapi

import (
	"net/http"

	"github.com/vigil-screening/vigil/auth"
)

// HandlerFunc handles one request. It returns an error instead of writing
// one; the server turns the error into the JSON error response.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// PermPublic marks a route that needs no credentials.
const PermPublic auth.Action = ""

// Route is one entry of the route table: the method and path pattern (Go
// ServeMux syntax), the permission required and the handler. The table is
// what the server registers, what the OpenAPI test checks against
// openapi.json and what role tests walk. The permission says which routes
// need an API key and documents the roles; the service, which every
// handler calls, is what refuses a caller whose roles do not allow it.
type Route struct {
	Method     string
	Path       string
	Permission auth.Action // the action the caller must be allowed; PermPublic for none
	Handler    HandlerFunc
}

// Pattern returns the ServeMux pattern "METHOD /path".
func (rt Route) Pattern() string { return rt.Method + " " + rt.Path }

// Routes returns the server's route table: its own routes followed by
// Config.Routes.
func (s *Server) Routes() []Route {
	rs := []Route{
		{"GET", "/healthz", PermPublic, s.healthz},
		{"GET", "/readyz", PermPublic, s.readyz},
		{"GET", "/openapi.json", PermPublic, s.openAPI},
		{"GET", "/v1/lists", auth.ActionViewLists, s.listLists},
		{"GET", "/v1/entities/{list}/{id}", auth.ActionViewEntity, s.getEntity},
		{"POST", "/v1/screen", auth.ActionScreen, s.screen},
		{"POST", "/v1/compare", auth.ActionCompare, s.compare},

		{"POST", "/v1/subjects/{id}/screen", auth.ActionScreen, s.screenSubject},
		{"GET", "/v1/subjects/{id}", auth.ActionViewSubject, s.getSubject},
		{"GET", "/v1/alerts", auth.ActionListAlerts, s.listAlerts},
		{"GET", "/v1/alerts/{id}", auth.ActionListAlerts, s.getAlert},
		{"POST", "/v1/alerts/{id}/transition", auth.ActionReview, s.transitionAlert},
		{"POST", "/v1/alerts/{id}/assign", auth.ActionReview, s.assignAlert},
		{"POST", "/v1/alerts/{id}/decision", auth.ActionReview, s.decideAlert},
		{"POST", "/v1/alerts/{id}/approve", auth.ActionApprove, s.approveAlert},
		{"POST", "/v1/alerts/{id}/notes", auth.ActionReview, s.addNote},
		{"GET", "/v1/audit", auth.ActionReadAudit, s.exportAudit},
		{"GET", "/v1/audit/verify", auth.ActionReadAudit, s.verifyAudit},
		{"GET", "/v1/users", auth.ActionManageUsers, s.listUsers},
		{"POST", "/v1/users", auth.ActionManageUsers, s.createUser},
		{"POST", "/v1/users/{name}/disable", auth.ActionManageUsers, s.disableUser},
		{"GET", "/v1/keys", auth.ActionManageKeys, s.listKeys},
		{"POST", "/v1/keys", auth.ActionManageKeys, s.createKey},
		{"DELETE", "/v1/keys/{id}", auth.ActionManageKeys, s.revokeKey},
		{"POST", "/v1/keys/activate", PermPublic, s.activateKey},
		{"GET", "/v1/auth/failures", auth.ActionReadAudit, s.authFailures},
		{"GET", "/v1/jobs", auth.ActionViewJobs, s.getJobs},
		{"GET", "/v1/lists/refreshes", auth.ActionViewJobs, s.listRefreshes},
		{"POST", "/v1/lists/{source}/refresh", auth.ActionRefreshLists, s.refreshList},
		{"GET", "/v1/webhooks", auth.ActionManageHooks, s.listWebhooks},
		{"POST", "/v1/webhooks", auth.ActionManageHooks, s.createWebhook},
		{"POST", "/v1/webhooks/{id}/disable", auth.ActionManageHooks, s.disableWebhook},
		{"POST", "/v1/webhooks/{id}/enable", auth.ActionManageHooks, s.enableWebhook},
		{"POST", "/v1/webhooks/{id}/test", auth.ActionManageHooks, s.testWebhook},
		{"GET", "/v1/webhooks/{id}/deliveries", auth.ActionManageHooks, s.listDeliveries},
		{"POST", "/v1/subjects/batch", auth.ActionScreen, s.enrollSubjects},
		{"GET", "/v1/subjects/{id}/monitoring", auth.ActionViewSubject, s.getMonitoring},
		{"POST", "/v1/subjects/{id}/monitoring", auth.ActionMonitor, s.setMonitoring},
		{"POST", "/v1/subjects/{id}/monitoring/end", auth.ActionMonitor, s.endMonitoring},
		{"POST", "/v1/rescreen", auth.ActionRescreen, s.rescreen},
		{"GET", "/v1/revets", auth.ActionViewJobs, s.listRevets},
		{"GET", "/v1/revets/{id}", auth.ActionViewJobs, s.getRevet},
		{"GET", "/v1/reports/late-matches", auth.ActionReport, s.lateMatches},
		// exports (docs/exports.md)
		{"GET", "/v1/export/alerts", auth.ActionExport, s.exporter("alerts")},
		{"GET", "/v1/export/screenings", auth.ActionExport, s.exporter("screenings")},
		{"GET", "/v1/export/subjects", auth.ActionExport, s.exporter("subjects")},
		{"GET", "/v1/export/audit", auth.ActionReadAudit, s.exporter("audit")},
		// yente's API (docs/ftm.md)
		{"POST", "/match/{dataset}", auth.ActionScreen, s.match},
		{"GET", "/search/{dataset}", auth.ActionScreen, s.search},
		{"GET", "/entities/{id}", auth.ActionViewEntity, s.ftmEntity},
		{"GET", "/algorithms", PermPublic, s.algorithms},
	}
	rs = append(rs, networkRoutes(s)...)
	return append(rs, s.extra...)
}
