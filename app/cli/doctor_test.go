package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker/capture"
)

// The test clock (see run) is 2026-11-26 15:00 local time.
func seedHealth(t *testing.T, db string, batches ...capture.HealthBatch) {
	t.Helper()
	st, err := storage.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, b := range batches {
		if _, err := st.RecordHealth(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
}

func ms(day string, hh int) int64 {
	d, err := time.ParseInLocation(time.DateOnly, day, time.Local)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hh) * time.Hour).UnixMilli()
}

func TestDoctor_NoCaptureYet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "frugal.db")
	code, out, errOut := run(t, db, "", "doctor", "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	builtin, _ := capture.Builtin()
	if !strings.Contains(out, "Selector table: built-in, version "+itoa(builtin.Version)) || !strings.Contains(out, "No capture seen yet") {
		t.Errorf("output:\n%s", out)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestDoctor_DegradedSiteUsedThisWeekFails(t *testing.T) {
	db := filepath.Join(t.TempDir(), "frugal.db")
	seedHealth(t, db,
		capture.HealthBatch{ID: "1", AtMs: ms("2026-11-25", 10), Rows: []capture.HealthRow{
			{Day: "2026-11-25", Site: "chatgpt", Sends: 4, Answers: 4, LastSendMs: ms("2026-11-25", 9), LastAnswerMs: ms("2026-11-25", 9) + 5000},
			{Day: "2026-11-25", Site: "claude", Sends: 3, Timeouts: 3, MissAnswer: 3, LastSendMs: ms("2026-11-25", 8), LastMissMs: ms("2026-11-25", 8), LastMiss: "answer", Unanswered: 3},
		}},
		// Degraded too, but not used in the last 7 days: reported, not failed on.
		capture.HealthBatch{ID: "2", AtMs: ms("2026-11-10", 10), Rows: []capture.HealthRow{
			{Day: "2026-11-10", Site: "gemini", Sends: 3, LastSendMs: ms("2026-11-10", 9), Unanswered: 4},
		}},
	)
	code, out, errOut := run(t, db, "", "doctor", "--lang", "en")
	if code != ExitFailure {
		t.Errorf("exit %d, want %d (claude is degraded)", code, ExitFailure)
	}
	if strings.TrimSpace(errOut) != "frugal doctor: capture degraded on Claude" {
		t.Errorf("stderr = %q", errOut)
	}
	for _, want := range []string{
		"ChatGPT: capture working",
		"last send captured: 2026-11-25 09:00; last answer captured: 2026-11-25 09:00",
		"Claude: capture degraded (3 sends in a row with no answer)",
		"last send captured: 2026-11-25 08:00; last answer captured: never",
		"last 7 days: 3 sends seen, 0 seen only on the network, 0 answers, 3 timed out",
		"not found (last 7 days): answer 3",
		"Gemini: capture degraded (4 sends in a row with no answer)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	t.Run("in French", func(t *testing.T) {
		code, out, errOut := run(t, db, "", "doctor", "--lang", "fr")
		if code != ExitFailure || !strings.Contains(errOut, "capture dégradée sur Claude") ||
			!strings.Contains(out, "Claude : capture dégradée (3 envois de suite sans réponse)") ||
			!strings.Contains(out, "Table des sélecteurs : intégrée") {
			t.Errorf("exit %d, stderr %q, output:\n%s", code, errOut, out)
		}
	})
	t.Run("json", func(t *testing.T) {
		_, out, _ := run(t, db, "", "doctor", "--json")
		var got struct {
			Table map[string]any `json:"table"`
			Sites []siteHealth   `json:"sites"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if got.Table["source"] != "builtin" || len(got.Sites) != 3 || !got.Sites[1].Degraded || !got.Sites[1].UsedThisWeek || got.Sites[2].UsedThisWeek {
			t.Errorf("json = %+v", got)
		}
	})
	t.Run("an answer after the failures clears it", func(t *testing.T) {
		seedHealth(t, db, capture.HealthBatch{ID: "3", AtMs: ms("2026-11-26", 11), Rows: []capture.HealthRow{
			{Day: "2026-11-26", Site: "claude", Sends: 1, Answers: 1, LastSendMs: ms("2026-11-26", 10), LastAnswerMs: ms("2026-11-26", 10) + 9000},
		}})
		code, out, errOut := run(t, db, "", "doctor", "--lang", "en")
		if code != ExitOK || !strings.Contains(out, "Claude: capture working") {
			t.Errorf("exit %d, stderr %q, output:\n%s", code, errOut, out)
		}
	})
}

func TestDoctor_SaysWhichTableAndWhyAFileWasRejected(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "frugal.db")
	file := filepath.Join(dir, capture.FileName)
	if err := os.WriteFile(file, []byte(`{"version":50,"sites":{"claude":{"name":"Claude","hosts":["claude.ai"],"send":["button"],"answer":["article"],"composer":["a{b}"]}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, db, "", "doctor", "--lang", "en")
	if code != ExitOK || !strings.Contains(out, "Selector table: built-in") ||
		!strings.Contains(out, "Not used: "+file+": invalid selector table: sites.claude.composer[0]: \"a{b}\" contains \"{\"") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if err := os.WriteFile(file, []byte(`{"version":50,"sites":{"claude":{"name":"Claude","hosts":["claude.ai"],"send":["button"],"answer":["article"],"composer":["[data-testid=\"chat-input\"]"]}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, db, "", "doctor", "--lang", "en")
	if code != ExitOK || !strings.Contains(out, "Selector table: "+file+", version 50") || strings.Contains(out, "Not used") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestDoctor_BadFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "frugal.db")
	if code, _, errOut := run(t, db, "", "doctor", "--lang", "de"); code != ExitUsage || !strings.Contains(errOut, `--lang "de"`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
