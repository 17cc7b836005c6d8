// Package i18n is Frugal's one catalogue of French and English strings for
// the desktop: tray labels, notifications and windows.
//
// The strings live in translations/en.json and translations/fr.json, flat
// key → text files in the go-i18n format that fyne.io/fyne/v2/lang reads,
// with text/template placeholders ({{.N}}). The tray process, which never
// starts Fyne's driver, reads them through a Catalogue with an explicit
// language; window processes load the same files into Fyne's lang package
// (Use), so that Fyne's own dialogs follow the same language.
//
// The language is the Settings.Language choice ("fr", "en") or, when it is
// empty, the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Unix).
package i18n
