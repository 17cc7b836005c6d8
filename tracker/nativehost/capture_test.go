package nativehost

import (
	"context"
	"encoding/json"
	"frugal/tracker"
	"strings"
	"sync"
	"testing"
	"time"

	"frugal/tracker/capture"
)

type fakeHealth struct {
	mu      sync.Mutex
	batches map[string]capture.HealthBatch
}

func (f *fakeHealth) RecordHealth(_ context.Context, b capture.HealthBatch) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.batches[b.ID]; ok {
		return false, nil
	}
	f.batches[b.ID] = b
	return true, nil
}

func TestServe_SendsSelectorsFirst(t *testing.T) {
	tb, err := capture.Parse([]byte(`{"version":4,"sites":{"claude":{"name":"Claude","hosts":["claude.ai"],"send":["button"],"answer":["article"],"composer":["[data-testid=\"chat-input\"]"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	src := capture.Source{Table: tb, Rejected: "/data/selectors.json", Reason: "invalid selector table: not valid JSON"}
	got := serve(t, Deps{Service: &tracker.Service{Store: newFakeStore()}, Selectors: &src}, `{"v":1,"id":"p","type":"ping"}`)
	if len(got) != 2 {
		t.Fatalf("got %d frames, want the table then the ping reply: %v", len(got), got)
	}
	first := got[0]
	if first["type"] != TypeSelectors || first["id"] != nil || first["v"] != float64(1) || first["version"] != float64(4) ||
		first["source"] != "builtin" || first["rejected"] != "/data/selectors.json" {
		t.Errorf("first frame = %v", first)
	}
	table, _ := first["table"].(map[string]any)
	if sites, _ := table["sites"].(map[string]any); sites["claude"] == nil {
		t.Errorf("table = %v, want the claude site", table)
	}
	if got[1]["id"] != "p" || got[1]["ok"] != true {
		t.Errorf("second frame = %v, want the ping reply", got[1])
	}
	t.Run("a data-folder table says its path", func(t *testing.T) {
		src := capture.Source{Table: tb, Path: "/data/selectors.json"}
		got := serve(t, Deps{Service: &tracker.Service{Store: newFakeStore()}, Selectors: &src})
		if len(got) != 1 || got[0]["source"] != "/data/selectors.json" || got[0]["rejected"] != nil {
			t.Errorf("frames = %v", got)
		}
	})
	t.Run("no table, no frame", func(t *testing.T) {
		if got := serve(t, Deps{Service: &tracker.Service{Store: newFakeStore()}}); len(got) != 0 {
			t.Errorf("frames = %v, want none", got)
		}
	})
}

func TestServe_Health(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	hs := &fakeHealth{batches: map[string]capture.HealthBatch{}}
	d := Deps{Service: &tracker.Service{Store: newFakeStore()}, Health: hs, Now: func() time.Time { return now }}
	good := `{"v":1,"id":"h1","type":"health","health":{"batch":"b1","at":` + jsonNum(now.UnixMilli()) +
		`,"rows":[{"day":"2026-12-06","site":"mistral","sends":2,"answers":1,"timeouts":0,"net_only":0,` +
		`"miss_composer":0,"miss_send":0,"miss_answer":1,"miss_stop":0,"last_send_ms":` + jsonNum(now.UnixMilli()) +
		`,"last_miss_ms":5,"last_miss":"answer","unanswered":1}]}}`
	got := serve(t, d,
		good,
		strings.Replace(good, `"h1"`, `"h2"`, 1), // the same batch again
		`{"v":1,"id":"h3","type":"health"}`,
		`{"v":1,"id":"h4","type":"health","health":{"batch":"b2","at":5,"rows":[{"day":"2026-12-06","site":"claude","sends":1,"colour":"red"}]}}`,
		`{"v":1,"id":"h5","type":"health","health":{"batch":"b3","at":5,"rows":[{"day":"2026-12-06","site":"bard","sends":1}]}}`,
		`{"v":1,"id":"h6","type":"health","health":{"batch":"b4","at":5,"rows":[{"day":"2026-12-06","site":"claude","sends":-1}]}}`,
	)
	if len(got) != 6 {
		t.Fatalf("got %d replies: %v", len(got), got)
	}
	if got[0]["ok"] != true || got[0]["applied"] != true {
		t.Errorf("first batch: %v, want ok and applied", got[0])
	}
	if got[1]["ok"] != true || got[1]["applied"] != false {
		t.Errorf("repeated batch: %v, want ok and not applied", got[1])
	}
	for i, want := range []string{CodeInvalid, CodeUnknownField, CodeInvalid, CodeInvalid} {
		if c := errCode(got[i+2]); c != want {
			t.Errorf("reply %v: code %q, want %q", got[i+2], c, want)
		}
	}
	if msg, _ := got[4]["error"].(map[string]any); !strings.Contains(msg["message"].(string), `unknown site "bard"`) {
		t.Errorf("refusal message %v does not name the site", msg)
	}
	if len(hs.batches) != 1 || hs.batches["b1"].Rows[0].Site != "lechat" {
		t.Errorf("stored %v, want b1 only, with mistral stored as lechat", hs.batches)
	}
	t.Run("no database: internal, so the extension keeps it", func(t *testing.T) {
		got := serve(t, Deps{Service: &tracker.Service{Store: newFakeStore()}, Now: func() time.Time { return now }}, good)
		if c := errCode(got[0]); c != CodeInternal {
			t.Errorf("reply %v, want %s", got[0], CodeInternal)
		}
	})
}

func jsonNum(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestServe_RecordsAGenericSiteRequest(t *testing.T) {
	st := newFakeStore()
	got := serve(t, Deps{Service: &tracker.Service{Store: st}},
		`{"v":1,"id":"g1","type":"record","request":{"id":"r-generic","site":"generic","prompt_chars":12,"at":1765000000000,"outcome":"sent"}}`)
	if len(got) != 1 || got[0]["ok"] != true {
		t.Fatalf("reply = %v", got)
	}
	if r, err := st.Get(t.Context(), "r-generic"); err != nil || r.Site != "generic" {
		t.Errorf("stored %+v, %v", r, err)
	}
}
