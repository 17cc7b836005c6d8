# Distribution targets, included by the Makefile.
#
# make dist    builds into dist/ (then runs check-dist):
#   frugal-linux-amd64.tar.xz  fyne package -os linux's usr/ tree plus
#                              install.sh (per-user install), in frugal/
#   frugal.exe                 Windows x86-64 command line (console subsystem),
#                              cross-compiled with MinGW-w64
#   frugalw.exe                the same program, GUI subsystem (-H windowsgui):
#                              tray, windows and native host, never a console
#   frugal-windows-amd64-setup.exe  per-user NSIS installer of both
#                              (packaging/windows/installer.nsi)
#   frugal-chromium.zip        the extension for Chrome, Chromium, Brave, Edge
#   frugal-firefox.xpi         the extension for Firefox (a zip with its fixed
#                              gecko id frugal@frugal.app; passes web-ext lint)
#   SHA256SUMS                 sha256sum -c SHA256SUMS verifies them
# make check-dist  checks dist/ as it is (sums, contents, install.sh in a
#                  throwaway HOME); cheap, needs no network.
# Not part of `make test`: a cold `make dist` compiles Fyne for Windows.

.PHONY: deps-dist dist-linux dist-windows dist-ext dist-sums check-dist test-windows screenshots-windows

DIST := dist
DIST_BUILD := build/dist
FYNE_CLI_VERSION := v1.7.4
FYNE ?= $(HOME)/go/bin/fyne
MINGW_CC ?= x86_64-w64-mingw32-gcc
# Archive entries get the last commit's time, so that building the same
# commit twice gives the same archives (and the same sums).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

deps-dist:
	@scripts/deps.sh build dist

# VERSION (git describe) is computed once and handed to the sub-makes, so
# that both programs carry the same one even if the tree changes meanwhile.
dist: deps-dist
	rm -rf $(DIST) $(DIST_BUILD)
	mkdir -p $(DIST) $(DIST_BUILD)
	$(MAKE) --no-print-directory dist-linux VERSION=$(VERSION)
	$(MAKE) --no-print-directory dist-windows VERSION=$(VERSION)
	$(MAKE) --no-print-directory dist-ext
	$(MAKE) --no-print-directory dist-sums
	$(MAKE) --no-print-directory check-dist
	@ls -l $(DIST)

# The fyne CLI, at the version this recipe was written against.
$(FYNE):
	$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_CLI_VERSION)

## dist-linux: our own build of frugal (with the version in it), handed to
## fyne package as --exe so that it packages that binary instead of building
## its own. fyne reads FyneApp.toml from --src and bumps its Build number
## there, so it gets a copy (with main.go: fyne refuses a --src without Go
## code, though it builds nothing when --exe exists). Its tarball holds frugal/usr/local/... and a
## Makefile; we keep the usr/ tree, add install.sh (which also sets up the
## browsers and autostart) in place of the Makefile, and repack.
dist-linux: $(FYNE)
	@$(FYNE) version | grep -q 'cli version: $(FYNE_CLI_VERSION)' || \
	  { echo "dist: $(FYNE) is not fyne $(FYNE_CLI_VERSION); remove it or set FYNE=" >&2; exit 1; }
	rm -rf $(DIST_BUILD)/linux && mkdir -p $(DIST_BUILD)/linux/src $(DIST_BUILD)/linux/pkg
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(DIST_BUILD)/linux/frugal .
	cp FyneApp.toml main.go $(DIST_BUILD)/linux/src/
	cd $(DIST_BUILD)/linux && $(FYNE) package -os linux --src $(CURDIR)/$(DIST_BUILD)/linux/src \
	  --exe $(CURDIR)/$(DIST_BUILD)/linux/frugal --icon $(CURDIR)/assets/icon.png
	tar -xJf $(DIST_BUILD)/linux/Frugal.tar.xz -C $(DIST_BUILD)/linux/pkg frugal/usr
	install -m 755 packaging/linux/install.sh $(DIST_BUILD)/linux/pkg/frugal/install.sh
	mkdir -p $(DIST)
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(SOURCE_DATE_EPOCH) -cJf $(DIST)/frugal-linux-amd64.tar.xz -C $(DIST_BUILD)/linux/pkg frugal

