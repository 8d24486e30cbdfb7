// Package render is the pipeline for one photo: decode it once through
// imgio's gate, then for every preset decide the frame (a Framing: which part of
// the photo, where it lands on the output), crop, resize, convert the small
// result to sRGB, compose it on its background, draw the brand kit inside the
// safe zone and encode it (JPEG or PNG) under the preset's byte cap.
//
// Crop first, then scale the sub-image: resizing a whole 256×1 strip before
// cropping (imaging.Fill) asked for gigabytes. The crop is a SubImage, so it
// copies nothing, and EXIF orientation is applied to the small output
// rather than the full photo. The smart strategy's Analysis is made once per
// photo from a cheap small copy and serves every preset.
package render

import (
	"cmp"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"io"
	"slices"
	"strings"

	"github.com/disintegration/imaging"

	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Fit is how a photo fills a fixed-size output.
type Fit string

// The fit modes. The zero value means FitFill.
const (
	// FitFill crops the photo to the output's aspect (where: Spec.Crop).
	FitFill Fit = "fill"
	// FitPad never crops: the whole photo, centred, on Spec.Pad.
	FitPad Fit = "pad"
	// FitBlur never crops: the whole photo, centred, on a blurred, enlarged
	// copy of itself — what stories need for landscape photos.
	FitBlur Fit = "blur"
)

// ParseFit reads the command line's -fit value: fill, pad or blur.
func ParseFit(s string) (Fit, error) {
	switch f := Fit(s); f {
	case "", FitFill:
		return FitFill, nil
	case FitPad, FitBlur:
		return f, nil
	}
	return "", msg.Err(msg.FitBad, msg.Text("value", s))
}

// Spec is what to make of one photo.
type Spec struct {
	Presets []preset.Preset
	Crop    crop.Strategy // zero value: centre
	Fit     Fit           // zero value: fill
	Pad     color.NRGBA   // FitPad's background; the zero value means white
	Brand   *brand.Kit    // nil: no branding
	Output  imgio.Output  // format and quality; the zero value is JPEG at 85
	Limits  imgio.Limits
	// JPEG encodes the finished outputs; nil is Go's encoder. The browser
	// worker passes the browser's, several times faster in wasm.
	JPEG imgio.JPEGEncoder
}

// Pixels is a photo held outside the Go heap: decoded by the browser, whose
// decoder and scaler run several times faster than Go's in wasm. Only the
// small, resized parts the outputs need ever enter Go.
type Pixels interface {
	// Bounds are the photo's pixels as held (as stored, or upright when
	// the Info given with them says Orientation 1).
	Bounds() image.Rectangle
	// Scale returns the part r of the photo resized to w×h with a
	// high-quality filter, unpremultiplied; the engine's own Lanczos
	// where Mild says so.
	Scale(r image.Rectangle, w, h int) (*image.NRGBA, error)
}

// Compositor is Pixels that can also finish the plainest outputs itself:
// the part r of the pixels as held, scaled to the whole output and turned
// upright by EXIF orientation o (scaled in the held frame, then turned,
// as the engine does: w×h is the upright output, h×w in the held frame
// for orientations 5–8), on white, the brand kit drawn over it inside
// safe, encoded as a JPEG with no metadata by the returned function at the
// quality it is given (q0 first; Compose may start on it at once). Where
// Mild says so, the part is scaled with the engine's Lanczos
// (LanczosKernel gives its weights). In the browser this keeps every pixel
// of those outputs out of Go. Held uses it only where it gives what
// rendering in Go would: a JPEG the sRGB photo fills; it starts every
// composed output of a photo before encoding any.
type Compositor interface {
	Pixels
	Compose(r image.Rectangle, o, w, h int, kit *brand.Kit, safe preset.Insets, q0 int) (func(q int) ([]byte, error), error)
}

// source is where render takes a photo's pixels from: Go's own image, or
// Pixels held elsewhere (which may compose too).
type source struct {
	bounds  image.Rectangle
	scale   func(r image.Rectangle, w, h int) (*image.NRGBA, error)
	compose Compositor // nil: every output is made in Go
}

func imageSource(m image.Image) source {
	return source{bounds: m.Bounds(), scale: func(r image.Rectangle, w, h int) (*image.NRGBA, error) {
		return resize(subImage(m, r), w, h), nil
	}}
}

// Output is one preset's result.
type Output struct {
	Preset        preset.Preset
	Data          []byte       // encoded bytes, <= Preset.MaxBytes; nil when Err != nil
	Format        imgio.Format // JPEG or PNG
	Width, Height int
	Quality       int             // the JPEG quality used; 0 for PNG
	Upscaled      bool            // the photo's pixels were enlarged: say so in the report
	Crop          image.Rectangle // the part of the upright photo used
	Place         image.Rectangle // where Crop landed on the output (all of it unless padded or blurred)
	Notes         []msg.Message   // for the report: "1 face could not be kept whole in this format", "colour profile ignored (…)"
	Err           error           // this preset failed (e.g. *imgio.CapError); msg.Of says it for the report
}

// MaxOutputSide bounds a preset's output size: preset.MaxSide, where
// custom presets are checked.
const MaxOutputSide = preset.MaxSide

// errBadSize is a custom preset whose size cannot be rendered.
var errBadSize = msg.Err(msg.BadSize, msg.Num("max", MaxOutputSide))

// Framing is the decision for one preset, made before any pixel is touched:
// the page can draw it, the renderer obeys it.
type Framing struct {
	Crop          image.Rectangle // the part of the upright photo used
	Width, Height int             // the output
	Place         image.Rectangle // where Crop lands on the output, scaled to it
	Upscaled      bool            // Crop is smaller than Place
	Faces         int             // faces found in the photo (smart strategy)
	FacesCut      int             // faces not kept whole by Crop
	FacesErr      error           // why faces were not looked for (smart strategy), or nil
}

// Frame plans preset p for an upright photo with bounds photo. Fixed-size
// presets give exactly their size: FitFill crops to their aspect where
// strategy s says (a is the photo's Analysis, used by crop.Smart; nil
// crops like the centre), FitPad and FitBlur keep the whole photo, as large
// as fits, centred. Width-only presets ignore the fit and never upscale:
// width = min(preset width, photo width), height by the photo's aspect; a
// height over MaxHeight is cropped by s to width:MaxHeight.
func Frame(p preset.Preset, photo image.Rectangle, s crop.Strategy, fit Fit, a *crop.Analysis) Framing {
	pw, ph := int64(photo.Dx()), int64(photo.Dy())
	if pw <= 0 || ph <= 0 || p.Width <= 0 {
		return Framing{Crop: photo}
	}
	if p.WidthOnly() {
		w := int(min(int64(p.Width), pw))
		h := int(max(1, (ph*int64(w)+pw/2)/pw))
		plan := Framing{Crop: photo, Width: w, Height: h}
		if p.MaxHeight > 0 && h > p.MaxHeight {
			plan.Height = p.MaxHeight
			r := s.Rect(photo, w, p.MaxHeight, p.Safe, a)
			plan.Crop, plan.Faces, plan.FacesCut, plan.FacesErr = r.Rect, r.Faces, r.FacesCut, r.FacesErr
		}
		plan.Place = image.Rect(0, 0, plan.Width, plan.Height)
		return plan
	}
	plan := Framing{Width: p.Width, Height: p.Height, Place: image.Rect(0, 0, p.Width, p.Height)}
	switch fit {
	case FitPad, FitBlur:
		plan.Crop = photo
		plan.Place = geom.CenterCrop(plan.Place, photo.Dx(), photo.Dy())
	default:
		r := s.Rect(photo, p.Width, p.Height, p.Safe, a)
		plan.Crop, plan.Faces, plan.FacesCut, plan.FacesErr = r.Rect, r.Faces, r.FacesCut, r.FacesErr
	}
	plan.Upscaled = plan.Crop.Dx() < plan.Place.Dx() || plan.Crop.Dy() < plan.Place.Dy()
	return plan
}

// needsAnalysis reports whether any preset of spec may use the smart
// strategy's Analysis: only crops need it.
func needsAnalysis(spec *Spec) bool {
	if spec.Crop.Kind != crop.Smart {
		return false
	}
	for _, p := range spec.Presets {
		if p.WidthOnly() && p.MaxHeight > 0 || !p.WidthOnly() && spec.Fit != FitPad && spec.Fit != FitBlur {
			return true
		}
	}
	return false
}

// Image renders an upright sRGB photo for p under spec (spec.Presets is not
// used): the result is an *image.RGBA of exactly the Framing's size, opaque
// unless spec.Output is PNG, and the Framing. An invalid preset size gives an
// empty image. For crop.Smart it analyses the photo on each call; Photo
// analyses once.
func Image(photo image.Image, p preset.Preset, spec Spec) (*image.RGBA, Framing) {
	var a *crop.Analysis
	if spec.Crop.Kind == crop.Smart {
		a = AnalysePhoto(photo, 1)
	}
	m, plan, _ := render(imageSource(photo), imgio.Info{Orientation: 1}, p, &spec, a)
	return m, plan
}

// render is Image on a photo as stored, described by info: the crop is
// mapped into the stored pixels, resized there, and only the small result
// is turned upright and converted to sRGB, then composed on its background.
// An error is the source's: Pixels that could not be scaled.
func render(stored source, info imgio.Info, p preset.Preset, spec *Spec, a *crop.Analysis) (*image.RGBA, Framing, error) {
	o := info.Orientation
	sb := stored.bounds
	uw, uh := uprightSize(sb, o)
	plan := Frame(p, image.Rect(0, 0, uw, uh), spec.Crop, spec.Fit, a)
	w, h := plan.Width, plan.Height
	if w < 1 || h < 1 || w > MaxOutputSide || h > MaxOutputSide || plan.Place.Empty() {
		return &image.RGBA{}, plan, nil
	}
	rw, rh := plan.Place.Dx(), plan.Place.Dy()
	if o >= 5 && o <= 8 {
		rw, rh = rh, rw
	}
	m, err := stored.scale(imgio.StoredRect(plan.Crop, o, uw, uh).Add(sb.Min), rw, rh)
	if err != nil {
		return &image.RGBA{}, plan, err
	}
	if t, ok := imgio.Orient(m, o).(*image.NRGBA); ok {
		m = t // imaging's transforms all return *image.NRGBA
	}
	imgio.ConvertToSRGB(m, info) // before anything already sRGB is drawn
	var dst *image.RGBA
	switch {
	case plan.Place != image.Rect(0, 0, w, h):
		// Padded or blurred: an opaque background around the photo.
		if spec.Fit == FitBlur {
			dst = blurred(m, w, h)
		} else {
			dst = image.NewRGBA(image.Rect(0, 0, w, h))
			draw.Draw(dst, dst.Rect, image.NewUniform(padColour(spec.Pad)), image.Point{}, draw.Src)
		}
		draw.Draw(dst, plan.Place, m, m.Rect.Min, draw.Over)
	case spec.Output.Format == imgio.PNG:
		dst = premultiply(m) // PNG keeps the photo's transparency
	default:
		dst = imgio.FlattenNRGBA(m, color.White)
	}
	spec.Brand.Draw(dst, p.Safe)
	return dst, plan, nil
}

// uprightSize is the size of pixels held as b once turned by EXIF
// orientation o.
func uprightSize(b image.Rectangle, o int) (w, h int) {
	return imgio.Info{Width: b.Dx(), Height: b.Dy(), Orientation: o}.Upright()
}

// premultiply turns m into an *image.RGBA in place (alpha-premultiplied, as
// draw and the encoders expect); m must not be used afterwards.
func premultiply(m *image.NRGBA) *image.RGBA {
	w := m.Rect.Dx() * 4
	for y := 0; y < m.Rect.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+w]
		for i := 0; i < len(row); i += 4 {
			if a := uint32(row[i+3]); a != 0xFF {
				row[i] = uint8((uint32(row[i])*a + 127) / 255)
				row[i+1] = uint8((uint32(row[i+1])*a + 127) / 255)
				row[i+2] = uint8((uint32(row[i+2])*a + 127) / 255)
			}
		}
	}
	return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}

