// Package wire is every message between the page and its image workers, as
// Go types: what the page's Go hands web/js (the worker pool), what the pool
// posts to a worker, what the worker's Go answers, and what the worker's Go
// asks of web/js/worker.js (Compose). A field's name on the JavaScript side is
// its json tag (or its Go name): Encode and Decode (codec.go) turn these
// types into JavaScript objects and back through a Value, so a message keeps
// its shape through postMessage and image bytes stay in the browser's own
// buffers, Blobs, Files and bitmaps (fields of type Value), never encoded.
//
// JavaScript uses names generated from these types: `go generate` writes
// web/js/wire.js (JS), whose constructors refuse a field the Go type lacks
// or a required one (no omitempty) left out; TestWireJSFresh fails when that
// file is stale, and the worker's test under wasm (app/worker) round-trips
// every message between that module and this package.
//
// A message's "type" says what it is within its direction (page to worker,
// worker to page). It is pure Go: no syscall/js, tested natively.
package wire

//go:generate go run ./gen ../../web/js/wire.js

import (
	"image"
	"strings"

	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// Kind is a message's "type" field.
type Kind string

const (
	// From the page to a worker.
	KindJob       Kind = "job"
	KindPrepare   Kind = "prepare"
	KindPreview   Kind = "preview"
	KindReadSheet Kind = "readSheet"
	// From a worker to the page.
	KindReady     Kind = "ready"
	KindExit      Kind = "exit"
	KindResult    Kind = "result"
	KindPreviews  Kind = "previews"
	KindSheetRead Kind = "sheetRead"
)

// Message is a value that travels as a whole message: Encode writes its
// Kind in the "type" field, Decode checks it.
type Message interface{ Kind() Kind }

// Stop is why a photo's worker stopped before answering; the pool says it,
// the page turns it into words (app/session.go).
type Stop string

const (
	StopCancelled   Stop = "cancelled"    // the user cancelled the batch
	StopTimeout     Stop = "timeout"      // no answer within the pool's limit
	StopCrashed     Stop = "crashed"      // the worker died (out of memory, an error, a test's kill)
	StopCannotStart Stop = "cannot-start" // no worker would start (app.wasm missing, say)
)

// Stops lists every Stop, for the generated module and the tests.
var Stops = []Stop{StopCancelled, StopTimeout, StopCrashed, StopCannotStart}

// Codes are the report messages (package msg) that web/js says itself.
var Codes = []msg.Code{msg.FileGone}

// Value is a JavaScript value the codec reads and writes (see codec.go). A
// message's field of this type carries a browser object as it is: a File,
// a Blob, a Uint8Array whose buffer is transferred, an ImageBitmap.
type Value interface {
	Type() Type
	Get(key string) Value
	Set(key string, v Value)
	Index(i int) Value
	SetIndex(i int, v Value)
	Length() int
	Bool() bool
	Float() float64
	String() string
	// Bytes copies a Uint8Array's bytes into Go; false if v is not one.
	Bytes() ([]byte, bool)
}

// Host makes JavaScript values, for Encode.
type Host interface {
	Object() Value
	Array() Value
	Null() Value
	Bool(bool) Value
	Number(float64) Value
	String(string) Value
	Bytes([]byte) Value // a new Uint8Array
}

// Int32Host is a Host that also makes Int32Arrays (the worker's, for the
// Lanczos kernels); without it an []int32 is an Array.
type Int32Host interface {
	Host
	Int32s([]int32) Value
}

// Type is a JavaScript value's type, as the codec tells them apart.
type Type int

const (
	TypeUndefined Type = iota
	TypeNull
	TypeBool
	TypeNumber
	TypeString
	TypeObject // arrays and typed arrays too
	TypeFunction
)

// ---------------------------------------------------------------- page → worker

// Job is one photo for a worker. The page's Go makes it (ID to Focal) and
// hands the batch's jobs to the pool, which adds the batch's settings and
// the photo and posts it: its File, or for a file of a dropped folder,
// where the worker opens it ({dir, name}: web/js/readheads.js walk; the
// page holds no File of its own for it).
type Job struct {
	ID    int         `json:"id"`   // the page's job id: {index} in names is ID+1
	File  int         `json:"file"` // the page's handle for the File (Picked.Index)
	Input string      `json:"input"`
	Stem  string      `json:"stem"`
	Focal *crop.Point `json:"focal,omitempty"` // this photo's own, over the batch's crop
	// Captions are its text layers' words (job.Story.Captions, or the
	// user's own for this photo); nil keeps the kit's texts.
	Captions []job.Caption `json:"captions,omitempty"`
	// Cols are its values in the columns the naming template's {col:…}
	// name, in the template's order (batch.Namer.Columns).
	Cols     []string `json:"cols,omitempty"`
	Settings string   `json:"settings,omitempty"` // the batch's job.Settings as JSON; the pool adds it
	Photo    Value    `json:"photo,omitempty" js:"File|{dir: FileSystemHandle, name: string}"`
	// Store is where the worker writes the outputs itself: the page's
	// folder of outputs in the origin's private file system (web/js
	// storage.js), each file named "<Prefix>-<i>", Prefix new for each job
	// sent. The pool adds both; without them (no such folder, a batch into
	// a folder) the worker posts the outputs' bytes.
	Store  string `json:"store,omitempty"`
	Prefix string `json:"prefix,omitempty"`
}

func (Job) Kind() Kind { return KindJob }

// ReadSheet asks a worker to read a sheet (CSV, TSV, XLSX, ODS) off the page's
// thread: a large workbook takes a while to unpack. Lang picks how a
// workbook's numbers and dates show ("fr": 12,90 €).
type ReadSheet struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Lang string `json:"lang"`
	File Value  `json:"file" js:"File"`
}

