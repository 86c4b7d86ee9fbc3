package records

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failingOutput is an Output whose Finish fails, as a full disk would make
// the last flush of a real one fail.
type failingOutput struct{ out *atomicFile }

func (f *failingOutput) Finish() error       { f.out.abort(); return errors.New("no space left on device") }
func (f *failingOutput) Abort()              { f.out.abort() }
func (f *failingOutput) atomic() *atomicFile { return f.out }

// TestCommitAllLeavesNothingOnFailure: when one output cannot be completed,
// no output appears under its final name, and no temporary file is left.
func TestCommitAllLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	matches := filepath.Join(dir, "m.parquet")
	mw, err := CreateMatches(matches, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := mw.Write([]Match{{QueryID: "Q", CandidateID: "C", Rank: 1, NameOrder: "direct"}}); err != nil {
		t.Fatal(err)
	}
	af, err := createAtomic(filepath.Join(dir, "m.rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	err = CommitAll(mw, &failingOutput{af})
	if err == nil || !strings.Contains(err.Error(), "no space") {
		t.Fatalf("CommitAll = %v, want the failure", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
	// Both complete: both appear.
	mw, _ = CreateMatches(matches, nil)
	rw, _ := CreateRejects(filepath.Join(dir, "m.rejects.csv"))
	if err := CommitAll(mw, rw); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("after a good commit the folder holds %d files, want 2", len(entries))
	}
}

// TestRemoveTemporariesStopsPublishing: after RemoveTemporaries (a second
// Ctrl-C) the temporary files are gone and nothing more is published.
func TestRemoveTemporariesStopsPublishing(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "r.csv")
	rw, err := CreateRejects(target)
	if err != nil {
		t.Fatal(err)
	}
	RemoveTemporaries()
	defer func() { publishing.Lock(); stopped = false; publishing.Unlock() }()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("temporary file left: %v", entries)
	}
	if err := rw.Commit(); err == nil {
		t.Error("Commit after RemoveTemporaries succeeded")
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("output published after RemoveTemporaries")
	}
}
