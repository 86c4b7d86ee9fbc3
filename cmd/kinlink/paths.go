package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// namedPath is a file named on the command line, with the flag that named
// it, for messages.
type namedPath struct {
	flag string // "--out", "--rejects", "--missing"...
	path string
}

// checkPaths refuses, before any work starts, a command line whose outputs
// would destroy what the user gave: an output that is one of the inputs or
// another output (compared as files: the same device and inode, through
// symbolic and hard links, or paths that resolve alike), an output that is
// a folder, or an output whose folder is missing or cannot be written. Empty
// paths are skipped. The message names the flag at fault.
func checkPaths(inputs, outputs []namedPath) error {
	for i, o := range outputs {
		if o.path == "" {
			continue
		}
		if err := checkWritable(o); err != nil {
			return err
		}
		for _, in := range inputs {
			if in.path != "" && samePath(o.path, in.path) {
				return usagef("%s %s is the same file as %s %s: kinlink never writes over its inputs; choose another name",
					o.flag, o.path, in.flag, in.path)
			}
		}
		for _, other := range outputs[:i] {
			if other.path != "" && samePath(o.path, other.path) {
				return usagef("%s %s is the same file as %s %s: each output needs its own name", o.flag, o.path, other.flag, other.path)
			}
		}
	}
	return nil
}

// checkWritable checks that o names a file, not a folder, in a folder that
// exists and can be written.
func checkWritable(o namedPath) error {
	if st, err := os.Stat(o.path); err == nil && st.IsDir() {
		return usagef("%s %s is a folder; give a file name", o.flag, o.path)
	}
	dir := filepath.Dir(o.path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("%s %s: the folder %s does not exist", o.flag, o.path, dir)
	case err != nil:
		return fmt.Errorf("%s %s: %w", o.flag, o.path, err)
	case !st.IsDir():
		return usagef("%s %s: %s is not a folder", o.flag, o.path, dir)
	}
	// The only sure test of a folder's permissions is to write in it.
	f, err := os.CreateTemp(dir, ".kinlink-check-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s %s: cannot write in the folder %s: %w", o.flag, o.path, dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// samePath reports whether a and b name one file: the same file when both
// exist (os.SameFile follows symbolic links and sees hard links), else the
// same path once made absolute and the symbolic links of its folder
// resolved.
func samePath(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return resolvePath(a) == resolvePath(b)
}

// resolvePath makes p absolute and resolves the symbolic links of what
// exists of it.
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}
