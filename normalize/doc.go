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
// Kanji and hanja cannot be read without a dictionary: except for the
// surnames in the tables they are kept in Family and Given, the name is
// marked not Readable, and they stand in the keys as "x" and their decimal
// code point, so that identical characters still compare equal.
//
// Everything here is a pure function of its arguments; the tables are built
// once at start-up and never change. Parse on plain ASCII input allocates
// only its result.
package normalize