func (ReadSheet) Kind() Kind { return KindReadSheet }

// SheetRead answers a ReadSheet: the sheet (its fields as Go names them;
// the page's script only passes it on), or why it cannot be read.
type SheetRead struct {
	ID    int          `json:"id"`
	Sheet *sheet.Sheet `json:"sheet,omitempty"`
	Error *msg.Message `json:"error,omitempty"` // it names the sheet
	Heap  float64      `json:"heap"`
}

func (SheetRead) Kind() Kind { return KindSheetRead }

// Prepare has an idle worker (a spare) get ready for a batch with these
// settings (job.Settings JSON): its plan, its brand layers.
type Prepare struct {
	Settings string `json:"settings"`
}

func (Prepare) Kind() Kind { return KindPrepare }

// Preview asks for one photo's previews. The page's Go sends File, Settings,
// Focal and Size; the pool adds ID (its request number) and the photo (as
// Job's).
type Preview struct {
	ID       int           `json:"id,omitempty"`
	File     int           `json:"file"`
	Settings string        `json:"settings"`
	Focal    *crop.Point   `json:"focal,omitempty"`
	Captions []job.Caption `json:"captions,omitempty"` // as Job's
	Size     int           `json:"size"`               // the previews' longer side, in pixels
	Photo    Value         `json:"photo,omitempty" js:"File|{dir: FileSystemHandle, name: string}"`
}

func (Preview) Kind() Kind { return KindPreview }

// ---------------------------------------------------------------- worker → page

// Ready says a worker listens: nothing posted to it before is lost.
type Ready struct{}

func (Ready) Kind() Kind { return KindReady }

// Exit says a worker's Go stopped (web/js/worker.js posts it): the pool ends
// the worker and reports its photo with StopCrashed.
type Exit struct {
	Message string `json:"message"`
}

func (Exit) Kind() Kind { return KindExit }

