// Package auth defines who may do what in Vigil: users, roles, API keys and
// the principal a request acts as.
package auth

// Role is a set of permissions a user holds.
type Role string

// Roles, from least to most trusted for review; auditor and admin are
// separate duties.
const (
	RoleScreener   Role = "screener"   // screen subjects
	RoleAnalyst    Role = "analyst"    // review alerts (and screen)
	RoleSupervisor Role = "supervisor" // second review, reassign (and analyst's rights)
	RoleAuditor    Role = "auditor"    // read the audit trail
	RoleAdmin      Role = "admin"      // users, keys, lists
	// RoleOperator is held only by the Operator principal: the person at
	// the machine who runs vigil's commands (users, keys, lists, audit,
	// local screening from files). No user can be given it.
	RoleOperator Role = "operator"
	// RoleSystem is held only by the System principal: the work Vigil does
	// by itself (scheduled list refreshes, webhook deliveries, background
	// jobs). No user can be given it.
	RoleSystem Role = "system"
)

// System returns the principal of the work Vigil does by itself, named
// "system" in the audit trail.
func System() Principal {
	return Principal{Username: "system", Roles: []Role{RoleSystem}}
}

// Operator returns the principal of vigil's commands run on the machine
// itself, named "cli:" + name (for example "cli:alice@host"). Whoever
// can run them can open the database anyway; the name identifies in the
// audit trail, it does not authenticate.
func Operator(name string) Principal {
	return Principal{Username: "cli:" + name, Roles: []Role{RoleOperator}}
}

// Principal is the authenticated actor of a request or command.
type Principal struct {
	UserID   int64  `json:"user_id"`
	Username string `json:"username"`
	Roles    []Role `json:"roles"`
}

// Has reports whether p holds role r.
func (p Principal) Has(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}
