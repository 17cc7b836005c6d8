package storage

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests below start real OS processes: the test binary itself, re-run
// with FRUGAL_TEST_CHILD set, which makes TestChildProcess do the work.

func TestChildProcess(t *testing.T) {
	role := os.Getenv("FRUGAL_TEST_CHILD")
	if role == "" {
		t.Skip("helper process for the multi-process tests")
	}
	path, prefix := os.Getenv("FRUGAL_TEST_DB"), os.Getenv("FRUGAL_TEST_PREFIX")
	n, _ := strconv.Atoi(os.Getenv("FRUGAL_TEST_N"))
	s, err := Open(t.Context(), path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	switch role {
	case "writer":
		base := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
		for i := range n {
			id := fmt.Sprintf("%s-%06d", prefix, i)
			if _, err := s.Record(t.Context(), sample(id, base.Add(time.Duration(i)*time.Second))); err != nil {
				fmt.Fprintln(out, "error:", err)
				out.Flush()
				os.Exit(3)
			}
			// Reported only once committed, like an ack to the extension.
			fmt.Fprintln(out, "committed", id)
			out.Flush()
		}
	case "import":
		f, err := os.Open(os.Getenv("FRUGAL_TEST_CSV"))
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		res, err := s.Import(t.Context(), f, ImportOptions{Progress: func(n int64) {
			fmt.Fprintln(out, "progress", n)
			out.Flush()
		}})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		fmt.Println("imported", res.Inserted)
	}
	s.Close()
	os.Exit(0)
}

func child(t *testing.T, role, db, prefix string, n int, extra ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "FRUGAL_TEST_CHILD="+role, "FRUGAL_TEST_DB="+db,
		"FRUGAL_TEST_PREFIX="+prefix, "FRUGAL_TEST_N="+strconv.Itoa(n))
	cmd.Env = append(cmd.Env, extra...)
	return cmd
}

func TestThreeProcessesWritingAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 15,000 rows from three processes")
	}
	db := filepath.Join(t.TempDir(), "frugal.db")
	s, err := Open(t.Context(), db) // migrate once so the children race on rows, not on schema
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	const each = 5000
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 3)
	errs := make([]error, 3)
	for i := range 3 {
		cmd := child(t, "writer", db, fmt.Sprint("p", i), each)
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = cmd.Run() }()
	}
	wg.Wait()
	for i := range 3 {
		if errs[i] != nil || strings.Contains(outs[i].String(), "error") {
			t.Errorf("process %d: %v\n%s", i, errs[i], lastLines(outs[i].String(), 5))
		}
		if strings.Contains(outs[i].String(), "locked") {
			t.Errorf("process %d saw \"database is locked\"", i)
		}
	}
	s, err = Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(t.Context()); n != 3*each {
		t.Errorf("%d rows, want %d", n, 3*each)
	}
	if err := s.IntegrityCheck(t.Context()); err != nil {
		t.Error(err)
	}
}

func TestSIGKILL_KeepsEveryCommittedRow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "frugal.db")
	for round := range 3 {
		cmd := child(t, "writer", db, fmt.Sprint("k", round), 1_000_000)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		var acked []string
		kill := 300 + 200*round
		for sc.Scan() {
			line := sc.Text()
			if id, ok := strings.CutPrefix(line, "committed "); ok {
				acked = append(acked, id)
			} else if strings.HasPrefix(line, "error") {
				t.Fatalf("writer: %s", line)
			}
			if len(acked) == kill {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		cmd.Wait()
		s, err := Open(t.Context(), db)
		if err != nil {
			t.Fatalf("round %d: open after SIGKILL: %v", round, err)
		}
		if err := s.IntegrityCheck(t.Context()); err != nil {
			t.Errorf("round %d: %v", round, err)
		}
		for _, id := range acked {
			if _, err := s.Get(t.Context(), id); err != nil {
				t.Errorf("round %d: acknowledged %s is gone: %v", round, id, err)
				break
			}
		}
		s.Close()
	}
}

func TestSIGKILL_DuringImportLeavesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	src, err := Open(t.Context(), filepath.Join(dir, "src.db"))
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tx, _ := src.db.Begin()
	for i := range 60000 {
		r := sample(fmt.Sprintf("imp-%06d", i), base.Add(time.Duration(i)*time.Second))
		args, _ := requestArgs(&r)
		if _, err := tx.Exec(insertRequest, append(args, int64(0))...); err != nil {
			t.Fatal(err)
		}
	}
	tx.Commit()
	csvPath := filepath.Join(dir, "big.csv")
	f, _ := os.Create(csvPath)
	src.Export(t.Context(), f, ExportOptions{})
	f.Close()
	src.Close()

	db := filepath.Join(dir, "dst.db")
	dst, _ := Open(t.Context(), db)
	dst.Record(t.Context(), sample("before", base))
	dst.Close()

	cmd := child(t, "import", db, "", 0, "FRUGAL_TEST_CSV="+csvPath)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "progress") { // mid-import
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	cmd.Wait()
	dst, err = Open(t.Context(), db)
	if err != nil {
		t.Fatalf("open after SIGKILL: %v", err)
	}
	defer dst.Close()
	if err := dst.IntegrityCheck(t.Context()); err != nil {
		t.Error(err)
	}
	if n, _ := dst.Count(t.Context()); n != 1 {
		t.Errorf("%d rows after a killed import, want 1 (the row from before; the import is all or nothing)", n)
	}
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}
