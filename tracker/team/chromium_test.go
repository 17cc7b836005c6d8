package team

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// cdp drives a real headless Chromium over --remote-debugging-pipe (the
// DevTools protocol as NUL-terminated JSON on file descriptors 3 and 4): no
// network port, no browser download.
type cdp struct {
	cmd     *exec.Cmd
	w       *os.File
	mu      sync.Mutex
	id      int
	waiting map[int]chan json.RawMessage
	events  chan map[string]any
	t       *testing.T
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/lib/chromium/chromium", "/usr/bin/chromium"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

func startChromium(t *testing.T) *cdp {
	bin := chromiumPath()
	if bin == "" {
		skip(t, "Chromium is not installed (scripts/deps.sh test installs it; set CHROMIUM to use another)")
	}
	toChrome, chromeIn, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	chromeOut, fromChrome, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "--window-size=1000,800", "about:blank")
	cmd.ExtraFiles = []*os.File{toChrome, fromChrome} // fd 3: Chromium reads, fd 4: it writes
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toChrome.Close()
	fromChrome.Close()
	c := &cdp{cmd: cmd, w: chromeIn, waiting: map[int]chan json.RawMessage{}, events: make(chan map[string]any, 1000), t: t}
	go func() {
		r := bufio.NewReader(chromeOut)
		for {
			msg, err := r.ReadBytes(0)
			if err != nil {
				close(c.events)
				return
			}
			var m struct {
				ID     int             `json:"id"`
				Result json.RawMessage `json:"result"`
				Error  json.RawMessage `json:"error"`
				Method string          `json:"method"`
			}
			json.Unmarshal(msg[:len(msg)-1], &m)
			if m.ID != 0 {
				c.mu.Lock()
				ch := c.waiting[m.ID]
				c.mu.Unlock()
				if m.Error != nil {
					ch <- append(json.RawMessage(`{"__error":`), append(m.Error, '}')...)
				} else {
					ch <- m.Result
				}
				continue
			}
			var ev map[string]any
			json.Unmarshal(msg[:len(msg)-1], &ev)
			select {
			case c.events <- ev:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		c.call("", "Browser.close", nil)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		chromeIn.Close()
	})
	return c
}

func (c *cdp) call(session, method string, params any) map[string]any {
	c.mu.Lock()
	c.id++
	id := c.id
	ch := make(chan json.RawMessage, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	b, _ := json.Marshal(msg)
	if _, err := c.w.Write(append(b, 0)); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	select {
	case res := <-ch:
		var m map[string]any
		json.Unmarshal(res, &m)
		if e, ok := m["__error"]; ok && method != "Browser.close" {
			c.t.Fatalf("%s: %v", method, e)
		}
		return m
	case <-time.After(60 * time.Second):
		if method == "Browser.close" {
			return nil
		}
		c.t.Fatalf("%s: no answer from Chromium in 60 s", method)
	}
	return nil
}

// TestReportInChromium opens a report in real headless Chromium: no console
// error or exception, and every chart drawn (each <svg> has a non-zero
// bounding box and holds shapes). With FRUGAL_TEAM_SCREENSHOT=FILE it also
// writes a screenshot of the whole page (make team-screenshot).
func TestReportInChromium(t *testing.T) {
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Generate(filepath.Join(dir, "in"), GenOptions{People: 40, Weeks: 12, FirstWeek: "2026-W36",
				Teams: []string{"Sales", "Support", "Engineering", "", "Tiny", "Sales", "Support", "Engineering"}}); err != nil {
				t.Fatal(err)
			}
			rep := readDir(t, filepath.Join(dir, "in"), DefaultMinGroup)
			page := filepath.Join(dir, "report.html")
			var b bytes.Buffer
			if err := rep.WriteHTML(&b, lang); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			c := startChromium(t)
			targets := c.call("", "Target.getTargets", nil)
			var target string
			for _, ti := range targets["targetInfos"].([]any) {
				m := ti.(map[string]any)
				if m["type"] == "page" {
					target = m["targetId"].(string)
				}
			}
			if target == "" {
				t.Fatal("no page target in Chromium")
			}
			s := c.call("", "Target.attachToTarget", map[string]any{"targetId": target, "flatten": true})["sessionId"].(string)
			c.call(s, "Runtime.enable", nil)
			c.call(s, "Log.enable", nil)
			c.call(s, "Page.enable", nil)
			c.call(s, "Network.enable", nil)
			c.call(s, "Page.navigate", map[string]any{"url": "file://" + page})
			var problems []string
			loaded := false
			deadline := time.After(30 * time.Second)
			for !loaded {
				select {
				case ev, ok := <-c.events:
					if !ok {
						t.Fatal("Chromium went away")
					}
					problems = append(problems, problem(ev)...)
					loaded = ev["method"] == "Page.loadEventFired"
				case <-deadline:
					t.Fatal("the report did not load in 30 s")
				}
			}
			res := c.call(s, "Runtime.evaluate", map[string]any{"returnByValue": true, "expression": `(() => {
				const out = [];
				for (const svg of document.querySelectorAll('svg')) {
					const r = svg.getBoundingClientRect();
					const shapes = svg.querySelectorAll('rect,polyline,polygon,circle,line').length;
					let drawn = 0;
					for (const el of svg.querySelectorAll('rect,polyline,polygon,circle')) {
						const b = el.getBBox();
						if (b.width > 0 || b.height > 0) drawn++;
					}
					out.push({label: svg.getAttribute('aria-label'), w: r.width, h: r.height, shapes, drawn});
				}
				return {charts: out, scripts: document.scripts.length, lang: document.documentElement.lang,
					external: [...document.querySelectorAll('[src],link[href]')].map(e => e.src || e.href)};
			})()`})
			v := res["result"].(map[string]any)["value"].(map[string]any)
			charts := v["charts"].([]any)
			if len(charts) != 4 {
				t.Errorf("%d charts, want 4 (requests and carbon by week, by assistant, by team)", len(charts))
			}
			for _, ch := range charts {
				m := ch.(map[string]any)
				if m["w"].(float64) <= 0 || m["h"].(float64) <= 0 || m["drawn"].(float64) == 0 {
					t.Errorf("chart %q not drawn: %v", m["label"], m)
				}
			}
			if v["scripts"].(float64) != 0 || len(v["external"].([]any)) != 0 || v["lang"] != lang {
				t.Errorf("page: %d scripts, external resources %v, lang %v", int(v["scripts"].(float64)), v["external"], v["lang"])
			}
			// Events that came after the load.
			c.call(s, "Runtime.evaluate", map[string]any{"expression": "1"})
		drain:
			for {
				select {
				case ev := <-c.events:
					problems = append(problems, problem(ev)...)
				default:
					break drain
				}
			}
			if len(problems) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(problems, "\n"))
			}
			if shot := os.Getenv("FRUGAL_TEAM_SCREENSHOT"); shot != "" && lang == "en" {
				c.call(s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1000, "height": 800, "deviceScaleFactor": 1, "mobile": false})
				img := c.call(s, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true})
				data, err := base64.StdEncoding.DecodeString(img["data"].(string))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(shot, data, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("screenshot written to %s", shot)
			}
		})
	}
}

// problem turns a console error, an exception or a failed load into text.
func problem(ev map[string]any) []string {
	p, _ := ev["params"].(map[string]any)
	switch ev["method"] {
	case "Runtime.exceptionThrown":
		return []string{fmt.Sprint("exception: ", p["exceptionDetails"])}
	case "Runtime.consoleAPICalled":
		if p["type"] == "error" || p["type"] == "warning" {
			return []string{fmt.Sprint("console.", p["type"], ": ", p["args"])}
		}
	case "Log.entryAdded":
		e, _ := p["entry"].(map[string]any)
		if e["level"] == "error" || e["level"] == "warning" {
			return []string{fmt.Sprint("log ", e["level"], ": ", e["text"], " ", e["url"])}
		}
	case "Network.loadingFailed":
		return []string{fmt.Sprint("load failed: ", p["errorText"])}
	case "Network.requestWillBeSent":
		if r, _ := p["request"].(map[string]any); r != nil && !strings.HasPrefix(fmt.Sprint(r["url"]), "file://") && !strings.HasPrefix(fmt.Sprint(r["url"]), "data:") {
			return []string{fmt.Sprint("network request: ", r["url"])}
		}
	}
	return nil
}
