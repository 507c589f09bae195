package experiments

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
)

// WorkloadConfig configures [Workload]. Zero fields take the defaults in
// brackets.
type WorkloadConfig struct {
	// Policies to run, in order [all of eml.Policies()].
	Policies []eml.Policy
	// Threads is the number of Python threads [runtime.NumCPU(), at
	// least 2].
	Threads int
	// Iterations is each thread's number of loop iterations [200,000].
	Iterations int
	// CallEvery: in the "unported" variant, each thread calls
	// legacy_counter.increment() once every this many iterations [100].
	CallEvery int
	// OnRow, if set, gets each row as soon as its run ends (its VsGIL is
	// not known yet: FillVsGIL computes it over a set of rows).
	OnRow func(WorkloadRow)
}

func (c WorkloadConfig) withDefaults() WorkloadConfig {
	if len(c.Policies) == 0 {
		c.Policies = eml.Policies()
	}
	if c.Threads <= 0 {
		c.Threads = max(runtime.NumCPU(), 2)
	}
	if c.Iterations <= 0 {
		c.Iterations = 200_000
	}
	if c.CallEvery <= 0 {
		c.CallEvery = 100
	}
	return c
}

// WorkloadRow is one policy on one variant of the workload.
type WorkloadRow struct {
	Policy string `json:"policy"`
	// Variant is "core-only" (no extension calls) or "unported" (a call
	// into legacy_counter every CallEvery iterations).
	Variant string  `json:"variant"`
	Threads int     `json:"threads"`
	Seconds float64 `json:"seconds"`
	// ItersPerSec is the loop iterations of all threads per second;
	// VsGIL is it over the same variant's gil row of this run.
	ItersPerSec float64 `json:"iterations_per_sec"`
	VsGIL       float64 `json:"vs_gil"`
	Promotions  uint64  `json:"promotions"`
	Stops       uint64  `json:"stops"`
	Switches    uint64  `json:"gil_switches"`
	// TTSP is time to safe point per stop, in microseconds.
	TTSPp50 float64 `json:"ttsp_p50_us"`
	TTSPp99 float64 `json:"ttsp_p99_us"`
}

// workloadProgram is the workload: threads threads each running a loop of
// core work -- `x = x + i`, a local, so nothing is shared -- and, every
// callEvery iterations if callEvery > 0, one unported call.
func workloadProgram(threads, iterations, callEvery int) string {
	inner, outer := iterations, 1
	call := ""
	if callEvery > 0 {
		inner, outer = callEvery, iterations/callEvery
		call = `    LOAD_GLOBAL legacy_counter
    LOAD_METHOD increment
    CALL_METHOD 0
    POP_TOP
`
	}
	return fmt.Sprintf(`module
    IMPORT_NAME thread
    STORE_NAME thread
    IMPORT_NAME legacy_counter
    STORE_NAME legacy_counter
    LOAD_CONST @work
    MAKE_FUNCTION 0
    STORE_NAME work
    BUILD_LIST 0
    STORE_NAME hs
    LOAD_NAME range
    LOAD_CONST %d
    CALL 1
    GET_ITER
spawn:
    FOR_ITER spawned
    POP_TOP
    LOAD_NAME hs
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME work
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD spawn
spawned:
    LOAD_NAME hs
    GET_ITER
join:
    FOR_ITER joined
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD join
joined:
    RETURN_CONST None
end

func work()
    locals x, i
    LOAD_CONST 0
    STORE_FAST x
    LOAD_NAME range
    LOAD_CONST %d
    CALL 1
    GET_ITER
outer:
    FOR_ITER done
    POP_TOP
    LOAD_NAME range
    LOAD_CONST %d
    CALL 1
    GET_ITER
inner:
    FOR_ITER inner_done
    STORE_FAST i
    LOAD_FAST x
    LOAD_FAST i
    BINARY_OP +
    STORE_FAST x
    JUMP_BACKWARD inner
inner_done:
%s    JUMP_BACKWARD outer
done:
    RETURN_CONST None
end
`, threads, outer, inner, call)
}

