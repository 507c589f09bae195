package experiments

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/eml"
)

// E1Config configures [E1]. Zero fields take the defaults in brackets.
type E1Config struct {
	// Targets are run side by side [every policy, gil with and without
	// priorities]; gil without priorities, the baseline, is added when
	// missing.
	Targets []Target
	// Benches are the suite's benchmarks [all of SuiteBenches()].
	Benches []string
	// Quick runs each benchmark at a small fraction of its size.
	Quick bool
	// Rounds is the number of interleaved rounds [3].
	Rounds   int
	Progress func(string)
}

// E1Row is one benchmark under one target, single-threaded.
type E1Row struct {
	Bench  string `json:"bench"`
	Target string `json:"target"`
	Policy string `json:"policy"`
	// Priorities is set for gil rows only.
	Priorities *bool `json:"priorities,omitempty"`
	Threads    int   `json:"threads"`
	// Seconds is the median run time; Ratio the median over rounds of
	// the run time over gil's in the same round, RatioMin and RatioMax
	// its range.
	Seconds  float64 `json:"seconds"`
	Ratio    float64 `json:"ratio"`
	RatioMin float64 `json:"ratio_min"`
	RatioMax float64 `json:"ratio_max"`
}

// suiteSizes is each suite benchmark's N at full size and with Quick:
// full sizes take a few tenths of a second under CPython 3.12 here.
var suiteSizes = map[string][2]int{
	"fib":        {200, 10},
	"float":      {20000, 1000},
	"methods":    {100000, 5000},
	"dicts":      {100000, 5000},
	"lists":      {200000, 10000},
	"generators": {200000, 10000},
	"shared":     {300000, 10000},
}

// SuiteBenches are the single-thread suite of E1 (and E7): recursion,
// float arithmetic, method calls and attributes, dicts and strings, list
// operations and generators.
func SuiteBenches() []string {
	return []string{"fib", "float", "methods", "dicts", "lists", "generators"}
}

func suiteN(bench string, quick bool) int {
	if quick {
		return suiteSizes[bench][1]
	}
	return suiteSizes[bench][0]
}

// withBaseline returns ts with the plain gil target first in line to be
// the baseline, added when missing, and its index.
func withBaseline(ts []Target) ([]Target, int) {
	for i, t := range ts {
		if !t.IsCPython() && t.Policy == eml.PolicyGIL && !t.Priorities && t.Refcount == 0 && t.Mutex == 0 {
			return ts, i
		}
	}
	return append([]Target{PolicyTarget(eml.PolicyGIL)}, ts...), 0
}

// priorities is the row field: set, for gil rows only.
func priorities(t Target) *bool {
	if t.IsCPython() || t.Policy != eml.PolicyGIL {
		return nil
	}
	p := t.Priorities
	return &p
}

// E1 is the single-thread cost of each design: the suite on one thread
// under each target, as a ratio of its time to gil's.
func E1(ctx context.Context, cfg E1Config) ([]E1Row, error) {
	ts, base := withBaseline(cfg.Targets)
	benches := cfg.Benches
	if len(benches) == 0 {
		benches = SuiteBenches()
	}
	var cells []Cell
	for _, b := range benches {
		if _, ok := suiteSizes[b]; !ok {
			return nil, fmt.Errorf("experiments: E1: no benchmark %q in the suite", b)
		}
		for _, t := range ts {
			cells = append(cells, Cell{Target: t, Workload: "suite.py", Args: []string{b, strconv.Itoa(suiteN(b, cfg.Quick)), "1"}, Key: b})
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E1", cfg.Rounds, func(c Cell) string {
		return c.Key + " under " + c.Target.Name
	}))
	if err != nil {
		return nil, err
	}
	var rows []E1Row
	for bi, b := range benches {
		for ti, t := range ts {
			i, b0 := bi*len(ts)+ti, bi*len(ts)+base
			secs := acrossRounds(ms, func(round []Measurement) float64 { return round[i].Float("seconds") })
			r := acrossRounds(ms, func(round []Measurement) float64 { return round[i].Float("seconds") / round[b0].Float("seconds") })
			rows = append(rows, E1Row{Bench: b, Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t),
				Threads: 1, Seconds: secs.Median, Ratio: r.Median, RatioMin: r.Min, RatioMax: r.Max})
		}
	}
	return rows, nil
}

