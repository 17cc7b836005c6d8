package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"frugal/tracker"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "sub", "frugal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ptr[T any](v T) *T { return &v }

func sample(id string, at time.Time) tracker.Request {
	return tracker.Request{
		ID: id, At: at.UTC().Truncate(time.Millisecond), Source: tracker.SourceCLI, Site: "chatgpt",
		Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Prompt: ptr("hello"), PromptChars: 5,
	}
}

func TestOpen_CreatesPrivateFileAndMigrates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "frugal.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() {
		t.Errorf("user_version = %d, %v; want %d", v, err, SchemaVersion())
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	s.Close()
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode = %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", di.Mode().Perm())
	}
	// Re-opening an up-to-date database changes nothing and keeps rows.
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(t.Context(), sample("a", time.Now())); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(t.Context()); n != 1 {
		t.Errorf("after re-open: %d rows, want 1", n)
	}
}

func TestOpen_RefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frugal.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	s.Close()
	if _, err := Open(t.Context(), path); !errors.Is(err, ErrNewer) {
		t.Errorf("Open of a newer schema: %v, want ErrNewer", err)
	}
}

func TestRecord_IsIdempotentOnID(t *testing.T) {
	s := openTemp(t)
	r := sample("same-id", time.Now())
	for i, want := range []bool{true, false, false} {
		ins, err := s.Record(t.Context(), r)
		if err != nil || ins != want {
			t.Errorf("Record #%d = %v, %v; want %v, nil", i, ins, err, want)
		}
	}
	if n, _ := s.Count(t.Context()); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
}

func TestRecord_RoundTripsEveryField(t *testing.T) {
	s := openTemp(t)
	lat := 2500 * time.Millisecond
	r := tracker.Request{
		ID: "full", At: time.Date(2026, 3, 29, 1, 30, 0, 123e6, time.UTC), Source: tracker.SourceExtension,
		Site: "claude", Provider: "anthropic", Model: "claude-sonnet-4-5", Kind: tracker.KindImage,
		Prompt: ptr("dessine un chat 🐱"), PromptChars: 17, InputTokens: ptr(9), AnswerChars: ptr(0),
		OutputTokens: ptr(400), Latency: &lat, Reasoning: tracker.ReasoningThinking, WebSearch: true,
		Attachments: 2, Category: tracker.CatNone, Tool: "", Outcome: tracker.OutcomeSentAnyway,
		Footprint: &tracker.Footprint{
			EnergyWh: tracker.Range{Low: 0.1, Central: 0.2, High: 0.4},
			CO2Grams: tracker.Range{Low: 0.01, Central: 0.02, High: 0.04},
			WaterML:  tracker.Range{Low: 1, Central: 2, High: 3},
			Method:   "ecologits-0.11.2", Zone: "FRA", WhatIf: true,
		},
		Warnings: []string{"model-arch-not-released"},
	}
	if _, err := s.Record(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(t.Context(), "full")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("Get = %+v\nwant %+v", got, r)
	}
	if _, err := s.Get(t.Context(), "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(missing) = %v, want ErrNotFound", err)
	}
}

