package records

// Spreadsheets (Excel, LibreOffice, Google Sheets) run a CSV cell that
// starts with =, +, -, @, a tab or a carriage return as a formula: an input
// field copied into a CSV that an analyst opens could run code or leak data
// (CSV injection). Every CSV kinlink writes passes its cells through
// SpreadsheetSafe, which puts a ' before such a cell: spreadsheets show the
// text as written, and FromSpreadsheetSafe recovers the original.

// SpreadsheetSafe returns s, with a leading ' when a spreadsheet would read
// it as a formula. A cell that already starts with quotes before a formula
// character gets one more, so that FromSpreadsheetSafe gives it back as it
// was ("'=x" is written "”=x").
func SpreadsheetSafe(s string) string {
	if formulaAfterQuotes(s) {
		return "'" + s
	}
	return s
}

// FromSpreadsheetSafe undoes SpreadsheetSafe: it drops the first of the
// quotes that stand before a formula character. For every s,
// FromSpreadsheetSafe(SpreadsheetSafe(s)) == s.
func FromSpreadsheetSafe(s string) string {
	if len(s) >= 2 && s[0] == '\'' && formulaAfterQuotes(s) {
		return s[1:]
	}
	return s
}

// formulaAfterQuotes reports whether s, past any leading quotes, starts
// with a character that makes a spreadsheet read a formula.
func formulaAfterQuotes(s string) bool {
	i := 0
	for i < len(s) && s[i] == '\'' {
		i++
	}
	return i < len(s) && isFormulaStart(s[i])
}

func isFormulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
