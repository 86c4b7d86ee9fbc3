package records

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll reads a file and returns its records and the rejected rows.
func readAll(t *testing.T, path string, cm ColumnMap) ([]Record, []*RowError, error) {
	t.Helper()
	recs, rejects, _, err := readAllColumns(t, path, cm)
	return recs, rejects, err
}

// readAllColumns is readAll that also returns the reader's Columns.
func readAllColumns(t *testing.T, path string, cm ColumnMap) ([]Record, []*RowError, string, error) {
	t.Helper()
	r, err := Open(path, cm)
	if err != nil {
		return nil, nil, "", err
	}
	defer r.Close()
	var rejects []*RowError
	recs, err := ReadAll(r, func(e *RowError) error { rejects = append(rejects, e); return nil })
	return recs, rejects, r.Columns(), err
}

func TestReadCSVDetectsColumns(t *testing.T) {
	p := writeFile(t, "m.csv", "\ufeffRecord ID,Surname,Forename,Year of Birth,Gender,Place of birth\n"+
		"M1,Ri,Ho Rim,1934,male,Hamhung\n"+
		"M2,Ōno,Shin'ichi,1941-03-02,F,\n")
	recs, rejects, err := readAll(t, p, nil)
	if err != nil || len(rejects) > 0 {
		t.Fatalf("err %v, rejects %v", err, rejects)
	}
	want := []Record{
		{ID: "M1", FamilyName: "Ri", GivenName: "Ho Rim", BirthYear: 1934, Sex: "M", BirthPlace: "Hamhung", Line: 2},
		{ID: "M2", FamilyName: "Ōno", GivenName: "Shin'ichi", BirthYear: 1941, Sex: "F", Line: 3},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i := range want {
		if recs[i] != want[i] {
			t.Errorf("record %d = %+v, want %+v", i, recs[i], want[i])
		}
	}
}

func TestReadTSVAndMap(t *testing.T) {
	p := writeFile(t, "a.tsv", "ref\tfamily\tname_given\n7\tKim\tJong Un\n")
	recs, _, err := readAll(t, p, ColumnMap{"id": "ref", "given_name": "name_given"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].ID != "7" || recs[0].FamilyName != "Kim" || recs[0].GivenName != "Jong Un" {
		t.Fatalf("got %+v", recs)
	}
}

func TestRejectedRows(t *testing.T) {
	p := writeFile(t, "a.csv", "id,family_name,given_name,birth_year,origin\n"+
		"A1,Kim,Ho,1930,\n"+
		"A2,\xff\xfe,Ho,1930,\n"+ // invalid UTF-8
		"A3,,,1930,\n"+ // no name
		"A4,Lee,Ho,about then,\n"+ // birth year
		"A1,Park,Ho,1930,\n"+ // duplicate id
		"A6,Park,Ho,1930,xx\n"+ // origin
		",Park,Ho,1930,\n"+ // empty id
		"A8,Park,"+strings.Repeat("x", maxField+1)+",,\n"+
		"A9,Choi,Ho,,ko\n")
	recs, rejects, err := readAll(t, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A4's birth year cannot be read: recall first, the person is kept
	// with the year unknown and a warning.
	if len(recs) != 3 || recs[0].ID != "A1" || recs[1].ID != "A4" || recs[1].BirthYear != 0 || recs[2].ID != "A9" || recs[2].Origin != "ko" {
		t.Fatalf("kept %+v", recs)
	}
	want := []struct {
		line    int64
		column  string
		id      string
		reason  string
		warning bool
	}{
		{3, "family_name", "A2", "invalid UTF-8", false},
		{4, "", "A3", "no name", false},
		{5, "birth_year", "A4", "kept with the year unknown", true},
		{6, "id", "A1", "duplicate id", false},
		{7, "origin", "A6", "unknown origin", false},
		{8, "id", "", "empty id", false},
		{9, "given_name", "A8", "field of", false},
	}
	if len(rejects) != len(want) {
		t.Fatalf("got %d rejects, want %d: %v", len(rejects), len(want), rejects)
	}
	for i, w := range want {
		r := rejects[i]
		if r.Line != w.line || r.Column != w.column || r.ID != w.id || !strings.Contains(r.Reason, w.reason) || r.File != p || r.Warning != w.warning {
			t.Errorf("reject %d = %+v, want line %d column %q id %q reason ~%q warning %v", i, r, w.line, w.column, w.id, w.reason, w.warning)
		}
	}
}

func TestStructuralErrors(t *testing.T) {
	cases := []struct {
		name, content string
		cm            ColumnMap
		want          string // substring of the error
	}{
		{"empty.csv", "", nil, "empty file"},
		{"nohead.csv", "M1,Kim,Ho\n", nil, "no id column"},
		{"noname.csv", "id,year\n1,1930\n", nil, "no name column"},
		{"map.csv", "id,family_name\n1,Kim\n", ColumnMap{"given_name": "forename"}, `no column "forename"`},
		{"fields.csv", "id,family_name\n1,Kim\n2,Lee,extra\n", nil, "line 3: 3 fields, but the header has 2 columns"},
		{"quote.csv", "id,family_name\n1,\"Kim\n2,Lee\n", nil, "line 2: the row starting there runs to line 3"},
		{"bare.csv", "id,family_name\n1,Ki\"m\n", nil, "line 2, column 5: bare"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, c.name, c.content)
			_, _, err := readAll(t, p, c.cm)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), p) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, p, c.want)
			}
			var re *RowError
			if errors.As(err, &re) {
				t.Fatalf("structural error reported as a row error: %v", err)
			}
		})
	}
	if _, err := Open(filepath.Join(t.TempDir(), "absent.csv"), nil); err == nil || !strings.Contains(err.Error(), "absent.csv") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestParseColumnMap(t *testing.T) {
	m, err := ParseColumnMap("family_name=surname, id = ref")
	if err != nil || m["family_name"] != "surname" || m["id"] != "ref" {
		t.Fatalf("got %v, %v", m, err)
	}
	for _, bad := range []string{"nickname=x", "family_name", "=x", "id="} {
		if _, err := ParseColumnMap(bad); err == nil {
			t.Errorf("ParseColumnMap(%q) accepted", bad)
		}
	}
}

