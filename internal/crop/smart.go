package crop

import (
	"image"
	"math"
	"slices"

	"github.com/disintegration/imaging"

	"picmark/internal/preset"
)

// MaxSide is the longest side Analyse works on. Larger inputs are shrunk
// first; callers save time by handing it a copy already that small.
const MaxSide = 400

// Weights tune the smart strategy. Edge, Skin and Saturation weigh the
// features of each pixel into its saliency; the others weigh the terms of a
// crop's score. Only ratios matter within each group.
type Weights struct {
	Edge       float64 // detail: the magnitude of the luminance Laplacian
	Skin       float64 // skin tones (a warm hue at a usable brightness)
	Saturation float64 // vivid colour
	// Face weighs the faces inside a crop against the other saliency (a face
	// cut by the crop's edge counts against it). 0 turns face detection off.
	// Whatever the weight, a crop keeping more faces whole always wins.
	Face float64
	// SafeZone is the penalty for saliency (faces included) that would sit
	// under the platform's interface: the preset's safe-zone margins.
	SafeZone float64
	// Center is the penalty for moving away from the centre, as a share of the
	// photo: it settles near-ties and flat photos on the centre.
	Center float64
	// FaceQuality is the detector's score (pigo's Q) a detection needs to
	// count as a face: lower finds more faces and more false ones.
	FaceQuality float32
}

// DefaultWeights are muesli/smartcrop's feature weights (skin 1.8, detail
// 0.2, saturation 0.1) with faces, safe zones and a centre tie-breaker.
var DefaultWeights = Weights{
	Edge:        0.2,
	Skin:        1.8,
	Saturation:  0.1,
	Face:        1,
	SafeZone:    0.5,
	Center:      0.05,
	FaceQuality: 5,
}

// Feature thresholds, as in smartcrop: only clearly skin-like or clearly
// saturated pixels count, each scaled to 0..1 above its threshold.
var skinColor = [3]float64{0.78, 0.57, 0.44}

const (
	skinThreshold  = 0.8
	skinLightMin   = 0.2
	satThreshold   = 0.4
	satLightMin    = 0.05
	satLightMax    = 0.9
	faceEnlarge    = 1.3  // a detection covers brows to chin: add hair and chin
	faceMinSidePx  = 20   // smallest face searched, in analysis pixels
	faceShift      = 0.15 // windows step by this share of their size
	faceScale      = 1.15 // each window size this many times the last
	faceClusterIoU = 0.2
)

// Analysis is what the smart strategy knows about one photo, computed once
// on a small upright copy and reused for every preset. It is read-only once
// made: Rect may be called on it from several goroutines. Faces may be
// replaced (tests inject them); Saliency must not change after Analyse,
// whose summed table Rect reuses (a hand-made Analysis gets one per call).
type Analysis struct {
	Width, Height int       // the grid: the size of the copy analysed
	Saliency      []float32 // Width×Height values ≥ 0, row by row: how much each cell matters
	// Faces are the faces found, in fractions of the photo, enlarged a little
	// to take in hair and chin, sorted top to bottom then left to right. Tests
	// and callers with their own detector may set them.
	Faces []Box
	// FacesErr says why faces were not looked for (a *FaceFinderError),
	// or is nil.
	FacesErr error
	Weights  Weights
	sum      []float64 // summed-area table of Saliency, (Width+1)×(Height+1)
}

// Analyse computes the saliency of an upright photo's small copy and finds
// its faces (unless w.Face is 0). The copy should be at most MaxSide on its
// longest side; a larger one is shrunk first. An empty image gives an empty
// analysis, under which Smart crops like Center.
func Analyse(small image.Image, w Weights) *Analysis {
	a := &Analysis{Weights: w}
	b := small.Bounds()
	if b.Empty() {
		return a
	}
	m, ok := small.(*image.NRGBA)
	switch {
	case max(b.Dx(), b.Dy()) > MaxSide:
		sw, sh := fitSide(b.Dx(), b.Dy(), MaxSide)
		m = imaging.Resize(small, sw, sh, imaging.Box)
	case !ok:
		m = imaging.Clone(small)
	}
	W, H := m.Rect.Dx(), m.Rect.Dy()
	a.Width, a.Height = W, H
	var gray []uint8
	a.Saliency, gray = saliency(m, w)
	if w.Face != 0 {
		a.Faces, a.FacesErr = detectFaces(gray, W, H, w.FaceQuality)
	}
	a.sum = summed(a.Saliency, W, H)
	return a
}

