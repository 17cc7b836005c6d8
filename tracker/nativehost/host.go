package nativehost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"frugal/tracker"
	"frugal/tracker/capture"
	"frugal/tracker/defs"
)

// Totals are the sums the popup shows.
type Totals struct {
	Count, Trivial, Estimated int
	Footprint                 tracker.Footprint
}

// Deps are what Serve works with. Every request goes through Service (the
// one request path, shared with the CLI and the windows); its Classifier and
// Estimator may be nil (verdicts and estimates are then left empty, never
// made up), and without a Store only ping and classify are answered.
type Deps struct {
	Service *tracker.Service
	// Totals sums the requests sent in [from, to).
	Totals func(ctx context.Context, from, to time.Time) (Totals, error)
	// NotFound is the store's "no such request" error, matched with errors.Is.
	NotFound error
	// DiskFull is the store's "the disk is full" error, matched with
	// errors.Is: the reply then says disk_full, and the extension keeps the
	// event queued to send again later.
	DiskFull error
	Now      func() time.Time
	Log      *log.Logger // nil: discard
	// Timeout bounds the handling of one message (default 10 s).
	Timeout time.Duration
	// Selectors is the selector table in use; when set, Serve sends it as
	// its first frame (TypeSelectors). Nil sends nothing.
	Selectors *capture.Source
	// Health stores capture-health batches; nil refuses them with
	// "internal" (the extension keeps them to send again).
	Health HealthStore
}

// SiteGeneric is the site of requests captured by the generic detector, on a
// chat page the person chose to track ("Track this site"): accepted besides
// Sites, recorded, not estimated (no known provider).
const SiteGeneric = "generic"

// HealthStore keeps capture-health deltas; *storage.Store has this method.
// RecordHealth reports false when the batch id was already applied.
type HealthStore interface {
	RecordHealth(ctx context.Context, b capture.HealthBatch) (bool, error)
}

// SelectorsMessage is the frame Serve sends first: the table in use, where
// it comes from ("builtin" or the file's path) and a data-folder file that
// was not used, with the reason.
type SelectorsMessage struct {
	Type     string          `json:"type"`
	V        int             `json:"v"`
	Version  int             `json:"version"`
	Source   string          `json:"source"`
	Table    json.RawMessage `json:"table"`
	Rejected string          `json:"rejected,omitempty"`
	Reason   string          `json:"reason,omitempty"`
}

// selectorsFrame builds the first frame from the table in use.
func selectorsFrame(s *capture.Source) ([]byte, error) {
	m := SelectorsMessage{Type: TypeSelectors, V: Version, Version: s.Table.Version, Source: "builtin",
		Table: s.Table.JSON, Rejected: s.Rejected, Reason: s.Reason}
	if s.Path != "" {
		m.Source = s.Path
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if len(b) > MaxOutBytes {
		return nil, fmt.Errorf("nativehost: selector table message of %d bytes (limit %d)", len(b), MaxOutBytes)
	}
	return b, nil
}

// IsHostInvocation reports whether args (os.Args[1:]) are those a browser
// passes when it starts a native messaging host: Chrome and the other
// Chromium browsers pass the caller's origin "chrome-extension://ID/" first
// (on Windows a --parent-window=N may follow); Firefox passes the path of the
// host manifest and the add-on's id.
func IsHostInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if strings.HasPrefix(args[0], "chrome-extension://") {
		return true
	}
	return len(args) == 2 && strings.HasSuffix(strings.ToLower(args[0]), ".json") && args[1] == GeckoID
}

