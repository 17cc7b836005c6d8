// Package i18n is Frugal's one catalogue of French and English strings for
// the desktop and the command line: tray labels, notifications, windows and
// the CLI's messages.
//
// The strings live in translations/en.json and translations/fr.json, flat
// key → text files with text/template placeholders ({{.N}}). A counted
// string has one key per CLDR plural category (key.one, key.other, and
// key.many where a language needs it); Catalogue.N and NF pick the category
// with golang.org/x/text's CLDR plural rules from the number as it is
// printed, so French says "0 requête" and "1,5 requête", English "0
// requests" and "1.5 requests". testdata/plurals.txt lists every counted
// string at 0, 1, 1.5 and 2 in both languages.
//
// The language is always passed explicitly (a Catalogue, or Use in a
// window process); the process environment is read (the system language:
// LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Unix) and never changed. The
// Settings.Language choice ("fr", "en") wins over the system's.
package i18n