func TestParseBirthYear(t *testing.T) {
	cases := []struct {
		in         string
		year, span int
		note       bool
	}{
		{"", 0, 0, false},
		{"1934", 1934, 0, false},
		{" 1934 ", 1934, 0, false},
		{"1934.0", 1934, 0, false},
		{"1934-05-01", 1934, 0, false},
		{"1934/5/1", 1934, 0, false},
		{"01.05.1934", 1934, 0, false},
		{"5/1/1934", 1934, 0, false},
		{"1934-05-01T00:00:00Z", 1934, 0, false},
		{"1934年5月1日", 1934, 0, false},
		{"１９３４", 1934, 0, false}, // full width
		{"1934년 5월 1일", 1934, 0, false},
		// Japanese eras: year 1 of Shōwa is 1926.
		{"昭和7年", 1932, 0, false},
		{"昭和七年", 1932, 0, false},
		{"昭和二十三年", 1948, 0, false},
		{"昭和元年", 1926, 0, false},
		{"昭7", 1932, 0, false},
		{"S7", 1932, 0, false},
		{"s.7", 1932, 0, false},
		{"S7.5.1", 1932, 0, false},
		{"Showa 7", 1932, 0, false},
		{"明治45年", 1912, 0, false},
		{"M45", 1912, 0, false},
		{"大正3年", 1914, 0, false},
		{"T3", 1914, 0, false},
		{"平成2年", 1990, 0, false},
		{"H2", 1990, 0, false},
		{"令和元年", 2019, 0, false},
		// The Korean Dangi calendar: 단기 4267 is 1934.
		{"단기 4267", 1934, 0, false},
		{"단기4267년", 1934, 0, false},
		{"檀紀4267年", 1934, 0, false},
		// Ranges and approximate years.
		{"193?", 1930, 9, false},
		{"193x", 1930, 9, false},
		{"1930s", 1930, 9, false},
		{"1930年代", 1930, 9, false},
		{"19xx", 1900, 99, false},
		{"19??", 1900, 99, false},
		{"1930-1935", 1930, 5, false},
		{"1930-35", 1930, 5, false},
		{"1930?", 1929, 2, false},
		{"c. 1930", 1929, 2, false},
		{"ca 1930", 1929, 2, false},
		{"1930頃", 1929, 2, false},
		// A two-digit year is read in the 1900s, and says so.
		{"01/05/32", 1932, 0, true},
		{"1/5/32", 1932, 0, true},
	}
	for _, c := range cases {
		got, ok := ParseBirthYear(c.in)
		if !ok || got.Year != c.year || got.Span != c.span || (got.Note != "") != c.note {
			t.Errorf("ParseBirthYear(%q) = %+v, %v; want year %d span %d note %v", c.in, got, ok, c.year, c.span, c.note)
		}
	}
	for _, bad := range []string{"abc", "34", "1700", "12/05", "19x4", "昭和", "S", "S99", "단기", "1935-1930", "Smith"} {
		if y, ok := ParseBirthYear(bad); ok {
			t.Errorf("ParseBirthYear(%q) = %+v, accepted", bad, y)
		}
	}
}

