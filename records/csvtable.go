package records

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadCSVTable reads a small CSV file whose columns are found by name in
// its header (case, spaces and a UTF-8 byte-order mark ignored; the first
// of repeated names wins): truth files, labels, decisions, rejects. It
// fails, naming the file and line 1, when a column of required is absent,
// and calls row for every row after the header. An error from row stops
// the reading and is returned.
func ReadCSVTable(path string, required []string, row func(r *CSVRow) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return fmt.Errorf("%s: empty file, expected a header with %s", path, strings.Join(required, ", "))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, ok := col[h]; !ok {
			col[h] = i
		}
	}
	for _, need := range required {
		if _, ok := col[need]; !ok {
			return fmt.Errorf("%s line 1: no column %s", path, need)
		}
	}
	cr := &CSVRow{col: col}
	for {
		cr.cells, err = r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		cr.Line, _ = r.FieldPos(0)
		if err := row(cr); err != nil {
			return err
		}
	}
}

// CSVRow is one row of a table ReadCSVTable reads. It is reused from row
// to row.
type CSVRow struct {
	Line  int // the row's line in the file (the header is line 1)
	col   map[string]int
	cells []string
}

// Get returns the named column's value, trimmed and with SpreadsheetSafe
// undone; "" for a column the file lacks.
func (r *CSVRow) Get(name string) string {
	if i, ok := r.col[name]; ok && i < len(r.cells) {
		return FromSpreadsheetSafe(strings.TrimSpace(r.cells[i]))
	}
	return ""
}

// Has reports whether the file has the named column.
func (r *CSVRow) Has(name string) bool {
	_, ok := r.col[name]
	return ok
}
