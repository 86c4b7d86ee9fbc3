package normalize

import (
	"math/rand/v2"
	"testing"
)

// readingsMeet reports whether some reading of a (key or variant) is a
// reading of b, both read as one full Korean name.
func readingsMeet(a, b string) bool {
	keys := map[string]bool{}
	for _, n := range ParseFull(a, Korean) {
		keys[n.Key] = true
	}
	for _, n := range ParseFull(b, Korean) {
		if keys[n.Key] {
			return true
		}
	}
	return false
}

// koReadingRules: one row per rule of the extra Korean readings; the
// names are made up for the rule.
var koReadingRules = []struct {
	a, b string
	meet bool
	rule string
}{
	// customary vowels, read the other way as an extra reading
	{"Kim Hyunmi", "Gim Hyeonmi", true, "customary yu for ㅕ in a closed syllable (현)"},
	{"Kim Hyunmi", "김현미", true, "likewise against Hangul"},
	{"Pak Jungho", "Bak Jeongho", true, "customary u for ㅓ in a closed syllable (정)"},
	{"Pak Jungho", "박중호", true, "the letters' own reading stays (중)"},
	{"Yun Sunae", "윤선애", true, "u before an n that may close it (선애)"},
	{"Choi Sujin", "최서진", false, "u in an open syllable is ㅜ only"},
	{"Choi Yunhee", "최연희", false, "yu without an initial consonant is ㅠ only: Yun is 윤"},
	{"Choi Yunhee", "최윤희", true, "likewise: the letters' own reading"},
	{"Choi Unju", "최언주", false, "u without an initial consonant is ㅜ or ㅡ only"},
	{"Kang Sŏ-ch'un", "강서천", false, "MR (breves): u is ㅜ only"},
	{"Kang Sŏ-ch'un", "강서춘", true, "MR (breves): u is ㅜ"},
	{"Kang So-ch'un", "강소천", false, "MR (an aspirate's apostrophe): u is ㅜ only"},
	{"Gim Hyunmi", "김현미", false, "a family name only the systems spell so (Gim): u is ㅜ only"},
	{"Gim Hyunmi", "김휸미", true, "likewise: the letters' own reading"},
	{"Bak Sunok", "박선옥", false, "Bak: u is ㅜ only"},
	{"Park Sunok", "박선옥", true, "Park, as its bearers write it: u may be ㅓ"},
	{"Choe Sunok", "최선옥", true, "Choe, which one bearer in twenty writes: u may be ㅓ"},
	{"I Hijin", "이희진", false, "I, RR's spelling: hi is 히 only"},
	{"Pak Jungho", "박정호", true, "Pak, MR's spelling, which bearers choose too: u may be ㅓ"},
	{"Sunok Bak", "박순옥", true, "given name first, the system's reading"},
	{"Sunok Bak", "박선옥", false, "given name first, still no customary reading"},
	{"Han Heesun", "Han Huiseon", true, "hee for 희"},
	{"Han Hijin", "한희진", true, "hi for 희"},
	{"Han Heesun", "한히순", true, "the letters keep their own reading (히순)"},
	{"Han Heesun", "한히선", false, "one extra reading: every ambiguous syllable read the other way, not each"},
	{"O Youngmin", "오영민", true, "you before ng is ㅕ"},
	{"O Youngmin", "오융민", false, "you before ng is not read ㅠ (융 is rare in names)"},
	{"Jo Anyŏl", "조안렬", true, "렬 after ㄴ or a vowel is 열"},
	{"Sama Kwang", "사마광", true, "a Chinese compound surname, as Korean reads it"},
	{"Kongson Sul", "공손술", true, "the compound surname is the family name, not Sul (설)"},
	{"成俔", "Sŏng Hyŏn", true, "hanja: a surname folded into a class (성 in 송)"},
	{"南宮檍", "Namgung Ŏk", true, "hanja: a surname of two characters"},
	{"吳白龍", "O Paeng-nyong", true, "hanja: read, then pronounced"},
	{"Mun Hakkyu", "문학규", true, "a doubled consonant: a final and an initial"},
	{"Mun Hakkyu", "문하뀨", true, "or a tense initial"},
	{"Jang Daeun", "장다은", true, "RR aeu: 다은"},
	{"Jang Daeun", "장대운", true, "RR aeu: 대운"},
	{"Song Woojin", "송우진", true, "customary woo for 우"},
	// sound changes: the pronounced reading
	{"Ha Pongnam", "하복남", true, "nasalisation: ㄱ before ㄴ is ㅇ"},
	{"Ha Pongnam", "Ha Boknam", true, "likewise against RR"},
	{"Ryu Simmun", "류십문", true, "nasalisation: ㅂ before ㅁ is ㅁ"},
	{"Ko Chŏng-no", "고정로", true, "ㄹ after ㅇ is ㄴ"},
	{"Ko Sŏng-nyŏl", "고석렬", true, "ㄹ after ㄱ is ㄴ, and the ㄱ ㅇ"},
	{"Nam Hal-lim", "남한림", true, "liquidisation: ㄴㄹ is ㄹㄹ"},
	{"Nam Chil-lyŏ", "남진녀", false, "ㄴㄴ stays"},
	{"Chu Sŏl-lan", "주설난", true, "liquidisation: ㄹㄴ is ㄹㄹ"},
	{"Pyŏn Nak-kyun", "변낙균", true, "a given name's first syllable is read as written"},
	{"Pyŏn Nak-kyun", "변락균", true, "and by the initial-sound law: 락 is 낙"},
	{"Kim Yŏng-ho", "김령호", true, "initial-sound law: 령 is 영"},
	{"Kim Pae-k'yŏn", "김백현", true, "aspiration: ㄱ and ㅎ are ㅋ"},
	{"Kim Pong-ho", "김복호", false, "aspiration does not make ㅇ of ㄱ"},
	// a lone word in Hangul is also read whole
	{"울산", "Ulsan", true, "a Hangul word read unsplit, as its romanisation is"},
	{"강동", "Kangdong", true, "even when it starts with a surname"},
}

