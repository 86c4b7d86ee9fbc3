package normalize_test

import (
	"fmt"
	"strings"

	"kinlink/normalize"
)

func ExampleParseFull() {
	for _, s := range []string{"Ri Ho Rim", "Lee Ho-rim", "리호림", "Ōno Shin'ichi", "OHNO SHINICHI", "おおの しんいち"} {
		n := normalize.ParseFull(s, normalize.Unknown)[0]
		fmt.Printf("%-15s %s %q\n", s, n.Origin, n.Key)
	}
	// Output:
	// Ri Ho Rim       ko "lee horim"
	// Lee Ho-rim      ko "lee horim"
	// 리호림             ko "lee horim"
	// Ōno Shin'ichi   ja "ono shinichi"
	// OHNO SHINICHI   ja "ono shinichi"
	// おおの しんいち        ja "ono shinichi"
}

func ExampleParseFull_order() {
	n := normalize.ParseFull("Horim LEE", normalize.Unknown)[0]
	fmt.Println(n.Family, "/", n.Given, "/", n.Key)
	// Output: LEE / Horim / lee horim
}

func ExampleParse() {
	for _, n := range normalize.Parse("Kan", "Yumi", normalize.Unknown) {
		fmt.Println(n.Origin, n.Key, n.Variants)
	}
	// Output:
	// ko gan yumi [kan yumi]
	// ja kan yumi [gan yumi]
}

func ExampleKey() {
	fmt.Println(normalize.Key("Shimbashi", normalize.Japanese), normalize.Key("Sinbasi", normalize.Japanese))
	fmt.Println(normalize.Key("Ch'ŏl-su", normalize.Korean), normalize.Key("Cheolsu", normalize.Korean))
	// Output:
	// shinbashi shinbashi
	// jorsu jorsu
}

func ExampleRomanizeKana() {
	for _, sys := range normalize.JapaneseSystems {
		fmt.Printf("%s: %s\n", sys, normalize.RomanizeKana("しんばし", sys))
	}
	// Output:
	// hepburn: shinbashi
	// hepburn-traditional: shimbashi
	// hepburn-nomacron: shinbashi
	// passport: shimbashi
	// passport-oh: shimbashi
	// kunrei: sinbasi
	// nihon-shiki: sinbasi
	// wapuro: shinbashi
}

func ExampleRomanizeHangul() {
	for _, sys := range normalize.KoreanSystems {
		fmt.Printf("%s: %s\n", sys, strings.Join(normalize.RomanizeHangul("최태평", sys), " "))
	}
	// Output:
	// rr: choe tae pyeong
	// mr: ch'oe t'ae p'yŏng
	// mr-plain: choe tae pyong
	// dprk: choe thae phyong
	// yale: choy thay phyeng
	// odni: ch'oe t'ae p'yo'ng
}

func ExampleKoreanSurnameSpellings() {
	for _, s := range normalize.KoreanSurnameSpellings("박") {
		fmt.Printf("%s %.4f\n", s.Spelling, s.Share)
	}
	fmt.Println(normalize.SurnameClass("bak", normalize.Korean), normalize.SurnameShare("park", normalize.Korean))
	// Output:
	// Park 0.9659
	// Bak 0.0161
	// Pak 0.0151
	// Bark 0.0010
	// Pack 0.0010
	// Bac 0.0010
	// park 0.084
}
