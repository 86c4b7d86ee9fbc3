package match

import (
	"strings"
	"sync"
	"unicode"

	"kinlink/normalize"
)

// Korean places as Japanese records write them.
//
// Records of the colonial era and of Koreans in Japan give a Korean's
// birth place or registered domicile (本籍) by its province or city in
// kanji, read in Japanese (慶尚南道, Keishō-nandō), where Korean records
// write it in Hangul (경상남도) and romanise the Korean sound
// (Gyeongsangnam-do). No rule turns one sound into the other, so the
// provinces of 1896–1945 and the larger cities are listed with their three
// writings, and every writing of one place folds to the same keys. Left
// out: the cities whose Japanese reading is also a Japanese region's
// (光州 Kōshū and 甲州, 晋州 Shinshū and 信州), which would meet.
// Source: the administrative divisions of Korea under Japanese rule
// (13 provinces, 1896; the cities (府) of 1914–1945) with their Japanese
// readings, and their names in Hangul; Seoul was 京城 (Keijō, 경성) then.
var koreanPlaces = []struct {
	hanja, hangul, japanese string
	also                    []string // romanisations of the Korean name (RR, MR) and other names
}{
	{"京畿道", "경기도", "Keiki-dō", []string{"Gyeonggi-do", "Kyŏnggi-do"}},
	{"江原道", "강원도", "Kōgen-dō", []string{"Gangwon-do", "Kangwŏn-do"}},
	{"忠清北道", "충청북도", "Chūsei-hokudō", []string{"Chungcheongbuk-do", "Ch'ungch'ŏng-pukto"}},
	{"忠清南道", "충청남도", "Chūsei-nandō", []string{"Chungcheongnam-do", "Ch'ungch'ŏng-namdo"}},
	{"全羅北道", "전라북도", "Zenra-hokudō", []string{"Jeollabuk-do", "Chŏlla-pukto"}},
	{"全羅南道", "전라남도", "Zenra-nandō", []string{"Jeollanam-do", "Chŏlla-namdo"}},
	{"慶尚北道", "경상북도", "Keishō-hokudō", []string{"Gyeongsangbuk-do", "Kyŏngsang-pukto", "慶尙北道"}},
	{"慶尚南道", "경상남도", "Keishō-nandō", []string{"Gyeongsangnam-do", "Kyŏngsang-namdo", "慶尙南道"}},
	{"黄海道", "황해도", "Kōkai-dō", []string{"Hwanghae-do"}},
	{"平安北道", "평안북도", "Heian-hokudō", []string{"Pyeonganbuk-do", "P'yŏngan-pukto"}},
	{"平安南道", "평안남도", "Heian-nandō", []string{"Pyeongannam-do", "P'yŏngan-namdo"}},
	{"咸鏡北道", "함경북도", "Kankyō-hokudō", []string{"Hamgyeongbuk-do", "Hamgyŏng-pukto"}},
	{"咸鏡南道", "함경남도", "Kankyō-nandō", []string{"Hamgyeongnam-do", "Hamgyŏng-namdo"}},
	{"済州島", "제주도", "Saishū-tō", []string{"Jeju-do", "Cheju-do", "濟州島"}},
	{"京城", "서울", "Keijō", []string{"Seoul", "Sŏul", "경성", "Gyeongseong", "Kyŏngsŏng", "京城府", "漢城", "한성", "Hanseong"}},
	{"平壌", "평양", "Heijō", []string{"Pyongyang", "P'yŏngyang", "平壤"}},
	{"釜山", "부산", "Fuzan", []string{"Busan", "Pusan"}},
	{"大邱", "대구", "Taikyū", []string{"Daegu", "Taegu"}},
	{"仁川", "인천", "Jinsen", []string{"Incheon", "Inch'ŏn"}},
	{"大田", "대전", "Taiden", []string{"Daejeon", "Taejŏn"}},
	{"元山", "원산", "Gensan", []string{"Wonsan", "Wŏnsan"}},
	{"咸興", "함흥", "Kankō", []string{"Hamheung", "Hamhŭng"}},
	{"清津", "청진", "Seishin", []string{"Cheongjin", "Ch'ŏngjin"}},
	{"新義州", "신의주", "Shingishū", []string{"Sinuiju", "Sinŭiju"}},
	{"開城", "개성", "Kaijō", []string{"Gaeseong", "Kaesŏng"}},
	{"木浦", "목포", "Moppo", []string{"Mokpo", "Mokp'o"}},
	{"全州", "전주", "Zenshū", []string{"Jeonju", "Chŏnju"}},
	{"群山", "군산", "Gunzan", []string{"Gunsan", "Kunsan"}},
}

