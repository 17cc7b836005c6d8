package team

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The documented JSON Schema and the Go types describe the same file: the
// same keys, all required but the team label, no other key allowed, the
// same assistant ids and patterns.
func TestSchema_MatchesTheFormat(t *testing.T) {
	b, err := os.ReadFile("../../docs/share.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		AdditionalProperties bool                       `json:"additionalProperties"`
		Required             []string                   `json:"required"`
		Properties           map[string]json.RawMessage `json:"properties"`
		Defs                 map[string]struct {
			AdditionalProperties *bool                              `json:"additionalProperties"`
			Required             []string                           `json:"required"`
			Properties           map[string]struct{ Enum []string } `json:"properties"`
			Pattern              string                             `json:"pattern"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		var ks []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			ks = append(ks, name)
		}
		sort.Strings(ks)
		return ks
	}
	var props []string
	for k := range s.Properties {
		props = append(props, k)
	}
	sort.Strings(props)
	if s.AdditionalProperties || fmt.Sprint(props) != fmt.Sprint(keys(Share{})) || len(s.Required) != len(props)-1 {
		t.Errorf("share: schema keys %v (required %v), Go keys %v", props, s.Required, keys(Share{}))
	}
	a := s.Defs["assistant"]
	req := append([]string{}, a.Required...)
	sort.Strings(req)
	if a.AdditionalProperties == nil || *a.AdditionalProperties || fmt.Sprint(req) != fmt.Sprint(keys(Assistant{})) {
		t.Errorf("assistant: schema %v, Go %v", req, keys(Assistant{}))
	}
	if fmt.Sprint(a.Properties["id"].Enum) != fmt.Sprint(Slots) {
		t.Errorf("assistant ids: schema %v, Go %v", a.Properties["id"].Enum, Slots)
	}
	if r := s.Defs["range"]; r.AdditionalProperties == nil || *r.AdditionalProperties || fmt.Sprint(r.Required) != "[low central high]" {
		t.Errorf("range: %+v", r)
	}
	if s.Defs["name"].Pattern != methodRe.String() {
		t.Errorf("name pattern: schema %s, Go %s", s.Defs["name"].Pattern, methodRe)
	}
	week := regexp.MustCompile(s.Defs["isoWeek"].Pattern)
	for w, ok := range map[string]bool{"2026-W01": true, "2026-W53": true, "2026-W54": false, "2026-W00": false, "2026-11-26": false} {
		if week.MatchString(w) != ok {
			t.Errorf("schema week pattern on %s: %v", w, !ok)
		}
	}
}
