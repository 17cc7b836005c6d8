package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"time"
)

// Health is what a check of the database found.
type Health struct {
	Problems []string // quick_check's findings; empty when the file is sound
	// Copy is the copy of the damaged file kept when the damage was first
	// found (frugal.db.damaged-<time>).
	Copy string
	// New is true the first time this damage is found: the one time to
	// tell the person. It stays false on later checks until a check finds
	// the file sound again (after frugal repair).
	New bool
}

// Damaged says whether the check found damage.
func (h Health) Damaged() bool { return len(h.Problems) > 0 }

// maxProblems is how many of quick_check's findings are kept.
const maxProblems = 10

// QuickCheck runs PRAGMA quick_check, which reads every page of the file
// (but, unlike integrity_check, does not compare indexes with their
// tables), and returns its findings: none when the file is sound. A query
// that fails on a damaged page is a finding too.
//
// It runs on a connection of its own with a small page cache, closed
// afterwards: reading a whole large file through the pool would leave a
// pooled connection's cache full and the long-lived tray a few megabytes
// bigger.
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) { return QuickCheckFile(ctx, s.path) }

// QuickCheckFile is QuickCheck on the file at path, read only, without
// opening it as a Store: no migration, and a file that is not a database at
// all is a finding rather than set aside (frugal repair checks this way, so
// that the check itself changes nothing).
func QuickCheckFile(ctx context.Context, path string) ([]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)&_pragma=cache_size(-256)&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	defer func() {
		db.Close()
		debug.FreeOSMemory()
	}()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems))
	if err != nil {
		if errors.Is(classify(err), ErrDamaged) {
			return []string{err.Error()}, nil
		}
		return nil, err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		if errors.Is(classify(err), ErrDamaged) {
			return append(msgs, err.Error()), nil
		}
		return nil, err
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil, nil
	}
	return msgs, nil
}

// reportedPath is the marker written when damage is first found: it names
// the copy kept, so that later checks neither copy nor tell again.
func reportedPath(db string) string { return db + ".damage-reported" }

// CheckHealth runs QuickCheck. On damage found for the first time it keeps
// a copy of the file (and its -wal) beside it and returns New; on damage
// already reported it returns the copy's name again; on a sound file it
// forgets any earlier report.
func (s *Store) CheckHealth(ctx context.Context) (Health, error) {
	problems, err := s.QuickCheck(ctx)
	if err != nil {
		return Health{}, fmt.Errorf("storage: quick_check: %w", err)
	}
	marker := reportedPath(s.path)
	if len(problems) == 0 {
		os.Remove(marker)
		return Health{}, nil
	}
	h := Health{Problems: problems}
	if b, err := os.ReadFile(marker); err == nil {
		h.Copy = strings.TrimSpace(string(b))
		return h, nil
	}
	copyPath := fmt.Sprintf("%s.damaged-%s", s.path, time.Now().UTC().Format("20060102T150405Z"))
	if err := copyFile(s.path, copyPath); err != nil {
		return h, fmt.Errorf("storage: keep a copy of the damaged database: %w", err)
	}
	if fi, err := os.Stat(s.path + "-wal"); err == nil && fi.Size() > 0 {
		if err := copyFile(s.path+"-wal", copyPath+"-wal"); err != nil {
			return h, fmt.Errorf("storage: keep a copy of the damaged database: %w", err)
		}
	}
	if err := os.WriteFile(marker, []byte(copyPath+"\n"), 0o600); err != nil {
		return h, fmt.Errorf("storage: %w", err)
	}
	h.Copy, h.New = copyPath, true
	return h, nil
}

// copyFile copies src to a new file dst (0600), synced to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

// RepairResult says what Repair saved.
type RepairResult struct {
	Saved int64 // requests written to the new database
	// Total is how many requests the damaged file held, as counted through
	// its table or an intact index; -1 when no count could be read.
	Total int64
	// Settings is whether the settings could be read and were copied.
	Settings bool
}

