package capture

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"frugal/tracker/defs"
)

// FileName is the name of a selector table dropped by the person in Frugal's
// data folder (the folder of the database file).
const FileName = "selectors.json"

// MaxTableBytes bounds a table, built in or from a file: the real one is a
// few kB, and the native host must send it in one message under Chrome's
// 1 MB limit for host-to-browser messages.
const MaxTableBytes = 256 << 10

// Limits on what a table may hold.
const (
	maxDepth       = 8   // nesting of objects and arrays
	maxStringBytes = 512 // one selector, URL pattern or label
	maxListLen     = 64  // entries in one list
)

// KnownSites are the site ids a table may describe: the adapters (Le Chat
// as lechat, mistral accepted as its former id) and the generic adapter;
// the one list is defs.SelectorSiteIDs, which the extension gets too.
var KnownSites = defs.SelectorSiteIDs()

// ErrInvalid is wrapped by every error Parse returns.
var ErrInvalid = errors.New("invalid selector table")

// Table is one checked selector table.
type Table struct {
	Version int
	Sites   []string // the sites it describes, sorted
	// JSON is the table, compacted, exactly as it will be sent on.
	JSON json.RawMessage
}

// invalid builds a Parse error; path names the place in the document.
func invalid(path, format string, a ...any) error {
	if path == "" {
		return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, a...))
	}
	return fmt.Errorf("%w: %s: %s", ErrInvalid, path, fmt.Sprintf(format, a...))
}

