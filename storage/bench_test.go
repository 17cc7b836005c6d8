package storage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

// BenchRows is the size of the benchmark database.
const benchRows = 1_000_000

// benchEnd is the end of the benchmark data: rows cover the two years before it.
var benchEnd = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// benchDBPath returns a database of benchRows realistic requests, made on
// first use and kept (it is rebuilt whenever it is missing) at
// $FRUGAL_BENCH_DB or in the temp folder. `make bench` compares the sqlite3
// CLI against the same file.
func benchDBPath(b *testing.B) string {
	b.Helper()
	path := os.Getenv("FRUGAL_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "frugal-bench-1m-v2.db")
	}
	if s, err := Open(context.Background(), path); err == nil {
		n, _ := s.Count(context.Background())
		s.Close()
		if n == benchRows {
			return path
		}
	}
	os.Remove(path)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if err := MakeBenchDB(context.Background(), path, benchRows, benchEnd); err != nil {
		b.Fatal(err)
	}
	return path
}

// MakeBenchDB fills a new database with n requests spread over the two years
// before end: varied sites, prompts of realistic length, estimates, a share
// of trivial requests.
func MakeBenchDB(ctx context.Context, path string, n int, end time.Time) error {
	s, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	sites := []string{"chatgpt", "claude", "gemini", "copilot", "lechat", "perplexity", "deepseek"}
	cats := tracker.Categories
	words := []string{"écris", "explain", "the", "météo", "à", "Paris", "code", "résumé", "de", "ce", "texte", "how", "do", "I", "convert", "17 %", "240", "capitale", "poème"}
	span := int64(2 * 365 * 24 * time.Hour / time.Millisecond)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, insertRequest)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for i := range n {
		buf.Reset()
		for range 4 + rng.IntN(30) {
			buf.WriteString(words[rng.IntN(len(words))])
			buf.WriteByte(' ')
		}
		p := buf.String()
		e := 0.05 + rng.Float64()*3
		cat := cats[len(cats)-1]
		if rng.IntN(5) == 0 {
			cat = cats[rng.IntN(len(cats)-1)]
		}
		r := tracker.Request{
			ID: fmt.Sprintf("bench-%08d", i), At: end.Add(-time.Duration(rng.Int64N(span)) * time.Millisecond),
			Source: tracker.SourceExtension, Site: sites[rng.IntN(len(sites))], Provider: "openai", Model: "gpt-4o",
			Kind: tracker.KindText, Prompt: &p, PromptChars: len([]rune(p)), AnswerChars: ptr(200 + rng.IntN(4000)),
			OutputTokens: ptr(50 + rng.IntN(1000)), Latency: ptr(time.Duration(rng.IntN(20000)) * time.Millisecond),
			Category: cat, Outcome: tracker.OutcomeSent,
			Footprint: &tracker.Footprint{
				EnergyWh: tracker.Range{Low: e / 2, Central: e, High: e * 2},
				CO2Grams: tracker.Range{Low: e / 5, Central: e / 2.5, High: e / 1.2},
				WaterML:  tracker.Range{Low: e, Central: e * 2, High: e * 4},
				Method:   "ecologits-0.11.2+frugal-1", Zone: "USA",
			},
		}
		args, err := requestArgs(&r)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, append(args, int64(0))...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func BenchmarkWeekSummary1M(b *testing.B) {
	s, err := Open(b.Context(), benchDBPath(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	monday := tracker.StartOfWeek(benchEnd.Add(-72*time.Hour), time.UTC)
	b.ResetTimer()
	for b.Loop() {
		w, err := s.Week(b.Context(), monday)
		if err != nil || w.Total.Count == 0 {
			b.Fatal(w.Total.Count, err)
		}
	}
}

func BenchmarkExport1M(b *testing.B) {
	s, err := Open(b.Context(), benchDBPath(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for b.Loop() {
		n, err := s.Export(b.Context(), io.Discard, ExportOptions{})
		if err != nil || n != benchRows {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkImport1M imports the export of the 1,000,000-request database
// into a new database, and, side by side in the same loop, has the sqlite3
// CLI import the same CSV file into the same schema (sqlite3ImportScript):
// the sqlite3-ns/op metric and the ratio are what BENCHMARKS.md compares.
func BenchmarkImport1M(b *testing.B) {
	src, err := Open(b.Context(), benchDBPath(b))
	if err != nil {
		b.Fatal(err)
	}
	csvPath := filepath.Join(b.TempDir(), "all.csv")
	f, _ := os.Create(csvPath)
	if _, err := src.Export(b.Context(), f, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	src.Close()
	sqlite3, _ := exec.LookPath("sqlite3")
	var ours, theirs time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		dst, err := Open(b.Context(), filepath.Join(b.TempDir(), fmt.Sprint("dst", i, ".db")))
		if err != nil {
			b.Fatal(err)
		}
		in, _ := os.Open(csvPath)
		t0 := time.Now()
		b.StartTimer()
		res, err := dst.Import(b.Context(), in, ImportOptions{})
		b.StopTimer()
		ours += time.Since(t0)
		in.Close()
		dst.Close()
		if err != nil || res.Inserted != benchRows {
			b.Fatal(res, err)
		}
		if sqlite3 != "" {
			d, err := sqlite3Import(b, sqlite3, csvPath, filepath.Join(b.TempDir(), fmt.Sprint("cli", i, ".db")))
			if err != nil {
				b.Fatal(err)
			}
			theirs += d
		}
		b.StartTimer()
	}
	if theirs > 0 {
		b.ReportMetric(float64(theirs.Nanoseconds())/float64(b.N), "sqlite3-ns/op")
		b.ReportMetric(float64(ours)/float64(theirs), "ratio")
	}
}

// sqlite3ImportScript is the sqlite3 CLI's import of an export into the
// same schema: .import into a staging table (the CLI's way, with the same
// cache as Import's), then one INSERT … SELECT turning the text fields into
// the table's types (the time from RFC 3339 to milliseconds, empty fields
// to NULL), in one transaction.
const sqlite3ImportScript = `PRAGMA cache_size = -262144;
PRAGMA temp_store = MEMORY;
BEGIN;
.import --csv --schema temp %s staging
INSERT INTO requests (id, at_ms, source, site, provider, model, kind, prompt, prompt_chars, input_tokens,
  answer_chars, output_tokens, latency_ms, reasoning, web_search, attachments, category, tool, outcome,
  energy_wh_low, energy_wh, energy_wh_high, co2_g_low, co2_g, co2_g_high, water_ml_low, water_ml, water_ml_high,
  method, zone, what_if, warnings, updated_ms)
SELECT id, CAST(round((julianday(at) - 2440587.5) * 86400000) AS INTEGER), coalesce(nullif(source, ''), 'import'), site,
  nullif(provider, ''), nullif(model, ''), kind, nullif(prompt, ''), prompt_chars, nullif(input_tokens, ''),
  nullif(answer_chars, ''), nullif(output_tokens, ''), nullif(latency_ms, ''), reasoning, web_search, attachments,
  nullif(category, ''), nullif(tool, ''), outcome,
  nullif(energy_wh_low, ''), nullif(energy_wh, ''), nullif(energy_wh_high, ''), nullif(co2_g_low, ''), nullif(co2_g, ''),
  nullif(co2_g_high, ''), nullif(water_ml_low, ''), nullif(water_ml, ''), nullif(water_ml_high, ''),
  nullif(method, ''), nullif(zone, ''), nullif(what_if, ''), nullif(warnings, ''), 0
FROM temp.staging WHERE true ON CONFLICT(id) DO NOTHING;
COMMIT;
SELECT count(*) FROM requests;
`

// sqlite3Import runs sqlite3ImportScript on a new database made by Open
// (so the same schema, in WAL mode) and returns the CLI's running time.
func sqlite3Import(b *testing.B, sqlite3, csvPath, dbPath string) (time.Duration, error) {
	s, err := Open(b.Context(), dbPath)
	if err != nil {
		return 0, err
	}
	s.Close()
	cmd := exec.Command(sqlite3, "-bail", dbPath)
	cmd.Stdin = strings.NewReader(fmt.Sprintf(sqlite3ImportScript, csvPath))
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		return 0, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != fmt.Sprint(benchRows) {
		return 0, fmt.Errorf("sqlite3 imported %q rows, want %d", got, benchRows)
	}
	return d, nil
}