func TestUpdate_ChangesTheStoredRequest(t *testing.T) {
	s := openTemp(t)
	r := sample("u", time.Now())
	s.Record(t.Context(), r)
	r.AnswerChars = ptr(1200)
	r.Latency = ptr(3 * time.Second)
	if err := s.Update(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(t.Context(), "u")
	if got.AnswerChars == nil || *got.AnswerChars != 1200 || *got.Latency != 3*time.Second {
		t.Errorf("after Update: answer %v latency %v", got.AnswerChars, got.Latency)
	}
	r.ID = "nope"
	if err := s.Update(t.Context(), r); !errors.Is(err, ErrNotFound) {
		t.Errorf("Update(unknown) = %v, want ErrNotFound", err)
	}
}

func TestRecord_RefusesInvalidRequestsAndWritesNothing(t *testing.T) {
	s := openTemp(t)
	now := time.Now()
	big := string(make([]byte, 10<<20))
	cases := []struct {
		name string
		mod  func(*tracker.Request)
	}{
		{"empty id", func(r *tracker.Request) { r.ID = "" }},
		{"no site", func(r *tracker.Request) { r.Site = "" }},
		{"unknown kind", func(r *tracker.Request) { r.Kind = "hologram" }},
		{"unknown outcome", func(r *tracker.Request) { r.Outcome = "maybe" }},
		{"negative answer length", func(r *tracker.Request) { r.AnswerChars = ptr(-1) }},
		{"negative latency", func(r *tracker.Request) { r.Latency = ptr(-time.Second) }},
		{"10 MB prompt", func(r *tracker.Request) { r.Prompt = &big }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := sample("bad", now)
			tc.mod(&r)
			if _, err := s.Record(t.Context(), r); err == nil {
				t.Errorf("Record accepted a request with %s", tc.name)
			}
		})
	}
	if n, _ := s.Count(t.Context()); n != 0 {
		t.Errorf("%d rows written, want 0", n)
	}
}

func TestSettings_PersistAndValidate(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	set, err := s.Settings(ctx)
	if err != nil || set.Privacy != tracker.KeepFull || set.SearchEngine != "duckduckgo" {
		t.Fatalf("defaults = %+v, %v", set, err)
	}
	set.Privacy = tracker.KeepNone
	set.NudgesOff["weather"] = true
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Settings(ctx)
	if got.Privacy != tracker.KeepNone || !got.NudgesOff["weather"] {
		t.Errorf("saved settings not read back: %+v", got)
	}
	set.SearchEngine = "altavista"
	if err := s.SaveSettings(ctx, set); err == nil {
		t.Error("SaveSettings accepted an unknown search engine")
	}
	if got, _ := s.Settings(ctx); got.SearchEngine != "duckduckgo" {
		t.Errorf("an invalid save changed the settings: %q", got.SearchEngine)
	}
}

func TestWeek_BoundariesInTwoTimeZonesAndAcrossDST(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	ny, _ := time.LoadLocation("America/New_York")
	cases := []struct {
		name   string
		loc    *time.Location
		monday time.Time
		in     []time.Time // must count, day index by position in days
		days   []int
		out    []time.Time // must not count
		length time.Duration
	}{
		{
			name:   "Paris week with the spring DST change (Sun 29 Mar 2026 is 23 h long)",
			loc:    paris,
			monday: time.Date(2026, 3, 23, 0, 0, 0, 0, paris),
			in: []time.Time{
				time.Date(2026, 3, 23, 0, 0, 0, 0, paris),        // first instant
				time.Date(2026, 3, 29, 1, 59, 0, 0, paris),       // before the change
				time.Date(2026, 3, 29, 3, 0, 0, 0, paris),        // after it
				time.Date(2026, 3, 29, 23, 59, 59, 999e6, paris), // last millisecond
			},
			days: []int{0, 6, 6, 6},
			out: []time.Time{
				time.Date(2026, 3, 22, 23, 59, 59, 999e6, paris),
				time.Date(2026, 3, 30, 0, 0, 0, 0, paris),
			},
			length: 167 * time.Hour,
		},
		{
			name:   "New York week with the autumn DST change (Sun 1 Nov 2026 is 25 h long)",
			loc:    ny,
			monday: time.Date(2026, 10, 26, 0, 0, 0, 0, ny),
			in: []time.Time{
				time.Date(2026, 10, 26, 0, 0, 0, 0, ny),
				time.Date(2026, 11, 1, 1, 30, 0, 0, ny).Add(time.Hour), // the second 1:30
				time.Date(2026, 11, 1, 23, 30, 0, 0, ny),
			},
			days: []int{0, 6, 6},
			out: []time.Time{
				time.Date(2026, 11, 2, 0, 0, 0, 0, ny),
			},
			length: 169 * time.Hour,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			for i, at := range append(tc.in, tc.out...) {
				r := sample(fmt.Sprint("r", i), at)
				if _, err := s.Record(t.Context(), r); err != nil {
					t.Fatal(err)
				}
			}
			w, err := s.Week(t.Context(), tc.monday)
			if err != nil {
				t.Fatal(err)
			}
			if w.Total.Count != len(tc.in) {
				t.Errorf("week count = %d, want %d", w.Total.Count, len(tc.in))
			}
			want := [7]int{}
			for _, d := range tc.days {
				want[d]++
			}
			for d := range 7 {
				if w.Days[d].Count != want[d] {
					t.Errorf("day %d count = %d, want %d", d, w.Days[d].Count, want[d])
				}
			}
			if got := w.End.Sub(w.Start); got != tc.length {
				t.Errorf("week length %v, want %v (local midnights, not 7×24 h)", got, tc.length)
			}
		})
	}
}

