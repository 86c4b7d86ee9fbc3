package records

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func gzipped(t *testing.T, text string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(text))
	w.Close()
	return b.String()
}

// TestReadFormatsByContent: the delimiter comes from the header, the
// format and compression from the first bytes, whatever the file's name.
func TestReadFormatsByContent(t *testing.T) {
	const rows = "id,family_name,given_name\nA1,Kim,Ho\nA2,\"O'Neil, Jr\",Ann\n"
	zst := func(text string) string {
		var b bytes.Buffer
		w, _ := zstd.NewWriter(&b)
		w.Write([]byte(text))
		w.Close()
		return b.String()
	}
	cases := []struct{ name, file, content string }{
		{"comma", "a.csv", rows},
		{"BOM and quoted header", "a.csv", "\ufeff\"id\",\"family_name\",\"given_name\"\n\"A1\",\"Kim\",\"Ho\"\nA2,\"O'Neil, Jr\",Ann\n"},
		{"semicolons", "a.csv", "id;family_name;given_name\nA1;Kim;Ho\nA2;O'Neil, Jr;Ann\n"},
		{"semicolons with quoted commas", "a.txt", "\"id\";\"family_name\";\"given_name\"\nA1;Kim;Ho\nA2;\"O'Neil, Jr\";Ann\n"},
		{"tabs in a .csv", "a.csv", "id\tfamily_name\tgiven_name\nA1\tKim\tHo\nA2\tO'Neil, Jr\tAnn\n"},
		{"vertical bars", "a.dat", "id|family_name|given_name\nA1|Kim|Ho\nA2|O'Neil, Jr|Ann\n"},
		{"gzip named .csv", "a.csv", gzipped(t, rows)},
		{"gzip named .gz", "a.csv.gz", gzipped(t, rows)},
		{"zstd named .csv", "a.csv", zst(rows)},
		{"BOM in gzip", "a.gz", gzipped(t, "\ufeff"+rows)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, rejects, err := readAll(t, writeFile(t, c.file, c.content), nil)
			if err != nil || len(rejects) > 0 {
				t.Fatalf("err %v, rejects %v", err, rejects)
			}
			if len(recs) != 2 || recs[0].ID != "A1" || recs[0].FamilyName != "Kim" || recs[1].FamilyName != "O'Neil, Jr" || recs[1].GivenName != "Ann" {
				t.Fatalf("read %+v", recs)
			}
		})
	}
	// A Parquet file named .csv is read as Parquet.
	dir := t.TempDir()
	tw, err := CreateParquetTable(filepath.Join(dir, "people.csv"), false)
	if err != nil {
		t.Fatal(err)
	}
	tw.Record(&Record{ID: "P1", FamilyName: "Sato", GivenName: "Yuki", BirthYear: 1931})
	if err := tw.Commit(); err != nil {
		t.Fatal(err)
	}
	recs, _, err := readAll(t, filepath.Join(dir, "people.csv"), nil)
	if err != nil || len(recs) != 1 || recs[0].FamilyName != "Sato" || recs[0].BirthYear != 1931 {
		t.Fatalf("Parquet named .csv: %+v, %v", recs, err)
	}
}

// TestReadFormatErrorsSayWhatWasFound: errors name the file and say what
// kinlink found, so the user knows what to change.
func TestReadFormatErrorsSayWhatWasFound(t *testing.T) {
	truncated := gzipped(t, "id,family_name\n"+strings.Repeat("A1,Kim\n", 2000))
	cases := []struct{ name, file, content, want string }{
		{"no id, semicolons", "a.csv", "num;surname\nA1;Kim\n", "read with semicolons between columns, giving 2: \"num\", \"surname\""},
		{"CSV named .parquet", "a.parquet", "id,family_name\nA1,Kim\n", "not a Parquet file (no PAR1 mark at its start; it looks like text)"},
		{"UTF-16, no name column", "a.csv", "\xff\xfei\x00d\x00", "no name column"},
		{"truncated gzip", "a.csv.gz", truncated[:len(truncated)/2], "ends early or is corrupt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, c.file, c.content)
			_, _, err := readAll(t, p, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), p) {
				t.Fatalf("err = %v, want one naming %s and saying %q", err, p, c.want)
			}
		})
	}
	// The truncated gzip names the last line read.
	p := writeFile(t, "t.csv.gz", truncated[:len(truncated)/2])
	_, _, err := readAll(t, p, nil)
	if err == nil || !strings.Contains(err.Error(), "after line ") {
		t.Errorf("truncated gzip: %v, want the line", err)
	}
}

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"a,b,c\n":                 ',',
		"a;b;c\n1,5;2\n":          ';',
		"\"a;b\",c\n":             ',', // a semicolon inside quotes does not count
		"a\tb\n":                  '\t',
		"a|b|c\n":                 '|',
		"name\n":                  ',',
		"a;b\nx,y,z,w,v,u,t\n":    ';', // only the header counts
		"\"x,y\";\"z,w\";\"v\"\n": ';',
	} {
		if got := sniffDelimiter([]byte(in)); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSpreadsheetSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Kim":          "Kim",
		"=HYPERLINK()": "'=HYPERLINK()",
		"+1":           "'+1",
		"-2+3":         "'-2+3",
		"@SUM(A1)":     "'@SUM(A1)",
		"\tx":          "'\tx",
		"\rx":          "'\rx",
		"'quoted":      "'quoted",
		"":             "",
	} {
		got := SpreadsheetSafe(in)
		if got != want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
		if back := FromSpreadsheetSafe(got); back != in {
			t.Errorf("FromSpreadsheetSafe(%q) = %q, want %q", got, back, in)
		}
	}
	// The rejects file neutralises every cell a user's input can fill.
	p := filepath.Join(t.TempDir(), "r.csv")
	w, err := CreateRejects(p)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(&RowError{File: "in.csv", Line: 2, Column: "=cmd", ID: "@x", Reason: "-bad"})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if got := strings.Split(string(b), "\n")[1]; got != "in.csv,2,'=cmd,'@x,rejected,'-bad" {
		t.Errorf("rejects row = %q", got)
	}
}
