package records

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// Corrupt Parquet metadata. parquet-go trusts the lengths it reads: a list
// of the footer claiming two billion entries, or a page header claiming a
// 2 GB page, is allocated before anything is checked (fuzzing found a
// 1.5 KB file that made it allocate 1.8 GB). Where the allocation fails,
// Go stops the process, which no recover can catch. So the footer and the
// page headers of the columns read are walked first, by a reader that
// allocates nothing and checks every length against the bytes that hold
// it, and the pages' sizes against their column chunk.

// errThriftTruncated reports a thrift value running past its bytes.
var errThriftTruncated = errors.New("metadata runs past its end")

// thriftWalker walks values of the thrift compact protocol in b.
type thriftWalker struct {
	b     []byte
	off   int
	depth int
}

// maxThriftDepth bounds nested structures, so that a corrupt file cannot
// recurse without end. Parquet's metadata nests a few levels deep.
const maxThriftDepth = 32

func (w *thriftWalker) byte() (byte, error) {
	if w.off >= len(w.b) {
		return 0, errThriftTruncated
	}
	c := w.b[w.off]
	w.off++
	return c, nil
}

func (w *thriftWalker) varint() (uint64, error) {
	v, n := binary.Uvarint(w.b[w.off:])
	if n <= 0 {
		return 0, errThriftTruncated
	}
	w.off += n
	return v, nil
}

// skipBytes skips n bytes, which must be there.
func (w *thriftWalker) skipBytes(n uint64) error {
	if n > uint64(len(w.b)-w.off) {
		return errThriftTruncated
	}
	w.off += int(n)
	return nil
}

// Compact protocol types.
const (
	ctTrue   = 1
	ctFalse  = 2
	ctByte   = 3
	ctI16    = 4
	ctI32    = 5
	ctI64    = 6
	ctDouble = 7
	ctBinary = 8
	ctList   = 9
	ctSet    = 10
	ctMap    = 11
	ctStruct = 12
)

// skip walks one value of type t.
func (w *thriftWalker) skip(t byte) error {
	switch t {
	case ctTrue, ctFalse, ctByte:
		if t == ctByte {
			_, err := w.byte()
			return err
		}
		return nil
	case ctI16, ctI32, ctI64:
		_, err := w.varint()
		return err
	case ctDouble:
		return w.skipBytes(8)
	case ctBinary:
		n, err := w.varint()
		if err != nil {
			return err
		}
		return w.skipBytes(n)
	case ctList, ctSet:
		h, err := w.byte()
		if err != nil {
			return err
		}
		n, elem := uint64(h>>4), h&15
		if n == 15 {
			if n, err = w.varint(); err != nil {
				return err
			}
		}
		return w.skipN(n, elem, 0)
	case ctMap:
		n, err := w.varint()
		if err != nil || n == 0 {
			return err
		}
		kv, err := w.byte()
		if err != nil {
			return err
		}
		return w.skipN(n, kv>>4, kv&15)
	case ctStruct:
		return w.skipStruct()
	}
	return fmt.Errorf("unknown thrift type %d in metadata", t)
}

