package storage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// A small RFC 4180 codec. encoding/csv normalises a CR LF inside a quoted
// field to LF (and its writer drops lone CRs when UseCRLF is set), so a
// prompt pasted from a Windows file would not come back byte for byte.
// This one keeps field bytes exactly.

// csvWriter writes records with CR LF line ends.
type csvWriter struct {
	w     *bufio.Writer
	comma byte
}

func (cw *csvWriter) needsQuotes(f []byte) bool {
	if len(f) == 0 {
		return false
	}
	if f[0] == ' ' || f[0] == '\t' || f[len(f)-1] == ' ' || f[len(f)-1] == '\t' {
		return true
	}
	for _, c := range f {
		if c == cw.comma || c == '"' || c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}

// write writes one record; fields are raw bytes.
func (cw *csvWriter) write(fields [][]byte) error {
	for i, f := range fields {
		if i > 0 {
			cw.w.WriteByte(cw.comma)
		}
		if !cw.needsQuotes(f) {
			cw.w.Write(f)
			continue
		}
		cw.w.WriteByte('"')
		for {
			j := bytes.IndexByte(f, '"')
			if j < 0 {
				cw.w.Write(f)
				break
			}
			cw.w.Write(f[:j+1])
			cw.w.WriteByte('"')
			f = f[j+1:]
		}
		cw.w.WriteByte('"')
	}
	_, err := cw.w.WriteString("\r\n")
	return err
}

// csvReader reads records written by csvWriter or by a spreadsheet: fields
// separated by comma, quoted fields may hold anything (a doubled quote is a
// quote), records end with CR LF or LF.
type csvReader struct {
	r     *bufio.Reader
	comma byte
	line  int // line of the next byte to read, from 1
	start int // line where the last record started
	buf   []byte
	ends  []int
	rec   []string
}

// read returns the next record (reused on the next call) or io.EOF.
func (cr *csvReader) read() ([]string, error) {
	cr.buf, cr.ends = cr.buf[:0], cr.ends[:0]
	cr.start = cr.line
	if _, err := cr.r.Peek(1); err != nil {
		return nil, err // io.EOF at the end
	}
	for {
		// one field
		c, err := cr.r.ReadByte()
		if err == nil && c == '"' {
			for {
				c, err = cr.r.ReadByte()
				if err == io.EOF {
					return nil, fmt.Errorf("quoted field not closed (it began on line %d)", cr.start)
				}
				if err != nil {
					return nil, err
				}
				if c == '\n' {
					cr.line++
				}
				if c != '"' {
					cr.buf = append(cr.buf, c)
					continue
				}
				c, err = cr.r.ReadByte()
				if err == nil && c == '"' {
					cr.buf = append(cr.buf, '"')
					continue
				}
				break // closing quote; c/err is what follows it
			}
			if err == nil && c != cr.comma && c != '\r' && c != '\n' {
				return nil, errors.New(`unexpected character after a closing quote (a quote inside a field must be doubled)`)
			}
		} else {
			for err == nil && c != cr.comma && c != '\r' && c != '\n' {
				if c == '"' {
					return nil, errors.New(`bare quote in an unquoted field`)
				}
				cr.buf = append(cr.buf, c)
				c, err = cr.r.ReadByte()
			}
		}
		cr.ends = append(cr.ends, len(cr.buf))
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if c == cr.comma {
			continue
		}
		if c == '\r' {
			if n, e := cr.r.ReadByte(); e != nil || n != '\n' {
				return nil, errors.New("carriage return outside a quoted field")
			}
		}
		cr.line++
		break
	}
	cr.rec = cr.rec[:0]
	prev := 0
	s := string(cr.buf) // one allocation per record
	for _, e := range cr.ends {
		cr.rec = append(cr.rec, s[prev:e])
		prev = e
	}
	return cr.rec, nil
}
