package main

import (
	"sync"

	"kinlink/records"
)

// archivePasses opens the archive once for each pass of a run (statistics,
// then matching: see match.Opener) and stands for the pass under way, so
// that progress reports and the column description follow it.
type archivePasses struct {
	openSet func() (records.Reader, error) // opens the archive
	mu      sync.Mutex
	cur     records.Reader
}

// open opens the archive for a pass (each pass closes what it opened).
func (a *archivePasses) open() (records.Reader, error) {
	r, err := a.openSet()
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	a.cur = r
	a.mu.Unlock()
	return r, nil
}

func (a *archivePasses) current() records.Reader {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cur
}

func (a *archivePasses) Read() (records.Record, error) { return a.current().Read() }

func (a *archivePasses) Columns() string {
	if r := a.current(); r != nil {
		return r.Columns()
	}
	return ""
}

func (a *archivePasses) Progress() (done, total int64) {
	if r := a.current(); r != nil {
		return r.Progress()
	}
	return 0, 0
}

// Close closes nothing: each pass closes the reader it opened.
func (a *archivePasses) Close() error { return nil }
