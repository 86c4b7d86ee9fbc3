package records

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadArchive reads an archive of two CSV files through the id
// check, as a single run's passes read it.
func BenchmarkReadArchive(b *testing.B) {
	dir := b.TempDir()
	var files []string
	for f := range 2 {
		var sb strings.Builder
		sb.WriteString("id,family_name,given_name,birth_year\n")
		for i := range 50_000 {
			fmt.Fprintf(&sb, "R%d-%06d,Kim,Minsu,19%02d\n", f, i, i%100)
		}
		p := filepath.Join(dir, fmt.Sprintf("a-%d.csv", f))
		os.WriteFile(p, []byte(sb.String()), 0o600)
		files = append(files, p)
	}
	b.ResetTimer()
	for range b.N {
		r, err := OpenSet(files, "", nil, Shard{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Read(); err == io.EOF {
				break
			}
		}
		r.Close()
	}
}
