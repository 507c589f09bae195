package experiments

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rwgil/rwgil/eml"
)

// SpeedConfig configures [Speed]. Zero fields take the defaults in
// brackets.
type SpeedConfig struct {
	// Targets are rwgil's targets [eml and gil].
	Targets []Target
	// CPython are the interpreters run beside them; the first is the
	// reference every ratio is taken to. Speed needs at least one.
	CPython []Target
	// Benches are the suite's benchmarks [all of SpeedBenches()].
	Benches []string
	// Quick runs each benchmark at a small fraction of its size.
	Quick bool
	// Rounds is the number of interleaved rounds [3].
	Rounds   int
	Progress func(string)
}

// SpeedRow is one benchmark under one target, on one thread.
type SpeedRow struct {
	Bench  string `json:"bench"`
	Target string `json:"target"`
	Policy string `json:"policy"`
	// Seconds is the median time the workload measured itself (start-up
	// excluded); Ratio the median over rounds of that time over the
	// reference CPython's in the same round, RatioMin and RatioMax its
	// range.
	Seconds  float64 `json:"seconds"`
	Ratio    float64 `json:"ratio"`
	RatioMin float64 `json:"ratio_min"`
	RatioMax float64 `json:"ratio_max"`
}

// speedSizes is each benchmark's N for Speed, at full size and with
// Quick: full sizes take about a tenth of a second under CPython 3.13
// here, so that rwgil's runs take about a second each.
var speedSizes = map[string][2]int{
	"fib":        {1500, 20},
	"intloop":    {3000000, 20000},
	"float":      {60000, 1000},
	"methods":    {300000, 5000},
	"dicts":      {250000, 5000},
	"lists":      {1000000, 10000},
	"generators": {600000, 10000},
	"closures":   {1000000, 10000},
}

// SpeedBenches are Speed's programs: recursion, loops over ints, float
// arithmetic, method calls and attributes, dicts and strings, lists,
// generators and closures (all in experiments/workloads/suite.py).
func SpeedBenches() []string {
	return []string{"fib", "intloop", "float", "methods", "dicts", "lists", "generators", "closures"}
}

// Speed is the interpreter's speed: the suite on one thread under each of
// rwgil's targets and each CPython, in interleaved rounds, as the ratio of
// each run's time to the first CPython's in the same round (issue 18's
// goal: rwgil eml at most 1.0 in the geometric mean).
func Speed(ctx context.Context, cfg SpeedConfig) ([]SpeedRow, error) {
	if len(cfg.CPython) == 0 {
		return nil, fmt.Errorf("experiments: speed: name a CPython to compare with (-cpython PATH)")
	}
	ts := cfg.Targets
	if len(ts) == 0 {
		ts = []Target{PolicyTarget(eml.PolicyEML), PolicyTarget(eml.PolicyGIL)}
	}
	ref := len(ts)
	ts = append(append([]Target(nil), ts...), cfg.CPython...)
	benches := cfg.Benches
	if len(benches) == 0 {
		benches = SpeedBenches()
	}
	var cells []Cell
	for _, b := range benches {
		size, ok := speedSizes[b]
		if !ok {
			return nil, fmt.Errorf("experiments: speed: no benchmark %q in the suite", b)
		}
		n := size[0]
		if cfg.Quick {
			n = size[1]
		}
		for _, t := range ts {
			cells = append(cells, Cell{Target: t, Workload: "suite.py", Args: []string{b, strconv.Itoa(n), "1"}, Key: b})
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, func(r, i int, c Cell) {
		if cfg.Progress != nil {
			cfg.Progress(fmt.Sprintf("speed round %d/%d: %s under %s", r+1, max(cfg.Rounds, 1), c.Key, c.Target.Name))
		}
	})
	if err != nil {
		return nil, err
	}
	var rows []SpeedRow
	for bi, b := range benches {
		for ti, t := range ts {
			i := bi*len(ts) + ti
			var secs, ratios []float64
			for _, round := range ms {
				s := round[i].Float("seconds")
				secs = append(secs, s)
				ratios = append(ratios, s/round[bi*len(ts)+ref].Float("seconds"))
			}
			r := SpreadOf(ratios)
			rows = append(rows, SpeedRow{Bench: b, Target: t.Name, Policy: t.PolicyName(),
				Seconds: SpreadOf(secs).Median, Ratio: r.Median, RatioMin: r.Min, RatioMax: r.Max})
		}
	}
	return rows, nil
}

// SpeedTable is the table of Speed's rows: one line per benchmark, one
// column per target, each cell the time over the reference CPython's, and
// a geometric mean.
func SpeedTable(rows []SpeedRow) *Table {
	ref := ""
	if len(rows) > 0 {
		ref = rows[len(rows)-1].Target
		for _, r := range rows {
			if r.Policy == "cpython" || r.Policy == "cpython-ft" {
				ref = r.Target
				break
			}
		}
	}
	t := &Table{
		ID:    "speed",
		Name:  "speed",
		Title: "Interpreter speed",
		Claim: "Issue 18's goal: each rwgil thread as fast as CPython 3.13's (eml's time over " + ref + "'s at most 1.0 in the geometric mean, no program above 1.5).",
		Rows:  rows,
	}
	targets, byBench, order := pivot(rows, func(r SpeedRow) (string, string, string) {
		return r.Bench, r.Target, fmtRatio(r.Ratio, r.RatioMin, r.RatioMax) + fmt.Sprintf(" %.3fs", r.Seconds)
	})
	t.Columns = append([]string{"bench"}, targets...)
	for _, b := range order {
		t.Cells = append(t.Cells, append([]string{b}, byBench[b]...))
	}
	means := map[string][]float64{}
	for _, r := range rows {
		means[r.Target] = append(means[r.Target], r.Ratio)
	}
	gm := []string{"geomean"}
	for _, tg := range targets {
		g := geomean(means[tg])
		gm = append(gm, fmt.Sprintf("%.2f", g))
		if tg != ref {
			t.Notes = append(t.Notes, fmt.Sprintf("%s takes %.2fx %s's time (geometric mean over %d programs).", tg, g, ref, len(order)))
		}
	}
	t.Cells = append(t.Cells, gm)
	t.Plot = &Plot{Title: "Interpreter speed", Y: "time over " + ref + "'s", Categories: order}
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
