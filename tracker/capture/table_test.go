package capture

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// minSite is the fields every site needs, for tables made in tests.
const minSite = `"name":"Claude","hosts":["claude.ai"],"composer":["x"],"send":["button"],"answer":["article"]`

func readSmall(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "small.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBuiltin_IsValid(t *testing.T) {
	tb, err := Builtin()
	if err != nil {
		t.Fatalf("the embedded selectors.json is refused: %v", err)
	}
	if tb.Version < 1 || len(tb.Sites) == 0 {
		t.Errorf("Builtin() = version %d, sites %v", tb.Version, tb.Sites)
	}
	for _, want := range []string{"chatgpt", "claude", "gemini", "copilot", "perplexity", "deepseek"} {
		found := false
		for _, s := range tb.Sites {
			found = found || s == want
		}
		if !found {
			t.Errorf("built-in table has no %s (sites %v)", want, tb.Sites)
		}
	}
}

func TestParse_GoodTable(t *testing.T) {
	tb, err := Parse(readSmall(t))
	if err != nil {
		t.Fatal(err)
	}
	if tb.Version != 7 || strings.Join(tb.Sites, ",") != "claude" {
		t.Errorf("Parse = version %d sites %v, want 7 [claude]", tb.Version, tb.Sites)
	}
	if strings.ContainsAny(string(tb.JSON), "\n\t") {
		t.Errorf("JSON is not compacted: %s", tb.JSON)
	}
}

func TestParse_RefusesBadTables(t *testing.T) {
	// site adds body's fields to a minimal valid claude site.
	site := func(body string) string {
		return `{"version":2,"sites":{"claude":{` + minSite + `,` + strings.TrimSuffix(strings.TrimPrefix(body, "{"), "}") + `}}}`
	}
	cases := []struct {
		name, in, why string
	}{
		{"empty", ``, "not valid JSON"},
		{"not json", `version: 2`, "not valid JSON"},
		{"array", `[1,2]`, "not a JSON object"},
		{"trailing data", `{"version":1,"sites":{"claude":{` + minSite + `}}} {}`, "trailing data"},
		{"no version", `{"sites":{"claude":{}}}`, "version: missing"},
		{"version a string", `{"version":"2","sites":{"claude":{}}}`, "version: missing or not a number"},
		{"version zero", `{"version":0,"sites":{"claude":{}}}`, "not an integer ≥ 1"},
		{"version fraction", `{"version":1.5,"sites":{"claude":{}}}`, "not an integer ≥ 1"},
		{"no sites", `{"version":1}`, "sites: missing"},
		{"sites a list", `{"version":1,"sites":[]}`, "sites: missing or not an object"},
		{"no site", `{"version":1,"sites":{}}`, "no site"},
		{"unknown site", `{"version":1,"sites":{"bard":{}}}`, `unknown site "bard"`},
		{"site not an object", `{"version":1,"sites":{"claude":["x"]}}`, "sites.claude: not an object"},
		{"numbers are data", site(`{"quiet_ms":2000}`), ""},
		{"minimal site", `{"version":1,"sites":{"claude":{` + minSite + `}}}`, ""},
		{"no name", `{"version":1,"sites":{"claude":{"hosts":["claude.ai"],"composer":["x"],"send":["b"],"answer":["a"]}}}`, `sites.claude: no "name"`},
		{"no answer", `{"version":1,"sites":{"claude":{"name":"C","hosts":["claude.ai"],"composer":["x"],"send":["b"]}}}`, `sites.claude: no "answer"`},
		{"empty composer", `{"version":1,"sites":{"claude":{"name":"C","hosts":["claude.ai"],"composer":[],"send":["b"],"answer":["a"]}}}`, "sites.claude.composer: not a non-empty list"},
		{"bad host", `{"version":1,"sites":{"claude":{"name":"C","hosts":["https://claude.ai/"],"composer":["x"],"send":["b"],"answer":["a"]}}}`, "sites.claude.hosts[0]: not a host name"},
		{"null", site(`{"model":null}`), "sites.claude.model: null is not allowed"},
		{"empty selector", site(`{"model":[""]}`), "sites.claude.model[0]: empty string"},
		{"script tag", site(`{"model":["<script>alert(1)</script>"]}`), `contains "<"`},
		{"javascript url", site(`{"link":"javascript:alert(1)"}`), `contains "javascript:"`},
		{"css block", site(`{"model":["a{color:red}"]}`), `contains "{"`},
		{"statement", site(`{"model":["a; b"]}`), `contains ";"`},
		{"backtick", site("{\"model\":[\"`x`\"]}"), "contains \"`\""},
		{"function-ish", site(`{"model":["expression(alert(1))"]}`), `contains "expression("`},
		{"control char", site(`{"model":["a\u0007"]}`), "control character U+0007"},
		{"unbalanced bracket", site(`{"model":["a[data-x=\"1\""]}`), "unbalanced"},
		{"unclosed quote", site(`{"model":["a[data-x=\"1]"]}`), "unbalanced"},
		{"bad regexp", site(`{"network":[{"method":"POST","path":"^/api/(x$"}]}`), "unbalanced"},
		{"regexp RE2 refuses", site(`{"network":[{"method":"POST","path":"^/a(?=b)$"}]}`), "not a valid regular expression"},
		{"too deep", site(`{"a":[[[[[[[[["x"]]]]]]]]]}`), "nested more than"},
		{"long list", site(`{"model":[` + strings.TrimSuffix(strings.Repeat(`"a",`, 65), ",") + `]}`), "65 entries"},
		{"long string", site(`{"model":["` + strings.Repeat("a", 513) + `"]}`), "513 bytes"},
		{"bad utf8", "{\"version\":1,\"sites\":{\"claude\":{\"a\":\"\xff\"}}}", "not valid UTF-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if tc.why == "" {
				if err != nil {
					t.Errorf("Parse refused %s: %v", tc.in, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse(%q) accepted, want an error with %q", tc.in, tc.why)
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("Parse(%q) = %v, want ErrInvalid saying %q", tc.in, err, tc.why)
			}
		})
	}
}

