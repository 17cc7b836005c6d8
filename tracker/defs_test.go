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

// TestEnumsMatchDefs checks that the typed values of package tracker are
// the ones defs lists (and the extension's generated copy carries).
func TestEnumsMatchDefs(t *testing.T) {
	str := func(v any) []string {
		var out []string
		switch l := v.(type) {
		case []Kind:
			for _, x := range l {
				out = append(out, string(x))
			}
		case []Outcome:
			for _, x := range l {
				out = append(out, string(x))
			}
		case []Category:
			for _, x := range l {
				out = append(out, string(x))
			}
		}
		return out
	}
	for name, pair := range map[string][2][]string{
		"kinds":      {str(kinds), defs.Kinds},
		"outcomes":   {str(outcomes), defs.Outcomes},
		"categories": {str(Categories), defs.Categories},
		"reasoning":  {{ReasoningNone, ReasoningThinking, ReasoningDeep}, defs.ReasoningModes},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s: tracker has %v, defs %v", name, pair[0], pair[1])
		}
	}
}