// geomean is the geometric mean of xs.
func geomean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += math.Log(x)
	}
	return math.Exp(s / float64(len(xs)))
}

func init() {
	register(Experiment{
		ID:       "e1",
		Name:     "cost",
		Title:    "E1 single-thread cost",
		Measures: "the suite (recursion, floats, methods, dicts and strings, lists, generators) on one thread: each design's time over gil's",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			ts := append(o.policyTargets(eml.Policies(), true), o.CPython...)
			rows, err := E1(ctx, E1Config{Targets: ts, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e1Table(rows), nil
		},
	})
}

func e1Table(rows []E1Row) *Table {
	t := &Table{
		ID:    "e1",
		Name:  "cost",
		Title: "E1 single-thread cost",
		Claim: "CPython 3.13t ran 1.5-1.95x slower than 3.13 on this machine; 3.14t is 1-8% slower; PEP 779 caps the free-threaded build's single-thread cost at 15%.",
		Rows:  rows,
	}
	targets, byBench, order := pivot(rows, func(r E1Row) (string, string, string) {
		return r.Bench, r.Target, fmtRatio(r.Ratio, r.RatioMin, r.RatioMax)
	})
	t.Columns = append([]string{"bench"}, targets...)
	for _, b := range order {
		t.Cells = append(t.Cells, append([]string{b}, byBench[b]...))
	}
	// The geometric mean of each target's ratios, and what it says.
	means := map[string][]float64{}
	for _, r := range rows {
		means[r.Target] = append(means[r.Target], r.Ratio)
	}
	policy := map[string]string{}
	for _, r := range rows {
		policy[r.Target] = r.Policy
	}
	gm := []string{"geomean"}
	for _, tg := range targets {
		g := geomean(means[tg])
		gm = append(gm, fmt.Sprintf("%.2f", g))
		switch {
		case tg == "gil":
		case strings.HasPrefix(policy[tg], "cpython"):
			// PEP 779's cap compares a free-threaded build with its own
			// GIL build; CPython beside rwgil measures rwgil's interpreter.
			t.Notes = append(t.Notes, fmt.Sprintf("%s runs the suite in %.2fx the time of rwgil's gil: rwgil's interpreter is %.1fx slower per thread.", tg, g, 1/g))
		default:
			verdict := "within"
			if g > 1.15 {
				verdict = "beyond"
			}
			t.Notes = append(t.Notes, fmt.Sprintf("%s takes %.2fx gil's time on one thread, %s PEP 779's 15%% cap.", tg, g, verdict))
		}
	}
	t.Cells = append(t.Cells, gm)
	t.Plot = &Plot{Title: "E1 single-thread cost", Y: "time over gil's", Categories: order}
	for _, tg := range targets {
		s := Series{Name: tg}
		for _, b := range order {
			for _, r := range rows {
				if r.Bench == b && r.Target == tg {
					s.Y = append(s.Y, r.Ratio)
				}
			}
		}
		t.Plot.Series = append(t.Plot.Series, s)
	}
	return t
}

// fmtRatio prints a ratio with its range.
func fmtRatio(med, lo, hi float64) string {
	return Spread{Median: med, Min: lo, Max: hi, N: 2}.Format("%.2f")
}

// pivot turns rows into a table with one line per key and one column per
// target, in first-seen order.
func pivot[R any](rows []R, f func(R) (key, target, cell string)) (targets []string, cells map[string][]string, keys []string) {
	col := map[string]int{}
	cells = map[string][]string{}
	for _, r := range rows {
		_, tg, _ := f(r)
		if _, ok := col[tg]; !ok {
			col[tg] = len(targets)
			targets = append(targets, tg)
		}
	}
	for _, r := range rows {
		k, tg, c := f(r)
		if _, ok := cells[k]; !ok {
			keys = append(keys, k)
			cells[k] = make([]string, len(targets))
		}
		cells[k][col[tg]] = c
	}
	return targets, cells, keys
}
