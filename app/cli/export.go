package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"frugal/storage"
)

func init() {
	register("export", "write requests as CSV", runExport)
	register("import", "read a CSV such as export writes, columns found by name (importing twice adds nothing)", runImport)
}

// parseDate accepts YYYY-MM-DD (local midnight) or RFC 3339.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or RFC 3339)", s)
}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "export", "[--from DATE] [--to DATE] [--delimiter ,|;] [--bom] [--no-text] [-o FILE]")
	db := dbFlag(fs, env)
	from := fs.String("from", "", "first day, YYYY-MM-DD (included)")
	to := fs.String("to", "", "last day, YYYY-MM-DD (included)")
	delim := fs.String("delimiter", ",", "field separator: , or ; (French spreadsheets)")
	bom := fs.Bool("bom", false, "start with a byte order mark (Excel)")
	noText := fs.Bool("no-text", false, "leave prompt texts out")
	outPath := fs.String("o", "", "write to `file` instead of standard output")
	langF := langFlag(fs)
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	c, err := catalogue(env, *langF)
	if err != nil {
		return err
	}
	o := storage.ExportOptions{BOM: *bom, NoText: *noText}
	switch *delim {
	case ",", ";":
		o.Delimiter = rune((*delim)[0])
	default:
		return Usagef("--delimiter %q: want , or ;", *delim)
	}
	if *from != "" {
		if o.From, err = parseDate(*from, time.Local); err != nil {
			return Usagef("--from: %v", err)
		}
	}
	if *to != "" {
		if o.To, err = parseDate(*to, time.Local); err != nil {
			return Usagef("--to: %v", err)
		}
		if len(*to) == len(time.DateOnly) {
			o.To = o.To.AddDate(0, 0, 1) // the last day is included
		}
	}
	if !o.From.IsZero() && !o.To.IsZero() && !o.From.Before(o.To) {
		return Usagef("--from must be before --to")
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *outPath == "" || *outPath == "-" {
		_, err := st.Export(ctx, env.Stdout, o)
		return err
	}
	// Write next to the target and rename at the end: an interrupted export
	// never leaves a half file under the requested name.
	tmp, err := os.CreateTemp(filepath.Dir(*outPath), ".frugal-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if env.IsTerminal {
		o.Progress = func(n int64) { fmt.Fprintf(env.Stderr, "\rexported %d rows", n) }
	}
	n, err := st.Export(ctx, tmp, o)
	if env.IsTerminal {
		fmt.Fprintln(env.Stderr)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *outPath); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, c.N("cli.exported", int(n), map[string]any{"File": *outPath}))
	return nil
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "import", "[--lang fr|en] FILE")
	db := dbFlag(fs, env)
	langF := langFlag(fs)
	if err := parse(fs, args, 1); err != nil {
		return err
	}
	c, err := catalogue(env, *langF)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give the CSV file to import (- for standard input)")
	}
	path := fs.Arg(0)
	var in io.Reader = env.Stdin
	var size int64
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		in = f
	}
	st, err := openStore(ctx, env, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	cr := &countingReader{r: in}
	var o storage.ImportOptions
	if env.IsTerminal {
		o.Progress = func(n int64) {
			if size > 0 {
				fmt.Fprintf(env.Stderr, "\rimporting: %d rows (%d %%)", n, 100*cr.n/size)
			} else {
				fmt.Fprintf(env.Stderr, "\rimporting: %d rows", n)
			}
		}
	}
	res, err := st.Import(ctx, cr, o)
	if env.IsTerminal {
		fmt.Fprintln(env.Stderr)
	}
	var le *storage.LineError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %v; nothing was imported", path, le)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, c.N("cli.imported", int(res.Inserted), map[string]any{"File": path, "Skipped": res.Skipped}))
	return nil
}
