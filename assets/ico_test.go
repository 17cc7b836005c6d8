package assets

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"os"
	"testing"
)

// TestICO_MatchesPNG reads each .ico the way Windows does (directory, then
// each DIB) and checks its sizes and that its 64 px image is the PNG the
// other systems show, pixel for pixel: the two come from the same drawing.
func TestICO_MatchesPNG(t *testing.T) {
	for _, state := range []string{"under", "near", "over"} {
		icoBytes, err := os.ReadFile("tray-" + state + ".ico")
		if err != nil {
			t.Fatal(err)
		}
		pngBytes, err := os.ReadFile("tray-" + state + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(pngBytes))
		if err != nil {
			t.Fatal(err)
		}
		ref, ok := img.(*image.NRGBA)
		if !ok {
			t.Fatalf("%s: PNG decodes as %T", state, img)
		}
		le := binary.LittleEndian
		if le.Uint16(icoBytes[0:]) != 0 || le.Uint16(icoBytes[2:]) != 1 {
			t.Fatalf("%s: not an icon file", state)
		}
		n := int(le.Uint16(icoBytes[4:]))
		var sizes []int
		for i := range n {
			e := icoBytes[6+16*i:]
			size, length, off := int(e[0]), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
			if off+length > len(icoBytes) {
				t.Fatalf("%s: image %d runs past the end", state, i)
			}
			sizes = append(sizes, size)
			dib := icoBytes[off : off+length]
			if w, h, bits := int(le.Uint32(dib[4:])), int(le.Uint32(dib[8:])), le.Uint16(dib[14:]); w != size || h != 2*size || bits != 32 {
				t.Fatalf("%s: image %d header %dx%d/%d bits", state, i, w, h, bits)
			}
			if size != 64 {
				continue
			}
			for y := range 64 {
				for x := range 64 {
					p := dib[40+4*((63-y)*64+x):]
					c := ref.NRGBAAt(x, y)
					if [4]byte{c.B, c.G, c.R, c.A} != [4]byte(p[:4]) {
						t.Fatalf("%s: pixel (%d,%d) differs from the PNG", state, x, y)
					}
				}
			}
		}
		if want := []int{16, 20, 24, 32, 40, 48, 64}; !equal(sizes, want) {
			t.Errorf("%s: sizes %v, want %v", state, sizes, want)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