// padColour is c made opaque over white; the zero value is white.
func padColour(c color.NRGBA) color.RGBA {
	if c == (color.NRGBA{}) {
		return color.RGBA{255, 255, 255, 255}
	}
	a := uint32(c.A)
	mix := func(v uint8) uint8 { return uint8((uint32(v)*a + 255*(255-a) + 127) / 255) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 255}
}

// blurSide is the longer side of the copy FitBlur blurs before enlarging it:
// small enough to cost nothing, large enough to keep the photo's colours
// where they were.
const blurSide = 48

// blurred is FitBlur's background for a w×h output: the centre of the
// fitted photo fg at the output's aspect, shrunk to blurSide, flattened on
// white, blurred, and enlarged to w×h (bilinear, smooth at any factor).
func blurred(fg *image.NRGBA, w, h int) *image.RGBA {
	c := geom.CenterCrop(fg.Rect, w, h)
	sw, sh := blurSide, max(1, (blurSide*h+w/2)/w)
	if h > w {
		sw, sh = max(1, (blurSide*w+h/2)/h), blurSide
	}
	small := imaging.Resize(fg.SubImage(c), sw, sh, imaging.Box)
	imgio.FlattenNRGBA(small, color.White)
	small = imaging.Blur(small, 2)
	big := imaging.Resize(small, w, h, imaging.Linear)
	return &image.RGBA{Pix: big.Pix, Stride: big.Stride, Rect: big.Rect}
}