func TestWeek_SumsSentRequestsAndSeparatesFollowed(t *testing.T) {
	s := openTemp(t)
	loc := time.UTC
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, loc)
	fp := &tracker.Footprint{EnergyWh: tracker.Range{Low: 1, Central: 2, High: 3}}
	reqs := []tracker.Request{
		{Site: "chatgpt", Category: tracker.CatWeather, Tool: "weather", Outcome: tracker.OutcomeSentAnyway, Footprint: fp},
		{Site: "chatgpt", Category: tracker.CatNone, Outcome: tracker.OutcomeSent, Footprint: fp},
		{Site: "claude", Outcome: tracker.OutcomeSent},
		{Site: "claude", Category: tracker.CatCalculation, Tool: "calculator", Outcome: tracker.OutcomeFollowed, Footprint: fp},
		{Site: "claude", Category: tracker.CatCalculation, Outcome: tracker.OutcomeCancelled},
	}
	for i, r := range reqs {
		r.ID, r.At, r.Source, r.Kind = fmt.Sprint(i), monday.Add(time.Duration(i)*time.Hour), tracker.SourceCLI, tracker.KindText
		if _, err := s.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	prev := sample("prev", monday.Add(-time.Hour))
	s.Record(t.Context(), prev)
	w, err := s.Week(t.Context(), monday)
	if err != nil {
		t.Fatal(err)
	}
	if w.Total.Count != 3 || w.Total.Trivial != 1 || w.Total.Estimated != 2 || w.Total.Followed != 1 {
		t.Errorf("totals = %+v", w.Total)
	}
	if w.Total.Footprint.EnergyWh != (tracker.Range{Low: 2, Central: 4, High: 6}) {
		t.Errorf("energy = %+v, want 2/4/6", w.Total.Footprint.EnergyWh)
	}
	if w.Total.TrivialFootprint.EnergyWh.Central != 2 || w.Total.FollowedFootprint.EnergyWh.Central != 2 {
		t.Errorf("trivial %v / followed %v, want 2 and 2", w.Total.TrivialFootprint.EnergyWh, w.Total.FollowedFootprint.EnergyWh)
	}
	if len(w.ByTool) != 1 || w.ByTool[0].Key != "calculator" {
		t.Errorf("by tool = %+v", w.ByTool)
	}
	if w.BySite[0].Key != "chatgpt" && w.BySite[0].Key != "claude" {
		t.Errorf("by site = %+v", w.BySite)
	}
	if w.Previous.Count != 1 {
		t.Errorf("previous week = %d, want 1", w.Previous.Count)
	}
}

func TestDataVersion_ChangesWhenAnotherConnectionWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	a, _ := Open(t.Context(), path)
	defer a.Close()
	b, _ := Open(t.Context(), path)
	defer b.Close()
	conn, err := a.db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	v1, _ := a.DataVersion(t.Context(), conn)
	b.Record(context.Background(), sample("x", time.Now()))
	v2, _ := a.DataVersion(t.Context(), conn)
	if v1 == v2 {
		t.Errorf("data_version stayed %d after another connection wrote", v1)
	}
}
