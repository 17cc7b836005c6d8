package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func classifyEnv(stdin string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC) },
	}, &out, &errb
}

func TestClassify_TextArgumentPrintsTheVerdict(t *testing.T) {
	env, out, _ := classifyEnv("")
	if code := Run(context.Background(), env, "classify", []string{"--lang", "fr", "17", "%", "de", "240"}); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), "answer:   40,8") {
		t.Errorf("output %q lacks the answer", out.String())
	}
}

func TestClassify_JSONFlag(t *testing.T) {
	env, out, _ := classifyEnv("")
	Run(context.Background(), env, "classify", []string{"--json", "12*37"})
	if got := strings.TrimSpace(out.String()); got != `{"category":"calculation","tool":"calculator","answer":"444"}` {
		t.Errorf("got %s", got)
	}
}

func TestClassify_StreamEchoesIDsInOrder(t *testing.T) {
	in := `{"id":"a","text":"12*37"}
{"id":7,"text":"write a poem about rain","lang":"en"}
not json
{"id":"c"}
{"id":"d","text":"booking.com"}
`
	env, out, errb := classifyEnv(in)
	code := Run(context.Background(), env, "classify", nil)
	want := `{"id":"a","category":"calculation","tool":"calculator","answer":"444"}
{"id":7,"category":"none"}
{"id":null,"error":"line 3: invalid JSON: invalid character 'o' in literal null (expecting 'u')"}
{"id":"c","error":"line 4: no \"text\""}
{"id":"d","category":"navigation","tool":"site","url":"https://booking.com"}
`
	if out.String() != want {
		t.Errorf("stream output:\n%s\nwant:\n%s", out.String(), want)
	}
	if code != ExitFailure || !strings.Contains(errb.String(), "2 malformed") {
		t.Errorf("exit %d, stderr %q: want 1 and a count of malformed lines", code, errb.String())
	}
}

func TestClassify_BadFlagIsAUsageError(t *testing.T) {
	env, _, _ := classifyEnv("")
	if code := Run(context.Background(), env, "classify", []string{"--engine", "altavista", "x"}); code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
}
