# Reliability suite, included by the Makefile.

## reliability: real frugal processes (tray, window, native host, CLI) on
## real files: writers at once for RELIABILITY_DURATION (60 s), SIGKILL
## rounds, disk full (root: a small tmpfs), a damaged file, a schema
## upgrade, no network sockets; then the fuzz targets' kept corpora
## replayed (deterministic).
.PHONY: reliability fuzz
reliability: deps-test
	@scripts/deps.sh reliability
	RELIABILITY_DURATION=$${RELIABILITY_DURATION:-60s} scripts/reliability.sh

## fuzz: new fuzzing of the host, the CSV import and the classifier,
## FUZZ_TIME (60 s) each; FUZZ_SAVE=1 keeps the grown corpus in testdata/fuzz.
## Not in make test: a random search is no pass/fail gate.
fuzz:
	scripts/fuzz.sh