// Serve answers framed messages from in on out until in ends (nil) or the
// stream can no longer be trusted (ErrFrameTooLarge, after an error reply).
// Messages are handled one at a time, so replies come in request order.
func Serve(ctx context.Context, in io.Reader, out io.Writer, d Deps) error {
	h := &handler{d: d}
	if h.d.Now == nil {
		h.d.Now = time.Now
	}
	// The host's clock decides "paused" too (a copy: the caller's
	// Service is not changed).
	svc := tracker.Service{}
	if h.d.Service != nil {
		svc = *h.d.Service
	}
	if svc.Now == nil {
		svc.Now = h.d.Now
	}
	h.d.Service = &svc
	if h.d.Log == nil {
		h.d.Log = log.New(io.Discard, "", 0)
	}
	if h.d.Timeout == 0 {
		h.d.Timeout = 10 * time.Second
	}
	if d.Selectors != nil && len(d.Selectors.Table.JSON) > 0 {
		b, err := selectorsFrame(d.Selectors)
		if err != nil {
			h.d.Log.Printf("%v; not sent", err) // the extension uses its own copy
		} else if err := WriteFrame(out, b); err != nil {
			return err
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil
		}
		payload, err := ReadFrame(in, MaxInBytes)
		switch {
		case err == nil:
		case errors.Is(err, io.EOF):
			return nil // the browser closed the port
		case errors.Is(err, ErrEmptyFrame):
			h.d.Log.Printf("nativehost: %v", err)
			if werr := h.writeError(out, "", perr(CodeEmptyFrame, "empty message")); werr != nil {
				return werr
			}
			continue
		case errors.Is(err, ErrFrameTooLarge):
			h.d.Log.Printf("nativehost: %v; closing (the stream can't be resynchronised)", err)
			if werr := h.writeError(out, "", perr(CodeFrameTooLarge, "message longer than %d bytes; the host is closing", MaxInBytes)); werr != nil {
				return werr
			}
			return err
		case errors.Is(err, ErrTruncated):
			h.d.Log.Printf("nativehost: %v", err)
			_ = h.writeError(out, "", perr(CodeTruncated, "message cut short"))
			return nil // the writer is gone: nothing more will come
		default:
			return err
		}
		// A message already read is handled to the end (within Timeout)
		// even when ctx ends meanwhile: its reply tells the extension
		// whether it was recorded. The loop stops before the next one.
		if err := h.handle(context.WithoutCancel(ctx), out, payload); err != nil {
			return err
		}
	}
}

type handler struct {
	d Deps
}

// handle decodes and answers one message; it returns only write errors.
func (h *handler) handle(ctx context.Context, out io.Writer, payload []byte) error {
	m, err := Decode(payload)
	if err != nil {
		h.d.Log.Printf("nativehost: refused message %q: %v", m.ID, err)
		return h.writeError(out, m.ID, err)
	}
	ctx, cancel := context.WithTimeout(ctx, h.d.Timeout)
	defer cancel()
	body, err := h.dispatch(ctx, m)
	if err != nil {
		var pe *protoError
		switch {
		case errors.As(err, &pe):
		case h.d.DiskFull != nil && errors.Is(err, h.d.DiskFull):
			h.d.Log.Printf("nativehost: %s %s: %v", m.Type, m.ID, err)
			err = perr(CodeDiskFull, "the disk is full; nothing was saved, send it again later")
		default:
			// Internal detail stays in the log; the extension gets a code.
			h.d.Log.Printf("nativehost: %s %s: %v", m.Type, m.ID, err)
			err = perr(CodeInternal, "the host could not handle %s", m.Type)
		}
		return h.writeError(out, m.ID, err)
	}
	if body == nil {
		body = map[string]any{}
	}
	body["id"] = m.ID
	body["ok"] = true
	b, err := json.Marshal(body)
	if err != nil {
		h.d.Log.Printf("nativehost: encode reply to %s: %v", m.ID, err)
		return h.writeError(out, m.ID, perr(CodeInternal, "could not encode the reply"))
	}
	if len(b) > MaxOutBytes {
		return h.writeError(out, m.ID, perr(CodeReplyTooLarge, "reply over %d bytes", MaxOutBytes))
	}
	return WriteFrame(out, b)
}

func (h *handler) writeError(out io.Writer, id string, err error) error {
	var pe *protoError
	if !errors.As(err, &pe) {
		pe = perr(CodeInternal, "internal error")
	}
	var idv any
	if id != "" {
		idv = id
	}
	b, _ := json.Marshal(map[string]any{"id": idv, "error": map[string]string{"code": pe.code, "message": pe.msg}})
	return WriteFrame(out, b)
}

func (h *handler) dispatch(ctx context.Context, m Message) (map[string]any, error) {
	switch m.Type {
	case TypePing:
		return map[string]any{"v": Version, "classifier": h.d.Service.Classifier != nil, "estimator": h.d.Service.Estimator != nil}, nil
	case TypeClassify:
		return h.classify(ctx, m.Text, m.Lang)
	case TypeRecord:
		return h.record(ctx, m.Request)
	case TypeUpdate:
		return h.update(ctx, m.Answer)
	case TypeToday:
		return h.today(ctx)
	case TypeSettings:
		s, err := h.settings(ctx)
		if err != nil {
			return nil, err
		}
		return map[string]any{"settings": settingsView(s)}, nil
	case TypeSetSettings:
		return h.setSettings(ctx, m.Settings)
	case TypeHealth:
		return h.health(ctx, m.Health)
	}
	return nil, perr(CodeUnknownType, "unknown message type %q", m.Type)
}

func (h *handler) settings(ctx context.Context) (tracker.Settings, error) {
	return h.d.Service.Settings(ctx)
}

