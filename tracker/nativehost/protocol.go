package nativehost

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"frugal/tracker"
	"frugal/tracker/capture"
	"frugal/tracker/defs"
)

// Version is the protocol version this host speaks.
const Version = defs.ProtocolVersion

// Message types and reply codes are defined once, in package defs (which
// writes the extension's copy); these names keep the host's code short.
const (
	TypeClassify    = defs.TypeClassify
	TypeRecord      = defs.TypeRecord
	TypeUpdate      = defs.TypeUpdate
	TypeToday       = defs.TypeToday
	TypeSettings    = defs.TypeSettings
	TypeSetSettings = defs.TypeSetSettings
	TypePing        = defs.TypePing
	TypeHealth      = defs.TypeHealth
	TypeSelectors   = defs.TypeSelectors

	CodeFrameTooLarge = defs.CodeFrameTooLarge
	CodeEmptyFrame    = defs.CodeEmptyFrame
	CodeTruncated     = defs.CodeTruncated
	CodeBadUTF8       = defs.CodeBadUTF8
	CodeBadJSON       = defs.CodeBadJSON
	CodeUnknownField  = defs.CodeUnknownField
	CodeBadVersion    = defs.CodeBadVersion
	CodeUnknownType   = defs.CodeUnknownType
	CodeInvalid       = defs.CodeInvalid
	CodeNotFound      = defs.CodeNotFound
	CodePaused        = defs.CodePaused
	CodeInternal      = defs.CodeInternal
	CodeDiskFull      = defs.CodeDiskFull
	CodeReplyTooLarge = defs.CodeReplyTooLarge
)

// BadMessageCodes are the codes that say "this message will never succeed":
// the extension's queue drops an event refused with one of them and keeps
// (and retries) one that got any other code.
var BadMessageCodes = defs.CodesOf(defs.Refused)

// Message is one request from the extension. Which optional part is required
// depends on Type.
type Message struct {
	V    int    `json:"v"`
	ID   string `json:"id"`
	Type string `json:"type"`

	Text string `json:"text,omitempty"` // classify: the draft
	Lang string `json:"lang,omitempty"` // classify: "fr", "en" or ""

	Request  *Captured      `json:"request,omitempty"`  // record
	Answer   *Answer        `json:"answer,omitempty"`   // update
	Settings *SettingsPatch `json:"settings,omitempty"` // set_settings

	// Health is a batch of capture-health deltas (health).
	Health *capture.HealthBatch `json:"health,omitempty"`
}

// Captured is a request as the extension saw it being sent.
type Captured struct {
	ID          string  `json:"id"` // made at capture (crypto.randomUUID)
	Site        string  `json:"site"`
	Model       string  `json:"model,omitempty"`
	Prompt      *string `json:"prompt,omitempty"`
	PromptChars int     `json:"prompt_chars,omitempty"` // the full length, even when the text was cut
	Attachments int     `json:"attachments,omitempty"`
	Kind        string  `json:"kind,omitempty"`
	Reasoning   string  `json:"reasoning,omitempty"`
	WebSearch   bool    `json:"web_search,omitempty"`
	AtMs        int64   `json:"at"`
	Outcome     string  `json:"outcome"`
	Category    string  `json:"category,omitempty"` // the category the card showed, if any
	Tool        string  `json:"tool,omitempty"`
}

// Answer says an answer finished streaming.
type Answer struct {
	ID          string `json:"id"` // the request's id
	Chars       int    `json:"answer_chars"`
	StreamingMs int64  `json:"streaming_ms"`
}

// SettingsPatch changes the settings the extension may change; nil fields
// stay as they are, NudgesOff entries are merged.
type SettingsPatch struct {
	NudgesOff     map[string]bool `json:"nudges_off,omitempty"`
	TrackPrivate  *bool           `json:"track_private,omitempty"`
	PausedUntilMs *int64          `json:"paused_until_ms,omitempty"`
}

// MaxIDBytes bounds message and request ids.
const MaxIDBytes = defs.MaxIDBytes

// protoError is an error with a code for the extension. msg is safe to show;
// internal details go to the log only.
type protoError struct {
	code, msg string
}

func (e *protoError) Error() string { return e.code + ": " + e.msg }

func perr(code, format string, a ...any) *protoError {
	return &protoError{code, fmt.Sprintf(format, a...)}
}

