package storage

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"frugal/tracker/defs"
)

// schema1 is the migrations of the release before 0002.
func schema1() fstest.MapFS {
	b, _ := embeddedMigrations.ReadFile("migrations/0001_init.sql")
	return fstest.MapFS{"migrations/0001_init.sql": &fstest.MapFile{Data: b}}
}

func TestMigration0002_MergesSiteIDsOfV1Database(t *testing.T) {
	// A copy of a database written by the previous release (testdata/v1/README.md).
	src, err := os.ReadFile(filepath.Join("testdata", "v1", "frugal-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "frugal.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	before := rowsByID(t, path)
	if len(before) != 8 {
		t.Fatalf("fixture has %d rows, want 8", len(before))
	}

	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.Contains(s.Notice, "upgraded from schema 1") {
		t.Errorf("Notice = %q", s.Notice)
	}
	wantSite := map[string]string{
		"v1-ext-mistral-1": "lechat", "v1-ext-mistral-2": "lechat", "v1-ext-chatgpt-1": "chatgpt",
		"v1-cli-lechat": "lechat", "v1-cli-le-chat": "lechat", "v1-cli-openai": "chatgpt",
		"v1-cli-chatgpt": "chatgpt", "v1-cli-other": "my own llama",
	}
	after := rowsByID(t, path)
	if len(after) != len(before) {
		t.Fatalf("%d rows after the migration, %d before", len(after), len(before))
	}
	for id, row := range before {
		got := after[id]
		if got["site"] != wantSite[id] {
			t.Errorf("%s: site %q, want %q", id, got["site"], wantSite[id])
		}
		// Nothing else changed (updated_ms says when the site was rewritten).
		for col, v := range row {
			if col != "site" && col != "updated_ms" && got[col] != v {
				t.Errorf("%s: %s changed from %q to %q", id, col, v, got[col])
			}
		}
	}
	set, err := s.Settings(t.Context())
	if err != nil || set.DailyBudgetWh != 7 {
		t.Errorf("settings after migration: %+v, %v", set, err)
	}

	// The week now has one line per assistant.
	wk, err := s.Week(t.Context(), time.Date(2026, 11, 23, 0, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, g := range wk.BySite {
		counts[g.Key] = g.Count
	}
	if want := map[string]int{"lechat": 4, "chatgpt": 3, "my own llama": 1}; !mapsEqual(counts, want) {
		t.Errorf("by site = %v, want %v", counts, want)
	}
	// And so does the export.
	var out bytes.Buffer
	if _, err := s.Export(t.Context(), &out, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]int{}
	for _, rec := range recs[1:] {
		sites[rec[slices.Index(recs[0], "site")]]++
	}
	if want := map[string]int{"lechat": 4, "chatgpt": 3, "my own llama": 1}; !mapsEqual(sites, want) {
		t.Errorf("export's sites = %v, want %v", sites, want)
	}
}

// TestMigration0002_CoversEveryDefsName writes every name defs knows for a
// site, in other cases too, into a schema-1 database and checks that the
// migration turns each into the site's id.
func TestMigration0002_CoversEveryDefsName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frugal.db")
	migrationFS = schema1()
	s, err := Open(t.Context(), path)
	migrationFS = embeddedMigrations
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	n := 0
	add := func(name, id string) {
		n++
		r := sample(strings.Repeat("x", n), time.Now())
		r.Site = name
		// Written as schema 1 wrote it: the raw name.
		args, err := requestArgs(&r)
		if err != nil {
			t.Fatal(err)
		}
		args[3] = name
		if _, err := s.db.Exec(insertRequest, append(args, time.Now().UnixMilli())...); err != nil {
			t.Fatal(err)
		}
		want[r.ID] = id
	}
	for _, site := range defs.Sites {
		for _, name := range append(append([]string{site.ID, strings.ToUpper(site.ID)}, site.Aliases...), site.Hosts...) {
			add(name, site.ID)
			add(" "+strings.ToUpper(name)+" ", site.ID)
		}
	}
	add("some other AI", "some other AI")
	s.Close()

	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, site := range want {
		var got string
		if err := s.db.QueryRow("SELECT site FROM requests WHERE id = ?", id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != site {
			t.Errorf("row %s: site %q, want %q", id, got, site)
		}
	}
}

func TestRecord_StoresTheSiteID(t *testing.T) {
	s := openTemp(t)
	r := sample("alias", time.Now())
	r.Site = "mistral"
	if _, err := s.Record(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(t.Context(), "alias")
	if err != nil || got.Site != "lechat" {
		t.Errorf("stored site %q, %v; want lechat", got.Site, err)
	}
}

// rowsByID reads every column of every row as text.
func rowsByID(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT * FROM requests")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := map[string]map[string]string{}
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, c := range cols {
			row[c] = vals[i].String
		}
		out[row["id"]] = row
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
