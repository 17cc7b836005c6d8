package tray

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// watchFiles watches the database's folder with inotify and sends on the
// returned channel when the database or its -wal file is written. The
// folder is watched rather than the files because SQLite creates and
// removes the -wal file.
func watchFiles(ctx context.Context, dbPath string) (<-chan struct{}, error) {
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		return nil, err
	}
	dir, base := filepath.Dir(dbPath), filepath.Base(dbPath)
	if _, err := unix.InotifyAddWatch(fd, dir, unix.IN_MODIFY|unix.IN_CREATE|unix.IN_MOVED_TO|unix.IN_CLOSE_WRITE); err != nil {
		unix.Close(fd)
		return nil, err
	}
	// A non-blocking descriptor in an *os.File goes through Go's poller, so
	// Read parks the goroutine and Close wakes it.
	f := os.NewFile(uintptr(fd), "inotify")
	out := make(chan struct{}, 1)
	go func() {
		<-ctx.Done()
		f.Close()
	}()
	go func() {
		defer close(out)
		buf := make([]byte, 64*(unix.SizeofInotifyEvent+unix.NAME_MAX+1))
		for {
			n, err := f.Read(buf)
			if err != nil {
				return
			}
			hit := false
			for off := 0; off+unix.SizeofInotifyEvent <= n; {
				ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
				name := ""
				if ev.Len > 0 {
					raw := buf[off+unix.SizeofInotifyEvent : off+unix.SizeofInotifyEvent+int(ev.Len)]
					name = strings.TrimRight(string(raw), "\x00")
				}
				off += unix.SizeofInotifyEvent + int(ev.Len)
				if name == base || name == base+"-wal" {
					hit = true
				}
			}
			if hit {
				signal(out)
			}
		}
	}()
	return out, nil
}