func subImage(m image.Image, r image.Rectangle) image.Image {
	if s, ok := m.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return imaging.Crop(m, r) // every decoder's type has SubImage; this is a safety net
}

// Photo decodes data once (imgio's gate with spec.Limits) and renders and
// encodes every preset, in order (see Decoded). A gate or decode error is
// returned as err with no outputs; a preset that fails (its byte cap cannot
// be met) has its Output.Err set and the others still succeed.
func Photo(data []byte, spec Spec) ([]Output, error) {
	img, info, err := imgio.DecodeStored(data, spec.Limits)
	if err != nil {
		return nil, err
	}
	return Decoded(img, info, spec), nil
}

// PhotoAt is Photo for a file of size bytes read by parts through r (an
// *os.File): a TIFF or BMP is decoded a strip at a time, never read whole.
func PhotoAt(r io.ReaderAt, size int64, spec Spec) ([]Output, error) {
	img, info, err := imgio.DecodeStoredAt(r, size, spec.Limits)
	if err != nil {
		return nil, err
	}
	return Decoded(img, info, spec), nil
}

// Decoded renders and encodes every preset of spec, in order, from a photo
// someone else decoded (Photo's decoders, or the browser's in the worker).
// info is imgio.Inspect's description of the file, adjusted to say what the
// decoder already did: Orientation is 1 when img is already upright (else
// img is as stored and is turned here, once, on each small output), and
// Profile is nil when img is already sRGB (else the profile is applied here,
// on each small output; drop the "colour profile" notes too when the
// decoder converted). info's Width and Height are not used: img's bounds
// are. For crop.Smart the photo is analysed once, from a small copy, for
// all presets. It gates nothing: callers check the limits (imgio.Inspect)
// before they decode. A preset that fails has its Output.Err set.
func Decoded(img image.Image, info imgio.Info, spec Spec) []Output {
	var a *crop.Analysis
	if needsAnalysis(&spec) {
		a = AnalysePhoto(img, info.Orientation)
	}
	return renderAll(imageSource(img), info, &spec, a)
}

