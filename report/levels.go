package report

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"kinlink/records"
)

// model is the part of a scoring model the report shows: the levels of
// each comparison with their m and u. kinlink match records the model it
// scored with in the metadata key kinlink.model; the JSON is read
// leniently, so that a model with more fields reads the same.
type model struct {
	Prior       float64                 `json:"prior"`
	Comparisons map[string][]modelLevel `json:"comparisons"`
}

type modelLevel struct {
	Name string  `json:"name"`
	M    float64 `json:"m"`
	U    float64 `json:"u"`
}

// parseModel reads the kinlink.model metadata, or returns nil when it is
// absent or holds no comparison the report knows.
func parseModel(s string) *model {
	if s == "" {
		return nil
	}
	var m model
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	for _, f := range Fields {
		if len(m.Comparisons[f]) > 0 {
			return &m
		}
	}
	return nil
}

// levelOrder is the order of kinlink's level names, best agreement first,
// used when the file does not record its model.
var levelOrder = []string{"exact", "agree", "jw>=0.95", "off by 1", "jw>=0.88", "off by 2", "jw>=0.80", "off by 2-5", "off by 3-5", "else", "disagree"}

// levelTable collects the levels of each comparison seen in the rows.
type levelTable struct {
	levels [numFields][]Level
	index  [numFields]map[string]int
	// weight sums per level, for levels whose weight is not known from
	// the model (averaged in finish)
	sum       [numFields][]float64
	fromModel bool
}

func newLevelTable(m *model) *levelTable {
	t := &levelTable{}
	for f, name := range Fields {
		t.index[f] = map[string]int{}
		if m != nil {
			for _, l := range m.Comparisons[name] {
				lv := Level{Name: l.Name, M: l.M, U: l.U}
				if l.M > 0 && l.U > 0 {
					lv.W = num(math.Log2(l.M / l.U))
				}
				t.add(f, lv)
			}
			t.fromModel = true
			continue
		}
		for _, n := range levelOrder {
			if (f == fieldSex) == (n == "agree" || n == "disagree") {
				t.add(f, Level{Name: n})
			}
		}
	}
	return t
}

func (t *levelTable) add(f int, l Level) int {
	if i, ok := t.index[f][l.Name]; ok {
		return i
	}
	t.index[f][l.Name] = len(t.levels[f])
	t.levels[f] = append(t.levels[f], l)
	t.sum[f] = append(t.sum[f], 0)
	return len(t.levels[f]) - 1
}

func levelNames(r *records.Match) [numFields]string {
	return [numFields]string{r.LevelFamily, r.LevelGiven, r.LevelBirthYear, r.LevelSex, r.LevelBirthPlace}
}

// see counts the levels of one row, whose weights are in columns
// (structured) or only in the explanation.
func (t *levelTable) see(r *records.Match, structured bool) {
	w, _ := contributions(r, structured)
	for f, n := range levelNames(r) {
		if n == "" || n == "missing" {
			continue
		}
		i := t.add(f, Level{Name: n})
		t.levels[f][i].Count++
		t.sum[f][i] += w[f]
	}
}

// indexes gives a row's level of each field as an index into the table,
// -1 when the field is missing.
func (t *levelTable) indexes(r *records.Match) [numFields]int {
	var out [numFields]int
	for f, n := range levelNames(r) {
		out[f] = -1
		if i, ok := t.index[f][n]; ok && n != "missing" {
			out[f] = i
		}
	}
	return out
}

// finish drops the default levels no row reached (when the model is not
// known), sets each level's colour class from its place in the list, and
// for levels without a model weight the mean weight seen in the rows.
func (t *levelTable) finish() [][]Level {
	out := make([][]Level, numFields)
	for f := range t.levels {
		ls := t.levels[f]
		if !t.fromModel {
			// Keep the table's order but only levels seen; rows refer to
			// them by index, so rebuild the index.
			var kept []Level
			var sums []float64
			for i, l := range ls {
				if l.Count > 0 {
					kept = append(kept, l)
					sums = append(sums, t.sum[f][i])
				}
			}
			ls, t.sum[f] = kept, sums
			t.index[f] = map[string]int{}
			for i, l := range ls {
				t.index[f][l.Name] = i
			}
			for i := range ls {
				ls[i].W = num(t.sum[f][i] / float64(ls[i].Count))
			}
		}
		for i := range ls {
			ls[i].Class = levelClass(ls[i].Name, i, len(ls))
		}
		out[f] = ls
	}
	return out
}

// levelClass places level i of n on five colours, 0 (agrees) to 4
// (disagrees): by its place in the list, best first, as kinlink lists them.
func levelClass(name string, i, n int) int {
	switch name {
	case "exact", "agree":
		return 0
	case "else", "disagree":
		return 4
	}
	if n <= 1 {
		return 0
	}
	return int(math.Round(4 * float64(i) / float64(n-1)))
}

// contributions gives each field's contribution to a row's match weight
// and the prior's, from the weight_* columns when the file has them
// (structured), else read from the explanation.
func contributions(r *records.Match, structured bool) (w [numFields]float64, prior float64) {
	if structured {
		return [numFields]float64{r.WeightFamily, r.WeightGiven, r.WeightBirthYear, r.WeightSex, r.WeightBirthPlace}, r.WeightPrior
	}
	return parseExplanation(r.Explanation)
}

// parseExplanation reads the contributions from an explanation such as
// "family exact kim (10% of records) +3.0; given jw>=0.95 +6.2;
// birth_year missing 0; ...; prior -17.6 = 5.6 bits": each part starts
// with its field's name and ends with its signed weight. Parts it does
// not recognise are skipped.
func parseExplanation(s string) (w [numFields]float64, prior float64) {
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		name, rest, _ := strings.Cut(part, " ")
		if name == "prior" {
			rest, _, _ = strings.Cut(rest, "=")
			prior, _ = strconv.ParseFloat(strings.TrimSpace(rest), 64)
			continue
		}
		f := -1
		for i, n := range Fields {
			if n == name {
				f = i
			}
		}
		if f < 0 {
			continue
		}
		if i := strings.LastIndexByte(rest, ' '); i >= 0 {
			rest = rest[i+1:]
		}
		w[f], _ = strconv.ParseFloat(rest, 64)
	}
	return w, prior
}
