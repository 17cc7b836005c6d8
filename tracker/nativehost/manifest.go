package nativehost

import (
	"encoding/json"
	"fmt"
)

// Manifest is a native messaging host manifest. Chromium browsers read
// AllowedOrigins, Firefox AllowedExtensions; each file lists exactly our ids.
type Manifest struct {
	Name              string   `json:"name"`
	Description       string   `json:"description"`
	Path              string   `json:"path"`
	Type              string   `json:"type"`
	AllowedOrigins    []string `json:"allowed_origins,omitempty"`
	AllowedExtensions []string `json:"allowed_extensions,omitempty"`
}

// NewManifest returns the manifest for a browser family ("chromium" or
// "firefox") whose host is the program at path (absolute).
func NewManifest(family, path string) (Manifest, error) {
	m := Manifest{
		Name:        HostName,
		Description: "Frugal: records your AI requests on this machine",
		Path:        path,
		Type:        "stdio",
	}
	switch family {
	case "chromium":
		m.AllowedOrigins = []string{"chrome-extension://" + ChromiumExtensionID + "/"}
	case "firefox":
		m.AllowedExtensions = []string{GeckoID}
	default:
		return m, fmt.Errorf("nativehost: unknown browser family %q", family)
	}
	return m, nil
}

// JSON encodes the manifest as an indented file body.
func (m Manifest) JSON() []byte {
	b, _ := json.MarshalIndent(m, "", "  ")
	return append(b, '\n')
}
