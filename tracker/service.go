package tracker

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"frugal/tracker/defs"
)

// Classifier gives a verdict on a prompt's text under the person's settings
// (search engine, weather service). lang is "fr", "en" or "".
type Classifier interface {
	Classify(set Settings, text, lang string) Verdict
}

// Estimator estimates the footprint of a request from what was seen of it,
// under the person's settings (the grid zone). It may fill Provider, Model,
// InputTokens and OutputTokens and add warnings.
type Estimator interface {
	Estimate(set Settings, r *Request) (Footprint, error)
}

// KindDetector is an optional part of a Classifier: it tells requests to
// generate an image, a video or audio from text requests.
type KindDetector interface {
	DetectKind(text string) Kind
}

// Sink stores requests. Record reports inserted=false when a request with the
// same id was already there (a retry), which is not an error.
type Sink interface {
	Record(ctx context.Context, r Request) (inserted bool, err error)
}

// Store is what the Service needs from the database; *storage.Store has
// these methods.
type Store interface {
	Sink
	Get(ctx context.Context, id string) (Request, error)
	Update(ctx context.Context, r Request) error
	// Settings returns the saved settings, DefaultSettings for what was
	// never saved.
	Settings(ctx context.Context) (Settings, error)
	// UpdateSettings reads, changes and saves the settings in one
	// transaction; nothing is saved when change fails.
	UpdateSettings(ctx context.Context, change func(*Settings) error) (Settings, error)
}

// Reestimator is the part of a Store that brings stored estimates to a
// method: every request not cancelled whose estimate was made with another
// method version than method gets fn, in batches each committed on its
// own (a killed run leaves rows old or new; the next run carries on).
// A row fn fails on keeps its old estimate, with the reason as a warning.
// StaleCount is what is left to do.
type Reestimator interface {
	Count(ctx context.Context) (int64, error)
	StaleCount(ctx context.Context, method string) (int64, error)
	Reestimate(ctx context.Context, method string, fn func(*Request) error, progress func(done, left int64)) (int64, error)
}

// MethodNamer is the part of an Estimator that names the method version
// it estimates with under set (the release's method, its data tables and
// the scope the settings choose).
type MethodNamer interface {
	Method(set Settings) (string, error)
}

// ErrPaused is returned by Capture while tracking is paused.
var ErrPaused = errors.New("tracking is paused")

// ErrNoStore is returned by operations that need the database when the
// Service has none.
var ErrNoStore = errors.New("no database")

// Service is the one path a request takes, whoever captured it (the native
// host, the CLI, the log window): classify → estimate → record, the answer's
// update and re-estimation, and the settings they depend on. Each operation
// reads the settings once and hands them to the classifier and estimator.
// Classifier and Estimator may be nil: the columns they fill then stay
// empty and outputs say "not estimated", never a made-up number.
type Service struct {
	Classifier Classifier
	Estimator  Estimator
	Store      Store
	Now        func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Settings returns the person's settings (the defaults without a store).
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	if s.Store == nil {
		return DefaultSettings(), nil
	}
	set, err := s.Store.Settings(ctx)
	if err != nil {
		return DefaultSettings(), fmt.Errorf("settings: %w", err)
	}
	return set, nil
}

// UpdateSettings changes the settings in one transaction (see Store).
func (s *Service) UpdateSettings(ctx context.Context, change func(*Settings) error) (Settings, error) {
	if s.Store == nil {
		return DefaultSettings(), ErrNoStore
	}
	return s.Store.UpdateSettings(ctx, change)
}

// Classify gives the verdict on a draft, and whether the card should show:
// the category is trivial and its nudge is not turned off. ok is false
// when there is no classifier.
func (s *Service) Classify(ctx context.Context, text, lang string) (v Verdict, nudge, ok bool, err error) {
	if s.Classifier == nil {
		return v, false, false, nil
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return v, false, true, err
	}
	v = s.Classifier.Classify(set, text, lang)
	return v, v.Category.Trivial() && !set.NudgesOff[string(v.Category)], true, nil
}

// estimable is the one rule for which requests get an estimate, at capture,
// when their answer arrives and on re-estimation: every request but a
// cancelled one. A followed suggestion is estimated too: what it would have
// cost is what following the suggestion avoided. Totals count only sent
// requests.
func estimable(r *Request) bool { return r.Outcome != OutcomeCancelled }

// estimate fills r.Footprint under set. A request is never lost because it
// could not be estimated: the reason goes in its warnings, and an earlier
// estimate, if any, stays.
func (s *Service) estimate(set Settings, r *Request) {
	if err := s.estimateErr(set, r); err != nil {
		r.Warnings = append(r.Warnings, "not estimated: "+err.Error())
	}
}

// estimateErr is estimate that returns the estimator's error instead.
func (s *Service) estimateErr(set Settings, r *Request) error {
	if s.Estimator == nil || !estimable(r) {
		return nil
	}
	fp, err := s.Estimator.Estimate(set, r)
	if err != nil {
		return err
	}
	r.Footprint = &fp
	return nil
}

// Prepare classifies and estimates r and applies the privacy setting, without
// recording it. Capture uses it; so does the import path for dry runs.
func (s *Service) Prepare(ctx context.Context, r Request) (Request, Settings, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return r, set, fmt.Errorf("capture: %w", err)
	}
	return s.prepare(set, r)
}

