package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"frugal/app/i18n"
	"frugal/tracker/capture"
)

func init() {
	register("doctor", "check capture: selector table in use, per-site health; exit 1 when a site used in the last 7 days is degraded", runDoctor)
}

// doctorWindow is how far back doctor looks for the last send and answer;
// usedWithin is what "used this week" means: the last seven days.
const (
	doctorWindow = 90 * 24 * time.Hour
	usedWithin   = 7 * 24 * time.Hour
)

// siteHealth is one site's capture health as doctor reports it.
type siteHealth struct {
	Site         string         `json:"site"`
	LastSendMs   int64          `json:"last_send_ms,omitempty"`
	LastAnswerMs int64          `json:"last_answer_ms,omitempty"`
	LastMiss     string         `json:"last_miss,omitempty"`
	Week         weekHealth     `json:"week"`
	Misses       map[string]int `json:"misses_week"`
	Unanswered   int            `json:"unanswered"`
	Degraded     bool           `json:"degraded"`
	UsedThisWeek bool           `json:"used_this_week"`
}

type weekHealth struct {
	Sends    int `json:"sends"`
	NetOnly  int `json:"net_only"`
	Answers  int `json:"answers"`
	Timeouts int `json:"timeouts"`
}

// summarizeHealth folds the stored rows (ordered by site, then day) into one
// line per site. A site is degraded when its latest report had at least
// capture.DegradedAfter sends in a row without an answer.
func summarizeHealth(rows []capture.HealthRow, now time.Time) []siteHealth {
	weekFrom := now.Add(-usedWithin).In(time.Local).Format(time.DateOnly)
	bySite := map[string]*siteHealth{}
	latest := map[string]int64{}
	var order []string
	for _, r := range rows {
		s := bySite[r.Site]
		if s == nil {
			s = &siteHealth{Site: r.Site, Misses: map[string]int{}}
			bySite[r.Site] = s
			order = append(order, r.Site)
		}
		s.LastSendMs = max(s.LastSendMs, r.LastSendMs)
		s.LastAnswerMs = max(s.LastAnswerMs, r.LastAnswerMs)
		if r.UpdatedMs >= latest[r.Site] {
			latest[r.Site] = r.UpdatedMs
			s.Unanswered = r.Unanswered
			if r.LastMiss != "" {
				s.LastMiss = r.LastMiss
			}
		}
		if r.Day >= weekFrom {
			s.Week.Sends += r.Sends
			s.Week.NetOnly += r.NetOnly
			s.Week.Answers += r.Answers
			s.Week.Timeouts += r.Timeouts
			for what, n := range map[string]int{"composer": r.MissComposer, "send": r.MissSend, "answer": r.MissAnswer, "stop": r.MissStop} {
				if n > 0 {
					s.Misses[what] += n
				}
			}
		}
	}
	out := make([]siteHealth, 0, len(order))
	for _, site := range order {
		s := bySite[site]
		s.UsedThisWeek = s.Week.Sends+s.Week.NetOnly > 0
		s.Degraded = s.Unanswered >= capture.DegradedAfter
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Site < out[j].Site })
	return out
}

func runDoctor(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "doctor", "[--lang fr|en] [--json]")
	db := dbFlag(fs, env)
	langF := langFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	c, err := catalogue(env, *langF)
	if err != nil {
		return err
	}
	p, err := DBPath(*db)
	if err != nil {
		return err
	}
	src, err := capture.LoadDefault(filepath.Dir(p))
	if err != nil {
		return fmt.Errorf("built-in selector table: %w", err)
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	now := env.Now()
	rows, err := st.Health(ctx, now.Add(-doctorWindow).In(time.Local).Format(time.DateOnly))
	if err != nil {
		return err
	}
	sites := summarizeHealth(rows, now)
	var degraded []string
	for _, s := range sites {
		if s.Degraded && s.UsedThisWeek {
			degraded = append(degraded, siteName(s.Site))
		}
	}
	if *asJSON {
		out := map[string]any{"table": map[string]any{"version": src.Table.Version, "source": sourceName(src)}, "sites": sites}
		if src.Rejected != "" {
			out["rejected"] = map[string]string{"path": src.Rejected, "reason": src.Reason}
		}
		if err := json.NewEncoder(env.Stdout).Encode(out); err != nil {
			return err
		}
	} else {
		printDoctor(env.Stdout, c, src, sites)
	}
	if len(degraded) > 0 {
		return fmt.Errorf("%s", c.T("doctor.degraded_exit", map[string]any{"Sites": strings.Join(degraded, ", ")}))
	}
	return nil
}

func sourceName(src capture.Source) string {
	if src.Path == "" {
		return "builtin"
	}
	return src.Path
}

// siteName is how a site is shown: its display name, or the host name for
// a site tracked with the generic detector.
func siteName(id string) string {
	if h, ok := strings.CutPrefix(id, "generic:"); ok {
		return h
	}
	names := map[string]string{"chatgpt": "ChatGPT", "claude": "Claude", "gemini": "Gemini", "copilot": "Copilot",
		"lechat": "Le Chat", "mistral": "Le Chat", "perplexity": "Perplexity", "deepseek": "DeepSeek"}
	if n, ok := names[id]; ok {
		return n
	}
	return id
}

func printDoctor(w io.Writer, c i18n.Catalogue, src capture.Source, sites []siteHealth) {
	if src.Path == "" {
		fmt.Fprintln(w, c.T("doctor.table_builtin", map[string]any{"V": src.Table.Version}))
	} else {
		fmt.Fprintln(w, c.T("doctor.table_file", map[string]any{"V": src.Table.Version, "Path": src.Path}))
	}
	if src.Rejected != "" {
		fmt.Fprintln(w, c.T("doctor.table_rejected", map[string]any{"Path": src.Rejected, "Reason": src.Reason}))
	}
	fmt.Fprintln(w)
	if len(sites) == 0 {
		fmt.Fprintln(w, c.T("doctor.no_capture"))
		return
	}
	when := func(ms int64) string {
		if ms == 0 {
			return c.T("doctor.never")
		}
		return time.UnixMilli(ms).In(time.Local).Format("2006-01-02 15:04")
	}
	for _, s := range sites {
		state := c.T("doctor.ok")
		if s.Degraded {
			state = c.T("doctor.degraded", map[string]any{"N": s.Unanswered})
		}
		fmt.Fprintln(w, c.T("doctor.site_line", map[string]any{"Site": siteName(s.Site), "State": state}))
		fmt.Fprintln(w, "  "+c.T("doctor.last", map[string]any{"Send": when(s.LastSendMs), "Answer": when(s.LastAnswerMs)}))
		fmt.Fprintln(w, "  "+c.T("doctor.week", map[string]any{"Sends": s.Week.Sends, "NetOnly": s.Week.NetOnly,
			"Answers": s.Week.Answers, "Timeouts": s.Week.Timeouts}))
		if len(s.Misses) > 0 {
			var parts []string
			for _, what := range capture.Misses {
				if n := s.Misses[what]; n > 0 {
					parts = append(parts, fmt.Sprintf("%s %d", c.T("doctor.miss."+what), n))
				}
			}
			fmt.Fprintln(w, "  "+c.T("doctor.misses", map[string]any{"List": strings.Join(parts, ", ")}))
		}
	}
}
