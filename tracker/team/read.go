package team

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Skipped is a file left out of a report, with the reason.
type Skipped struct {
	Path   string
	Reason string
}

// entry is the share kept for one install id and week.
type entry struct {
	created string
	order   int // position of the file in the input list
	path    string
	team    string
	methods string // joined with ", "
	scope   string
	slots   [8]Assistant
}

// Collection is what Read kept: at most one share per install id and week,
// and the files it skipped.
type Collection struct {
	Files   int // files looked at
	entries map[string]*entry
	skipped []Skipped
	mu      sync.Mutex
	intern  map[string]string
}

func newCollection() *Collection {
	return &Collection{entries: map[string]*entry{}, intern: map[string]string{}}
}

// Shares is how many person-weeks were kept.
func (c *Collection) Shares() int { return len(c.entries) }

// Skipped lists the files left out, in input order.
func (c *Collection) Skipped() []Skipped { return c.skipped }

func (c *Collection) str(s string) string {
	if v, ok := c.intern[s]; ok {
		return v
	}
	c.intern[s] = s
	return s
}

// add keeps s unless a newer share of the same person-week is there: the
// later Created week wins, then the file later in the input list.
func (c *Collection) add(order int, path string, s Share) {
	e := &entry{created: s.Created, order: order, path: path}
	for _, a := range s.Assistants {
		e.slots[slotIndex(a.ID)] = a
	}
	key := s.InstallID + "/" + s.Week
	c.mu.Lock()
	defer c.mu.Unlock()
	e.team = c.str(s.Team)
	e.methods = c.str(strings.Join(s.Methods, ", "))
	e.scope = c.str(s.Scope)
	old, ok := c.entries[key]
	if !ok {
		c.entries[key] = e
		return
	}
	newer, older := e, old
	if old.created > e.created || old.created == e.created && old.order > e.order {
		newer, older = old, e
	}
	c.entries[key] = newer
	c.skipped = append(c.skipped, Skipped{older.path, fmt.Sprintf("duplicate: same install id and week %s as %s, which is newer and kept", s.Week, newer.path)})
}

func (c *Collection) skip(path, reason string) {
	c.mu.Lock()
	c.skipped = append(c.skipped, Skipped{path, reason})
	c.mu.Unlock()
}

// ReadOptions tune Read.
type ReadOptions struct {
	Workers  int                   // files read at once; 0 = 2 × CPUs
	Progress func(done, total int) // called from Read's goroutine, 10 times a second at most, and at the end
}

// Files expands the arguments: a file is taken as is, a folder gives every
// *.json file under it (hidden ones aside), in lexical order.
func Files(args []string) ([]string, []Skipped, error) {
	var files []string
	var bad []Skipped
	seen := map[string]bool{} // a file named twice is read once
	keep := func(p string) {
		if c := filepath.Clean(p); !seen[c] {
			seen[c] = true
			files = append(files, p)
		}
	}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			bad = append(bad, Skipped{a, err.Error()})
			continue
		}
		if !fi.IsDir() {
			keep(a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Skipped{p, err.Error()})
				return nil
			}
			name := d.Name()
			if p != a && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && strings.EqualFold(filepath.Ext(name), ".json") {
				keep(p)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return files, bad, nil
}

// readFile reads at most MaxFileBytes of path.
func readFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf[:cap(buf)])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if n == cap(buf) {
		return nil, fmt.Errorf("larger than %d kB: not a share file", MaxFileBytes>>10)
	}
	return buf[:n], nil
}

// Read reads share files with a bounded pool of workers. Each file is read,
// checked and reduced to its totals at once; only one small record per
// person-week is kept. A bad file is skipped with its reason, never fatal.
func Read(ctx context.Context, files []string, o ReadOptions) (*Collection, error) {
	c := newCollection()
	c.Files = len(files)
	workers := o.Workers
	if workers <= 0 {
		workers = 2 * runtime.NumCPU()
	}
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, MaxFileBytes+1)
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				p := files[i]
				data, err := readFile(p, buf)
				if err == nil {
					var s Share
					if s, err = Decode(data); err == nil {
						c.add(i, p, s)
					}
				}
				if err != nil {
					c.skip(p, err.Error())
				}
				done.Add(1)
			}
		}()
	}
	if o.Progress != nil {
		// Drawn 10 times a second at most, from this goroutine only.
		t := time.NewTicker(100 * time.Millisecond)
		waited := make(chan struct{})
		go func() { wg.Wait(); close(waited) }()
		for loop := true; loop; {
			select {
			case <-t.C:
				o.Progress(int(done.Load()), len(files))
			case <-waited:
				loop = false
			}
		}
		t.Stop()
		o.Progress(int(done.Load()), len(files))
	} else {
		wg.Wait()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	order := map[string]int{}
	for i, f := range files {
		if _, ok := order[f]; !ok {
			order[f] = i
		}
	}
	sort.SliceStable(c.skipped, func(i, j int) bool { return order[c.skipped[i].Path] < order[c.skipped[j].Path] })
	return c, nil
}
