package normalize

import "testing"

var benchSink []Name

// BenchmarkParse measures one archive record with two ASCII name fields.
func BenchmarkParse(b *testing.B) {
	cases := []struct{ name, family, given string }{
		{"korean", "Ri", "Ho Rim"},
		{"japanese", "OHNO", "SHINICHI"},
		{"ambiguous", "Ko", "Yumi"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				benchSink = Parse(c.family, c.given, Unknown)
			}
		})
	}
}

// BenchmarkParseOrigin measures Parse with the origin known.
func BenchmarkParseOrigin(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		benchSink = Parse("Lee", "Ho-rim", Korean)
	}
}

var keySink string

func BenchmarkKey(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		keySink = Key("Shimbashi", Japanese)
	}
}
