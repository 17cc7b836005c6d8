package team

import (
	"bytes"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// pgBin finds the binaries of Debian's postgresql package.
func pgBin() string {
	if d := os.Getenv("PG_BINDIR"); d != "" {
		return d
	}
	ds, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(ds, func(i, j int) bool { // highest version first
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(ds[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(ds[j])))
		return vi > vj
	})
	for _, d := range ds {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	return ""
}

// documentedLoad returns the SQL block docs/TEAM.md gives for PostgreSQL.
func documentedLoad(t *testing.T) string {
	doc, err := os.ReadFile("../../docs/TEAM.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "<!-- test: postgresql -->\n```sql\n")
	block, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 || !strings.Contains(block, `\copy team_totals FROM 'totals.csv' WITH (FORMAT csv, HEADER true)`) {
		t.Fatal("docs/TEAM.md has no PostgreSQL block with the \\copy command after <!-- test: postgresql -->")
	}
	return block
}

// TestCSVIntoPostgreSQL starts a real PostgreSQL server (Debian's package:
// a temporary data folder, a Unix socket in a temporary folder, no TCP),
// loads the report's CSV with the command docs/TEAM.md gives and checks
// that PostgreSQL's sums are the report's totals.
func TestCSVIntoPostgreSQL(t *testing.T) {
	bin := pgBin()
	if bin == "" {
		skip(t, "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): scripts/deps.sh team installs it")
	}
	load := documentedLoad(t)
	root, err := os.MkdirTemp("", "frugal-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	os.Chmod(root, 0o755)
	in := filepath.Join(root, "in")
	want, err := Generate(in, GenOptions{People: 23, Weeks: 5, FirstWeek: "2026-W50",
		Teams: []string{"Sales", "R&D \"core\", Paris", "Sales", "", "Tiny", "R&D \"core\", Paris", "Sales"}})
	if err != nil {
		t.Fatal(err)
	}
	rep := readDir(t, in, 5)
	sameTotals(t, "report", rep.Total, want)
	work := filepath.Join(root, "work")
	os.Mkdir(work, 0o755)
	var csvb bytes.Buffer
	if err := rep.WriteCSV(&csvb); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(work, "totals.csv"), csvb.Bytes(), 0o644)
	os.WriteFile(filepath.Join(work, "load.sql"), []byte(load), 0o644)
	data, sock := filepath.Join(root, "data"), filepath.Join(root, "sock")

	// PostgreSQL refuses to run as root: run it as nobody then.
	var as []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("nobody")
		if err != nil {
			t.Skipf("running as root and no 'nobody' user to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		for _, d := range []string{data, sock} {
			os.Mkdir(d, 0o700)
			if err := os.Chown(d, uid, gid); err != nil {
				t.Fatal(err)
			}
		}
		as = []string{"runuser", "-u", "nobody", "--"}
	} else {
		os.Mkdir(sock, 0o700)
	}
	pg := func(dir, name string, args ...string) string {
		t.Helper()
		argv := append(append(append([]string{}, as...), filepath.Join(bin, name)), args...)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PGTZ=UTC", "LC_ALL=C", "HOME="+root)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	pg(root, "initdb", "-D", data, "-U", "frugal", "--auth=trust", "-E", "UTF8", "--no-locale")
	pg(root, "pg_ctl", "-D", data, "-l", filepath.Join(sock, "log"), "-w", "-o", "-k "+sock+" -c listen_addresses=''", "start")
	t.Cleanup(func() {
		stop := append(append([]string{}, as...), filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
		cmd := exec.Command(stop[0], stop[1:]...)
		cmd.Dir = root
		cmd.Run()
	})
	psql := func(args ...string) string {
		return pg(work, "psql", append([]string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", sock, "-U", "frugal", "-d", "postgres"}, args...)...)
	}
	psql("-f", "load.sql")
	got := strings.Fields(psql("-At", "-F", " ", "-c", `SELECT count(*), sum(requests), sum(trivial_requests), sum(nudges_followed), sum(images), sum(videos),
		sum(estimated_requests), sum(energy_wh_low), sum(energy_wh_central), sum(energy_wh_high),
		sum(co2e_g_low), sum(co2e_g_central), sum(co2e_g_high), sum(water_ml_low), sum(water_ml_central), sum(water_ml_high),
		count(DISTINCT team), string_agg(DISTINCT team, '|')
		FROM team_totals`))
	if len(got) < 18 {
		t.Fatalf("psql printed %q", got)
	}
	n := func(i int) int64 { v, _ := strconv.ParseInt(got[i], 10, 64); return v }
	f := func(i int) float64 { v, _ := strconv.ParseFloat(got[i], 64); return v }
	if n(0) != int64(len(rep.Rows)) {
		t.Errorf("%d rows in PostgreSQL, %d in the CSV", n(0), len(rep.Rows))
	}
	var db Totals
	db.add(Assistant{Requests: n(1), Trivial: n(2), Followed: n(3), Images: n(4), Videos: n(5), Estimated: n(6),
		EnergyWh: Range{f(7), f(8), f(9)}, CO2eG: Range{f(10), f(11), f(12)}, WaterML: Range{f(13), f(14), f(15)}})
	sameTotals(t, "PostgreSQL", db, rep.Total)
	teams := strings.Join(got[17:], " ")
	if n(16) != 3 || teams != `R&D "core", Paris|Sales|other` {
		t.Errorf("teams in PostgreSQL: %d %q", n(16), teams)
	}
	t.Logf("PostgreSQL (%s) summed %d rows: %d requests, %s g CO2e, as the report", filepath.Dir(bin), n(0), n(1), got[11])
}

// The documented table has the CSV's columns in the CSV's order (\copy
// with HEADER true skips the header line without reading it).
func TestDocumentedTableMatchesTheCSV(t *testing.T) {
	cols := regexp.MustCompile(`(?m)(\w+) (?:text|integer|bigint|double precision) NOT NULL`).FindAllStringSubmatch(documentedLoad(t), -1)
	var names []string
	for _, c := range cols {
		names = append(names, c[1])
	}
	if strings.Join(names, ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("docs/TEAM.md table columns %v\nCSV header %v", names, CSVHeader)
	}
}