// Result is one job's outcome: its report rows and its outputs. The pool
// keeps each output (the file the worker wrote, or its bytes: Blob or Data)
// under a Key and hands the page the rest.
type Result struct {
	ID    int          `json:"id"`
	Rows  []batch.Row  `json:"rows"`
	Files []Output     `json:"files"`
	Error *msg.Message `json:"error,omitempty"` // the job failed before any row: the page makes them
	Heap  float64      `json:"heap"`            // the worker's wasm memory, in bytes: the pool recycles it past a limit
	Stats *Stats       `json:"stats,omitempty"`
}

func (Result) Kind() Kind { return KindResult }

// Output is one encoded picture.
type Output struct {
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	CRC32 uint32 `json:"crc32"`
	Type  string `json:"type"`                           // its media type
	Blob  Value  `json:"blob,omitempty" js:"Blob"`       // the browser's own JPEG, kept as it is
	Data  Value  `json:"data,omitempty" js:"Uint8Array"` // other bytes, their buffer transferred
	// Stored names the file the worker wrote it into (Job.Store); then
	// neither Blob nor Data is sent.
	Stored string `json:"stored,omitempty"`
	Key    string `json:"key,omitempty"` // where the pool keeps it (the page's handle)
}

// Stats is what a benchmark or a test wants to know of a job; the page
// ignores it. Times are in milliseconds.
type Stats struct {
	Input           string   `json:"input"`
	Decoder         string   `json:"decoder"` // canvas, ImageDecoder, createImageBitmap or Go
	RenderMs        float64  `json:"renderMs"`
	DecodeMs        float64  `json:"decodeMs,omitempty"`
	ScaleMs         float64  `json:"scaleMs,omitempty"`
	EncodeMs        float64  `json:"encodeMs,omitempty"`
	LayerMs         float64  `json:"layerMs,omitempty"`
	Composed        int      `json:"composed,omitempty"` // outputs the browser composed
	Blobs           int      `json:"blobs"`              // outputs sent as the browser's own Blobs
	Stored          int      `json:"stored,omitempty"`   // outputs the worker wrote into the page's folder (Job.Store)
	EncoderFallback string   `json:"encoderFallback,omitempty"`
	ScalePSNR       *float64 `json:"scalePSNR,omitempty"` // the worst self-check, with "verify-scale"
	ScaleChecks     string   `json:"scaleChecks,omitempty"`
	Crops           []Rect   `json:"crops,omitempty"` // each output's crop, in the formats' order
}

// Previews answers a Preview: one small JPEG per format. The pool turns
// each JPEG into an object URL for the page.
type Previews struct {
	ID      int            `json:"id"`
	Images  []PreviewImage `json:"images"`
	Error   *msg.Message   `json:"error,omitempty"`
	Stop    Stop           `json:"stop,omitempty"`    // the pool's: why the preview worker stopped
	Decoder string         `json:"decoder,omitempty"` // which decoder made them (for the tests)
}

func (Previews) Kind() Kind { return KindPreviews }

// PreviewImage is one format's preview.
type PreviewImage struct {
	Preset string `json:"preset"`
	Name   string `json:"name"`
	W      int    `json:"w"`
	H      int    `json:"h"`
	JPEG   Value  `json:"jpeg,omitempty" js:"Uint8Array"` // from the worker, its buffer transferred
	URL    string `json:"url,omitempty"`                  // to the page: an object URL of the JPEG
	Crop   *Rect  `json:"crop,omitempty"`                 // the part of the photo it shows, as the batch crops it
}

// ---------------------------------------------------------------- page's JavaScript → page's Go

// Listed is files the page received, named before they are read: a drop of
// 10,000 files is listed at once, and each file's Picked (its size and
// first bytes, read in the background) follows. The files are the page's
// handles First, First+1, … in the order of Paths.
type Listed struct {
	First int `json:"first"`
	// Paths are relative to the drop ("shoot/sub/a.jpg"), each ended by a
	// NUL, which no file name holds: one string crosses from JavaScript to
	// Go at once, where 10,000 strings took ~300 ms on the page's thread.
	Paths string `json:"paths"`
}

