package brand

import (
	"image"

	"picmark/internal/preset"
)

// reasonCrowded is why a layer that fits alone is left out: the layers
// before it took the room.
const reasonCrowded = "no room for it beside the layers before it at a legible size"

// reasonEmpty is why a text with no words is not drawn.
const reasonEmpty = "the text is empty"

// Notes are the report's sentences for the layers on canvas that are left
// out or made smaller, in drawing order: never a silent cut. A text with
// no content and no Omitted reason is not worth a note (a kit may keep an
// empty text layer).
func (k *Kit) Notes(canvas image.Rectangle, safe preset.Insets) []string {
	if k == nil {
		return nil
	}
	var out []string
	for _, lr := range k.plan(canvas, safe, false).rects {
		if n := layerNote(lr); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// layerNote is one layer's sentence, or "".
func layerNote(lr LayerRect) string {
	switch {
	case lr.Skipped && lr.omitted:
		return lr.Layer + " " + lr.Reason // the reason says "left out: …" itself
	case lr.Skipped && lr.Reason == reasonEmpty:
		return ""
	case lr.Skipped:
		return lr.Layer + " left out: " + lr.Reason
	case lr.Smaller:
		return lr.Layer + " made smaller to make room for the layers before it"
	}
	return ""
}
