# Frugal: `make run` starts it, `make test` runs every test. Both install the
# Debian/Ubuntu packages they need when missing (scripts/deps.sh says which).
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X frugal/app/cli.Version=$(VERSION)

.PHONY: all build run test test-go eval bench e2e ext-test screenshots reliability dist clean deps-build deps-test

all: build

deps-build:
	@scripts/deps.sh build
deps-test:
	@scripts/deps.sh build test team

build: deps-build
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o frugal .

## run: build and start the tray app (on a desktop session)
run: build
	./frugal

## test: every test — Go (race, and CGO_ENABLED=0 for all but main), the
## classifier's accuracy report, the team report (Chromium, PostgreSQL), the
## extension's unit tests, the browser end-to-end tests in headless Chromium
## and Firefox ESR, the Windows checks under Wine, the desktop screenshots (in
## a temporary folder) and the reliability suite (real processes: writers at
## once, SIGKILL, disk full, damaged file, no sockets, fuzz corpora
## replayed). It writes nothing into the tree; new fuzzing is `make fuzz`.
test: deps-test
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	CGO_ENABLED=0 $(GO) test -count=1 ./app/... ./tracker/... ./storage/...
	$(MAKE) eval
	$(MAKE) team-test
	$(MAKE) e2e
	$(MAKE) e2e-firefox
	$(MAKE) test-windows
	$(MAKE) screenshots-check
	$(MAKE) reliability

test-go:
	$(GO) vet ./...
	$(GO) test -race ./...

## eval: classifier accuracy on the labelled prompts (fails below the goals)
eval:
	$(GO) test -count=1 -run 'TestAccuracy' -v ./tracker/classify/ | grep -v '^=== RUN'

## bench: speed figures into BENCHMARKS.md
bench: build deps-test
	scripts/bench.sh

-include mk/*.mk

clean:
	rm -rf frugal frugal.exe dist build
