package normalize

import (
	"bytes"
	_ "embed"
	"math"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"kinlink/internal/fpmath"
)

// The Japanese name dictionaries (data/README.md says where they come
// from): written names with their readings, readings with how common they
// are as surnames and as given names, and the readings each kanji takes
// inside names. They are large, so each is decompressed and indexed the
// first time it is needed, and only then: a run that meets no Japanese
// full name and no kanji never pays for them.

//go:generate go run ./data/genjanames

//go:embed data/ja_kanji_names.tsv.zst
var jaKanjiNamesZst []byte

//go:embed data/ja_kana_names.tsv.zst
var jaKanaNamesZst []byte

//go:embed data/ja_kanji_chars.tsv.zst
var jaKanjiCharsZst []byte

// unzstd decompresses an embedded table; the tables are part of the
// program, so a failure is a broken build.
func unzstd(b []byte) []byte {
	d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		panic("normalize: zstd: " + err.Error())
	}
	defer d.Close()
	out, err := d.DecodeAll(b, nil)
	if err != nil {
		panic("normalize: embedded name table: " + err.Error())
	}
	return out
}

// dataLines returns the offsets of the lines of b that are not comments.
func dataLines(b []byte) []uint32 {
	var out []uint32
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			j = len(b) - i
		}
		if j > 0 && b[i] != '#' {
			out = append(out, uint32(i))
		}
		i += j + 1
	}
	return out
}

// nameFreq tells how common a reading is as a surname and as a given
// name: four times the number of its spellings in the dictionaries in
// that role, plus those of either role.
type nameFreq struct{ surname, given uint16 }

// surnameWeight and givenWeight are log(1 + spellings) (from fpmath, like
// every logarithm that decides an order: the same bits on every machine): 0 for a reading
// the dictionaries do not know in that role, about 1 for a rare name, 4
// and more for Sato or Hiroshi.
func (f nameFreq) surnameWeight() float64 { return nameWeight(f.surname) }
func (f nameFreq) givenWeight() float64   { return nameWeight(f.given) }

func nameWeight(n uint16) float64 {
	if int(n) < len(nameWeights) {
		return nameWeights[n]
	}
	return fpmath.Log(1 + float64(n)/4)
}

// nameWeights holds nameWeight of the counts most names have, computed
// once (the same function, so the same bits).
var nameWeights = func() (t [1024]float64) {
	for n := range t {
		t[n] = fpmath.Log(1 + float64(n)/4)
	}
	return
}()

// jaNamesByKey maps the Japanese key of each reading of a name to how
// common it is (readings that share a key, おおの and おの, add up). The
// keys are in the table (see TestKanaNamesKeys).
var jaNamesByKey = sync.OnceValue(func() map[string]nameFreq {
	b := unzstd(jaKanaNamesZst)
	lines := dataLines(b)
	m := make(map[string]nameFreq, len(lines))
	for _, off := range lines {
		line := b[off:]
		line = line[:bytes.IndexByte(line, '\n')]
		f := bytes.Split(line, []byte{'\t'})
		if len(f) < 5 {
			continue
		}
		ns, _ := strconv.Atoi(string(f[2]))
		ng, _ := strconv.Atoi(string(f[3]))
		nu, _ := strconv.Atoi(string(f[4]))
		// an unclassified name counts a quarter in each role
		ns, ng = 4*ns+nu, 4*ng+nu
		x := m[string(f[1])]
		x.surname = uint16(min(int(x.surname)+ns, math.MaxUint16))
		x.given = uint16(min(int(x.given)+ng, math.MaxUint16))
		m[string(f[1])] = x
	}
	return m
})

// jaNameFreq returns how common the Japanese key k is as a surname and as
// a given name.
func jaNameFreq(k []byte) nameFreq {
	return jaNamesByKey()[string(k)]
}

// kanjiNames is the table of written names: the data lines, sorted by the
// written form, for binary search.
type kanjiNames struct {
	b     []byte
	lines []uint32
}

var jaKanjiNames = sync.OnceValue(func() *kanjiNames {
	b := unzstd(jaKanjiNamesZst)
	return &kanjiNames{b: b, lines: dataLines(b)}
})

// dictReading is one reading of a written name.
type dictReading struct {
	kana   string
	roles  uint8   // roleSurname, roleGiven
	weight float64 // about log(spellings of the reading), more when IPADIC lists it
}

// Roles of a name part, for choosing among readings.
const (
	roleSurname = 1 << iota
	roleGiven
	roleAny = roleSurname | roleGiven
)

// lookup returns the readings of written name w, best first, or nil.
func (t *kanjiNames) lookup(w string) []dictReading {
	i := sort.Search(len(t.lines), func(i int) bool {
		return string(t.written(i)) >= w
	})
	if i == len(t.lines) || string(t.written(i)) != w {
		return nil
	}
	line := t.b[t.lines[i]:]
	line = line[:bytes.IndexByte(line, '\n')]
	_, rest, _ := bytes.Cut(line, []byte{'\t'})
	var out []dictReading
	for len(rest) > 0 {
		var item []byte
		item, rest, _ = bytes.Cut(rest, []byte{' '})
		kana, tail, _ := bytes.Cut(item, []byte{'/'})
		roles, w, _ := bytes.Cut(tail, []byte{'/'})
		r := dictReading{kana: string(kana)}
		for _, c := range roles {
			switch c {
			case 's':
				r.roles |= roleSurname
			case 'g':
				r.roles |= roleGiven
			}
		}
		n, _ := strconv.Atoi(string(w))
		r.weight = float64(n) / 4
		out = append(out, r)
	}
	return out
}

// written returns the written form on data line i.
func (t *kanjiNames) written(i int) []byte {
	line := t.b[t.lines[i]:]
	if j := bytes.IndexByte(line, '\t'); j >= 0 {
		return line[:j]
	}
	return line
}

// charReading is a reading a kanji takes inside names, with the log of
// its share among that kanji's readings at the start of a name and
// inside it.
type charReading struct {
	kana            string
	initial, medial float64
}

var jaKanjiChars = sync.OnceValue(func() map[rune][]charReading {
	b := unzstd(jaKanjiCharsZst)
	lines := dataLines(b)
	m := make(map[rune][]charReading, len(lines))
	for _, off := range lines {
		line := b[off:]
		line = line[:bytes.IndexByte(line, '\n')]
		c, rest, _ := bytes.Cut(line, []byte{'\t'})
		r, _ := utf8.DecodeRune(c)
		var rs []charReading
		var ti, tm float64
		for len(rest) > 0 {
			var item []byte
			item, rest, _ = bytes.Cut(rest, []byte{' '})
			kana, tail, _ := bytes.Cut(item, []byte{'/'})
			a, md, _ := bytes.Cut(tail, []byte{'/'})
			na, _ := strconv.Atoi(string(a))
			nm, _ := strconv.Atoi(string(md))
			rs = append(rs, charReading{kana: string(kana), initial: float64(na), medial: float64(nm)})
			ti += float64(na)
			tm += float64(nm)
		}
		for i := range rs {
			// smoothed: a reading seen only inside names stays possible at
			// the start, and the reverse, at a cost
			rs[i].initial = fpmath.Log((rs[i].initial + 0.5) / (ti + 0.5*float64(len(rs))))
			rs[i].medial = fpmath.Log((rs[i].medial + 0.5) / (tm + 0.5*float64(len(rs))))
		}
		m[r] = rs
	}
	return m
})
