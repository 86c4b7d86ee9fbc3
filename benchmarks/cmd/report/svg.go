package main

import (
	"fmt"
	"math"
	"strings"
)

// A small SVG plotter: bar charts, line charts and overlaid histograms,
// enough for the report and free of dependencies.

const (
	width, height = 640, 360
	left, right   = 70, 20
	top, bottom   = 40, 60
)

var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"}

type svg struct{ b strings.Builder }

func newSVG(title string) *svg {
	s := &svg{}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(&s.b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&s.b, `<text x="%d" y="22" font-size="15" font-weight="bold">%s</text>`+"\n", left, esc(title))
	return s
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func (s *svg) line(x1, y1, x2, y2 float64, color string, w float64) {
	fmt.Fprintf(&s.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%.1f"/>`+"\n", x1, y1, x2, y2, color, w)
}

func (s *svg) text(x, y float64, anchor, t string) {
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" text-anchor="%s">%s</text>`+"\n", x, y, anchor, esc(t))
}

func (s *svg) end() string {
	s.b.WriteString("</svg>\n")
	return s.b.String()
}

// axes draws the frame with a y scale from 0 to ymax and returns the
// mapping of a value to its y pixel.
func (s *svg) axes(ymax float64, ylabel, xlabel string) func(float64) float64 {
	x0, y0, y1 := float64(left), float64(height-bottom), float64(top)
	s.line(x0, y0, float64(width-right), y0, "black", 1)
	s.line(x0, y0, x0, y1, "black", 1)
	for i := 0; i <= 4; i++ {
		v := ymax * float64(i) / 4
		y := y0 - (y0-y1)*float64(i)/4
		s.line(x0-4, y, x0, y, "black", 1)
		s.line(x0, y, float64(width-right), y, "#dddddd", 0.5)
		s.text(x0-6, y+4, "end", short(v))
	}
	fmt.Fprintf(&s.b, `<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">%s</text>`+"\n", (top+height-bottom)/2, (top+height-bottom)/2, esc(ylabel))
	s.text(float64(left+width-right)/2, float64(height-12), "middle", xlabel)
	return func(v float64) float64 { return y0 - (y0-y1)*v/ymax }
}

func short(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.1fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0fk", v/1e3)
	case v >= 10 || v == 0:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2g", v)
}

func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// barChart draws one bar per label.
func barChart(title, ylabel string, labels []string, values []float64) string {
	s := newSVG(title)
	ymax := 0.0
	for _, v := range values {
		ymax = max(ymax, v)
	}
	ymax = niceMax(ymax)
	y := s.axes(ymax, ylabel, "")
	slot := float64(width-left-right) / float64(len(values))
	for i, v := range values {
		x := float64(left) + slot*float64(i) + slot*0.15
		fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n",
			x, y(v), slot*0.7, y(0)-y(v), palette[0])
		s.text(x+slot*0.35, y(v)-4, "middle", fmt.Sprintf("%.3g", v))
		s.text(x+slot*0.35, float64(height-bottom+16), "middle", labels[i])
	}
	return s.end()
}

// series is one line of a line chart or one set of bars of a histogram.
type series struct {
	name string
	ys   []float64
}

// lineChart draws each series against the shared x labels.
func lineChart(title, ylabel, xlabel string, xs []string, ymax float64, ss []series) string {
	s := newSVG(title)
	if ymax <= 0 {
		for _, sr := range ss {
			for _, v := range sr.ys {
				ymax = max(ymax, v)
			}
		}
		ymax = niceMax(ymax)
	}
	y := s.axes(ymax, ylabel, xlabel)
	step := float64(width-left-right) / float64(max(len(xs)-1, 1))
	xAt := func(i int) float64 { return float64(left) + step*float64(i) }
	for i, x := range xs {
		s.text(xAt(i), float64(height-bottom+16), "middle", x)
	}
	for k, sr := range ss {
		c := palette[k%len(palette)]
		var pts []string
		for i, v := range sr.ys {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", xAt(i), y(v)))
			fmt.Fprintf(&s.b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", xAt(i), y(v), c)
		}
		fmt.Fprintf(&s.b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), c)
		s.legend(k, sr.name, c)
	}
	return s.end()
}

func (s *svg) legend(k int, name, color string) {
	y := float64(top + 14 + 16*k)
	x := float64(width - right - 170)
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="12" height="12" fill="%s"/>`+"\n", x, y-10, color)
	s.text(x+18, y, "start", name)
}

// histogram draws the series side by side in each bin.
func histogram(title, ylabel, xlabel string, bins []string, ss []series) string {
	s := newSVG(title)
	ymax := 0.0
	for _, sr := range ss {
		for _, v := range sr.ys {
			ymax = max(ymax, v)
		}
	}
	ymax = niceMax(ymax)
	y := s.axes(ymax, ylabel, xlabel)
	slot := float64(width-left-right) / float64(len(bins))
	w := slot * 0.8 / float64(len(ss))
	for i, label := range bins {
		for k, sr := range ss {
			x := float64(left) + slot*float64(i) + slot*0.1 + w*float64(k)
			fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n",
				x, y(sr.ys[i]), w, y(0)-y(sr.ys[i]), palette[k%len(palette)])
		}
		if i%2 == 0 {
			s.text(float64(left)+slot*float64(i)+slot/2, float64(height-bottom+16), "middle", label)
		}
	}
	for k, sr := range ss {
		s.legend(k, sr.name, palette[k%len(palette)])
	}
	return s.end()
}
