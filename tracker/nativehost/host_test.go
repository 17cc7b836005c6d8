package nativehost

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"frugal/tracker"
)

// fakeStore is a small in-memory Store for protocol unit tests only.
type fakeStore struct {
	mu   sync.Mutex
	reqs map[string]tracker.Request
	set  tracker.Settings
}

var errNotFound = errors.New("fake: not found")

func newFakeStore() *fakeStore {
	return &fakeStore{reqs: map[string]tracker.Request{}, set: tracker.DefaultSettings()}
}

func (s *fakeStore) Record(_ context.Context, r tracker.Request) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.reqs[r.ID]; ok {
		return false, nil
	}
	s.reqs[r.ID] = r
	return true, nil
}
func (s *fakeStore) Get(_ context.Context, id string) (tracker.Request, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.reqs[id]
	if !ok {
		return r, errNotFound
	}
	return r, nil
}
func (s *fakeStore) Update(_ context.Context, r tracker.Request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs[r.ID] = r
	return nil
}
func (s *fakeStore) Settings(context.Context) (tracker.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.set, nil
}
func (s *fakeStore) UpdateSettings(_ context.Context, change func(*tracker.Settings) error) (tracker.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := s.set
	set.NudgesOff = maps.Clone(set.NudgesOff)
	if err := change(&set); err != nil {
		return s.set, err
	}
	if err := set.Validate(); err != nil {
		return s.set, err
	}
	s.set = set
	return set, nil
}

// fakeClassifier calls anything mentioning "weather" trivial.
type fakeClassifier struct{}

func (fakeClassifier) Classify(_ tracker.Settings, text, lang string) tracker.Verdict {
	if strings.Contains(text, "weather") {
		return tracker.Verdict{Category: tracker.CatWeather, Tool: "weather", URL: "https://example.org/weather"}
	}
	return tracker.Verdict{Category: tracker.CatNone}
}

// fakeEstimator returns a fixed footprint scaled by the answer length.
type fakeEstimator struct{}

func (fakeEstimator) Estimate(_ tracker.Settings, r *tracker.Request) (tracker.Footprint, error) {
	wh := 1.0
	if r.AnswerChars != nil {
		wh = float64(*r.AnswerChars)
	}
	return tracker.Footprint{EnergyWh: tracker.Range{Low: wh / 2, Central: wh, High: wh * 2}, Method: "fake"}, nil
}

func frame(b []byte) []byte {
	out := make([]byte, 4+len(b))
	binary.LittleEndian.PutUint32(out, uint32(len(b)))
	copy(out[4:], b)
	return out
}

// readReplies parses out as a sequence of frames and fails on anything else.
func readReplies(t *testing.T, out []byte) []map[string]any {
	t.Helper()
	var got []map[string]any
	r := bytes.NewReader(out)
	for {
		b, err := ReadFrame(r, MaxOutBytes)
		if errors.Is(err, io.EOF) {
			return got
		}
		if err != nil {
			t.Fatalf("stdout is not a clean frame sequence: %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("reply %q is not JSON: %v", b, err)
		}
		got = append(got, m)
	}
}

func serve(t *testing.T, d Deps, msgs ...string) []map[string]any {
	t.Helper()
	var in, out bytes.Buffer
	for _, m := range msgs {
		in.Write(frame([]byte(m)))
	}
	if err := Serve(t.Context(), &in, &out, d); err != nil {
		t.Fatalf("Serve: %v", err)
	}
	return readReplies(t, out.Bytes())
}

func errCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func TestDecode_Refusals(t *testing.T) {
	for _, tc := range []struct {
		name, msg, code, id string
	}{
		{"invalid JSON", `{"v":1,`, CodeBadJSON, ""},
		{"not an object", `[1,2]`, CodeBadJSON, ""},
		{"unknown field", `{"v":1,"id":"a","type":"ping","x":1}`, CodeUnknownField, "a"},
		{"unknown type", `{"v":1,"id":"b","type":"launch"}`, CodeUnknownType, "b"},
		{"wrong version", `{"v":2,"id":"c","type":"ping"}`, CodeBadVersion, "c"},
		{"no version", `{"id":"c","type":"ping"}`, CodeBadVersion, "c"},
		{"no id", `{"v":1,"type":"ping"}`, CodeInvalid, ""},
		{"numeric id", `{"v":1,"id":7,"type":"ping"}`, CodeInvalid, ""},
		{"wrong type", `{"v":1,"id":"d","type":"classify","text":5}`, CodeInvalid, "d"},
		{"trailing data", `{"v":1,"id":"e","type":"ping"} {}`, CodeBadJSON, ""},
		{"invalid UTF-8", "{\"v\":1,\"id\":\"f\",\"type\":\"classify\",\"text\":\"\xff\"}", CodeBadUTF8, ""},
		{"record without request", `{"v":1,"id":"g","type":"record"}`, CodeInvalid, "g"},
		{"bad lang", `{"v":1,"id":"h","type":"classify","text":"x","lang":"de"}`, CodeInvalid, "h"},
		{"nudge off for none", `{"v":1,"id":"i","type":"set_settings","settings":{"nudges_off":{"none":true}}}`, CodeInvalid, "i"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Decode([]byte(tc.msg))
			var pe *protoError
			if !errors.As(err, &pe) || pe.code != tc.code {
				t.Fatalf("Decode(%q) error = %v, want code %s", tc.msg, err, tc.code)
			}
			if m.ID != tc.id {
				t.Errorf("Decode(%q) id = %q, want %q", tc.msg, m.ID, tc.id)
			}
		})
	}
}

