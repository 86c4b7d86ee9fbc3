package records

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Text in the encodings of Japan and Korea.
//
// Japanese and Korean archives are often delimited text in the
// encodings their offices' software writes: Shift_JIS (Windows code page
// 932: Excel's "CSV" on a Japanese Windows), EUC-JP, and EUC-KR (code page
// 949, Excel's on a Korean Windows); Excel's "Unicode text" is UTF-16.
// Read as UTF-8, every row with a name in them would be rejected. A file
// whose start is not UTF-8 is tried in each, and read in the one that
// decodes it into the most kana, kanji or Hangul and the fewest stray
// characters and bytes it does not have; text that none decodes well
// stays UTF-8, its rows with invalid UTF-8 rejected as before. A row of a
// file read in another encoding that holds bytes the encoding does not
// have is rejected, named (rowBuilder.encoding).

// legacyEncoding is an encoding a delimited file may be read in.
type legacyEncoding struct {
	name string
	enc  encoding.Encoding
}

var legacyEncodings = []legacyEncoding{
	{"Shift_JIS (CP932)", japanese.ShiftJIS},
	{"EUC-JP", japanese.EUCJP},
	{"EUC-KR (CP949)", korean.EUCKR},
}

// utf16Encoding is the encoding of UTF-16 text with a byte-order mark,
// which it reads and drops.
var utf16Encoding = legacyEncoding{"UTF-16", xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)}

// detectEncoding tells the encoding of a file's first bytes sample (cut
// anywhere, so a last character may be incomplete): nil when it is UTF-8
// or when no other encoding reads it cleanly.
func detectEncoding(sample []byte) *legacyEncoding {
	if validUTF8Prefix(sample) {
		return nil
	}
	var best *legacyEncoding
	bestScore := 0
	for i := range legacyEncodings {
		e := &legacyEncodings[i]
		text, err := e.enc.NewDecoder().Bytes(trimIncomplete(sample))
		if err != nil {
			continue
		}
		s := plausibility(text)
		if e.enc == korean.EUCKR {
			s -= 3 * uhcPairs(sample)
		}
		if s > bestScore {
			best, bestScore = e, s
		}
	}
	return best
}

// uhcPairs counts the two-byte characters of an EUC-KR reading that only
// code page 949's extension has (a trail byte below 0xA1): the Hangul
// syllables KS X 1001 lacks, rare in text, and what Shift_JIS text
// read as code page 949 is full of.
func uhcPairs(b []byte) int {
	n := 0
	for i := 0; i+1 < len(b); i++ {
		if b[i] >= 0x81 {
			if b[i+1] < 0xA1 {
				n++
			}
			i++
		}
	}
	return n
}

// validUTF8Prefix reports whether b is UTF-8 but perhaps for a last
// character cut short.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) && !utf8.FullRune(b[len(b)-cut:]) {
			return true
		}
	}
	return false
}

// trimIncomplete drops the last bytes of a sample that may be the start
// of a two-byte character cut short: a byte of 0x80 or more at the end,
// after an even run of such bytes or none.
func trimIncomplete(b []byte) []byte {
	n := 0
	for n < len(b) && b[len(b)-1-n] >= 0x80 {
		n++
	}
	if n%2 == 1 {
		return b[:len(b)-1]
	}
	return b
}

// plausibility scores decoded text as names and records are written:
// kana, kanji and Hangul syllables count for, the characters a wrong
// encoding makes of other text against: replacement characters (bytes
// the encoding does not have; a few rows of them do not outweigh the
// rest), half-width katakana, Hangul jamo, private use, Greek, Cyrillic
// and box drawing, which no archive of names is full of.
func plausibility(text []byte) (score int) {
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
		case r == utf8.RuneError:
			score -= 4 // a few rows of them do not outweigh the rest
		case r >= 0xAC00 && r <= 0xD7A3, unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r) && (r < 0xFF61 || r > 0xFF9F):
			score += 2
		case unicode.Is(unicode.Han, r):
			score++
		case r >= 0xFF61 && r <= 0xFF9F, r >= 0x3130 && r <= 0x318F, r >= 0xE000 && r <= 0xF8FF,
			unicode.Is(unicode.Greek, r), unicode.Is(unicode.Cyrillic, r), r >= 0x2500 && r <= 0x257F:
			score -= 3
		}
	}
	return score
}