// Held is Decoded for a photo whose pixels are held outside Go (see
// Pixels). For crop.Smart the analysis works on a small copy px makes; if
// it cannot, the crops are centred. A preset px cannot scale fails with
// the reason.
func Held(px Pixels, info imgio.Info, spec Spec) []Output {
	var a *crop.Analysis
	if needsAnalysis(&spec) {
		b := px.Bounds()
		mid := midSize(b) // shrink's size, so both paths analyse alike
		if m, err := px.Scale(b, mid.X, mid.Y); err == nil {
			a = analyse(m, info.Orientation)
		}
	}
	src := source{bounds: px.Bounds(), scale: px.Scale}
	src.compose, _ = px.(Compositor)
	return renderAll(src, info, &spec, a)
}

// renderAll makes every preset's output. Composed outputs are all started
// before any is encoded, so the Compositor may work on them side by side.
func renderAll(src source, info imgio.Info, spec *Spec, a *crop.Analysis) []Output {
	outs := make([]Output, len(spec.Presets))
	var finish []func()
	for i, p := range spec.Presets {
		var f func(*Output)
		outs[i], f = start(src, info, p, spec, a)
		if f != nil {
			finish = append(finish, func() { f(&outs[i]) })
		}
	}
	for _, f := range finish {
		f()
	}
	return outs
}

