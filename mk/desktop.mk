# Desktop targets (tray, windows), included by the Makefile.
.PHONY: screenshots screenshots-check bench-desktop

## screenshots: the tray and the summary window under Xvfb, with D-Bus,
## dunst and a StatusNotifier watcher; PNGs into docs/screenshots/
screenshots:
	scripts/screenshots.sh

## screenshots-check: the same run with the PNGs in a temporary folder,
## checked and removed (make test: the tree stays as it was)
screenshots-check:
	scripts/screenshots.sh --check

## bench-desktop: tray idle CPU/RSS against a bare Fyne tray app on a
## 1,000,000-request database, and summary click-to-drawn (FULL=1: 10 min idle)
bench-desktop:
	scripts/bench-tray.sh
