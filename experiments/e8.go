package experiments

import (
	"context"
	"fmt"
	"runtime"
	"strconv"

	"github.com/rwgil/rwgil/eml"
)

// E8Config configures [E8]. Zero fields take the defaults in brackets.
type E8Config struct {
	// Targets are the rwgil targets (rwgil bench interpreters runs gil,
	// eml, free and adaptive) and CPythons; a gil target is also run with
	// its children on one shared lock.
	Targets []Target
	// Threads are the counts of threads or interpreters [1, 2, ... up to
	// twice the cores].
	Threads []int
	// Calls is the number of each operation the cost rows time [1000,
	// at most 200 for CPython; 20 with Quick].
	Calls    int
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E8Row is one target in one mode at one count (Kind "scaling"), or one
// operation's cost under one target (Kind "cost"), or a CPython target
// that could not run the cost rows (Kind "unsupported", Op saying why).
type E8Row struct {
	Kind       string `json:"kind"`
	Target     string `json:"target"`
	Policy     string `json:"policy"`
	Priorities *bool  `json:"priorities,omitempty"`
	// Mode is threads (one interpreter, N threads), interps (N
	// interpreters with a lock each, one thread each) or shared (N
	// interpreters on the main one's lock); empty in cost rows.
	Mode    string `json:"mode,omitempty"`
	Threads int    `json:"threads"`
	// Throughput is benchmark runs per second, all workers together
	// (median); Speedup is, per round, it over the same target's one
	// interpreter on one thread (median and range).
	Throughput float64 `json:"throughput,omitempty"`
	Speedup    float64 `json:"speedup,omitempty"`
	SpeedupMin float64 `json:"speedup_min,omitempty"`
	SpeedupMax float64 `json:"speedup_max,omitempty"`
	// Op (create+call+close, queue round trip, call) and its cost in
	// microseconds (median over rounds), in cost rows.
	Op string  `json:"op,omitempty"`
	US float64 `json:"us,omitempty"`
	// CPython marks a CPython target's rows.
	CPython bool `json:"-"`
}

// e8Modes are the scaling modes of target t (none for CPython, which has
// no lock policies to give an interpreter).
func e8Modes(t Target) []string {
	if t.IsCPython() {
		return nil
	}
	if t.Policy == eml.PolicyGIL {
		return []string{"threads", "interps", "shared"}
	}
	return []string{"threads", "interps"}
}

// e8Ops are the cost row's operations with the workload's keys.
var e8Ops = []struct{ name, key string }{
	{"create+call+close", "create_us"},
	{"queue round trip", "queue_us"},
	{"call", "call_us"},
}

// E8 is interpreters against threads: the E2 benchmark (float) on N
// threads of one interpreter against N interpreters with one thread each,
// each with its own lock or all on one, and what creating and closing an
// interpreter, a round trip through a queue and a call cost.
func E8(ctx context.Context, cfg E8Config) ([]E8Row, error) {
	counts := cfg.Threads
	if len(counts) == 0 {
		for n := 1; n <= maxThreads(); n++ {
			counts = append(counts, n)
		}
	}
	if counts[0] != 1 {
		counts = append([]int{1}, counts...)
	}
	calls := cfg.Calls
	if calls <= 0 {
		calls = 1000
		if cfg.Quick {
			calls = 20
		}
	}
	n := strconv.Itoa(suiteN("float", cfg.Quick))
	type at struct{ target, mode string }
	index := map[at][]int{}
	cost := map[string]int{}
	var cells []Cell
	for _, t := range cfg.Targets {
		for _, m := range e8Modes(t) {
			for _, c := range counts {
				index[at{t.Name, m}] = append(index[at{t.Name, m}], len(cells))
				cells = append(cells, Cell{Target: t, Workload: "interpreters.py", Args: []string{m, n, strconv.Itoa(c)}})
			}
		}
		k := calls
		if t.IsCPython() {
			// 3.13's create and queue round trip take milliseconds each.
			k = min(k, 200)
		}
		cost[t.Name] = len(cells)
		cells = append(cells, Cell{Target: t, Workload: "interpreters.py", Args: []string{"cost", strconv.Itoa(k), "1"}})
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E8", cfg.Rounds, func(c Cell) string {
		if c.Args[0] == "cost" {
			return c.Target.Name + ": interpreter costs"
		}
		return c.Target.Name + ": " + c.Args[2] + " " + c.Args[0]
	}))
	if err != nil {
		return nil, err
	}
	rate := func(m Measurement) float64 { return m.Float("ops") / m.Float("seconds") }
	var rows []E8Row
	for _, t := range cfg.Targets {
		for _, m := range e8Modes(t) {
			one := index[at{t.Name, "threads"}][0]
			for ci, c := range counts {
				i := index[at{t.Name, m}][ci]
				thr := acrossRounds(ms, func(round []Measurement) float64 { return rate(round[i]) })
				s := acrossRounds(ms, func(round []Measurement) float64 { return rate(round[i]) / rate(round[one]) })
				rows = append(rows, E8Row{Kind: "scaling", Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t),
					Mode: m, Threads: c, Throughput: thr.Median, Speedup: s.Median, SpeedupMin: s.Min, SpeedupMax: s.Max})
			}
		}
		if why, ok := ms[0][cost[t.Name]].Values["unsupported"].(string); ok {
			rows = append(rows, E8Row{Kind: "unsupported", Target: t.Name, Policy: t.PolicyName(), Threads: 1, Op: why, CPython: true})
			continue
		}
		for _, op := range e8Ops {
			us := acrossRounds(ms, func(round []Measurement) float64 { return round[cost[t.Name]].Float(op.key) })
			rows = append(rows, E8Row{Kind: "cost", Target: t.Name, Policy: t.PolicyName(), Priorities: priorities(t),
				Threads: 1, Op: op.name, US: us.Median, CPython: t.IsCPython()})
		}
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e8",
		Name:     "interpreters",
		Title:    "E8 interpreters",
		Measures: "N interpreters with a thread each against one interpreter with N threads (gil with a lock each and with one shared, eml, free, adaptive) on E2's benchmark, and the cost of creating+closing an interpreter, a queue round trip and a call",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			ts := append(o.policyTargets([]eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree, eml.PolicyAdaptive}, false), o.CPython...)
			rows, err := E8(ctx, E8Config{Targets: ts, Threads: o.Threads, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e8Table(rows), nil
		},
	})
}

