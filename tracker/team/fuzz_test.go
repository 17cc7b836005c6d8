package team

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecode: no input makes Decode panic, and whatever it accepts is a
// valid share that encodes and decodes back to itself.
func FuzzDecode(f *testing.F) {
	good, _ := json.Marshal(validShare("0123456789abcdef0123456789abcdef", "Sales", "2026-W48"))
	f.Add(good)
	f.Add([]byte(`{"format":"frugal-share","version":1}`))
	f.Add([]byte(`{"format":"frugal-share","version":2,"prompt":"x"}`))
	f.Add(good[:len(good)/2])
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted an invalid share: %v", err)
		}
		b, err := s.Encode()
		if err != nil {
			t.Fatal(err)
		}
		s2, err := Decode(b)
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, s, s2)
		}
	})
}
