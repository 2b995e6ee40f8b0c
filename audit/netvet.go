package audit

// The network vets' own entries (store/network_vet.go, docs/networks.md):
// a vet is the network alerts a change owes. The alerts it raises have
// entries of their own (ActionNetworkAlert); these record that a vet
// failed for good and that an operator asked for it to be tried again.
const (
	ActionNetworkVetFailed Action = "network.vet_failed" // every attempt of its job failed: attempts and the last error
	ActionNetworkVetRetry  Action = "network.vet_retry"  // an operator put a failed vet back to be tried again
)
