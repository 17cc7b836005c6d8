package team

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	stdhtml "html"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func sameTotals(t *testing.T, what string, got, want Totals) {
	t.Helper()
	if got.Requests != want.Requests || got.Trivial != want.Trivial || got.Followed != want.Followed ||
		got.Images != want.Images || got.Videos != want.Videos || got.Estimated != want.Estimated {
		t.Errorf("%s counts: got %+v, want %+v", what, got, want)
	}
	for _, p := range [][2]Range{{got.EnergyWh, want.EnergyWh}, {got.CO2eG, want.CO2eG}, {got.WaterML, want.WaterML}} {
		if !near(p[0].Low, p[1].Low) || !near(p[0].Central, p[1].Central) || !near(p[0].High, p[1].High) {
			t.Errorf("%s footprint: got %+v, want %+v", what, p[0], p[1])
		}
	}
}

// csvTotals sums the CSV's columns.
func csvTotals(t *testing.T, data []byte) (Totals, [][]string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("CSV header %v", recs[0])
	}
	var s Totals
	for _, r := range recs[1:] {
		n := func(i int) int64 { v, _ := strconv.ParseInt(r[i], 10, 64); return v }
		f := func(i int) float64 { v, _ := strconv.ParseFloat(r[i], 64); return v }
		s.add(Assistant{Requests: n(4), Trivial: n(5), Followed: n(6), Images: n(7), Videos: n(8), Estimated: n(9),
			EnergyWh: Range{f(10), f(11), f(12)}, CO2eG: Range{f(13), f(14), f(15)}, WaterML: Range{f(16), f(17), f(18)}})
	}
	return s, recs[1:]
}

// Round trip: requests → shares (as `frugal share` builds them) → files →
// report and CSV, whose totals must be the ones put in.
func TestRoundTrip_KnownTotals(t *testing.T) {
	dir := t.TempDir()
	want, err := Generate(dir, GenOptions{People: 30, Weeks: 6, FirstWeek: "2026-W45", Teams: []string{"A", "B", "C"}})
	if err != nil {
		t.Fatal(err)
	}
	// The generator's figures, worked out by hand for the first person-week:
	// person 0, week 0: 1 + 0 + 0 = 1 request, on chatgpt, trivial, an image.
	var first Share
	data, _ := os.ReadFile(filepath.Join(dir, "2026-W45", "0000.json"))
	if first, err = Decode(data); err != nil {
		t.Fatal(err)
	}
	if a := first.Assistants; len(a) != 1 || a[0].ID != "chatgpt" || a[0].Requests != 1 || a[0].Trivial != 1 || a[0].Images != 1 || a[0].CO2eG.Central != 0.2 {
		t.Errorf("first share: %+v", first.Assistants)
	}
	rep := readDir(t, dir, 5)
	if len(rep.Skipped) != 0 || rep.Total.People != 30 || len(rep.Weeks) != 6 || len(rep.Teams) != 3 {
		t.Fatalf("report: %d skipped, %d people, %d weeks, %d teams", len(rep.Skipped), rep.Total.People, len(rep.Weeks), len(rep.Teams))
	}
	sameTotals(t, "report total", rep.Total, want)
	var byWeek, byTeam, byAsst Totals
	for _, g := range rep.Weeks {
		byWeek.add(asAssistant(g.Totals))
	}
	for _, g := range rep.Teams {
		byTeam.add(asAssistant(g.Totals))
		if g.People != 10 {
			t.Errorf("team %s: %d people, want 10", g.Key, g.People)
		}
	}
	for _, g := range rep.ByAssistant {
		byAsst.add(asAssistant(g.Totals))
	}
	sameTotals(t, "sum of weeks", byWeek, want)
	sameTotals(t, "sum of teams", byTeam, want)
	sameTotals(t, "sum of assistants", byAsst, want)
	var b bytes.Buffer
	if err := rep.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	got, rows := csvTotals(t, b.Bytes())
	sameTotals(t, "CSV", got, want)
	if len(rows) != 6*3*len(Slots) {
		t.Errorf("%d CSV rows, want one per week × team × assistant = %d", len(rows), 6*3*len(Slots))
	}
	// The HTML states the totals.
	b.Reset()
	if err := rep.WriteHTML(&b, "en"); err != nil {
		t.Fatal(err)
	}
	html := stdhtml.UnescapeString(b.String())
	for _, s := range []string{fmt.Sprintf(">%s<", renderer{lang: "en"}.int(want.Requests)), "2026-W45", "2026-W50", "synthetic-1", DefaultScope} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %q", s)
		}
	}
}

