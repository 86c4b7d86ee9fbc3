package records

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Version is kinlink's version, recorded in every file it writes.
const Version = "0.1.0"

// OutputMode is the permission of files kinlink writes: they hold personal
// data about missing people, so they are not world-readable. A stricter
// umask takes away more (0600 under umask 077).
const OutputMode = 0o640

// atomicFile is a file written under a temporary name beside its target and
// renamed onto the target only when complete, so that a failed or
// interrupted run never leaves a partial file under the final name.
type atomicFile struct {
	*os.File
	target   string
	finished bool // synced and closed, ready to be renamed
}

// temporaries are the temporary files not yet renamed or removed, so that
// a process told to stop at once can remove them on its way out (see
// RemoveTemporaries). It is the package's one piece of shared state: a
// signal handler has no other way to reach the files of a run.
var temporaries sync.Map // temporary name → struct{}

// publishing is held while outputs are renamed to their final names;
// stopped, once set under it, forbids any more renames.
var (
	publishing sync.Mutex
	stopped    bool
)

// ErrStopped is returned by CommitAll after RemoveTemporaries.
var ErrStopped = errors.New("stopped before the output was complete")

// RemoveTemporaries removes every temporary file of the outputs being
// written, and forbids publishing any more. It is for a process about to
// exit without unwinding (a second Ctrl-C): nothing is then left under a
// final name that was not complete before, nor beside it. It waits for a
// CommitAll that is renaming files to finish.
func RemoveTemporaries() {
	publishing.Lock()
	defer publishing.Unlock()
	stopped = true
	temporaries.Range(func(k, _ any) bool {
		os.Remove(k.(string))
		temporaries.Delete(k)
		return true
	})
}

func createAtomic(target string) (*atomicFile, error) {
	dir := filepath.Dir(target)
	var suffix [6]byte
	for range 100 {
		rand.Read(suffix[:])
		name := filepath.Join(dir, "."+filepath.Base(target)+".tmp-"+hex.EncodeToString(suffix[:]))
		// OpenFile applies the umask to OutputMode, so a stricter umask
		// is honoured (CreateTemp and Chmod would not).
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, OutputMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", target, unwrapPath(err))
		}
		temporaries.Store(name, struct{}{})
		return &atomicFile{File: f, target: target}, nil
	}
	return nil, fmt.Errorf("cannot write %s: no free temporary name in %s", target, dir)
}

// unwrapPath drops the temporary name from an *fs.PathError: the message
// names the target instead.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// finish syncs and closes the temporary file; it stays invisible under
// the target name until publish.
func (a *atomicFile) finish() error {
	if a.finished {
		return nil
	}
	err := a.Sync()
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		a.abort()
		return fmt.Errorf("writing %s: %w", a.target, unwrapPath(err))
	}
	a.finished = true
	return nil
}

// publish renames the finished file onto its target.
func (a *atomicFile) publish() error {
	if err := os.Rename(a.Name(), a.target); err != nil {
		a.abort()
		return fmt.Errorf("writing %s: %w", a.target, unwrapPath(err))
	}
	temporaries.Delete(a.Name())
	return nil
}

// abort discards the temporary file.
func (a *atomicFile) abort() {
	a.Close()
	os.Remove(a.Name())
	temporaries.Delete(a.Name())
}

// Output is a file being written under a temporary name: a MatchWriter, a
// RejectWriter or a TableWriter.
type Output interface {
	// Finish writes out what is buffered and syncs the temporary file;
	// nothing appears under the final name yet. After a failed Finish the
	// temporary file is gone.
	Finish() error
	// Abort discards the output.
	Abort()
	atomic() *atomicFile
}

// CommitAll finishes every output and only then moves each to its final
// name, so that a failure in any of them (a full disk, an I/O error)
// leaves none under its final name. If a rename fails after others
// succeeded, the files already renamed are removed again.
func CommitAll(outs ...Output) error {
	for i, o := range outs {
		if err := o.Finish(); err != nil {
			for j, p := range outs {
				if j != i {
					p.Abort()
				}
			}
			return err
		}
	}
	publishing.Lock()
	defer publishing.Unlock()
	if stopped {
		for _, o := range outs {
			o.Abort()
		}
		return ErrStopped
	}
	for i, o := range outs {
		if err := o.atomic().publish(); err != nil {
			for _, p := range outs[:i] {
				os.Remove(p.atomic().target)
			}
			for _, p := range outs[i+1:] {
				p.Abort()
			}
			return err
		}
	}
	return nil
}

// WriteFileAtomic writes data to path as CommitAll would: under a
// temporary name, renamed when complete.
func WriteFileAtomic(path string, data []byte) error {
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	w := &plainOutput{out: f}
	if _, err := f.Write(data); err != nil {
		w.Abort()
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	return CommitAll(w)
}

// plainOutput is an Output of bytes written straight to the file.
type plainOutput struct{ out *atomicFile }

func (p *plainOutput) Finish() error       { return p.out.finish() }
func (p *plainOutput) Abort()              { p.out.abort() }
func (p *plainOutput) atomic() *atomicFile { return p.out }
