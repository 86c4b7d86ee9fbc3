package match

import "testing"

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  string
	}{
		{1, "100%"}, {0.25, "25%"}, {0.0143, "1.4%"}, {0.00021, "0.021%"}, {1e-7, "0.00001%"}, {0, "0%"},
	} {
		if got := percent(c.share); got != c.want {
			t.Errorf("percent(%g) = %q, want %q", c.share, got, c.want)
		}
	}
}