func encode(src source, info imgio.Info, p preset.Preset, spec *Spec, a *crop.Analysis) Output {
	out, finish := start(src, info, p, spec, a)
	if finish != nil {
		finish(&out)
	}
	return out
}

// start makes preset p's output, or, when src's Compositor makes it, starts
// it and returns what finishes it (the encoding under the byte cap).
func start(src source, info imgio.Info, p preset.Preset, spec *Spec, a *crop.Analysis) (Output, func(*Output)) {
	o, note := outputFor(p, spec.Output)
	if o != spec.Output {
		s := *spec
		s.Output = o
		spec = &s
	}
	out := Output{Preset: p, Format: o.Format}
	if !note.IsZero() {
		out.Notes = append(out.Notes, note)
	}
	if c, plan, ok := composable(src, info, p, spec, a); ok {
		return composed(c, plan, info, p, spec, out)
	}
	return encodeInGo(src, info, p, spec, a, out), nil
}

// encodeInGo renders preset p's output in Go and encodes it.
func encodeInGo(src source, info imgio.Info, p preset.Preset, spec *Spec, a *crop.Analysis, out Output) Output {
	m, plan, err := render(src, info, p, spec, a)
	out.Crop, out.Place, out.Upscaled = plan.Crop, plan.Place, plan.Upscaled
	if err != nil {
		out.Err = scaleFailed(err)
		return out
	}
	if m.Rect.Empty() {
		out.Err = errBadSize
		return out
	}
	out.Notes = append(out.Notes, framingNotes(plan)...)
	out.Notes = append(out.Notes, info.Notes...)
	out.Notes = append(out.Notes, spec.Brand.Notes(m.Rect, p.Safe)...)
	out.Width, out.Height = m.Rect.Dx(), m.Rect.Dy()
	out.Data, out.Quality, out.Err = imgio.EncodeUnderWith(m, spec.Output, p.MaxBytes, spec.JPEG)
	return out
}

// MildReduction is the smallest reduction another scaler is trusted with:
// below it (and for enlargements) Lanczos's sharpness is what shows, and a
// browser's smoother filter differs most from it (39.7 dB on a test chart
// reduced 1.2×, against 45–57 dB on photos reduced further).
const MildReduction = 1.5

// Mild reports whether scaling r to w×h enlarges it, or reduces it by less
// than MildReduction on either side: the engine's Lanczos does those (in
// the browser, its weights applied by the page's script).
func Mild(r image.Rectangle, w, h int) bool {
	return float64(r.Dx()) < MildReduction*float64(w) || float64(r.Dy()) < MildReduction*float64(h)
}

