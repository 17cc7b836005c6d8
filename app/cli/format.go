package cli

import (
	"errors"
	"flag"
	"io"
	"strconv"

	"frugal/app/i18n"
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

// langFlag adds --lang to fs: the language of the command's messages.
func langFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", "", "language of the messages: fr or en (default: the system's, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")
}

// catalogue is the message catalogue for a --lang value, else the system's
// language. The language is passed explicitly; the environment is read,
// never changed.
func catalogue(env *Env, flagValue string) (i18n.Catalogue, error) {
	l, err := lang(env, flagValue)
	if err != nil {
		return i18n.Catalogue{}, err
	}
	return i18n.New(l), nil
}
