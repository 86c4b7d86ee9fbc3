package records

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"
)

// RejectWriter writes the rows that could not be used, and the warnings of
// rows kept although part of them could not be read, to a CSV file with
// the columns file, line, column, id, severity (rejected or warning),
// reason. Cells are made spreadsheet-safe (see SpreadsheetSafe). Like
// MatchWriter it writes under a temporary name and renames on Commit.
type RejectWriter struct {
	out      *atomicFile
	buf      *bufio.Writer
	w        *csv.Writer
	rows     int64
	warnings int64
}

// CreateRejects starts writing the rejects file at path.
func CreateRejects(path string) (*RejectWriter, error) {
	out, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriter(out)
	w := csv.NewWriter(buf)
	w.Write([]string{"file", "line", "column", "id", "severity", "reason"})
	return &RejectWriter{out: out, buf: buf, w: w}, nil
}

// Write records one rejected row, or one warning.
func (r *RejectWriter) Write(e *RowError) error {
	if e.Warning {
		r.warnings++
	} else {
		r.rows++
	}
	return r.w.Write([]string{SpreadsheetSafe(e.File), strconv.FormatInt(e.Line, 10), SpreadsheetSafe(e.Column),
		SpreadsheetSafe(e.ID), e.Severity(), SpreadsheetSafe(e.Reason)})
}

// Rows is the number of rejected rows written (warnings not counted).
func (r *RejectWriter) Rows() int64 { return r.rows }

// Warnings is the number of warnings written.
func (r *RejectWriter) Warnings() int64 { return r.warnings }

// Empty reports whether nothing has been written but the header.
func (r *RejectWriter) Empty() bool { return r.rows+r.warnings == 0 }

// Finish completes the file under its temporary name (see Output).
func (r *RejectWriter) Finish() error {
	if r.out.finished {
		return nil
	}
	r.w.Flush()
	err := r.w.Error()
	if err == nil {
		err = r.buf.Flush()
	}
	if err != nil {
		r.out.abort()
		return fmt.Errorf("writing %s: %w", r.out.target, unwrapPath(err))
	}
	return r.out.finish()
}

// Commit finishes the file and moves it to its final name.
func (r *RejectWriter) Commit() error { return CommitAll(r) }

func (r *RejectWriter) atomic() *atomicFile { return r.out }

// Abort discards the rejects file.
func (r *RejectWriter) Abort() { r.out.abort() }

// ReadRejects reads a rejects file that kinlink wrote (kinlink merge joins
// the parts' rejects).
func ReadRejects(path string) ([]*RowError, error) {
	var out []*RowError
	err := ReadCSVTable(path, []string{"file", "line", "column", "id", "severity", "reason"}, func(r *CSVRow) error {
		line, err := strconv.ParseInt(r.Get("line"), 10, 64)
		if err != nil {
			return fmt.Errorf("%s line %d, column line: %w", path, r.Line, err)
		}
		out = append(out, &RowError{File: r.Get("file"), Line: line, Column: r.Get("column"), ID: r.Get("id"),
			Warning: r.Get("severity") == "warning", Reason: r.Get("reason")})
		return nil
	})
	return out, err
}
