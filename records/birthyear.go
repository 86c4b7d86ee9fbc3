package records

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BirthYear is what a birth-year cell says: a year, or a range of years
// (193? is 1930 with Span 9). Year 0 is unknown.
type BirthYear struct {
	Year int
	Span int // the range is Year..Year+Span; 0 for one year
	// Note is set when the reading rests on an assumption the user should
	// know of (a two-digit year given a century); it goes to the rejects
	// file as a warning.
	Note string
}

// Japanese eras: the Gregorian year before each era's first year.
var eras = []struct {
	names []string
	base  int
}{
	{[]string{"明治", "明", "meiji", "m"}, 1867},
	{[]string{"大正", "大", "taisho", "taishō", "t"}, 1911},
	{[]string{"昭和", "昭", "showa", "shōwa", "s"}, 1925},
	{[]string{"平成", "平", "heisei", "h"}, 1988},
	{[]string{"令和", "令", "reiwa", "r"}, 2018},
}

// dangiOffset turns a year of the Korean Dangi calendar (단기, 檀紀) into
// the Gregorian year: 단기 4267 is 1934.
const dangiOffset = 2333

// ParseBirthYear reads a birth year from what registers write:
//   - a year or a date: 1934, 1934-05-01, 1934/5/1, 01.05.1934, 5/1/1934,
//     1934年5月1日;
//   - a Japanese era year: 昭和7年, 昭和七年, 昭7, S7, S.7.5.1, 平成元年 (eras
//     明治, 大正, 昭和, 平成, 令和 and their initials M, T, S, H, R);
//   - a Korean Dangi year: 단기 4267, 檀紀4267年;
//   - a range: 193?, 193x, 1930s, 1930年代 (a decade), 19xx (a century),
//     1930-1935; an approximate year: c. 1930, ca 1930, 1930?, 1930頃
//     (the year either side);
//   - a date with a two-digit year, 01/05/32, read in the 1900s (the
//     archives kinlink serves record people born in the twentieth
//     century): the result carries a Note saying so.
//
// An empty cell is an unknown year (BirthYear{}, true). It reports false
// for text that holds no plausible year (1800–2100).
func ParseBirthYear(s string) (BirthYear, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return BirthYear{}, true
	}
	if y, ok := plainYear(s); ok {
		return BirthYear{Year: y}, true
	}
	if !isASCII(s) {
		s = strings.TrimSpace(norm.NFKC.String(s)) // full-width digits and letters
	}
	if by, ok := eraYear(s); ok {
		return by, true
	}
	if by, ok := rangeYear(s); ok {
		return by, true
	}
	return dateYear(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// plainYear reads a number that is a plausible year (1934, 1934.0).
func plainYear(s string) (int, bool) {
	if len(s) == 4 && allDigits(s) {
		y, _ := strconv.Atoi(s)
		return plausibleYear(y)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int(f)) && f >= 1000 && f < 10000 {
		return plausibleYear(int(f))
	}
	return 0, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func plausibleYear(y int) (int, bool) {
	if y < 1800 || y > 2100 {
		return 0, false
	}
	return y, true
}

// eraYear reads a Japanese era year or a Dangi year.
func eraYear(s string) (BirthYear, bool) {
	s = strings.ToLower(s)
	for _, prefix := range []string{"단기", "檀紀"} {
		if rest, ok := strings.CutPrefix(s, prefix); ok {
			n, _, ok := leadingNumber(strings.TrimSpace(rest))
			if !ok {
				return BirthYear{}, false
			}
			y, ok := plausibleYear(n - dangiOffset)
			return BirthYear{Year: y}, ok
		}
	}
	for _, e := range eras {
		for _, name := range e.names {
			rest, ok := strings.CutPrefix(s, name)
			if !ok {
				continue
			}
			rest = strings.TrimLeft(rest, ". ")
			n, _, ok := leadingNumber(rest)
			if !ok || n < 1 || n > 64 {
				continue
			}
			y, ok := plausibleYear(e.base + n)
			return BirthYear{Year: y}, ok
		}
	}
	return BirthYear{}, false
}

var kanjiDigits = []rune("〇一二三四五六七八九")

// leadingNumber reads the number at the start of s: ASCII digits, or
// kanji numerals (七, 二十三, 元 for the first year of an era). It returns
// the number and what follows it.
func leadingNumber(s string) (int, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 {
		n, err := strconv.Atoi(s[:i])
		return n, s[i:], err == nil
	}
	if rest, ok := strings.CutPrefix(s, "元"); ok {
		return 1, rest, true
	}
	n, tens, digit, used := 0, 0, -1, false
	rest := s
	for _, r := range s {
		d := slices.Index(kanjiDigits, r)
		switch {
		case d >= 0:
			digit = d
		case r == '十':
			if digit < 0 {
				digit = 1
			}
			tens += digit * 10
			digit = -1
		default:
			if !used {
				return 0, s, false
			}
			if digit > 0 {
				n += digit
			}
			return n + tens, rest, true
		}
		used = true
		rest = rest[utf8.RuneLen(r):]
	}
	if !used {
		return 0, s, false
	}
	if digit > 0 {
		n += digit
	}
	return n + tens, rest, true
}

// rangeYear reads decades, centuries, year ranges and approximate years.
func rangeYear(s string) (BirthYear, bool) {
	lower := strings.ToLower(s)
	// Approximate: c. 1930, ca. 1930, circa 1930, about 1930, 1930?, 1930頃.
	for _, p := range []string{"circa", "ca.", "ca", "c.", "about", "approx.", "approx", "~"} {
		if rest, ok := strings.CutPrefix(lower, p); ok {
			if y, ok := plainYear(strings.TrimSpace(rest)); ok {
				return BirthYear{Year: y - 1, Span: 2}, true
			}
		}
	}
	for _, p := range []string{"?", "頃", "ごろ", "경", "年頃"} {
		if rest, ok := strings.CutSuffix(lower, p); ok {
			rest = strings.TrimSuffix(strings.TrimSpace(rest), "年")
			if y, ok := plainYear(rest); ok {
				return BirthYear{Year: y - 1, Span: 2}, true
			}
		}
	}
	// Decades and centuries: 193?, 193x, 193-, 1930s, 1930's, 1930年代, 19xx, 19??.
	for _, p := range []string{"年代", "'s", "s", "년대"} {
		if rest, ok := strings.CutSuffix(lower, p); ok && len(rest) == 4 && allDigits(rest) && rest[3] == '0' {
			y, ok := plausibleYear(mustAtoi(rest))
			return BirthYear{Year: y, Span: 9}, ok
		}
	}
	if len(lower) == 4 && allDigits(lower[:2]) {
		unknown := func(c byte) bool { return c == '?' || c == 'x' || c == '*' || c == '-' || c == '_' }
		switch {
		case allDigits(lower[:3]) && unknown(lower[3]):
			y, ok := plausibleYear(mustAtoi(lower[:3]) * 10)
			return BirthYear{Year: y, Span: 9}, ok
		case unknown(lower[2]) && unknown(lower[3]):
			y, ok := plausibleYear(mustAtoi(lower[:2]) * 100)
			return BirthYear{Year: y, Span: 99}, ok
		}
	}
	// A range of years: 1930-1935, 1930–35.
	for _, sep := range []string{"-", "–", "~", "〜", "to"} {
		a, b, ok := strings.Cut(lower, sep)
		if !ok {
			continue
		}
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		from, ok1 := plainYear(a)
		if !ok1 {
			continue
		}
		to, ok2 := plainYear(b)
		if !ok2 && len(b) == 2 && allDigits(b) { // 1930-35
			to, ok2 = from/100*100+mustAtoi(b), true
		}
		if ok2 && to > from && to-from <= 100 {
			return BirthYear{Year: from, Span: to - from}, true
		}
	}
	return BirthYear{}, false
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// dateYear reads the year of a date: 1934-05-01, 1934/5/1, 01.05.1934,
// 5/1/1934, 1934年5月1日, 1934-05-01T00:00:00Z, and dates with a two-digit
// year last (01/05/32).
func dateYear(s string) (BirthYear, bool) {
	isSep := func(r rune) bool {
		return r == '-' || r == '/' || r == '.' || r == ' ' || r == 'T' || r == '年' || r == '月' || r == '日' || r == '년' || r == '월' || r == '일' || unicode.IsSpace(r)
	}
	parts := strings.FieldsFunc(s, isSep)
	if len(parts) == 0 {
		return BirthYear{}, false
	}
	if len(parts) == 1 { // 1934年
		y, ok := plainYear(parts[0])
		return BirthYear{Year: y}, ok
	}
	years := 0
	for _, p := range parts {
		if len(p) == 4 && allDigits(p) {
			years++
		}
	}
	if years > 1 { // two years: a range written backwards, no date
		return BirthYear{}, false
	}
	for _, p := range []string{parts[0], parts[len(parts)-1]} {
		if len(p) == 4 && allDigits(p) {
			y, ok := plausibleYear(mustAtoi(p))
			return BirthYear{Year: y}, ok
		}
	}
	if len(parts) >= 3 && len(parts[2]) >= 4 && allDigits(parts[2][:4]) { // 01.05.1934T...
		y, ok := plausibleYear(mustAtoi(parts[2][:4]))
		return BirthYear{Year: y}, ok
	}
	// A day, a month and a two-digit year last: 01/05/32.
	if len(parts) == 3 {
		short := true
		for _, p := range parts {
			short = short && len(p) <= 2 && allDigits(p)
		}
		last := parts[2]
		if short && len(last) == 2 {
			y := 1900 + mustAtoi(last)
			return BirthYear{Year: y, Note: "two-digit year " + last + " read as " + strconv.Itoa(y)}, true
		}
	}
	return BirthYear{}, false
}
