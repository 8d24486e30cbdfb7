package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"picmark/internal/msg"
	"picmark/internal/sheet"
	"strconv"
	"strings"
)

// This file opens the ZIP inside XLSX and ODS files and the XML parts in
// it. Parts are read as streams of XML tokens (encoding/xml's RawToken:
// no reflection, no whole-document tree), through a byte budget shared by
// every part, so a small file that unpacks to gigabytes stops at
// Limits.Unpacked.

// errUnpacked is the budget running out.
var errUnpacked = errors.New("unpacked size over the limit")

// archive is an opened XLSX or ODS.
type archive struct {
	name   string
	files  map[string]*zip.File
	budget int64 // bytes still allowed to unpack
	lim    sheet.Limits
}

// Read reads the first sheet of a CSV, TSV, XLSX or ODS file named name
// (used in messages only; the format comes from the bytes). CSV and TSV go
// to sheet.ReadText.
func Read(name string, data []byte, opt sheet.Options) (*sheet.Sheet, error) {
	opt = opt.WithDefaults()
	if !sheet.IsZip(data) || int64(len(data)) > opt.Limits.Bytes {
		return sheet.ReadText(name, data, opt)
	}
	loc, lim := opt.Locale, opt.Limits
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &sheet.Error{Code: sheet.CodeDamaged, Sheet: name, Args: []msg.Arg{msg.Word("what", msg.DamagedZIP)}, Err: err}
	}
	a := &archive{name: name, files: make(map[string]*zip.File, len(z.File)), budget: lim.Unpacked, lim: lim}
	for _, f := range z.File {
		a.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	fail := func(c msg.Code, args ...msg.Arg) (*sheet.Sheet, error) {
		return nil, &sheet.Error{Code: c, Sheet: name, Args: args}
	}
	if a.has("xl/workbook.xml") {
		return readXLSX(a, loc)
	} else if a.has("xl/workbook.bin") {
		return fail(sheet.CodeBinaryExcel)
	} else if a.has("content.xml") && a.has("mimetype") {
		mt, err := a.small("mimetype")
		if err != nil {
			return nil, err
		}
		if !strings.Contains(mt, "opendocument.spreadsheet") {
			return fail(sheet.CodeNotSpreadODF)
		}
		return readODS(a)
	} else if a.has("Index/Document.iwa") {
		return fail(sheet.CodeNumbers)
	} else if a.has("word/document.xml") {
		return fail(sheet.CodeNotSheet, msg.Word("what", msg.FileWord))
	} else if a.has("ppt/presentation.xml") {
		return fail(sheet.CodeNotSheet, msg.Word("what", msg.FilePowerPoint))
	}
	return fail(sheet.CodeNotSheet, msg.Word("what", msg.FileZIP))
}

func (a *archive) has(name string) bool { return a.files[name] != nil }

// damaged is the workbook damaged: what says what is wrong (msg.Damaged…).
func (a *archive) damaged(cause error, what msg.Code, args ...msg.Arg) *sheet.Error {
	return &sheet.Error{Code: sheet.CodeDamaged, Sheet: a.name, Args: append([]msg.Arg{msg.Word("what", what)}, args...), Err: cause}
}

// open starts reading a part through the budget.
func (a *archive) open(name string) (io.ReadCloser, error) {
	f := a.files[name]
	if f == nil {
		return nil, a.damaged(nil, msg.DamagedPartGone, msg.Text("part", name))
	}
	if f.UncompressedSize64 > uint64(max(a.budget, 0)) { // the header says so: stop before inflating
		return nil, &sheet.Error{Code: sheet.CodeUnpacked, Sheet: a.name, Args: []msg.Arg{msg.Bytes("maxSize", a.lim.Unpacked)}}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, a.damaged(err, msg.DamagedPartBad, msg.Text("part", name))
	}
	return struct {
		io.Reader
		io.Closer
	}{&budgetReader{r: rc, left: &a.budget}, rc}, nil
}

// small reads a small part whole (the ODS mimetype).
func (a *archive) small(name string) (string, error) {
	rc, err := a.open(name)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 256))
	if err != nil {
		return "", a.readErr(name, err)
	}
	return string(b), nil
}

// readErr turns a failure while reading a part into the sheet's error.
func (a *archive) readErr(part string, err error) error {
	var e *sheet.Error
	if errors.As(err, &e) {
		return e
	} else if errors.Is(err, errUnpacked) {
		return &sheet.Error{Code: sheet.CodeUnpacked, Sheet: a.name, Args: []msg.Arg{msg.Bytes("maxSize", a.lim.Unpacked)}, Err: err}
	}
	return a.damaged(err, msg.DamagedPartBad, msg.Text("part", part))
}

// parse runs fn over the tokens of a part. fn returns errStop to end early.
func (a *archive) parse(part string, fn func(d *xml.Decoder, tok xml.Token) error) error {
	rc, err := a.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return a.readErr(part, err)
		}
		if err := fn(d, tok); err == errStop {
			return nil
		} else if err != nil {
			return a.readErr(part, err)
		}
	}
}

var errStop = errors.New("stop")

// budgetReader counts what it lets through against a shared budget.
type budgetReader struct {
	r    io.Reader
	left *int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if *b.left < 0 {
		return 0, errUnpacked
	}
	if int64(len(p)) > *b.left+1 { // one byte more than allowed tells "over" from "exactly at"
		p = p[:*b.left+1]
	}
	n, err := b.r.Read(p)
	*b.left -= int64(n)
	if *b.left < 0 {
		return n, errUnpacked
	}
	return n, err
}

// attr is the value of the attribute with this local name ("" if none):
// prefixes differ between writers (r:id, x:r), names do not.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// skip reads past the end of the element whose start was just read.
func skip(d *xml.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := d.RawToken()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// count reads a repeat or span count: at least 1, at most limit (larger
// counts change nothing a reader can store).
func count(s string, limit int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, limit)
}
