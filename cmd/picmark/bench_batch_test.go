//go:build linux && bench

// The bench's batch: photo-like pictures made at run time (cut from
// Debian's wallpapers where they are installed, painted otherwise), never
// committed, and kept in PICMARK_BENCH_CACHE when asked.

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/draw"
)

type benchItem struct {
	Rel     string `json:"rel"`  // slash path from the batch root, "bench/…"
	W       int    `json:"w"`    // upright size
	H       int    `json:"h"`    //
	Kind    string `json:"kind"` // "12 MP JPEG", "24 MP JPEG", "PNG with alpha"
	Orient6 bool   `json:"orient6,omitempty"`
	CopyOf  int    `json:"copy_of"` // > 0: the same pixels as item CopyOf-1, different bytes
	Bytes   int64  `json:"bytes"`
}

type benchBatch struct {
	Version int         `json:"version"`
	Mode    string      `json:"mode"`
	Source  string      `json:"source"`
	Items   []benchItem `json:"items"`
	LogoW   int         `json:"logo_w"`
	LogoH   int         `json:"logo_h"`
	root    string
}

func (b *benchBatch) folder() string { return filepath.Join(b.root, "bench") }

func (b *benchBatch) logoPath() string { return filepath.Join(b.root, "logo.png") }

func (b *benchBatch) describe() string {
	kinds := map[string]int{}
	var order []string
	var total int64
	rotated, copies := 0, 0
	for _, it := range b.Items {
		if kinds[it.Kind] == 0 {
			order = append(order, it.Kind)
		}
		kinds[it.Kind]++
		total += it.Bytes
		if it.Orient6 {
			rotated++
		}
		if it.CopyOf > 0 {
			copies++
		}
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%d × %s", kinds[k], k))
	}
	s := fmt.Sprintf("%d files in nested folders (%s", len(b.Items), strings.Join(parts, ", "))
	if rotated > 0 {
		s += fmt.Sprintf("; %d stored rotated with EXIF orientation 6", rotated)
	}
	if copies > 0 {
		s += fmt.Sprintf("; %d are re-labelled copies of the others, same pixels, different bytes", copies)
	}
	return s + fmt.Sprintf("), %.0f MB", float64(total)/1e6)
}

// benchLayout is the batch: nested folders of camera-sized photos, a few
// 24 MP heroes, some rotated by EXIF, and product PNGs with transparency.
func benchLayout(large bool, count int) []benchItem {
	var items []benchItem
	add := func(rel string, w, h int, kind string) *benchItem {
		items = append(items, benchItem{Rel: rel, W: w, H: h, Kind: kind})
		return &items[len(items)-1]
	}
	if large {
		const distinct = 20
		for i := range count {
			it := add(fmt.Sprintf("bench/launch/part-%d/IMG_%04d.jpg", i/50+1, i+1), 6000, 4000, "24 MP JPEG")
			if i >= distinct {
				it.CopyOf = i%distinct + 1
			}
		}
		return items
	}
	for i := 1; i <= 8; i++ {
		w, h := 4000, 3000
		if i%4 == 0 {
			w, h = 3000, 4000
		}
		add(fmt.Sprintf("bench/2026-06-lisbon/day1/IMG_%04d.jpg", 100+i), w, h, "12 MP JPEG")
	}
	for i := 1; i <= 8; i++ {
		it := add(fmt.Sprintf("bench/2026-06-lisbon/day2/IMG_%04d.jpg", 200+i), 4000, 3000, "12 MP JPEG")
		if i == 3 || i == 6 {
			it.W, it.H, it.Orient6 = 3000, 4000, true
		}
	}
	for i := 1; i <= 8; i++ {
		w, h := 4000, 3000
		if i%3 == 0 {
			w, h = 3000, 4000
		}
		add(fmt.Sprintf("bench/team-offsite/DSC%05d.jpg", 3000+i), w, h, "12 MP JPEG")
	}
	for i := 1; i <= 3; i++ {
		add(fmt.Sprintf("bench/studio/hero/hero-%d.jpg", i), 6000, 4000, "24 MP JPEG")
	}
	for i := 1; i <= 3; i++ {
		add(fmt.Sprintf("bench/studio/products/product-%d.png", i), 2000, 2000, "PNG with alpha")
	}
	return items
}

