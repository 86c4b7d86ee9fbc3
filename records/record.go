// Package records reads and writes the files kinlink works on: people sought
// and archive records (CSV, TSV or Parquet, with column detection, id checks
// and rejects), matches files, ground truth and labels, all written
// atomically. It knows nothing of how names are compared; match, datasets
// and the command line build on it.
package records

import "strings"

// Record is one row of a list of people sought or of an archive. Empty
// strings and a zero BirthYear mean "unknown"; they are never an error.
type Record struct {
	ID         string // unique within its file
	FamilyName string // as written by the source, any script
	GivenName  string
	FullName   string // used when family and given are not separate
	BirthYear  int    // 0 when unknown; the first year of a range
	// BirthYearSpan is the width of a range of years (193? is 1930 with
	// span 9); 0 for one year.
	BirthYearSpan int
	Sex           string // "M", "F" or ""
	BirthPlace    string
	AltNames      string // other names (maiden, married, aliases), ';'-separated
	Origin        string // "ja", "ko" or "" (auto)
	// The kana readings of the names (フリガナ), when the source gives
	// them beside names in kanji: each part's, or the whole name's.
	FamilyNameKana, GivenNameKana, FullNameKana string
	Line                                        int64 // where the record stands in its file (CSV line or Parquet row), 0 if not read from a file
	// Warning, when not nil, says what the reader could not read of a row
	// it kept (a birth year it could not read is left unknown): it belongs
	// in the rejects file as a warning.
	Warning *RowError
}

// Name returns the record's name for display: family then given, or the full
// name when the parts are not separate.
func (r *Record) Name() string {
	switch {
	case r.FamilyName != "" && r.GivenName != "":
		return r.FamilyName + " " + r.GivenName
	case r.FamilyName != "":
		return r.FamilyName
	case r.GivenName != "":
		return r.GivenName
	case r.FullName != "":
		return r.FullName
	case r.FullNameKana != "":
		return r.FullNameKana
	}
	return strings.TrimSpace(r.FamilyNameKana + " " + r.GivenNameKana)
}
