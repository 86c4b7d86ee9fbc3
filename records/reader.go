package records

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// RowError says why one input row cannot be used. Readers return it for a row
// and carry on with the next; the row belongs in the rejects file.
type RowError struct {
	File   string
	Line   int64  // 1-based line of a CSV file (the header is line 1), or row number of a Parquet file
	Column string // the input column at fault, "" for the whole row
	ID     string // the row's id when it could be read
	Reason string
	// Warning is true for a row that was kept although part of it could
	// not be read (see Record.Warning).
	Warning bool
}

// Severity is "warning" for a row kept with a warning, "rejected" for a row
// left out.
func (e *RowError) Severity() string {
	if e.Warning {
		return "warning"
	}
	return "rejected"
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("%s line %d, column %s: %s", e.File, e.Line, e.Column, e.Reason)
	}
	return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Reason)
}

// Reader reads records one at a time. Read returns io.EOF after the last
// record, a *RowError for a row that cannot be used (the reader stays usable),
// and any other error for a file that cannot be read further.
type Reader interface {
	Read() (Record, error)
	// Columns describes which input column feeds each field.
	Columns() string
	// Progress tells how far the reading has gone, in units of the file
	// (bytes of a CSV file, rows of a Parquet file): done of total.
	Progress() (done, total int64)
	Close() error
}

// Open opens a file of records: Parquet, or delimited text (CSV, TSV,
// semicolon- or bar-separated), optionally gzip or zstd compressed, with
// columns detected from the header or named in cm. The format is told by
// the file's first bytes, not its name: a Parquet file named .csv is read
// as Parquet, a gzip file named .csv is decompressed. A file named
// .parquet that is not Parquet is an error that says what it looks like.
func Open(path string, cm ColumnMap) (Reader, error) {
	return OpenSet([]string{path}, "", cm, Shard{})
}

// openFile opens one file of records as Open describes, without the id
// check; fixedNames and fixed are Hive partition columns and their values,
// and groups, for Parquet, the row groups to read (nil: all).
func openFile(path string, cm ColumnMap, groups []int, fixedNames, fixed []string) (Reader, error) {
	kind, err := sniff(path)
	if err != nil {
		return nil, err
	}
	switch {
	case kind == "parquet":
		return openParquetGroups(path, cm, groups, fixedNames, fixed)
	case strings.EqualFold(filepath.Ext(path), ".parquet"):
		return nil, fmt.Errorf("%s: not a Parquet file (no PAR1 mark at its start; it looks like %s)", path, kind)
	case kind == "zip":
		var size int64
		if st, err := os.Stat(path); err == nil {
			size = st.Size()
		}
		return openXLSX(path, cm, size, fixedNames, fixed)
	}
	return openCSVPartitioned(path, cm, fixedNames, fixed)
}

// ReadAll reads every record of r. Row errors (with a reader from Open,
// rows whose id repeats an earlier row's among them) and the warnings of
// kept rows are passed to reject,
// which may stop the reading by returning an error.
func ReadAll(r Reader, reject func(*RowError) error) ([]Record, error) {
	var out []Record
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		var re *RowError
		if errors.As(err, &re) {
			if err := reject(re); err != nil {
				return out, err
			}
			continue
		}
		if err != nil {
			return out, err
		}
		if rec.Warning != nil {
			if err := reject(rec.Warning); err != nil {
				return out, err
			}
		}
		out = append(out, rec)
	}
}

// rowBuilder turns the cells of one row into a Record, checking each value.
type rowBuilder struct {
	file    string
	idx     columnIndex
	headers []string // input column names, for messages
	// fixed holds the values of the Hive partition columns, which follow
	// the file's own columns in headers: column len(headers)-len(fixed)+i
	// holds fixed[i] in every row.
	fixed []string
	// encoding names the encoding the text was decoded from, when it was
	// not UTF-8: a field holding U+FFFD then held bytes that encoding
	// does not have (the decoder put the mark in their place).
	encoding string
}

// fixedCell returns the value of column col when it is a partition column.
func (b *rowBuilder) fixedCell(col int) (string, bool) {
	i := col - (len(b.headers) - len(b.fixed))
	if i < 0 || len(b.fixed) == 0 {
		return "", false
	}
	return b.fixed[i], true
}

// maxField is the longest value accepted in any field; a longer one is a
// broken row (a runaway quote, a binary blob), not a name.
const maxField = 4096

