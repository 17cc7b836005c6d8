package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker/nativehost"
)

// run runs a subcommand against a database in dir and returns its exit code
// and outputs.
func run(t *testing.T, db string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "FRUGAL_DB" {
				return db
			}
			return ""
		},
		Now: func() time.Time { return time.Date(2026, 11, 26, 15, 0, 0, 0, time.Local) },
	}
	code := Run(t.Context(), env, args[0], args[1:])
	return code, out.String(), errb.String()
}

func count(t *testing.T, db string) int64 {
	t.Helper()
	s, err := storage.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, _ := s.Count(t.Context())
	return n
}

func TestLog_RecordsARequestAndSummaryCountsIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	code, out, errs := run(t, db, "", "log", "--site", "claude", "--prompt", "écris un poème", "--output-chars", "800", "--latency", "2s", "--json")
	if code != 0 {
		t.Fatalf("log exit %d: %s", code, errs)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("log --json printed %q: %v", out, err)
	}
	if rec["site"] != "claude" || rec["prompt_chars"] != float64(14) {
		t.Errorf("log --json = %v", rec)
	}
	code, out, _ = run(t, db, "", "summary", "--json")
	if code != 0 {
		t.Fatal(out)
	}
	var w map[string]any
	json.Unmarshal([]byte(out), &w)
	if w["week"] != "2026-W48" || w["total"].(map[string]any)["count"] != float64(1) {
		t.Errorf("summary --json = %v", out)
	}
	code, out, _ = run(t, db, "", "summary")
	if code != 0 || !strings.Contains(out, "Requests: 1") {
		t.Errorf("summary = %d %q", code, out)
	}
}

func TestLog_SameIDTwiceRecordsOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	for range 2 {
		if code, _, e := run(t, db, "", "log", "--site", "x", "--id", "fixed"); code != 0 {
			t.Fatal(e)
		}
	}
	if n := count(t, db); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
}

func TestLog_HonoursPrivacyNone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	s, _ := storage.Open(t.Context(), db)
	set, _ := s.Settings(t.Context())
	set.Privacy = "none"
	s.SaveSettings(t.Context(), set)
	run(t, db, "", "log", "--site", "x", "--id", "p", "--prompt", "secret")
	r, err := s.Get(t.Context(), "p")
	s.Close()
	if err != nil || r.Prompt != nil || r.PromptChars != 6 {
		t.Errorf("stored %v (len %d), %v; want no text, length 6", r.Prompt, r.PromptChars, err)
	}
}

func TestBadInput_ClearErrorAndNothingWritten(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, bytes.Repeat([]byte("a"), 10<<20), 0o600)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("ok \xff\xfe not"), 0o600)
	badCSV := filepath.Join(dir, "bad.csv")
	os.WriteFile(badCSV, []byte("id,when\r\n1,2\r\n"), 0o600)
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown flag", []string{"log", "--site", "x", "--colour", "red"}, 2, "flag provided but not defined"},
		{"missing site", []string{"log"}, 2, "--site is required"},
		{"bad date", []string{"log", "--site", "x", "--at", "yesterday"}, 2, "RFC 3339"},
		{"bad kind", []string{"log", "--site", "x", "--kind", "hologram"}, 2, "unknown kind"},
		{"negative output", []string{"log", "--site", "x", "--output-chars", "-5"}, 2, "negative"},
		{"negative latency", []string{"log", "--site", "x", "--latency", "-3s"}, 2, "negative"},
		{"prompt and file", []string{"log", "--site", "x", "--prompt", "a", "--prompt-file", big}, 2, "not both"},
		{"10 MB prompt", []string{"log", "--site", "x", "--prompt-file", big}, 1, "limit"},
		{"invalid UTF-8 prompt", []string{"log", "--site", "x", "--prompt-file", bad}, 1, "UTF-8"},
		{"bad week", []string{"summary", "--week", "2026-W99"}, 2, "week"},
		{"bad week text", []string{"summary", "--week", "last"}, 2, "YYYY-Www"},
		{"bad export date", []string{"export", "--from", "2026-13-01"}, 2, "not a date"},
		{"bad delimiter", []string{"export", "--delimiter", "|"}, 2, "delimiter"},
		{"reversed range", []string{"export", "--from", "2026-11-02", "--to", "2026-11-01"}, 2, "before"},
		{"import without file", []string{"import"}, 2, "CSV file"},
		{"import wrong header", []string{"import", badCSV}, 1, "line 1"},
		{"import missing file", []string{"import", filepath.Join(dir, "nope.csv")}, 1, "no such file"},
		{"stray argument", []string{"summary", "now"}, 2, "unexpected argument"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "f.db")
			code, _, errs := run(t, db, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errs)
			}
			if strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, tc.msg) {
				t.Errorf("stderr %q: want one line mentioning %q", errs, tc.msg)
			}
			if _, err := os.Stat(db); err == nil && count(t, db) != 0 {
				t.Error("a refused command wrote a row")
			}
		})
	}
}

