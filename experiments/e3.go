package experiments

import (
	"context"
	"fmt"
	"runtime"
	"strconv"

	"github.com/rwgil/rwgil/eml"
)

// E3Config configures [E3]. Zero fields take the defaults in brackets.
type E3Config struct {
	// Targets are run side by side [every policy].
	Targets []Target
	// Fractions are the shares of a thread's work inside unported calls
	// [0, 1%, 5%, 10%, 25%, 50%, 100%].
	Fractions []float64
	// Threads is N [the number of cores].
	Threads  int
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E3Row is one target at one fraction.
type E3Row struct {
	Target     string  `json:"target"`
	Policy     string  `json:"policy"`
	Priorities *bool   `json:"priorities,omitempty"`
	Fraction   float64 `json:"f"`
	Threads    int     `json:"threads"`
	// Throughput is units of work per second on Threads threads (median);
	// Speedup is it over the same target's on one thread, per round
	// (median and range); Bound is Amdahl's 1/(f + (1-f)/N).
	Throughput float64 `json:"throughput"`
	Speedup    float64 `json:"speedup"`
	SpeedupMin float64 `json:"speedup_min"`
	SpeedupMax float64 `json:"speedup_max"`
	Bound      float64 `json:"bound"`
}

// e3Units is each thread's number of work units, and e3K the additions
// of a unit's core part.
const (
	e3Units, e3UnitsQuick = 300, 20
	e3K                   = 2000
)

// amdahlBound is the speedup Amdahl's law allows on n processors when
// the fraction f of the work is serial.
func amdahlBound(f float64, n int) float64 { return 1 / (f + (1-f)/float64(n)) }

// E3 is Amdahl's law for the extension module lock: the fraction f of
// each thread's work is a call into an unported module, and the
// throughput of each design on N threads, over its own on one thread, is
// set against 1/(f + (1-f)/N).
func E3(ctx context.Context, cfg E3Config) ([]E3Row, error) {
	fs := cfg.Fractions
	if len(fs) == 0 {
		fs = []float64{0, 0.01, 0.05, 0.10, 0.25, 0.50, 1}
	}
	n := cfg.Threads
	if n <= 0 {
		n = runtime.NumCPU()
	}
	units := e3Units
	if cfg.Quick {
		units = e3UnitsQuick
	}
	var cells []Cell
	for _, t := range cfg.Targets {
		for _, f := range fs {
			for _, threads := range []int{1, n} {
				cells = append(cells, Cell{Target: t, Workload: "amdahl.py",
					Args: []string{strconv.FormatFloat(f, 'g', -1, 64), strconv.Itoa(threads), strconv.Itoa(units), strconv.Itoa(e3K)}})
			}
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, func(r, i int, c Cell) {
		if cfg.Progress != nil {
			cfg.Progress(fmt.Sprintf("E3 round %d/%d: %s, f=%s on %s threads", r+1, max(cfg.Rounds, 1), c.Target.Name, c.Args[0], c.Args[1]))
		}
	})
	if err != nil {
		return nil, err
	}
	var rows []E3Row
	for ti, t := range cfg.Targets {
		for fi, f := range fs {
			i := (ti*len(fs) + fi) * 2
			var thr, sp []float64
			for _, round := range ms {
				one := round[i].Float("units") / round[i].Float("seconds")
				x := round[i+1].Float("units") / round[i+1].Float("seconds")
				thr = append(thr, x)
				sp = append(sp, x/one)
			}
			s := SpreadOf(sp)
			rows = append(rows, E3Row{Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t), Fraction: f, Threads: n,
				Throughput: SpreadOf(thr).Median, Speedup: s.Median, SpeedupMin: s.Min, SpeedupMax: s.Max, Bound: amdahlBound(f, n)})
		}
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e3",
		Name:     "amdahl",
		Title:    "E3 Amdahl",
		Measures: "a fraction f of each thread's work in unported calls: speedup on N threads against Amdahl's bound 1/(f + (1-f)/N)",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			ts := append(o.policyTargets(eml.Policies(), false), o.CPython...)
			n := 0
			if len(o.Threads) > 0 {
				n = o.Threads[0]
			}
			rows, err := E3(ctx, E3Config{Targets: ts, Threads: n, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e3Table(rows), nil
		},
	})
}

func e3Table(rows []E3Row) *Table {
	n := 0
	if len(rows) > 0 {
		n = rows[0].Threads
	}
	t := &Table{
		ID:    "e3",
		Name:  "amdahl",
		Title: "E3 Amdahl",
		Claim: fmt.Sprintf("Coghlan's proposal: with the extension module lock only the unported fraction f is serial, so eml's speedup on N=%d threads follows Amdahl's 1/(f + (1-f)/N); the GIL (and sticky, CPython 3.13t's GIL-for-good after the import) stays at 1.", n),
		Rows:  rows,
		Plot:  &Plot{Title: fmt.Sprintf("E3 Amdahl, %d threads", n), X: "fraction f in unported calls", Y: "speedup over one thread"},
	}
	targets, cells, keys := pivot(rows, func(r E3Row) (string, string, string) {
		return strconv.FormatFloat(r.Fraction, 'g', -1, 64), r.Target, fmtRatio(r.Speedup, r.SpeedupMin, r.SpeedupMax)
	})
	t.Columns = append([]string{"f", "bound"}, targets...)
	bounds := map[string]string{}
	series := map[string]*Series{}
	bound := Series{Name: "Amdahl bound", Reference: true}
	for _, r := range rows {
		k := strconv.FormatFloat(r.Fraction, 'g', -1, 64)
		if _, ok := bounds[k]; !ok {
			bounds[k] = fmt.Sprintf("%.2f", r.Bound)
			bound.X = append(bound.X, r.Fraction)
			bound.Y = append(bound.Y, r.Bound)
		}
		s := series[r.Target]
		if s == nil {
			s = &Series{Name: r.Target}
			series[r.Target] = s
		}
		s.X = append(s.X, r.Fraction)
		s.Y = append(s.Y, r.Speedup)
	}
	for _, k := range keys {
		t.Cells = append(t.Cells, append([]string{k, bounds[k]}, cells[k]...))
	}
	for _, tg := range targets {
		t.Plot.Series = append(t.Plot.Series, *series[tg])
		var worst, at float64 = 2, 0
		for _, r := range rows {
			if r.Target == tg && r.Speedup/r.Bound < worst {
				worst, at = r.Speedup/r.Bound, r.Fraction
			}
		}
		t.Notes = append(t.Notes, fmt.Sprintf("%s reaches at worst %.0f%% of the bound (at f = %g).", tg, 100*worst, at))
	}
	t.Plot.Series = append(t.Plot.Series, bound)
	return t
}
