package auth

import "slices"

// Action is an operation a principal may be allowed to do.
type Action string

// Actions, for every operation of screening, review, audit and
// administration.
const (
	ActionScreen       Action = "screen"            // screen a subject (ad hoc or recorded)
	ActionCompare      Action = "compare"           // compare two subjects
	ActionViewEntity   Action = "view_entity"       // read a list record
	ActionViewLists    Action = "view_lists"        // see which list editions are in force
	ActionViewSubject  Action = "view_subject"      // read a recorded subject and its history
	ActionListAlerts   Action = "list_alerts"       // list and read alerts
	ActionReview       Action = "review"            // work an alert: move, note, decide
	ActionApprove      Action = "approve"           // approve or reject a four-eyes proposal
	ActionReassign     Action = "reassign"          // assign an alert to someone else
	ActionReadAudit    Action = "read_audit"        // read, export and verify the audit trail
	ActionManageUsers  Action = "manage_users"      // add, list, disable users
	ActionManageKeys   Action = "manage_keys"       // create and revoke API keys
	ActionImportLists  Action = "import_lists"      // load list editions
	ActionRefreshLists Action = "refresh_lists"     // fetch lists from their publishers and import them
	ActionViewJobs     Action = "view_jobs"         // see the background jobs, list refreshes and webhook deliveries
	ActionManageHooks  Action = "manage_hooks"      // create, list, disable, enable and test webhooks
	ActionDeliverHooks Action = "deliver_hooks"     // send webhook deliveries (the system's own work)
	ActionMonitor      Action = "manage_monitoring" // set or end a subject's monitoring
	ActionRescreen     Action = "rescreen"          // start a full re-screen of the monitored subjects
	ActionRevet        Action = "revet"             // run re-vetting jobs (the system's own work)
	ActionViewNetwork  Action = "view_network"      // read the relationship graph: exposure, edges, ownership, clusters
	ActionExport       Action = "export"            // export alerts, screenings and subjects whole (docs/exports.md)
	ActionAssertEdges  Action = "assert_edges"      // assert, import and retract relationships and contact values
	ActionReport       Action = "report"            // run the reports over past screenings (late matches)
	ActionRetractOther Action = "retract_others"    // retract a relationship someone else asserted
)

// permissions is the one table of who may do what. The service layer
// consults it, through Allowed, at the start of every use case.
var permissions = map[Action][]Role{
	ActionScreen:       {RoleScreener, RoleAnalyst, RoleSupervisor, RoleOperator},
	ActionCompare:      {RoleScreener, RoleAnalyst, RoleSupervisor, RoleOperator},
	ActionViewEntity:   {RoleScreener, RoleAnalyst, RoleSupervisor, RoleAuditor, RoleOperator},
	ActionViewLists:    {RoleScreener, RoleAnalyst, RoleSupervisor, RoleAuditor, RoleAdmin, RoleOperator, RoleSystem},
	ActionViewSubject:  {RoleAnalyst, RoleSupervisor, RoleAuditor},
	ActionListAlerts:   {RoleAnalyst, RoleSupervisor, RoleAuditor},
	ActionReview:       {RoleAnalyst, RoleSupervisor},
	ActionApprove:      {RoleSupervisor},
	ActionReassign:     {RoleSupervisor},
	ActionReadAudit:    {RoleAuditor, RoleAdmin, RoleOperator},
	ActionManageUsers:  {RoleAdmin, RoleOperator},
	ActionManageKeys:   {RoleAdmin, RoleOperator},
	ActionImportLists:  {RoleAdmin, RoleOperator, RoleSystem},
	ActionRefreshLists: {RoleAdmin, RoleOperator, RoleSystem},
	ActionViewJobs:     {RoleSupervisor, RoleAdmin, RoleOperator},
	ActionManageHooks:  {RoleAdmin, RoleOperator},
	ActionDeliverHooks: {RoleSystem},
	ActionMonitor:      {RoleSupervisor, RoleAdmin, RoleOperator},
	ActionRescreen:     {RoleSupervisor, RoleAdmin, RoleOperator},
	ActionRevet:        {RoleSystem},
	ActionViewNetwork:  {RoleAnalyst, RoleSupervisor, RoleAuditor, RoleOperator, RoleSystem},
	ActionExport:       {RoleSupervisor, RoleAuditor, RoleOperator},
	ActionAssertEdges:  {RoleAnalyst, RoleSupervisor, RoleOperator},
	ActionReport:       {RoleSupervisor, RoleAuditor, RoleOperator},
	ActionRetractOther: {RoleSupervisor, RoleOperator},
}

// Actions returns every action, in a stable order.
func Actions() []Action {
	out := make([]Action, 0, len(permissions))
	for a := range permissions {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// RolesFor returns the roles that may do a (nil for an unknown action).
func RolesFor(a Action) []Role {
	return slices.Clone(permissions[a])
}

// Allowed reports whether p holds a role that may do a. Unknown actions
// are never allowed.
func Allowed(p Principal, a Action) bool {
	for _, r := range permissions[a] {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// ValidRole reports whether r is one of the roles a user may hold
// (RoleOperator is not one).
func ValidRole(r Role) bool {
	switch r {
	case RoleScreener, RoleAnalyst, RoleSupervisor, RoleAuditor, RoleAdmin:
		return true
	}
	return false
}
