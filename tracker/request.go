package tracker

import (
	"fmt"
	"time"
)

// Source says who captured a request.
type Source string

const (
	SourceExtension Source = "extension"
	SourceCLI       Source = "cli"
	SourceTray      Source = "tray"
	SourceImport    Source = "import"
)

// Kind is what the request asked the assistant to produce or work on.
type Kind string

const (
	KindText  Kind = "text"
	KindImage Kind = "image"
	KindVideo Kind = "video"
	KindAudio Kind = "audio"
	KindFile  Kind = "file"
)

// Outcome is what happened to a request once Frugal had seen it.
type Outcome string

const (
	OutcomeSent       Outcome = "sent"        // sent, no suggestion was made
	OutcomeSentAnyway Outcome = "sent_anyway" // a lighter tool was suggested, sent anyway
	OutcomeFollowed   Outcome = "followed"    // the person followed the suggestion: not sent
	OutcomeCancelled  Outcome = "cancelled"   // the person dismissed the card and did not send
)

// Reasoning modes an assistant may run a request in.
const (
	ReasoningNone     = ""
	ReasoningThinking = "thinking"
	ReasoningDeep     = "deep_research"
)

var (
	sources  = []Source{SourceExtension, SourceCLI, SourceTray, SourceImport}
	kinds    = []Kind{KindText, KindImage, KindVideo, KindAudio, KindFile}
	outcomes = []Outcome{OutcomeSent, OutcomeSentAnyway, OutcomeFollowed, OutcomeCancelled}
)

// ParseSource, ParseKind and ParseOutcome accept exactly the names above.
func ParseSource(s string) (Source, error)   { return parseEnum("source", s, sources) }
func ParseKind(s string) (Kind, error)       { return parseEnum("kind", s, kinds) }
func ParseOutcome(s string) (Outcome, error) { return parseEnum("outcome", s, outcomes) }

func parseEnum[T ~string](what, s string, valid []T) (T, error) {
	for _, v := range valid {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown %s %q (want one of %v)", what, s, valid)
}

// Request is one AI request a person made. Optional measurements are
// pointers: nil means "not seen", which is different from zero.
type Request struct {
	ID     string    // made by whoever captured it; inserts are idempotent on it
	At     time.Time // when it was sent
	Source Source

	Site     string // "chatgpt", "claude", … or a free name for AI used elsewhere
	Provider string // EcoLogits provider name, filled by the estimator when empty
	Model    string // as read from the page or given by the person; may be empty
	Kind     Kind

	Prompt       *string // nil when the privacy setting keeps no text
	PromptChars  int     // always recorded, whatever the privacy setting
	InputTokens  *int
	AnswerChars  *int
	OutputTokens *int
	Latency      *time.Duration // observed streaming time
	Reasoning    string         // ReasoningNone, ReasoningThinking, ReasoningDeep
	WebSearch    bool           // the assistant searched the web itself
	Attachments  int

	Category Category // empty when not classified
	Tool     string   // suggested lighter tool, empty when none
	Outcome  Outcome

	Footprint *Footprint // nil when not estimated
	Warnings  []string
}

// MaxPromptBytes bounds a prompt accepted from any source (a pasted book is
// fine, a runaway script is not).
const MaxPromptBytes = 1 << 20

// Validate checks what every source must respect before a request is stored.
func (r *Request) Validate() error {
	switch {
	case r.ID == "":
		return fmt.Errorf("request: empty id")
	case len(r.ID) > 128:
		return fmt.Errorf("request: id longer than 128 bytes")
	case r.At.IsZero():
		return fmt.Errorf("request %s: no time", r.ID)
	case r.Site == "":
		return fmt.Errorf("request %s: no site", r.ID)
	case r.PromptChars < 0:
		return fmt.Errorf("request %s: negative prompt length", r.ID)
	}
	if _, err := ParseSource(string(r.Source)); err != nil {
		return fmt.Errorf("request %s: %w", r.ID, err)
	}
	if _, err := ParseKind(string(r.Kind)); err != nil {
		return fmt.Errorf("request %s: %w", r.ID, err)
	}
	if _, err := ParseOutcome(string(r.Outcome)); err != nil {
		return fmt.Errorf("request %s: %w", r.ID, err)
	}
	if r.Prompt != nil && len(*r.Prompt) > MaxPromptBytes {
		return fmt.Errorf("request %s: prompt of %d bytes exceeds the %d-byte limit", r.ID, len(*r.Prompt), MaxPromptBytes)
	}
	for name, p := range map[string]*int{"input tokens": r.InputTokens, "answer length": r.AnswerChars, "output tokens": r.OutputTokens} {
		if p != nil && *p < 0 {
			return fmt.Errorf("request %s: negative %s", r.ID, name)
		}
	}
	if r.Latency != nil && *r.Latency < 0 {
		return fmt.Errorf("request %s: negative latency", r.ID)
	}
	if r.Attachments < 0 {
		return fmt.Errorf("request %s: negative attachment count", r.ID)
	}
	return nil
}
