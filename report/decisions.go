package report

import (
	"encoding/csv"
	"fmt"
	"io"

	"kinlink/records"
)

// DecisionColumns are the columns of the decisions CSV the page exports.
// records.ReadLabels reads it as labels (query_id, candidate_id,
// decision, note), so kinlink evaluate --truth and kinlink train --labels
// take it as it is.
var DecisionColumns = []string{"report_id", "query_id", "candidate_id", "rank", "match_weight", "decision", "note", "decided_at"}

// Decision is an analyst's judgement of one candidate: confirm, reject or
// unsure, with a note. Rank and match weight are kept as text, as the
// report that exported them wrote them.
type Decision struct {
	ReportID    string `json:"r"`
	QueryID     string `json:"q"`
	CandidateID string `json:"c"`
	Rank        string `json:"k,omitempty"`
	MatchWeight string `json:"w,omitempty"`
	Decision    string `json:"d"`
	Note        string `json:"n,omitempty"`
	DecidedAt   string `json:"t,omitempty"`
}

// ReadDecisions reads a decisions CSV that a report exported (or one
// written by hand with at least query_id, candidate_id and decision).
// Decisions are folded to confirm, reject or unsure (see
// records.ParseDecision); cells neutralised against CSV injection read
// back as they were. When a pair is decided twice, the later row wins.
func ReadDecisions(path string) ([]Decision, error) {
	var out []Decision
	at := map[pair]int{}
	err := records.ReadCSVTable(path, []string{"query_id", "candidate_id", "decision"}, func(r *records.CSVRow) error {
		d := Decision{ReportID: r.Get("report_id"), QueryID: r.Get("query_id"), CandidateID: r.Get("candidate_id"),
			Rank: r.Get("rank"), MatchWeight: r.Get("match_weight"), Note: r.Get("note"), DecidedAt: r.Get("decided_at")}
		if d.QueryID == "" || d.CandidateID == "" {
			return fmt.Errorf("%s line %d: empty query_id or candidate_id", path, r.Line)
		}
		match, ok, err := records.ParseDecision(r.Get("decision"))
		if err != nil {
			return fmt.Errorf("%s line %d, column decision: %w", path, r.Line, err)
		}
		switch {
		case !ok:
			d.Decision = "unsure"
		case match:
			d.Decision = "confirm"
		default:
			d.Decision = "reject"
		}
		k := pair{d.QueryID, d.CandidateID}
		if i, seen := at[k]; seen {
			out[i] = d
			return nil
		}
		at[k] = len(out)
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// WriteDecisions writes decisions as the page exports them: a UTF-8 byte
// order mark (so that spreadsheets read Hangul and kana as such), the
// header DecisionColumns, one row each, every cell neutralised against
// CSV injection. The page's own export (assets/report.js) writes the same
// bytes; the browser test holds the two together.
func WriteDecisions(w io.Writer, ds []Decision) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(DecisionColumns)
	for _, d := range ds {
		row := []string{d.ReportID, d.QueryID, d.CandidateID, d.Rank, d.MatchWeight, d.Decision, d.Note, d.DecidedAt}
		for i := range row {
			row[i] = records.SpreadsheetSafe(row[i])
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
