package nativehost_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/tracker/nativehost"
)

// These tests drive the real frugal binary over pipes, as a browser does.

var frugalBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "frugal-host-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	frugalBin = filepath.Join(dir, "frugal")
	build := exec.Command("go", "build", "-o", frugalBin, "frugal")
	// The root package may need cgo (Fyne) even when this test runs with
	// CGO_ENABLED=0.
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build frugal:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// hostProc is a running host with its pipes.
type hostProc struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout io.Reader
	stderr bytes.Buffer
	done   chan error
	// hello is the frame the host sends unasked when it starts: the
	// selector table in use.
	hello map[string]any
}

func startHost(t *testing.T) *hostProc {
	t.Helper()
	return startHostDB(t, filepath.Join(t.TempDir(), "frugal.db"))
}

// startHostDB starts the host on the database file db and reads the
// selector table it sends first.
func startHostDB(t *testing.T, db string) *hostProc {
	t.Helper()
	cmd := exec.Command(frugalBin, "chrome-extension://"+nativehost.ChromiumExtensionID+"/")
	cmd.Env = append(os.Environ(), "FRUGAL_DB="+db)
	h := &hostProc{t: t, cmd: cmd, done: make(chan error, 1)}
	var err error
	if h.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	h.stdout = out
	cmd.Stderr = &h.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { h.done <- cmd.Wait() }()
	t.Cleanup(func() {
		h.stdin.Close()
		select {
		case <-h.done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-h.done
		}
		if t.Failed() {
			t.Logf("host stderr:\n%s", h.stderr.String())
		}
	})
	h.hello = h.reply()
	if h.hello["type"] != nativehost.TypeSelectors {
		t.Fatalf("first frame = %v, want the selector table", h.hello)
	}
	return h
}

func (h *hostProc) sendRaw(b []byte) {
	h.t.Helper()
	if _, err := h.stdin.Write(b); err != nil {
		h.t.Fatalf("write to host: %v", err)
	}
}

func (h *hostProc) send(msg string) {
	h.t.Helper()
	buf := make([]byte, 4+len(msg))
	binary.LittleEndian.PutUint32(buf, uint32(len(msg)))
	copy(buf[4:], msg)
	h.sendRaw(buf)
}

// reply reads one frame from the host's stdout, within 10 s.
func (h *hostProc) reply() map[string]any {
	h.t.Helper()
	type res struct {
		b   []byte
		err error
	}
	ch := make(chan res, 1)
	go func() {
		b, err := nativehost.ReadFrame(h.stdout, nativehost.MaxOutBytes)
		ch <- res{b, err}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			h.t.Fatalf("read reply: %v", r.err)
		}
		var m map[string]any
		if err := json.Unmarshal(r.b, &m); err != nil {
			h.t.Fatalf("reply %q is not JSON: %v", r.b, err)
		}
		return m
	case <-time.After(10 * time.Second):
		h.t.Fatal("no reply within 10 s")
	}
	return nil
}

// exit closes stdin and checks that stdout then ends on a frame boundary and
// the process exits with status 0.
func (h *hostProc) exit() {
	h.t.Helper()
	h.stdin.Close()
	rest, _ := io.ReadAll(h.stdout)
	if len(rest) != 0 {
		h.t.Errorf("stdout carried %d bytes after the last reply: %q", len(rest), rest)
	}
	select {
	case err := <-h.done:
		h.done <- err
		if err != nil {
			h.t.Errorf("host exited with %v", err)
		}
	case <-time.After(5 * time.Second):
		h.t.Error("host did not exit after its input closed")
	}
}

