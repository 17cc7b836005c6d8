package capture

import (
	"strings"
	"testing"
	"time"
)

func TestHealthBatch_Validate(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	ok := func() HealthBatch {
		return HealthBatch{ID: "a1b2", AtMs: now.UnixMilli(), Rows: []HealthRow{{Day: "2026-12-06", Site: "mistral", Sends: 1, LastSendMs: now.UnixMilli()}}}
	}
	b := ok()
	if err := b.Validate(now); err != nil {
		t.Fatalf("Validate(good) = %v", err)
	}
	if b.Rows[0].Site != "lechat" {
		t.Errorf("site mistral kept as %q, want lechat", b.Rows[0].Site)
	}
	cases := []struct {
		name   string
		change func(*HealthBatch)
		why    string
	}{
		{"no id", func(b *HealthBatch) { b.ID = "" }, "batch id"},
		{"id with spaces", func(b *HealthBatch) { b.ID = "a b" }, "batch id"},
		{"no rows", func(b *HealthBatch) { b.Rows = nil }, "0 rows"},
		{"too many rows", func(b *HealthBatch) { b.Rows = make([]HealthRow, MaxHealthRows+1) }, "501 rows"},
		{"no time", func(b *HealthBatch) { b.AtMs = 0 }, "bad time"},
		{"future time", func(b *HealthBatch) { b.AtMs = now.Add(48 * time.Hour).UnixMilli() }, "bad time"},
		{"bad day", func(b *HealthBatch) { b.Rows[0].Day = "06/12/2026" }, "not YYYY-MM-DD"},
		{"impossible day", func(b *HealthBatch) { b.Rows[0].Day = "2026-02-30" }, "not a date"},
		{"unknown site", func(b *HealthBatch) { b.Rows[0].Site = "bard" }, `unknown site "bard"`},
		{"bare generic", func(b *HealthBatch) { b.Rows[0].Site = "generic" }, `unknown site "generic"`},
		{"generic bad host", func(b *HealthBatch) { b.Rows[0].Site = "generic:Evil Host/" }, "bad host name"},
		{"negative count", func(b *HealthBatch) { b.Rows[0].Answers = -1 }, "out of range"},
		{"future last send", func(b *HealthBatch) { b.Rows[0].LastSendMs = now.Add(72 * time.Hour).UnixMilli() }, "out of range"},
		{"unknown miss", func(b *HealthBatch) { b.Rows[0].LastMiss, b.Rows[0].LastMissMs = "button", 5 }, `last_miss "button"`},
		{"miss without time", func(b *HealthBatch) { b.Rows[0].LastMiss = "stop" }, `last_miss "stop"`},
		{"same row twice", func(b *HealthBatch) { b.Rows = append(b.Rows, b.Rows[0]) }, "twice"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := ok()
			tc.change(&b)
			err := b.Validate(now)
			if err == nil || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("Validate = %v, want an error with %q", err, tc.why)
			}
		})
	}
	t.Run("generic host kept", func(t *testing.T) {
		b := ok()
		b.Rows[0].Site = "generic:chat.example.org:8080"
		if err := b.Validate(now); err != nil || b.Rows[0].Site != "generic:chat.example.org:8080" {
			t.Errorf("Validate = %v, site %q", err, b.Rows[0].Site)
		}
	})
}
