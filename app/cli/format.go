package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// num prints a quantity with 3 significant digits, without exponent for
// everyday magnitudes.
func num(f float64) string {
	switch {
	case f == 0:
		return "0"
	case f >= 100 || f <= -100:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case f >= 0.001 || f <= -0.001:
		return strconv.FormatFloat(f, 'g', 3, 64)
	}
	return strconv.FormatFloat(f, 'e', 2, 64)
}

// readFull reads until buf is full or EOF.
func readFull(r io.Reader, buf []byte) (int, error) {
	n, err := io.ReadFull(r, buf)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// nThings says n things in English, "1 request" or "3 requests".
func nThings(n int64, one, many string) string {
	if n == 1 || n == -1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
