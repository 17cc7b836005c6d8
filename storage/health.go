package storage

import (
	"context"
	"fmt"
	"time"

	"frugal/tracker/capture"
)

// keepHealthBatchesFor is how long applied batch ids are kept: the extension
// retries a batch for minutes or days (while the host is unreachable), never
// for months.
const keepHealthBatchesFor = 90 * 24 * time.Hour

const (
	insertHealthBatch = `INSERT INTO capture_health_batches (id, at_ms) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`
	pruneHealthBatch  = `DELETE FROM capture_health_batches WHERE at_ms < ?`
	upsertHealth      = `INSERT INTO capture_health (day, site, sends, answers, timeouts, net_only,
	miss_composer, miss_send, miss_answer, miss_stop, last_send_ms, last_answer_ms, last_miss_ms, last_miss,
	unanswered, updated_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), nullif(?, ''), ?, ?)
ON CONFLICT(day, site) DO UPDATE SET
	sends = sends + excluded.sends,
	answers = answers + excluded.answers,
	timeouts = timeouts + excluded.timeouts,
	net_only = net_only + excluded.net_only,
	miss_composer = miss_composer + excluded.miss_composer,
	miss_send = miss_send + excluded.miss_send,
	miss_answer = miss_answer + excluded.miss_answer,
	miss_stop = miss_stop + excluded.miss_stop,
	last_send_ms = max(coalesce(last_send_ms, excluded.last_send_ms), coalesce(excluded.last_send_ms, last_send_ms)),
	last_answer_ms = max(coalesce(last_answer_ms, excluded.last_answer_ms), coalesce(excluded.last_answer_ms, last_answer_ms)),
	last_miss = CASE WHEN coalesce(excluded.last_miss_ms, 0) > coalesce(last_miss_ms, 0) THEN excluded.last_miss ELSE last_miss END,
	last_miss_ms = max(coalesce(last_miss_ms, excluded.last_miss_ms), coalesce(excluded.last_miss_ms, last_miss_ms)),
	unanswered = CASE WHEN excluded.updated_ms >= updated_ms THEN excluded.unanswered ELSE unanswered END,
	updated_ms = max(updated_ms, excluded.updated_ms)`
	selectHealth = `SELECT day, site, sends, answers, timeouts, net_only, miss_composer, miss_send, miss_answer,
	miss_stop, coalesce(last_send_ms, 0), coalesce(last_answer_ms, 0), coalesce(last_miss_ms, 0),
	coalesce(last_miss, ''), unanswered, updated_ms
FROM capture_health WHERE day >= ? ORDER BY site, day`
)

// RecordHealth adds a validated batch of health deltas, once: it reports
// false (and changes nothing) when the batch id was already applied. All
// rows are applied in one transaction, or none.
func (s *Store) RecordHealth(ctx context.Context, b capture.HealthBatch) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("storage: health batch %s: %w", b.ID, classify(err))
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, insertHealthBatch, b.ID, b.AtMs)
	if err != nil {
		return false, fmt.Errorf("storage: health batch %s: %w", b.ID, classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, pruneHealthBatch, b.AtMs-keepHealthBatchesFor.Milliseconds()); err != nil {
		return false, fmt.Errorf("storage: health batch %s: prune: %w", b.ID, classify(err))
	}
	for _, r := range b.Rows {
		if _, err := tx.ExecContext(ctx, upsertHealth, r.Day, r.Site, r.Sends, r.Answers, r.Timeouts, r.NetOnly,
			r.MissComposer, r.MissSend, r.MissAnswer, r.MissStop, r.LastSendMs, r.LastAnswerMs, r.LastMissMs,
			r.LastMiss, r.Unanswered, b.AtMs); err != nil {
			return false, fmt.Errorf("storage: health batch %s, %s %s: %w", b.ID, r.Day, r.Site, classify(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("storage: health batch %s: %w", b.ID, classify(err))
	}
	return true, nil
}

// Health returns the health rows of days from fromDay (YYYY-MM-DD) on,
// ordered by site then day.
func (s *Store) Health(ctx context.Context, fromDay string) ([]capture.HealthRow, error) {
	rows, err := s.db.QueryContext(ctx, selectHealth, fromDay)
	if err != nil {
		return nil, fmt.Errorf("storage: read capture health: %w", classify(err))
	}
	defer rows.Close()
	var out []capture.HealthRow
	for rows.Next() {
		var r capture.HealthRow
		if err := rows.Scan(&r.Day, &r.Site, &r.Sends, &r.Answers, &r.Timeouts, &r.NetOnly, &r.MissComposer,
			&r.MissSend, &r.MissAnswer, &r.MissStop, &r.LastSendMs, &r.LastAnswerMs, &r.LastMissMs, &r.LastMiss,
			&r.Unanswered, &r.UpdatedMs); err != nil {
			return nil, fmt.Errorf("storage: read capture health: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: read capture health: %w", classify(err))
	}
	return out, nil
}
