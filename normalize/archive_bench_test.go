package normalize_test

import (
	"testing"

	"kinlink/datasets"
	"kinlink/normalize"
	"kinlink/records"
)

// archiveSample is a slice of the generator's archive (seed 11, as the
// README's whole runs), the mix of scripts and spellings the matcher
// normalises record by record.
var archiveSample = func() func(b *testing.B) []records.Record {
	var recs []records.Record
	return func(b *testing.B) []records.Record {
		if recs == nil {
			_, arch, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 11, Missing: 100, Archive: 4096})
			if err != nil {
				b.Fatal(err)
			}
			recs = arch
		}
		return recs
	}
}()

// BenchmarkParseArchive measures one archive record read as the matcher
// reads it (ParseInto or ParseFullInto, the record's origin), cycling
// through the sample.
func BenchmarkParseArchive(b *testing.B) {
	recs := archiveSample(b)
	var names []normalize.Name
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := &recs[i%len(recs)]
		origin, _ := normalize.ParseOrigin(r.Origin)
		if r.FamilyName != "" || r.GivenName != "" {
			names = normalize.ParseInto(names, r.FamilyName, r.GivenName, origin)
		} else {
			names = normalize.ParseFullInto(names, r.FullName, origin)
		}
	}
}
