# Team report targets, included by the Makefile.
.PHONY: team-test team-screenshot

## team-test: the share file and team report tests, none skipped: the report
## in real headless Chromium, its CSV loaded into a real PostgreSQL with the
## command docs/TEAM.md gives, the privacy rules, the round trip
team-test: deps-test
	set -o pipefail; FRUGAL_TEAM_REQUIRE=1 $(GO) test -count=1 -v -run 'TestReportInChromium|TestCSVIntoPostgreSQL|TestRoundTrip|TestDocumented|TestBuild_|TestShare|TestDecode|TestRead_|TestSchema|TestTeamReport' ./tracker/team/ ./app/cli/ | grep -E '^(---|ok|FAIL|PASS)|postgres_test|screenshot'

## team-screenshot: docs/screenshots/team-report.png, the report as Chromium draws it
team-screenshot: deps-test
	FRUGAL_TEAM_SCREENSHOT=$(CURDIR)/docs/screenshots/team-report.png $(GO) test -count=1 -run 'TestReportInChromium/en' ./tracker/team/