func TestParse_RefusesOversized(t *testing.T) {
	big := `{"version":1,"sites":{"claude":{` + minSite + `,"pad":"` + strings.Repeat(" ", MaxTableBytes) + `"}}}`
	_, err := Parse([]byte(big))
	if err == nil || !strings.Contains(err.Error(), "over the 262144-byte limit") {
		t.Errorf("Parse(oversized) = %v, want the size limit", err)
	}
}

func TestLoad(t *testing.T) {
	builtin, err := Parse([]byte(`{"version":5,"sites":{"claude":{` + minSite + `}}}`))
	if err != nil {
		t.Fatal(err)
	}
	write := func(t *testing.T, b []byte) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), b, 0o600); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Run("no file: built-in", func(t *testing.T) {
		s := Load(t.TempDir(), builtin)
		if s.Path != "" || s.Rejected != "" || s.Table.Version != 5 {
			t.Errorf("Load = %+v, want the built-in table and no rejection", s)
		}
		if got := s.InUse(); got != "built-in, version 5" {
			t.Errorf("InUse() = %q", got)
		}
	})
	t.Run("newer valid file wins", func(t *testing.T) {
		dir := write(t, readSmall(t))
		s := Load(dir, builtin)
		if s.Path != filepath.Join(dir, FileName) || s.Table.Version != 7 || s.Rejected != "" {
			t.Errorf("Load = %+v, want the file (version 7)", s)
		}
	})
	t.Run("older file is not used", func(t *testing.T) {
		dir := write(t, []byte(`{"version":3,"sites":{"claude":{`+minSite+`}}}`))
		s := Load(dir, builtin)
		if s.Path != "" || s.Table.Version != 5 || !strings.Contains(s.Reason, "not newer than the built-in version 5") {
			t.Errorf("Load = %+v, want built-in with the reason", s)
		}
	})
	t.Run("malformed file rejected", func(t *testing.T) {
		dir := write(t, []byte(`{"version":9,"sites":{"claude":{`+minSite+`,"model":["<img onerror=x>"]}}}`))
		s := Load(dir, builtin)
		if s.Path != "" || s.Table.Version != 5 || s.Rejected != filepath.Join(dir, FileName) || !strings.Contains(s.Reason, `contains "<"`) {
			t.Errorf("Load = %+v, want built-in and the file rejected for '<'", s)
		}
	})
	t.Run("oversized file rejected without reading it all", func(t *testing.T) {
		dir := write(t, make([]byte, MaxTableBytes+10))
		s := Load(dir, builtin)
		if s.Path != "" || !strings.Contains(s.Reason, "over the 262144-byte limit") {
			t.Errorf("Load = %+v, want the size limit", s)
		}
	})
	t.Run("a folder in the file's place", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, FileName), 0o700); err != nil {
			t.Fatal(err)
		}
		s := Load(dir, builtin)
		if s.Path != "" || !strings.Contains(s.Reason, "not a regular file") {
			t.Errorf("Load = %+v, want 'not a regular file'", s)
		}
	})
}

func TestRequiredSiteFields_MatchTheSchema(t *testing.T) {
	b, err := os.ReadFile("selectors.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Defs struct {
			Site struct {
				Required []string `json:"required"`
			} `json:"site"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(RequiredSiteFields, ","), strings.Join(schema.Defs.Site.Required, ","); got != want {
		t.Errorf("RequiredSiteFields = %s, the schema requires %s", got, want)
	}
}

// TestParse_SharedCases: the same files are checked by the extension's
// validateTable (extension/test/selectors.test.mjs); both must agree.
func TestParse_SharedCases(t *testing.T) {
	for _, dir := range []string{"good", "bad"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no files in testdata/%s: %v", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(b)
			if (err == nil) != (dir == "good") {
				t.Errorf("Parse(%s) = %v; want it %s", f, err, map[string]string{"good": "accepted", "bad": "refused"}[dir])
			}
		}
	}
}
