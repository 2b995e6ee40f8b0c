package screen

// Version names the engine and its matching rules. Every recorded
// screening keeps it (with its threshold), so that after a change of
// engine or rules an operator can see which screenings ran under the old
// ones and re-screen (vigil rescreen, docs/monitoring.md). Bump it with
// any change that can alter a score.
const Version = "screen/2026.12"