func TestExportImport_ThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{"=cmd|' /C calc'!A0", "x;y", "multi\nline"} {
		run(t, a, "", "log", "--site", "chatgpt", "--prompt", p)
	}
	file := filepath.Join(dir, "out.csv")
	if code, _, e := run(t, a, "", "export", "--delimiter", ";", "--bom", "-o", file); code != 0 {
		t.Fatal(e)
	}
	raw, _ := os.ReadFile(file)
	if !bytes.HasPrefix(raw, []byte("\uFEFFid;at;")) || !bytes.Contains(raw, []byte("'=cmd")) {
		t.Errorf("export file starts %q", raw[:40])
	}
	for i, want := range []string{"imported 3 new", "imported 0 new"} {
		code, out, e := run(t, b, "", "import", file)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("import #%d = %d %q %q, want %q", i, code, out, e, want)
		}
	}
}

func TestReestimate_FillsMissingEstimatesAndSkipsCurrentOnes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	run(t, db, "", "log", "--site", "claude", "--id", "a", "--prompt", "hello", "--output-chars", "400")
	run(t, db, "", "log", "--site", "gemini", "--id", "b", "--prompt", "hello")
	s, _ := storage.Open(t.Context(), db)
	r, _ := s.Get(t.Context(), "a")
	want := *r.Footprint
	r.Footprint = nil
	s.Update(t.Context(), r)
	s.Close()
	code, out, errs := run(t, db, "", "reestimate")
	if code != 0 || !strings.Contains(out, "re-estimated 1 request out of 2") {
		t.Fatalf("reestimate = %d %q %q", code, out, errs)
	}
	s, _ = storage.Open(t.Context(), db)
	defer s.Close()
	r, _ = s.Get(t.Context(), "a")
	if r.Footprint == nil || *r.Footprint != want {
		t.Errorf("re-estimated footprint %+v, want %+v", r.Footprint, want)
	}
}

func TestSettings_ChangeValidatesAndPersists(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	if code, _, e := run(t, db, "", "settings", "--privacy", "first", "--nudge-off", "weather", "--zone", "fra"); code != 0 {
		t.Fatal(e)
	}
	code, out, _ := run(t, db, "", "settings", "--json")
	var set map[string]any
	json.Unmarshal([]byte(out), &set)
	if code != 0 || set["privacy"] != "first" || set["zone"] != "FRA" || set["nudges_off"].(map[string]any)["weather"] != true {
		t.Errorf("settings after change = %s", out)
	}
	for _, bad := range [][]string{{"--privacy", "most"}, {"--zone", "XXX"}, {"--nudge-off", "none"}, {"--search-engine", "altavista"}} {
		if code, _, e := run(t, db, "", append([]string{"settings"}, bad...)...); code != 2 || e == "" {
			t.Errorf("settings %v: exit %d %q, want 2 and an error", bad, code, e)
		}
	}
	_, out2, _ := run(t, db, "", "settings", "--json")
	if out2 != out {
		t.Errorf("refused changes altered the settings:\n%s\n%s", out, out2)
	}
}

// TestNotice_DamagedFileIsToldOnStderr: a damaged database is set aside by
// storage; the command still works, says so in one line on stderr, and
// keeps stdout for its own output.
func TestNotice_DamagedFileIsToldOnStderr(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	if err := os.WriteFile(db, bytes.Repeat([]byte("not a database "), 400), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, db, "", "log", "--site", "claude", "--prompt", "hello", "--json")
	if code != 0 {
		t.Fatalf("log exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "was damaged") || strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr = %q, want one line saying the file was damaged", errs)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Errorf("stdout %q is not the JSON record: %v", out, err)
	}
	aside, _ := filepath.Glob(db + ".damaged-*")
	if len(aside) != 1 {
		t.Errorf("damaged file kept as %v, want one", aside)
	}
	// The notice is said once: the next command opens the new file quietly.
	if _, _, errs = run(t, db, "", "summary"); errs != "" {
		t.Errorf("second command stderr = %q", errs)
	}
}

// TestNotice_HostSaysItOnStderrOnly: the native host's stdout carries
// frames only, so the notice goes to stderr.
func TestNotice_HostSaysItOnStderrOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	if err := os.WriteFile(db, bytes.Repeat([]byte("not a database "), 400), 0o600); err != nil {
		t.Fatal(err)
	}
	ping := `{"v":1,"id":"p","type":"ping"}`
	in := append([]byte{byte(len(ping)), 0, 0, 0}, ping...)
	var out, errb bytes.Buffer
	env := &Env{Stdin: bytes.NewReader(in), Stdout: &out, Stderr: &errb, Now: time.Now,
		Getenv: func(k string) string {
			if k == "FRUGAL_DB" {
				return db
			}
			return ""
		}}
	if code := RunHost(t.Context(), env, []string{"chrome-extension://x/"}); code != 0 {
		t.Fatalf("host exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "was damaged") {
		t.Errorf("host stderr = %q, want the notice", errb.String())
	}
	// Frames only: the selector table the host sends first, then the reply.
	r := bytes.NewReader(out.Bytes())
	first, err := nativehost.ReadFrame(r, nativehost.MaxOutBytes)
	if err != nil || !bytes.HasPrefix(first, []byte(`{"type":"selectors"`)) {
		t.Fatalf("host's first frame = %.80q, %v; want the selector table", first, err)
	}
	b, err := nativehost.ReadFrame(r, nativehost.MaxOutBytes)
	if err != nil || !bytes.Contains(b, []byte(`"ok":true`)) || r.Len() != 0 {
		t.Errorf("then %q (%v) and %d bytes more, want exactly one reply frame", b, err, r.Len())
	}
}

