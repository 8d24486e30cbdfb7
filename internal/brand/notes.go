package brand

import (
	"image"

	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Notes are the report's notes on the layers on canvas that are left out
// or made smaller, in drawing order: never a silent cut. A text with no
// content and no Omitted reason is not worth a note (a kit may keep an
// empty text layer).
func (k *Kit) Notes(canvas image.Rectangle, safe preset.Insets) []msg.Message {
	if k == nil {
		return nil
	}
	var out []msg.Message
	for _, lr := range k.plan(canvas, safe, false).rects {
		if n := lr.note(); !n.IsZero() {
			out = append(out, n)
		}
	}
	return out
}

// note is the layer's note, or none. A left-out layer's reason is said in
// its note with its own arguments (a caption's line and column).
func (lr LayerRect) note() msg.Message {
	layer := msg.Num("layer", lr.text)
	switch {
	case lr.Skipped && lr.Reason.Code == msg.TextEmpty:
		return msg.Message{}
	case lr.Skipped:
		why := append([]msg.Arg{msg.Word("why", lr.Reason.Code)}, lr.Reason.Args...)
		switch {
		case lr.text > 0:
			return msg.New(msg.TextLeftOut, append([]msg.Arg{layer}, why...)...)
		case lr.Layer == "logo":
			return msg.New(msg.LogoLeftOut, why...)
		}
		return msg.New(msg.TileLeftOut, why...)
	case lr.Smaller && lr.text > 0:
		return msg.New(msg.TextSmaller, layer)
	case lr.Smaller:
		return msg.New(msg.LogoSmaller)
	}
	return msg.Message{}
}
