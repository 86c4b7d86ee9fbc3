package records

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"
)

// csvReader reads records from a CSV or TSV file with a header row.
type csvReader struct {
	file    string
	f       *os.File
	size    int64
	counted countingReader
	closers []func()
	r       *csv.Reader
	header  []string
	rows    rowBuilder
}

// OpenCSV opens a delimited file: comma-separated, or tab-separated when the
// name ends in .tsv or the header holds tabs and no commas. Names ending in
// .gz or .zst are decompressed on the fly. The header row is read and the
// columns resolved before OpenCSV returns.
func OpenCSV(path string, cm ColumnMap) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	c := &csvReader{file: path, f: f}
	if st, err := f.Stat(); err == nil {
		c.size = st.Size()
	}
	c.counted.r = f
	var src io.Reader = &c.counted
	lower := strings.ToLower(path)
	switch {
	case strings.HasSuffix(lower, ".gz"):
		zr, err := gzip.NewReader(bufio.NewReaderSize(src, 1<<16))
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
		}
		src = zr
		lower = strings.TrimSuffix(lower, ".gz")
	case strings.HasSuffix(lower, ".zst"):
		zr, err := zstd.NewReader(bufio.NewReaderSize(src, 1<<16), zstd.WithDecoderConcurrency(1))
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		c.closers = append(c.closers, zr.Close)
		src = zr
		lower = strings.TrimSuffix(lower, ".zst")
	}
	br := bufio.NewReaderSize(src, 1<<16)
	comma := ','
	if strings.HasSuffix(lower, ".tsv") || strings.HasSuffix(lower, ".tab") {
		comma = '\t'
	} else if first, _ := br.Peek(4096); len(first) > 0 {
		line, _, _ := strings.Cut(string(first), "\n")
		if strings.Contains(line, "\t") && !strings.Contains(line, ",") {
			comma = '\t'
		}
	}
	c.r = csv.NewReader(br)
	c.r.Comma = comma
	c.r.ReuseRecord = true
	header, err := c.r.Read()
	if err == io.EOF {
		c.Close()
		return nil, fmt.Errorf("%s: empty file, expected a header row", path)
	}
	if err != nil {
		c.Close()
		return nil, c.wrap(err)
	}
	c.header = append([]string(nil), header...)
	for i, h := range c.header {
		c.header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	idx, err := resolveColumns(path, c.header, cm)
	if err != nil {
		c.Close()
		return nil, err
	}
	c.rows = rowBuilder{file: path, idx: idx, headers: c.header}
	return c, nil
}

func (c *csvReader) Read() (Record, error) {
	cells, err := c.r.Read()
	if err != nil {
		if err == io.EOF {
			return Record{}, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			return Record{}, fmt.Errorf("%s line %d: %d fields, but the header has %d columns (check the delimiter and quoting)",
				c.file, pe.Line, len(cells), len(c.header))
		}
		return Record{}, c.wrap(err)
	}
	line, _ := c.r.FieldPos(0)
	return c.rows.build(int64(line), func(fi int) string { return FromSpreadsheetSafe(cells[c.rows.idx[fi]]) })
}

// wrap names the file, line and column of a parse error, with a hint.
func (c *csvReader) wrap(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", c.file, err)
	}
	hint := ""
	if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
		hint = " (a quote is unbalanced; fields holding quotes must be quoted and the quotes doubled)"
	}
	if pe.StartLine != pe.Line {
		return fmt.Errorf("%s line %d: the row starting there runs to line %d, column %d: %v%s",
			c.file, pe.StartLine, pe.Line, pe.Column, pe.Err, hint)
	}
	return fmt.Errorf("%s line %d, column %d: %v%s", c.file, pe.Line, pe.Column, pe.Err, hint)
}

func (c *csvReader) Progress() (done, total int64) { return c.counted.n.Load(), c.size }

// countingReader counts the bytes read through it; the count may be read
// from another goroutine.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *csvReader) Columns() string { return c.rows.idx.describe(c.header) }

func (c *csvReader) Close() error {
	for _, f := range c.closers {
		f()
	}
	return c.f.Close()
}