// unit is each 8-bit value as a fraction of 255.
var unit = func() (u [256]float64) {
	for v := range u {
		u[v] = float64(v) / 255
	}
	return u
}()

// saliency is each pixel's weighted features (skin, saturation, then
// detail: the luminance Laplacian, edges clamped, capped at 1), and the
// luminance as grey for the face finder, as muesli/smartcrop weighs them.
// It runs on every photo of a smart batch, in wasm in the page, where each
// call and closure per pixel cost: no call in the loops, features of
// weight 0 skipped.
func saliency(m *image.NRGBA, w Weights) ([]float32, []uint8) {
	W, H := m.Rect.Dx(), m.Rect.Dy()
	lum := make([]float32, W*H)
	gray := make([]uint8, W*H)
	sal := make([]float32, W*H)
	for y := 0; y < H; y++ {
		row := m.Pix[m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y+y):][:4*W]
		for x := 0; x < W; x++ {
			r, g, bl := unit[row[4*x]], unit[row[4*x+1]], unit[row[4*x+2]]
			l := 0.2126*r + 0.7152*g + 0.0722*bl
			i := y*W + x
			lum[i] = float32(l)
			gray[i] = uint8(l*255 + 0.5)
			// Skin: how close the colour's direction is to a skin tone,
			// 0..1 above the threshold, for pixels not too dark (black
			// has no direction).
			var sk, sa float64
			if w.Skin != 0 && l >= skinLightMin {
				mag := math.Sqrt(r*r + g*g + bl*bl)
				dr, dg, db := r/mag-skinColor[0], g/mag-skinColor[1], bl/mag-skinColor[2]
				if s := 1 - math.Sqrt(dr*dr+dg*dg+db*db); s > skinThreshold {
					sk = (s - skinThreshold) / (1 - skinThreshold)
				}
			}
			// Saturation: the HSL saturation, 0..1 above the threshold,
			// for pixels neither near black nor near white.
			if w.Saturation != 0 && l >= satLightMin && l <= satLightMax {
				hi, lo := r, r // by hand: the builtins' NaN care is a call each in wasm
				if g > hi {
					hi = g
				} else if g < lo {
					lo = g
				}
				if bl > hi {
					hi = bl
				} else if bl < lo {
					lo = bl
				}
				if d := hi - lo; d != 0 {
					var s float64
					if (hi+lo)/2 > 0.5 {
						s = d / (2 - hi - lo)
					} else {
						s = d / (hi + lo)
					}
					if s > satThreshold {
						sa = (s - satThreshold) / (1 - satThreshold)
					}
				}
			}
			sal[i] = float32(w.Skin*sk + w.Saturation*sa)
		}
	}
	if w.Edge != 0 {
		for y := 0; y < H; y++ {
			row, up, down := lum[y*W:][:W], lum[max(y-1, 0)*W:][:W], lum[min(y+1, H-1)*W:][:W]
			out := sal[y*W:][:W]
			for x := range row {
				l := 4*float64(row[x]) - float64(row[max(x-1, 0)]) - float64(row[min(x+1, W-1)]) - float64(up[x]) - float64(down[x])
				if l = math.Abs(l); l > 1 {
					l = 1
				}
				out[x] += float32(w.Edge * l)
			}
		}
	}
	for i, v := range sal {
		if v < 0 || math.IsNaN(float64(v)) { // negative weights must not make holes
			sal[i] = 0
		}
	}
	return sal, gray
}

// fitSide scales w×h so its longest side is side, each side at least 1.
func fitSide(w, h, side int) (int, int) {
	if w >= h {
		return side, max(1, int(math.Round(float64(h)*float64(side)/float64(w))))
	}
	return max(1, int(math.Round(float64(w)*float64(side)/float64(h)))), side
}

// summed is the summed-area table of v (W×H): t[y*(W+1)+x] is the sum of
// v over [0,x)×[0,y).
func summed(v []float32, W, H int) []float64 {
	t := make([]float64, (W+1)*(H+1))
	for y := 0; y < H; y++ {
		var run float64
		for x := 0; x < W; x++ {
			run += float64(v[y*W+x])
			t[(y+1)*(W+1)+x+1] = t[y*(W+1)+x+1] + run
		}
	}
	return t
}

