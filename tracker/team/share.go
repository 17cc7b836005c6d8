// Package team is Frugal's aggregate-only sharing: the share file one person
// writes for one ISO week (totals per assistant, nothing else), and the team
// report that merges any number of them into an HTML page and a CSV table.
//
// It knows nothing of the database or the desktop: the CLI feeds it the
// requests of a week (BuildShare) and the paths of share files (Read).
package team

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"frugal/tracker"
)

// Format and Version identify a share file; docs/share.schema.json describes
// version 1. A reader refuses any other version rather than guess.
const (
	Format  = "frugal-share"
	Version = 1
)

// Other is the assistant id of every AI use outside the seven assistants,
// and the group name of the people merged for privacy in a report.
const Other = "other"

// Assistants are the seven assistant ids a share may name, in display order;
// everything else is counted under Other.
var Assistants = []string{"chatgpt", "claude", "gemini", "copilot", "lechat", "perplexity", "deepseek"}

// Slots are Assistants then Other: the index of an assistant in a share.
var Slots = append(append([]string{}, Assistants...), Other)

// DisplayName is how an assistant id reads in the report.
var DisplayName = map[string]string{
	"chatgpt": "ChatGPT", "claude": "Claude", "gemini": "Gemini", "copilot": "Copilot",
	"lechat": "Le Chat", "perplexity": "Perplexity", "deepseek": "DeepSeek", Other: "",
}

// aliases are other names a recorded site may carry for an assistant.
var aliases = map[string]string{
	"mistral": "lechat", "le chat": "lechat", "chat.mistral.ai": "lechat",
	"chat.openai.com": "chatgpt", "chatgpt.com": "chatgpt", "claude.ai": "claude",
	"gemini.google.com": "gemini", "copilot.microsoft.com": "copilot",
	"www.perplexity.ai": "perplexity", "perplexity.ai": "perplexity", "chat.deepseek.com": "deepseek",
}

// AssistantID maps a recorded site to one of Slots: a free name (a host,
// "my local model") becomes Other, so no other name leaves the machine.
func AssistantID(site string) string {
	s := strings.ToLower(strings.TrimSpace(site))
	if a, ok := aliases[s]; ok {
		return a
	}
	for _, a := range Assistants {
		if s == a {
			return a
		}
	}
	return Other
}

func slotIndex(id string) int {
	for i, s := range Slots {
		if s == id {
			return i
		}
	}
	return -1
}

// Range is a quantity with its bounds, low ≤ central ≤ high.
type Range struct {
	Low     float64 `json:"low"`
	Central float64 `json:"central"`
	High    float64 `json:"high"`
}

func (r Range) add(o Range) Range {
	return Range{r.Low + o.Low, r.Central + o.Central, r.High + o.High}
}

func fromTracker(r tracker.Range) Range { return Range{r.Low, r.Central, r.High} }

// Assistant is one assistant's totals for the week. Requests counts the
// requests sent; Trivial those of them a lighter tool would have answered;
// Followed the suggestions followed (requests not sent); Images and Videos
// the sent requests that generated one; Estimated the sent requests with a
// footprint estimate, whose sums are EnergyWh, CO2eG and WaterML.
type Assistant struct {
	ID        string `json:"id"`
	Requests  int64  `json:"requests"`
	Trivial   int64  `json:"trivial_requests"`
	Followed  int64  `json:"nudges_followed"`
	Images    int64  `json:"images"`
	Videos    int64  `json:"videos"`
	Estimated int64  `json:"estimated_requests"`
	EnergyWh  Range  `json:"energy_wh"`
	CO2eG     Range  `json:"co2e_g"`
	WaterML   Range  `json:"water_ml"`
}

func (a Assistant) empty() bool { return a.Requests == 0 && a.Followed == 0 }

// Share is one person-week: aggregates only. It holds no text typed by the
// person but the optional team label, no time finer than the ISO week, no
// site name beyond Slots.
type Share struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	InstallID string `json:"install_id"`     // random, 128 bits, hex; the person can reset it
	Team      string `json:"team,omitempty"` // optional label chosen by the person
	Week      string `json:"week"`           // ISO week the totals cover, e.g. 2026-W48
	// Created is the ISO week the file was written: when two files share an
	// install id and a week, the later Created wins (then the later file).
	Created    string      `json:"created"`
	Methods    []string    `json:"methods"` // estimation methods behind the figures
	Scope      string      `json:"scope"`   // what the figures include
	Assistants []Assistant `json:"assistants"`
}