// benchMakeBatch generates the batch (or reuses PICMARK_BENCH_CACHE's).
func benchMakeBatch(t *testing.T, large bool) *benchBatch {
	t.Helper()
	mode := "standard"
	if large {
		mode = "large"
	}
	count := 200
	if v := benchEnv("PICMARK_BENCH_LARGE_COUNT"); v != "" && large {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 2000 {
			t.Fatalf("PICMARK_BENCH_LARGE_COUNT=%q: want a number of photos from 1 to 2000", v)
		}
		if n != 200 {
			count, mode = n, fmt.Sprintf("large-%d", n)
		}
	}
	dir := benchEnv("PICMARK_BENCH_CACHE")
	if dir == "" {
		dir = t.TempDir()
	} else {
		dir = filepath.Join(dir, mode)
		if b, ok := benchCached(dir, mode); ok {
			t.Logf("reusing the batch generated earlier in %s (delete it to make a new one)", dir)
			return b
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src := benchFindWallpapers(t)
	b := &benchBatch{Version: benchGenVersion, Mode: mode, Items: benchLayout(large, count), root: dir, Source: src.describe()}

	// Logo: a brand mark with transparency, as marketers have them.
	logo := benchLogo(900, 300)
	b.LogoW, b.LogoH = 900, 300
	if err := os.WriteFile(b.logoPath(), e2ePNG(t, logo), 0o644); err != nil {
		t.Fatal(err)
	}

	// Distinct pictures first, in parallel; then the re-labelled copies.
	var wg sync.WaitGroup
	errs := make([]error, len(b.Items))
	sem := make(chan struct{}, runtime.NumCPU())
	for i := range b.Items {
		if b.Items[i].CopyOf > 0 {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = benchWriteItem(dir, &b.Items[i], i, src)
		}()
	}
	wg.Wait()
	for i := range b.Items {
		it := &b.Items[i]
		if errs[i] != nil {
			t.Fatalf("generating %s: %v", it.Rel, errs[i])
		}
		if it.CopyOf == 0 {
			continue
		}
		orig, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(b.Items[it.CopyOf-1].Rel)))
		if err != nil {
			t.Fatal(err)
		}
		data := benchWithComment(orig, fmt.Sprintf("picmark bench: copy %d of %s", i, b.Items[it.CopyOf-1].Rel))
		if err := benchWrite(dir, it, data); err != nil {
			t.Fatal(err)
		}
	}
	if large || benchEnv("PICMARK_BENCH_CACHE") != "" {
		manifest, _ := json.MarshalIndent(b, "", " ")
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func benchCached(dir, mode string) (*benchBatch, bool) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, false
	}
	var b benchBatch
	if json.Unmarshal(data, &b) != nil || b.Version != benchGenVersion || b.Mode != mode || len(b.Items) == 0 {
		return nil, false
	}
	b.root = dir
	if _, err := os.Stat(b.logoPath()); err != nil {
		return nil, false
	}
	for _, it := range b.Items {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(it.Rel)))
		if err != nil || fi.Size() != it.Bytes {
			return nil, false
		}
	}
	return &b, true
}

func benchWrite(dir string, it *benchItem, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(it.Rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	it.Bytes = int64(len(data))
	return os.WriteFile(p, data, 0o644)
}

func benchWriteItem(dir string, it *benchItem, i int, src *benchSources) error {
	rng := rand.New(rand.NewSource(int64(1000 + i)))
	var buf bytes.Buffer
	if it.Kind == "PNG with alpha" {
		m := src.picture(i, it.W, it.H, rng)
		cut := benchCutout(m)
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, cut); err != nil {
			return err
		}
		return benchWrite(dir, it, buf.Bytes())
	}
	m := src.picture(i, it.W, it.H, rng)
	benchFinish(m, rng)
	if it.Orient6 {
		m = benchStoreOrient6(m)
	}
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 92}); err != nil {
		return err
	}
	data := buf.Bytes()
	if it.Orient6 {
		data = e2eWithOrientation6(data)
	}
	return benchWrite(dir, it, data)
}

// benchSources cuts pictures from wallpapers, or paints them when there are
// none.
type benchSources struct {
	dir   string
	paths []string
	once  []sync.Once
	imgs  []image.Image
}

