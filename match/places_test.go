package match

import "testing"

// TestPlacesAsWritten checks that the writings of one birth place meet
// exactly: a Korean province or city in kanji, in Hangul, romanised from
// Korean (RR, MR) and read in Japanese; a Japanese prefecture with or
// without its suffix, in kanji, kana or letters. And that places apart
// stay apart.
func TestPlacesAsWritten(t *testing.T) {
	same := [][]string{
		{"慶尚南道", "慶尙南道", "慶尚南", "경상남도", "Gyeongsangnam-do", "Kyŏngsang-namdo", "KYONGSANGNAMTO", "Keishō-nandō", "Keishonando", "ケイショウナンドウ"},
		{"全羅北道", "전라북도", "Jeollabuk-do", "Chŏlla-pukto", "Chŏnrapukto", "Zenra-hokudō"},
		{"京城", "京城府", "서울", "Seoul", "Keijō", "경성"},
		{"平壌", "평양", "Pyongyang", "P'yŏngyang", "Heijo"},
		{"広島県", "広島", "Hiroshima-ken", "Hiroshima", "ひろしま"},
		{"大阪府", "Ōsaka-fu", "OSAKA"},
		{"東京都", "Tokyo"},
	}
	for _, ws := range same {
		for _, w := range ws[1:] {
			if l := placeLevel(foldPlace(ws[0]), foldPlace(w)); l != placeExact {
				t.Errorf("%s and %s: level %d (keys %q, %q), want exact", ws[0], w, l, foldPlace(ws[0]), foldPlace(w))
			}
		}
	}
	apart := [][2]string{
		{"慶尚南道", "慶尚北道"}, {"Keishonando", "Keishohokudo"}, {"全羅南道", "慶尚南道"},
		{"Shinshu", "Jinju"}, // 信州 (Nagano) is not 晋州
		{"京都", "京城"}, {"Seoul", "Busan"}, {"広島", "福岡"},
	}
	for _, p := range apart {
		if l := placeLevel(foldPlace(p[0]), foldPlace(p[1])); l == placeExact {
			t.Errorf("%s and %s meet exactly (keys %q, %q)", p[0], p[1], foldPlace(p[0]), foldPlace(p[1]))
		}
	}
}
