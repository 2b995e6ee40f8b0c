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
)

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
