package crosscheck

// Exported for tests.
var (
	KeyboardSlip   = keyboardSlip
	SpaceSlip      = spaceSlip
	CommaOrder     = commaOrder
	ParticleChange = particleChange
	Romanisation   = romanisation
)
