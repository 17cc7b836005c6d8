// Command gen draws Frugal's icons as PNG files (go generate in assets/):
// the app icon and the tray icon in its three states. They are drawn with
// the standard image package, supersampled for smooth edges, so the
// artwork is code that anyone can change.
package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

// shape reports how much of the pixel at (x, y) in a size×size image a
// layer covers and its colour; layers are painted in order.
type layer struct {
	in  func(x, y float64) bool // x, y in 0…1
	col color.NRGBA
}

var (
	green  = color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	amber  = color.NRGBA{0xf5, 0x9e, 0x0b, 0xff}
	red    = color.NRGBA{0xc6, 0x28, 0x28, 0xff}
	white  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	darkBg = color.NRGBA{0x1b, 0x5e, 0x20, 0xff}
)

// leaf is the intersection of two discs, tilted 45°, with a stem: the
// vesica shape of a simple leaf. c is its centre, r its half length.
func leaf(cx, cy, r float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		// rotate by -45° around the centre
		dx, dy := x-cx, y-cy
		u := (dx + dy) / math.Sqrt2 // along the leaf
		v := (dy - dx) / math.Sqrt2 // across
		// two discs of radius R whose centres sit ±d across the axis
		R, d := r*1.25, r*0.75
		in := math.Hypot(u, v-d) < R && math.Hypot(u, v+d) < R
		vein := math.Abs(v) < r*0.05 && u > -r*0.9 && u < r*0.7
		stem := math.Abs(v) < r*0.07 && u <= -r*0.75 && u > -r*1.25
		return (in && !vein) || stem
	}
}

func disc(cx, cy, r float64) func(x, y float64) bool {
	return func(x, y float64) bool { return math.Hypot(x-cx, y-cy) < r }
}

func roundedSquare(m, rad float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		if x < m || y < m || x > 1-m || y > 1-m {
			return false
		}
		cx := math.Max(m+rad, math.Min(x, 1-m-rad))
		cy := math.Max(m+rad, math.Min(y, 1-m-rad))
		return math.Hypot(x-cx, y-cy) <= rad
	}
}

// draw paints the layers into a size×size image with 4×4 supersampling.
func draw(size int, layers []layer) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					var c color.NRGBA
					for _, l := range layers {
						if l.in(x, y) {
							c = l.col
						}
					}
					fa := float64(c.A) / 255
					r += float64(c.R) * fa
					g += float64(c.G) * fa
					b += float64(c.B) * fa
					a += fa
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(255 * a / ss / ss)})
		}
	}
	return img
}

func save(name string, img image.Image) {
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// ico encodes images (square, each at most 256 px) as a Windows .ico file:
// the ICONDIR header, one ICONDIRENTRY per image, then each image as a
// 32-bit BGRA DIB (BITMAPINFOHEADER with twice the height, bottom-up rows,
// then an all-zero 1-bit AND mask), except a 256 px one, stored as PNG as
// Windows Vista and later expect. Layout: Microsoft's "Icons" article
// (learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10)).
func ico(imgs ...*image.NRGBA) []byte {
	var head, body bytes.Buffer
	le := func(b *bytes.Buffer, v any) { binary.Write(b, binary.LittleEndian, v) }
	le(&head, [3]uint16{0, 1, uint16(len(imgs))})
	offset := 6 + 16*len(imgs)
	for _, img := range imgs {
		n := img.Rect.Dx()
		var data bytes.Buffer
		if n >= 256 {
			if err := png.Encode(&data, img); err != nil {
				log.Fatal(err)
			}
		} else {
			maskRow := (n + 31) / 32 * 4
			le(&data, struct {
				Size                  uint32
				W, H                  int32
				Planes, Bits          uint16
				Compression, ImgSize  uint32
				XPPM, YPPM, Used, Imp int32
			}{40, int32(n), int32(2 * n), 1, 32, 0, uint32(n*n*4 + maskRow*n), 0, 0, 0, 0})
			for y := n - 1; y >= 0; y-- {
				for x := 0; x < n; x++ {
					c := img.NRGBAAt(x, y)
					data.Write([]byte{c.B, c.G, c.R, c.A})
				}
			}
			data.Write(make([]byte, maskRow*n))
		}
		dim := uint8(n)
		if n >= 256 {
			dim = 0
		}
		head.Write([]byte{dim, dim, 0, 0})
		le(&head, [2]uint16{1, 32})
		le(&head, [2]uint32{uint32(data.Len()), uint32(offset)})
		offset += data.Len()
		body.Write(data.Bytes())
	}
	return append(head.Bytes(), body.Bytes()...)
}

func saveICO(name string, f func(size int) *image.NRGBA, sizes ...int) {
	var imgs []*image.NRGBA
	for _, n := range sizes {
		imgs = append(imgs, f(n))
	}
	if err := os.WriteFile(name, ico(imgs...), 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	// The app icon: a white leaf on a green rounded square.
	app := []layer{
		{roundedSquare(0.04, 0.2), darkBg},
		{leaf(0.5, 0.5, 0.34), white},
	}
	save("icon.png", draw(256, app))
	// The tray icon: a leaf, with a badge for "near the budget" and
	// "over the budget". The badge differs in shape as well as colour
	// (a dot, then a ring with a dot) so the state reads without colour.
	base := []layer{{leaf(0.42, 0.46, 0.36), green}}
	tray := map[string][]layer{
		"under": base,
		"near": append(append([]layer{}, base...),
			layer{disc(0.76, 0.76, 0.22), white}, layer{disc(0.76, 0.76, 0.17), amber}),
		"over": append(append([]layer{}, base...),
			layer{disc(0.76, 0.76, 0.24), white}, layer{disc(0.76, 0.76, 0.2), red},
			layer{disc(0.76, 0.76, 0.12), white}, layer{disc(0.76, 0.76, 0.07), red}),
	}
	for state, layers := range tray {
		save("tray-"+state+".png", draw(64, layers))
		// Windows' tray shows 16 px at 100 % scaling, 20 at 125 %, 24 at
		// 150 %, 32 at 200 %: each size drawn from the same shapes, so
		// that Windows never scales a bitmap.
		saveICO("tray-"+state+".ico", func(n int) *image.NRGBA { return draw(n, layers) }, 16, 20, 24, 32, 40, 48, 64)
	}
	// The programs' icon (frugal.exe, frugalw.exe, the installer).
	saveICO("icon.ico", func(n int) *image.NRGBA { return draw(n, app) }, 16, 20, 24, 32, 40, 48, 64, 256)
}
