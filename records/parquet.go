package records

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// parquetBatch is how many rows are read from each column at a time.
const parquetBatch = 1024

// parquetReader streams records from a Parquet file row group by row group,
// reading only the columns it needs, in lockstep.
type parquetReader struct {
	file    string
	f       *os.File
	pf      *parquet.File
	leaf    [len(columnIndex{})]int // leaf column index per field, -1 if absent
	kinds   [len(columnIndex{})]columnKind
	rows    rowBuilder
	header  []string
	groups  []int // the row groups read, in order
	group   int   // next of groups to open
	cur     int   // the row group being read
	total   int64 // rows in groups
	readers [len(columnIndex{})]parquet.ColumnChunkValueReader
	buf     [len(columnIndex{})][]parquet.Value
	cells   [len(columnIndex{})][]string
	n, pos  int          // rows buffered, next buffered row
	row     int64        // row number in the file of the last row returned
	read    int64        // rows returned so far
	done    atomic.Int64 // row, for Progress
}

type columnKind uint8

const (
	kindString columnKind = iota
	kindInt
	kindDate
)

// corruptParquet, deferred, turns a panic of parquet-go (it panics on some
// corrupt files) into an error naming the file. The deferred function must
// call recover itself, which is why it takes the error to set.
func corruptParquet(path string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: corrupt Parquet file (%v)", path, p)
	}
}

// openParquetFile opens path as a Parquet file, reporting a file that
// parquet-go cannot open (or panics on: it does on some truncated files)
// as an error that names it. The caller closes f.
func openParquetFile(path string) (*os.File, *parquet.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	pf, err := openParquetFrom(f, path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, pf, nil
}

func openParquetFrom(f *os.File, path string) (pf *parquet.File, err error) {
	defer corruptParquet(path, &err)
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkParquetFooter(f, st.Size()); err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	pf, err = parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	return pf, nil
}

// checkParquetFooter checks the frame of a Parquet file of size bytes:
// the magic at both ends, a footer that fits between them, and lengths
// within the footer that fit in it (see parquetcheck.go). parquet-go
// trusts the footer's length and allocates it whole, so a corrupt length
// (a flipped top byte) would cost gigabytes before any error.
func checkParquetFooter(f *os.File, size int64) error {
	const magic = "PAR1"
	if size < 12 {
		return fmt.Errorf("%d bytes is too short (truncated?)", size)
	}
	var head [4]byte
	var tail [8]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return err
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return err
	}
	if string(head[:]) != magic || string(tail[4:]) != magic {
		return fmt.Errorf("no PAR1 mark at its start and end (truncated, or not Parquet)")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 {
		return fmt.Errorf("its footer claims %d bytes, more than the %d-byte file holds (truncated or corrupt)", n, size)
	}
	footer := make([]byte, n)
	if _, err := f.ReadAt(footer, size-8-n); err != nil {
		return err
	}
	if _, err := checkThriftStruct(footer); err != nil {
		return fmt.Errorf("corrupt footer: %w", err)
	}
	return nil
}

// OpenParquet opens a Parquet file, resolves its columns from the schema
// (or cm), and checks each column's type before any row is read: names must
// be strings, ids strings or integers, birth years integers, dates or strings.
func OpenParquet(path string, cm ColumnMap) (r Reader, err error) {
	return openParquetGroups(path, cm, nil, nil, nil)
}

// openParquetGroups is OpenParquet reading only the row groups listed
// (nil: all), with Hive partition columns: fixedNames are columns that
// follow the file's own, holding fixed in every row.
func openParquetGroups(path string, cm ColumnMap, groups []int, fixedNames, fixed []string) (r Reader, err error) {
	f, pf, err := openParquetFile(path)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	defer corruptParquet(path, &err)
	pr := &parquetReader{file: path, f: f, pf: pf}
	leaves := map[string]*parquet.Column{}
	for _, c := range pf.Root().Columns() {
		pr.header = append(pr.header, c.Name())
		leaves[c.Name()] = c
	}
	own := len(pr.header)
	pr.header = append(pr.header, fixedNames...)
	idx, err := resolveColumns(path, pr.header, cm)
	if err != nil {
		return nil, err
	}
	pr.rows = rowBuilder{file: path, idx: idx, headers: pr.header, fixed: fixed}
	all := pf.RowGroups()
	if groups == nil {
		for g := range all {
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		if g < 0 || g >= len(all) {
			return nil, fmt.Errorf("%s: no row group %d", path, g)
		}
		pr.total += all[g].NumRows()
	}
	pr.groups = groups
	read := false
	for fi, col := range idx {
		pr.leaf[fi] = -1
		if col < 0 || col >= own { // absent, or a partition column
			continue
		}
		read = true
		c := leaves[pr.header[col]]
		if !c.Leaf() || c.Repeated() {
			return nil, fmt.Errorf("%s: column %s is a nested or repeated column; kinlink reads flat columns", path, c.Name())
		}
		kind, ok := kindOf(c.Type(), Fields[fi])
		if !ok {
			return nil, fmt.Errorf("%s: column %s has type %s, but %s needs %s",
				path, c.Name(), c.Type(), Fields[fi], wantType(Fields[fi]))
		}
		pr.leaf[fi], pr.kinds[fi] = c.Index(), kind
		pr.buf[fi] = make([]parquet.Value, parquetBatch)
		pr.cells[fi] = make([]string, parquetBatch)
	}
	if !read {
		return nil, fmt.Errorf("%s: none of the fields kinlink reads is a column of the file", path)
	}
	if err := checkParquetPages(f, pf.Size(), pf, pr.leaf[:]); err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	return pr, nil
}

func kindOf(t parquet.Type, field string) (columnKind, bool) {
	var logical format.LogicalTypeValue
	if lt := t.LogicalType(); lt != nil {
		logical = lt.Value
	}
	var isString, isInt, isDate bool
	switch logical.(type) {
	case nil:
		isString = t.Kind() == parquet.ByteArray
		isInt = t.Kind() == parquet.Int32 || t.Kind() == parquet.Int64
	case *format.StringType, *format.EnumType, *format.JsonType:
		isString = t.Kind() == parquet.ByteArray
	case *format.IntType:
		isInt = true
	case *format.DateType:
		isDate = true
	}
	switch {
	case isString:
		return kindString, true
	case isInt && (field == FieldID || field == FieldBirthYear):
		return kindInt, true
	case isDate && field == FieldBirthYear:
		return kindDate, true
	}
	return 0, false
}

func wantType(field string) string {
	switch field {
	case FieldID:
		return "a string or integer column"
	case FieldBirthYear:
		return "an integer, date or string column"
	}
	return "a string column"
}

func (p *parquetReader) Read() (rec Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s row %d: corrupt Parquet data (%v)", p.file, p.row+1, r)
		}
	}()
	for p.pos >= p.n {
		if err := p.fill(); err != nil {
			return Record{}, err
		}
	}
	i := p.pos
	p.pos++
	p.row++
	p.read++
	p.done.Store(p.read)
	return p.rows.build(p.row, func(fi int) string { return p.cells[fi][i] })
}

