package captions

import "picmark/internal/msg"

// A photo's text left out is a note (msg.CaptionEmpty, msg.CaptionNoRow:
// Fill's msg.Message); a problem that stops the batch before it starts is
// an *Error. Their words, in every language, are in internal/msg's
// catalog.

// Error is a problem that stops the batch before it starts: a template's
// brace, a sheet with no column of file names, two rows claiming a photo.
type Error struct{ Msg msg.Message }

// Error is the message in English.
func (e *Error) Error() string { return e.Msg.String() }

// Message is the error's message, for the page and the report (msg.Coded).
func (e *Error) Message() msg.Message { return e.Msg }

func errorOf(c msg.Code, args ...msg.Arg) *Error { return &Error{msg.New(c, args...)} }