// skipN walks n values of type a (and, for a map, as many of type b),
// after checking that the bytes left could hold them: every value takes
// at least one byte, but for booleans in a list, which take one each too.
func (w *thriftWalker) skipN(n uint64, a, b byte) error {
	if n > uint64(len(w.b)-w.off) {
		return errThriftTruncated
	}
	for range n {
		if a == ctTrue || a == ctFalse {
			if _, err := w.byte(); err != nil {
				return err
			}
		} else if err := w.skip(a); err != nil {
			return err
		}
		if b != 0 {
			if err := w.skip(b); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *thriftWalker) skipStruct() error {
	if w.depth++; w.depth > maxThriftDepth {
		return errors.New("metadata nested too deep")
	}
	defer func() { w.depth-- }()
	for {
		h, err := w.byte()
		if err != nil {
			return err
		}
		if h == 0 {
			return nil // stop
		}
		if h>>4 == 0 { // the field id follows in full
			if _, err := w.varint(); err != nil {
				return err
			}
		}
		if err := w.skip(h & 15); err != nil {
			return err
		}
	}
}

// checkThriftStruct checks that b starts with a well-formed thrift struct
// whose lengths all fit, and returns its length.
func checkThriftStruct(b []byte) (int, error) {
	w := thriftWalker{b: b}
	if err := w.skipStruct(); err != nil {
		return 0, err
	}
	return w.off, nil
}

// Page sizes: a page header's uncompressed size may be at most this much
// above 1,024 times its compressed size (more than any codec achieves on
// names), and never above maxPageBytes.
const (
	pageSlack    = 64 << 20
	maxPageBytes = 1 << 30
)

// checkParquetPages walks the page headers of the given leaf columns in
// every row group of pf (a file of size bytes) and checks each page's
// sizes against its column chunk before parquet-go reads it.
func checkParquetPages(f *os.File, size int64, pf *parquet.File, leaves []int) error {
	var buf []byte
	for g, rg := range pf.Metadata().RowGroups {
		for _, leaf := range leaves {
			if leaf < 0 || leaf >= len(rg.Columns) {
				continue
			}
			md := &rg.Columns[leaf].MetaData
			start := md.DataPageOffset
			if md.DictionaryPageOffset > 0 && md.DictionaryPageOffset < start {
				start = md.DictionaryPageOffset
			}
			end := start + md.TotalCompressedSize
			if start < 4 || md.TotalCompressedSize < 0 || end > size-8 || end < start {
				return fmt.Errorf("row group %d, column %s: its pages lie outside the file (%d+%d of %d bytes)",
					g, md.PathInSchema, start, md.TotalCompressedSize, size)
			}
			for pos := start; pos < end; {
				var h format.PageHeader
				n, err := readPageHeader(f, pos, end, &buf, &h)
				if err != nil {
					return fmt.Errorf("row group %d, column %s, page at byte %d: %w", g, md.PathInSchema, pos, err)
				}
				if err := checkPageSizes(&h, end-pos-int64(n), md.NumValues); err != nil {
					return fmt.Errorf("row group %d, column %s, page at byte %d: %w", g, md.PathInSchema, pos, err)
				}
				pos += int64(n) + int64(h.CompressedPageSize)
			}
		}
	}
	return nil
}

// readPageHeader reads the page header at pos (before end) into h and
// returns its length, having checked its lengths first.
func readPageHeader(f *os.File, pos, end int64, buf *[]byte, h *format.PageHeader) (int, error) {
	for window := int64(4 << 10); ; window *= 16 {
		window = min(window, end-pos)
		if int64(cap(*buf)) < window {
			*buf = make([]byte, window)
		}
		b := (*buf)[:window]
		if _, err := f.ReadAt(b, pos); err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		n, err := checkThriftStruct(b)
		if errors.Is(err, errThriftTruncated) && window < end-pos && window < 16<<20 {
			continue // a header longer than the window (large statistics)
		}
		if err != nil {
			return 0, fmt.Errorf("corrupt page header: %w", err)
		}
		if err := thrift.NewDecoder((&thrift.CompactProtocol{}).NewReaderFromBytes(b[:n])).Decode(h); err != nil {
			return 0, fmt.Errorf("corrupt page header: %w", err)
		}
		return n, nil
	}
}

// checkPageSizes checks a page header's sizes: the page must fit in the
// left bytes of its column chunk, claim a plausible uncompressed size,
// and hold no more values than the chunk.
func checkPageSizes(h *format.PageHeader, left, chunkValues int64) error {
	c, u := int64(h.CompressedPageSize), int64(h.UncompressedPageSize)
	switch {
	case c < 0 || c > left:
		return fmt.Errorf("a page of %d bytes in the %d bytes left of its column chunk", c, left)
	case u < 0 || u > maxPageBytes || u > pageSlack+1024*c:
		return fmt.Errorf("a page of %d bytes claims %d bytes uncompressed", c, u)
	}
	var values int64
	switch {
	case h.DataPageHeader.Valid:
		values = int64(h.DataPageHeader.V.NumValues)
	case h.DataPageHeaderV2.Valid:
		values = int64(h.DataPageHeaderV2.V.NumValues)
	case h.DictionaryPageHeader.Valid:
		values = int64(h.DictionaryPageHeader.V.NumValues)
		chunkValues = 8*u + 8 // a dictionary's values are in its bytes
	}
	if values < 0 || values > chunkValues {
		return fmt.Errorf("a page claims %d values, its column chunk %d", values, chunkValues)
	}
	return nil
}
