package records

import (
	"fmt"
	"os"
	"path/filepath"
)

// Version is kinlink's version, recorded in every file it writes.
const Version = "0.1.0"

// OutputMode is the permission of files kinlink writes: they hold personal
// data about missing people, so they are not world-readable.
const OutputMode = 0o640

// atomicFile is a file written under a temporary name beside its target and
// renamed onto the target only when complete, so that a failed or
// interrupted run never leaves a partial file under the final name.
type atomicFile struct {
	*os.File
	target string
}

func createAtomic(target string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", target, err)
	}
	if err := f.Chmod(OutputMode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("cannot write %s: %w", target, err)
	}
	return &atomicFile{File: f, target: target}, nil
}

// commit flushes the file to disk and moves it to its target name.
func (a *atomicFile) commit() error {
	err := a.Sync()
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.Name(), a.target)
	}
	if err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("writing %s: %w", a.target, err)
	}
	return nil
}

// abort discards the temporary file.
func (a *atomicFile) abort() {
	a.Close()
	os.Remove(a.Name())
}
