package storage

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// snapshot is the whole database as an export (every column, every row)
// plus the settings: what an import must either extend or leave alone.
func snapshot(t *testing.T, s *Store) (int64, []byte) {
	t.Helper()
	ctx := context.Background()
	var b bytes.Buffer
	n, err := s.Export(ctx, &b, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var set string
	s.db.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')", settingsKey).Scan(&set)
	b.WriteString(set)
	return n, b.Bytes()
}

// FuzzImport: any input either imports fully (every row read is inserted or
// was already there, and importing it again adds nothing) or fails and
// leaves the database exactly as it was.
func FuzzImport(f *testing.F) {
	src, err := Open(context.Background(), filepath.Join(f.TempDir(), "src.db"))
	if err != nil {
		f.Fatal(err)
	}
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for i, r := range []string{"a", "b,c", "=1+1", "line\nbreak", "🇫🇷 « é »"} {
		req := sample("seed-"+string(rune('a'+i)), base.Add(time.Duration(i)*time.Hour))
		req.Prompt, req.PromptChars = &r, len([]rune(r))
		if _, err := src.Record(context.Background(), req); err != nil {
			f.Fatal(err)
		}
	}
	for _, o := range []ExportOptions{{}, {Delimiter: ';', BOM: true}, {NoText: true}} {
		var b bytes.Buffer
		if _, err := src.Export(context.Background(), &b, o); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
		f.Add(b.Bytes()[:b.Len()*2/3]) // cut mid-row
	}
	// Columns found by name: reordered with unknown ones, semicolons; only
	// the required ones; one missing; a footprint figure missing; numbers
	// that are not.
	var full bytes.Buffer
	src.Export(context.Background(), &full, ExportOptions{})
	reversed := append([]string(nil), csvHeader...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	f.Add([]byte(reshape(f, full.String(), ';', append([]string{"note"}, reversed...)...)))
	f.Add([]byte(reshape(f, full.String(), ',', requiredColumns...)))
	f.Add([]byte(reshape(f, full.String(), ',', requiredColumns[1:]...)))
	f.Add([]byte(reshape(f, full.String(), ';', removeName(csvHeader, "water_ml")...)))
	f.Add([]byte(strings.ReplaceAll(full.String(), ",5,", ",-5,")))
	f.Add([]byte(strings.ReplaceAll(full.String(), ",sent,", ",0.5,")))
	src.Close()
	f.Add([]byte(""))
	f.Add([]byte("\uFEFF"))
	f.Add([]byte("id,at\n1,2\n"))

	dst, err := Open(context.Background(), filepath.Join(f.TempDir(), "dst.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { dst.Close() })
	f.Fuzz(func(t *testing.T, in []byte) {
		ctx := context.Background()
		before, snapBefore := snapshot(t, dst)
		res, err := dst.Import(ctx, bytes.NewReader(in), ImportOptions{})
		after, snapAfter := snapshot(t, dst)
		if err != nil {
			if !bytes.Equal(snapBefore, snapAfter) {
				t.Fatalf("a failed import (%v) changed the database: %d rows before, %d after", err, before, after)
			}
			return
		}
		if res.Inserted+res.Skipped != res.Rows || after-before != res.Inserted {
			t.Fatalf("import said %+v but the database went from %d to %d rows", res, before, after)
		}
		again, err := dst.Import(ctx, bytes.NewReader(in), ImportOptions{})
		if err != nil || again.Inserted != 0 || again.Skipped != res.Rows {
			t.Fatalf("importing the same input again: %+v, %v (first time %+v)", again, err, res)
		}
		if _, snapAgain := snapshot(t, dst); !bytes.Equal(snapAfter, snapAgain) {
			t.Fatal("importing the same input twice changed the database the second time")
		}
	})
}
