// Runs before every cross-package test file.

// In Node every stock y-websocket provider listens for the process's 'exit' until it is
// destroyed; the tests hold dozens at once (churn, durability), which is not a leak, and
// Node's warning at eleven listeners would bury the real output.
process.setMaxListeners(Math.max(process.getMaxListeners(), 512));
