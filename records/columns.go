package records

import (
	"fmt"
	"sort"
	"strings"
)

// The fields kinlink reads from an input file. Each is found in the header by
// one of its aliases (see Aliases) or named with a ColumnMap.
const (
	FieldID         = "id"
	FieldFamilyName = "family_name"
	FieldGivenName  = "given_name"
	FieldFullName   = "full_name"
	FieldBirthYear  = "birth_year"
	FieldSex        = "sex"
	FieldBirthPlace = "birth_place"
	FieldAltNames   = "alt_names"
	FieldOrigin     = "origin"
	// The kana readings that Japanese registers write beside names in
	// kanji (フリガナ).
	FieldFamilyNameKana = "family_name_kana"
	FieldGivenNameKana  = "given_name_kana"
	FieldFullNameKana   = "full_name_kana"
)

// Fields lists the fields in the order of the Record struct.
var Fields = []string{
	FieldID, FieldFamilyName, FieldGivenName, FieldFullName, FieldBirthYear,
	FieldSex, FieldBirthPlace, FieldAltNames, FieldOrigin,
	FieldFamilyNameKana, FieldGivenNameKana, FieldFullNameKana,
}

// aliases are the header names recognised for each field, compared after
// lower-casing and turning spaces and hyphens into underscores.
var aliases = map[string][]string{
	FieldID: {"id", "record_id", "person_id", "query_id", "candidate_id", "ref", "reference",
		"番号", "整理番号", "番號", "번호", "관리번호", "일련번호", "연번"},
	FieldFamilyName: {"family_name", "family", "surname", "last_name", "lastname", "familyname",
		"姓", "氏", "苗字", "名字", "姓氏", "성", "성씨"},
	FieldGivenName: {"given_name", "given", "forename", "forenames", "first_name", "firstname", "givenname",
		"名"},
	FieldFullName: {"full_name", "fullname", "name",
		"氏名", "姓名", "名前", "성명", "이름"},
	FieldBirthYear: {"birth_year", "year_of_birth", "yob", "birthyear", "birth_date", "date_of_birth", "dob", "birthdate",
		"生年月日", "生年", "出生年", "出生年月日", "생년월일", "생년", "출생년도", "출생연도", "출생년월일"},
	FieldSex: {"sex", "gender", "性別", "성별"},
	FieldBirthPlace: {"birth_place", "place_of_birth", "birthplace", "pob",
		"出生地", "出身地", "本籍", "本籍地", "출생지", "출신지", "본적", "본적지"},
	FieldAltNames: {"alt_names", "aliases", "alias", "other_names", "alternative_names",
		"別名", "通名", "通称", "通稱", "이명", "별명", "통명", "창씨명", "일본명"},
	FieldOrigin: {"origin", "name_origin"},
	FieldFamilyNameKana: {"family_name_kana", "family_kana", "surname_kana", "last_name_kana", "family_name_furigana",
		"family_furigana", "surname_furigana", "furigana_family", "kana_family", "セイ", "せい", "姓カナ", "姓_カナ", "姓(カナ)", "姓ふりがな", "姓フリガナ", "氏カナ", "氏フリガナ"},
	FieldGivenNameKana: {"given_name_kana", "given_kana", "first_name_kana", "forename_kana", "given_name_furigana",
		"given_furigana", "first_name_furigana", "furigana_given", "kana_given", "メイ", "めい", "名カナ", "名_カナ", "名(カナ)", "名ふりがな", "名フリガナ"},
	FieldFullNameKana: {"full_name_kana", "name_kana", "fullname_kana", "full_name_furigana", "furigana", "フリガナ", "ふりがな", "カナ", "氏名カナ", "氏名フリガナ"},
}

// givenOrFull are the full-name headers that may also mean the given
// name: beside a family-name column, they do.
var givenOrFull = map[string]bool{"name": true, "名前": true, "이름": true}

// ColumnMap names, for some fields, the input column that holds them. It
// overrides the automatic detection of those fields.
type ColumnMap map[string]string

// ParseColumnMap parses a --map value such as "family_name=surname,id=ref".
// It fails on an unknown field name or a malformed pair.
func ParseColumnMap(spec string) (ColumnMap, error) {
	m := ColumnMap{}
	if strings.TrimSpace(spec) == "" {
		return m, nil
	}
	for _, pair := range strings.Split(spec, ",") {
		field, column, ok := strings.Cut(pair, "=")
		field, column = strings.TrimSpace(field), strings.TrimSpace(column)
		if !ok || field == "" || column == "" {
			return nil, fmt.Errorf("--map: %q is not field=column", pair)
		}
		if _, known := aliases[field]; !known {
			return nil, fmt.Errorf("--map: unknown field %q (known: %s)", field, strings.Join(Fields, ", "))
		}
		m[field] = column
	}
	return m, nil
}

// canonicalHeader folds a header cell for alias comparison.
func canonicalHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// columnIndex maps each field to its column position, or -1 when absent.
type columnIndex [12]int

// resolveColumns finds each field's column in header. Explicit mappings must
// name an existing column; otherwise the first alias present wins. A file
// needs an id column and at least one name column.
func resolveColumns(file string, header []string, cm ColumnMap) (columnIndex, error) {
	var idx columnIndex
	pos := make(map[string]int, len(header))
	exact := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := pos[canonicalHeader(h)]; !dup {
			pos[canonicalHeader(h)] = i
		}
		exact[strings.TrimSpace(h)] = i
	}
	for fi, field := range Fields {
		idx[fi] = -1
		if col, ok := cm[field]; ok {
			i, found := exact[col]
			if !found {
				i, found = pos[canonicalHeader(col)]
			}
			if !found {
				return idx, fmt.Errorf("%s: --map %s=%s: no column %q in the header (columns: %s)",
					file, field, col, col, strings.Join(header, ", "))
			}
			idx[fi] = i
			continue
		}
		for _, a := range aliases[field] {
			if i, ok := pos[a]; ok {
				idx[fi] = i
				break
			}
		}
	}
	// A name in parts wins over a full name, so a full-name column beside
	// a family-name column and no given-name column would be ignored.
	// Found by a word that may mean either ("Surname, Name", 성 and 이름),
	// it is the given name; named with --map, it is an error.
	if full, family := idx[3], idx[1]; full >= 0 && family >= 0 && idx[2] < 0 {
		if _, named := cm[FieldFullName]; named {
			return idx, fmt.Errorf("%s: --map full_name=%s beside the family name column %q and no given name: "+
				"a full name is read only when the name is not in parts (map it as given_name if it holds the given name)",
				file, header[full], header[family])
		}
		if givenOrFull[canonicalHeader(header[full])] {
			idx[2], idx[3] = full, -1
		}
	}
	if idx[0] < 0 {
		return idx, fmt.Errorf("%s line 1: no id column (looked for %s; use --map id=COLUMN)",
			file, strings.Join(aliases[FieldID], ", "))
	}
	if idx[1] < 0 && idx[2] < 0 && idx[3] < 0 && idx[9] < 0 && idx[10] < 0 && idx[11] < 0 {
		return idx, fmt.Errorf("%s line 1: no name column (looked for %s, %s, %s or their kana readings; use --map)",
			file, FieldFamilyName, FieldGivenName, FieldFullName)
	}
	return idx, nil
}

// describe lists the detected mapping, for the run's metadata and logs.
func (idx columnIndex) describe(header []string) string {
	var parts []string
	for fi, field := range Fields {
		if idx[fi] >= 0 {
			parts = append(parts, field+"="+header[idx[fi]])
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}
