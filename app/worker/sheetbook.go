//go:build js && wasm && pageworkbook

package worker

import (
	"picmark/internal/sheet"
	"picmark/internal/workbook"
)

// parseSheet reads CSV, TSV, XLSX and ODS when built with -tags
// pageworkbook. Workbooks cost app.wasm 72 KB brotli'd (measured), and a
// first visit downloads it whole: with them it was 2,493,742 bytes of the
// 2,500,000 budget. So the page reads CSV and TSV only by default
// (sheetcsv.go), and the command line reads every sheet.
func parseSheet(name string, data []byte, opt sheet.Options) (*sheet.Sheet, error) {
	return workbook.Read(name, data, opt)
}
