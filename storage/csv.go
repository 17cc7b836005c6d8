package storage

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"frugal/tracker"
)

// csvHeader names the export's columns: the table's, with "at" (RFC 3339,
// UTC, milliseconds) in place of at_ms.
var csvHeader = func() []string {
	h := append([]string(nil), requestColumns...)
	h[1] = "at"
	return h
}()

// textColumn marks the columns that hold free text, which the export
// protects against formula injection.
var textColumn = func() []bool {
	t := make([]bool, len(requestColumns))
	for i, c := range requestColumns {
		switch c {
		case "id", "source", "site", "provider", "model", "kind", "prompt", "reasoning",
			"category", "tool", "outcome", "method", "zone", "warnings":
			t[i] = true
		}
	}
	return t
}()

const promptCol = 7 // index of "prompt" in requestColumns

const csvTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// ExportOptions choose what Export writes.
type ExportOptions struct {
	From, To  time.Time // from ≤ at < to; zero leaves a side open
	Delimiter rune      // ',' (default) or ';'
	BOM       bool      // start with a UTF-8 byte order mark (for Excel)
	NoText    bool      // leave the prompt column empty
	// Progress, when set, is called every few thousand rows with the count so far.
	Progress func(rows int64)
}

// needsEscape says whether a text cell must be made a text cell safe to open in a spreadsheet: a cell that
// starts with = + - @, a control character or a quote is prefixed with a
// quote, which spreadsheets show as text and Import removes again.
func needsEscape(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	c := b[0]
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\'' || c < 0x20
}

func unescapeCell(s string) string {
	if strings.HasPrefix(s, "'") {
		return s[1:]
	}
	return s
}

// Export writes the requests as CSV (RFC 4180, CRLF line ends, header row)
// in time order, one row at a time: memory stays constant whatever the size.
// It returns the number of rows written.
func (s *Store) Export(ctx context.Context, w io.Writer, o ExportOptions) (int64, error) {
	if o.Delimiter == 0 {
		o.Delimiter = ','
	}
	if o.Delimiter != ',' && o.Delimiter != ';' {
		return 0, fmt.Errorf("storage: export: delimiter %q (want , or ;)", o.Delimiter)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if o.BOM {
		bw.WriteString("\uFEFF")
	}
	cw := &csvWriter{w: bw, comma: byte(o.Delimiter)}
	head := make([][]byte, len(csvHeader))
	for i, h := range csvHeader {
		head[i] = []byte(h)
	}
	if err := cw.write(head); err != nil {
		return 0, fmt.Errorf("storage: export: %w", err)
	}
	q := "SELECT " + strings.Join(requestColumns, ", ") + " FROM requests" +
		rangeWhere(o.From, o.To)
	rows, err := s.db.QueryContext(ctx, q, rangeArgs(o.From, o.To)...)
	if err != nil {
		return 0, fmt.Errorf("storage: export: %w", err)
	}
	defer rows.Close()
	raw := make([]sql.RawBytes, len(requestColumns))
	dest := make([]any, len(raw))
	for i := range raw {
		dest[i] = &raw[i]
	}
	rec := make([][]byte, len(raw))
	var tbuf, quoted []byte
	var n int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, fmt.Errorf("storage: export: %w", err)
		}
		for i, b := range raw {
			switch {
			case i == 1:
				ms, err := strconv.ParseInt(string(b), 10, 64)
				if err != nil {
					return n, fmt.Errorf("storage: export: time %q: %w", b, err)
				}
				tbuf = time.UnixMilli(ms).UTC().AppendFormat(tbuf[:0], csvTimeLayout)
				rec[i] = tbuf
			case i == promptCol && o.NoText:
				rec[i] = nil
			case textColumn[i] && needsEscape(b):
				quoted = append(append(quoted[:0], '\''), b...)
				rec[i] = quoted
			default:
				rec[i] = b
			}
		}
		if err := cw.write(rec); err != nil {
			return n, fmt.Errorf("storage: export: %w", err)
		}
		n++
		if o.Progress != nil && n%8192 == 0 {
			o.Progress(n)
		}
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("storage: export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("storage: export: %w", err)
	}
	if o.Progress != nil {
		o.Progress(n)
	}
	return n, nil
}