// Decode parses and checks one frame's payload. On error it still returns
// the message id when it could be read, so the reply can carry it.
func Decode(payload []byte) (Message, error) {
	var m Message
	if !utf8.Valid(payload) {
		// encoding/json would silently turn bad bytes into U+FFFD.
		return m, perr(CodeBadUTF8, "message is not valid UTF-8")
	}
	var head struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(payload, &head); err != nil {
		return m, perr(CodeBadJSON, "message is not a JSON object")
	}
	var id string
	if json.Unmarshal(head.ID, &id) == nil && len(id) <= MaxIDBytes {
		m.ID = id
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	var full Message
	if err := dec.Decode(&full); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return m, perr(CodeUnknownField, "%s", strings.TrimPrefix(err.Error(), "json: "))
		case errors.As(err, &te):
			return m, perr(CodeInvalid, "field %q has the wrong type", te.Field)
		default:
			return m, perr(CodeBadJSON, "message is not valid JSON")
		}
	}
	if dec.More() {
		return m, perr(CodeBadJSON, "trailing data after the JSON object")
	}
	full.ID = m.ID
	if full.V != Version {
		return full, perr(CodeBadVersion, "protocol version %d (this host speaks %d)", full.V, Version)
	}
	if m.ID == "" {
		return full, perr(CodeInvalid, "missing or invalid id (a string of 1 to %d bytes)", MaxIDBytes)
	}
	switch full.Type {
	case TypeClassify:
		if full.Lang != "" && full.Lang != "fr" && full.Lang != "en" {
			return full, perr(CodeInvalid, "lang %q (want fr, en or empty)", full.Lang)
		}
	case TypeRecord:
		if full.Request == nil {
			return full, perr(CodeInvalid, "record without request")
		}
	case TypeUpdate:
		if full.Answer == nil {
			return full, perr(CodeInvalid, "update without answer")
		}
		if full.Answer.ID == "" || full.Answer.Chars < 0 || full.Answer.StreamingMs < 0 {
			return full, perr(CodeInvalid, "answer needs an id and non-negative length and time")
		}
	case TypeSetSettings:
		if full.Settings == nil {
			return full, perr(CodeInvalid, "set_settings without settings")
		}
		for c := range full.Settings.NudgesOff {
			if cat, err := tracker.ParseCategory(c); err != nil || !cat.Trivial() {
				return full, perr(CodeInvalid, "no nudge category %q", c)
			}
		}
	case TypeHealth:
		if full.Health == nil {
			return full, perr(CodeInvalid, "health without health")
		}
	case TypeToday, TypeSettings, TypePing:
	default:
		return full, perr(CodeUnknownType, "unknown message type %q", full.Type)
	}
	return full, nil
}

// Request turns a captured request into the domain type, refusing what the
// extension should never send.
func (c *Captured) Request() (tracker.Request, error) {
	r := tracker.Request{
		ID:          c.ID,
		At:          time.UnixMilli(c.AtMs),
		Source:      tracker.SourceExtension,
		Site:        c.Site,
		Model:       c.Model,
		Kind:        tracker.Kind(c.Kind),
		Prompt:      c.Prompt,
		PromptChars: c.PromptChars,
		Attachments: c.Attachments,
		Reasoning:   c.Reasoning,
		WebSearch:   c.WebSearch,
		Outcome:     tracker.Outcome(c.Outcome),
		Tool:        c.Tool,
	}
	if c.AtMs <= 0 {
		return r, perr(CodeInvalid, "request %s: no time", c.ID)
	}
	// The host accepts the sites of defs.Sites under any of their names (an
	// extension from an older release still says "mistral") and records the
	// one id; the generic detector's requests keep the site "generic".
	site, known := defs.LookupSite(c.Site)
	if c.Site == SiteGeneric {
		site, known = defs.Site{ID: SiteGeneric}, true
	}
	if !known {
		return r, perr(CodeInvalid, "request %s: unknown site %q", c.ID, c.Site)
	}
	r.Site = site.ID
	if len(c.Model) > 200 || len(c.Tool) > 100 {
		return r, perr(CodeInvalid, "request %s: model or tool name too long", c.ID)
	}
	switch c.Reasoning {
	case tracker.ReasoningNone, tracker.ReasoningThinking, tracker.ReasoningDeep:
	default:
		return r, perr(CodeInvalid, "request %s: reasoning %q", c.ID, c.Reasoning)
	}
	cat, err := tracker.ParseCategory(c.Category)
	if err != nil {
		return r, perr(CodeInvalid, "request %s: %v", c.ID, err)
	}
	r.Category = cat
	if r.Kind == "" {
		r.Kind = tracker.KindText
	}
	if r.Prompt != nil && r.PromptChars == 0 {
		r.PromptChars = utf8.RuneCountInString(*r.Prompt)
	}
	if err := r.Validate(); err != nil {
		return r, perr(CodeInvalid, "%v", err)
	}
	return r, nil
}
