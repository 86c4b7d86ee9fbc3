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
	"golang.org/x/text/transform"
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
	line    int64 // line of the last row read
	columns int   // the file's own columns (the header may add partition columns)
	// encoding names the encoding the text was read in when it is not
	// UTF-8 (see encoding.go).
	encoding string
}

// OpenCSV opens a delimited file. The delimiter is found in the header
// row: whichever of comma, semicolon, tab and vertical bar it holds most
// of, outside quotes (a .tsv or .tab name means tab). A file that starts
// with the gzip or zstd mark is decompressed on the fly, whatever its
// name. A UTF-8 byte-order mark is skipped. The header row is read and the
// columns resolved before OpenCSV returns. Text that is not UTF-8 is read
// in the encoding that decodes its start cleanly into the most kana,
// kanji or Hangul (Shift_JIS, EUC-JP, EUC-KR), and UTF-16 by its
// byte-order mark (see encoding.go).
func OpenCSV(path string, cm ColumnMap) (Reader, error) {
	return openCSVPartitioned(path, cm, nil, nil)
}

// openCSVPartitioned is OpenCSV with Hive partition columns: fixedNames
// are columns that follow the file's own, holding fixed in every row.
func openCSVPartitioned(path string, cm ColumnMap, fixedNames, fixed []string) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	c := &csvReader{file: path, f: f}
	if st, err := f.Stat(); err == nil {
		c.size = st.Size()
	}
	c.counted.r = f
	raw := bufio.NewReaderSize(&c.counted, 1<<16)
	var src io.Reader = raw
	lower := strings.ToLower(path)
	head, _ := raw.Peek(4)
	switch magicKind(head) {
	case "gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: not a readable gzip file: %w", path, err)
		}
		src = zr
	case "zstd":
		zr, err := zstd.NewReader(raw, zstd.WithDecoderConcurrency(1))
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		c.closers = append(c.closers, zr.Close)
		src = zr
	case "UTF-16 text":
		src = transform.NewReader(raw, utf16Encoding.enc.NewDecoder())
		c.encoding = utf16Encoding.name
	case "parquet":
		f.Close()
		return nil, fmt.Errorf("%s: this is a Parquet file; open it with Open", path)
	}
	lower = strings.TrimSuffix(strings.TrimSuffix(lower, ".gz"), ".zst")
	br := bufio.NewReaderSize(src, 1<<16)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	if c.encoding == "" {
		sample, err := br.Peek(1 << 16)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			c.Close()
			return nil, c.wrap(err)
		}
		if e := detectEncoding(sample); e != nil {
			br = bufio.NewReaderSize(transform.NewReader(br, e.enc.NewDecoder()), 1<<16)
			c.encoding = e.name
		}
	}
	comma := ','
	if strings.HasSuffix(lower, ".tsv") || strings.HasSuffix(lower, ".tab") {
		comma = '\t'
	} else if first, err := br.Peek(1 << 16); len(first) > 0 {
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			c.Close()
			return nil, c.wrap(err)
		}
		comma = sniffDelimiter(first)
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
	c.columns = len(c.header)
	c.header = append(c.header, fixedNames...)
	idx, err := resolveColumns(path, c.header, cm)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("%w\n  (the header was read with %s between columns, giving %d: %s)",
			err, delimiterName(comma), len(c.header), quoteList(c.header, 8))
	}
	c.rows = rowBuilder{file: path, idx: idx, headers: c.header, fixed: fixed, encoding: c.encoding}
	return c, nil
}

// sniffDelimiter picks the delimiter of a file from the start of its text:
// the one of , ; tab | that its first line holds most of outside quotes
// (comma on a tie or when none is found).
func sniffDelimiter(text []byte) rune {
	candidates := []rune{',', ';', '\t', '|'}
	var count [4]int
	quoted := false
	for _, b := range text {
		if b == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if b == '\n' {
			break
		}
		for i, d := range candidates {
			if rune(b) == d {
				count[i]++
			}
		}
	}
	best := 0
	for i := range candidates {
		if count[i] > count[best] {
			best = i
		}
	}
	return candidates[best]
}

func delimiterName(r rune) string {
	switch r {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	case '|':
		return "vertical bars"
	}
	return fmt.Sprintf("%q", r)
}

// quoteList quotes the first n items of list, for messages.
func quoteList(list []string, n int) string {
	var b strings.Builder
	for i, s := range list {
		if i == n {
			fmt.Fprintf(&b, ", ... (%d more)", len(list)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
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
				c.file, pe.Line, len(cells), c.columns)
		}
		return Record{}, c.wrap(err)
	}
	line, _ := c.r.FieldPos(0)
	c.line = int64(line)
	return c.rows.build(int64(line), func(fi int) string { return FromSpreadsheetSafe(cells[c.rows.idx[fi]]) })
}

// wrap names the file, line and column of a parse error, with a hint.
func (c *csvReader) wrap(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
			return fmt.Errorf("%s after line %d: the file ends early or is corrupt (%v): a truncated download or copy?", c.file, c.line, err)
		}
		return fmt.Errorf("%s after line %d: %w", c.file, c.line, err)
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

func (c *csvReader) Columns() string {
	if c.encoding != "" {
		return c.rows.idx.describe(c.header) + "; text in " + c.encoding
	}
	return c.rows.idx.describe(c.header)
}

func (c *csvReader) Close() error {
	for _, f := range c.closers {
		f()
	}
	return c.f.Close()
}