// Lost is how many requests could not be saved (-1 when unknown).
func (r RepairResult) Lost() int64 {
	if r.Total < 0 {
		return -1
	}
	return max(r.Total-r.Saved, 0)
}

// Repair reads every readable request and the settings from the database
// at src, which it never writes to, into a new database at dst (which must
// not exist). Requests are read in rowid order; where a damaged page stops
// the reading, it looks for the first readable row after it and goes on,
// so only the rows on damaged pages are lost. A row that no longer passes
// the schema's checks is lost too.
func Repair(ctx context.Context, src, dst string) (RepairResult, error) {
	res := RepairResult{Total: -1}
	if _, err := os.Stat(src); err != nil {
		return res, fmt.Errorf("storage: repair: %w", err)
	}
	if _, err := os.Stat(dst); err == nil {
		return res, fmt.Errorf("storage: repair: %s already exists", dst)
	}
	from, err := sql.Open("sqlite", src+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		return res, fmt.Errorf("storage: repair: %w", err)
	}
	defer from.Close()
	from.SetMaxOpenConns(1)
	srcCols, err := tableColumns(ctx, from, "requests")
	if err != nil {
		return res, fmt.Errorf("storage: repair: cannot read the schema of %s (%w): nothing can be saved from it", src, err)
	}
	to, err := Open(ctx, dst)
	if err != nil {
		return res, err
	}
	defer to.Close()
	dstCols, err := tableColumns(ctx, to.db, "requests")
	if err != nil {
		return res, err
	}
	var cols []string
	for _, c := range dstCols {
		for _, sc := range srcCols {
			if c == sc {
				cols = append(cols, c)
			}
		}
	}
	res.Total = countRows(ctx, from)

	tx, err := to.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("storage: repair: %w", classify(err))
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO requests ("+strings.Join(cols, ", ")+") VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+")")
	if err != nil {
		return res, fmt.Errorf("storage: repair: %w", err)
	}
	defer ins.Close()
	sel := "SELECT rowid, " + strings.Join(cols, ", ") + " FROM requests NOT INDEXED WHERE rowid > ? ORDER BY rowid LIMIT 1000"
	vals := make([]any, len(cols)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	after := int64(math.MinInt64)
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		n, last, readErr := 0, after, error(nil)
		rows, err := from.QueryContext(ctx, sel, after)
		if err != nil {
			readErr = err
		} else {
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					readErr = err
					break
				}
				n++
				last = vals[0].(int64)
				out, err := ins.ExecContext(ctx, vals[1:]...)
				if err != nil {
					if errors.Is(classify(err), ErrDiskFull) {
						rows.Close()
						return res, fmt.Errorf("storage: repair: %w", classify(err))
					}
					continue // a row the schema refuses: lost
				}
				if k, _ := out.RowsAffected(); k == 1 {
					res.Saved++
				}
			}
			if readErr == nil {
				readErr = rows.Err()
			}
			rows.Close()
		}
		after = last
		if readErr == nil {
			if n == 0 {
				break // the end
			}
			continue
		}
		if !errors.Is(classify(readErr), ErrDamaged) {
			return res, fmt.Errorf("storage: repair: %w", readErr)
		}
		next, ok := skipDamage(ctx, from, after)
		if !ok {
			break
		}
		after = next
	}
	if rows, err := from.QueryContext(ctx, "SELECT key, value FROM settings"); err == nil {
		var kv [][2]string
		for rows.Next() {
			var k, v string
			if rows.Scan(&k, &v) == nil {
				kv = append(kv, [2]string{k, v})
			}
		}
		res.Settings = rows.Err() == nil
		rows.Close()
		for _, p := range kv {
			if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", p[0], p[1]); err != nil {
				res.Settings = false
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("storage: repair: %w", classify(err))
	}
	if res.Total >= 0 && res.Saved > res.Total {
		res.Total = res.Saved // a count through a damaged index can be short
	}
	return res, nil
}