// DefaultScope is what Frugal's estimates include today (docs/METHODOLOGY.md):
// the data centre's use and the manufacture of its hardware, location-based
// carbon; water for use only.
const DefaultScope = "datacenter-usage+embodied"

// MaxTeamLen bounds the team label, in characters.
const MaxTeamLen = 64

// MaxFileBytes bounds a share file: eight assistants take about 3 kB.
const MaxFileBytes = 64 << 10

// NewInstallID makes a random install id.
func NewInstallID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return hex.EncodeToString(b[:])
}

// Builder sums one week's requests into a share.
type Builder struct {
	slots   [9]Assistant // Slots, by index (one spare to keep the array size fixed)
	methods map[string]int64
}

// Add counts one request. Cancelled requests count nowhere, as in the
// weekly summary.
func (b *Builder) Add(r *tracker.Request) {
	a := &b.slots[slotIndex(AssistantID(r.Site))]
	switch r.Outcome {
	case tracker.OutcomeSent, tracker.OutcomeSentAnyway:
		a.Requests++
		if r.Category.Trivial() {
			a.Trivial++
		}
		switch r.Kind {
		case tracker.KindImage:
			a.Images++
		case tracker.KindVideo:
			a.Videos++
		}
		if f := r.Footprint; f != nil {
			a.Estimated++
			a.EnergyWh = a.EnergyWh.add(fromTracker(f.EnergyWh))
			a.CO2eG = a.CO2eG.add(fromTracker(f.CO2Grams))
			a.WaterML = a.WaterML.add(fromTracker(f.WaterML))
			if f.Method != "" {
				if b.methods == nil {
					b.methods = map[string]int64{}
				}
				b.methods[f.Method]++
			}
		}
	case tracker.OutcomeFollowed:
		a.Followed++
	}
}

// Share returns the share of week (its Monday) written in the ISO week of
// now. defaultMethod names the method when no request was estimated.
func (b *Builder) Share(installID, teamLabel string, monday, now time.Time, defaultMethod, scope string) Share {
	s := Share{Format: Format, Version: Version, InstallID: installID, Team: strings.TrimSpace(teamLabel),
		Week: tracker.ISOWeek(monday), Created: tracker.ISOWeek(now), Scope: scope, Assistants: []Assistant{}}
	for i, id := range Slots {
		a := b.slots[i]
		a.ID = id
		if !a.empty() {
			s.Assistants = append(s.Assistants, a)
		}
	}
	for m := range b.methods {
		s.Methods = append(s.Methods, m)
	}
	sort.Strings(s.Methods)
	if len(s.Methods) == 0 {
		s.Methods = []string{defaultMethod}
	}
	return s
}

// Encode writes s as indented JSON, the exact bytes of a share file.
func (s Share) Encode() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

var (
	hexID    = regexp.MustCompile(`^[0-9a-f]{32}$`)
	isoWeek  = regexp.MustCompile(`^[0-9]{4}-W[0-9]{2}$`)
	methodRe = regexp.MustCompile(`^[A-Za-z0-9._+-]{1,64}$`)
)

// CheckTeam checks a team label: at most MaxTeamLen characters, printable,
// on one line.
func CheckTeam(t string) error {
	if !utf8.ValidString(t) {
		return errors.New("team label is not UTF-8")
	}
	if n := utf8.RuneCountInString(t); n > MaxTeamLen {
		return fmt.Errorf("team label of %d characters (at most %d)", n, MaxTeamLen)
	}
	if strings.ContainsAny(t[:min(len(t), 1)], "=+-@") {
		return errors.New("team label may not start with = + - or @ (spreadsheets would read a formula)")
	}
	for _, r := range t {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("team label holds a control character %U", r)
		}
	}
	return nil
}

func checkWeek(what, w string) error {
	if !isoWeek.MatchString(w) {
		return fmt.Errorf("%s %q is not an ISO week (YYYY-Www)", what, w)
	}
	if _, err := tracker.ParseISOWeek(w, time.UTC); err != nil {
		return fmt.Errorf("%s: %v", what, err)
	}
	return nil
}

func checkRange(what string, r Range) error {
	for _, v := range []float64{r.Low, r.Central, r.High} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("%s: %v is not a non-negative number", what, v)
		}
	}
	// Sums of bounds keep their order; a little slack for rounding.
	if r.Low > r.Central*(1+1e-9)+1e-12 || r.Central > r.High*(1+1e-9)+1e-12 {
		return fmt.Errorf("%s: low %g, central %g, high %g are out of order", what, r.Low, r.Central, r.High)
	}
	return nil
}