func e8Table(rows []E8Row) *Table {
	t := &Table{
		ID:    "e8",
		Name:  "interpreters",
		Title: "E8 interpreters",
		Claim: "Published anchor: 10,000 create + call + close took 11.1 s with CPython 3.13's subinterpreters against 7.3 s for processes (16 cores). " +
			fmt.Sprintf("Ideal here: interpreters with a lock each scale as free threads do, up to the cores (%d); on one shared GIL they do not scale.", runtime.NumCPU()),
		Rows: rows,
		Plot: &Plot{Title: "E8 interpreters", X: "threads or interpreters", Y: "speedup over one interpreter, one thread"},
	}
	var scaling []E8Row
	for _, r := range rows {
		if r.Kind == "scaling" {
			scaling = append(scaling, r)
		}
	}
	series, cells, keys := pivot(scaling, func(r E8Row) (string, string, string) {
		return strconv.Itoa(r.Threads), r.Target + " " + r.Mode, fmtRatio(r.Speedup, r.SpeedupMin, r.SpeedupMax)
	})
	t.Columns = append([]string{"threads"}, series...)
	for _, k := range keys {
		t.Cells = append(t.Cells, append([]string{k}, cells[k]...))
	}
	byName := map[string]*Series{}
	best := map[string]float64{}
	for _, r := range scaling {
		name := r.Target + " " + r.Mode
		s := byName[name]
		if s == nil {
			s = &Series{Name: name}
			byName[name] = s
		}
		s.X = append(s.X, float64(r.Threads))
		s.Y = append(s.Y, r.Speedup)
		best[name] = max(best[name], r.Speedup)
	}
	for _, name := range series {
		t.Plot.Series = append(t.Plot.Series, *byName[name])
	}
	var ideal Series
	ideal.Name, ideal.Reference = "ideal", true
	if len(series) > 0 {
		for _, x := range byName[series[0]].X {
			ideal.X = append(ideal.X, x)
			ideal.Y = append(ideal.Y, float64(min(int(x), runtime.NumCPU())))
		}
	}
	t.Plot.Series = append(t.Plot.Series, ideal)
	for _, name := range series {
		t.Notes = append(t.Notes, fmt.Sprintf("%s: best speedup %.2fx (ideal %d).", name, best[name], runtime.NumCPU()))
	}
	costs := map[string]string{}
	var order []string
	for _, r := range rows {
		if r.Kind != "cost" {
			continue
		}
		if _, ok := costs[r.Target]; !ok {
			order = append(order, r.Target)
		} else {
			costs[r.Target] += ", "
		}
		costs[r.Target] += fmt.Sprintf("%s %.1f us", r.Op, r.US)
	}
	for _, tg := range order {
		n := fmt.Sprintf("%s costs: %s", tg, costs[tg])
		for _, r := range rows {
			if r.Kind == "cost" && r.Target == tg && r.Op == "create+call+close" {
				n += fmt.Sprintf(" (10,000 create + call + close: %.1f s, against the anchor's 11.1 s for CPython 3.13)", r.US*10000/1e6)
			}
		}
		t.Notes = append(t.Notes, n+".")
	}
	cpython := false
	for _, r := range rows {
		switch {
		case r.Kind == "unsupported":
			cpython = true
			t.Notes = append(t.Notes, fmt.Sprintf("%s: not run (%s).", r.Target, r.Op))
		case r.CPython:
			cpython = true
		}
	}
	cp := "CPython runs the cost rows only: the scaling modes use rwgil's create(policy=, share_lock_with=), which CPython lacks. 3.13's queue get polls (test.support.interpreters sleeps between tries), which sets its round trip."
	if !cpython {
		cp = "No CPython was given (-cpython with 3.13 or later runs the cost rows; the scaling modes use rwgil's create(policy=, share_lock_with=), which CPython lacks); the anchor's CPython figure stands in."
	}
	t.Notes = append(t.Notes, cp)
	return t
}