// ListedPaths are l's paths.
func (l Listed) ListedPaths() []string {
	if l.Paths == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(l.Paths, "\x00"), "\x00")
}

// Picked is a file the page received (dropped, picked, opened or shared),
// described by its size and first bytes.
type Picked struct {
	Index int    `json:"index"`          // the page's handle for the File
	Path  string `json:"path,omitempty"` // relative to the drop: "shoot/sub/a.jpg"; "" once a Listed named it
	Size  int64  `json:"size"`
	Head  []byte `json:"head"`            // its first bytes, to tell images from other files
	Error string `json:"error,omitempty"` // the browser could not read it
}

// ---------------------------------------------------------------- worker's Go → web/js/worker.js

// Compose asks web/js/worker.js (picmarkCompose) for one output the browser
// composes: the bitmap's part (SX, SY, SW, SH) scaled on white and turned
// upright by the EXIF Orientation into the W×H output, the brand layer's
// pieces over it, then a first JPEG at quality Q.
type Compose struct {
	Bitmap      Value    `json:"bmp" js:"ImageBitmap"`
	Opaque      bool     `json:"opaque"` // a JPEG's: no white under it
	Orientation int      `json:"orientation"`
	SX          int      `json:"sx"`
	SY          int      `json:"sy"`
	SW          int      `json:"sw"`
	SH          int      `json:"sh"`
	W           int      `json:"w"`
	H           int      `json:"h"`
	Layer       []Piece  `json:"layer"`
	Q           int      `json:"q"`
	Kernels     *Kernels `json:"kernels,omitempty"` // the engine's Lanczos, for a mild reduction or an enlargement
	Check       bool     `json:"check"`             // give the pixels before the layer, for the self-check
}

// Piece is a part of a brand layer, drawn at X, Y.
type Piece struct {
	Bitmap Value `json:"bmp" js:"ImageBitmap"`
	X      int   `json:"x"`
	Y      int   `json:"y"`
}

// Kernels are render.Kernel for each side; nil for a side kept as it is.
type Kernels struct {
	X    *Kernel `json:"x,omitempty"`
	Y    *Kernel `json:"y,omitempty"`
	Bits int     `json:"bits"` // render.WeightBits
}

// Kernel is render.Kernel.
type Kernel struct {
	Taps  int     `json:"taps"`
	Start []int32 `json:"start"`
	W     []int32 `json:"w"`
}

// Composing is what picmarkCompose returns at once: the output's canvas,
// and promises of its pixels (Ready) and of its first JPEG (First: {blob,
// buf}).
type Composing struct {
	Canvas Value `json:"canvas" js:"OffscreenCanvas"`
	Ready  Value `json:"ready" js:"Promise<Uint8ClampedArray|undefined>"`
	First  Value `json:"first" js:"Promise<{blob: Blob, buf: ArrayBuffer}>"`
}

// Rect is a crop: a part of the upright photo, in its pixels, from
// (X0, Y0) to (X1, Y1) excluded (an image.Rectangle).
type Rect struct {
	X0 int `json:"x0"`
	Y0 int `json:"y0"`
	X1 int `json:"x1"`
	Y1 int `json:"y1"`
}

// RectOf is r as a Rect.
func RectOf(r image.Rectangle) Rect { return Rect{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

// Messages are the messages, for the generator and the tests.
var Messages = []Message{Job{}, Prepare{}, Preview{}, ReadSheet{}, Ready{}, Exit{}, Result{}, Previews{}, SheetRead{}}

// Shapes are the other types JavaScript builds or reads, for the generator.
var Shapes = []any{Output{}, Stats{}, PreviewImage{}, Rect{}, Listed{}, Picked{}, Compose{}, Piece{}, Kernels{}, Kernel{}, Composing{}, crop.Point{}, batch.Row{},
	msg.Message{}, msg.Arg{}, batch.ReportFile{}, job.Caption{}}
