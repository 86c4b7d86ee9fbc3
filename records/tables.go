package records

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// TableWriter writes a file of records or of true pairs (CSV or Parquet),
// atomically: nothing is left under the final name unless Commit succeeds.
type TableWriter interface {
	Record(*Record) error
	Truth(*Truth) error
	Commit() error
	Output
}

var (
	recordHeader = []string{"id", "family_name", "given_name", "full_name", "birth_year", "sex", "birth_place", "alt_names", "origin"}
	truthHeader  = []string{"query_id", "candidate_id", "origin", "variation"}
)

type csvTable struct {
	out  *atomicFile
	buf  *bufio.Writer
	w    *csv.Writer
	cell []string
}

func CreateCSVTable(path string, truth bool) (TableWriter, error) {
	out, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(out, 1<<16)
	t := &csvTable{out: out, buf: buf, w: csv.NewWriter(buf), cell: make([]string, len(recordHeader))}
	header := recordHeader
	if truth {
		header = truthHeader
	}
	if err := t.w.Write(header); err != nil {
		out.abort()
		return nil, err
	}
	return t, nil
}

func (t *csvTable) Record(r *Record) error {
	year := ""
	if r.BirthYear != 0 {
		year = strconv.Itoa(r.BirthYear)
	}
	c := t.cell
	c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8] =
		r.ID, r.FamilyName, r.GivenName, r.FullName, year, r.Sex, r.BirthPlace, r.AltNames, r.Origin
	for i := range c {
		c[i] = SpreadsheetSafe(c[i])
	}
	return t.w.Write(c)
}

func (t *csvTable) Truth(x *Truth) error {
	return t.w.Write([]string{SpreadsheetSafe(x.QueryID), SpreadsheetSafe(x.CandidateID), x.Origin, x.Variation})
}

func (t *csvTable) Commit() error { return CommitAll(t) }

func (t *csvTable) atomic() *atomicFile { return t.out }

func (t *csvTable) Finish() error {
	if t.out.finished {
		return nil
	}
	t.w.Flush()
	err := t.w.Error()
	if err == nil {
		err = t.buf.Flush()
	}
	if err != nil {
		t.out.abort()
		return fmt.Errorf("writing %s: %w", t.out.target, unwrapPath(err))
	}
	return t.out.finish()
}

func (t *csvTable) Abort() { t.out.abort() }

// recordRow is a Record as a row of a generated Parquet file. Like Match
// (see there) it uses no dictionary encoding, so a seed gives the same
// bytes on every architecture.
type recordRow struct {
	ID         string `parquet:"id"`
	FamilyName string `parquet:"family_name"`
	GivenName  string `parquet:"given_name"`
	FullName   string `parquet:"full_name"`
	BirthYear  *int32 `parquet:"birth_year,optional"`
	Sex        string `parquet:"sex"`
	BirthPlace string `parquet:"birth_place"`
	AltNames   string `parquet:"alt_names"`
	Origin     string `parquet:"origin"`
}

type truthRow struct {
	QueryID     string `parquet:"query_id"`
	CandidateID string `parquet:"candidate_id"`
	Origin      string `parquet:"origin"`
	Variation   string `parquet:"variation"`
}

// parquetBatchRows is how many rows the Parquet writers buffer before
// handing them to parquet-go.
const parquetBatchRows = 1024

type parquetTable struct {
	out     *atomicFile
	records *parquet.GenericWriter[recordRow]
	truths  *parquet.GenericWriter[truthRow]
	rbuf    []recordRow
	tbuf    []truthRow
	years   []int32 // backing store of rbuf's birth years
}

func CreateParquetTable(path string, truth bool) (TableWriter, error) {
	out, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	opts := writerOptions(nil)
	t := &parquetTable{out: out}
	if truth {
		t.truths = parquet.NewGenericWriter[truthRow](out, opts...)
	} else {
		t.records = parquet.NewGenericWriter[recordRow](out, opts...)
		t.years = make([]int32, parquetBatchRows)
	}
	return t, nil
}

func (t *parquetTable) Record(r *Record) error {
	row := recordRow{ID: r.ID, FamilyName: r.FamilyName, GivenName: r.GivenName, FullName: r.FullName,
		Sex: r.Sex, BirthPlace: r.BirthPlace, AltNames: r.AltNames, Origin: r.Origin}
	if r.BirthYear != 0 {
		t.years[len(t.rbuf)] = int32(r.BirthYear)
		row.BirthYear = &t.years[len(t.rbuf)]
	}
	t.rbuf = append(t.rbuf, row)
	if len(t.rbuf) == parquetBatchRows {
		return t.flush()
	}
	return nil
}

func (t *parquetTable) Truth(x *Truth) error {
	t.tbuf = append(t.tbuf, truthRow(*x))
	if len(t.tbuf) == parquetBatchRows {
		return t.flush()
	}
	return nil
}

func (t *parquetTable) flush() error {
	var err error
	if t.records != nil && len(t.rbuf) > 0 {
		_, err = t.records.Write(t.rbuf)
		t.rbuf = t.rbuf[:0]
	}
	if t.truths != nil && len(t.tbuf) > 0 {
		_, err = t.truths.Write(t.tbuf)
		t.tbuf = t.tbuf[:0]
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", t.out.target, err)
	}
	return nil
}

func (t *parquetTable) Commit() error { return CommitAll(t) }

func (t *parquetTable) atomic() *atomicFile { return t.out }

func (t *parquetTable) Finish() error {
	if t.out.finished {
		return nil
	}
	err := t.flush()
	if err == nil {
		if t.records != nil {
			err = t.records.Close()
		} else {
			err = t.truths.Close()
		}
	}
	if err != nil {
		t.out.abort()
		return fmt.Errorf("writing %s: %w", t.out.target, unwrapPath(err))
	}
	return t.out.finish()
}

func (t *parquetTable) Abort() { t.out.abort() }