// integral is the summed-area table at a fractional grid position,
// interpolated bilinearly: exact for saliency spread evenly in each cell.
func integral(t []float64, W, H int, x, y float64) float64 {
	x, y = min(max(x, 0), float64(W)), min(max(y, 0), float64(H))
	x0, y0 := min(int(x), W-1), min(int(y), H-1)
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(i, j int) float64 { return t[j*(W+1)+i] }
	top := at(x0, y0)*(1-fx) + at(x0+1, y0)*fx
	bot := at(x0, y0+1)*(1-fx) + at(x0+1, y0+1)*fx
	return top*(1-fy) + bot*fy
}

// mass is the saliency inside b (fractions of the photo).
func mass(t []float64, W, H int, b Box) float64 {
	if b.Max.X <= b.Min.X || b.Max.Y <= b.Min.Y {
		return 0
	}
	x0, x1 := b.Min.X*float64(W), b.Max.X*float64(W)
	y0, y1 := b.Min.Y*float64(H), b.Max.Y*float64(H)
	return integral(t, W, H, x1, y1) - integral(t, W, H, x0, y1) - integral(t, W, H, x1, y0) + integral(t, W, H, x0, y0)
}

func area(b Box) float64 {
	return max(0, b.Max.X-b.Min.X) * max(0, b.Max.Y-b.Min.Y)
}

func intersect(a, b Box) Box {
	return Box{Point{max(a.Min.X, b.Min.X), max(a.Min.Y, b.Min.Y)}, Point{min(a.Max.X, b.Max.X), min(a.Max.Y, b.Max.Y)}}
}

func clampBox(b Box) Box {
	c := func(v float64) float64 {
		if math.IsNaN(v) {
			return 0
		}
		return min(max(v, 0), 1)
	}
	return Box{Point{c(b.Min.X), c(b.Min.Y)}, Point{c(b.Max.X), c(b.Max.Y)}}
}

// choose is the smart strategy: slide the largest cw×ch crop along the one
// axis where it is shorter than the photo and take the best position.
// Candidates are a grid as fine as the analysis plus every position where a
// crop edge meets a face edge, so the best set of whole faces is never
// missed between grid steps. The best keeps the most faces whole, then has
// the highest score (Weights.Center pulls it towards the centre); of equal
// scores the first, top or left, wins.
func (a *Analysis) choose(photo image.Rectangle, cw, ch, w, h int, safe preset.Insets) Result {
	s := a.slide(photo, cw, ch, w, h, safe)
	offsets := []int{s.n / 2}
	for _, sp := range s.spans {
		for _, off := range []int{sp[0], sp[1] - s.length, sp[1], sp[0] - s.length} {
			offsets = append(offsets, min(max(off, 0), s.n))
		}
	}
	steps := min(s.n, 2*max(s.grid, 1))
	for i := 0; i <= steps && s.n > 0; i++ {
		offsets = append(offsets, int(int64(i)*int64(s.n)/int64(steps)))
	}
	slices.Sort(offsets)
	offsets = slices.Compact(offsets)

	bestOff, bestWhole, bestScore := -1, 0, 0.0
	for _, off := range offsets {
		whole, score := s.at(off)
		if bestOff < 0 || whole > bestWhole || whole == bestWhole && score > bestScore {
			bestOff, bestWhole, bestScore = off, whole, score
		}
	}
	return Result{Rect: s.rect(bestOff), Faces: len(s.faces), FacesCut: len(s.faces) - bestWhole}
}

// Score is how the smart strategy rates r, a crop of photo as large as
// it makes for a w×h output with the insets safe: the faces r keeps whole
// and its score, as choose compares them. Two framings of one photo whose
// scores are that close are about as good: the bench uses it to tell a
// near-tie, which the page and the CLI may settle apart, from a wrong crop.
func (a *Analysis) Score(photo, r image.Rectangle, w, h int, safe preset.Insets) (whole int, score float64) {
	s := a.slide(photo, r.Dx(), r.Dy(), w, h, safe)
	if s.horizontal {
		return s.at(r.Min.X - photo.Min.X)
	}
	return s.at(r.Min.Y - photo.Min.Y)
}