func TestKoreanReadings(t *testing.T) {
	for _, r := range koReadingRules {
		if got := readingsMeet(r.a, r.b); got != r.meet {
			t.Errorf("%s: %q and %q meet=%v, want %v (%v / %v)", r.rule, r.a, r.b, got, r.meet, ParseFull(r.a, Korean), ParseFull(r.b, Korean))
		}
	}
}

// TestKoreanReadingsLoose checks that the extra readings are marked loose,
// come after the reading of the letters, and keep the surname's class.
func TestKoreanReadingsLoose(t *testing.T) {
	ns := Parse("Lee", "Hyunjung", Korean)
	if len(ns) < 2 || ns[0].Loose || ns[0].GivenKey != "hyunjung" {
		t.Fatalf("Parse(Lee, Hyunjung) = %+v, want the letters' reading first", ns)
	}
	found := false
	for _, n := range ns[1:] {
		if n.GivenKey == "hyonjong" {
			found = true
			if !n.Loose || n.FamilyKey != "lee" {
				t.Errorf("extra reading %+v: want loose, family lee", n)
			}
		}
	}
	if !found {
		t.Errorf("Parse(Lee, Hyunjung) = %+v: no reading hyonjong", ns)
	}
	if ns := Parse("Lee", "Mija", Korean); len(ns) != 1 {
		t.Errorf("Parse(Lee, Mija) = %+v: want one reading, nothing to read otherwise", ns)
	}
}

