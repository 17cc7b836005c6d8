// Package storage keeps Frugal's records in one SQLite file (modernc.org/sqlite,
// pure Go): embedded numbered migrations tracked by user_version, WAL, a busy
// timeout and immediate write transactions so that the tray, windows, the
// native host and the CLI can share the file; idempotent inserts; week
// aggregates; streaming CSV export and all-or-nothing import.
package storage
