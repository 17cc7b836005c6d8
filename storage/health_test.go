package storage

import (
	"reflect"
	"testing"

	"frugal/tracker/capture"
)

func TestRecordHealth_AddsDeltasOncePerBatch(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	b1 := capture.HealthBatch{ID: "b1", AtMs: 1000, Rows: []capture.HealthRow{
		{Day: "2026-12-06", Site: "claude", Sends: 2, Answers: 1, MissStop: 1, LastSendMs: 900, LastAnswerMs: 800, LastMissMs: 850, LastMiss: "stop", Unanswered: 1},
		{Day: "2026-12-06", Site: "generic:chat.example.org", NetOnly: 1, LastSendMs: 950},
	}}
	if ok, err := s.RecordHealth(ctx, b1); err != nil || !ok {
		t.Fatalf("RecordHealth(b1) = %v, %v; want true, nil", ok, err)
	}
	// The same batch again (a retry after a lost reply) adds nothing.
	if ok, err := s.RecordHealth(ctx, b1); err != nil || ok {
		t.Fatalf("RecordHealth(b1 again) = %v, %v; want false, nil", ok, err)
	}
	b2 := capture.HealthBatch{ID: "b2", AtMs: 2000, Rows: []capture.HealthRow{
		{Day: "2026-12-06", Site: "claude", Sends: 1, Timeouts: 1, LastSendMs: 1900, LastMissMs: 700, LastMiss: "answer", Unanswered: 2},
		{Day: "2026-12-07", Site: "claude", Sends: 1, LastSendMs: 1950, Unanswered: 3},
	}}
	if ok, err := s.RecordHealth(ctx, b2); err != nil || !ok {
		t.Fatalf("RecordHealth(b2) = %v, %v", ok, err)
	}
	got, err := s.Health(ctx, "2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	want := []capture.HealthRow{
		// An older miss (700 < 850) does not replace the last one.
		{Day: "2026-12-06", Site: "claude", Sends: 3, Answers: 1, Timeouts: 1, MissStop: 1, LastSendMs: 1900, LastAnswerMs: 800, LastMissMs: 850, LastMiss: "stop", Unanswered: 2, UpdatedMs: 2000},
		{Day: "2026-12-07", Site: "claude", Sends: 1, LastSendMs: 1950, Unanswered: 3, UpdatedMs: 2000},
		{Day: "2026-12-06", Site: "generic:chat.example.org", NetOnly: 1, LastSendMs: 950, UpdatedMs: 1000},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Health =\n%+v\nwant\n%+v", got, want)
	}
	if later, _ := s.Health(ctx, "2026-12-07"); len(later) != 1 {
		t.Errorf("Health(from 12-07) = %d rows, want 1", len(later))
	}
}

func TestRecordHealth_AllOrNothing(t *testing.T) {
	s := openTemp(t)
	ctx := t.Context()
	bad := capture.HealthBatch{ID: "b1", AtMs: 1000, Rows: []capture.HealthRow{
		{Day: "2026-12-06", Site: "claude", Sends: 1},
		{Day: "2026-12-6", Site: "claude", Sends: 1}, // refused by the CHECK on day
	}}
	if _, err := s.RecordHealth(ctx, bad); err == nil {
		t.Fatal("RecordHealth accepted a row the schema refuses")
	}
	if rows, _ := s.Health(ctx, "2000-01-01"); len(rows) != 0 {
		t.Errorf("a refused batch left %d rows", len(rows))
	}
	// Its id was not kept either: a corrected batch with the same id goes in.
	bad.Rows = bad.Rows[:1]
	if ok, err := s.RecordHealth(ctx, bad); err != nil || !ok {
		t.Errorf("RecordHealth(corrected) = %v, %v", ok, err)
	}
}
