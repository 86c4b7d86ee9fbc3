// Package normalize reads Japanese and Korean personal names written in any
// romanisation system, in kana or in Hangul, and reduces them to canonical
// comparison keys: Ri Ho Rim, Lee Ho-rim, Yi Horim and 리호림 all have the key
// "lee horim"; Ōno Shin'ichi, OHNO SHINICHI, Oono Sin'iti and おおの しんいち all
// have "ono shinichi".
//
// Parse reads separate family and given fields, ParseFull one full-name
// field (deciding the name order), Key one name part. Each returns the
// readings that stay plausible, best first, so that a caller unsure of the
// origin or the order can try them all. Keys are lower-case ASCII, lose what
// the romanisation systems lose (long vowels, the ㅓ/ㅗ distinction, aspiration),
// and are fixed points: the key of a key is the key.
//
// RomanizeKana and RomanizeHangul go the other way, from script into each
// system; KoreanSurnameSpellings, SurnameClass and SurnameShare expose the
// embedded surname tables (see data/README.md for their sources).
//
// Hangul is read as Korean and, when it is the Korean transcription of a
// Japanese name (히가시야마도모꼬, 가네꼬 아유미: no finals but ㄴ and ㅅ, a
// surname of two or more syllables), also as Japanese: each syllable back
// to the kana it stands for, a plain stop voiceless at the start of a word
// and voiced inside it. Japanese romanised Korean-style from such Hangul
// (SUJUKKI, Jjuttomu, Nakkata) meets its Hepburn spelling because the
// Japanese key drops gemination and reads ju as zu, jj as ts or ch.
//
// Japanese names in kanji are read with names dictionaries embedded as
// compressed tables (data/README.md): each part's readings, ranked by how
// common they are in its role (surname, given name) and how regularly the
// kanji give them; a name the dictionaries lack is composed from the names
// they know inside it and single kanji read as names read them. The best
// readings are returned as names, further ones as Variants, and the kanji
// as written stay a reading too: not Readable, standing in the key as "x"
// and their decimal code points, so that identical characters still
// compare equal (kanji no table knows are only that; a Korean reading
// keeps their code points too, never folding the rest of the part into
// a surname). A part no table reads stays as written beside the readings
// of the other part (𡈽田 茂: x135741x30000 shigeru), and
// FamilyReadable and GivenReadable tell which part is read. A kanji the
// tables do not read is read as its variant form that they read (髙 as
// 高, 﨑 as 崎: kanjivar.go) when the name is not listed as written. The same
// tables split kana and kanji full names written without a space
// (segment.go) and weigh which word of a romanised full name is the family
// name. They are loaded the first time they are needed.
//
// Hanja are read as Hangul, one syllable each, from Unihan's kHangul
// (李 리, 金 금; a surname by the surname table: 金 is 김; a character
// without kHangul as its variant that has it, 髙 고), and the Korean
// name is then read as Hangul is.
//
// A Korean reading may come with loose readings (Name.Loose), which add
// matches without merging keys: customary spellings read the other way
// (u for ㅓ before a final or n: Hyunjung is also 현정; hee and hi for 희; a
// doubled consonant as a final and an initial; RR aeu as 대운 as well as
// 다은; u, yu and hi keep RR's reading when the family name is spelled as
// RR spells it and hardly any bearer does, Gim or Bak), and the
// pronounced reading of a name of two or more syllables (the
// initial-sound law, nasalisation, liquidisation, ㄹ read ㄴ, aspiration:
// 덕룡 is also 덩뇽, so that MR's Tŏng-nyong meets it). A lone Hangul word
// is also read unsplit (울산 = Ulsan), and Parse also reads a Korean surname
// found in the given field as the family name (Seojin Bak), after the
// fields as given.
//
// Everything here is a pure function of its arguments; the tables are built
// once at start-up and never change. Parse on plain ASCII input allocates
// only its result.
package normalize