// Workload runs the default workload under each policy, core-only and
// with unported calls, one policy at a time, and reports throughput,
// promotions and time to safe point side by side. progress, if not nil,
// is called before each run.
func Workload(ctx context.Context, cfg WorkloadConfig, progress func(i, n int, policy eml.Policy, variant string)) ([]WorkloadRow, error) {
	cfg = cfg.withDefaults()
	variants := []struct {
		name  string
		every int
	}{{"core-only", 0}, {"unported", cfg.CallEvery}}
	var rows []WorkloadRow
	n := len(variants) * len(cfg.Policies)
	for _, v := range variants {
		code, err := bytecode.Assemble("workload.rwa", []byte(workloadProgram(cfg.Threads, cfg.Iterations, v.every)))
		if err != nil {
			return nil, fmt.Errorf("experiments: the workload does not assemble: %w", err)
		}
		for _, p := range cfg.Policies {
			if err := ctx.Err(); err != nil {
				return rows, err
			}
			if progress != nil {
				progress(len(rows), n, p, v.name)
			}
			row, err := runWorkload(code, p, cfg.Threads, cfg.Iterations)
			if err != nil {
				return rows, fmt.Errorf("experiments: %v, %s: %w", p, v.name, err)
			}
			row.Variant = v.name
			rows = append(rows, row)
			if cfg.OnRow != nil {
				cfg.OnRow(row)
			}
		}
	}
	FillVsGIL(rows)
	return rows, nil
}

// FillVsGIL sets each row's VsGIL: its throughput over the gil row's of
// the same variant, where there is one.
func FillVsGIL(rows []WorkloadRow) {
	for i := range rows {
		for _, g := range rows {
			if g.Variant == rows[i].Variant && g.Policy == eml.PolicyGIL.String() && g.ItersPerSec > 0 {
				rows[i].VsGIL = rows[i].ItersPerSec / g.ItersPerSec
			}
		}
	}
}

// runWorkload runs code once under p and measures it.
func runWorkload(code *bytecode.Code, p eml.Policy, threads, iterations int) (WorkloadRow, error) {
	rt, err := core.NewRuntime(core.Config{Policy: p, Stderr: io.Discard})
	if err != nil {
		return WorkloadRow{}, err
	}
	if err := extensions.RegisterBundled(rt); err != nil {
		return WorkloadRow{}, errors.Join(err, rt.Close())
	}
	start := time.Now()
	res, err := rt.Exec(code)
	elapsed := time.Since(start)
	st := rt.Lock().Stats()
	if err = errors.Join(err, rt.Close()); err != nil {
		return WorkloadRow{}, err
	}
	if res.Exception != "" {
		return WorkloadRow{}, fmt.Errorf("the workload raised:\n%s", res.Exception)
	}
	return WorkloadRow{
		Policy: p.String(), Threads: threads, Seconds: elapsed.Seconds(),
		ItersPerSec: float64(threads*iterations) / elapsed.Seconds(),
		Promotions:  st.Promotions, Stops: st.Stops, Switches: st.Switches,
		TTSPp50: float64(st.TimeToSafepoint.P50) / 1e3, TTSPp99: float64(st.TimeToSafepoint.P99) / 1e3,
	}, nil
}

// WriteWorkloadTable prints rows as a table.
func WriteWorkloadTable(w io.Writer, rows []WorkloadRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "variant\tpolicy\tthreads\titer/s\tvs gil\tpromotions\tstops\tGIL switches\tttsp p50\tttsp p99\t")
	for _, r := range rows {
		ttsp50, ttsp99 := "-", "-"
		if r.Stops > 0 {
			ttsp50, ttsp99 = fmt.Sprintf("%.1fµs", r.TTSPp50), fmt.Sprintf("%.1fµs", r.TTSPp99)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.3gM\t%.2fx\t%d\t%d\t%d\t%s\t%s\t\n", r.Variant, r.Policy, r.Threads, r.ItersPerSec/1e6, r.VsGIL, r.Promotions, r.Stops, r.Switches, ttsp50, ttsp99)
	}
	return tw.Flush()
}