func TestParseSex(t *testing.T) {
	for in, want := range map[string]string{
		"M": "M", "m": "M", " male ": "M", "MAN": "M", "男": "M", "남": "M", "1": "M",
		"F": "F", "f": "F", "Female": "F", "W": "F", "女": "F", "여": "F", "2": "F",
		"": "", " ": "", "X": "", "unknown": "", "9": "",
	} {
		if got := ParseSex(in); got != want {
			t.Errorf("ParseSex(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadEOFAfterLastRow(t *testing.T) {
	p := writeFile(t, "h.csv", "id,full_name\n")
	r, err := Open(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Read(); err != io.EOF {
		t.Fatalf("header-only file: %v, want io.EOF", err)
	}
}

func TestIDSet(t *testing.T) {
	var s idSet
	const n = 200_000 // several growths
	for i := range n {
		if s.add(fmt.Sprintf("A%07d", i)) {
			t.Fatalf("A%07d reported seen on its first add", i)
		}
	}
	for i := range n {
		if !s.add(fmt.Sprintf("A%07d", i)) {
			t.Fatalf("A%07d not seen on its second add", i)
		}
	}
	if s.n != n {
		t.Errorf("set holds %d fingerprints, want %d", s.n, n)
	}
	if s.add("") || !s.add("") {
		t.Error("the empty id is not handled like any other")
	}
}

func TestIDSetReserved(t *testing.T) {
	// Sized for n ids, the set holds them without growing, at most
	// idMaxLoad full, and still finds every repeat.
	const n = 300_000
	var s idSet
	s.reserve(n)
	var sizes [idShards]int
	for i := range s.shards {
		sizes[i] = len(s.shards[i].slots)
	}
	for i := range n {
		if s.add(fmt.Sprintf("id-%d", i)) {
			t.Fatalf("id-%d reported seen on its first add", i)
		}
	}
	total := 0
	for i := range s.shards {
		if len(s.shards[i].slots) != sizes[i] {
			t.Errorf("shard %d grew from %d to %d slots", i, sizes[i], len(s.shards[i].slots))
		}
		total += len(s.shards[i].slots)
	}
	if load := float64(n) / float64(total); load > idMaxLoad || load < 0.65 { // the spare room is relatively larger for small sets
		t.Errorf("load %.2f after reserving for %d ids", load, n)
	}
	for i := range n {
		if !s.add(fmt.Sprintf("id-%d", i)) {
			t.Fatalf("id-%d not seen on its second add", i)
		}
	}
}

func TestReadKanaColumns(t *testing.T) {
	cases := []struct {
		name, content string
		cm            ColumnMap
		want          Record
	}{
		{"english headers", "id,family_name,given_name,family_name_kana,given_name_kana\nJ1,東浦,洋,ヒガシウラ,ヒロシ\n", nil,
			Record{ID: "J1", FamilyName: "東浦", GivenName: "洋", FamilyNameKana: "ヒガシウラ", GivenNameKana: "ヒロシ", Line: 2}},
		{"japanese headers", "id,姓,名,セイ,メイ\nJ1,東浦,洋,ヒガシウラ,ヒロシ\n", ColumnMap{"family_name": "姓", "given_name": "名"},
			Record{ID: "J1", FamilyName: "東浦", GivenName: "洋", FamilyNameKana: "ヒガシウラ", GivenNameKana: "ヒロシ", Line: 2}},
		{"one furigana column", "id,name,Furigana\nJ1,東浦 洋,ひがしうら ひろし\n", nil,
			Record{ID: "J1", FullName: "東浦 洋", FullNameKana: "ひがしうら ひろし", Line: 2}},
		{"named with --map", "id,name,yomi_sei,yomi_mei\nJ1,東浦 洋,ひがしうら,ひろし\n", ColumnMap{"family_name_kana": "yomi_sei", "given_name_kana": "yomi_mei"},
			Record{ID: "J1", FullName: "東浦 洋", FamilyNameKana: "ひがしうら", GivenNameKana: "ひろし", Line: 2}},
		{"kana alone", "id,surname_kana,given_kana\nJ1,ひがしうら,ひろし\n", nil,
			Record{ID: "J1", FamilyNameKana: "ひがしうら", GivenNameKana: "ひろし", Line: 2}},
	}
	for _, c := range cases {
		recs, rejects, err := readAll(t, writeFile(t, "k.csv", c.content), c.cm)
		if err != nil || len(rejects) > 0 || len(recs) != 1 {
			t.Errorf("%s: err %v, rejects %v, records %v", c.name, err, rejects, recs)
			continue
		}
		if recs[0] != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, recs[0], c.want)
		}
	}
}

// Headers as Japanese and Korean registers and forms write them, and the
// "name" that beside a surname column is the given name.
func TestReadHeadersAsWritten(t *testing.T) {
	cases := []struct {
		name, content string
		want          Record
	}{
		{"surname and name", "id,Surname,Name,DOB\nA1,Kim,Yong-su,1935-03-02\n",
			Record{ID: "A1", FamilyName: "Kim", GivenName: "Yong-su", BirthYear: 1935, Line: 2}},
		{"name beside both parts stays the full name", "id,family_name,given_name,name\nA1,Kim,Yong-su,Kim Yong-su\n",
			Record{ID: "A1", FamilyName: "Kim", GivenName: "Yong-su", FullName: "Kim Yong-su", Line: 2}},
		{"japanese register", "番号,氏名,生年月日,性別,本籍,通名\nJ1,東浦 洋,昭和10年3月2日,男,広島県,東 洋\n",
			Record{ID: "J1", FullName: "東浦 洋", BirthYear: 1935, Sex: "M", BirthPlace: "広島県", AltNames: "東 洋", Line: 2}},
		{"japanese parts", "番号,姓,名,出生地,本籍\nJ1,東浦,洋,呉市,広島県\n",
			Record{ID: "J1", FamilyName: "東浦", GivenName: "洋", BirthPlace: "呉市", Line: 2}},
		{"korean parts", "번호,성,이름,생년월일,성별,출생지,창씨명\nK1,김,용수,1935.3.2,남,평양,金田 龍秀\n",
			Record{ID: "K1", FamilyName: "김", GivenName: "용수", BirthYear: 1935, Sex: "M", BirthPlace: "평양", AltNames: "金田 龍秀", Line: 2}},
		{"korean full name", "번호,성명,생년월일\nK1,김용수,1935\n",
			Record{ID: "K1", FullName: "김용수", BirthYear: 1935, Line: 2}},
		{"korean name alone is the full name", "번호,이름,성별\nK1,김용수,여\n",
			Record{ID: "K1", FullName: "김용수", Sex: "F", Line: 2}},
	}
	for _, c := range cases {
		recs, rejects, err := readAll(t, writeFile(t, "h.csv", c.content), nil)
		if err != nil || len(rejects) > 0 || len(recs) != 1 {
			t.Errorf("%s: err %v, rejects %v, records %v", c.name, err, rejects, recs)
			continue
		}
		if recs[0] != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, recs[0], c.want)
		}
	}

	// Named with --map, a full name that the family name would hide is
	// an error, not a column silently ignored.
	_, _, err := readAll(t, writeFile(t, "m.csv", "id,surname,whole\nA1,Kim,Kim Yong-su\n"), ColumnMap{FieldFullName: "whole"})
	if err == nil || !strings.Contains(err.Error(), "--map full_name=whole") || !strings.Contains(err.Error(), "m.csv") {
		t.Errorf("full name mapped beside a family name: err %v", err)
	}
}
