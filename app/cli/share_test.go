package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/team"
)

// seed records requests in week 2026-W48 (the tests' "now" is Thursday 26
// November 2026) and one the week before.
func seed(t *testing.T, db string) {
	t.Helper()
	st, err := storage.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := "what is the weather in Lyon, my password is hunter2"
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.Local)
	fp := &tracker.Footprint{EnergyWh: tracker.Range{Low: 1, Central: 2, High: 4}, CO2Grams: tracker.Range{Low: 0.5, Central: 1, High: 2},
		WaterML: tracker.Range{Low: 3, Central: 5, High: 9}, Method: "ecologits-test"}
	reqs := []tracker.Request{
		{ID: "a", At: at, Site: "claude", Prompt: &p, PromptChars: len(p), Kind: tracker.KindText, Category: tracker.CatWeather, Outcome: tracker.OutcomeSent, Footprint: fp},
		{ID: "b", At: at.Add(time.Hour), Site: "mistral", Kind: tracker.KindImage, Outcome: tracker.OutcomeSentAnyway, Footprint: fp},
		{ID: "c", At: at.Add(2 * time.Hour), Site: "claude", Kind: tracker.KindText, Category: tracker.CatWeather, Outcome: tracker.OutcomeFollowed},
		{ID: "d", At: at.Add(3 * time.Hour), Site: "my-intranet-bot", Kind: tracker.KindText, Outcome: tracker.OutcomeSent},
		{ID: "e", At: at.AddDate(0, 0, -7), Site: "claude", Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Footprint: fp},
	}
	for _, r := range reqs {
		r.Source = tracker.SourceCLI
		if _, err := st.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestShare_WritesTheWeekTotalsOnly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	seed(t, db)
	out := filepath.Join(dir, "share.json")
	code, _, errs := run(t, db, "", "share", "--team", "Sales", "--out", out)
	if code != 0 || !strings.Contains(errs, "not over") {
		t.Fatalf("share exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s, err := team.Decode(data)
	if err != nil {
		t.Fatalf("the file written is not a valid share: %v\n%s", err, data)
	}
	if s.Week != "2026-W48" || s.Created != "2026-W48" || s.Team != "Sales" || len(s.Assistants) != 3 {
		t.Fatalf("share %+v", s)
	}
	got := map[string]team.Assistant{}
	for _, a := range s.Assistants {
		got[a.ID] = a
	}
	if c := got["claude"]; c.Requests != 1 || c.Trivial != 1 || c.Followed != 1 || c.Estimated != 1 || c.CO2eG != (team.Range{Low: 0.5, Central: 1, High: 2}) {
		t.Errorf("claude %+v", c)
	}
	if l := got["lechat"]; l.Requests != 1 || l.Images != 1 || l.Trivial != 0 {
		t.Errorf("lechat (recorded as mistral) %+v", l)
	}
	if o := got["other"]; o.Requests != 1 || o.Estimated != 0 {
		t.Errorf("other %+v", o)
	}
	for _, bad := range []string{"weather", "Lyon", "hunter2", "intranet", "mistral", "09:30", "2026-11-24"} {
		if strings.Contains(string(data), bad) {
			t.Errorf("the share holds %q", bad)
		}
	}
	// The install id stays, the team label is remembered; --reset-id draws a
	// new id; --out - prints the same content.
	code, stdout, _ := run(t, db, "", "share", "--out", "-")
	s2, err := team.Decode([]byte(stdout))
	if code != 0 || err != nil || s2.InstallID != s.InstallID || s2.Team != "Sales" {
		t.Fatalf("second share: %d %v %+v", code, err, s2)
	}
	if code, _, errs := run(t, db, "", "share", "--reset-id"); code != 0 {
		t.Fatal(errs)
	}
	_, stdout, _ = run(t, db, "", "share", "--out", "-", "--week", "2026-W47", "--team", "")
	s3, err := team.Decode([]byte(stdout))
	if err != nil || s3.InstallID == s.InstallID || s3.Team != "" || s3.Week != "2026-W47" || s3.Assistants[0].Requests != 1 {
		t.Errorf("after --reset-id: %v %+v", err, s3)
	}
	for _, args := range [][]string{{"--week", "2026-W60"}, {"--week", "2027-W10"}, {"--team", "=cmd"}, {"--reset-id", "--week", "2026-W48"}} {
		if code, _, _ := run(t, db, "", append([]string{"share"}, args...)...); code != ExitUsage {
			t.Errorf("share %v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestTeamReport_ExitCodesAndWarnings(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	want, err := team.Generate(in, team.GenOptions{People: 12, Weeks: 3, FirstWeek: "2026-W10", Teams: []string{"A", "B"}})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(in, "export.json"), []byte(`{"prompt":"hello"}`), 0o644)
	extra := filepath.Join(dir, "bad.json")
	os.WriteFile(extra, []byte("id,at,site\n"), 0o644)
	html, csvPath := filepath.Join(dir, "r.html"), filepath.Join(dir, "t.csv")
	code, _, errs := run(t, "", "", "team-report", in, extra, "--out", html, "--csv", csvPath, "--min-group", "3", "--lang", "fr")
	if code != 0 {
		t.Fatalf("team-report exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "attention : 2 fichiers ignorés") || !strings.Contains(errs, "export.json: not a share file") {
		t.Errorf("stderr: %s", errs)
	}
	page, _ := os.ReadFile(html)
	if !strings.Contains(string(page), `<html lang="fr">`) || !strings.Contains(string(page), "Semaine par semaine") {
		t.Errorf("the report is not in French")
	}
	f, _ := os.Open(csvPath)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, r := range recs[1:] {
		v, _ := strconv.ParseInt(r[4], 10, 64)
		n += v
	}
	if n != want.Requests {
		t.Errorf("CSV requests %d, want %d", n, want.Requests)
	}
	// Nothing usable: exit 1, no report.
	os.Remove(html)
	code, _, errs = run(t, "", "", "team-report", extra, "--out", html)
	if _, err := os.Stat(html); code != ExitFailure || err == nil || !strings.Contains(errs, "no usable share file") {
		t.Errorf("nothing usable: exit %d, report there: %v, %s", code, err == nil, errs)
	}
	if code, _, _ := run(t, "", "", "team-report", in, "--min-group", "2"); code != ExitUsage {
		t.Errorf("--min-group 2: exit %d", code)
	}
	if code, _, _ := run(t, "", "", "team-report", "--out", html); code != ExitUsage {
		t.Errorf("no input: exit %d", code)
	}
	// A --csv that cannot be written: exit 1, and no report either.
	code, _, errs = run(t, "", "", "team-report", in, "--out", html, "--csv", filepath.Join(dir, "none", "t.csv"), "--min-group", "3")
	if _, err := os.Stat(html); code != ExitFailure || err == nil || !strings.Contains(errs, "nothing written") {
		t.Errorf("--csv into a missing folder: exit %d, report there: %v, %s", code, err == nil, errs)
	}
}

// The progress bar is drawn on a terminal only.
func TestTeamReport_ProgressOnATerminalOnly(t *testing.T) {
	dir := t.TempDir()
	if _, err := team.Generate(filepath.Join(dir, "in"), team.GenOptions{People: 6, Weeks: 2, FirstWeek: "2026-W10"}); err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{false, true} {
		var out, errb strings.Builder
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" },
			Now: time.Now, IsTerminal: tty}
		// The folder twice and one of its files: each file is read once.
		in := filepath.Join(dir, "in")
		code := Run(t.Context(), env, "team-report", []string{in, in, filepath.Join(in, "2026-W10", "0000.json"), "--out", filepath.Join(dir, "r.html")})
		if code != 0 || strings.Contains(errb.String(), "skipped") {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		if bar := strings.Contains(errb.String(), "] 12/12 files"); bar != tty {
			t.Errorf("terminal %v: progress bar drawn %v:\n%s", tty, bar, errb.String())
		}
	}
}
