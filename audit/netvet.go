package audit

// The network vets' own entries (store/network_vet.go, docs/networks.md):
// a vet is the network alerts a change owes. The alerts it raises have
// entries of their own (ActionNetworkAlert); these record which change or
// edition owed a vet, how it ended (done, with what it raised, or failed
// for good), and that an operator asked for it to be tried again. Each is
// written in the transaction that writes the vet's row, and binds it.
const (
	ActionNetworkVetOwed   Action = "network.vet_owed"   // a change or an accepted edition owes network alerts: its vet written
	ActionNetworkVetDone   Action = "network.vet_done"   // the vet's alerts raised: how many, and the digest of their ids
	ActionNetworkVetFailed Action = "network.vet_failed" // every attempt of its job failed: attempts and the last error
	ActionNetworkVetRetry  Action = "network.vet_retry"  // an operator put a failed vet back to be tried again
)
