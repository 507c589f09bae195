package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// LockDemoConfig configures [LockDemo]. Zero fields take the defaults in
// brackets.
type LockDemoConfig struct {
	// Policies to run, in order [all of eml.Policies()].
	Policies []eml.Policy
	// Threads is the number of core threads [runtime.NumCPU(), at least 2].
	Threads int
	// Duration is how long each policy runs [300ms].
	Duration time.Duration
	// PromoteEvery: thread 0 promotes (calls an unported extension) every
	// this many steps [50].
	PromoteEvery int
	// Work is the number of work units in a step between two safe points
	// (and inside a promotion) [200, about half a microsecond].
	Work int
	// Mutex is the lock's blocking primitive [eml.MutexSync].
	Mutex eml.MutexKind
}

func (c LockDemoConfig) withDefaults() LockDemoConfig {
	if len(c.Policies) == 0 {
		c.Policies = eml.Policies()
	}
	if c.Threads <= 0 {
		c.Threads = max(runtime.NumCPU(), 2)
	}
	if c.Duration <= 0 {
		c.Duration = 300 * time.Millisecond
	}
	if c.PromoteEvery <= 0 {
		c.PromoteEvery = 50
	}
	if c.Work <= 0 {
		c.Work = 200
	}
	return c
}

// LockDemoRow is one policy's result.
type LockDemoRow struct {
	Policy  string  `json:"policy"`
	Threads int     `json:"threads"`
	Steps   uint64  `json:"steps"`
	Seconds float64 `json:"seconds"`
	// StepsPerSec is the total throughput of all threads; Speedup is it
	// over the same run's eml row (1 for eml itself).
	StepsPerSec float64 `json:"steps_per_sec"`
	Speedup     float64 `json:"speedup_vs_eml"`
	Promotions  uint64  `json:"promotions"`
	Stops       uint64  `json:"stops"`
	// TTSP is time to safe point per stop, in microseconds.
	TTSPp50 float64 `json:"ttsp_p50_us"`
	TTSPp99 float64 `json:"ttsp_p99_us"`
	// ExclusiveFrac is the fraction of the run the world spent stopped.
	ExclusiveFrac float64 `json:"exclusive_frac"`
	Switches      uint64  `json:"gil_switches"`
	// Violations counts steps that ran while the promoting thread was
	// exclusive: zero unless the policy protects nothing (free).
	Violations uint64 `json:"atomicity_violations"`
}

// LockDemo runs the lock-only demonstration: cfg.Threads goroutines acting
// as core threads -- attach, then poll at every step and do cfg.Work units
// of work -- for cfg.Duration per policy, with thread 0 promoting around a
// step every cfg.PromoteEvery steps. It stops early, returning what it has,
// when ctx is done.
func LockDemo(ctx context.Context, cfg LockDemoConfig) ([]LockDemoRow, error) {
	cfg = cfg.withDefaults()
	var rows []LockDemoRow
	for _, p := range cfg.Policies {
		if err := ctx.Err(); err != nil {
			return rows, err
		}
		row, err := lockDemoOne(ctx, p, cfg)
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
	var base float64
	for _, r := range rows {
		if r.Policy == eml.PolicyEML.String() {
			base = r.StepsPerSec
		}
	}
	for i := range rows {
		if base > 0 {
			rows[i].Speedup = rows[i].StepsPerSec / base
		}
	}
	return rows, nil
}

// work is a unit of work between two safe points that the compiler
// cannot remove.
func work(n int, seed uint64) uint64 {
	x := seed | 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

var sink atomic.Uint64

func lockDemoOne(ctx context.Context, p eml.Policy, cfg LockDemoConfig) (LockDemoRow, error) {
	l, err := eml.New(eml.Config{Policy: p, Mutex: cfg.Mutex})
	if err != nil {
		return LockDemoRow{}, err
	}
	var steps, violations atomic.Uint64
	var exclusive atomic.Bool
	var wg sync.WaitGroup
	deadline := time.Now().Add(cfg.Duration)
	start := time.Now()
	for i := range cfg.Threads {
		th := l.Register(fmt.Sprintf("core%d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := lockDemoThread(ctx, th, i == 0, cfg, deadline, &steps, &violations, &exclusive); err != nil {
				panic(err) // a bug in eml, not a user mistake
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	s := l.Stats()
	row := LockDemoRow{
		Policy:      p.String(),
		Threads:     cfg.Threads,
		Steps:       steps.Load(),
		Seconds:     elapsed.Seconds(),
		StepsPerSec: float64(steps.Load()) / elapsed.Seconds(),
		Promotions:  s.Promotions,
		Stops:       s.Stops,
		TTSPp50:     micros(s.TimeToSafepoint.P50),
		TTSPp99:     micros(s.TimeToSafepoint.P99),
		Switches:    s.Switches,
		Violations:  violations.Load(),
	}
	row.ExclusiveFrac = s.ExclusiveHold.Total.Seconds() / elapsed.Seconds()
	return row, nil
}

func lockDemoThread(ctx context.Context, th *eml.Thread, promoter bool, cfg LockDemoConfig, deadline time.Time, steps, violations *atomic.Uint64, exclusive *atomic.Bool) (err error) {
	defer func() {
		if cerr := th.Close(); err == nil {
			err = cerr
		}
	}()
	if err := th.Attach(); err != nil {
		return err
	}
	var local uint64
	for n := 1; ; n++ {
		if n%64 == 0 && (time.Now().After(deadline) || ctx.Err() != nil) {
			break
		}
		if err := th.Poll(); err != nil {
			return err
		}
		if promoter && n%cfg.PromoteEvery == 0 {
			if err := th.Promote(); err != nil {
				return err
			}
			exclusive.Store(true)
			sink.Add(work(cfg.Work, uint64(n)))
			exclusive.Store(false)
			if err := th.Demote(); err != nil {
				return err
			}
		} else {
			sink.Add(work(cfg.Work, uint64(n)))
			if !promoter && exclusive.Load() {
				violations.Add(1)
			}
		}
		local++
	}
	steps.Add(local)
	return th.Detach()
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

// WriteLockDemoTable prints rows as an aligned table.
func WriteLockDemoTable(w io.Writer, rows []LockDemoRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "policy\tthreads\tsteps/s\tvs eml\tpromotions\tttsp p50\tttsp p99\texclusive\tGIL switches\tviolations\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%.3gM\t%.2fx\t%d\t%.1fus\t%.1fus\t%.1f%%\t%d\t%d\t\n",
			r.Policy, r.Threads, r.StepsPerSec/1e6, r.Speedup, r.Promotions,
			r.TTSPp50, r.TTSPp99, 100*r.ExclusiveFrac, r.Switches, r.Violations)
	}
	return tw.Flush()
}

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
