package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"frugal/tracker"
	"frugal/tracker/classify"
)

func init() {
	register("classify", "say whether a prompt is trivial and what to use instead", runClassify)
}

// classifyIn is one JSON Lines input; id is echoed as given (string or
// number).
type classifyIn struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
	Lang string          `json:"lang"`
}

type classifyOut struct {
	ID       json.RawMessage `json:"id"`
	Category string          `json:"category,omitempty"`
	Tool     string          `json:"tool,omitempty"`
	URL      string          `json:"url,omitempty"`
	Answer   string          `json:"answer,omitempty"`
	Note     string          `json:"note,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// runClassify: with text arguments, prints the verdict on them (joined by
// spaces, as a shell splits them); with none, reads JSON Lines from stdin
// and writes one JSON line per input, in order, flushed line by line. A
// malformed line gets {"id":…,"error":"…"} (id null when unreadable) and
// the stream goes on; the exit code is then 1, after the last line.
func runClassify(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "classify", "[--json] [--lang fr|en] [--engine NAME] [--weather SERVICE] [TEXT…]\n"+
		"With no TEXT, reads JSON Lines {\"id\":…,\"text\":…,\"lang\":…} on stdin and writes one verdict per line.")
	asJSON := fs.Bool("json", false, "print the verdict as JSON")
	lang := fs.String("lang", "", "language of the text: fr, en, or empty to guess")
	engine := fs.String("engine", "duckduckgo", "search engine for links: "+strings.Join(tracker.SearchEngines, ", "))
	weather := fs.String("weather", "", "weather service: empty (Météo-France for French places), meteofrance, yr, search")
	if err := parse(fs, args, 1<<20); err != nil {
		return err
	}
	if *lang != "" && *lang != "fr" && *lang != "en" {
		return Usagef("--lang %q: want fr or en", *lang)
	}
	okEngine := false
	for _, e := range tracker.SearchEngines {
		okEngine = okEngine || e == *engine
	}
	if !okEngine {
		return Usagef("--engine %q: want one of %s", *engine, strings.Join(tracker.SearchEngines, ", "))
	}
	switch *weather {
	case classify.WeatherAuto, classify.WeatherMeteoFrance, classify.WeatherYr, classify.WeatherSearch:
	default:
		return Usagef("--weather %q: want meteofrance, yr, search or empty", *weather)
	}
	c := classify.New(classify.Options{SearchEngine: *engine, WeatherService: *weather, Now: env.Now})
	if fs.NArg() > 0 {
		v := c.Classify(strings.Join(fs.Args(), " "), *lang)
		if *asJSON {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(env.Stdout, "%s\n", b)
			return err
		}
		printVerdict(env, v)
		return nil
	}
	return classifyStream(ctx, env, c, *lang)
}

func printVerdict(env *Env, v tracker.Verdict) {
	fmt.Fprintf(env.Stdout, "category: %s\n", v.Category)
	if v.Tool != "" {
		fmt.Fprintf(env.Stdout, "tool:     %s\n", v.Tool)
	}
	if v.Answer != "" {
		fmt.Fprintf(env.Stdout, "answer:   %s\n", v.Answer)
	}
	if v.URL != "" {
		fmt.Fprintf(env.Stdout, "link:     %s\n", v.URL)
	}
	if v.Note != "" {
		fmt.Fprintf(env.Stdout, "note:     %s\n", v.Note)
	}
}

// maxLine bounds one input line: a prompt of tracker.MaxPromptBytes plus
// JSON escaping.
const maxLine = 8 * tracker.MaxPromptBytes

func classifyStream(ctx context.Context, env *Env, c *classify.Classifier, lang string) error {
	sc := bufio.NewScanner(env.Stdin)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	w := bufio.NewWriter(env.Stdout)
	bad := 0
	write := func(o classifyOut) error {
		b, err := json.Marshal(o)
		if err != nil {
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
		return w.Flush() // streaming: each verdict as soon as it is known
	}
	for n := 1; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var in classifyIn
		out := classifyOut{ID: json.RawMessage("null")}
		if err := json.Unmarshal(line, &in); err != nil {
			bad++
			out.Error = fmt.Sprintf("line %d: invalid JSON: %v", n, err)
		} else {
			if len(in.ID) > 0 {
				out.ID = in.ID
			}
			l := in.Lang
			if l == "" {
				l = lang
			}
			switch {
			case in.Text == nil:
				bad++
				out.Error = fmt.Sprintf("line %d: no \"text\"", n)
			case l != "" && l != "fr" && l != "en":
				bad++
				out.Error = fmt.Sprintf("line %d: lang %q (want fr, en or empty)", n, l)
			default:
				v := c.Classify(*in.Text, l)
				out.Category, out.Tool, out.URL, out.Answer, out.Note = string(v.Category), v.Tool, v.URL, v.Answer, v.Note
			}
		}
		if err := write(out); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	if bad > 0 {
		return fmt.Errorf("%d malformed line(s), answered with an error line each", bad)
	}
	return nil
}
