//go:build unix

package records

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputModeHonoursUmask: files are 0640 at most, less under a
// stricter umask.
func TestOutputModeHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	p := filepath.Join(t.TempDir(), "x.json")
	if err := WriteFileAtomic(p, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode %o under umask 077, want 600", mode)
	}
	syscall.Umask(0o022)
	p2 := filepath.Join(t.TempDir(), "y.json")
	WriteFileAtomic(p2, []byte("{}"))
	if st, _ := os.Stat(p2); st.Mode().Perm() != OutputMode {
		t.Errorf("mode %o under umask 022, want %o", st.Mode().Perm(), OutputMode)
	}
}