// TestSwappedFields checks that a Korean surname in the given field is
// also read as the family name, after the fields as given.
func TestSwappedFields(t *testing.T) {
	cases := []struct {
		family, given string
		want          string // FamilyKey of some reading after the first; "" for none
	}{
		{"Sunok", "I", "lee"},
		{"Minjae", "Bak", "park"},
		{"Yongsu", "Gang", "kang"},
		{"순옥", "이", "lee"},
		{"Lee", "Kim", ""},      // both surnames: as given
		{"Minjae", "Hana", ""},  // no surname in the given field
		{"Namgoong", "Min", ""}, // a surname of two syllables in the family field
	}
	for _, c := range cases {
		ns := Parse(c.family, c.given, Unknown)
		got := ""
		for _, n := range ns[1:] {
			if n.Family == c.given && n.Given == c.family {
				got = n.FamilyKey
			}
		}
		if got != c.want {
			t.Errorf("Parse(%q, %q): swapped reading family %q, want %q (%+v)", c.family, c.given, got, c.want, ns)
		}
		if ns[0].Family != c.family {
			t.Errorf("Parse(%q, %q): first reading %+v, want the fields as given", c.family, c.given, ns[0])
		}
	}
}

// TestKoreanRRSurnames checks which family-name spellings mark a name
// written in RR: RR's spelling when few bearers choose it.
func TestKoreanRRSurnames(t *testing.T) {
	for _, c := range []struct {
		spelling string
		rr       bool
	}{
		{"gim", true}, {"bak", true}, {"i", true}, {"gang", true},
		{"kim", false}, {"park", false}, {"lee", false}, // the customary majority
		{"pak", false}, {"yi", false}, // MR's spellings, which bearers choose as much as Bak
		{"choe", false},  // RR's, but one bearer in twenty writes it
		{"jeong", false}, // as common as Jung among its bearers
		{"jo", false},    // no shares observed: not marked
	} {
		cl := tables.koByRaw[c.spelling]
		if cl == nil {
			t.Fatalf("%s: no surname class", c.spelling)
		}
		if got := cl.rareRR == c.spelling; got != c.rr {
			t.Errorf("%s: an RR spelling rare among bearers = %v, want %v", c.spelling, got, c.rr)
		}
	}
}

// TestSurnameTablesStable checks that the surname tables come out the
// same each time they are built: two spellings of different surnames
// may read as one canonical syllable (Sur of 서, Sul of 설), and the
// first in the table must win, whatever order a map gives.
func TestSurnameTablesStable(t *testing.T) {
	for range 8 {
		again := loadSurnameTables()
		for canon, c := range tables.koByCanon {
			if d := again.koByCanon[canon]; d == nil || d.key != c.key {
				t.Fatalf("canonical %q: class %s, then %v", canon, c.key, d)
			}
		}
	}
}

// TestKoPronounceChanges checks the read-only test that saves building
// the pronounced reading against koPronounce itself: every syllable and
// pair of syllables, and random names of up to maxKoTracked syllables.
func TestKoPronounceChanges(t *testing.T) {
	var all []koSyllable
	for ini := range numKoInitials {
		for vow := range numKoVowels {
			for fin := range numKoFinals {
				all = append(all, koSyllable{uint8(ini), uint8(vow), uint8(fin)})
			}
		}
	}
	check := func(syl []koSyllable) {
		t.Helper()
		var out [maxKoTracked]koSyllable
		if got, want := koPronounceChanges(syl), koPronounce(syl, out[:len(syl)]); got != want {
			t.Fatalf("koPronounceChanges(%v) = %v, koPronounce says %v", syl, got, want)
		}
	}
	check(nil)
	for _, a := range all {
		check([]koSyllable{a})
		for _, b := range all {
			check([]koSyllable{a, b})
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		syl := make([]koSyllable, 1+rng.IntN(maxKoTracked))
		for k := range syl {
			// mostly the syllables the rules look at
			s := all[rng.IntN(len(all))]
			if rng.IntN(2) == 0 {
				s.ini = []uint8{kiR, kiN, kiM, kiH, kiNone}[rng.IntN(5)]
			}
			syl[k] = s
		}
		check(syl)
	}
}