func TestServe_KeepsServingAfterBadMessages(t *testing.T) {
	got := serve(t, Deps{},
		`nonsense`,
		`{"v":1,"id":"1","type":"nope"}`,
		`{"v":1,"id":"2","type":"ping"}`)
	if len(got) != 3 {
		t.Fatalf("got %d replies, want 3", len(got))
	}
	if errCode(got[0]) != CodeBadJSON || got[0]["id"] != nil {
		t.Errorf("reply 1 = %v, want bad_json with a null id", got[0])
	}
	if errCode(got[1]) != CodeUnknownType || got[1]["id"] != "1" {
		t.Errorf("reply 2 = %v, want unknown_type for id 1", got[1])
	}
	if got[2]["ok"] != true || got[2]["id"] != "2" {
		t.Errorf("reply 3 = %v, want ok for id 2", got[2])
	}
}

func TestServe_EmptyFrameThenMore(t *testing.T) {
	var in, out bytes.Buffer
	in.Write([]byte{0, 0, 0, 0})
	in.Write(frame([]byte(`{"v":1,"id":"p","type":"ping"}`)))
	if err := Serve(t.Context(), &in, &out, Deps{}); err != nil {
		t.Fatal(err)
	}
	got := readReplies(t, out.Bytes())
	if len(got) != 2 || errCode(got[0]) != CodeEmptyFrame || got[1]["ok"] != true {
		t.Errorf("replies = %v, want empty_frame then ok", got)
	}
}

func TestServe_OversizedLengthEndsSession(t *testing.T) {
	var in, out bytes.Buffer
	hdr := make([]byte, 4)
	binary.LittleEndian.PutUint32(hdr, MaxInBytes+1)
	in.Write(hdr)
	in.Write(frame([]byte(`{"v":1,"id":"p","type":"ping"}`)))
	err := Serve(t.Context(), &in, &out, Deps{})
	if !errors.Is(err, ErrFrameTooLarge) {
		t.Fatalf("Serve = %v, want ErrFrameTooLarge", err)
	}
	got := readReplies(t, out.Bytes())
	if len(got) != 1 || errCode(got[0]) != CodeFrameTooLarge {
		t.Errorf("replies = %v, want one frame_too_large", got)
	}
}

func TestServe_ClassifyWithoutClassifierIsEmpty(t *testing.T) {
	got := serve(t, Deps{}, `{"v":1,"id":"c","type":"classify","text":"weather in Paris"}`)
	if got[0]["ok"] != true || got[0]["verdict"] != nil || got[0]["nudge"] != false {
		t.Errorf("reply = %v, want ok with no verdict and no nudge", got[0])
	}
}

