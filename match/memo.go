package match

// memo remembers the values of a pure function of a string, for strings
// that repeat across archive records (name keys, birth places). It holds
// at most maxCache entries and is cleared when full: the output never
// depends on it, only the speed. Each worker has its own.
type memo[V any] struct{ m map[string]V }

// maxCache bounds a memo.
const maxCache = 1 << 16

func newMemo[V any]() memo[V] { return memo[V]{m: make(map[string]V, 1024)} }

// get returns f(k), computing it only when k is not remembered.
func (c *memo[V]) get(k string, f func(string) V) V {
	if v, ok := c.m[k]; ok {
		return v
	}
	v := f(k)
	if len(c.m) >= maxCache {
		clear(c.m)
	}
	c.m[k] = v
	return v
}
