// Package capture holds the browser extension's selector table as data: one
// JSON document (selectors.json, with its JSON Schema selectors.schema.json)
// embedded in the binary, checked by Parse, and sent by the native host to
// the extension when it connects. A person may drop a newer table in Frugal's
// data folder (FileName, next to the database); Load prefers it when it is
// valid and newer, and says why when it is not. The table is data only:
// strings, numbers and booleans; no rule here ever runs code.
package capture
