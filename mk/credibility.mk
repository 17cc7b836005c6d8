# Credibility table, included by the Makefile (issue 13).

## credibility: print Frugal's estimates next to the published per-request
## figures of tracker/estimate/data/calibration.csv (published value, scope,
## Frugal low / central / high, ratio); fails when a row is not as the
## table expects. The same check runs in `go test ./tracker/estimate`
## (TestCalibration), hence in make test. Paste the output into
## docs/METHODOLOGY.md when it changes.
credibility:
	FRUGAL_DB=$${FRUGAL_DB:-/nonexistent/frugal.db} $(GO) run . credibility
