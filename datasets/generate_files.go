package datasets

import (
	"context"
	"fmt"
	"path/filepath"

	"kinlink/records"
)

// Generate writes the records of cfg to dir as missing.*, archive.* and
// truth.* in cfg.Format (csv or parquet). Files are written under temporary
// names and renamed only when all three are complete, so a failed run leaves
// no partial file behind. Memory stays bounded for any archive size. A
// cancelled ctx stops the generation within a few thousand records.
func Generate(ctx context.Context, cfg GenerateConfig, dir string) (GenerateStats, error) {
	format := cfg.Format
	if format == "" {
		format = "csv"
	}
	stats := GenerateStats{Seed: cfg.Seed, Format: format}
	var open func(path string, truth bool) (records.TableWriter, error)
	switch format {
	case "csv":
		open = records.CreateCSVTable
	case "parquet":
		open = records.CreateParquetTable
	default:
		return stats, fmt.Errorf("%w: format %q (want csv or parquet)", ErrConfig, format)
	}
	var files [3]records.TableWriter
	abort := func() {
		for _, f := range files {
			if f != nil {
				f.Abort()
			}
		}
	}
	for i, name := range []string{"missing", "archive", "truth"} {
		f, err := open(filepath.Join(dir, name+"."+format), i == 2)
		if err != nil {
			abort()
			return stats, err
		}
		files[i] = f
	}
	lastQuery := ""
	err := GenerateStream(cfg,
		func(r records.Record) error {
			stats.Missing++
			return files[0].Record(&r)
		},
		func(r records.Record) error {
			stats.Archive++
			if stats.Archive%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			return files[1].Record(&r)
		},
		func(t records.Truth) error {
			stats.TruePairs++
			newQuery := t.QueryID != lastQuery // the truth comes sorted by query
			lastQuery = t.QueryID
			if t.Origin == "ja" {
				stats.ArchiveJa++
				if newQuery {
					stats.SoughtJa++
				}
			} else {
				stats.ArchiveKo++
				if newQuery {
					stats.SoughtKo++
				}
			}
			return files[2].Truth(&t)
		})
	if err != nil {
		abort()
		return stats, err
	}
	if err := records.CommitAll(files[0], files[1], files[2]); err != nil {
		return stats, err
	}
	stats.Unrelated = stats.Archive - stats.TruePairs
	return stats, nil
}