// fill reads the next batch of rows from every needed column.
func (p *parquetReader) fill() error {
	groups := p.pf.RowGroups()
	if p.readers[firstField(p.leaf)] == nil {
		if p.group >= len(p.groups) {
			return io.EOF
		}
		g := p.groups[p.group]
		chunks := groups[g].ColumnChunks()
		for fi, leaf := range p.leaf {
			if leaf >= 0 {
				p.readers[fi] = parquet.NewColumnChunkValueReader(chunks[leaf])
			}
		}
		// Rows are numbered within the file, whichever groups are read.
		p.row = 0
		for _, rg := range groups[:g] {
			p.row += rg.NumRows()
		}
		p.cur = g
		p.group++
	}
	n := -1
	for fi, leaf := range p.leaf {
		if leaf < 0 {
			continue
		}
		k, err := p.readColumn(fi)
		if err != nil {
			return fmt.Errorf("%s row group %d, column %s: %w", p.file, p.cur, p.header[p.rows.idx[fi]], err)
		}
		if n >= 0 && k != n {
			return fmt.Errorf("%s row group %d: columns have different lengths (corrupt file)", p.file, p.cur)
		}
		n = k
	}
	p.n, p.pos = n, 0
	if n == 0 {
		for fi := range p.readers {
			if p.readers[fi] != nil {
				p.readers[fi].Close()
				p.readers[fi] = nil
			}
		}
	}
	return nil
}

func (p *parquetReader) cell(fi int, v parquet.Value) string {
	if v.IsNull() {
		return ""
	}
	switch p.kinds[fi] {
	case kindInt:
		return strconv.FormatInt(v.Int64(), 10)
	case kindDate:
		return strconv.Itoa(time.Unix(int64(v.Int32())*86400, 0).UTC().Year())
	}
	return v.String()
}

// readColumn reads the next values of field fi's column into its cells,
// until they are full or the column chunk ends, and returns how many it
// read. The values are copied into strings as each call to ReadValues
// returns them: a byte array value points into its page, and once the
// page is read through, parquet-go may reuse the page's memory for the
// next one.
func (p *parquetReader) readColumn(fi int) (int, error) {
	r, buf, cells := p.readers[fi], p.buf[fi], p.cells[fi]
	n := 0
	for n < len(buf) {
		k, err := r.ReadValues(buf[n:])
		for i := n; i < n+k; i++ {
			cells[i] = p.cell(fi, buf[i])
		}
		n += k
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func firstField(leaf [len(columnIndex{})]int) int {
	for fi, l := range leaf {
		if l >= 0 {
			return fi
		}
	}
	return 0
}

func (p *parquetReader) Progress() (done, total int64) { return p.done.Load(), p.total }

func (p *parquetReader) Columns() string { return p.rows.idx.describe(p.header) }

func (p *parquetReader) Close() error {
	for _, r := range p.readers {
		if r != nil {
			r.Close()
		}
	}
	return p.f.Close()
}