func (s *benchSources) describe() string {
	if len(s.paths) == 0 {
		return "procedural photo-like scenes (no wallpapers found in " + s.dir + ": make bench installs mate-backgrounds), with camera-like grain"
	}
	return fmt.Sprintf("cut and scaled from %d wallpaper photos in %s (random crop, flip, exposure and white balance; camera-like grain added), JPEG quality 92",
		len(s.paths), s.dir)
}

func benchFindWallpapers(t *testing.T) *benchSources {
	t.Helper()
	s := &benchSources{dir: "/usr/share/backgrounds"}
	if d := benchEnv("PICMARK_BENCH_WALLPAPERS"); d != "" {
		s.dir = d
	}
	_ = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".jpg" && ext != ".jpeg" {
			return nil // PNG and SVG wallpapers are drawings, not photos
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		cfg, err := jpeg.DecodeConfig(f)
		if err == nil && cfg.Width*cfg.Height >= 1_200_000 {
			s.paths = append(s.paths, p)
		}
		return nil
	})
	// Wallpaper packages mix photos with drawings and logos: when some
	// sit in a folder named for photos, take only those.
	var photos []string
	for _, p := range s.paths {
		d := strings.ToLower(filepath.Dir(p))
		if strings.Contains(d, "nature") || strings.Contains(d, "photo") || strings.Contains(d, "landscape") {
			photos = append(photos, p)
		}
	}
	if len(photos) > 0 {
		s.paths = photos
	}
	sort.Strings(s.paths)
	s.once = make([]sync.Once, len(s.paths))
	s.imgs = make([]image.Image, len(s.paths))
	return s
}

// picture is a w×h picture for item i: a random crop of a wallpaper of the
// right aspect, scaled with Catmull-Rom, or a painted scene.
func (s *benchSources) picture(i, w, h int, rng *rand.Rand) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if len(s.paths) == 0 {
		benchPaintScaled(dst, rng)
		return dst
	}
	k := i % len(s.paths)
	s.once[k].Do(func() {
		f, err := os.Open(s.paths[k])
		if err != nil {
			return
		}
		defer f.Close()
		s.imgs[k], _ = jpeg.Decode(f)
	})
	src := s.imgs[k]
	if src == nil {
		benchPaintScaled(dst, rng)
		return dst
	}
	sb := src.Bounds()
	cw, ch := sb.Dx(), sb.Dx()*h/w
	if ch > sb.Dy() {
		cw, ch = sb.Dy()*w/h, sb.Dy()
	}
	f := 0.7 + 0.3*rng.Float64()
	cw, ch = int(float64(cw)*f), int(float64(ch)*f)
	x := sb.Min.X + rng.Intn(sb.Dx()-cw+1)
	y := sb.Min.Y + rng.Intn(sb.Dy()-ch+1)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, image.Rect(x, y, x+cw, y+ch), draw.Src, nil)
	return dst
}

// benchFinish makes each picture its own: a flip, exposure and white
// balance, and the grain a camera sensor leaves, which is what makes a
// photo compress like a photo rather than like a smooth wallpaper.
func benchFinish(m *image.RGBA, rng *rand.Rand) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	if rng.Intn(2) == 0 {
		for y := range h {
			row := m.Pix[y*m.Stride : y*m.Stride+4*w]
			for a, b := 0, 4*(w-1); a < b; a, b = a+4, b-4 {
				for c := range 4 {
					row[a+c], row[b+c] = row[b+c], row[a+c]
				}
			}
		}
	}
	gain := 0.9 + 0.2*rng.Float64()
	var mul [3]int32
	for c := range 3 {
		mul[c] = int32(1024 * gain * (0.95 + 0.1*rng.Float64()))
	}
	s := uint32(rng.Int63()) | 1
	for y := range h {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := 0; x < 4*w; x += 4 {
			s ^= s << 13
			s ^= s >> 17
			s ^= s << 5
			u1, u2, u3 := int32(s&0xff), int32(s>>8&0xff), int32(s>>16&0xff)
			luma := ((u1 + u2 - 255) * 26) >> 10 // triangular, σ ≈ 2.6
			for c := range 3 {
				chroma := (int32(s>>(24+2*c)&3) - 1) // -1..2: a little colour noise
				if c == 1 {
					chroma = (u3 >> 6) - 1
				}
				v := (int32(row[x+c])*mul[c])>>10 + luma + chroma
				row[x+c] = uint8(min(255, max(0, v)))
			}
		}
	}
}

