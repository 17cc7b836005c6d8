package nativehost_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frugal/storage"
	"frugal/tracker/capture"
)

func TestBinary_SendsBuiltinSelectorsOnConnect(t *testing.T) {
	h := startHost(t)
	builtin, err := capture.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if h.hello["source"] != "builtin" || h.hello["version"] != float64(builtin.Version) || h.hello["rejected"] != nil {
		t.Errorf("hello = source %v version %v rejected %v, want the built-in table", h.hello["source"], h.hello["version"], h.hello["rejected"])
	}
	table, _ := json.Marshal(h.hello["table"])
	if _, err := capture.Parse(table); err != nil {
		t.Errorf("the table sent does not pass Parse: %v", err)
	}
	h.send(`{"v":1,"id":"1","type":"ping"}`)
	if r := h.reply(); r["id"] != "1" || r["ok"] != true {
		t.Errorf("ping reply = %v", r)
	}
	h.exit()
}

func TestBinary_DataFolderTable(t *testing.T) {
	builtin, err := capture.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("newer valid file is sent", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, capture.FileName)
		newer := fmt.Sprintf(`{"version":%d,"sites":{"claude":{"name":"Claude","hosts":["claude.ai"],"send":["button"],"answer":["article"],"composer":["[data-testid=\"chat-input\"]"]}}}`, builtin.Version+1)
		if err := os.WriteFile(file, []byte(newer), 0o600); err != nil {
			t.Fatal(err)
		}
		h := startHostDB(t, filepath.Join(dir, "frugal.db"))
		if h.hello["source"] != file || h.hello["version"] != float64(builtin.Version+1) {
			t.Errorf("hello = source %v version %v, want %s", h.hello["source"], h.hello["version"], file)
		}
		h.exit()
	})
	t.Run("malformed file: built-in sent, file named with the reason", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, capture.FileName)
		if err := os.WriteFile(file, []byte(`{"version":99,"sites":{"claude":{"name":"Claude","hosts":["claude.ai"],"send":["button"],"answer":["article"],"composer":["<img src=x onerror=alert(1)>"]}}}`), 0o600); err != nil {
			t.Fatal(err)
		}
		h := startHostDB(t, filepath.Join(dir, "frugal.db"))
		if h.hello["source"] != "builtin" || h.hello["rejected"] != file || !strings.Contains(fmt.Sprint(h.hello["reason"]), `contains "<"`) {
			t.Errorf("hello = source %v rejected %v reason %v", h.hello["source"], h.hello["rejected"], h.hello["reason"])
		}
		h.exit()
		if !strings.Contains(h.stderr.String(), "selector table: "+file+" not used") {
			t.Errorf("stderr does not log the rejection:\n%s", h.stderr.String())
		}
	})
}

func TestBinary_HealthIsStored(t *testing.T) {
	db := filepath.Join(t.TempDir(), "frugal.db")
	h := startHostDB(t, db)
	now := time.Now().UnixMilli()
	msg := fmt.Sprintf(`{"v":1,"id":"h1","type":"health","health":{"batch":"batch-1","at":%d,"rows":[`+
		`{"day":"2026-12-06","site":"claude","sends":3,"answers":0,"timeouts":3,"net_only":1,"miss_composer":0,`+
		`"miss_send":0,"miss_answer":3,"miss_stop":0,"last_send_ms":%d,"last_miss_ms":%d,"last_miss":"answer","unanswered":3}]}}`, now, now, now)
	h.send(msg)
	if r := h.reply(); r["ok"] != true || r["applied"] != true {
		t.Fatalf("reply = %v", r)
	}
	h.send(strings.Replace(msg, `"id":"h1"`, `"id":"h2"`, 1))
	if r := h.reply(); r["ok"] != true || r["applied"] != false {
		t.Fatalf("retried batch reply = %v, want ok and not applied", r)
	}
	h.send(`{"v":1,"id":"h3","type":"health","health":{"batch":"batch-2","at":5,"rows":[{"day":"2026-12-06","site":"claude","sends":"many"}]}}`)
	if r := h.reply(); r["error"] == nil {
		t.Fatalf("bad batch reply = %v, want an error", r)
	}
	h.exit()
	st, err := storage.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Health(t.Context(), "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Sends != 3 || rows[0].NetOnly != 1 || rows[0].MissAnswer != 3 || rows[0].Unanswered != 3 {
		t.Errorf("stored rows = %+v, want one claude row with 3 sends once", rows)
	}
}