// Validate checks everything a reader relies on.
func (s Share) Validate() error {
	if s.Format != Format {
		return fmt.Errorf("format %q is not %q", s.Format, Format)
	}
	if s.Version != Version {
		return fmt.Errorf("version %d (this frugal reads version %d)", s.Version, Version)
	}
	if !hexID.MatchString(s.InstallID) {
		return errors.New("install_id is not 32 lower-case hex digits")
	}
	if err := CheckTeam(s.Team); err != nil {
		return err
	}
	if s.Team != strings.TrimSpace(s.Team) {
		return errors.New("team label has spaces around it")
	}
	if err := checkWeek("week", s.Week); err != nil {
		return err
	}
	if err := checkWeek("created", s.Created); err != nil {
		return err
	}
	if s.Created < s.Week {
		return fmt.Errorf("created %s is before the week %s it covers", s.Created, s.Week)
	}
	if len(s.Methods) == 0 || len(s.Methods) > 8 {
		return errors.New("methods: want 1 to 8 method names")
	}
	for _, m := range s.Methods {
		if !methodRe.MatchString(m) {
			return fmt.Errorf("method %q is not a method name", m)
		}
	}
	if !methodRe.MatchString(s.Scope) {
		return fmt.Errorf("scope %q is not a scope name", s.Scope)
	}
	if s.Assistants == nil {
		return errors.New("assistants missing")
	}
	seen := map[string]bool{}
	for _, a := range s.Assistants {
		if slotIndex(a.ID) < 0 {
			return fmt.Errorf("assistant %q is not one of %s", a.ID, strings.Join(Slots, ", "))
		}
		if seen[a.ID] {
			return fmt.Errorf("assistant %q appears twice", a.ID)
		}
		seen[a.ID] = true
		for name, n := range map[string]int64{"requests": a.Requests, "trivial_requests": a.Trivial, "nudges_followed": a.Followed,
			"images": a.Images, "videos": a.Videos, "estimated_requests": a.Estimated} {
			if n < 0 || n > 1e7 {
				return fmt.Errorf("%s %s: %d is out of range", a.ID, name, n)
			}
		}
		if a.Trivial > a.Requests || a.Estimated > a.Requests || a.Images+a.Videos > a.Requests {
			return fmt.Errorf("%s: trivial, estimated, images and videos cannot exceed the %d requests", a.ID, a.Requests)
		}
		for name, r := range map[string]Range{"energy_wh": a.EnergyWh, "co2e_g": a.CO2eG, "water_ml": a.WaterML} {
			if err := checkRange(a.ID+" "+name, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// Decode reads a share file strictly: anything but one version-1 share
// object (an unknown field, a prompt, trailing data) is refused with the
// reason.
func Decode(data []byte) (Share, error) {
	var s Share
	if len(bytes.TrimSpace(data)) == 0 {
		return s, errors.New("empty file: not a share file")
	}
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset >= int64(len(data)) || strings.Contains(err.Error(), "unexpected end of JSON input") {
			if bytes.Contains(data, []byte(Format)) {
				return s, errors.New("truncated share file (the JSON stops before its end)")
			}
		}
		if strings.Contains(err.Error(), "after top-level value") && bytes.Contains(data, []byte(Format)) {
			return s, errors.New("bad share file: data after the share object")
		}
		return s, fmt.Errorf("not a share file: %v", err)
	}
	if head.Format == nil || *head.Format != Format {
		return s, errors.New("not a share file (no \"format\": \"" + Format + "\")")
	}
	if head.Version == nil || *head.Version != Version {
		v := "none"
		if head.Version != nil {
			v = fmt.Sprint(*head.Version)
		}
		return s, fmt.Errorf("unknown version %s (this frugal reads version %d)", v, Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		if strings.Contains(err.Error(), "unknown field") {
			return Share{}, fmt.Errorf("extra field refused (a share holds totals only): %v", strings.TrimPrefix(err.Error(), "json: "))
		}
		return Share{}, fmt.Errorf("bad share file: %v", strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return Share{}, errors.New("bad share file: data after the share object")
	}
	if err := s.Validate(); err != nil {
		return Share{}, fmt.Errorf("bad share file: %v", err)
	}
	return s, nil
}