func TestServe_ClassifyRespectsNudgesOff(t *testing.T) {
	st := newFakeStore()
	d := Deps{Service: &tracker.Service{Classifier: fakeClassifier{}, Store: st}}
	got := serve(t, d,
		`{"v":1,"id":"1","type":"classify","text":"weather in Paris","lang":"en"}`,
		`{"v":1,"id":"2","type":"set_settings","settings":{"nudges_off":{"weather":true}}}`,
		`{"v":1,"id":"3","type":"classify","text":"weather in Paris"}`,
		`{"v":1,"id":"4","type":"classify","text":"write me a sonnet"}`)
	if got[0]["nudge"] != true {
		t.Errorf("first classify = %v, want nudge", got[0])
	}
	if got[1]["ok"] != true {
		t.Fatalf("set_settings = %v", got[1])
	}
	if got[2]["nudge"] != false {
		t.Errorf("classify after turning weather off = %v, want no nudge", got[2])
	}
	if v := got[3]["verdict"].(map[string]any); v["category"] != "none" || got[3]["nudge"] != false {
		t.Errorf("classify of a real task = %v, want none, no nudge", got[3])
	}
}

func TestServe_RecordUpdateToday(t *testing.T) {
	st := newFakeStore()
	now := time.Date(2025, 3, 30, 15, 0, 0, 0, time.Local)
	var from, to time.Time
	d := Deps{Service: &tracker.Service{Classifier: fakeClassifier{}, Estimator: fakeEstimator{}, Store: st}, NotFound: errNotFound,
		Now: func() time.Time { return now },
		Totals: func(_ context.Context, f, t time.Time) (Totals, error) {
			from, to = f, t
			return Totals{Count: 1, Estimated: 1, Footprint: tracker.Footprint{EnergyWh: tracker.Range{Low: 1, Central: 2, High: 3}}}, nil
		}}
	rec := `{"v":1,"id":"m1","type":"record","request":{"id":"r1","site":"chatgpt","model":"GPT-4o","prompt":"weather in Paris","attachments":1,"at":` +
		jsonInt(now.UnixMilli()) + `,"outcome":"sent_anyway","category":"weather","tool":"weather"}}`
	got := serve(t, d, rec, rec,
		`{"v":1,"id":"m2","type":"update","answer":{"id":"r1","answer_chars":420,"streaming_ms":1800}}`,
		`{"v":1,"id":"m3","type":"update","answer":{"id":"nope","answer_chars":1,"streaming_ms":1}}`,
		`{"v":1,"id":"m4","type":"today"}`)
	if got[0]["ok"] != true || got[0]["duplicate"] != false || got[0]["estimated"] != true {
		t.Errorf("record = %v, want ok, new, estimated", got[0])
	}
	if got[1]["ok"] != true || got[1]["duplicate"] != true {
		t.Errorf("second record = %v, want ok duplicate", got[1])
	}
	r := st.reqs["r1"]
	if r.Outcome != tracker.OutcomeSentAnyway || r.Category != tracker.CatWeather || r.Attachments != 1 || r.Source != tracker.SourceExtension {
		t.Errorf("stored %+v", r)
	}
	if got[2]["ok"] != true || *r.AnswerChars != 420 || *r.Latency != 1800*time.Millisecond || r.Footprint.EnergyWh.Central != 420 {
		t.Errorf("update = %v, stored %+v", got[2], r)
	}
	if errCode(got[3]) != CodeNotFound {
		t.Errorf("update of an unknown id = %v, want not_found", got[3])
	}
	if got[4]["count"] != 1.0 || got[4]["date"] != "2025-03-30" || got[4]["footprint"] == nil {
		t.Errorf("today = %v", got[4])
	}
	// 30 March 2025 is 23 hours long in Europe; whatever the zone, the day
	// ends at the next local midnight.
	if from.Hour() != 0 || to.Day() != 31 || to.Hour() != 0 {
		t.Errorf("today's range = %v – %v", from, to)
	}
}

