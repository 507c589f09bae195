package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/experiments"
	"github.com/rwgil/rwgil/tests"
)

// runDemo is `rwgil demo`: the guarantee matrix in short (deterministic
// runs, rapid choosing programs and schedules), then the policies side by
// side on one workload, then where to look next. -atomicity prints only
// the matrix (-markdown: the full catalogue, docs/atomicity.md); -lock
// runs the lock-only demonstration.
// maxDemoThreads bounds demo -threads: more would only run for hours.
const maxDemoThreads = 1024

func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo", "demo [flags]")
	lockCfg := experiments.LockDemoConfig{Policies: eml.Policies()}
	policies := policyList(lockCfg.Policies)
	var mutex mutexFlag
	fs.Var(&policies, "policy", "comma-separated policies to run: eml, gil, sticky, free, adaptive")
	fs.IntVar(&lockCfg.Threads, "threads", 0, fmt.Sprintf("threads of the workload, at most %d (default: the number of CPUs, at least 2)", maxDemoThreads))
	iterations := fs.Int("iterations", 1_000_000, "loop iterations of each workload thread")
	checks := fs.Int("checks", 20, "generated cases per guarantee and policy in the matrix")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	atomicity := fs.Bool("atomicity", false, "print only the guarantee matrix")
	markdown := fs.Bool("markdown", false, "with -atomicity: the full catalogue as Markdown (docs/atomicity.md), at its full budget")
	lockOnly := fs.Bool("lock", false, "run the lock-only demonstration instead (no interpreter)")
	fs.DurationVar(&lockCfg.Duration, "duration", 300*time.Millisecond, "-lock: how long each policy runs")
	fs.IntVar(&lockCfg.PromoteEvery, "promote-every", 50, "-lock: thread 0 calls an unported extension every this many steps")
	fs.Var(&mutex, "mutex", "-lock: blocking primitive: mutex, event, spin, spinpark")
	if code, ok := fs.parse(args, stdout, stderr); !ok {
		return code
	}
	switch {
	case lockCfg.Threads < 0:
		fmt.Fprintf(stderr, "rwgil demo: -threads must be positive, got %d\n", lockCfg.Threads)
		return 2
	case lockCfg.Threads > maxDemoThreads:
		fmt.Fprintf(stderr, "rwgil demo: -threads %d is too many: at most %d (each thread runs -iterations loops of its own)\n", lockCfg.Threads, maxDemoThreads)
		return 2
	case lockCfg.Duration <= 0:
		fmt.Fprintf(stderr, "rwgil demo: -duration must be positive, got %v\n", lockCfg.Duration)
		return 2
	case lockCfg.PromoteEvery <= 0:
		fmt.Fprintf(stderr, "rwgil demo: -promote-every must be positive, got %d\n", lockCfg.PromoteEvery)
		return 2
	case *iterations <= 0:
		fmt.Fprintf(stderr, "rwgil demo: -iterations must be positive, got %d\n", *iterations)
		return 2
	case *checks <= 0:
		fmt.Fprintf(stderr, "rwgil demo: -checks must be positive, got %d\n", *checks)
		return 2
	case *markdown && !*atomicity:
		fmt.Fprintln(stderr, "rwgil demo: -markdown goes with -atomicity")
		return 2
	case *markdown && *asJSON:
		fmt.Fprintln(stderr, "rwgil demo: -markdown and -json do not mix")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *lockOnly {
		lockCfg.Policies, lockCfg.Mutex = policies, mutex.k
		return lockDemo(ctx, lockCfg, *asJSON, stdout, stderr)
	}

	st := newStyle(stdout)
	prog := newProgress(stderr)
	defer prog.done()
	if *markdown {
		if len(policies) != len(eml.Policies()) {
			fmt.Fprintln(stderr, "rwgil demo: -markdown writes the whole catalogue (docs/atomicity.md): it takes no -policy")
			return 2
		}
		cells := tests.Catalogue(tests.DefaultCatalogue, func(i, n int, c tests.Cell) {
			prog.show("catalogue: %s under %v (%d/%d)", c.Guarantee.ID, c.Policy, i+1, n)
		})
		prog.done()
		fmt.Fprint(stdout, tests.Markdown(cells, tests.DefaultCatalogue))
		return 0
	}

	// The matrix in short: fewer cases than the suite, no shrinking.
	opts := tests.CatalogueOptions{Checks: *checks, Search: 1000, Seed: uint64(time.Now().UnixNano()), ShrinkTime: time.Millisecond,
		Policies: policies, Context: ctx}
	total := 0
	cells := tests.Catalogue(opts, func(i, n int, c tests.Cell) {
		total = n
		prog.show("guarantees: %s under %v (%d/%d)", c.Guarantee.ID, c.Policy, i+1, n)
	})
	var rows []experiments.WorkloadRow
	if !*atomicity && ctx.Err() == nil {
		// The workload runs on its own goroutine, so that an interrupt
		// prints the rows that finished at once instead of waiting for the
		// run in progress (rwgil then exits, and that run with it).
		var mu sync.Mutex
		var finished []experiments.WorkloadRow
		type result struct {
			rows []experiments.WorkloadRow
			err  error
		}
		ch := make(chan result, 1)
		go func() {
			rows, err := experiments.Workload(ctx, experiments.WorkloadConfig{Policies: policies, Threads: lockCfg.Threads, Iterations: *iterations,
				OnRow: func(r experiments.WorkloadRow) {
					mu.Lock()
					finished = append(finished, r)
					mu.Unlock()
				}},
				func(i, n int, p eml.Policy, variant string) {
					prog.show("workload: %v, %s (%d/%d)", p, variant, i+1, n)
				})
			ch <- result{rows, err}
		}()
		select {
		case r := <-ch:
			rows = r.rows
			if r.err != nil && ctx.Err() == nil {
				prog.done()
				fmt.Fprintf(stderr, "rwgil demo: %v\n", r.err)
				return 1
			}
		case <-ctx.Done():
			mu.Lock()
			rows = append([]experiments.WorkloadRow(nil), finished...)
			mu.Unlock()
			experiments.FillVsGIL(rows)
		}
	}
	prog.done()
	interrupted := ctx.Err() != nil
	if *asJSON {
		if code := writeDemoJSON(stdout, stderr, cells, rows, opts); code != 0 || !interrupted {
			return code
		}
		fmt.Fprintln(stderr, "rwgil demo: interrupted: the JSON holds what finished")
		return 130
	}
	if len(cells) > 0 {
		writeMatrix(stdout, st, cells, opts)
	}
	if interrupted {
		fmt.Fprintf(stderr, "rwgil demo: interrupted: %d of %d guarantee cells and %d workload runs finished, shown above\n", len(cells), max(total, len(cells)), len(rows))
		if len(rows) > 0 {
			_ = experiments.WriteWorkloadTable(stdout, rows)
		}
		return 130
	}
	if *atomicity {
		return 0
	}
	fmt.Fprintf(stdout, "\n%s\n\n", st.bold("The policies on one workload: each thread loops `x = x + i` (core-only), or calls legacy_counter.increment() every 100 iterations (unported)."))
	if err := experiments.WriteWorkloadTable(stdout, rows); err != nil {
		fmt.Fprintf(stderr, "rwgil demo: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, `
iter/s        loop iterations of all threads per second; "vs gil" is the ratio to the same variant's gil row
promotions    unported calls that promoted; stops: the ones that stopped the world (eml)
ttsp          time to safe point: from a stop request to every other thread parked

Where to look next:
  docs/atomicity.md                        the full matrix, with each shrunk counterexample
  docs/testing.md                          replaying and shrinking interleavings
  rwgil run -policy free -schedule seed:9 -show-schedule docs/examples/extensions/lost_update.rwa
  go test ./tests -v                       the guarantee suite, both modes
  docs/design.md                           the design as built: guarantees G1-G10, experiments E1-E8
`)
	return 0
}

// writeMatrix prints the guarantee matrix in short.
func writeMatrix(w io.Writer, st style, cells []tests.Cell, opts tests.CatalogueOptions) {
	fmt.Fprintf(w, "%s\n", st.bold("Which guarantee each policy keeps (docs/design.md), checked on generated programs under generated schedules:"))
	fmt.Fprintf(w, "up to %d cases a cell that must hold, up to %d searched where it must be seen broken; rapid seed %d.\n\n", opts.Checks, opts.Search, opts.Seed)
	// The columns: the policies the cells are of, in the usual order.
	var policies []eml.Policy
	for _, p := range eml.Policies() {
		for _, c := range cells {
			if c.Policy == p {
				policies = append(policies, p)
				break
			}
		}
	}
	fmt.Fprintf(w, "  %-5s", "")
	for _, p := range policies {
		fmt.Fprintf(w, "  %-8v", p)
	}
	fmt.Fprintln(w)
	var order []string
	byID := map[string]map[eml.Policy]tests.Cell{}
	titles := map[string]string{}
	for _, c := range cells {
		id := c.Guarantee.ID
		if byID[id] == nil {
			byID[id] = map[eml.Policy]tests.Cell{}
			order = append(order, id)
			titles[id] = c.Guarantee.Title
		}
		byID[id][c.Policy] = c
	}
	mismatches := 0
	for _, id := range order {
		fmt.Fprintf(w, "  %-5s", id)
		for _, p := range policies {
			c, ok := byID[id][p]
			text := "n/a"
			if ok {
				text = c.Found.String()
			}
			cell := fmt.Sprintf("%-8s", text)
			switch {
			case !ok:
				cell = st.dim(cell)
			case c.Found != c.Expected:
				cell = st.red(cell + "!")
				mismatches++
			case c.Found == tests.Holds:
				cell = st.green(cell)
			default:
				cell = st.yellow(cell)
			}
			fmt.Fprintf(w, "  %s", cell)
		}
		fmt.Fprintf(w, "  %s\n", titles[id])
	}
	fmt.Fprintln(w)
	if mismatches > 0 {
		fmt.Fprintf(w, "%s\n", st.red(fmt.Sprintf("%d cells differ from docs/design.md (marked !): see go test ./tests", mismatches)))
	} else {
		fmt.Fprintln(w, "Every cell is as docs/design.md says: \"broken\" cells are where a counterexample must be found, and was.")
	}
}

// writeDemoJSON prints the demo's results as one JSON object.
func writeDemoJSON(stdout, stderr io.Writer, cells []tests.Cell, rows []experiments.WorkloadRow, opts tests.CatalogueOptions) int {
	type cellJSON struct {
		Guarantee string `json:"guarantee"`
		Policy    string `json:"policy"`
		Expected  string `json:"expected"`
		Found     string `json:"found"`
		Runs      int    `json:"runs"`
		Switched  int    `json:"switched"`
	}
	out := struct {
		Seed       uint64                    `json:"seed"`
		Guarantees []cellJSON                `json:"guarantees"`
		Workload   []experiments.WorkloadRow `json:"workload,omitempty"`
	}{Seed: opts.Seed, Workload: rows}
	for _, c := range cells {
		out.Guarantees = append(out.Guarantees, cellJSON{c.Guarantee.ID, c.Policy.String(), c.Expected.String(), c.Found.String(), c.Runs, c.Switched})
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "rwgil demo: %v\n", err)
		return 1
	}
	return 0
}

// lockDemo is `rwgil demo -lock`: the lock-only demonstration.
func lockDemo(ctx context.Context, cfg experiments.LockDemoConfig, asJSON bool, stdout, stderr io.Writer) int {
	if !asJSON {
		fmt.Fprintf(stdout, "Lock-only demonstration: core threads attach, poll at every step and work;\n"+
			"thread 0 calls an unported extension every %d steps (promote, work, demote).\n"+
			"%d policies x %v each; blocking primitive: %s.\n\n", cfg.PromoteEvery, len(cfg.Policies), cfg.Duration, cfg.Mutex)
	}
	rows, err := experiments.LockDemo(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "rwgil demo: %v\n", err)
		return 1
	}
	if asJSON {
		if err := experiments.WriteJSON(stdout, rows); err != nil {
			fmt.Fprintf(stderr, "rwgil demo: %v\n", err)
			return 1
		}
		return 0
	}
	if err := experiments.WriteLockDemoTable(stdout, rows); err != nil {
		fmt.Fprintf(stderr, "rwgil demo: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, `
steps/s       total work of all threads; "vs eml" is the ratio to the eml row of this run
ttsp          time to safe point: from a promotion's stop request to every other thread parked
exclusive     share of the run the world spent stopped for unported calls
violations    steps another thread ran while the unported call was in progress (free protects nothing)
`)
	return 0
}

// isTerminal reports whether w is a terminal, looking through the
// checkedWriter that main wraps stdout and stderr in.
func isTerminal(w io.Writer) bool {
	if c, ok := w.(*checkedWriter); ok {
		w = c.w
	}
	f, ok := w.(*os.File)
	return ok && isTTY(f)
}

// style colours text when stdout is a terminal (and NO_COLOR is unset).
type style struct{ on bool }

func newStyle(w io.Writer) style {
	return style{on: isTerminal(w) && os.Getenv("NO_COLOR") == ""}
}

func (s style) wrap(code, text string) string {
	if !s.on {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}
func (s style) bold(t string) string   { return s.wrap("1", t) }
func (s style) dim(t string) string    { return s.wrap("2", t) }
func (s style) red(t string) string    { return s.wrap("31;1", t) }
func (s style) green(t string) string  { return s.wrap("32", t) }
func (s style) yellow(t string) string { return s.wrap("33", t) }

// progress is the line that says what the demo is doing: rewritten in
// place on a terminal, one line per step otherwise.
type progress struct {
	w     io.Writer
	tty   bool
	shown bool
	phase string // the phase last printed, when not a terminal
	start time.Time
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, tty: isTerminal(w), start: time.Now()}
}

func (p *progress) show(format string, args ...any) {
	line := fmt.Sprintf("[%4.1fs] ", time.Since(p.start).Seconds()) + fmt.Sprintf(format, args...)
	if p.tty {
		fmt.Fprintf(p.w, "\r\x1b[K%s", line)
		p.shown = true
		return
	}
	// Not a terminal: a line per phase, not per step.
	phase, _, _ := strings.Cut(fmt.Sprintf(format, args...), ":")
	if !p.shown || phase != p.phase {
		fmt.Fprintln(p.w, line)
		p.phase = phase
		p.shown = true
	}
}

func (p *progress) done() {
	if p.tty && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	p.shown = false
}