// benchPaintScaled paints a scene at half size and scales it up, as the
// wallpapers are: a quarter of the painting time; the grain benchFinish
// adds gives the full-size detail.
func benchPaintScaled(dst *image.RGBA, rng *rand.Rand) {
	half := image.NewRGBA(image.Rect(0, 0, dst.Rect.Dx()/2, dst.Rect.Dy()/2))
	benchPaint(half, rng)
	draw.CatmullRom.Scale(dst, dst.Rect, half, half.Rect, draw.Src, nil)
}

// benchPaint paints a photo-like scene: a sky gradient with a sun and
// clouds, layered hills, textured ground, shaded shapes. Value noise at
// several scales gives it the detail of a photo at every size.
func benchPaint(m *image.RGBA, rng *rand.Rand) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	seed := uint32(rng.Int63())
	hash := func(x, y int32, o uint32) float64 {
		v := uint32(x)*0x27d4eb2d ^ uint32(y)*0x165667b1 ^ (seed + o*0x9e3779b9)
		v ^= v >> 15
		v *= 0x85ebca6b
		v ^= v >> 13
		return float64(v&0xffff) / 65535
	}
	noise := func(fx, fy float64, o uint32) float64 {
		x0, y0 := math.Floor(fx), math.Floor(fy)
		tx, ty := fx-x0, fy-y0
		tx, ty = tx*tx*(3-2*tx), ty*ty*(3-2*ty)
		ix, iy := int32(x0), int32(y0)
		a := hash(ix, iy, o) + (hash(ix+1, iy, o)-hash(ix, iy, o))*tx
		b := hash(ix, iy+1, o) + (hash(ix+1, iy+1, o)-hash(ix, iy+1, o))*tx
		return a + (b-a)*ty
	}
	fbm := func(fx, fy float64, oct int, o uint32) float64 {
		v, amp, sum := 0.0, 1.0, 0.0
		for k := range oct {
			v += amp * noise(fx, fy, o+uint32(k))
			sum += amp
			fx, fy, amp = fx*2.03, fy*2.03, amp*0.5
		}
		return v / sum
	}
	hue := rng.Float64()
	skyTop := [3]float64{40 + 60*hue, 90 + 40*hue, 200 - 30*hue}
	skyLow := [3]float64{230 - 40*hue, 200 - 20*hue, 170 + 40*hue}
	ground := [3]float64{60 + 100*rng.Float64(), 80 + 60*rng.Float64(), 30 + 50*rng.Float64()}
	far := [3]float64{90, 110 + 40*hue, 140}
	horizon := float64(h) * (0.4 + 0.2*rng.Float64())
	sunX, sunY := float64(w)*(0.2+0.6*rng.Float64()), horizon*(0.3+0.4*rng.Float64())
	scale := float64(max(w, h))
	type blob struct{ x, y, rx, ry float64 }
	var blobs []blob
	for range 6 + rng.Intn(6) {
		blobs = append(blobs, blob{float64(w) * rng.Float64(), horizon + (float64(h)-horizon)*rng.Float64(),
			scale * (0.02 + 0.06*rng.Float64()), scale * (0.03 + 0.1*rng.Float64())})
	}
	for y := range h {
		fy := float64(y)
		for x := range w {
			fx := float64(x)
			var c [3]float64
			hill := horizon - scale*0.12*fbm(fx/scale*3, 0.5, 3, 7)
			switch {
			case fy < hill-scale*0.05*fbm(fx/scale*6, 1.5, 2, 9): // sky, clouds, sun
				k := fy / hill
				cloud := math.Max(0, fbm(fx/scale*4, fy/scale*8, 5, 1)-0.55) * 2.2
				for i := range 3 {
					c[i] = skyTop[i] + (skyLow[i]-skyTop[i])*k
					c[i] += (245 - c[i]) * cloud
				}
				d := math.Hypot(fx-sunX, fy-sunY) / scale
				glow := math.Exp(-d * 18)
				c[0], c[1], c[2] = c[0]+(255-c[0])*glow, c[1]+(240-c[1])*glow, c[2]+(200-c[2])*glow
			case fy < hill: // far hills, hazy
				t := fbm(fx/scale*20, fy/scale*20, 4, 3)
				for i := range 3 {
					c[i] = far[i] * (0.8 + 0.4*t)
				}
			default: // ground: light falls off towards the bottom, textured at every scale
				t := fbm(fx/scale*40, fy/scale*40, 6, 5)
				k := 1.1 - 0.5*(fy-hill)/(float64(h)-hill)
				for i := range 3 {
					c[i] = ground[i] * k * (0.6 + 0.8*t)
				}
			}
			for _, b := range blobs {
				dx, dy := (fx-b.x)/b.rx, (fy-b.y)/b.ry
				if d := dx*dx + dy*dy; d < 1 {
					shade := 0.5 + 0.5*(-dy) - 0.3*d
					t := fbm(fx/scale*60, fy/scale*60, 3, 11)
					c = [3]float64{(70 + 60*shade) * (0.8 + 0.4*t), (50 + 40*shade) * (0.8 + 0.4*t), (40 + 30*shade) * (0.8 + 0.4*t)}
				}
			}
			o := y*m.Stride + 4*x
			for i := range 3 {
				m.Pix[o+i] = uint8(min(255, max(0, c[i])))
			}
			m.Pix[o+3] = 255
		}
	}
}

