package records

import (
	"bufio"
	"encoding/csv"
	"strconv"
)

// RejectWriter writes the rows that could not be used to a CSV file with the
// columns file, line, column, id, reason. Like MatchWriter it writes under a
// temporary name and renames on Commit.
type RejectWriter struct {
	out  *atomicFile
	buf  *bufio.Writer
	w    *csv.Writer
	rows int64
}

// CreateRejects starts writing the rejects file at path.
func CreateRejects(path string) (*RejectWriter, error) {
	out, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriter(out)
	w := csv.NewWriter(buf)
	w.Write([]string{"file", "line", "column", "id", "reason"})
	return &RejectWriter{out: out, buf: buf, w: w}, nil
}

// Write records one rejected row.
func (r *RejectWriter) Write(e *RowError) error {
	r.rows++
	return r.w.Write([]string{e.File, strconv.FormatInt(e.Line, 10), e.Column, e.ID, e.Reason})
}

// Rows is the number of rejected rows written.
func (r *RejectWriter) Rows() int64 { return r.rows }

// Commit finishes the file and moves it to its final name.
func (r *RejectWriter) Commit() error {
	r.w.Flush()
	if err := r.w.Error(); err != nil {
		r.out.abort()
		return err
	}
	if err := r.buf.Flush(); err != nil {
		r.out.abort()
		return err
	}
	return r.out.commit()
}

// Abort discards the rejects file.
func (r *RejectWriter) Abort() { r.out.abort() }
