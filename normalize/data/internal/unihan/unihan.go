// Package unihan reads the files of the Unicode Han Database (Unihan:
// one tab-separated entry a line, "U+5409<TAB>kField<TAB>value"), for
// the generators of normalize's tables.
package unihan

import (
	"bufio"
	"compress/bzip2"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Open opens path, or path.bz2 when path is absent (Debian's unicode-data
// ships the files compressed); a .bz2 file is decompressed as it is read.
func Open(path string) (io.Reader, func() error, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) && !strings.HasSuffix(path, ".bz2") {
		var errBz2 error
		if f, errBz2 = os.Open(path + ".bz2"); errBz2 == nil {
			err = nil
		}
	}
	if err != nil {
		return nil, nil, err // the path asked for, not the .bz2 tried after it
	}
	if strings.HasSuffix(f.Name(), ".bz2") {
		return bzip2.NewReader(f), f.Close, nil
	}
	return f, f.Close, nil
}

// Scan calls fn with each entry of a Unihan file: its code point, field
// and value. It returns the Unicode version the file's header states
// ("?" when it states none). An error names the line.
func Scan(r io.Reader, fn func(cp rune, field, value string) error) (string, error) {
	version := "?"
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if v, ok := strings.CutPrefix(s, "# Unicode version: "); ok {
			version = strings.TrimSpace(v)
		}
		if s == "" || s[0] == '#' {
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) != 3 {
			continue
		}
		cp, err := CodePoint(cols[0])
		if err == nil {
			err = fn(cp, cols[1], cols[2])
		}
		if err != nil {
			return "", fmt.Errorf("line %d: %v", line, err)
		}
	}
	return version, sc.Err()
}

// CodePoint reads "U+5409".
func CodePoint(s string) (rune, error) {
	hex, ok := strings.CutPrefix(s, "U+")
	cp, err := strconv.ParseUint(hex, 16, 32)
	if !ok || err != nil {
		return 0, fmt.Errorf("%q: want a code point (U+ and hexadecimal digits)", s)
	}
	return rune(cp), nil
}