// importBatch is how many rows one import statement inserts.
const importBatch = 64

// insertRows is insertRequest for n rows. OR FAIL rather than the default
// ABORT: an aborting statement must be able to undo its own rows, so SQLite
// copies every page it touches into a statement journal (a tenth of a
// million-row import's time in a profile); an import that fails rolls back
// its whole transaction anyway.
func insertRows(n int) string {
	row := "(" + strings.Repeat("?, ", len(requestColumns)) + "?)"
	return "INSERT OR FAIL INTO requests (" + strings.Join(requestColumns, ", ") + ", updated_ms) VALUES " +
		strings.Repeat(row+", ", n-1) + row + " ON CONFLICT(id) DO NOTHING"
}

// ImportOptions tune Import.
type ImportOptions struct {
	// Progress, when set, is called every few thousand rows with the rows
	// read so far.
	Progress func(rows int64)
}

// ImportResult says what an import did.
type ImportResult struct {
	Rows     int64 // data rows read
	Inserted int64 // new requests
	Skipped  int64 // already stored (same id)
}

// LineError is a problem on one line of an imported file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Import reads a CSV file such as Export writes (either delimiter, with or
// without a byte order mark), finding its columns by the header's names:
// any order, unknown columns ignored, optional ones may be left out (see
// requiredColumns). It inserts its rows in one transaction: a
// malformed file adds nothing, and the error names its line. Rows already
// stored are skipped, so importing twice adds nothing. Prompts are kept as
// the privacy setting says.
func (s *Store) Import(ctx context.Context, r io.Reader, o ImportOptions) (ImportResult, error) {
	var res ImportResult
	br := bufio.NewReaderSize(r, 256<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		br.Discard(3)
	}
	cr := &csvReader{r: br, comma: sniffDelimiter(br), line: 1}
	head, err := cr.read()
	if err == io.EOF {
		return res, &LineError{1, errors.New("empty file: expected a header row")}
	}
	if err != nil {
		return res, &LineError{1, fmt.Errorf("header: %w", err)}
	}
	head = append([]string(nil), head...) // the reader reuses its record
	cols, err := mapColumns(head)
	if err != nil {
		return res, &LineError{1, err}
	}
	full := make([]string, len(csvHeader))

	// A large import inserts into the time index at random places: with
	// SQLite's default 2 MB page cache every insert would re-read index
	// pages. A dedicated connection with a 256 MB cache (allocated only as
	// used) keeps a million-row import in memory until the commit; it goes
	// back to the default before it returns to the pool.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return res, fmt.Errorf("storage: import: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY"); err != nil {
		return res, fmt.Errorf("storage: import: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("storage: import: %w", classify(err))
	}
	defer tx.Rollback()
	set, err := loadSettings(ctx, tx)
	if err != nil {
		return res, err
	}
	// Rows go in by batches of importBatch per statement: with
	// modernc.org/sqlite most of a row's cost is the statement round trip,
	// not the insert itself.
	batchStmt, err := tx.PrepareContext(ctx, insertRows(importBatch))
	if err != nil {
		return res, fmt.Errorf("storage: import: %w", err)
	}
	defer batchStmt.Close()
	var (
		batchArgs = make([]any, 0, importBatch*(len(requestColumns)+1))
		batchRows int64
		firstLine int
		now       = time.Now().UnixMilli()
		bg        = context.WithoutCancel(ctx) // checked between batches instead of per row
	)
	flush := func(stmt *sql.Stmt) error {
		if batchRows == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if stmt == nil {
			stmt, err = tx.PrepareContext(ctx, insertRows(int(batchRows)))
			if err != nil {
				return err
			}
			defer stmt.Close()
		}
		out, err := stmt.ExecContext(bg, batchArgs...)
		if err != nil {
			return &LineError{firstLine, fmt.Errorf("rows from here to line %d: %w", cr.start, classify(err))}
		}
		k, _ := out.RowsAffected()
		res.Rows += batchRows
		res.Inserted += k
		res.Skipped += batchRows - k
		batchArgs, batchRows = batchArgs[:0], 0
		if o.Progress != nil && res.Rows%(importBatch*256) == 0 {
			o.Progress(res.Rows)
		}
		return nil
	}
	for {
		rec, err := cr.read()
		if err == io.EOF {
			break
		}
		line := cr.start
		if err != nil {
			return res, &LineError{line, err}
		}
		if len(rec) != len(head) {
			return res, &LineError{line, fmt.Errorf("%d fields, want %d as in the header (a short or long row)", len(rec), len(head))}
		}
		for i, k := range cols {
			if k < 0 {
				full[i] = ""
			} else {
				full[i] = rec[k]
			}
		}
		req, err := parseRecord(full)
		if err != nil {
			return res, &LineError{line, err}
		}
		req.Prompt = set.Privacy.Apply(req.Prompt)
		args, err := requestArgs(&req)
		if err != nil {
			return res, &LineError{line, err}
		}
		if batchRows == 0 {
			firstLine = line
		}
		batchArgs = append(append(batchArgs, args...), now)
		batchRows++
		if batchRows == importBatch {
			if err := flush(batchStmt); err != nil {
				return res, err
			}
		}
	}
	if err := flush(nil); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return ImportResult{}, fmt.Errorf("storage: import: %w", classify(err))
	}
	if o.Progress != nil {
		o.Progress(res.Rows)
	}
	return res, nil
}