## dist-windows: frugal.exe (console subsystem: the terminal commands print
## to the console) and frugalw.exe (GUI subsystem: what the Start menu, the
## Run entry and the browsers start; no console window ever), from the same
## code. Both carry the icon, version information and application manifest
## that packaging/windows/resources.sh compiles with windres into a .syso in
## the main package's folder for the time of the build. Then the installer.
WIN_SYSO := zz_frugal_windows_amd64.syso
dist-windows:
	mkdir -p $(DIST)
	packaging/windows/resources.sh '$(VERSION)' $(WIN_SYSO)
	CC=$(MINGW_CC) GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	  $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(DIST)/frugal.exe . || { rm -f $(WIN_SYSO); exit 1; }
	CC=$(MINGW_CC) GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	  $(GO) build -trimpath -ldflags '$(LDFLAGS) -H windowsgui' -o $(DIST)/frugalw.exe . || { rm -f $(WIN_SYSO); exit 1; }
	rm -f $(WIN_SYSO)
	makensis -V2 -DVERSION='$(VERSION)' -DSRCDIR=$(CURDIR)/$(DIST) \
	  -DOUTFILE=$(CURDIR)/$(DIST)/frugal-windows-amd64-setup.exe packaging/windows/installer.nsi

## test-windows: the Windows checks under Wine (packaging/windows/test/
## wine-test.sh): command line, install-browser read back from the
## registry, the native host, the installer's silent install, upgrade over
## a running tray and uninstall, screenshots of the tray and the installer.
## A cgo-free build (-tags nowindows) keeps it to a few minutes; BIN=dist
## checks make dist's programs instead.
test-windows:
	@scripts/deps.sh windows
	VERSION='$(VERSION)' GO=$(GO) packaging/windows/test/wine-test.sh

## screenshots-windows: test-windows, writing its screenshots (tray,
## notification, installer) into docs/screenshots/.
screenshots-windows:
	@scripts/deps.sh windows
	SHOTS='$(CURDIR)/docs/screenshots' VERSION='$(VERSION)' GO=$(GO) packaging/windows/test/wine-test.sh

## dist-ext: the extension built per browser by extension/build.mjs, zipped
## with manifest.json at the root; the Firefox zip's content is linted by
## web-ext (pinned in packaging/webext): errors, and warnings other than the
## accepted ones listed in packaging/webext/lint.mjs, fail the build.
dist-ext:
	rm -rf $(DIST_BUILD)/ext && mkdir -p $(DIST_BUILD)/ext $(DIST)
	node --input-type=module -e "import { build } from './extension/build.mjs'; build('$(CURDIR)/$(DIST_BUILD)/ext');"
	for b in chromium:zip firefox:xpi; do \
	  (cd $(DIST_BUILD)/ext/$${b%:*} && find . -exec touch -h -d @$(SOURCE_DATE_EPOCH) {} + && \
	   find . -type f | LC_ALL=C sort | TZ=UTC zip -q -X -@ $(CURDIR)/$(DIST)/frugal-$${b%:*}.$${b#*:}) || exit 1; \
	done
	cd packaging/webext && npm ci --no-audit --no-fund --prefer-offline >/dev/null
	rm -rf $(DIST_BUILD)/ext/firefox-zip && mkdir -p $(DIST_BUILD)/ext/firefox-zip
	unzip -q $(DIST)/frugal-firefox.xpi -d $(DIST_BUILD)/ext/firefox-zip
	node packaging/webext/lint.mjs $(DIST_BUILD)/ext/firefox-zip

dist-sums:
	cd $(DIST) && rm -f SHA256SUMS && sha256sum -- $$(ls | LC_ALL=C sort) > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS

check-dist:
	packaging/check-dist.sh $(DIST)
