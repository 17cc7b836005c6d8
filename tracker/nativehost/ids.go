package nativehost

import "frugal/tracker/defs"

// HostName, ChromiumExtensionID and GeckoID are defined once, in package
// defs, which also writes the extension's copy.
const (
	HostName            = defs.HostName
	ChromiumExtensionID = defs.ChromiumExtensionID
	GeckoID             = defs.GeckoID
)