// requiredColumns must be in an imported file's header; the others may be
// left out (they are then empty). The nine footprint figures come as a
// group: with any of them, all of them.
var requiredColumns = []string{"id", "at", "site", "kind", "prompt_chars", "outcome"}

const footprintFirst, footprintLast = 19, 27 // energy_wh_low … water_ml_high in csvHeader

// mapColumns finds each of csvHeader's columns in an imported header by
// name (case and surrounding spaces ignored): the result gives, for each
// column of csvHeader, its index in the file or -1. Columns Frugal does not
// know are ignored; a required column missing or a column named twice is
// an error that names them.
func mapColumns(head []string) ([]int, error) {
	byName := make(map[string]int, len(csvHeader))
	for i, h := range csvHeader {
		byName[h] = i
	}
	cols := make([]int, len(csvHeader))
	for i := range cols {
		cols[i] = -1
	}
	for k, h := range head {
		i, ok := byName[strings.ToLower(strings.TrimSpace(h))]
		if !ok {
			continue
		}
		if cols[i] >= 0 {
			return nil, fmt.Errorf("header: column %s appears twice (fields %d and %d)", csvHeader[i], cols[i]+1, k+1)
		}
		cols[i] = k
	}
	var missing []string
	for _, name := range requiredColumns {
		if cols[byName[name]] < 0 {
			missing = append(missing, name)
		}
	}
	some, all := false, true
	for i := footprintFirst; i <= footprintLast; i++ {
		some = some || cols[i] >= 0
		all = all && cols[i] >= 0
	}
	if some && !all {
		for i := footprintFirst; i <= footprintLast; i++ {
			if cols[i] < 0 {
				missing = append(missing, csvHeader[i])
			}
		}
	}
	switch len(missing) {
	case 0:
		return cols, nil
	case 1:
		return nil, fmt.Errorf("header: missing column %s (a Frugal export has %s)", missing[0], strings.Join(csvHeader, ","))
	default:
		return nil, fmt.Errorf("header: missing columns %s (a Frugal export has %s)", strings.Join(missing, ", "), strings.Join(csvHeader, ","))
	}
}

