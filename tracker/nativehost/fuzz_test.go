package nativehost

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"testing"
	"time"
	"unicode/utf8"

	"frugal/tracker"
)

// FuzzServe feeds arbitrary bytes to the host as its input stream. Whatever
// comes in, the host must not panic, must write nothing but well-formed
// frames of JSON replies under the size limit, each one ok or with an error
// code, and must end with nil or ErrFrameTooLarge.
func FuzzServe(f *testing.F) {
	for _, m := range []string{
		`{"v":1,"id":"1","type":"ping"}`,
		`{"v":1,"id":"2","type":"classify","text":"weather in Paris","lang":"en"}`,
		`{"v":1,"id":"3","type":"record","request":{"id":"r","site":"claude","at":1700000000000,"outcome":"sent","prompt":"hi"}}`,
		`{"v":1,"id":"4","type":"update","answer":{"id":"r","answer_chars":10,"streaming_ms":20}}`,
		`{"v":1,"id":"5","type":"set_settings","settings":{"nudges_off":{"weather":true},"paused_until_ms":0}}`,
		`{"v":1,"id":"6","type":"today"}`,
		`{"v":1,"id":"8","type":"health","health":{"batch":"b","at":5,"rows":[{"day":"2026-12-06","site":"claude","sends":1}]}}`,
		`{"v":1,"id":"7","type":"x","extra":[1,2]}`,
	} {
		f.Add(frame([]byte(m)))
	}
	f.Add([]byte{0xff, 0xff, 0xff, 0x7f})
	f.Add([]byte{3, 0, 0, 0, '{', '}', 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		d := Deps{Service: &tracker.Service{Classifier: fakeClassifier{}, Estimator: fakeEstimator{}, Store: newFakeStore()}, NotFound: errNotFound,
			Totals: func(context.Context, time.Time, time.Time) (Totals, error) { return Totals{Count: 1}, nil }}
		err := Serve(context.Background(), bytes.NewReader(in), &out, d)
		if err != nil && !errors.Is(err, ErrFrameTooLarge) {
			t.Fatalf("Serve = %v", err)
		}
		r := bytes.NewReader(out.Bytes())
		for {
			b, err := ReadFrame(r, MaxOutBytes)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("output is not a clean frame sequence: %v", err)
			}
			if !utf8.Valid(b) {
				t.Fatalf("reply is not UTF-8: %q", b)
			}
			var rep struct {
				ID    *string                `json:"id"`
				OK    bool                   `json:"ok"`
				Error *struct{ Code string } `json:"error"`
			}
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatalf("reply %q is not JSON: %v", b, err)
			}
			if rep.OK == (rep.Error != nil) || (rep.Error != nil && rep.Error.Code == "") {
				t.Fatalf("reply %q is neither ok nor a coded error", b)
			}
		}
	})
}