// Parse checks a selector table and returns it. The rules (README.md and
// selectors.schema.json describe the content):
//   - at most MaxTableBytes, valid UTF-8, exactly one JSON object;
//   - "version": an integer ≥ 1; "sites": an object whose keys are KnownSites,
//     at least one, each an object with RequiredSiteFields;
//   - values are data only: strings, numbers, booleans, lists and objects,
//     nested at most maxDepth deep; no null;
//   - every string is at most maxStringBytes, has no control characters and
//     nothing that could be code or markup ({ } ; < > ` "javascript:"
//     "expression(" "url(" "@import"), and balanced brackets, parentheses
//     and quotes, as a CSS selector has;
//   - every list holds at most maxListLen entries and no empty string;
//   - a value named "path" (a network entry's URL path) is a regular
//     expression that compiles.
func Parse(b []byte) (Table, error) {
	if len(b) > MaxTableBytes {
		return Table{}, invalid("", "%d bytes, over the %d-byte limit", len(b), MaxTableBytes)
	}
	if !utf8.Valid(b) {
		return Table{}, invalid("", "not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return Table{}, invalid("", "not valid JSON (%v)", err)
	}
	if _, err := dec.Token(); err == nil {
		return Table{}, invalid("", "trailing data after the JSON object")
	}
	top, ok := doc.(map[string]any)
	if !ok {
		return Table{}, invalid("", "not a JSON object")
	}
	var t Table
	v, ok := top["version"].(json.Number)
	if !ok {
		return Table{}, invalid("version", "missing or not a number")
	}
	n, err := v.Int64()
	if err != nil || n < 1 || n > math.MaxInt32 {
		return Table{}, invalid("version", "%s is not an integer ≥ 1", v)
	}
	t.Version = int(n)
	sites, ok := top["sites"].(map[string]any)
	if !ok {
		return Table{}, invalid("sites", "missing or not an object")
	}
	if len(sites) == 0 {
		return Table{}, invalid("sites", "no site")
	}
	for id, s := range sites {
		if !knownSite(id) {
			return Table{}, invalid("sites", "unknown site %q (known: %s)", id, strings.Join(KnownSites, ", "))
		}
		site, ok := s.(map[string]any)
		if !ok {
			return Table{}, invalid("sites."+id, "not an object")
		}
		if err := checkSite("sites."+id, site); err != nil {
			return Table{}, err
		}
		t.Sites = append(t.Sites, id)
	}
	sort.Strings(t.Sites)
	if err := checkValue("", doc, 0); err != nil {
		return Table{}, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return Table{}, invalid("", "not valid JSON (%v)", err)
	}
	t.JSON = buf.Bytes()
	return t, nil
}

// RequiredSiteFields are the fields every site must have
// (selectors.schema.json, $defs.site.required): a display name, its host
// names, and non-empty lists for the composer, the send control and the
// answers; without them no adapter can be built.
var RequiredSiteFields = []string{"name", "hosts", "composer", "send", "answer"}

func checkSite(path string, site map[string]any) error {
	for _, f := range RequiredSiteFields {
		v, ok := site[f]
		if !ok {
			return invalid(path, "no %q", f)
		}
		switch f {
		case "name":
			if s, ok := v.(string); !ok || s == "" {
				return invalid(path+"."+f, "not a non-empty string")
			}
		case "hosts":
			l, ok := v.([]any)
			if !ok || len(l) == 0 {
				return invalid(path+"."+f, "not a non-empty list")
			}
			for i, h := range l {
				if s, ok := h.(string); !ok || !hostRE.MatchString(s) {
					return invalid(fmt.Sprintf("%s.%s[%d]", path, f, i), "not a host name")
				}
			}
		default:
			if l, ok := v.([]any); !ok || len(l) == 0 {
				return invalid(path+"."+f, "not a non-empty list")
			}
		}
	}
	return nil
}

func knownSite(id string) bool {
	for _, s := range KnownSites {
		if s == id {
			return true
		}
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// checkValue walks the document and applies the data-only rules.
func checkValue(path string, v any, depth int) error {
	if depth > maxDepth {
		return invalid(path, "nested more than %d deep", maxDepth)
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the first error is the same every time
		for _, k := range keys {
			if err := checkString(join(path, "(key)"), k); err != nil {
				return err
			}
			if err := checkValue(join(path, k), x[k], depth+1); err != nil {
				return err
			}
		}
	case []any:
		if len(x) > maxListLen {
			return invalid(path, "%d entries, over the limit of %d", len(x), maxListLen)
		}
		for i, e := range x {
			if s, ok := e.(string); ok && s == "" {
				return invalid(fmt.Sprintf("%s[%d]", path, i), "empty string")
			}
			if err := checkValue(fmt.Sprintf("%s[%d]", path, i), e, depth+1); err != nil {
				return err
			}
		}
	case string:
		if err := checkString(path, x); err != nil {
			return err
		}
		// A network entry's "path" is a regular expression the extension
		// compiles: it must compile here too (RE2 is close to a subset of
		// JavaScript's syntax).
		if strings.HasSuffix(path, ".path") {
			if _, err := regexp.Compile(x); err != nil {
				return invalid(path, "%q is not a valid regular expression", x)
			}
		}
	case json.Number:
		f, err := x.Float64()
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return invalid(path, "bad number %s", x)
		}
	case bool:
	case nil:
		return invalid(path, "null is not allowed")
	default:
		return invalid(path, "unexpected value")
	}
	return nil
}

// forbidden are substrings no selector, URL pattern or label needs and that
// code or markup would carry (compared in lower case).
var forbidden = []string{"{", "}", ";", "<", ">", "`", "javascript:", "expression(", "url(", "@import"}

func checkString(path, s string) error {
	if len(s) > maxStringBytes {
		return invalid(path, "a string of %d bytes, over the limit of %d", len(s), maxStringBytes)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return invalid(path, "control character U+%04X in %q", r, s)
		}
	}
	low := strings.ToLower(s)
	for _, f := range forbidden {
		if strings.Contains(low, f) {
			return invalid(path, "%q contains %q, which a selector never needs (data only, no code)", s, f)
		}
	}
	if !balanced(s) {
		return invalid(path, "%q has unbalanced brackets, parentheses or quotes", s)
	}
	return nil
}

// balanced reports whether [ ] and ( ) nest properly and quotes close,
// outside quoted parts, as in a CSS selector (backslash escapes one char).
func balanced(s string) bool {
	var stack []rune
	var quote rune
	esc := false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '[' || r == '(':
			stack = append(stack, r)
		case r == ']' || r == ')':
			want := '['
			if r == ')' {
				want = '('
			}
			if len(stack) == 0 || stack[len(stack)-1] != want {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return quote == 0 && !esc && len(stack) == 0
}

// Source says which table is in use.
type Source struct {
	Table Table
	// Path is the data-folder file in use, or "" for the built-in table.
	Path string
	// Rejected is the data-folder file that was found and not used, with
	// the reason; "" when none was found or it was used.
	Rejected, Reason string
}

// InUse describes the table in use for a person: "built-in table version
// N" or "PATH (version N)".
func (s Source) InUse() string {
	if s.Path == "" {
		return fmt.Sprintf("built-in, version %d", s.Table.Version)
	}
	return fmt.Sprintf("%s, version %d", s.Path, s.Table.Version)
}

// Load returns the table to use given Frugal's data folder: the file
// FileName there when it is valid and newer than builtin, else builtin (with
// the file and the reason it was not used). A missing file is not an error.
func Load(dataDir string, builtin Table) Source {
	src := Source{Table: builtin}
	if dataDir == "" {
		return src
	}
	p := filepath.Join(dataDir, FileName)
	b, err := readLimited(p, MaxTableBytes)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return src
	case err != nil:
		src.Rejected, src.Reason = p, err.Error()
		return src
	}
	t, err := Parse(b)
	if err != nil {
		src.Rejected, src.Reason = p, err.Error()
		return src
	}
	if t.Version <= builtin.Version {
		src.Rejected = p
		src.Reason = fmt.Sprintf("version %d is not newer than the built-in version %d", t.Version, builtin.Version)
		return src
	}
	return Source{Table: t, Path: p}
}

// readLimited reads a file of at most max bytes; a longer one is refused
// without reading it all.
func readLimited(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: not a regular file", ErrInvalid)
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, fmt.Errorf("%w: over the %d-byte limit", ErrInvalid, max)
	}
	return b, nil
}
