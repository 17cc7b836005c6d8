package tracker

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Classifier gives a verdict on a prompt's text. lang is "fr", "en" or "".
type Classifier interface {
	Classify(text, lang string) Verdict
}

// Estimator estimates the footprint of a request from what was seen of it.
// It may fill Provider, Model, InputTokens and OutputTokens and add warnings.
type Estimator interface {
	Estimate(r *Request) (Footprint, error)
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

// ErrPaused is returned by Capture while tracking is paused.
var ErrPaused = errors.New("tracking is paused")

// Service takes a captured request through classify → estimate → record.
// Classifier and Estimator may be nil: the columns they fill then stay empty
// and outputs say "not estimated", never a made-up number.
type Service struct {
	Classifier Classifier
	Estimator  Estimator
	Sink       Sink
	Settings   func(context.Context) (Settings, error)
	Now        func() time.Time
}

// Prepare classifies and estimates r and applies the privacy setting, without
// recording it. Capture uses it; so does the import path for dry runs.
func (s *Service) Prepare(ctx context.Context, r Request) (Request, Settings, error) {
	set := DefaultSettings()
	if s.Settings != nil {
		var err error
		if set, err = s.Settings(ctx); err != nil {
			return r, set, fmt.Errorf("capture: settings: %w", err)
		}
	}
	if r.Prompt != nil {
		if !utf8.ValidString(*r.Prompt) {
			return r, set, fmt.Errorf("capture %s: prompt is not valid UTF-8", r.ID)
		}
		if r.PromptChars == 0 {
			r.PromptChars = utf8.RuneCountInString(*r.Prompt)
		}
	}
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
		v := s.Classifier.Classify(*r.Prompt, "")
		r.Category, r.Tool = v.Category, v.Tool
	}
	// A text request that asks for an image, a video or audio costs what
	// generating them costs.
	if kd, ok := s.Classifier.(KindDetector); ok && r.Kind == KindText && r.Prompt != nil {
		r.Kind = kd.DetectKind(*r.Prompt)
	}
	// A followed suggestion is estimated too: what it would have cost is what
	// following the suggestion avoided. Totals count only sent requests.
	if s.Estimator != nil && r.Footprint == nil && r.Outcome != OutcomeCancelled {
		fp, err := s.Estimator.Estimate(&r)
		if err != nil {
			// A request is never lost because it could not be estimated.
			r.Warnings = append(r.Warnings, "not estimated: "+err.Error())
		} else {
			r.Footprint = &fp
		}
	}
	r.Prompt = set.Privacy.Apply(r.Prompt)
	return r, set, nil
}

// Capture records one request. It returns the request as stored and whether
// it was new.
func (s *Service) Capture(ctx context.Context, r Request) (Request, bool, error) {
	r, set, err := s.Prepare(ctx, r)
	if err != nil {
		return r, false, err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if set.PausedUntilMs > now().UnixMilli() {
		return r, false, ErrPaused
	}
	ins, err := s.Sink.Record(ctx, r)
	if err != nil {
		return r, false, fmt.Errorf("capture: %w", err)
	}
	return r, ins, nil
}
