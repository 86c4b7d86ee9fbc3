package records

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	xunicode "golang.org/x/text/encoding/unicode"
)

// TestReadLegacyEncodings reads delimited text as Japanese and Korean
// offices write it: Shift_JIS, EUC-JP and EUC-KR without a mark, UTF-16
// with its byte-order mark; and leaves UTF-8 alone.
func TestReadLegacyEncodings(t *testing.T) {
	ja := "番号,氏名,フリガナ,生年月日,性別,本籍\nJ1,東浦 洋,ヒガシウラ ヒロシ,昭和10年3月2日,男,広島県\nJ2,金 龍洙,キム ヨンス,1936,男,慶尚南道\n"
	ko := "번호,성,이름,생년월일,성별,본적\nK1,김,영수,1935,남,경상남도\nK2,박,순자,1928,여,전라남도\n"
	cases := []struct {
		name, text string
		enc        encoding.Encoding
		want       string // the encoding the summary names
	}{
		{"Shift_JIS", ja, japanese.ShiftJIS, "Shift_JIS"},
		{"EUC-JP", ja, japanese.EUCJP, "EUC-JP"},
		{"EUC-KR", ko, korean.EUCKR, "EUC-KR"},
		{"UTF-16", ja, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), "UTF-16"},
		{"UTF-8", ko, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := []byte(c.text)
			if c.enc != nil {
				var err error
				if b, err = c.enc.NewEncoder().Bytes(b); err != nil {
					t.Fatal(err)
				}
			}
			recs, rejects, cols, err := readAllColumns(t, writeFile(t, "enc.csv", string(b)), nil)
			if err != nil || len(rejects) > 0 || len(recs) != 2 {
				t.Fatalf("records %+v, rejects %v, err %v", recs, rejects, err)
			}
			if c.text == ja {
				if recs[0].FullName != "東浦 洋" || recs[0].FullNameKana != "ヒガシウラ ヒロシ" || recs[0].BirthYear != 1935 || recs[1].BirthPlace != "慶尚南道" {
					t.Errorf("read %+v", recs)
				}
			} else if recs[0].FamilyName != "김" || recs[1].GivenName != "순자" || recs[1].Sex != "F" {
				t.Errorf("read %+v", recs)
			}
			if c.want == "" && strings.Contains(cols, "text in") || c.want != "" && !strings.Contains(cols, "text in "+c.want) {
				t.Errorf("columns %q, want the encoding %q named", cols, c.want)
			}
		})
	}
}

// TestDetectEncodingLeavesOtherTextAlone: text no encoding reads
// cleanly into names stays UTF-8 (its bad rows rejected as before), and
// a UTF-8 sample cut inside a character is still UTF-8.
func TestDetectEncodingLeavesOtherTextAlone(t *testing.T) {
	for _, b := range [][]byte{
		[]byte("id,name\nA1,Kim\n"),
		[]byte("id,name\nA1,김영수")[:len("id,name\nA1,김영수")-1], // cut inside 수
		[]byte("id,name\nA1,Caf\xe9\n"),                      // Latin-1: a lone byte
		{0x80, 0x80, 0x80, 0x80},
	} {
		if e := detectEncoding(b); e != nil {
			t.Errorf("%q read as %s", b, e.name)
		}
	}
}

// TestLegacyEncodingBadBytesRejectRow: a row whose bytes the file's
// encoding does not have is rejected, named, not read with marks in
// place of its letters.
func TestLegacyEncodingBadBytesRejectRow(t *testing.T) {
	good, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("id,氏名\nJ1,東浦 洋\nJ2,山田 太郎\nJ3,佐藤 花子\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, "bad.csv", string(good)+"J4,\xfd\xfd\n")
	recs, rejects, err := readAll(t, p, nil)
	if err != nil || len(recs) != 3 || len(rejects) != 1 || rejects[0].Line != 5 || !strings.Contains(rejects[0].Reason, "Shift_JIS") {
		t.Fatalf("records %+v, rejects %v, err %v", recs, rejects, err)
	}
}
