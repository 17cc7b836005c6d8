package storage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"frugal/tracker"
)

var awkwardPrompts = []string{
	"a, b, c", `she said "hi"`, "line one\nline two", "windows\r\nline", "lone\rcarriage", "tab\there",
	"emoji 🐱‍👤 and 🇫🇷", "RTL: مرحبا بالعالم", "עברית", "=SUM(A1:A9)", "+33 6 12", "-2+3", "@mention",
	"'quoted already", "''twice", "\tleading tab", " leading space ", "trailing,", `"`, ";semi;colon;",
	"=HYPERLINK(\"http://x\")", "\x01control",
}

func seed(t *testing.T, s *Store) []tracker.Request {
	t.Helper()
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var out []tracker.Request
	for i, p := range awkwardPrompts {
		r := sample(fmt.Sprintf("id-%02d", i), base.Add(time.Duration(i)*time.Minute))
		r.Prompt, r.PromptChars = ptr(p), len([]rune(p))
		r.Model = p // text columns other than the prompt are protected too
		if i%2 == 0 {
			r.Footprint = &tracker.Footprint{
				EnergyWh: tracker.Range{Low: 0.1 / 3, Central: 1.0 / 3, High: 2.0 / 3},
				CO2Grams: tracker.Range{Low: 1e-9, Central: 2e-9, High: 3e-9},
				WaterML:  tracker.Range{Low: 0, Central: 1.5, High: 123456.789},
				Method:   "m", Zone: "USA",
			}
			r.Warnings = []string{"w1", "w,2"}
			r.Latency = ptr(1234 * time.Millisecond)
			r.Category, r.Tool = tracker.CatFact, "search"
		}
		if _, err := s.Record(t.Context(), r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestExportImport_RoundTripIsExact(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    ExportOptions
	}{
		{"comma", ExportOptions{}},
		{"semicolon with BOM", ExportOptions{Delimiter: ';', BOM: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := openTemp(t)
			want := seed(t, src)
			var buf bytes.Buffer
			n, err := src.Export(t.Context(), &buf, tc.o)
			if err != nil || n != int64(len(want)) {
				t.Fatalf("Export = %d, %v", n, err)
			}
			dst := openTemp(t)
			res, err := dst.Import(t.Context(), bytes.NewReader(buf.Bytes()), ImportOptions{})
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if res.Inserted != int64(len(want)) {
				t.Errorf("inserted %d, want %d", res.Inserted, len(want))
			}
			for _, w := range want {
				got, err := dst.Get(t.Context(), w.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("%s: round trip changed it\n got %+v %q\nwant %+v %q", w.ID, got, *got.Prompt, w, *w.Prompt)
				}
			}
			// Importing the same file again adds nothing.
			res, err = dst.Import(t.Context(), bytes.NewReader(buf.Bytes()), ImportOptions{})
			if err != nil || res.Inserted != 0 || res.Skipped != int64(len(want)) {
				t.Errorf("second import = %+v, %v; want 0 inserted", res, err)
			}
		})
	}
}

func TestExport_CellsCannotRunAsFormulas(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	var buf bytes.Buffer
	if _, err := s.Export(t.Context(), &buf, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	// Every cell, quoted or not, must start with something other than a
	// formula trigger once its quotes are removed.
	cr := &csvReader{r: bufioReader(buf.Bytes()), comma: ',', line: 1}
	for {
		rec, err := cr.read()
		if err != nil {
			break
		}
		for i, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("line %d column %s starts with %q: %q", cr.start, csvHeader[i], c[0], c)
			}
		}
	}
}

func TestExport_NoTextLeavesPromptsOut(t *testing.T) {
	s := openTemp(t)
	seed(t, s)
	var buf bytes.Buffer
	s.Export(t.Context(), &buf, ExportOptions{NoText: true})
	cr := &csvReader{r: bufioReader(buf.Bytes()), comma: ',', line: 1}
	cr.read() // header
	for {
		rec, err := cr.read()
		if err != nil {
			break
		}
		if rec[promptCol] != "" {
			t.Errorf("line %d: --no-text export has prompt %q", cr.start, rec[promptCol])
		}
	}
}

func TestExport_RangeIsHalfOpen(t *testing.T) {
	s := openTemp(t)
	want := seed(t, s)
	var buf bytes.Buffer
	n, _ := s.Export(t.Context(), &buf, ExportOptions{From: want[1].At, To: want[3].At})
	if n != 2 {
		t.Errorf("exported %d rows between two times, want 2", n)
	}
}

func TestImport_RefusesBadFilesAndWritesNothing(t *testing.T) {
	src := openTemp(t)
	seed(t, src)
	var buf bytes.Buffer
	src.Export(t.Context(), &buf, ExportOptions{})
	good := buf.String()
	lines := strings.SplitN(good, "\r\n", 4) // header, row 1, row 2, rest
	row := lines[1]
	cases := []struct {
		name, file string
		line       int
		msg        string
	}{
		{"empty file", "", 1, "empty file"},
		{"wrong header", "id,when,site\r\n", 1, "header"},
		{"short row", lines[0] + "\r\n" + row + "\r\n" + "x,y,z\r\n", 3, "fields"},
		{"invalid UTF-8", lines[0] + "\r\n" + strings.Replace(row, "hello", "he\xffllo", 1) + "\r\n" + strings.Replace(row, "id-01", "id-zz", 1) + "\r\n" + "\xff\xfe,x\r\n", 4, ""},
		{"bad time", lines[0] + "\r\n" + strings.Replace(row, "2026-11-23T09:00:00.000Z", "yesterday", 1) + "\r\n", 2, "RFC 3339"},
		{"negative number", lines[0] + "\r\n" + withField(t, row, 8, "-5") + "\r\n", 2, "prompt_chars"},
		{"NaN energy", lines[0] + "\r\n" + withField(t, row, 20, "NaN") + "\r\n", 2, "energy_wh"},
		{"unknown outcome", lines[0] + "\r\n" + strings.Replace(row, ",sent,", ",maybe,", 1) + "\r\n", 2, "outcome"},
		{"unclosed quote", lines[0] + "\r\n" + row + "\r\n" + `a,"never closed` + "\r\n", 3, "quoted field"},
		{"good rows then a bad one", lines[0] + "\r\n" + lines[1] + "\r\n" + lines[2] + "\r\n" + "x\r\n", 4, "fields"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dst := openTemp(t)
			_, err := dst.Import(t.Context(), strings.NewReader(tc.file), ImportOptions{})
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("Import = %v, want a LineError", err)
			}
			if tc.line != 0 && le.Line != tc.line && tc.name != "invalid UTF-8" {
				t.Errorf("error on line %d, want %d: %v", le.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
			if n, _ := dst.Count(t.Context()); n != 0 {
				t.Errorf("a refused import wrote %d rows", n)
			}
		})
	}
}

func TestImport_HonoursPrivacySetting(t *testing.T) {
	src := openTemp(t)
	seed(t, src)
	var buf bytes.Buffer
	src.Export(t.Context(), &buf, ExportOptions{})
	dst := openTemp(t)
	set, _ := dst.Settings(t.Context())
	set.Privacy = tracker.KeepNone
	dst.SaveSettings(t.Context(), set)
	if _, err := dst.Import(t.Context(), &buf, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	r, _ := dst.Get(t.Context(), "id-01")
	if r.Prompt != nil || r.PromptChars == 0 {
		t.Errorf("with privacy none: prompt %v, length %d; want nil and the length kept", r.Prompt, r.PromptChars)
	}
}

func bufioReader(b []byte) *bufio.Reader { return bufio.NewReader(bytes.NewReader(b)) }

// withField returns an exported row with one field replaced.
func withField(t *testing.T, row string, col int, val string) string {
	t.Helper()
	cr := &csvReader{r: bufioReader([]byte(row)), comma: ',', line: 1}
	rec, err := cr.read()
	if err != nil {
		t.Fatal(err)
	}
	fields := make([][]byte, len(rec))
	for i, f := range rec {
		fields[i] = []byte(f)
	}
	fields[col] = []byte(val)
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	(&csvWriter{w: w, comma: ','}).write(fields)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\r\n")
}

// A row the database itself refuses (here a trigger standing in for a
// constraint or a full disk) in the middle of a batch, after whole batches
// went in: the import fails and the table is as it was.
func TestImport_RowRefusedByTheDatabaseMidBatchWritesNothing(t *testing.T) {
	src := openTemp(t)
	seed(t, src)
	var buf bytes.Buffer
	src.Export(t.Context(), &buf, ExportOptions{})
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n")
	var file strings.Builder
	file.WriteString(lines[0] + "\r\n")
	for i := range importBatch + 10 {
		_, rest, _ := strings.Cut(lines[1], ",")
		fmt.Fprintf(&file, "bulk-%03d,%s\r\n", i, rest)
	}
	dst := openTemp(t)
	seed(t, dst)
	refused := fmt.Sprintf("bulk-%03d", importBatch+5)
	if _, err := dst.db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON requests WHEN NEW.id = '` + refused + `'
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	before, _ := dst.Count(t.Context())
	_, err := dst.Import(t.Context(), strings.NewReader(file.String()), ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("Import = %v, want the database's refusal", err)
	}
	if after, _ := dst.Count(t.Context()); after != before {
		t.Errorf("a refused import changed the table from %d to %d rows", before, after)
	}
}

// reshape rewrites a CSV (comma, CR LF, as Export writes it) keeping the
// named columns in the given order; a name not in the file adds a column
// of that name filled with "extra".
func reshape(t testing.TB, file string, comma byte, names ...string) string {
	t.Helper()
	cr := &csvReader{r: bufioReader([]byte(file)), comma: ',', line: 1}
	head, err := cr.read()
	if err != nil {
		t.Fatal(err)
	}
	head = append([]string(nil), head...)
	idx := map[string]int{}
	for i, h := range head {
		idx[h] = i
	}
	var out bytes.Buffer
	cw := &csvWriter{w: bufio.NewWriter(&out), comma: comma}
	row := func(rec []string, header bool) {
		f := make([][]byte, len(names))
		for k, n := range names {
			switch i, ok := idx[n]; {
			case header:
				f[k] = []byte(n)
			case ok:
				f[k] = []byte(rec[i])
			default:
				f[k] = []byte("extra")
			}
		}
		cw.write(f)
	}
	row(nil, true)
	for {
		rec, err := cr.read()
		if err != nil {
			break
		}
		row(rec, false)
	}
	cw.w.Flush()
	return out.String()
}

// TestImport_ByHeaderNames: columns are found by their names, in any order,
// with either delimiter, a BOM, spaces or capitals in the header; columns
// Frugal does not know are ignored and optional ones may be left out.
func TestImport_ByHeaderNames(t *testing.T) {
	src := openTemp(t)
	want := seed(t, src)
	var buf bytes.Buffer
	src.Export(t.Context(), &buf, ExportOptions{})
	full := buf.String()
	reversed := append([]string(nil), csvHeader...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	t.Run("reversed, with unknown columns, semicolons", func(t *testing.T) {
		file := reshape(t, full, ';', append([]string{"comment"}, append(reversed, "Notes")...)...)
		dst := openTemp(t)
		res, err := dst.Import(t.Context(), strings.NewReader(file), ImportOptions{})
		if err != nil || res.Inserted != int64(len(want)) {
			t.Fatalf("Import = %+v, %v", res, err)
		}
		for _, w := range want {
			got, err := dst.Get(t.Context(), w.ID)
			if err != nil || !reflect.DeepEqual(got, w) {
				t.Errorf("%s: got %+v, %v\nwant %+v", w.ID, got, err, w)
			}
		}
	})
	t.Run("only the required columns, BOM and a spaced capitalised header", func(t *testing.T) {
		file := reshape(t, full, ',', "id", "at", "site", "kind", "prompt_chars", "outcome")
		file = "\uFEFF" + strings.Replace(file, "site", " Site ", 1)
		dst := openTemp(t)
		res, err := dst.Import(t.Context(), strings.NewReader(file), ImportOptions{})
		if err != nil || res.Inserted != int64(len(want)) {
			t.Fatalf("Import = %+v, %v", res, err)
		}
		got, err := dst.Get(t.Context(), want[0].ID)
		if err != nil || got.Site != want[0].Site || got.Prompt != nil || got.Footprint != nil || got.Source != tracker.SourceImport {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	for _, tc := range []struct {
		name  string
		names []string
		msg   string
	}{
		{"no id", []string{"at", "site", "kind", "prompt_chars", "outcome"}, "missing column id "},
		{"no at, no site", []string{"id", "kind", "prompt_chars", "outcome", "model"}, "missing columns at, site "},
		{"one footprint figure missing", removeName(csvHeader, "co2_g_high"), "missing column co2_g_high "},
		{"a column twice", append(append([]string(nil), csvHeader...), "model"), "column model appears twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := reshape(t, full, ',', tc.names...)
			dst := openTemp(t)
			_, err := dst.Import(t.Context(), strings.NewReader(file), ImportOptions{})
			var le *LineError
			if !errors.As(err, &le) || le.Line != 1 || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Import = %v, want a line 1 error with %q", err, tc.msg)
			}
			if n, _ := dst.Count(t.Context()); n != 0 {
				t.Errorf("a refused import wrote %d rows", n)
			}
		})
	}
}

func removeName(names []string, name string) []string {
	var out []string
	for _, n := range names {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}