func TestServe_RecordRefusals(t *testing.T) {
	st := newFakeStore()
	d := Deps{Service: &tracker.Service{Store: st}, Now: time.Now}
	for _, tc := range []struct{ name, req, code string }{
		{"unknown site", `{"id":"x","site":"evil","at":1,"outcome":"sent"}`, CodeInvalid},
		{"no time", `{"id":"x","site":"claude","outcome":"sent"}`, CodeInvalid},
		{"bad outcome", `{"id":"x","site":"claude","at":1,"outcome":"maybe"}`, CodeInvalid},
		{"bad category", `{"id":"x","site":"claude","at":1,"outcome":"sent","category":"gossip"}`, CodeInvalid},
		{"negative attachments", `{"id":"x","site":"claude","at":1,"outcome":"sent","attachments":-1}`, CodeInvalid},
		{"unknown field in request", `{"id":"x","site":"claude","at":1,"outcome":"sent","secret":1}`, CodeUnknownField},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := serve(t, d, `{"v":1,"id":"m","type":"record","request":`+tc.req+`}`)
			if errCode(got[0]) != tc.code {
				t.Errorf("reply = %v, want %s", got[0], tc.code)
			}
		})
	}
	if len(st.reqs) != 0 {
		t.Errorf("refused requests were stored: %v", st.reqs)
	}
}

func TestServe_PausedRefusesRecord(t *testing.T) {
	st := newFakeStore()
	st.set.PausedUntilMs = time.Now().Add(time.Hour).UnixMilli()
	got := serve(t, Deps{Service: &tracker.Service{Store: st}}, `{"v":1,"id":"m","type":"record","request":{"id":"x","site":"claude","at":1,"outcome":"sent"}}`)
	if errCode(got[0]) != CodePaused {
		t.Errorf("reply = %v, want paused", got[0])
	}
}

func TestIsHostInvocation(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"chrome-extension://" + ChromiumExtensionID + "/"}, true},
		{[]string{"chrome-extension://" + ChromiumExtensionID + "/", "--parent-window=12"}, true},
		{[]string{"/home/a/.mozilla/native-messaging-hosts/app.frugal.host.json", GeckoID}, true},
		{[]string{"/tmp/x.json", "other@addon"}, false},
		{[]string{"log"}, false},
		{nil, false},
	} {
		if got := IsHostInvocation(tc.args); got != tc.want {
			t.Errorf("IsHostInvocation(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestNewManifest_NamesOnlyOurIDs(t *testing.T) {
	m, _ := NewManifest("chromium", "/usr/bin/frugal")
	var got map[string]any
	json.Unmarshal(m.JSON(), &got)
	if got["name"] != HostName || got["type"] != "stdio" || got["path"] != "/usr/bin/frugal" || got["allowed_extensions"] != nil {
		t.Errorf("chromium manifest = %v", got)
	}
	if o := got["allowed_origins"].([]any); len(o) != 1 || o[0] != "chrome-extension://"+ChromiumExtensionID+"/" {
		t.Errorf("allowed_origins = %v", o)
	}
	m, _ = NewManifest("firefox", "/usr/bin/frugal")
	if len(m.AllowedExtensions) != 1 || m.AllowedExtensions[0] != GeckoID || m.AllowedOrigins != nil {
		t.Errorf("firefox manifest = %+v", m)
	}
	if _, err := NewManifest("safari", "/x"); err == nil {
		t.Error("NewManifest(safari) succeeded")
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// fullStore fails every write with its disk-full error, wrapped as the real
// store wraps it.
type fullStore struct {
	*fakeStore
	full error
}

func (s fullStore) Record(context.Context, tracker.Request) (bool, error) {
	return false, fmt.Errorf("storage: record x: %w: database or disk is full", s.full)
}

func TestServe_DiskFullHasItsCode(t *testing.T) {
	errFull := errors.New("fake: disk full")
	st := fullStore{newFakeStore(), errFull}
	rec := `{"v":1,"id":"m","type":"record","request":{"id":"x","site":"claude","at":1,"outcome":"sent"}}`
	got := serve(t, Deps{Service: &tracker.Service{Store: st}, DiskFull: errFull}, rec)
	if errCode(got[0]) != CodeDiskFull || got[0]["id"] != "m" {
		t.Errorf("reply = %v, want disk_full for m", got[0])
	}
	if msg := got[0]["error"].(map[string]any)["message"].(string); strings.Contains(msg, "fake") {
		t.Errorf("message %q leaks internal detail", msg)
	}
	// Without the sentinel wired, the same failure is only "internal".
	got = serve(t, Deps{Service: &tracker.Service{Store: st}}, rec)
	if errCode(got[0]) != CodeInternal {
		t.Errorf("reply without DiskFull = %v, want internal", got[0])
	}
	for _, c := range BadMessageCodes {
		if c == CodeDiskFull {
			t.Errorf("disk_full is a bad-message code: the extension would drop the event")
		}
	}
}