// classify gives the verdict on a draft. nudge says whether the card should
// show: the category is trivial and its nudge is not turned off.
func (h *handler) classify(ctx context.Context, text, lang string) (map[string]any, error) {
	v, nudge, ok, err := h.d.Service.Classify(ctx, text, lang)
	if err != nil {
		return nil, err
	}
	if !ok {
		return map[string]any{"verdict": nil, "nudge": false, "classifier": false}, nil
	}
	return map[string]any{"verdict": v, "nudge": nudge, "classifier": true}, nil
}

func (h *handler) record(ctx context.Context, c *Captured) (map[string]any, error) {
	r, err := c.Request()
	if err != nil {
		return nil, err
	}
	stored, inserted, err := h.d.Service.Capture(ctx, r)
	if errors.Is(err, tracker.ErrPaused) {
		return nil, perr(CodePaused, "tracking is paused")
	}
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"duplicate": !inserted,
		"category":  stored.Category,
		"estimated": stored.Footprint != nil,
	}, nil
}

// update records the end of an answer and estimates the request again with
// the measured length and streaming time.
func (h *handler) update(ctx context.Context, a *Answer) (map[string]any, error) {
	r, err := h.d.Service.Answer(ctx, a.ID, a.Chars, time.Duration(a.StreamingMs)*time.Millisecond)
	if err != nil {
		if h.d.NotFound != nil && errors.Is(err, h.d.NotFound) {
			return nil, perr(CodeNotFound, "no request %s", a.ID)
		}
		return nil, err
	}
	return map[string]any{"estimated": r.Footprint != nil}, nil
}

// today sums the requests of the current local day.
func (h *handler) today(ctx context.Context) (map[string]any, error) {
	if h.d.Totals == nil {
		return nil, errors.New("no totals")
	}
	now := h.d.Now()
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	to := from.AddDate(0, 0, 1) // not +24h: DST days are 23 or 25 hours long
	t, err := h.d.Totals(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var fp any
	if t.Estimated > 0 {
		fp = footprintView(t.Footprint)
	}
	return map[string]any{"date": from.Format("2006-01-02"), "count": t.Count, "trivial": t.Trivial,
		"estimated": t.Estimated, "footprint": fp}, nil
}

func (h *handler) setSettings(ctx context.Context, p *SettingsPatch) (map[string]any, error) {
	if p.PausedUntilMs != nil && *p.PausedUntilMs < 0 {
		return nil, perr(CodeInvalid, "paused_until_ms must not be negative")
	}
	// The patch is applied inside the store's transaction: a pause set by
	// the tray between our read and our write would otherwise be lost.
	s, err := h.d.Service.UpdateSettings(ctx, func(s *tracker.Settings) error {
		if s.NudgesOff == nil {
			s.NudgesOff = map[string]bool{}
		}
		for c, off := range p.NudgesOff {
			if off {
				s.NudgesOff[c] = true
			} else {
				delete(s.NudgesOff, c)
			}
		}
		if p.TrackPrivate != nil {
			s.TrackPrivate = *p.TrackPrivate
		}
		if p.PausedUntilMs != nil {
			s.PausedUntilMs = *p.PausedUntilMs
		}
		if err := s.Validate(); err != nil {
			return perr(CodeInvalid, "%v", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"settings": settingsView(s)}, nil
}

func settingsView(s tracker.Settings) map[string]any {
	off := s.NudgesOff
	if off == nil {
		off = map[string]bool{}
	}
	return map[string]any{
		defs.KeyNudgesOff:     off,
		defs.KeyPrivacy:       s.Privacy,
		defs.KeyTrackPrivate:  s.TrackPrivate,
		defs.KeyPausedUntilMs: s.PausedUntilMs,
		defs.KeyLanguage:      s.Language,
	}
}

func rangeView(r tracker.Range) map[string]float64 {
	return map[string]float64{"low": r.Low, "central": r.Central, "high": r.High}
}

func footprintView(f tracker.Footprint) map[string]any {
	return map[string]any{
		"energy_wh": rangeView(f.EnergyWh),
		"co2_g":     rangeView(f.CO2Grams),
		"water_ml":  rangeView(f.WaterML),
		"method":    f.Method,
	}
}

// health stores one batch of capture-health deltas. A batch already applied
// is acknowledged again ("applied": false), so the extension drops it.
func (h *handler) health(ctx context.Context, b *capture.HealthBatch) (map[string]any, error) {
	if err := b.Validate(h.d.Now()); err != nil {
		return nil, perr(CodeInvalid, "health: %v", err)
	}
	if h.d.Health == nil {
		return nil, errors.New("no database")
	}
	applied, err := h.d.Health.RecordHealth(ctx, *b)
	if err != nil {
		return nil, err
	}
	return map[string]any{"applied": applied}, nil
}
