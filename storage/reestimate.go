package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"frugal/tracker"
)

// Re-estimation (issue 13): one rule. A stored request whose method
// version differs from the current one, and which is not cancelled, is
// estimated again. Rows are taken in rowid order in batches, each batch
// committed on its own, so a killed run leaves every row either old or
// new and the next run carries on with the rows still old.

// reestimateBatch rows are read, estimated and written per transaction:
// the write lock is held for a fraction of a second at a time.
const reestimateBatch = 10000

var (
	staleWhere = "outcome <> 'cancelled' AND (method IS NULL OR method <> ?)"
	// The prompt's text is not read: estimates use its length only.
	selectStale = "SELECT rowid, updated_ms, " + strings.Replace(strings.Join(requestColumns, ", "), "prompt,", "NULL,", 1) +
		" FROM requests WHERE rowid > ? AND " + staleWhere + " ORDER BY rowid LIMIT ?"
	// Only what an estimate changes is written; updated_ms guards against
	// a request changed by another process since it was read (it is then
	// left for the next run, or already current).
	updateEstimate = "UPDATE requests SET provider = ?, energy_wh_low = ?, energy_wh = ?, energy_wh_high = ?," +
		" co2_g_low = ?, co2_g = ?, co2_g_high = ?, water_ml_low = ?, water_ml = ?, water_ml_high = ?," +
		" method = ?, zone = ?, what_if = ?, warnings = ?, updated_ms = ? WHERE rowid = ? AND updated_ms = ?"
)

// StaleCount is the number of requests whose estimate was made with
// another method version than method: what re-estimation has left to do.
func (s *Store) StaleCount(ctx context.Context, method string) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM requests WHERE "+staleWhere, method).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: stale count: %w", err)
	}
	return n, nil
}

// rowidScanner scans rowid and updated_ms before a request's columns.
type rowidScanner struct {
	rows           *sql.Rows
	rowid, updated *int64
}

func (r rowidScanner) Scan(dest ...any) error {
	return r.rows.Scan(append([]any{r.rowid, r.updated}, dest...)...)
}

// Reestimate re-estimates every stale request (see StaleCount) with fn,
// which changes r.Footprint, r.Provider and r.Warnings and returns an error
// when it cannot estimate r (r is then saved with its warnings only, its
// old estimate kept). progress gets the rows done and the rows left after
// each committed batch. It stops at ctx's end between two rows; what is
// committed stays. It returns the number of rows done.
func (s *Store) Reestimate(ctx context.Context, method string, fn func(*tracker.Request) error, progress func(done, left int64)) (int64, error) {
	left, err := s.StaleCount(ctx, method)
	if err != nil || left == 0 {
		return 0, err
	}
	// As for Import: with SQLite's default 2 MB page cache every update
	// re-reads the covering index's pages. A dedicated connection with a
	// 256 MB cache (allocated only as pages are read, given back after).
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("storage: reestimate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
		return 0, fmt.Errorf("storage: reestimate: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
	var lastRowid, done int64
	batch := make([]staleRow, 0, reestimateBatch)
	for left > 0 {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		rows, err := conn.QueryContext(ctx, selectStale, lastRowid, method, reestimateBatch)
		if err != nil {
			return done, fmt.Errorf("storage: reestimate: %w", err)
		}
		batch = batch[:0]
		for rows.Next() {
			var it staleRow
			r, err := scanRequest(rowidScanner{rows, &it.rowid, &it.updated})
			if err != nil {
				rows.Close()
				return done, fmt.Errorf("storage: reestimate: %w", err)
			}
			it.r = r
			batch = append(batch, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return done, fmt.Errorf("storage: reestimate: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		for i := range batch {
			if err := ctx.Err(); err != nil {
				batch = batch[:i]
				break
			}
			r := &batch[i].r
			if err := fn(r); err != nil {
				r.Warnings = appendOnce(r.Warnings, "not re-estimated: "+err.Error())
			}
		}
		if err := saveEstimates(ctx, conn, batch); err != nil {
			return done, err
		}
		done += int64(len(batch))
		left -= int64(len(batch))
		if left < 0 {
			left = 0
		}
		if progress != nil {
			progress(done, left)
		}
		if err := ctx.Err(); err != nil {
			return done, err
		}
		lastRowid = batch[len(batch)-1].rowid
	}
	return done, nil
}

// staleRow is a request read for re-estimation, with where it is and
// when it was last written.
type staleRow struct {
	rowid, updated int64
	r              tracker.Request
}

// saveEstimates writes one batch of estimates in one transaction.
func saveEstimates(ctx context.Context, conn *sql.Conn, batch []staleRow) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: reestimate: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, updateEstimate)
	if err != nil {
		return fmt.Errorf("storage: reestimate: %w", err)
	}
	defer stmt.Close()
	now := time.Now().UnixMilli()
	// In the covering index's order (at_ms): its pages are then updated
	// one after the other, not at random.
	order := make([]int, len(batch))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return batch[a].r.At.Compare(batch[b].r.At) })
	for _, i := range order {
		b := &batch[i]
		r := &b.r
		var warnings any
		if len(r.Warnings) > 0 {
			j, err := json.Marshal(r.Warnings)
			if err != nil {
				return err
			}
			warnings = string(j)
		}
		args := []any{nullString(r.Provider)}
		if f := r.Footprint; f != nil {
			args = append(args, f.EnergyWh.Low, f.EnergyWh.Central, f.EnergyWh.High,
				f.CO2Grams.Low, f.CO2Grams.Central, f.CO2Grams.High,
				f.WaterML.Low, f.WaterML.Central, f.WaterML.High,
				nullString(f.Method), nullString(f.Zone), boolInt(f.WhatIf))
		} else {
			args = append(args, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
		}
		// updated_ms must move forward even within one millisecond.
		upd := max(now, b.updated+1)
		if _, err := stmt.ExecContext(ctx, append(args, warnings, upd, b.rowid, b.updated)...); err != nil {
			return fmt.Errorf("storage: reestimate %s: %w", r.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("storage: reestimate: %w", err)
	}
	return nil
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
