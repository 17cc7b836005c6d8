package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"frugal/tracker"
	"frugal/tracker/defs"
)

// requestColumns is the order of columns in inserts, selects and exports.
var requestColumns = []string{
	"id", "at_ms", "source", "site", "provider", "model", "kind",
	"prompt", "prompt_chars", "input_tokens", "answer_chars", "output_tokens", "latency_ms",
	"reasoning", "web_search", "attachments", "category", "tool", "outcome",
	"energy_wh_low", "energy_wh", "energy_wh_high",
	"co2_g_low", "co2_g", "co2_g_high",
	"water_ml_low", "water_ml", "water_ml_high",
	"method", "zone", "what_if", "warnings",
}

var (
	selectRequest = "SELECT " + strings.Join(requestColumns, ", ") + " FROM requests"
	insertRequest = "INSERT INTO requests (" + strings.Join(requestColumns, ", ") + ", updated_ms) VALUES (" +
		strings.Repeat("?, ", len(requestColumns)) + "?) ON CONFLICT(id) DO NOTHING"
	updateRequest = "UPDATE requests SET " + strings.Join(requestColumns[1:], " = ?, ") + " = ?, updated_ms = ? WHERE id = ?"
)

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// requestArgs returns r's values in requestColumns order.
func requestArgs(r *tracker.Request) ([]any, error) {
	var latency any
	if r.Latency != nil {
		latency = r.Latency.Milliseconds()
	}
	var prompt any
	if r.Prompt != nil {
		prompt = *r.Prompt
	}
	var warnings any
	if len(r.Warnings) > 0 {
		b, err := json.Marshal(r.Warnings)
		if err != nil {
			return nil, err
		}
		warnings = string(b)
	}
	args := []any{
		r.ID, r.At.UnixMilli(), string(r.Source), defs.CanonicalSite(r.Site), nullString(r.Provider), nullString(r.Model), string(r.Kind),
		prompt, int64(r.PromptChars), nullInt(r.InputTokens), nullInt(r.AnswerChars), nullInt(r.OutputTokens), latency,
		r.Reasoning, boolInt(r.WebSearch), int64(r.Attachments), nullString(string(r.Category)), nullString(r.Tool), string(r.Outcome),
	}
	if f := r.Footprint; f != nil {
		args = append(args,
			f.EnergyWh.Low, f.EnergyWh.Central, f.EnergyWh.High,
			f.CO2Grams.Low, f.CO2Grams.Central, f.CO2Grams.High,
			f.WaterML.Low, f.WaterML.Central, f.WaterML.High,
			nullString(f.Method), nullString(f.Zone), boolInt(f.WhatIf))
	} else {
		args = append(args, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
	}
	return append(args, warnings), nil
}

// rowScanner is *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

func scanRequest(sc rowScanner) (tracker.Request, error) {
	var (
		r                                  tracker.Request
		atMs, promptChars, webSearch, atts int64
		provider, model, prompt, category  sql.NullString
		tool, method, zone, warnings       sql.NullString
		inTok, ansChars, outTok, latency   sql.NullInt64
		whatIf                             sql.NullInt64
		e                                  [9]sql.NullFloat64
		source, kind, outcome              string
	)
	err := sc.Scan(&r.ID, &atMs, &source, &r.Site, &provider, &model, &kind,
		&prompt, &promptChars, &inTok, &ansChars, &outTok, &latency,
		&r.Reasoning, &webSearch, &atts, &category, &tool, &outcome,
		&e[0], &e[1], &e[2], &e[3], &e[4], &e[5], &e[6], &e[7], &e[8],
		&method, &zone, &whatIf, &warnings)
	if err != nil {
		return r, err
	}
	r.At = time.UnixMilli(atMs).UTC()
	r.Source, r.Kind, r.Outcome = tracker.Source(source), tracker.Kind(kind), tracker.Outcome(outcome)
	r.Provider, r.Model = provider.String, model.String
	if prompt.Valid {
		r.Prompt = &prompt.String
	}
	r.PromptChars = int(promptChars)
	r.InputTokens, r.AnswerChars, r.OutputTokens = intPtr(inTok), intPtr(ansChars), intPtr(outTok)
	if latency.Valid {
		d := time.Duration(latency.Int64) * time.Millisecond
		r.Latency = &d
	}
	r.WebSearch, r.Attachments = webSearch == 1, int(atts)
	r.Category, r.Tool = tracker.Category(category.String), tool.String
	if e[1].Valid {
		r.Footprint = &tracker.Footprint{
			EnergyWh: tracker.Range{Low: e[0].Float64, Central: e[1].Float64, High: e[2].Float64},
			CO2Grams: tracker.Range{Low: e[3].Float64, Central: e[4].Float64, High: e[5].Float64},
			WaterML:  tracker.Range{Low: e[6].Float64, Central: e[7].Float64, High: e[8].Float64},
			Method:   method.String, Zone: zone.String, WhatIf: whatIf.Int64 == 1,
		}
	}
	if warnings.Valid {
		if err := json.Unmarshal([]byte(warnings.String), &r.Warnings); err != nil {
			return r, fmt.Errorf("request %s: warnings: %w", r.ID, err)
		}
	}
	return r, nil
}

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

// Record inserts r. It reports inserted=false, and no error, when a request
// with the same id is already stored: a retried capture is counted once.
func (s *Store) Record(ctx context.Context, r tracker.Request) (bool, error) {
	if err := r.Validate(); err != nil {
		return false, fmt.Errorf("storage: record: %w", err)
	}
	args, err := requestArgs(&r)
	if err != nil {
		return false, fmt.Errorf("storage: record %s: %w", r.ID, err)
	}
	res, err := s.db.ExecContext(ctx, insertRequest, append(args, time.Now().UnixMilli())...)
	if err != nil {
		return false, fmt.Errorf("storage: record %s: %w", r.ID, classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: record %s: %w", r.ID, err)
	}
	return n == 1, nil
}

// Get returns the request with this id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (tracker.Request, error) {
	r, err := scanRequest(s.db.QueryRowContext(ctx, selectRequest+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("storage: request %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("storage: get %s: %w", id, err)
	}
	return r, nil
}

// Update replaces every column of the stored request with r's values
// (the answer finished, a re-estimate). ErrNotFound when it is not stored.
func (s *Store) Update(ctx context.Context, r tracker.Request) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("storage: update: %w", err)
	}
	args, err := requestArgs(&r)
	if err != nil {
		return fmt.Errorf("storage: update %s: %w", r.ID, err)
	}
	args = append(args[1:], time.Now().UnixMilli(), r.ID)
	res, err := s.db.ExecContext(ctx, updateRequest, args...)
	if err != nil {
		return fmt.Errorf("storage: update %s: %w", r.ID, classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: update %s: %w", r.ID, ErrNotFound)
	}
	return nil
}

// Range calls fn for each request with from ≤ at < to, in time order. A zero
// from or to leaves that side open. fn's error stops the walk.
func (s *Store) Range(ctx context.Context, from, to time.Time, fn func(tracker.Request) error) error {
	q, args := selectRequest+rangeWhere(from, to)+" ORDER BY at_ms, id", rangeArgs(from, to)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("storage: range: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			return fmt.Errorf("storage: range: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func rangeWhere(from, to time.Time) string {
	switch {
	case !from.IsZero() && !to.IsZero():
		return " WHERE at_ms >= ? AND at_ms < ?"
	case !from.IsZero():
		return " WHERE at_ms >= ?"
	case !to.IsZero():
		return " WHERE at_ms < ?"
	}
	return ""
}

func rangeArgs(from, to time.Time) []any {
	var a []any
	if !from.IsZero() {
		a = append(a, from.UnixMilli())
	}
	if !to.IsZero() {
		a = append(a, to.UnixMilli())
	}
	return a
}

// DeleteBefore deletes requests sent before t (the "keep history N months"
// setting) and returns how many went.
func (s *Store) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM requests WHERE at_ms < ?", t.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("storage: delete before %s: %w", t.Format(time.DateOnly), err)
	}
	return res.RowsAffected()
}

// DeleteAll deletes every request (settings are kept).
func (s *Store) DeleteAll(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM requests")
	if err != nil {
		return 0, fmt.Errorf("storage: delete all: %w", err)
	}
	return res.RowsAffected()
}

// Count returns the number of stored requests.
func (s *Store) Count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM requests").Scan(&n)
	return n, err
}