func code(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

// assertStillServing checks the host answers a ping after a refusal.
func assertStillServing(t *testing.T, h *hostProc) {
	t.Helper()
	h.send(`{"v":1,"id":"alive","type":"ping"}`)
	if r := h.reply(); r["ok"] != true || r["id"] != "alive" {
		t.Errorf("ping after a refusal = %v, want ok", r)
	}
}

func TestHostBinary_RefusesOversizedLengthAndExits(t *testing.T) {
	h := startHost(t)
	hdr := make([]byte, 4)
	binary.LittleEndian.PutUint32(hdr, nativehost.MaxInBytes+1)
	h.sendRaw(hdr)
	if r := h.reply(); code(r) != nativehost.CodeFrameTooLarge {
		t.Fatalf("reply = %v, want %s", r, nativehost.CodeFrameTooLarge)
	}
	// The host cannot find the next frame boundary, so it ends cleanly
	// without waiting for the 4 MiB it was promised.
	select {
	case err := <-h.done:
		h.done <- err
		if err != nil {
			t.Errorf("host exited with %v, want status 0", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("host kept running after an oversized length")
	}
}

func TestHostBinary_RefusesTruncatedFrame(t *testing.T) {
	h := startHost(t)
	hdr := make([]byte, 4)
	binary.LittleEndian.PutUint32(hdr, 100)
	h.sendRaw(append(hdr, []byte(`{"v":1,"id":"t"`)...))
	h.stdin.Close()
	if r := h.reply(); code(r) != nativehost.CodeTruncated {
		t.Fatalf("reply = %v, want %s", r, nativehost.CodeTruncated)
	}
	h.exit()
}

func TestHostBinary_RefusesBadMessagesAndKeepsServing(t *testing.T) {
	for _, tc := range []struct {
		name, msg, code, id string
	}{
		{"invalid JSON", `{"v":1,"id":"j","type":`, nativehost.CodeBadJSON, ""},
		{"unknown field", `{"v":1,"id":"u","type":"ping","admin":true}`, nativehost.CodeUnknownField, "u"},
		{"unknown type", `{"v":1,"id":"y","type":"exec"}`, nativehost.CodeUnknownType, "y"},
		{"invalid UTF-8", "{\"v\":1,\"id\":\"b\",\"type\":\"classify\",\"text\":\"caf\xe9\"}", nativehost.CodeBadUTF8, ""},
		{"empty frame", "", nativehost.CodeEmptyFrame, ""},
		{"wrong version", `{"v":9,"id":"w","type":"ping"}`, nativehost.CodeBadVersion, "w"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := startHost(t)
			h.send(tc.msg)
			r := h.reply()
			if code(r) != tc.code {
				t.Fatalf("reply to %q = %v, want %s", tc.msg, r, tc.code)
			}
			if id, _ := r["id"].(string); id != tc.id {
				t.Errorf("reply id = %q, want %q", id, tc.id)
			}
			assertStillServing(t, h)
			h.exit()
		})
	}
}

func TestHostBinary_HappyPath(t *testing.T) {
	h := startHost(t)
	h.send(`{"v":1,"id":"1","type":"ping"}`)
	if r := h.reply(); r["ok"] != true || r["id"] != "1" || r["v"] != 1.0 {
		t.Fatalf("ping = %v", r)
	}
	h.send(`{"v":1,"id":"2","type":"classify","text":"quel temps fait-il à Lyon ?","lang":"fr"}`)
	if r := h.reply(); r["ok"] != true || r["id"] != "2" {
		t.Fatalf("classify = %v", r)
	}
	h.send(`{"v":1,"id":"3","type":"settings"}`)
	if r := h.reply(); r["ok"] != true || r["settings"] == nil {
		t.Fatalf("settings = %v", r)
	}
	at := time.Now().UnixMilli()
	rec := fmt.Sprintf(`{"v":1,"id":"4","type":"record","request":{"id":"req-1","site":"claude","model":"Claude Sonnet 4","prompt":"Write a haiku about rivers","attachments":2,"kind":"text","at":%d,"outcome":"sent"}}`, at)
	h.send(rec)
	if r := h.reply(); r["ok"] != true || r["duplicate"] != false {
		t.Fatalf("record = %v", r)
	}
	h.send(rec)
	if r := h.reply(); r["ok"] != true || r["duplicate"] != true {
		t.Fatalf("record again = %v, want duplicate", r)
	}
	h.send(`{"v":1,"id":"5","type":"update","answer":{"id":"req-1","answer_chars":321,"streaming_ms":2500}}`)
	if r := h.reply(); r["ok"] != true {
		t.Fatalf("update = %v", r)
	}
	h.send(`{"v":1,"id":"6","type":"update","answer":{"id":"req-404","answer_chars":1,"streaming_ms":1}}`)
	if r := h.reply(); code(r) != nativehost.CodeNotFound {
		t.Fatalf("update of an unknown id = %v, want not_found", r)
	}
	h.send(`{"v":1,"id":"7","type":"today"}`)
	if r := h.reply(); r["ok"] != true || r["count"] != 1.0 {
		t.Fatalf("today = %v, want a count of 1", r)
	}
	h.send(`{"v":1,"id":"8","type":"set_settings","settings":{"nudges_off":{"weather":true},"track_private":true}}`)
	if r := h.reply(); r["ok"] != true || r["settings"].(map[string]any)["track_private"] != true {
		t.Fatalf("set_settings = %v", r)
	}
	h.exit()
	if s := h.stderr.String(); strings.Contains(s, "panic") {
		t.Errorf("host stderr: %s", s)
	}
	_ = errors.New
}
