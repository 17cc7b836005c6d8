package tracker

import (
	"encoding/json"
	"reflect"
	"testing"

	"frugal/tracker/defs"
)

// TestDefaultSettingsMatchDefs checks that the settings' JSON keys and
// defaults are exactly those of defs.Settings, which the extension's copy
// is generated from.
func TestDefaultSettingsMatchDefs(t *testing.T) {
	b, err := json.Marshal(DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(defs.Settings)
	var table []struct {
		Key     string
		Default any
	}
	if err := json.Unmarshal(b, &table); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{}
	for _, s := range table {
		want[s.Key] = s.Default
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultSettings encodes to\n%v\ndefs.Settings says\n%v", got, want)
	}
}
