package experiments

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// E6Config configures [E6]. Zero fields take the defaults in brackets.
type E6Config struct {
	// Mutexes are the GIL's mutex kinds [all of eml.MutexKinds()].
	Mutexes []eml.MutexKind
	// Intervals are the switch intervals [0.1, 1, 5 and 10 ms; 1 ms with
	// Quick].
	Intervals []time.Duration
	// Threads is the number of request handlers [the cores, at least 2].
	Threads  int
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E6Row is one mutex kind at one switch interval, under gil.
type E6Row struct {
	Policy           string  `json:"policy"`
	Priorities       bool    `json:"priorities"`
	Mutex            string  `json:"mutex"`
	SwitchIntervalMs float64 `json:"switch_interval_ms"`
	Threads          int     `json:"threads"`
	// Throughput is requests per second (median); Handoffs the GIL's
	// changes of hands per second (median); VsMutex the throughput over
	// the mutex kind's in the same round (median).
	Throughput float64 `json:"throughput"`
	Handoffs   float64 `json:"handoffs_per_sec"`
	VsMutex    float64 `json:"ratio"`
}

// E6 is Sitbon's lock hand-off: a multithreaded request handler under
// the GIL, for each kind of mutex beneath the GIL and switch interval.
func E6(ctx context.Context, cfg E6Config) ([]E6Row, error) {
	kinds := cfg.Mutexes
	if len(kinds) == 0 {
		kinds = eml.MutexKinds()
	}
	ivs := cfg.Intervals
	if len(ivs) == 0 {
		ivs = []time.Duration{100 * time.Microsecond, time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond}
		if cfg.Quick {
			ivs = []time.Duration{time.Millisecond}
		}
	}
	threads := cfg.Threads
	if threads <= 0 {
		threads = max(runtime.NumCPU(), 2)
	}
	requests := 400
	if cfg.Quick {
		requests = 30
	}
	var cells []Cell
	for _, iv := range ivs {
		for _, k := range kinds {
			t := Target{Name: "gil/" + k.String(), Policy: eml.PolicyGIL, Mutex: k, SwitchInterval: iv}
			cells = append(cells, Cell{Target: t, Workload: "handler.py", Args: []string{strconv.Itoa(threads), strconv.Itoa(requests)}})
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E6", cfg.Rounds, func(c Cell) string {
		return fmt.Sprintf("%s at %v", c.Target.Name, c.Target.SwitchInterval)
	}))
	if err != nil {
		return nil, err
	}
	base := 0
	for i, k := range kinds {
		if k == eml.MutexSync {
			base = i
		}
	}
	var rows []E6Row
	for ii, iv := range ivs {
		for ki, k := range kinds {
			i, b := ii*len(kinds)+ki, ii*len(kinds)+base
			rate := func(m Measurement) float64 { return m.Float("requests") / m.Float("seconds") }
			thr := acrossRounds(ms, func(round []Measurement) float64 { return rate(round[i]) })
			hand := acrossRounds(ms, func(round []Measurement) float64 {
				return float64(round[i].Stats.Lock.Switches) / round[i].Wall.Seconds()
			})
			vs := acrossRounds(ms, func(round []Measurement) float64 { return rate(round[i]) / rate(round[b]) })
			rows = append(rows, E6Row{Policy: "gil", Mutex: k.String(), SwitchIntervalMs: float64(iv) / float64(time.Millisecond), Threads: threads,
				Throughput: thr.Median, Handoffs: hand.Median, VsMutex: vs.Median})
		}
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e6",
		Name:     "handoff",
		Title:    "E6 lock hand-off",
		Measures: "Sitbon's request handler under the GIL: requests/s and hand-offs/s for each mutex kind and switch interval",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			n := 0
			if len(o.Threads) > 0 {
				n = o.Threads[0]
			}
			rows, err := E6(ctx, E6Config{Threads: n, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e6Table(rows), nil
		},
	})
}

func e6Table(rows []E6Row) *Table {
	t := &Table{
		ID:    "e6",
		Name:  "handoff",
		Title: "E6 lock hand-off",
		Claim: "Sitbon (2009): replacing the GIL's event object with a critical section made the GIL about 2x faster to hand off on Windows.",
		Rows:  rows,
		Plot:  &Plot{Title: "E6 requests per second under the GIL", X: "switch interval (ms)", Y: "requests/s", LogX: true},
	}
	targets, cells, keys := pivot(rows, func(r E6Row) (string, string, string) {
		return strconv.FormatFloat(r.SwitchIntervalMs, 'g', -1, 64), r.Mutex, fmt.Sprintf("%.0f req/s, %.0f hand-offs/s", r.Throughput, r.Handoffs)
	})
	t.Columns = append([]string{"switch interval ms"}, targets...)
	for _, k := range keys {
		t.Cells = append(t.Cells, append([]string{k}, cells[k]...))
	}
	series := map[string]*Series{}
	for _, r := range rows {
		s := series[r.Mutex]
		if s == nil {
			s = &Series{Name: r.Mutex}
			series[r.Mutex] = s
		}
		s.X = append(s.X, r.SwitchIntervalMs)
		s.Y = append(s.Y, r.Throughput)
	}
	for _, k := range targets {
		t.Plot.Series = append(t.Plot.Series, *series[k])
		if k == eml.MutexSync.String() {
			continue
		}
		var vs []float64
		for _, r := range rows {
			if r.Mutex == k {
				vs = append(vs, r.VsMutex)
			}
		}
		t.Notes = append(t.Notes, fmt.Sprintf("%s handles %.2fx the requests of mutex (geometric mean over switch intervals).", k, geomean(vs)))
	}
	return t
}