func asAssistant(t Totals) Assistant {
	return Assistant{Requests: t.Requests, Trivial: t.Trivial, Followed: t.Followed, Images: t.Images, Videos: t.Videos,
		Estimated: t.Estimated, EnergyWh: t.EnergyWh, CO2eG: t.CO2eG, WaterML: t.WaterML}
}

// Privacy: a share holds no prompt, model, host name or time finer than the
// week, whatever the requests held.
func TestShare_HoldsNoTextNoHostNoTime(t *testing.T) {
	monday, _ := tracker.ParseISOWeek("2026-W48", time.UTC)
	secret := "SECRET-PROMPT my salary is 52k and my boss is Bob"
	var b Builder
	sites := []string{"chatgpt", "mistral", "Le Chat", "intranet-gpt.example.com", "claude"}
	for i, site := range sites {
		p := secret
		in, out := 12, 34
		r := tracker.Request{ID: "req-unique-id-" + strconv.Itoa(i), At: monday.Add(time.Duration(i)*time.Hour + 17*time.Minute),
			Site: site, Model: "gpt-secret-model", Provider: "openai", Prompt: &p, PromptChars: len(p), InputTokens: &in, OutputTokens: &out,
			Kind: tracker.KindText, Outcome: tracker.OutcomeSent, Category: tracker.CatFact, Tool: "duckduckgo",
			Footprint: &tracker.Footprint{EnergyWh: tracker.Range{Low: 1, Central: 2, High: 3}, Method: "m-1", Zone: "FRA"}}
		b.Add(&r)
	}
	s := b.Share(NewInstallID(), "Sales", monday, monday.Add(50*time.Hour), "m-0", DefaultScope)
	data, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"SECRET", "salary", "Bob", "gpt-secret", "openai", "intranet", "example.com", "mistral", "Le Chat",
		"req-unique", "duckduckgo", "FRA", "T17", ":17", "2026-11-2"} {
		if bytes.Contains(data, []byte(bad)) {
			t.Errorf("the share holds %q:\n%s", bad, data)
		}
	}
	ids := map[string]int64{}
	for _, a := range s.Assistants {
		ids[a.ID] = a.Requests
	}
	if fmt.Sprint(ids) != "map[chatgpt:1 claude:1 lechat:2 other:1]" {
		t.Errorf("assistants %v: mistral and Le Chat are lechat, a free site name is other", ids)
	}
	// Only the documented keys, at every level.
	var m map[string]any
	json.Unmarshal(data, &m)
	keys := func(m map[string]any) string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		return fmt.Sprint(sortedStrings(ks))
	}
	if k := keys(m); k != "[assistants created format install_id methods scope team version week]" {
		t.Errorf("share keys %s", k)
	}
	if k := keys(m["assistants"].([]any)[0].(map[string]any)); k != "[co2e_g energy_wh estimated_requests id images nudges_followed requests trivial_requests videos water_ml]" {
		t.Errorf("assistant keys %s", k)
	}
	if s.Created != "2026-W48" || s.Week != "2026-W48" {
		t.Errorf("created %s week %s", s.Created, s.Week)
	}
}

func sortedStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func validShare(id, team, week string) Share {
	return Share{Format: Format, Version: Version, InstallID: id, Team: team, Week: week, Created: week,
		Methods: []string{"m-1"}, Scope: DefaultScope, Assistants: []Assistant{{ID: "claude", Requests: 4, Trivial: 1, Estimated: 4,
			EnergyWh: Range{1, 2, 3}, CO2eG: Range{1, 2, 3}, WaterML: Range{1, 2, 3}}}}
}

func encode(t *testing.T, s Share) []byte {
	t.Helper()
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode_RefusesWhatIsNotAShare(t *testing.T) {
	good := encode(t, validShare(NewInstallID(), "Sales", "2026-W48"))
	if _, err := Decode(good); err != nil {
		t.Fatalf("a good share refused: %v", err)
	}
	edit := func(f func(*Share)) []byte {
		s := validShare(NewInstallID(), "Sales", "2026-W48")
		f(&s)
		return encode(t, s)
	}
	withField := func(obj, field string) []byte {
		var m map[string]any
		json.Unmarshal(good, &m)
		if obj == "" {
			m[field] = "write me a poem about my manager"
		} else {
			m["assistants"].([]any)[0].(map[string]any)[field] = "write me a poem"
		}
		b, _ := json.Marshal(m)
		return b
	}
	cases := []struct {
		name, want string
		data       []byte
	}{
		{"empty", "not a share file", nil},
		{"CSV export", "not a share file", []byte("id,at,site,prompt\n1,2026-11-26,claude,hello\n")},
		{"other JSON", "not a share file", []byte(`{"type":"record","prompt":"hi"}`)},
		{"JSON array", "not a share file", []byte(`[1,2,3]`)},
		{"unknown version", "unknown version 2", bytes.Replace(good, []byte(`"version": 1`), []byte(`"version": 2`), 1)},
		{"no version", "unknown version none", bytes.Replace(good, []byte(`"version": 1,`), nil, 1)},
		{"truncated", "truncated", good[:len(good)/2]},
		{"prompt field", "extra field", withField("", "prompt")},
		{"prompts in an assistant", "extra field", withField("a", "prompts")},
		{"host name field", "extra field", withField("", "hostname")},
		{"data after", "data after", append(append([]byte{}, good...), []byte(`{"x":1}`)...)},
		{"site not among the seven", "is not one of", edit(func(s *Share) { s.Assistants[0].ID = "intranet.example.com" })},
		{"alias in a file", "is not one of", edit(func(s *Share) { s.Assistants[0].ID = "mistral" })},
		{"twice the same assistant", "twice", edit(func(s *Share) { s.Assistants = append(s.Assistants, s.Assistants[0]) })},
		{"day instead of week", "not an ISO week", edit(func(s *Share) { s.Week = "2026-11-26" })},
		{"week 54", "week", edit(func(s *Share) { s.Week = "2026-W54" })},
		{"created before", "before the week", edit(func(s *Share) { s.Created = "2026-W47" })},
		{"bad id", "install_id", edit(func(s *Share) { s.InstallID = "alice@example.com" })},
		{"long team label as text", "team label", edit(func(s *Share) { s.Team = strings.Repeat("my prompt was ", 10) })},
		{"formula team", "formula", edit(func(s *Share) { s.Team = "=HYPERLINK(1)" })},
		{"negative", "out of range", edit(func(s *Share) { s.Assistants[0].Images = -1 })},
		{"trivial > requests", "cannot exceed", edit(func(s *Share) { s.Assistants[0].Trivial = 9 })},
		{"range order", "out of order", edit(func(s *Share) { s.Assistants[0].CO2eG = Range{3, 2, 1} })},
		{"no methods", "methods", edit(func(s *Share) { s.Methods = nil })},
		{"wrong format", "not a share file", bytes.Replace(good, []byte(Format), []byte("frugal-backup"), 1)},
	}
	for _, c := range cases {
		_, err := Decode(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

func write(t *testing.T, path string, s Share) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, encode(t, s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Bad files are skipped with their reason, the rest still counts; the
// newest of two shares of one person-week wins.
func TestRead_SkipsBadFilesAndKeepsTheNewestDuplicate(t *testing.T) {
	dir := t.TempDir()
	ids := []string{}
	for i := range 6 {
		id := fmt.Sprintf("%032x", i+100)
		ids = append(ids, id)
		write(t, filepath.Join(dir, fmt.Sprintf("p%d.json", i)), validShare(id, "Sales", "2026-W48"))
	}
	// A newer share of person 0 written in an earlier file: it wins by its
	// created week; then a same-week rewrite of person 1 in a later file: it
	// wins by file order.
	newer := validShare(ids[0], "Sales", "2026-W48")
	newer.Created, newer.Assistants[0].Requests = "2026-W50", 10
	write(t, filepath.Join(dir, "a-newer.json"), newer)
	later := validShare(ids[1], "Sales", "2026-W48")
	later.Assistants[0].Requests = 7
	write(t, filepath.Join(dir, "z-later.json"), later)
	os.WriteFile(filepath.Join(dir, "notes.json"), []byte(`{"todo":"buy milk"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "cut.json"), encode(t, validShare(ids[2], "Sales", "2026-W49"))[:40], 0o644)
	os.WriteFile(filepath.Join(dir, "ignored.txt"), []byte("not looked at"), 0o644)
	rep := readDir(t, dir, 5)
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	if len(reasons) != 4 || !strings.Contains(reasons["p0.json"], "duplicate") || !strings.Contains(reasons["p1.json"], "duplicate") ||
		!strings.Contains(reasons["notes.json"], "not a share file") || !strings.Contains(reasons["cut.json"], "truncated") {
		t.Errorf("skipped: %v", reasons)
	}
	if rep.Total.People != 6 || rep.Total.Requests != 10+7+4*4 {
		t.Errorf("total %d people, %d requests; want 6 and %d", rep.Total.People, rep.Total.Requests, 10+7+4*4)
	}
}

// Privacy: a team smaller than the minimum is merged into Other; Other too
// small takes the smallest team with it; a week of too few people is left
// out; no row of the report stands for fewer than the minimum.
func TestBuild_SmallGroupsMerged(t *testing.T) {
	dir := t.TempDir()
	n := 0
	add := func(team, week string, k int) {
		for range k {
			n++
			write(t, filepath.Join(dir, fmt.Sprintf("%d.json", n)), validShare(fmt.Sprintf("%032x", n), team, week))
		}
	}
	add("Big", "2026-W10", 6)
	add("Mid", "2026-W10", 5)
	add("Duo", "2026-W10", 2) // Other = 2 → Mid (smallest) joins → 7
	add("Big", "2026-W11", 5)
	add("", "2026-W11", 5) // no label: Other, already big enough
	add("Solo", "2026-W11", 1)
	add("Big", "2026-W12", 4) // the whole week has 4 people: left out
	rep := readDir(t, dir, 5)
	groups := map[string]int{}
	for _, r := range rep.Rows {
		if r.People < 5 {
			t.Errorf("row %s %s %s stands for %d people", r.Week, r.Team, r.Assistant, r.People)
		}
		groups[r.Week+" "+r.Team] = r.People
	}
	want := map[string]int{"2026-W10 Big": 6, "2026-W10 other": 7, "2026-W11 Big": 5, "2026-W11 other": 6}
	if fmt.Sprint(groups) != fmt.Sprint(want) {
		t.Errorf("groups %v, want %v", groups, want)
	}
	if len(rep.LeftOut) != 1 || rep.LeftOut[0] != (LeftOut{"2026-W12", 4}) {
		t.Errorf("left out %v", rep.LeftOut)
	}
	var b bytes.Buffer
	rep.WriteHTML(&b, "en")
	for _, s := range []string{"Duo", "Solo", "Mid", "2026-W12 "} {
		if strings.Contains(b.String(), s) {
			t.Errorf("the report names %q", s)
		}
	}
	b.Reset()
	rep.WriteCSV(&b)
	if strings.Contains(b.String(), "Duo") || strings.Contains(b.String(), "Mid") || strings.Contains(b.String(), "2026-W12") {
		t.Errorf("the CSV names a small group:\n%s", b.String())
	}
	// The threshold never goes under 3.
	if r := readDir(t, dir, 1); r.MinGroup != MinGroupFloor {
		t.Errorf("min group %d", r.MinGroup)
	}
}

// The rule holds on random data: every row stands for at least the minimum,
// and merging loses nothing.
func TestBuild_PrivacyOnRandomData(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		dir := t.TempDir()
		var want int64
		for p := range 5 + rng.IntN(40) {
			team := []string{"", "A", "B", "C", "D", "E"}[rng.IntN(6)]
			for w := range 3 {
				if rng.IntN(4) == 0 {
					continue
				}
				s := validShare(fmt.Sprintf("%032x", p+1), team, fmt.Sprintf("2026-W%02d", 10+w))
				s.Assistants[0].Requests = int64(4 + rng.IntN(50))
				write(t, filepath.Join(dir, fmt.Sprintf("%d-%d.json", p, w)), s)
				want += s.Assistants[0].Requests
			}
		}
		min := 3 + rng.IntN(5)
		rep := readDir(t, dir, min)
		var got, left int64
		for _, r := range rep.Rows {
			if r.People < min {
				t.Fatalf("round %d: row %+v under %d people", round, r, min)
			}
			got += r.Requests
		}
		for _, lo := range rep.LeftOut {
			if lo.People >= min {
				t.Fatalf("round %d: week %v left out with enough people", round, lo)
			}
		}
		c, _ := Read(context.Background(), mustFiles(t, dir), ReadOptions{})
		for k, e := range c.entries {
			for _, lo := range rep.LeftOut {
				if strings.HasSuffix(k, lo.Week) {
					left += e.slots[slotIndex("claude")].Requests
				}
			}
		}
		if got+left != want || rep.Total.Requests != got {
			t.Fatalf("round %d: rows %d + left out %d != %d (total %d)", round, got, left, want, rep.Total.Requests)
		}
	}
}

func mustFiles(t *testing.T, dir string) []string {
	fs, _, err := Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestAssistantID(t *testing.T) {
	for in, want := range map[string]string{"chatgpt": "chatgpt", "mistral": "lechat", "Le Chat": "lechat", "chat.mistral.ai": "lechat",
		"lechat": "lechat", "DeepSeek": "deepseek", "my-llama": "other", "": "other", "other": "other"} {
		if got := AssistantID(in); got != want {
			t.Errorf("AssistantID(%q) = %q, want %q", in, got, want)
		}
	}
}

// Too few people in every week: the report says so and shows no figure.
func TestBuild_TooFewPeopleShowsNothing(t *testing.T) {
	dir := t.TempDir()
	for i := range 4 {
		s := validShare(fmt.Sprintf("%032x", i+1), "Sales", "2026-W10")
		s.Assistants[0].Requests = 1234
		write(t, filepath.Join(dir, fmt.Sprintf("%d.json", i)), s)
	}
	rep := readDir(t, dir, 5)
	if len(rep.Weeks) != 0 || len(rep.Rows) != 0 || rep.Total.Requests != 0 {
		t.Fatalf("report of 4 people: %+v", rep)
	}
	for _, lang := range Languages {
		var b bytes.Buffer
		if err := rep.WriteHTML(&b, lang); err != nil {
			t.Fatal(err)
		}
		h := b.String()
		if strings.Contains(h, "<svg") || strings.Contains(h, "<table") || strings.Contains(h, "4,936") || strings.Contains(h, "4936") || !strings.Contains(h, "2026-W10") {
			t.Errorf("%s: the empty report shows figures or does not name the week left out", lang)
		}
	}
}