// slider scores the positions of one crop size along its axis.
type slider struct {
	a                 *Analysis
	photo             image.Rectangle
	horizontal        bool
	total, length     int // the photo's and the crop's extent along the axis
	n, grid           int // the largest offset; the analysis's cells along the axis
	cw, ch, w, h      int
	safe              preset.Insets
	faces             []Box
	spans             [][2]int  // each face's span in photo pixels along the axis, widened to whole pixels
	t                 []float64 // the summed saliency; nil when there is none
	totalSal, faceSum float64
}

func (a *Analysis) slide(photo image.Rectangle, cw, ch, w, h int, safe preset.Insets) *slider {
	s := &slider{a: a, photo: photo, cw: cw, ch: ch, w: w, h: h, safe: safe, horizontal: cw < photo.Dx()}
	s.total, s.length, s.grid = photo.Dy(), ch, a.Height
	if s.horizontal {
		s.total, s.length, s.grid = photo.Dx(), cw, a.Width
	}
	s.n = s.total - s.length
	for _, f := range a.Faces {
		if f = clampBox(f); area(f) > 0 {
			s.faces = append(s.faces, f)
			s.faceSum += area(f)
			lo, hi := s.along(f)
			s.spans = append(s.spans, [2]int{int(math.Floor(lo*float64(s.total) + 1e-9)), int(math.Ceil(hi*float64(s.total) - 1e-9))})
		}
	}
	// A hand-made Analysis has no table yet; a malformed one has no saliency.
	s.t = a.sum
	if a.Width <= 0 || a.Height <= 0 || len(a.Saliency) != a.Width*a.Height {
		s.t = nil
	} else if len(s.t) != (a.Width+1)*(a.Height+1) {
		s.t = summed(a.Saliency, a.Width, a.Height)
	}
	if s.t != nil {
		s.totalSal = s.t[len(s.t)-1]
	}
	return s
}

func (s *slider) along(b Box) (lo, hi float64) {
	if s.horizontal {
		return b.Min.X, b.Max.X
	}
	return b.Min.Y, b.Max.Y
}

// rect is the crop at offset off.
func (s *slider) rect(off int) image.Rectangle {
	p := s.photo
	if s.horizontal {
		return image.Rect(p.Min.X+off, p.Min.Y, p.Min.X+off+s.cw, p.Min.Y+s.ch)
	}
	return image.Rect(p.Min.X, p.Min.Y+off, p.Min.X+s.cw, p.Min.Y+off+s.ch)
}

// at scores the crop at offset off: the faces it keeps whole, and its
// saliency less what sits under the insets, plus the faces kept less those
// cut, less the distance from the centre.
func (s *slider) at(off int) (whole int, score float64) {
	box := Box{Point{0, 0}, Point{1, 1}}
	lo, hi := float64(off)/float64(s.total), float64(off+s.length)/float64(s.total)
	if s.horizontal {
		box.Min.X, box.Max.X = lo, hi
	} else {
		box.Min.Y, box.Max.Y = lo, hi
	}
	// The safe area inside the crop: the preset's insets scaled to it.
	bw, bh := box.Max.X-box.Min.X, box.Max.Y-box.Min.Y
	inner := Box{
		Point{box.Min.X + bw*float64(s.safe.Left)/float64(s.w), box.Min.Y + bh*float64(s.safe.Top)/float64(s.h)},
		Point{box.Max.X - bw*float64(s.safe.Right)/float64(s.w), box.Max.Y - bh*float64(s.safe.Bottom)/float64(s.h)},
	}
	a, wt := s.a, s.a.Weights
	if s.totalSal > 0 {
		in := mass(s.t, a.Width, a.Height, box)
		score = (in - wt.SafeZone*(in-mass(s.t, a.Width, a.Height, inner))) / s.totalSal
	}
	var kept, cut, under float64
	for i, f := range s.faces {
		if s.spans[i][0] >= off && s.spans[i][1] <= off+s.length {
			whole++
			kept += area(f)
			under += area(intersect(f, box)) - area(intersect(f, inner))
		} else if s.spans[i][1] > off && s.spans[i][0] < off+s.length {
			cut += area(f)
		}
	}
	if s.faceSum > 0 {
		score += wt.Face * (kept - cut - wt.SafeZone*under) / s.faceSum
	}
	score -= wt.Center * math.Abs(float64(2*off+s.length-s.total)) / float64(2*s.total)
	return whole, score
}
