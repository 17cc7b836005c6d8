package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
	"unicode/utf8"

	"frugal/tracker"
)

func init() {
	register("log", "record one AI request made outside the browser", runLog)
}

func runLog(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "log", "--site S [--model M] [--kind K] [--prompt TEXT | --prompt-file F] [--output-chars N] [--latency DURATION] [--at RFC3339]")
	db := dbFlag(fs, env)
	site := fs.String("site", "", "the assistant used (chatgpt, claude, gemini, copilot, lechat, perplexity, deepseek, or any name)")
	model := fs.String("model", "", "model name, when known")
	kind := fs.String("kind", "text", "text, image, video, audio or file")
	prompt := fs.String("prompt", "", "the prompt's text")
	promptFile := fs.String("prompt-file", "", "read the prompt's text from this `file` (- for stdin)")
	outChars := fs.Int("output-chars", -1, "length of the answer in characters, when known")
	latency := fs.Duration("latency", -1, "how long the answer took, e.g. 4.5s")
	at := fs.String("at", "", "when the request was made (RFC 3339, default now)")
	id := fs.String("id", "", "request id (default: a new random one); logging the same id twice records it once")
	asJSON := fs.Bool("json", false, "print the recorded request as JSON")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	if *site == "" {
		return Usagef("--site is required")
	}
	k, err := tracker.ParseKind(*kind)
	if err != nil {
		return Usagef("--kind: %v", err)
	}
	if *prompt != "" && *promptFile != "" {
		return Usagef("give --prompt or --prompt-file, not both")
	}
	if *outChars < -1 {
		return Usagef("--output-chars must not be negative")
	}
	if *latency < -1 {
		return Usagef("--latency must not be negative")
	}
	when := env.Now()
	if *at != "" {
		if when, err = time.Parse(time.RFC3339, *at); err != nil {
			return Usagef("--at %q: want RFC 3339, e.g. 2026-11-28T14:05:00+01:00", *at)
		}
	}
	r := tracker.Request{
		ID: *id, At: when.UTC().Truncate(time.Millisecond), Source: tracker.SourceCLI, Site: *site, Model: *model, Kind: k,
		Outcome: tracker.OutcomeSent,
	}
	if r.ID == "" {
		r.ID = NewID()
	}
	text := *prompt
	if *promptFile != "" {
		b, err := readLimited(env, *promptFile, tracker.MaxPromptBytes)
		if err != nil {
			return err
		}
		text = string(b)
	}
	if text != "" {
		if !utf8.ValidString(text) {
			return errors.New("the prompt is not valid UTF-8 text")
		}
		if len(text) > tracker.MaxPromptBytes {
			return fmt.Errorf("the prompt is %d bytes; the limit is %d", len(text), tracker.MaxPromptBytes)
		}
		r.Prompt = &text
	}
	if *outChars >= 0 {
		r.AnswerChars = outChars
	}
	if *latency >= 0 {
		r.Latency = latency
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rec, inserted, err := NewService(st).Capture(ctx, r)
	if errors.Is(err, tracker.ErrPaused) {
		return errors.New("tracking is paused (resume it from the tray or settings); nothing recorded")
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(requestJSON(rec, inserted))
	}
	if !inserted {
		fmt.Fprintf(env.Stdout, "already recorded: %s\n", rec.ID)
		return nil
	}
	fmt.Fprintf(env.Stdout, "recorded %s: %s, %s\n", rec.ID, rec.Site, footprintLine(rec.Footprint))
	return nil
}

// readLimited reads a file (or stdin for "-") refusing more than max bytes.
func readLimited(env *Env, path string, max int) ([]byte, error) {
	var b []byte
	var err error
	buf := make([]byte, max+1)
	n := 0
	if path == "-" {
		n, err = readFull(env.Stdin, buf)
	} else {
		f, e := os.Open(path)
		if e != nil {
			return nil, e
		}
		defer f.Close()
		n, err = readFull(f, buf)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if n > max {
		return nil, fmt.Errorf("%s is larger than the %d-byte limit", path, max)
	}
	b = buf[:n]
	return b, nil
}

// footprintLine is a one-line footprint, or "not estimated".
func footprintLine(f *tracker.Footprint) string {
	if f == nil {
		return "not estimated"
	}
	return fmt.Sprintf("%s Wh (%s–%s), %s g CO2e, %s mL water",
		num(f.EnergyWh.Central), num(f.EnergyWh.Low), num(f.EnergyWh.High), num(f.CO2Grams.Central), num(f.WaterML.Central))
}

// requestJSON is the JSON form of a recorded request.
func requestJSON(r tracker.Request, inserted bool) map[string]any {
	m := map[string]any{
		"id": r.ID, "at": r.At.Format(time.RFC3339Nano), "source": r.Source, "site": r.Site,
		"provider": r.Provider, "model": r.Model, "kind": r.Kind, "prompt_chars": r.PromptChars,
		"category": r.Category, "tool": r.Tool, "outcome": r.Outcome, "inserted": inserted,
		"warnings": r.Warnings,
	}
	if r.Footprint != nil {
		m["footprint"] = r.Footprint
	} else {
		m["footprint"] = nil
		m["note"] = "not estimated"
	}
	return m
}
