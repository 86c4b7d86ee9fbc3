package records

// Spreadsheets (Excel, LibreOffice, Google Sheets) run a CSV cell that
// starts with =, +, -, @, a tab or a carriage return as a formula: an input
// field copied into a CSV that an analyst opens could run code or leak data
// (CSV injection). Every CSV kinlink writes passes its cells through
// SpreadsheetSafe, which puts a ' before such a cell: spreadsheets show the
// text as written, and FromSpreadsheetSafe recovers the original.

// SpreadsheetSafe returns s, with a leading ' when a spreadsheet would read
// it as a formula.
func SpreadsheetSafe(s string) string {
	if s != "" && isFormulaStart(s[0]) {
		return "'" + s
	}
	return s
}

// FromSpreadsheetSafe undoes SpreadsheetSafe: it drops a ' that stands
// before a formula character.
func FromSpreadsheetSafe(s string) string {
	if len(s) >= 2 && s[0] == '\'' && isFormulaStart(s[1]) {
		return s[1:]
	}
	return s
}

func isFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
