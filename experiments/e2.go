package experiments

import (
	"context"
	"fmt"
	"runtime"
	"strconv"

	"github.com/rwgil/rwgil/eml"
)

// E2Config configures [E2]. Zero fields take the defaults in brackets.
type E2Config struct {
	// Targets are run side by side [every policy].
	Targets []Target
	// Bench is the suite benchmark each thread runs ["float"].
	Bench string
	// Threads are the thread counts [1, 2, ... up to twice the cores].
	Threads  []int
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E2Row is one target at one thread count.
type E2Row struct {
	Target     string `json:"target"`
	Policy     string `json:"policy"`
	Priorities *bool  `json:"priorities,omitempty"`
	Threads    int    `json:"threads"`
	// Throughput is benchmark runs per second, all threads together
	// (median); Speedup is, per round, it over the same target's on one
	// thread (median and range).
	Throughput float64 `json:"throughput"`
	Speedup    float64 `json:"speedup"`
	SpeedupMin float64 `json:"speedup_min"`
	SpeedupMax float64 `json:"speedup_max"`
}

// E2 is scaling: the same CPU-bound benchmark on 1 ... N threads (each
// thread does the whole benchmark), the throughput of each target over
// its own on one thread.
func E2(ctx context.Context, cfg E2Config) ([]E2Row, error) {
	bench := cfg.Bench
	if bench == "" {
		bench = "float"
	}
	if _, ok := suiteSizes[bench]; !ok {
		return nil, fmt.Errorf("experiments: E2: no benchmark %q in the suite", bench)
	}
	counts := cfg.Threads
	if len(counts) == 0 {
		for n := 1; n <= maxThreads(); n++ {
			counts = append(counts, n)
		}
	}
	if counts[0] != 1 {
		counts = append([]int{1}, counts...)
	}
	n := suiteN(bench, cfg.Quick)
	var cells []Cell
	for _, t := range cfg.Targets {
		for _, c := range counts {
			cells = append(cells, Cell{Target: t, Workload: "suite.py", Args: []string{bench, strconv.Itoa(n), strconv.Itoa(c)}})
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E2", cfg.Rounds, func(c Cell) string {
		return c.Target.Name + " on " + c.Args[2] + " threads"
	}))
	if err != nil {
		return nil, err
	}
	var rows []E2Row
	for ti, t := range cfg.Targets {
		for ci, c := range counts {
			i, one := ti*len(counts)+ci, ti*len(counts)
			rate := func(m Measurement) float64 { return m.Float("ops") / m.Float("seconds") }
			thr := acrossRounds(ms, func(round []Measurement) float64 { return rate(round[i]) })
			s := acrossRounds(ms, func(round []Measurement) float64 { return rate(round[i]) / rate(round[one]) })
			rows = append(rows, E2Row{Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t), Threads: c,
				Throughput: thr.Median, Speedup: s.Median, SpeedupMin: s.Min, SpeedupMax: s.Max})
		}
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e2",
		Name:     "scaling",
		Title:    "E2 scaling",
		Measures: "one CPU-bound benchmark on 1 to 2x-cores threads: each design's speedup over its own one-thread throughput",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			ts := append(o.policyTargets(eml.Policies(), false), o.CPython...)
			rows, err := E2(ctx, E2Config{Targets: ts, Threads: o.Threads, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e2Table(rows), nil
		},
	})
}

func e2Table(rows []E2Row) *Table {
	t := &Table{
		ID:    "e2",
		Name:  "scaling",
		Title: "E2 scaling",
		Claim: fmt.Sprintf("Ideal: speedup = threads up to the cores (%d here), flat beyond. The GIL allows none; free threading should approach the ideal; eml with no unported calls should match free.", runtime.NumCPU()),
		Rows:  rows,
		Plot:  &Plot{Title: "E2 scaling", X: "threads", Y: "speedup over one thread"},
	}
	targets, cells, keys := pivot(rows, func(r E2Row) (string, string, string) {
		return strconv.Itoa(r.Threads), r.Target, fmtRatio(r.Speedup, r.SpeedupMin, r.SpeedupMax)
	})
	t.Columns = append([]string{"threads"}, targets...)
	for _, k := range keys {
		t.Cells = append(t.Cells, append([]string{k}, cells[k]...))
	}
	series := map[string]*Series{}
	var ideal Series
	ideal.Name, ideal.Reference = "ideal", true
	best := map[string]float64{}
	for _, r := range rows {
		s := series[r.Target]
		if s == nil {
			s = &Series{Name: r.Target}
			series[r.Target] = s
		}
		s.X = append(s.X, float64(r.Threads))
		s.Y = append(s.Y, r.Speedup)
		best[r.Target] = max(best[r.Target], r.Speedup)
		if r.Target == targets[0] {
			ideal.X = append(ideal.X, float64(r.Threads))
			ideal.Y = append(ideal.Y, float64(min(r.Threads, runtime.NumCPU())))
		}
	}
	for _, tg := range targets {
		t.Plot.Series = append(t.Plot.Series, *series[tg])
		t.Notes = append(t.Notes, fmt.Sprintf("%s: best speedup %.2fx (ideal %d).", tg, best[tg], runtime.NumCPU()))
	}
	t.Plot.Series = append(t.Plot.Series, ideal)
	return t
}
