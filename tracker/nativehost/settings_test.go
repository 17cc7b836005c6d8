package nativehost_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"testing"

	"frugal/storage"
	"frugal/tracker"
	"frugal/tracker/nativehost"
)

// TestSetSettingsKeepsConcurrentChanges: while the host applies
// set_settings patches, another process (the tray) keeps changing a setting
// the patches do not touch. Every one of the tray's changes must survive:
// the host's read-modify-write happens in one transaction.
func TestSetSettingsKeepsConcurrentChanges(t *testing.T) {
	st, err := storage.Open(t.Context(), filepath.Join(t.TempDir(), "frugal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tray, err := storage.Open(t.Context(), st.Path()) // a second handle, as another process has
	if err != nil {
		t.Fatal(err)
	}
	defer tray.Close()

	const patches, bumps = 150, 150
	var in bytes.Buffer
	for i := 0; i < patches; i++ {
		msg := fmt.Sprintf(`{"v":1,"id":"%d","type":"set_settings","settings":{"track_private":%v,"nudges_off":{"weather":%v}}}`, i, i%2 == 0, i%3 == 0)
		var hdr [4]byte
		binary.LittleEndian.PutUint32(hdr[:], uint32(len(msg)))
		in.Write(hdr[:])
		in.WriteString(msg)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < bumps; i++ {
			if _, err := tray.UpdateSettings(context.Background(), func(s *tracker.Settings) error {
				s.PausedUntilMs++
				return nil
			}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var out bytes.Buffer
	if err := nativehost.Serve(t.Context(), &in, &out, nativehost.Deps{Service: &tracker.Service{Store: st}, NotFound: storage.ErrNotFound}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	r := bytes.NewReader(out.Bytes())
	for n := 0; ; n++ {
		b, err := nativehost.ReadFrame(r, nativehost.MaxOutBytes)
		if err == io.EOF {
			if n != patches {
				t.Fatalf("%d replies, want %d", n, patches)
			}
			break
		}
		if err != nil || !bytes.Contains(b, []byte(`"ok":true`)) {
			t.Fatalf("reply %d: %s %v", n, b, err)
		}
	}
	set, err := st.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if set.PausedUntilMs != bumps {
		t.Errorf("the tray's counter is %d after %d changes: the host's set_settings undid some", set.PausedUntilMs, bumps)
	}
	if want := (patches-1)%2 == 0; set.TrackPrivate != want || set.NudgesOff["weather"] != ((patches-1)%3 == 0) {
		t.Errorf("the host's last patch was not kept: %+v", set)
	}
}