// skipDamage finds where reading can go on after a damaged page: the
// smallest bound b > after such that "rowid > b" reads without error (by
// doubling the step, then halving the interval). It returns false when no
// bound up to the largest rowid works.
func skipDamage(ctx context.Context, db *sql.DB, after int64) (int64, bool) {
	readable := func(b int64) bool {
		var id int64
		err := db.QueryRowContext(ctx, "SELECT rowid FROM requests NOT INDEXED WHERE rowid > ? ORDER BY rowid LIMIT 1", b).Scan(&id)
		return err == nil || errors.Is(err, sql.ErrNoRows)
	}
	bad, good := after, int64(0)
	found := false
	for step := int64(1); step > 0; step *= 2 {
		if after > math.MaxInt64-step {
			break
		}
		if readable(after + step) {
			good, found = after+step, true
			break
		}
		bad = after + step
	}
	if !found {
		return 0, false
	}
	for good-bad > 1 {
		mid := bad + (good-bad)/2
		if readable(mid) {
			good = mid
		} else {
			bad = mid
		}
	}
	return good, true
}

// tableColumns lists a table's columns.
func tableColumns(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("no table %s", table)
	}
	return cols, nil
}

// countRows counts the requests through the table and through each of its
// indexes, and returns the largest count read (-1 when none could be):
// an index often survives the damage of a table page, and the other way
// round.
func countRows(ctx context.Context, db *sql.DB) int64 {
	queries := []string{"SELECT count(*) FROM requests NOT INDEXED"}
	if rows, err := db.QueryContext(ctx, "SELECT name FROM pragma_index_list('requests')"); err == nil {
		for rows.Next() {
			var name string
			if rows.Scan(&name) == nil {
				queries = append(queries, fmt.Sprintf("SELECT count(*) FROM requests INDEXED BY %q", name))
			}
		}
		rows.Close()
	}
	best := int64(-1)
	for _, q := range queries {
		var n int64
		if err := db.QueryRowContext(ctx, q).Scan(&n); err == nil && n > best {
			best = n
		}
	}
	return best
}

// RepairInPlace repairs the database at path where it is: the readable rows
// go into a new file beside it, the damaged file (with its -wal and -shm)
// is renamed aside, never deleted, and the new file takes its place. It
// takes the tray's lock first, so that it never swaps a file a running tray
// has open (ErrLocked). It returns what Repair saved and the name the
// damaged file was kept under.
func RepairInPlace(ctx context.Context, path string) (RepairResult, string, error) {
	release, err := Lock(LockPath(path))
	if err != nil {
		return RepairResult{Total: -1}, "", err
	}
	defer release()
	tmp := fmt.Sprintf("%s.repairing-%d", path, os.Getpid())
	removeDB(tmp)
	res, err := Repair(ctx, path, tmp)
	if err != nil {
		removeDB(tmp)
		return res, "", err
	}
	// The new file must be complete on disk, with no -wal beside it, before
	// it takes the old one's name.
	if err := checkpointClose(ctx, tmp); err != nil {
		removeDB(tmp)
		return res, "", fmt.Errorf("storage: repair: %w", err)
	}
	kept, err := setAside(path)
	if err != nil {
		removeDB(tmp)
		return res, "", fmt.Errorf("storage: repair: set the damaged file aside: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return res, kept, fmt.Errorf("storage: repair: the repaired database is %s (%w); the damaged one was kept as %s", tmp, err, kept)
	}
	os.Remove(reportedPath(path))
	return res, kept, nil
}

// checkpointClose folds a database's WAL into its main file.
func checkpointClose(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", path+pragmas)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE")
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	return nil
}

// removeDB removes a database file and its companions.
func removeDB(path string) {
	for _, s := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + s)
	}
}
