package records

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestReadXLSX reads a list kept in Excel: the first worksheet, its
// header in Japanese, a date of birth stored as a date, a blank row
// skipped, a row whose last cells are empty, and a row with no name
// rejected with its sheet row number.
func TestReadXLSX(t *testing.T) {
	wb := excelize.NewFile()
	defer wb.Close()
	sheet := wb.GetSheetName(0)
	rows := [][]any{
		{"番号", "氏名", "生年月日", "性別", "本籍"},
		{"J1", "東浦 洋", time.Date(1935, 3, 2, 0, 0, 0, 0, time.UTC), "男", "広島県"},
		{},
		{"K1", "金龍洙（金田龍夫）", 1936},
		{"X1", "", 1940, "女"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, err := wb.NewStyle(&excelize.Style{NumFmt: 14}) // a date, as Excel shows it
	if err != nil {
		t.Fatal(err)
	}
	if err := wb.SetCellStyle(sheet, "C2", "C2", style); err != nil {
		t.Fatal(err)
	}
	if _, err := wb.NewSheet("notes"); err != nil { // a second sheet is not read
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "list.xlsx")
	if err := wb.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	recs, rejects, cols, err := readAllColumns(t, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].ID != "J1" || recs[0].FullName != "東浦 洋" || recs[0].BirthYear != 1935 ||
		recs[0].Sex != "M" || recs[0].BirthPlace != "広島県" || recs[0].Line != 2 ||
		recs[1].ID != "K1" || recs[1].BirthYear != 1936 || recs[1].Sex != "" || recs[1].Line != 4 {
		t.Errorf("records %+v", recs)
	}
	if len(rejects) != 1 || rejects[0].ID != "X1" || rejects[0].Line != 5 || rejects[0].File != p {
		t.Errorf("rejects %v, want X1 at row 5 for want of a name", rejects)
	}
	if !strings.Contains(cols, "full_name=氏名") || !strings.Contains(cols, "sheet "+sheet) {
		t.Errorf("columns %q", cols)
	}

	// Not a workbook: a zip of something else is an error naming the file.
	zp := filepath.Join(t.TempDir(), "other.zip")
	if err := writeZip(zp); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(zp, nil); err == nil || !strings.Contains(err.Error(), zp) || !strings.Contains(err.Error(), "workbook") {
		t.Errorf("a zip that is no workbook: %v", err)
	}
}

// writeZip writes a zip archive holding one text file.
func writeZip(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("readme.txt")
	if err == nil {
		_, err = w.Write([]byte("id,name\n1,Kim\n"))
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// FuzzReadXLSX: a damaged workbook is an error or rows, never a crash.
func FuzzReadXLSX(f *testing.F) {
	wb := excelize.NewFile()
	row := []any{"id", "name"}
	wb.SetSheetRow(wb.GetSheetName(0), "A1", &row)
	row = []any{"A1", "Kim Yong-su"}
	wb.SetSheetRow(wb.GetSheetName(0), "A2", &row)
	buf, err := wb.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	b := buf.Bytes()
	f.Add(b[:len(b)/2])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := openXLSX(p, nil, int64(len(data)), nil, nil)
		if err != nil {
			return
		}
		defer r.Close()
		for range 1000 {
			if _, err := r.Read(); err == io.EOF {
				return
			}
		}
	})
}
