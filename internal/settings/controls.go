package settings

import (
	"picmark/internal/brand"
	"picmark/internal/geom"
)

// Kind is which of the page's controls shows a field.
type Kind int

const (
	// Hand is a control the page draws itself, not from this description:
	// a file picker, a list the user adds to. Its Why says why.
	Hand Kind = iota
	Checkbox
	Select
	Range // a slider of whole numbers
	Text  // a text field: the page takes what is typed as it is typed
	Colour
)

// Control is one of the page's controls for a setting, as data. The page
// (app/controls.go) draws each one but a Hand from it alone, in its
// Section, in the table's order, so a setting with a simple control costs
// one entry; its English words are also the keys of the page's French
// (app/i18n.go). T is what the control edits: Form, or a text layer's
// Layer (LayerTable).
type Control[T any] struct {
	Kind    Kind
	ID      string // the element's id; a later text layer's is "layer-<n>-"+ID (none for "")
	First   string // LayerTable: the first text layer's id, which sits among the form's (FirstLayer)
	Section string // Table: where the page draws it: "framing", "logo", "tile", "output"; "" for a Hand
	Label   string // English
	Why     string // Hand: why the page draws it itself, and where

	Options     func() []Option // Select
	Names       bool            // Select: the options' labels are names, said as they are
	Min, Max    int             // Range
	Unit        string          // Range: said after the value, English
	Tenths      bool            // Range: the value is in tenths, shown with a decimal ("5" is "0.5")
	Placeholder string          // Text, English
	FirstHint   string          // LayerTable: the first text layer's placeholder

	If func(v *T) bool // shown only when it applies; nil: always

	Str  func(v *T) *string // Select, Text, Colour
	Int  func(v *T) *int    // Range
	Bool func(v *T) *bool   // Checkbox
}

// Option is one choice of a Select: its value and its English label.
type Option struct{ Value, Label string }

func options(o ...Option) func() []Option { return func() []Option { return o } }

var anchorLabels = map[string]string{
	"center": "Centre", "top": "Top", "bottom": "Bottom", "left": "Left", "right": "Right",
	"top-left": "Top left", "top-right": "Top right", "bottom-left": "Bottom left", "bottom-right": "Bottom right",
}

// anchorOptions are the nine places a logo or a text can go.
func anchorOptions() []Option {
	var out []Option
	for _, a := range geom.Anchors() {
		out = append(out, Option{a.String(), anchorLabels[a.String()]})
	}
	return out
}

// fontOptions are the bundled fonts, by name ("Go bold": not translated).
func fontOptions() []Option {
	var out []Option
	for _, n := range brand.FontNames() {
		out = append(out, Option{n, "Go " + n})
	}
	return out
}

var (
	cropOptions = options(
		Option{"center", "Centre"}, Option{"smart", "Smart (subject and faces)"}, Option{"focal", "Focal point"},
		Option{"top", "Top"}, Option{"bottom", "Bottom"}, Option{"left", "Left"}, Option{"right", "Right"},
		Option{"top-left", "Top left"}, Option{"top-right", "Top right"}, Option{"bottom-left", "Bottom left"}, Option{"bottom-right", "Bottom right"},
	)
	fitOptions = options(
		Option{"fill", "Fill the frame (crop)"}, Option{"blur", "Whole photo on a blurred copy"}, Option{"pad", "Whole photo on a colour"},
	)
	formatOptions = options(Option{"jpeg", "JPEG (photos)"}, Option{"png", "PNG (graphics, transparency)"})
	styleOptions  = options(Option{"band", "On a band"}, Option{"badge", "As a badge (a price tag)"}, Option{"shadow", "With a shadow"}, Option{"none", "Plain"})
)