// benchCutout turns a picture into a product shot with transparency: a
// rounded shape with a soft edge, a half-transparent shadow, nothing around.
func benchCutout(m *image.RGBA) *image.NRGBA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	out := image.NewNRGBA(m.Rect)
	cx, cy := float64(w)/2, float64(h)*0.46
	rx, ry := float64(w)*0.36, float64(h)*0.38
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)-cx)/rx, (float64(y)-cy)/ry
			// A superellipse: a rounded box, like a bottle or a bag.
			d := math.Pow(math.Pow(math.Abs(dx), 4)+math.Pow(math.Abs(dy), 4), 0.25)
			edge := (1 - d) * math.Min(rx, ry) / 3 // ≈ pixels inside the edge
			o := y*m.Stride + 4*x
			po := y*out.Stride + 4*x
			switch {
			case edge > 0:
				a := math.Min(1, edge)
				copy(out.Pix[po:po+3], m.Pix[o:o+3])
				out.Pix[po+3] = uint8(255 * a)
			default:
				sx, sy := (float64(x)-cx)/(rx*1.1), (float64(y)-float64(h)*0.9)/(float64(h)*0.04)
				if s := sx*sx + sy*sy; s < 1 {
					out.Pix[po+3] = uint8(90 * (1 - s)) // the shadow: black, half transparent
				}
			}
		}
	}
	return out
}

// benchStoreOrient6 stores an upright picture the way a camera held upright
// does: rotated, for EXIF orientation 6 (stored S(sx, sy) = U(uw-1-sy, sx)).
func benchStoreOrient6(u *image.RGBA) *image.RGBA {
	uw, uh := u.Rect.Dx(), u.Rect.Dy()
	s := image.NewRGBA(image.Rect(0, 0, uh, uw))
	for sy := range uw {
		for sx := range uh {
			so, uo := sy*s.Stride+4*sx, sx*u.Stride+4*(uw-1-sy)
			copy(s.Pix[so:so+4], u.Pix[uo:uo+4])
		}
	}
	return s
}

// benchWithComment inserts a JPEG COM segment after SOI: the same pixels,
// different bytes (no cache anywhere can tell the copies are copies).
func benchWithComment(j []byte, text string) []byte {
	seg := []byte{0xFF, 0xFE, byte((len(text) + 2) >> 8), byte(len(text) + 2)}
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	out = append(out, text...)
	return append(out, j[2:]...)
}

// benchLogo is a brand mark: a navy pill with white "lettering", soft
// edges, transparent around it.
func benchLogo(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := float64(h) / 2
	for y := range h {
		for x := range w {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			cx := math.Min(math.Max(fx, r), float64(w)-r)
			d := r - math.Hypot(fx-cx, fy-r) // inside distance
			if d <= 0 {
				continue
			}
			a := math.Min(1, d)
			c := color.NRGBA{20, 40, 110, uint8(235 * a)}
			// Lettering: five white bars of different heights.
			bar := (x - w/6) / (w / 9)
			if bx := (x - w/6) % (w / 9); x >= w/6 && bar < 6 && bx < w/15 && y > h/4+bar%3*h/12 && y < h*3/4 {
				c = color.NRGBA{255, 255, 255, uint8(255 * a)}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}
