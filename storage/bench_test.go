package storage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
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
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		dst, err := Open(b.Context(), filepath.Join(b.TempDir(), fmt.Sprint("dst", i, ".db")))
		if err != nil {
			b.Fatal(err)
		}
		in, _ := os.Open(csvPath)
		b.StartTimer()
		res, err := dst.Import(b.Context(), in, ImportOptions{})
		b.StopTimer()
		in.Close()
		dst.Close()
		if err != nil || res.Inserted != benchRows {
			b.Fatal(res, err)
		}
		b.StartTimer()
	}
}