func (s *Service) prepare(set Settings, r Request) (Request, Settings, error) {
	if r.Prompt != nil {
		if !utf8.ValidString(*r.Prompt) {
			return r, set, fmt.Errorf("capture %s: prompt is not valid UTF-8", r.ID)
		}
		if r.PromptChars == 0 {
			r.PromptChars = utf8.RuneCountInString(*r.Prompt)
		}
	}
	// One id per assistant, whatever name it was given ("mistral", "Le Chat").
	r.Site = defs.CanonicalSite(r.Site)
	if r.Kind == "" {
		r.Kind = KindText
	}
	if r.Outcome == "" {
		r.Outcome = OutcomeSent
	}
	if err := r.Validate(); err != nil {
		return r, set, err
	}
	if s.Classifier != nil && r.Category == "" && r.Prompt != nil {
		// Requests are recorded with their true category even when that
		// category's nudge is off: the nudge setting decides what the
		// extension shows, not what the summary counts.
		v := s.Classifier.Classify(set, *r.Prompt, "")
		r.Category, r.Tool = v.Category, v.Tool
	}
	// A text request that asks for an image, a video or audio costs what
	// generating them costs.
	if kd, ok := s.Classifier.(KindDetector); ok && r.Kind == KindText && r.Prompt != nil {
		r.Kind = kd.DetectKind(*r.Prompt)
	}
	if r.Footprint == nil {
		s.estimate(set, &r)
	}
	r.Prompt = set.Privacy.Apply(r.Prompt)
	return r, set, nil
}

// Capture records one request. It returns the request as stored and whether
// it was new.
func (s *Service) Capture(ctx context.Context, r Request) (Request, bool, error) {
	if s.Store == nil {
		return r, false, ErrNoStore
	}
	r, set, err := s.Prepare(ctx, r)
	if err != nil {
		return r, false, err
	}
	if set.PausedUntilMs > s.now().UnixMilli() {
		return r, false, ErrPaused
	}
	ins, err := s.Store.Record(ctx, r)
	if err != nil {
		return r, false, fmt.Errorf("capture: %w", err)
	}
	return r, ins, nil
}

// Answer records that the answer to request id finished streaming, with its
// length and streaming time, and estimates the request again with them. The
// store's "not found" error is returned wrapped when there is no such
// request.
func (s *Service) Answer(ctx context.Context, id string, chars int, streaming time.Duration) (Request, error) {
	if s.Store == nil {
		return Request{}, ErrNoStore
	}
	if chars < 0 || streaming < 0 {
		return Request{}, fmt.Errorf("answer %s: negative length or time", id)
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return Request{}, fmt.Errorf("answer %s: %w", id, err)
	}
	r, err := s.Store.Get(ctx, id)
	if err != nil {
		return r, fmt.Errorf("answer %s: %w", id, err)
	}
	r.AnswerChars, r.Latency = &chars, &streaming
	r.OutputTokens = nil // measured again from the answer
	s.estimate(set, &r)
	if err := s.Store.Update(ctx, r); err != nil {
		return r, fmt.Errorf("answer %s: %w", id, err)
	}
	return r, nil
}

// ReestimateResult says what Reestimate did: of Total stored requests,
// Changed were re-estimated with Method and Left still are not (their
// estimate failed: each says why in its warnings).
type ReestimateResult struct {
	Total, Changed, Left int64
	Method               string
}

// Reestimate is the one rule and the one code path that bring stored
// requests to the current method, behind `frugal reestimate` and the
// tray's background run: a request whose stored method version differs
// from the one the estimator names under the current settings is
// estimated again; all re-estimates every request. progress, if not nil,
// gets rows done and rows left after each batch.
func (s *Service) Reestimate(ctx context.Context, all bool, progress func(done, left int64)) (ReestimateResult, error) {
	var res ReestimateResult
	rs, ok := s.Store.(Reestimator)
	if !ok || s.Store == nil {
		return res, ErrNoStore
	}
	if s.Estimator == nil {
		return res, errors.New("reestimate: no estimator in this build")
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return res, fmt.Errorf("reestimate: %w", err)
	}
	if res.Method, err = s.Method(set); err != nil {
		return res, fmt.Errorf("reestimate: %w", err)
	}
	match := res.Method
	if all {
		match = "" // no stored method is "": every row differs
	}
	res.Changed, err = rs.Reestimate(ctx, match, func(r *Request) error {
		return s.estimateErr(set, r)
	}, progress)
	if err != nil {
		return res, fmt.Errorf("reestimate: %w", err)
	}
	if res.Total, err = rs.Count(ctx); err == nil {
		res.Left, err = rs.StaleCount(ctx, res.Method)
	}
	if err != nil {
		return res, fmt.Errorf("reestimate: %w", err)
	}
	return res, nil
}

// Method is the method version estimates are made with under set; an
// estimator that does not name one gives "".
func (s *Service) Method(set Settings) (string, error) {
	if m, ok := s.Estimator.(MethodNamer); ok {
		return m.Method(set)
	}
	return "", nil
}

// CurrentMethod is Method under the saved settings.
func (s *Service) CurrentMethod(ctx context.Context) (string, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	return s.Method(set)
}
