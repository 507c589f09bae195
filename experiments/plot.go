package experiments

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Plot is an experiment's figure: lines of points over one x axis.
type Plot struct {
	Title, X, Y string
	// LogX and LogY put the axis on a log scale.
	LogX, LogY bool
	Series     []Series
	// Categories, when set, makes the plot a grouped bar chart: one
	// group of bars per category (the x axis's labels), one bar per
	// series in each group, series i's Y[j] the bar of category j (X,
	// LogX and LogY are unused: bars start at zero).
	Categories []string
}

// extent is the smallest and largest x and y of p's points.
func (p *Plot) extent() (xlo, xhi, ylo, yhi float64) {
	xlo, ylo = math.Inf(1), math.Inf(1)
	xhi, yhi = math.Inf(-1), math.Inf(-1)
	for _, s := range p.Series {
		for i := range s.X {
			xlo, xhi = min(xlo, s.X[i]), max(xhi, s.X[i])
			ylo, yhi = min(ylo, s.Y[i]), max(yhi, s.Y[i])
		}
	}
	return xlo, xhi, ylo, yhi
}

// A Series is one line of a Plot. A Reference line (an ideal, a bound) is
// drawn dashed and grey.
type Series struct {
	Name      string
	X, Y      []float64
	Reference bool
}

// Save draws p to path; the extension (.svg or .png) picks the format.
func (p *Plot) Save(path string) (err error) {
	// gonum/plot panics on data it cannot draw; that is an error here.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("experiments: drawing plot %q: %v", p.Title, r)
		}
	}()
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".svg" && ext != ".png" {
		return fmt.Errorf("experiments: plot file %q: want a .svg or .png name", path)
	}
	pl := plot.New()
	pl.Title.Text = p.Title
	pl.X.Label.Text = p.X
	pl.Y.Label.Text = p.Y
	xlo, xhi, ylo, yhi := p.extent()
	if p.LogX && xlo > 0 {
		pl.X.Scale = plot.LogScale{}
		pl.X.Tick.Marker = plot.LogTicks{Prec: -1}
		if xlo == xhi {
			pl.X.Min, pl.X.Max = xlo/2, xhi*2
		}
	}
	if p.LogY && ylo > 0 {
		pl.Y.Scale = plot.LogScale{}
		pl.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		if ylo == yhi {
			pl.Y.Min, pl.Y.Max = ylo/2, yhi*2
		}
	}
	pl.Add(plotter.NewGrid())
	if len(p.Categories) > 0 {
		return p.saveBars(pl, path)
	}
	pl.Legend.Top = true
	pl.Legend.Left = true
	colour := 0
	for _, s := range p.Series {
		pts := make(plotter.XYs, 0, len(s.X))
		for i := range s.X {
			pts = append(pts, plotter.XY{X: s.X[i], Y: s.Y[i]})
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return fmt.Errorf("experiments: plot %q, series %q: %w", p.Title, s.Name, err)
		}
		if s.Reference {
			line.Color = color.Gray{Y: 128}
			line.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			points.Shape = draw.CircleGlyph{}
			points.Radius = 0
		} else {
			line.Color = plotutil.Color(colour)
			points.Color = plotutil.Color(colour)
			points.Shape = plotutil.Shape(colour)
			colour++
		}
		pl.Add(line, points)
		pl.Legend.Add(s.Name, line, points)
	}
	if err := pl.Save(16*vg.Centimeter, 10*vg.Centimeter, path); err != nil {
		return fmt.Errorf("experiments: saving plot %s: %w", path, err)
	}
	return nil
}

// saveBars draws p as a grouped bar chart.
func (p *Plot) saveBars(pl *plot.Plot, path string) error {
	n := len(p.Series)
	width := vg.Points(min(60/float64(max(n, 1)), 14))
	for i, s := range p.Series {
		if len(s.Y) != len(p.Categories) {
			return fmt.Errorf("experiments: plot %q, series %q: %d values for %d categories", p.Title, s.Name, len(s.Y), len(p.Categories))
		}
		bars, err := plotter.NewBarChart(plotter.Values(s.Y), width)
		if err != nil {
			return fmt.Errorf("experiments: plot %q, series %q: %w", p.Title, s.Name, err)
		}
		bars.LineStyle.Width = 0
		bars.Color = plotutil.Color(i)
		bars.Offset = width * vg.Length(float64(i)-float64(n-1)/2)
		pl.Add(bars)
		pl.Legend.Add(s.Name, bars)
	}
	pl.Legend.Top = true
	pl.NominalX(p.Categories...)
	w := max(16*vg.Centimeter, vg.Length(len(p.Categories)*n)*width*1.3)
	if err := pl.Save(w, 10*vg.Centimeter, path); err != nil {
		return fmt.Errorf("experiments: saving plot %s: %w", path, err)
	}
	return nil
}
