package main

import (
	"context"
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	stop := limitMemory(context.Background())
	if got := debug.SetMemoryLimit(-1); got < memoryFloor || got == before {
		t.Errorf("limit during a run = %d, want at least %d", got, memoryFloor)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the run = %d, want it restored to %d", got, before)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	stop = limitMemory(context.Background())
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set, yet the limit changed to %d", got)
	}
	stop()
}
