package records

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadCSV feeds arbitrary bytes to the CSV reader: it must return
// records, row errors or an error, never panic or loop, and every row it
// reports must name the file.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"id,family_name,given_name\nM1,Kim,Ho\n",
		"id,full_name,birth_year\n1,\"Ri, Ho \"\"Rim\"\"\",1934\n2,x,19x4\n",
		"id\tsurname\n1\tKim\n",
		"id,name\n1,\"unbalanced\n",
		"id,name\n1,a\"b\n",
		"\ufeffid,name\r\n1,\xff\r\n",
		"id,name\n1,a\x00b\n",
		"id,name,extra\n1,a\n",
		"",
		"\n\n\n",
		"id,id,name\n1,2,3\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := OpenCSV(p, nil)
		if err != nil {
			return
		}
		defer r.Close()
		for i := 0; i <= len(data)+1; i++ {
			_, err := r.Read()
			if err == io.EOF {
				return
			}
			var re *RowError
			if errors.As(err, &re) {
				if re.File != p || re.Line < 2 {
					t.Fatalf("row error without a place: %v", re)
				}
				continue
			}
			if err != nil {
				return
			}
		}
		t.Fatalf("more rows than bytes: the reader does not advance")
	})
}

// FuzzReadParquet feeds arbitrary bytes, seeded with valid files, to the
// Parquet reader: an error is fine, a panic is not.
func FuzzReadParquet(f *testing.F) {
	dir := f.TempDir()
	for i, n := range []int{0, 1, 50} {
		rows := make([]inRow, n)
		for j := range rows {
			rows[j] = inRow{ID: int64(j), Surname: "Kim"}
		}
		p := writeParquetTo(f, filepath.Join(dir, "seed"+string(rune('a'+i))+".parquet"), rows)
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.parquet")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := OpenParquet(p, nil)
		if err != nil {
			return
		}
		defer r.Close()
		for i := 0; i < 10_000; i++ {
			if _, err := r.Read(); err != nil {
				var re *RowError
				if !errors.As(err, &re) {
					return
				}
			}
		}
	})
}

// FuzzParseBirthYear: any cell either reads as a plausible year or range,
// or is refused; it never panics.
func FuzzParseBirthYear(f *testing.F) {
	for _, s := range []string{"1934", "昭和七年", "S7.5.1", "단기 4267", "193?", "19xx", "1930-35", "c. 1930", "01/05/32", "二十三", "令和元年", "1934年5月1日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		by, ok := ParseBirthYear(s)
		if !ok {
			return
		}
		if by.Year != 0 && (by.Year < 1800 || by.Year > 2100) || by.Span < 0 || by.Span > 100 {
			t.Fatalf("ParseBirthYear(%q) = %+v", s, by)
		}
	})
}
