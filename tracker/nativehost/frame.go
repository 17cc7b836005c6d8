package nativehost

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Frame size limits.
const (
	// MaxInBytes bounds a message from the extension. A prompt is at most
	// tracker.MaxPromptBytes; JSON escaping can double it, so leave room.
	MaxInBytes = 4 << 20
	// MaxOutBytes bounds a reply: Chrome refuses host-to-browser messages of
	// 1 MB or more (https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging).
	MaxOutBytes = 1000*1000 - 1
)

// Errors returned by ReadFrame.
var (
	ErrFrameTooLarge = errors.New("nativehost: frame longer than the limit")
	ErrEmptyFrame    = errors.New("nativehost: empty frame")
	ErrTruncated     = errors.New("nativehost: truncated frame")
)

// ReadFrame reads one length-prefixed message. It never trusts the length it
// is given: a length over max returns ErrFrameTooLarge without reading the
// body. io.EOF before the first byte of the length is a normal end (the
// browser closed the port); EOF anywhere else is ErrTruncated.
func ReadFrame(r io.Reader, max uint32) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: %d-byte length", ErrTruncated, len(hdr))
		}
		return nil, err
	}
	n := binary.LittleEndian.Uint32(hdr[:])
	if n == 0 {
		return nil, ErrEmptyFrame
	}
	if n > max {
		return nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrFrameTooLarge, n, max)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: want %d bytes", ErrTruncated, n)
		}
		return nil, err
	}
	return buf, nil
}

// WriteFrame writes one length-prefixed message in a single Write, so a
// reader never sees half a frame from us.
func WriteFrame(w io.Writer, msg []byte) error {
	if len(msg) > MaxOutBytes {
		return fmt.Errorf("nativehost: reply of %d bytes over the %d-byte limit", len(msg), MaxOutBytes)
	}
	buf := make([]byte, 4+len(msg))
	binary.LittleEndian.PutUint32(buf, uint32(len(msg)))
	copy(buf[4:], msg)
	_, err := w.Write(buf)
	return err
}
