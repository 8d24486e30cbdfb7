//go:build js && wasm && !pageworkbook

package worker

import "picmark/internal/sheet"

// parseSheet reads CSV and TSV only: the page's default, to keep the first
// visit under its budget (see sheetbook.go). A workbook gets
// sheet.CodeWorkbook, which says how to save it as CSV UTF-8.
func parseSheet(name string, data []byte, opt sheet.Options) (*sheet.Sheet, error) {
	return sheet.ReadText(name, data, opt)
}
