package unihan

import (
	"errors"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	in := "# Unihan_Variants.txt\n# Unicode version: 15.0.0\n\nU+9AD9\tkSemanticVariant\tU+9AD8<kFenn\nU+5409\tkSpoofingVariant\tU+20BB7\nnot an entry\n"
	var got []string
	version, err := Scan(strings.NewReader(in), func(cp rune, field, value string) error {
		got = append(got, string(cp)+" "+field+" "+value)
		return nil
	})
	if err != nil || version != "15.0.0" {
		t.Fatalf("version %q, error %v", version, err)
	}
	want := []string{"髙 kSemanticVariant U+9AD8<kFenn", "吉 kSpoofingVariant U+20BB7"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("entries %q, want %q", got, want)
	}

	// an error names the line: the code point's, or the caller's
	for _, c := range []struct{ in, want string }{
		{"U+4E00\tkHangul\t일:0E\nU+ZZ\tkHangul\tx\n", "line 2: \"U+ZZ\""},
		{"# header\nU+4E00\tkHangul\tbad\n", "line 2: bad value"},
	} {
		_, err := Scan(strings.NewReader(c.in), func(cp rune, field, value string) error {
			if value == "bad" {
				return errors.New("bad value")
			}
			return nil
		})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to start with %q", c.in, err, c.want)
		}
	}
}

func TestCodePoint(t *testing.T) {
	if r, err := CodePoint("U+20BB7"); err != nil || r != '𠮷' {
		t.Errorf("U+20BB7: %q, %v", r, err)
	}
	for _, s := range []string{"20BB7", "U+", "U+G1", ""} {
		if _, err := CodePoint(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}
