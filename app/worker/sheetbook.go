//go:build js && wasm && !csvonly

package worker

import (
	"picmark/internal/sheet"
	"picmark/internal/workbook"
)

// parseSheet reads CSV, TSV, XLSX and ODS: workbooks cost app.wasm 76 KB
// brotli'd (measured). Built with -tags csvonly, the page reads CSV and
// TSV only and asks for a workbook saved as CSV (sheetcsv.go).
func parseSheet(name string, data []byte, opt sheet.Options) (*sheet.Sheet, error) {
	return workbook.Read(name, data, opt)
}
