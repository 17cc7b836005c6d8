# Browser extension targets, included by the Makefile.

EXT_NPM := cd extension && npm ci --no-audit --no-fund --prefer-offline

## ext-build: dist/chromium and dist/firefox from extension/
ext-build:
	cd extension && node build.mjs

## ext-test: the extension's unit tests (node --test, linkedom, fixture DOMs)
ext-test: deps-test
	$(EXT_NPM) && npm test

## e2e: build frugal and the extension, run the extension's unit tests, then
## the end-to-end tests in headless Chromium (/usr/lib/chromium/chromium; set
## CHROMIUM to use another) with the real frugal host and database. They
## print the draft verdict round trip (p95) and the first connect time.
e2e: deps-test
	$(GO) build -o /dev/null .
	$(EXT_NPM) && node build.mjs && npm test && npm run e2e

## bench-capture: the content script's main-thread cost while a 20,000-character
## answer streams in 500 chunks (headless Chromium, CPU profile); prints the
## BENCHMARKS.md row. `scripts/bench.sh capture` puts it in the table.
bench-capture: deps-test
	$(EXT_NPM) && node build.mjs && nice node e2e/bench-capture.mjs

.PHONY: ext-build bench-capture

## e2e-firefox: the same end-to-end cases in headless Firefox ESR (Debian's
## firefox-esr; set FIREFOX to use another), the extension installed as a
## temporary add-on over WebDriver BiDi, the host manifest from
## `frugal install-browser --browser firefox` in a throwaway HOME.
e2e-firefox: deps-test
	@scripts/deps.sh firefox
	$(EXT_NPM) && npm run e2e-firefox

.PHONY: e2e-firefox