// scaleFailed is the reason for an output whose Pixels failed.
func scaleFailed(err error) error {
	return msg.Wrap(err, msg.ResizeFailed, msg.Text("reason", err.Error()))
}

// composable reports whether src's Compositor can make preset p's output,
// and its plan: a JPEG the photo fills, from pixels already sRGB.
func composable(src source, info imgio.Info, p preset.Preset, spec *Spec, a *crop.Analysis) (Compositor, Framing, bool) {
	if src.compose == nil || spec.Output.Format != imgio.JPEG || info.Profile.Active() {
		return nil, Framing{}, false
	}
	uw, uh := uprightSize(src.bounds, info.Orientation)
	plan := Frame(p, image.Rect(0, 0, uw, uh), spec.Crop, spec.Fit, a)
	full := image.Rect(0, 0, plan.Width, plan.Height)
	ok := plan.Width >= 1 && plan.Height >= 1 && plan.Width <= MaxOutputSide && plan.Height <= MaxOutputSide &&
		plan.Place == full
	return src.compose, plan, ok
}

// composed starts an output with the Compositor: the same plan, notes and
// byte cap as in Go, the pixels never in Go. The returned function
// encodes it.
func composed(c Compositor, plan Framing, info imgio.Info, p preset.Preset, spec *Spec, out Output) (Output, func(*Output)) {
	out.Crop, out.Place, out.Upscaled = plan.Crop, plan.Place, plan.Upscaled
	q0 := cmp.Or(spec.Output.Quality, imgio.DefaultQuality)
	uw, uh := uprightSize(c.Bounds(), info.Orientation)
	r := imgio.StoredRect(plan.Crop, info.Orientation, uw, uh).Add(c.Bounds().Min)
	enc, err := c.Compose(r, info.Orientation, plan.Width, plan.Height, spec.Brand, p.Safe, q0)
	if err != nil {
		out.Err = scaleFailed(err)
		return out, nil
	}
	out.Notes = append(out.Notes, framingNotes(plan)...)
	out.Notes = append(out.Notes, info.Notes...)
	out.Notes = append(out.Notes, spec.Brand.Notes(image.Rect(0, 0, plan.Width, plan.Height), p.Safe)...)
	out.Width, out.Height = plan.Width, plan.Height
	return out, func(o *Output) {
		o.Data, o.Quality, o.Err = imgio.SearchJPEG(q0, p.MaxBytes, enc)
		var capErr *imgio.CapError
		if o.Err != nil && !errors.As(o.Err, &capErr) {
			o.Err = scaleFailed(o.Err) // the browser failed it
		}
	}
}

// outputFor is the output for preset p: the chosen format when the platform
// accepts it, else JPEG (which every platform takes), with a note saying so.
func outputFor(p preset.Preset, o imgio.Output) (imgio.Output, msg.Message) {
	o.Format = cmp.Or(o.Format, imgio.JPEG)
	if len(p.Formats) == 0 || slices.Contains(p.Formats, string(o.Format)) {
		return o, msg.Message{}
	}
	names := make([]string, len(p.Formats))
	for i, f := range p.Formats {
		names[i] = strings.ToUpper(f)
	}
	return imgio.Output{Format: imgio.JPEG, Quality: o.Quality}, msg.New(msg.MadeJPEG, msg.List("formats", names...))
}

// framingNotes are the report's notes on how plan framed the photo: faces
// not looked for, or faces the crop had to cut.
func framingNotes(plan Framing) []msg.Message {
	switch {
	case plan.FacesErr != nil:
		return []msg.Message{msg.Of(plan.FacesErr)}
	case plan.FacesCut > 0:
		return []msg.Message{msg.New(msg.FacesCut, msg.Count("n", plan.FacesCut))}
	}
	return nil
}
