package experiments

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// E4Config configures [E4]. Zero fields take the defaults in brackets.
type E4Config struct {
	// Policies are the policies whose stops are measured [eml, whose
	// unported calls stop the world each time, and adaptive, whose do
	// while it runs as eml].
	Policies []eml.Policy
	// Threads are the busy-thread counts [1 ... twice the cores].
	Threads []int
	// Stops is the number of stop requests per run [200; 20 with Quick].
	Stops    int
	Quick    bool
	Rounds   int
	Progress func(string)
}

// E4Row is one policy and safe-point placement at one thread count.
type E4Row struct {
	Policy     string `json:"policy"`
	SafePoints string `json:"safe_points"`
	Threads    int    `json:"threads"`
	// Stops is the number of stops the lock counted in the last round;
	// the figures are the medians over rounds of each run's time from a
	// stop request to every busy thread parked, in microseconds.
	Stops uint64  `json:"stops"`
	P50us float64 `json:"p50_us"`
	P99us float64 `json:"p99_us"`
	MaxUs float64 `json:"max_us"`
	// ToGIL is, under adaptive, the median over rounds of the switches
	// to GIL mode: the stops of a run that switched are counted only
	// while it ran as eml (in GIL mode an unported call stops nobody).
	ToGIL float64 `json:"to_gil,omitempty"`
}

// E4 is the time to safe point: busy threads, and a main thread whose
// unported calls stop the world every millisecond; the lock's histogram
// of the time from each stop request to every thread parked.
func E4(ctx context.Context, cfg E4Config) ([]E4Row, error) {
	ps := cfg.Policies
	if len(ps) == 0 {
		ps = []eml.Policy{eml.PolicyEML, eml.PolicyAdaptive}
	}
	counts := cfg.Threads
	if len(counts) == 0 {
		for n := 1; n <= maxThreads(); n++ {
			counts = append(counts, n)
		}
	}
	stops := cfg.Stops
	if stops <= 0 {
		stops = 200
		if cfg.Quick {
			stops = 20
		}
	}
	modes := []core.SafePointMode{core.SafePointsCalls, core.SafePointsEvery}
	var cells []Cell
	for _, p := range ps {
		for _, m := range modes {
			for _, n := range counts {
				t := Target{Name: p.String() + "/" + m.String(), Policy: p, SafePoints: m}
				cells = append(cells, Cell{Target: t, Workload: "safepoint.py", Args: []string{strconv.Itoa(n), strconv.Itoa(stops)}})
			}
		}
	}
	ms, err := Interleave(ctx, cfg.Rounds, cells, roundProgress(cfg.Progress, "E4", cfg.Rounds, func(c Cell) string {
		return c.Target.Name + ", " + c.Args[0] + " busy threads"
	}))
	if err != nil {
		return nil, err
	}
	us := func(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
	var rows []E4Row
	for i, c := range cells {
		ttsp := func(round []Measurement) eml.Summary { return round[i].Stats.Lock.TimeToSafepoint }
		p50 := acrossRounds(ms, func(r []Measurement) float64 { return us(ttsp(r).P50) })
		p99 := acrossRounds(ms, func(r []Measurement) float64 { return us(ttsp(r).P99) })
		mx := acrossRounds(ms, func(r []Measurement) float64 { return us(ttsp(r).Max) })
		toGIL := acrossRounds(ms, func(r []Measurement) float64 { return float64(r[i].Stats.Lock.Adaptive.ToGIL) })
		threads, _ := strconv.Atoi(c.Args[0])
		rows = append(rows, E4Row{Policy: c.Target.Policy.String(), SafePoints: c.Target.SafePoints.String(), Threads: threads,
			Stops: ttsp(ms[len(ms)-1]).Count, P50us: p50.Median, P99us: p99.Median, MaxUs: mx.Median, ToGIL: toGIL.Median})
	}
	return rows, nil
}

func init() {
	register(Experiment{
		ID:       "e4",
		Name:     "safepoint",
		Title:    "E4 time to safe point",
		Measures: "busy threads and a stop of the world every millisecond: p50/p99/max from the stop request to every thread parked",
		Run: func(ctx context.Context, o Options) (*Table, error) {
			var ps []eml.Policy
			for _, p := range o.Policies {
				if p == eml.PolicyEML || p == eml.PolicyAdaptive {
					ps = append(ps, p)
				}
			}
			rows, err := E4(ctx, E4Config{Policies: ps, Threads: o.Threads, Quick: o.Quick, Rounds: o.rounds(), Progress: o.Progress})
			if err != nil {
				return nil, err
			}
			return e4Table(rows), nil
		},
	})
}

func e4Table(rows []E4Row) *Table {
	t := &Table{
		ID:      "e4",
		Name:    "safepoint",
		Title:   "E4 time to safe point",
		Claim:   "CPython re-polls a pending stop every 1 ms; its measured stop-the-world pauses were mostly 0.5-2 us on 24 cores.",
		Columns: []string{"policy", "safe points", "threads", "stops", "p50 us", "p99 us", "max us"},
		Rows:    rows,
		Plot:    &Plot{Title: "E4 time to safe point", X: "busy threads", Y: "microseconds", LogY: true},
	}
	series := map[string]*Series{}
	var order []string
	for _, r := range rows {
		t.Cells = append(t.Cells, []string{r.Policy, r.SafePoints, strconv.Itoa(r.Threads), strconv.FormatUint(r.Stops, 10),
			fmt.Sprintf("%.1f", r.P50us), fmt.Sprintf("%.1f", r.P99us), fmt.Sprintf("%.1f", r.MaxUs)})
		for _, q := range []struct {
			name string
			v    float64
		}{{"p50", r.P50us}, {"p99", r.P99us}} {
			k := r.Policy + "/" + r.SafePoints + " " + q.name
			if series[k] == nil {
				series[k] = &Series{Name: k}
				order = append(order, k)
			}
			series[k].X = append(series[k].X, float64(r.Threads))
			series[k].Y = append(series[k].Y, max(q.v, 0.01))
		}
	}
	for _, k := range order {
		t.Plot.Series = append(t.Plot.Series, *series[k])
	}
	worst := 0.0
	for _, r := range rows {
		worst = max(worst, r.P99us)
	}
	t.Notes = append(t.Notes, fmt.Sprintf("The worst p99 time to safe point here is %.1f us.", worst))
	var switched []string
	for _, r := range rows {
		if r.Policy == eml.PolicyAdaptive.String() && r.ToGIL > 0 {
			switched = append(switched, fmt.Sprintf("%s safe points, %d threads: %.0f", r.SafePoints, r.Threads, r.ToGIL))
		}
	}
	for _, r := range rows {
		if r.Policy == eml.PolicyAdaptive.String() {
			if len(switched) == 0 {
				t.Notes = append(t.Notes, "adaptive stayed in eml mode in every run: a stop a millisecond costs less than the parallelism it keeps, so its times to safe point are eml's.")
			} else {
				t.Notes = append(t.Notes, "adaptive switched to GIL mode (median switches per run) at "+strings.Join(switched, "; ")+"; its stops are counted while it ran as eml.")
			}
			break
		}
	}
	return t
}