// placeCanon maps the keys of every writing of a listed place in
// letters, Hangul or kana (each read as Korean and as Japanese) to the
// place's keys: those of its Hangul name read as Korean, and of its
// Japanese reading read as Japanese; and its writings in kanji, as
// written and without their last administrative character (慶尚南道,
// 慶尚南), to the same keys. Kanji are looked up as written, not read:
// reading them would load the kanji names tables (30 MB) into every run,
// whether or not its records hold a kanji. A key that two places'
// writings share is dropped: it could not tell them apart.
type placeTables struct {
	keys  map[string][2]string // by key
	kanji map[string][2]string // by writing in kanji
}

var placeCanon = sync.OnceValue(func() placeTables {
	t := placeTables{keys: map[string][2]string{}, kanji: map[string][2]string{}}
	ambiguous := map[string]bool{}
	for _, p := range koreanPlaces {
		keys := [2]string{placeKey(p.hangul, normalize.Korean), placeKey(p.japanese, normalize.Japanese)}
		for _, w := range append([]string{p.hanja, p.hangul, p.japanese}, p.also...) {
			if hasHan(w) {
				t.kanji[w] = keys
				t.kanji[stripPlaceSuffixChar(w)] = keys
				continue
			}
			for _, k := range rawPlaceKeys(w) {
				if k == "" {
					continue
				}
				if old, ok := t.keys[k]; ok && old != keys {
					ambiguous[k] = true
				}
				t.keys[k] = keys
			}
		}
	}
	for k := range ambiguous {
		delete(t.keys, k)
	}
	return t
})

// hasHan reports whether s holds a kanji.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// rawPlaceKeys are a place name's keys read as Korean and as Japanese,
// before the listed places are looked up.
func rawPlaceKeys(s string) [2]string {
	return [2]string{placeKey(s, normalize.Korean), placeKey(s, normalize.Japanese)}
}

// placeSuffixes are the administrative words a place name ends in, in
// kanji (県 府 都 道: prefecture, province; 郡 county) and in letters
// once read; they are dropped so that 広島県, Hiroshima-ken and Hiroshima
// meet. The letters are tried after the kanji.
var (
	placeSuffixChars = []string{"県", "府", "都", "道", "郡"}
	placeSuffixes    = []string{"prefecture", "province", "ken", "fu", "do", "to"}
)

// stripPlaceSuffixChar drops the administrative character a place name
// in kanji ends in, when two characters or more are left.
func stripPlaceSuffixChar(s string) string {
	s = strings.TrimSpace(s)
	for _, c := range placeSuffixChars {
		if rest, ok := strings.CutSuffix(s, c); ok && len(rest) >= 2*len(c) {
			return rest
		}
	}
	return s
}

func placeKey(s string, o normalize.Origin) string {
	k := strings.ReplaceAll(normalize.Key(stripPlaceSuffixChar(s), o), " ", "")
	for _, suffix := range placeSuffixes {
		if len(k) > len(suffix)+2 && strings.HasSuffix(k, suffix) {
			k = strings.TrimSuffix(k, suffix)
			break
		}
	}
	return k
}
