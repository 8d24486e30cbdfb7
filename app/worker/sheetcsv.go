//go:build js && wasm && csvonly

package worker

import "picmark/internal/sheet"

// parseSheet reads CSV and TSV only; a workbook gets sheet.CodeWorkbook,
// which says how to save it as CSV (see sheetbook.go).
func parseSheet(name string, data []byte, opt sheet.Options) (*sheet.Sheet, error) {
	return sheet.ReadText(name, data, opt)
}
