package core

import (
	"path/filepath"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker"
)

func TestNewService_RecordsUnderTheSavedSettings(t *testing.T) {
	st, err := storage.Open(t.Context(), filepath.Join(t.TempDir(), "frugal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := NewService(st)
	capture := func(id, site string) tracker.Request {
		t.Helper()
		p := "Write a two-page cover letter for a data analyst job"
		r, ins, err := svc.Capture(t.Context(), tracker.Request{ID: id, At: time.Now(), Source: tracker.SourceCLI, Site: site, Prompt: &p})
		if err != nil || !ins {
			t.Fatalf("capture %s: %v %v", id, ins, err)
		}
		return r
	}
	usa := capture("a", "chatgpt")
	if usa.Footprint == nil || usa.Category != tracker.CatNone {
		t.Fatalf("capture: %+v", usa)
	}
	// A "what if" zone saved by another process applies to the next capture.
	if _, err := st.UpdateSettings(t.Context(), func(s *tracker.Settings) error { s.Zone = "FRA"; return nil }); err != nil {
		t.Fatal(err)
	}
	fra := capture("b", "le chat")
	if fra.Site != "lechat" || fra.Footprint == nil || fra.Footprint.Zone != "FRA" {
		t.Errorf("capture under zone FRA: site %q, footprint %+v", fra.Site, fra.Footprint)
	}
	if m, err := NewService(st).CurrentMethod(t.Context()); err != nil || fra.Footprint.Method != m {
		t.Errorf("method %q is not the current one %q (%v)", fra.Footprint.Method, m, err)
	}
	if NewID() == NewID() || len(NewID()) != 32 {
		t.Error("NewID")
	}
}
