package experiments

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// E7Config configures [E7]. Zero fields take the defaults in brackets.
type E7Config struct {
	// Policies are run with each refcount strategy valid for them [gil,
	// eml, adaptive, free]; adaptive, whose counts are eml's while no
	// unported call is made (and E7 makes none), with its default
	// strategy only (biased), to show it costs what eml does.
	Policies []eml.Policy
	// Benches are the suite's benchmarks [SuiteBenches() and "shared"].
	Benches []string
	// SharedThreads is the thread count of the shared-object benchmark
	// [2].
	SharedThreads int
	Quick         bool
	Rounds        int
	Progress      func(string)
}

// E7Row is one benchmark under one policy and refcount strategy.
type E7Row struct {
	Bench      string `json:"bench"`
	Policy     string `json:"policy"`
	Priorities *bool  `json:"priorities,omitempty"`
	Refcount   string `json:"refcount"`
	Threads    int    `json:"threads"`
	// Ratio is the run time over plain's under gil in the same round
	// (median and range).
	Ratio    float64 `json:"ratio"`
	RatioMin float64 `json:"ratio_min"`
	RatioMax float64 `json:"ratio_max"`
}

// refcountKinds are the strategies E7 runs under p: those valid under it
// (plain only under gil, whose counts are not atomic); under adaptive
// only biased, the default, beside eml's same column.
func refcountKinds(p eml.Policy) []refcount.Kind {
	if p == eml.PolicyAdaptive {
		return []refcount.Kind{refcount.Biased}
	}
	var ks []refcount.Kind
	for _, k := range refcount.Kinds() {
		if k == refcount.Plain && p != eml.PolicyGIL {
			continue
		}
		ks = append(ks, k)
	}
	return ks
}

// E7 is reference counting's cost: the E1 suite and a benchmark of many
// threads taking references to one object, under each refcount strategy
// valid for each policy, as ratios to plain under gil.
func E7(ctx context.Context, cfg E7Config) ([]E7Row, error) {
	ps := cfg.Policies
	if len(ps) == 0 {
		ps = []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyAdaptive, eml.PolicyFree}
	}
	benches := cfg.Benches
	if len(benches) == 0 {
		benches = append(SuiteBenches(), "shared")
	}
	shared := cfg.SharedThreads
	if shared <= 0 {
		shared = 2
	}
	ts := []Target{{Name: "gil/plain", Policy: eml.PolicyGIL, Refcount: refcount.Plain}}
	for _, p := range ps {
		for _, k := range refcountKinds(p) {
			if p == eml.PolicyGIL && k == refcount.Plain {
				continue
			}
			ts = append(ts, Target{Name: p.String() + "/" + k.String(), Policy: p, Refcount: k})
		}
	}
	var cells []Cell
	for _, b := range benches {
		if _, ok := suiteSizes[b]; !ok {
			return nil, fmt.Errorf("experiments: E7: no benchmark %q in the suite", b)
		}
		threads := 1
		if b == "shared" {
			threads = shared
		}
		for _, t := range ts {
			cells = append(cells, Cell{Target: t, Workload: "suite.py", Args: []string{b, strconv.Itoa(suiteN(b, cfg.Quick)), strconv.Itoa(threads)}, Key: b})
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E7", cfg.Rounds, func(c Cell) string {
		return c.Key + " under " + c.Target.Name
	}))
	if err != nil {
		return nil, err
	}
	var rows []E7Row
	for bi, b := range benches {
		for ti, t := range ts {
			i, plain := bi*len(ts)+ti, bi*len(ts)
			s := acrossRounds(ms, func(round []Measurement) float64 { return round[i].Float("seconds") / round[plain].Float("seconds") })
			threads, _ := strconv.Atoi(cells[bi*len(ts)+ti].Args[2])
			rows = append(rows, E7Row{Bench: b, Policy: t.Policy.String(), Priorities: priorities(t), Refcount: t.Refcount.String(), Threads: threads,
				Ratio: s.Median, RatioMin: s.Min, RatioMax: s.Max})
		}
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e7",
		Name:     "refcount",
		Title:    "E7 reference counting",
		Measures: "the suite and a shared-object benchmark under each refcount strategy valid for each policy, as ratios to plain under gil",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			rows, err := E7(ctx, E7Config{Policies: o.Policies, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e7Table(rows), nil
		},
	})
}

func e7Table(rows []E7Row) *Table {
	t := &Table{
		ID:    "e7",
		Name:  "refcount",
		Title: "E7 reference counting",
		Claim: "PEP 703: biased reference counting keeps the owner's increments non-atomic, so one thread pays little; objects shared by many threads pay atomic operations (the shallow-copy contention case).",
		Rows:  rows,
	}
	targets, cells, keys := pivot(rows, func(r E7Row) (string, string, string) {
		return r.Bench, r.Policy + "/" + r.Refcount, fmtRatio(r.Ratio, r.RatioMin, r.RatioMax)
	})
	t.Columns = append([]string{"bench"}, targets...)
	for _, k := range keys {
		t.Cells = append(t.Cells, append([]string{k}, cells[k]...))
	}
	means := map[string][]float64{}
	for _, r := range rows {
		if r.Bench != "shared" {
			means[r.Policy+"/"+r.Refcount] = append(means[r.Policy+"/"+r.Refcount], r.Ratio)
		}
	}
	t.Plot = &Plot{Title: "E7 reference counting", Y: "time over gil/plain's", Categories: keys}
	for _, tg := range targets {
		s := Series{Name: tg}
		for _, b := range keys {
			for _, r := range rows {
				if r.Bench == b && r.Policy+"/"+r.Refcount == tg {
					s.Y = append(s.Y, r.Ratio)
				}
			}
		}
		t.Plot.Series = append(t.Plot.Series, s)
	}
	for _, tg := range targets[1:] {
		t.Notes = append(t.Notes, fmt.Sprintf("%s: %.2fx gil/plain on one thread (geometric mean of the suite).", tg, geomean(means[tg])))
	}
	return t
}
