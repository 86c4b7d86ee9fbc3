package match

import (
	"fmt"
	"strings"
	"testing"
)

// TestMemoRemembers checks that a memo returns f(k) for every key, short
// or long, calls f once per key while the memo has room, and starts over
// when full.
func TestMemoRemembers(t *testing.T) {
	calls := map[string]int{}
	f := func(k string) string { calls[k]++; return "v:" + k }
	m := newMemo[string]()
	var keys []string
	for i := range 5000 {
		keys = append(keys, fmt.Sprintf("k%d", i))
	}
	// Keys that pack alike but differ: a NUL byte, the longest inline
	// length and one more, and the empty key.
	keys = append(keys, "a", "a\x00", "a\x00\x00", strings.Repeat("x", memoKeyMax), strings.Repeat("x", memoKeyMax+1),
		strings.Repeat("y", 40), "")
	for round := range 3 {
		for _, k := range keys {
			if got := m.get(k, f); got != "v:"+k {
				t.Fatalf("round %d: get(%q) = %q", round, k, got)
			}
		}
	}
	for _, k := range keys {
		if calls[k] != 1 {
			t.Errorf("f(%q) called %d times, want 1", k, calls[k])
		}
	}
	if len(m.slots) <= memoMinSlots {
		t.Errorf("the table did not grow: %d slots for %d keys", len(m.slots), m.n)
	}

	// Past maxCache entries the memo is cleared, and still right.
	clear(calls)
	for i := range maxCache + 10 {
		k := fmt.Sprintf("n%d", i)
		if got := m.get(k, f); got != "v:"+k {
			t.Fatalf("get(%q) = %q", k, got)
		}
	}
	if m.n > maxCache {
		t.Errorf("%d entries, more than maxCache", m.n)
	}
	if got := m.get("n1", f); got != "v:n1" || calls["n1"] != 2 {
		t.Errorf("after clearing: get(n1) = %q, f called %d times, want 2", got, calls["n1"])
	}
}