// sniffDelimiter says whether the file's first line separates its fields
// with semicolons (as spreadsheets do in French) or commas: whichever
// appears more often outside quotes.
func sniffDelimiter(br *bufio.Reader) byte {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	commas, semis, quoted := 0, 0, false
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// parseRecord turns one exported row back into a request.
func parseRecord(rec []string) (tracker.Request, error) {
	var r tracker.Request
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return r, fmt.Errorf("column %s: invalid UTF-8", csvHeader[i])
		}
		if textColumn[i] {
			rec[i] = unescapeCell(v)
		}
	}
	var err error
	field := func(i int) string { return rec[i] }
	optInt := func(i int) *int {
		if err != nil || rec[i] == "" {
			return nil
		}
		n, e := strconv.Atoi(rec[i])
		if e != nil || n < 0 {
			err = fmt.Errorf("column %s: %q is not a whole number ≥ 0", csvHeader[i], rec[i])
			return nil
		}
		return &n
	}
	flt := func(i int) float64 {
		if err != nil {
			return 0
		}
		f, e := strconv.ParseFloat(rec[i], 64)
		if e != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
			err = fmt.Errorf("column %s: %q is not a number ≥ 0", csvHeader[i], rec[i])
		}
		return f
	}
	flag := func(i int) bool {
		switch rec[i] {
		case "0", "":
			return false
		case "1":
			return true
		}
		if err == nil {
			err = fmt.Errorf("column %s: %q is not 0 or 1", csvHeader[i], rec[i])
		}
		return false
	}

	r.ID = field(0)
	if r.At, err = time.Parse(time.RFC3339Nano, field(1)); err != nil {
		return r, fmt.Errorf("column at: %q is not an RFC 3339 time", field(1))
	}
	r.At = r.At.UTC()
	src := field(2)
	if src == "" {
		src = string(tracker.SourceImport)
	}
	r.Source = tracker.Source(src)
	r.Site, r.Provider, r.Model, r.Kind = field(3), field(4), field(5), tracker.Kind(field(6))
	if rec[promptCol] != "" {
		p := rec[promptCol]
		r.Prompt = &p
	}
	pc := optInt(8)
	if pc == nil && err == nil {
		err = fmt.Errorf("column prompt_chars is empty")
	}
	if pc != nil {
		r.PromptChars = *pc
	}
	r.InputTokens, r.AnswerChars, r.OutputTokens = optInt(9), optInt(10), optInt(11)
	if lat := optInt(12); lat != nil {
		d := time.Duration(*lat) * time.Millisecond
		r.Latency = &d
	}
	r.Reasoning = field(13)
	r.WebSearch = flag(14)
	if a := optInt(15); a != nil {
		r.Attachments = *a
	}
	cat, cerr := tracker.ParseCategory(field(16))
	if cerr != nil && err == nil {
		err = fmt.Errorf("column category: %w", cerr)
	}
	r.Category = cat
	r.Tool, r.Outcome = field(17), tracker.Outcome(field(18))
	if rec[20] != "" {
		f := &tracker.Footprint{}
		vals := []*float64{&f.EnergyWh.Low, &f.EnergyWh.Central, &f.EnergyWh.High,
			&f.CO2Grams.Low, &f.CO2Grams.Central, &f.CO2Grams.High,
			&f.WaterML.Low, &f.WaterML.Central, &f.WaterML.High}
		for k, p := range vals {
			*p = flt(19 + k)
		}
		f.Method, f.Zone, f.WhatIf = field(28), field(29), flag(30)
		r.Footprint = f
	}
	if err != nil {
		return r, err
	}
	if w := field(31); w != "" {
		if e := json.Unmarshal([]byte(w), &r.Warnings); e != nil {
			return r, fmt.Errorf("column warnings: not a JSON list of strings")
		}
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	return r, nil
}
