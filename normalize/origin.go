package normalize

import "fmt"

// Origin is the linguistic origin of a name: which romanisation systems and
// surname tables apply to it.
type Origin uint8

const (
	// Unknown asks the parser to decide from the script, the known surname
	// tables and the shape of the name ("auto").
	Unknown Origin = iota
	// Japanese names: kana, Hepburn, Kunrei, Nihon-shiki, passport, wāpuro.
	Japanese
	// Korean names: Hangul, RR, McCune–Reischauer, DPRK, Yale, ODNI, customary.
	Korean
)

// String returns "auto", "ja" or "ko".
func (o Origin) String() string {
	switch o {
	case Japanese:
		return "ja"
	case Korean:
		return "ko"
	}
	return "auto"
}

// MarshalText encodes o as String does.
func (o Origin) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText decodes what ParseOrigin accepts.
func (o *Origin) UnmarshalText(b []byte) error {
	v, err := ParseOrigin(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// ErrOrigin is returned (wrapped) by ParseOrigin for an unknown origin name.
var ErrOrigin = fmt.Errorf("unknown origin (want auto, ja or ko)")

// ParseOrigin parses "auto" (or ""), "ja" or "ko". Upper case and the long
// forms "japanese" and "korean" are accepted too.
func ParseOrigin(s string) (Origin, error) {
	switch s {
	case "", "auto", "AUTO", "Auto", "unknown":
		return Unknown, nil
	case "ja", "JA", "Ja", "jp", "JP", "japanese", "Japanese":
		return Japanese, nil
	case "ko", "KO", "Ko", "kr", "KR", "korean", "Korean":
		return Korean, nil
	}
	return Unknown, fmt.Errorf("%q: %w", s, ErrOrigin)
}
