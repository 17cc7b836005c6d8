package defs

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestGeneratedJSIsCurrent(t *testing.T) {
	want, err := JS()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(JSPath)))
	if err != nil {
		t.Fatalf("%v (run go generate ./tracker/defs)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go generate ./tracker/defs", JSPath)
	}
}

func TestLookupSite(t *testing.T) {
	for name, want := range map[string]string{
		"lechat": "lechat", "mistral": "lechat", "Le Chat": "lechat", " chat.mistral.ai ": "lechat",
		"chat.openai.com": "chatgpt", "chatgpt.com": "chatgpt", "ChatGPT": "chatgpt", "openai": "chatgpt",
		"www.perplexity.ai": "perplexity", "my own llama": "my own llama",
	} {
		if got := CanonicalSite(name); got != want {
			t.Errorf("CanonicalSite(%q) = %q, want %q", name, got, want)
		}
	}
	if SiteName("mistral") != "Le Chat" || SiteName("other") != "other" {
		t.Error("SiteName")
	}
}

func TestTablesHaveNoDuplicates(t *testing.T) {
	seen := map[string]string{}
	for _, s := range Sites {
		for _, n := range append(append([]string{s.ID}, s.Hosts...), s.Aliases...) {
			if prev, dup := seen[n]; dup {
				t.Errorf("name %q belongs to %s and %s", n, prev, s.ID)
			}
			seen[n] = s.ID
		}
	}
	var codes []string
	for _, c := range ReplyCodes {
		if c.Class != Refused && c.Class != Transient {
			t.Errorf("code %s: class %q", c.Code, c.Class)
		}
		codes = append(codes, c.Code)
	}
	slices.Sort(codes)
	if len(slices.Compact(codes)) != len(ReplyCodes) {
		t.Error("a reply code is listed twice")
	}
	for _, c := range []string{CodeInternal, CodeDiskFull} {
		if !slices.Contains(CodesOf(Transient), c) {
			t.Errorf("%s must be transient: an event is never dropped for it", c)
		}
	}
}

func BenchmarkCanonicalSite(b *testing.B) {
	for i := 0; i < b.N; i++ {
		CanonicalSite("chatgpt")
		CanonicalSite("Le Chat")
		CanonicalSite("my own llama")
	}
}
