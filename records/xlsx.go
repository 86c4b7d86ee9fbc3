package records

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Excel workbooks.
//
// Tracing services keep their lists of people sought in Excel. A
// workbook (.xlsx, .xlsm) is read as delimited text is: its first
// worksheet, the first row that holds anything its header, then a record
// a row (rows that hold nothing are skipped, as blank lines of text are).
// Cells are read as Excel shows them, so a date of birth formatted as a
// date reads as that date. The row numbers in messages are the sheet's.

// xlsxReader reads the records of a workbook's first worksheet.
type xlsxReader struct {
	file    string
	wb      *excelize.File
	rows    *excelize.Rows
	sheet   string
	header  []string
	build   rowBuilder
	line    int64 // the sheet's row number of the last row read
	size    int64
	done    bool
	columns int
}

// openXLSX opens the first worksheet of workbook path; fixedNames and
// fixed are Hive partition columns, as for delimited text.
func openXLSX(path string, cm ColumnMap, size int64, fixedNames, fixed []string) (r Reader, err error) {
	defer recoverWorkbook(path, &err)
	wb, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: not a workbook kinlink can read (%v): save it as .xlsx or CSV", path, err)
	}
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		wb.Close()
		return nil, fmt.Errorf("%s: the workbook has no worksheet", path)
	}
	x := &xlsxReader{file: path, wb: wb, sheet: sheets[0], size: size}
	if x.rows, err = wb.Rows(x.sheet); err != nil {
		wb.Close()
		return nil, fmt.Errorf("%s, sheet %q: %v", path, x.sheet, err)
	}
	header, err := x.next()
	if err != nil {
		x.Close()
		return nil, err
	}
	if header == nil {
		x.Close()
		return nil, fmt.Errorf("%s, sheet %q: empty sheet, expected a header row", path, x.sheet)
	}
	for _, h := range header {
		x.header = append(x.header, strings.TrimSpace(h))
	}
	x.columns = len(x.header)
	x.header = append(x.header, fixedNames...)
	idx, err := resolveColumns(path, x.header, cm)
	if err != nil {
		x.Close()
		return nil, fmt.Errorf("%w\n  (the header is row %d of sheet %q: %s)", err, x.line, x.sheet, quoteList(x.header, 8))
	}
	x.build = rowBuilder{file: path, idx: idx, headers: x.header, fixed: fixed}
	return x, nil
}

// next returns the cells of the next row that holds anything, or nil at
// the end of the sheet.
func (x *xlsxReader) next() (cells []string, err error) {
	defer recoverWorkbook(x.file, &err)
	for x.rows.Next() {
		x.line++
		cells, err = x.rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%s, sheet %q, row %d: %v", x.file, x.sheet, x.line, err)
		}
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				return cells, nil
			}
		}
	}
	if err := x.rows.Error(); err != nil {
		return nil, fmt.Errorf("%s, sheet %q, after row %d: %v", x.file, x.sheet, x.line, err)
	}
	x.done = true
	return nil, nil
}

func (x *xlsxReader) Read() (Record, error) {
	cells, err := x.next()
	if err != nil {
		return Record{}, err
	}
	if cells == nil {
		return Record{}, io.EOF
	}
	if i := x.build.idx[4]; i >= 0 && i < len(cells) && !allDigits(cells[i]) {
		cells[i] = x.date(i, cells[i])
	}
	return x.build.build(x.line, func(fi int) string {
		if i := x.build.idx[fi]; i < len(cells) {
			return FromSpreadsheetSafe(cells[i])
		}
		return "" // Excel leaves a row's empty last cells out
	})
}

// date is a birth date cell of column col in the current row as
// yyyy-mm-dd when Excel holds it as a date (a serial number of days),
// whatever format shows it (03-02-35 hides the century), else shown.
func (x *xlsxReader) date(col int, shown string) string {
	name, err := excelize.CoordinatesToCellName(col+1, int(x.line))
	if err != nil {
		return shown
	}
	raw, err := x.wb.GetCellValue(x.sheet, name, excelize.Options{RawCellValue: true})
	if err != nil {
		return shown
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial <= 2100 || serial >= 80000 { // a year, or no date of the years read (1905–2119)
		return shown
	}
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return shown
	}
	return t.Format("2006-01-02")
}

func (x *xlsxReader) Columns() string {
	return x.build.idx.describe(x.header) + "; sheet " + x.sheet
}

// Progress is coarse: a workbook is compressed, its rows' bytes unknown
// until read; it counts the file whole when the sheet is read.
func (x *xlsxReader) Progress() (done, total int64) {
	if x.done {
		return x.size, x.size
	}
	return 0, x.size
}

func (x *xlsxReader) Close() error {
	if x.rows != nil {
		x.rows.Close()
	}
	return x.wb.Close()
}

// recoverWorkbook turns a panic of the workbook library on a damaged
// file into an error naming the file: bad input is never a crash.
func recoverWorkbook(path string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: a damaged workbook (%v): save it again from Excel, or as CSV", path, p)
	}
}
