//go:build reliability

package reliability

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestKill: RELIABILITY_KILL_ROUNDS rounds on one database. Each round a
// native host writes while one process kind (in turn: native host, CLI
// import, CLI log, tray, window) is killed with SIGKILL at a random
// moment. After every round the database opens without being taken for
// damaged, passes PRAGMA integrity_check, and holds every row whose writer
// was acknowledged; an import killed midway added all its rows or none.
func TestKill(t *testing.T) {
	needDesktop(t)
	rounds := 20
	if v := os.Getenv("RELIABILITY_KILL_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("RELIABILITY_KILL_ROUNDS=%q", v)
		}
		rounds = n
	}
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewSource(seed))
	t.Logf("seed %d", seed)
	w := newWorld(t, "")
	tmpl := importTemplate(t)
	var acked []string
	// How long an uncontested import of 3000 rows takes: the import rounds
	// kill at a random point of that span (process start included).
	csv0, rows0, err := importFile(w, tmpl, "timing", 3000)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if r := w.cli(context.Background(), "import", csv0); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	importTime := time.Since(t0)
	acked = append(acked, rows0...)
	t.Logf("an import of 3000 rows takes %v", importTime.Round(time.Millisecond))
	kinds := []string{"host", "cli import", "cli log", "tray", "window"}
	killed := map[string]int{}
	for round := 0; round < rounds; round++ {
		kind := kinds[round%len(kinds)]
		delay := time.Duration(rng.Intn(1500)) * time.Millisecond

		// A host writing in the background of every round; for the "host"
		// kind it is the one killed.
		h := w.startHost()
		var (
			mu        sync.Mutex
			hostAcked []string
			stop      = make(chan struct{})
			done      = make(chan struct{})
		)
		go func() {
			defer close(done)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("r%02d-h%05d", round, i)
				code, _ := h.record(id, "kill round "+strconv.Itoa(round))
				if code == "gone" {
					return
				}
				if code == "" {
					mu.Lock()
					hostAcked = append(hostAcked, id)
					mu.Unlock()
				}
			}
		}()

		importPrefix := ""
		var importIDs []string
		switch kind {
		case "host":
			time.Sleep(delay)
			h.kill()
		case "cli import":
			importPrefix = fmt.Sprintf("r%02d-imp", round)
			csv, rows, err := importFile(w, tmpl, importPrefix, 3000)
			if err != nil {
				t.Fatal(err)
			}
			importIDs = rows
			p := w.start("import", "import", csv)
			delay = time.Duration(rng.Int63n(int64(importTime) * 6 / 5))
			time.Sleep(delay)
			if p.exited() {
				if p.err == nil {
					acked = append(acked, rows...)
					importIDs = nil // finished before the kill: acknowledged
				} else {
					t.Errorf("round %d: import failed: %v\n%s", round, p.err, p.output())
				}
			} else {
				p.kill()
			}
		case "cli log":
			end := time.Now().Add(delay)
			var cur *proc
			for i := 0; ; i++ {
				id := fmt.Sprintf("r%02d-log%03d", round, i)
				cur = w.start("log", "log", "--site", "claude", "--id", id, "--prompt", "a kill round")
				for !cur.exited() && time.Now().Before(end) {
					time.Sleep(5 * time.Millisecond)
				}
				if !cur.exited() {
					cur.kill()
					break
				}
				if cur.err == nil {
					acked = append(acked, id)
				} else {
					t.Errorf("round %d: log %s: %v\n%s", round, id, cur.err, cur.output())
				}
			}
		case "tray":
			tp := w.startTray()
			// A pause then a resume from the menu, killed somewhere in it.
			go func() {
				tp.click(labelPauseHour)
				tp.click(labelResume)
			}()
			time.Sleep(delay)
			tp.kill()
		case "window":
			kindName := []string{"summary", "settings", "log"}[rng.Intn(3)]
			p := w.start(kindName+"-window", kindName, "--window")
			time.Sleep(delay)
			p.kill()
		}
		killed[kind]++
		close(stop)
		<-done
		h.close()
		mu.Lock()
		acked = append(acked, hostAcked...)
		mu.Unlock()
		// The tray killed mid-pause leaves tracking paused: resume (from the
		// extension's popup, through a host) for the next round's writers.
		rh := w.startHost()
		if r := rh.call(map[string]any{"type": "set_settings", "settings": map[string]any{"paused_until_ms": 0}}); replyCode(r) != "" {
			t.Fatalf("round %d: resume: %v", round, r)
		}
		rh.close()

		func() {
			st := openCheck(t, w.db)
			defer st.Close()
			stored, _ := ids(t, st.DB())
			if miss := missing(acked, stored); len(miss) > 0 {
				t.Fatalf("round %d (%s killed after %v): acknowledged rows missing: %v", round, kind, delay, miss)
			}
			t.Logf("round %d: %s killed after %v; %d rows, integrity ok, %d acknowledged present", round, kind, delay, len(stored), len(acked))
			if len(importIDs) > 0 {
				n := 0
				for _, id := range importIDs {
					if stored[id] {
						n++
					}
				}
				if n != 0 && n != len(importIDs) {
					t.Fatalf("round %d: an import killed after %v left %d of its %d rows", round, delay, n, len(importIDs))
				}
				if n == len(importIDs) {
					acked = append(acked, importIDs...) // committed just before the kill
				}
				t.Logf("round %d: import killed after %v: %d of %d rows (all or nothing)", round, delay, n, len(importIDs))
			}
		}()
	}
	t.Logf("%d rounds, killed %v; %d acknowledged rows all present", rounds, killed, len(acked))
}
