package main

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"io"
	"slices"

	"kinlink/match"
	"kinlink/records"
)

// Ids repeated across shards. A single run rejects every row whose id an
// earlier row has; a shard sees only its own rows. So each shard's
// statistics log the ids it checked (kinlink stats --shard), kinlink stats
// merge finds the ids of several shards, takes the rows a single run
// rejects out of the statistics and lists their positions in the merged
// file, and each shard's match rejects the rows listed (see
// records.IDCheck).

// crossShardRepeats reads the ids the parts logged side by side, each
// part's sorted by fingerprint then position, so memory holds one id of
// each part whatever their sizes. It returns the rows whose id an earlier
// row of the archive has, in another part (a part rejected its own
// repeats already, and they are listed too: a match may be sharded
// otherwise), sorted by fingerprint then position; and, per part, the
// fingerprints and positions of those among them the part counted in its
// statistics (the first row of the id in the part).
func crossShardRepeats(ctx context.Context, parts []statsPart) (repeats []records.IDEntry, counted []map[uint64]uint64, err error) {
	h := &idHeads{}
	for i, p := range parts {
		ids, err := records.OpenStatsIDs(p.path)
		if err != nil {
			return nil, nil, err
		}
		defer ids.Close()
		h.files = append(h.files, ids)
		switch e, err := ids.Next(); {
		case err == nil:
			h.heads = append(h.heads, idHead{e, i})
		case err != io.EOF:
			return nil, nil, err
		}
	}
	heap.Init(h)
	counted = make([]map[uint64]uint64, len(parts))
	var group []idHead // the rows of one fingerprint, by position
	for done := 0; h.Len() > 0; done++ {
		if done%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		group = group[:0]
		fp := h.heads[0].e.Fingerprint
		for h.Len() > 0 && h.heads[0].e.Fingerprint == fp {
			group = append(group, h.heads[0])
			if err := h.advance(); err != nil {
				return nil, nil, err
			}
		}
		for k, x := range group[1:] {
			if x.e.Position == group[k].e.Position {
				return nil, nil, fmt.Errorf("%s and %s both counted line %d of archive file %d: are they shards of one archive?",
					parts[group[k].part].path, parts[x.part].path, records.PositionLine(x.e.Position), records.PositionFile(x.e.Position)+1)
			}
			repeats = append(repeats, x.e)
			if !slices.ContainsFunc(group[:k+1], func(y idHead) bool { return y.part == x.part }) {
				if counted[x.part] == nil {
					counted[x.part] = map[uint64]uint64{}
				}
				counted[x.part][fp] = x.e.Position
			}
		}
	}
	return repeats, counted, nil
}

// idHead is the next id of a part.
type idHead struct {
	e    records.IDEntry
	part int
}

// idHeads is a min-heap of the parts' next ids, by fingerprint then
// position; a part whose ids are all read leaves it.
type idHeads struct {
	files []*records.StatsIDs
	heads []idHead
}

func (h *idHeads) Len() int { return len(h.heads) }
func (h *idHeads) Less(i, j int) bool {
	a, b := h.heads[i].e, h.heads[j].e
	return a.Fingerprint < b.Fingerprint || a.Fingerprint == b.Fingerprint && a.Position < b.Position
}
func (h *idHeads) Swap(i, j int) { h.heads[i], h.heads[j] = h.heads[j], h.heads[i] }
func (h *idHeads) Push(x any)    { h.heads = append(h.heads, x.(idHead)) }
func (h *idHeads) Pop() any {
	x := h.heads[len(h.heads)-1]
	h.heads = h.heads[:len(h.heads)-1]
	return x
}

// advance replaces the root by the next id of its part, or drops it
// after the part's last.
func (h *idHeads) advance() error {
	e, err := h.files[h.heads[0].part].Next()
	switch {
	case err == io.EOF:
		heap.Pop(h)
		return nil
	case err != nil:
		return err
	}
	h.heads[0].e = e
	heap.Fix(h, 0)
	return nil
}

// subtractRepeats takes out of st the rows at positions, which the shards
// counted but a single run rejects: it reads them again from the archive
// the shards counted (cfg's) and collects their statistics.
func subtractRepeats(ctx context.Context, linker *match.Linker, st *match.Stats, cfg statsOptions, rows []records.IDEntry, rounds bool) error {
	mo := matchOptions{Archive: cfg.Archive}
	if err := mo.checkInputs(); err != nil {
		return fmt.Errorf("reading again the rows of ids repeated across shards: %w", err)
	}
	cm, err := records.ParseColumnMap(cfg.Map)
	if err != nil {
		return err
	}
	slices.SortFunc(rows, func(a, b records.IDEntry) int { return cmp.Compare(a.Position, b.Position) })
	positions := make([]uint64, len(rows))
	for i, r := range rows {
		positions[i] = r.Position
	}
	recs, err := records.ReadPositions(mo.archiveFiles, mo.archiveRoot, cm, positions)
	if err != nil {
		return fmt.Errorf("reading again the rows of ids repeated across shards: %w", err)
	}
	for i, r := range recs { // in the order of their positions
		if records.IDFingerprint(r.ID) != rows[i].Fingerprint {
			return fmt.Errorf("%s line %d: id %q, not the one the shards counted there: the archive changed since kinlink stats; run it again",
				mo.archiveFiles[records.PositionFile(rows[i].Position)], r.Line, r.ID)
		}
	}
	dup, err := linker.Collect(ctx, match.SliceOpener(recs), rounds, nil)
	if err != nil {
		return err
	}
	return st.Subtract(dup)
}