func TestCLI_SpeaksTheChosenLanguageWithCLDRPlurals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	code, out, errs := run(t, db, "", "log", "--site", "Le Chat", "--prompt", "écris un poème", "--json")
	if code != 0 || !strings.Contains(out, `"site":"lechat"`) {
		t.Fatalf("log --site 'Le Chat': %d %q %q", code, out, errs)
	}
	// French counts 0 and 1 in the singular, English only 1.
	code, out, _ = run(t, db, "", "summary", "--lang", "fr")
	if code != 0 || !strings.Contains(out, "Semaine précédente : 0 requête\n") || !strings.Contains(out, "Le Chat") {
		t.Errorf("summary --lang fr = %d %q", code, out)
	}
	code, out, _ = run(t, db, "", "summary", "--lang", "en")
	if code != 0 || !strings.Contains(out, "Previous week: 0 requests\n") {
		t.Errorf("summary --lang en = %d %q", code, out)
	}
	csv := filepath.Join(t.TempDir(), "x.csv")
	code, _, errs = run(t, db, "", "export", "--lang", "fr", "-o", csv)
	if code != 0 || !strings.Contains(errs, "1 requête exportée dans") {
		t.Errorf("export --lang fr: %d %q", code, errs)
	}
	code, out, _ = run(t, db, "", "import", "--lang", "en", csv)
	if code != 0 || !strings.Contains(out, "imported 0 new requests from") {
		t.Errorf("import --lang en: %d %q", code, out)
	}
	code, out, _ = run(t, db, "", "import", "--lang", "fr", csv)
	if code != 0 || !strings.Contains(out, "0 nouvelle requête importée de") {
		t.Errorf("import --lang fr: %d %q", code, out)
	}
	if code, _, errs := run(t, db, "", "summary", "--lang", "de"); code != ExitUsage || !strings.Contains(errs, "--lang") {
		t.Errorf("summary --lang de: %d %q", code, errs)
	}
}

func TestLang_FollowsTheSystemLocaleWithoutChangingIt(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANGUAGE": "fr:en", "LANG": "en_GB.UTF-8"}, "fr"},
		{map[string]string{"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "C.UTF-8", "LANGUAGE": "fr"}, "en"},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"},
		{map[string]string{}, "en"},
	} {
		env := &Env{Getenv: func(k string) string { return tc.env[k] }}
		if got, err := lang(env, ""); err != nil || got != tc.want {
			t.Errorf("lang(%v) = %q, %v; want %q", tc.env, got, err, tc.want)
		}
	}
}

// Changing the scope changes the method version: every stored estimate is
// re-estimated under the new scope, and a second run has nothing to do.
func TestReestimate_FollowsTheScopeSetting(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	run(t, db, "", "log", "--site", "gemini", "--id", "a", "--prompt", "hello", "--output-chars", "400")
	run(t, db, "", "log", "--site", "chatgpt", "--id", "b", "--prompt", "hello")
	if code, _, e := run(t, db, "", "settings", "--carbon", "market", "--water", "onsite", "--embodied", "off"); code != 0 {
		t.Fatal(e)
	}
	code, out, errs := run(t, db, "", "reestimate")
	if code != 0 || !strings.Contains(out, "re-estimated 2 requests out of 2") || !strings.Contains(out, "carbon=market water=onsite embodied=off") {
		t.Fatalf("reestimate = %d %q %q", code, out, errs)
	}
	s, _ := storage.Open(t.Context(), db)
	r, _ := s.Get(t.Context(), "a")
	s.Close()
	if r.Footprint == nil || !strings.HasSuffix(r.Footprint.Method, "; carbon=market water=onsite embodied=off") {
		t.Errorf("row a: %+v", r.Footprint)
	}
	if code, out, _ := run(t, db, "", "reestimate"); code != 0 || !strings.Contains(out, "re-estimated 0 requests out of 2") {
		t.Errorf("second run: %q", out)
	}
	if code, _, _ := run(t, db, "", "settings", "--carbon", "marginal"); code != 2 {
		t.Errorf("a bad carbon scope: exit %d, want 2", code)
	}
}

// Each exported row names the method and the scope it was estimated with.
func TestExport_NamesTheScope(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	run(t, db, "", "settings", "--water", "onsite")
	run(t, db, "", "log", "--site", "claude", "--id", "a", "--prompt", "hello", "--output-chars", "400")
	code, out, errs := run(t, db, "", "export")
	if code != 0 || !strings.Contains(out, "ecologits-0.11.2+frugal-3; carbon=location water=onsite embodied=on") {
		t.Errorf("export = %d %q %q", code, out, errs)
	}
}
