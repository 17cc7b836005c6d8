# Reliability suite, included by the Makefile.

## reliability: real frugal processes (tray, window, native host, CLI) on
## real files: writers at once for RELIABILITY_DURATION (60 s), SIGKILL
## rounds, disk full (root: a small tmpfs), a damaged file, a schema
## upgrade, no network sockets; then each fuzz target for FUZZ_TIME (20 s).
reliability: deps-test
	@scripts/deps.sh reliability
	RELIABILITY_DURATION=$${RELIABILITY_DURATION:-60s} scripts/reliability.sh