// build makes a record from cell(fi), the text of field fi (an index into
// Fields) in the row; cell is only called for fields the file has.
func (b *rowBuilder) build(line int64, cell func(fi int) string) (Record, error) {
	var v [len(columnIndex{})]string
	rec := Record{Line: line}
	fail := func(fi int, reason string) (Record, error) {
		col := ""
		if fi >= 0 {
			col = b.headers[b.idx[fi]]
		}
		return Record{}, &RowError{File: b.file, Line: line, Column: col, ID: rec.ID, Reason: reason}
	}
	// The id first (field 0), so that a row rejected for another field is
	// named by it.
	for fi, col := range b.idx {
		if col < 0 {
			continue
		}
		s, ok := b.fixedCell(col)
		if !ok {
			s = cell(fi)
		}
		switch {
		case len(s) > maxField:
			return fail(fi, fmt.Sprintf("field of %d bytes (longest accepted: %d)", len(s), maxField))
		case !utf8.ValidString(s):
			return fail(fi, "invalid UTF-8")
		case b.encoding != "" && strings.ContainsRune(s, utf8.RuneError):
			return fail(fi, "bytes that are not "+b.encoding+" text (the file was read in "+b.encoding+")")
		case strings.IndexByte(s, 0) >= 0:
			return fail(fi, "NUL byte in field")
		}
		v[fi] = strings.TrimSpace(s)
		if fi == 0 {
			rec.ID = v[0]
		}
	}
	rec.FamilyName, rec.GivenName, rec.FullName = v[1], v[2], v[3]
	rec.BirthPlace, rec.AltNames = v[6], v[7]
	rec.FamilyNameKana, rec.GivenNameKana, rec.FullNameKana = v[9], v[10], v[11]
	if rec.ID == "" {
		return fail(0, "empty id")
	}
	if rec.FamilyName == "" && rec.GivenName == "" && rec.FullName == "" &&
		rec.FamilyNameKana == "" && rec.GivenNameKana == "" && rec.FullNameKana == "" {
		return fail(-1, "no name in any name column")
	}
	// Recall first: a birth year that cannot be read leaves the person
	// with the year unknown, and a warning.
	by, ok := ParseBirthYear(v[4])
	switch {
	case !ok:
		rec.Warning = &RowError{File: b.file, Line: line, Column: b.headers[b.idx[4]], ID: rec.ID, Warning: true,
			Reason: fmt.Sprintf("cannot read a birth year in %q; the row is kept with the year unknown", v[4])}
	case by.Note != "":
		rec.Warning = &RowError{File: b.file, Line: line, Column: b.headers[b.idx[4]], ID: rec.ID, Warning: true, Reason: by.Note}
	}
	rec.BirthYear, rec.BirthYearSpan = by.Year, by.Span
	rec.Sex = ParseSex(v[5])
	switch o := strings.ToLower(v[8]); o {
	case "", "auto":
	case "ja", "jp", "jpn", "japanese":
		rec.Origin = "ja"
	case "ko", "kr", "kor", "korean":
		rec.Origin = "ko"
	default:
		return fail(8, fmt.Sprintf("unknown origin %q (want ja, ko or empty)", v[8]))
	}
	return rec, nil
}

// ParseSex folds the usual spellings to "M", "F" or "" (unknown). Values it
// does not recognise are unknown, not an error: sex only adds evidence.
func ParseSex(s string) string {
	switch s { // the usual values, without a lower-case copy
	case "M", "F", "":
		return s
	case "m":
		return "M"
	case "f":
		return "F"
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "m", "male", "man", "男", "남", "1":
		return "M"
	case "f", "female", "woman", "w", "女", "여", "2":
		return "F"
	}
	return ""
}

// SliceReader serves records held in memory as a Reader, for generated
// data, benchmarks and tests.
type SliceReader struct {
	recs []Record
	i    int
}

// NewSliceReader returns a Reader over recs.
func NewSliceReader(recs []Record) *SliceReader { return &SliceReader{recs: recs} }

func (s *SliceReader) Read() (Record, error) {
	if s.i == len(s.recs) {
		return Record{}, io.EOF
	}
	s.i++
	return s.recs[s.i-1], nil
}

func (s *SliceReader) Columns() string { return "" }

func (s *SliceReader) Progress() (done, total int64) { return int64(s.i), int64(len(s.recs)) }

func (s *SliceReader) Close() error { return nil }

// sniff tells a file's format by its first bytes: "parquet", "gzip",
// "zstd", "UTF-16 text", "zip" (an Excel workbook is one) or "text".
func sniff(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var head [4]byte
	n, err := io.ReadFull(f, head[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return magicKind(head[:n]), nil
}

func magicKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("PAR1")):
		return "parquet"
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return "gzip"
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return "zstd"
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return "UTF-16 text"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "zip"
	}
	return "text"
}
