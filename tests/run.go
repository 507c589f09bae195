package tests

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// Outcome is what a run of a Program left behind: the shared state the
// main thread printed, and how the run ended.
type Outcome struct {
	// The printed state: the counters of legacy_counter and
	// ported_counter, the globals plain and called, how many peeks saw
	// legacy_pairs torn, blocking_io's (started, finished), the timer
	// callbacks that fired, and the faults caught.
	Legacy, Ported, Plain, Called, Torn, Started, Finished, Fired, Faults int
	// Crowded is how many times witness.alone() found another thread
	// attached (OpWitness).
	Crowded int
	// Printed is false if the program ended before printing its state.
	Printed bool
	// Order is, for a Barrier program, the number of the thread that
	// started each operation, in the order they started.
	Order []int
	// Stdout and Stderr are what the program wrote; Exception its
	// uncaught exception, "" if none.
	Stdout, Stderr, Exception string
	// Aborted is why a scheduled run was given up (a deadlock, the step
	// limit); CloseErr what closing the runtime reported (leaks, misuse).
	Aborted, CloseErr error
	// Sched is the scheduled run's result (nil in real mode): its choices
	// and interleaving table.
	Sched *schedule.Result
	// Config is the runtime's configuration the run had.
	Config core.Config
}

// parse reads the OUTCOME line.
func (o *Outcome) parse() {
	for _, line := range strings.Split(o.Stdout, "\n") {
		if rest, ok := strings.CutPrefix(line, "OUTCOME "); ok {
			_, err := fmt.Sscan(rest, &o.Legacy, &o.Ported, &o.Plain, &o.Called, &o.Torn, &o.Started, &o.Finished, &o.Fired, &o.Faults)
			o.Printed = err == nil
		}
		if rest, ok := strings.CutPrefix(line, "WITNESS "); ok {
			_, _ = fmt.Sscan(rest, &o.Crowded)
		}
		if rest, ok := strings.CutPrefix(line, "ORDER ["); ok {
			for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == ']' }) {
				var n int
				if _, err := fmt.Sscan(f, &n); err == nil {
					o.Order = append(o.Order, n)
				}
			}
		}
	}
}

// Interleavings counts the places where Order switches from one thread to
// another: how often the threads' operations interleaved.
func (o *Outcome) Interleavings() int {
	n := 0
	for i := 1; i < len(o.Order); i++ {
		if o.Order[i] != o.Order[i-1] {
			n++
		}
	}
	return n
}

// Mode is how a program's threads run.
type Mode uint8

const (
	// Real runs them as goroutines, all at once.
	Real Mode = iota
	// Deterministic runs them one at a time under package schedule, the
	// Chooser deciding every switch.
	Deterministic
)

func (m Mode) String() string {
	if m == Real {
		return "real"
	}
	return "deterministic"
}

// assembled caches assembled programs by source: a shrinker runs the
// same few programs thousands of times, and a code object is immutable
// (each runtime makes its own objects from it).
var assembled struct {
	sync.Mutex
	code map[string]*bytecode.Code
}

// ProgramFile is the file name generated programs are compiled as.
const ProgramFile = "generated.py"

// assemble compiles a program's source; a failure is a bug of the
// generator.
func assemble(p Program) (*bytecode.Code, error) {
	src := p.Source()
	assembled.Lock()
	defer assembled.Unlock()
	if c, ok := assembled.code[src]; ok {
		return c, nil
	}
	code, err := compile.Compile(ProgramFile, []byte(src))
	if err != nil {
		return nil, fmt.Errorf("tests: the generated program does not compile: %w\n%s", err, src)
	}
	if assembled.code == nil || len(assembled.code) > 10_000 {
		assembled.code = map[string]*bytecode.Code{}
	}
	assembled.code[src] = code
	return code, nil
}

// RunScheduled runs p under the deterministic scheduler, c choosing.
func RunScheduled(p Program, c schedule.Chooser, cfg core.Config, opts schedule.Options) (*Outcome, error) {
	code, err := assemble(p)
	if err != nil {
		return nil, err
	}
	// The modules rwgil run registers, so that a schedule replays the same
	// from the command line (docs/atomicity/).
	res, err := schedule.RunProgram(code, c, schedule.Config{Runtime: cfg, Setup: withWitness(python.RegisterModules), Options: opts})
	if err != nil {
		return nil, err
	}
	o := &Outcome{Stdout: res.Stdout, Stderr: res.Stderr, Exception: res.Exception, Aborted: res.Aborted, CloseErr: res.CloseErr, Sched: res, Config: cfg}
	o.parse()
	return o, nil
}

// RunReal runs p with real goroutines.
func RunReal(p Program, cfg core.Config) (*Outcome, error) {
	code, err := assemble(p)
	if err != nil {
		return nil, err
	}
	var stdout, stderr syncBuffer
	cfg.Stdout, cfg.Stderr = &stdout, &stderr
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		return nil, err
	}
	if err := withWitness(extensions.RegisterBundled)(rt); err != nil {
		return nil, errors.Join(err, rt.Close())
	}
	res, err := execWatched(rt, code)
	if errors.Is(err, errStalled) {
		return nil, err // the runtime's threads are stuck: Close would hang too
	}
	if err != nil {
		return nil, errors.Join(err, rt.Close())
	}
	o := &Outcome{Exception: res.Exception, CloseErr: rt.Close(), Config: cfg}
	o.Stdout, o.Stderr = stdout.String(), stderr.String()
	o.parse()
	return o, nil
}

// stallAfter is how long a real-mode run may go without any thread
// attaching, parking, promoting, demoting, stopping the world or
// switching the GIL before execWatched calls it stuck. The programs here
// finish in milliseconds; a lost wake-up leaves every counter still.
const stallAfter = 30 * time.Second

// errStalled is execWatched's error for a run that stopped moving.
var errStalled = errors.New("the run stalled")

// execWatched is rt.Exec(code) with a watchdog: a run whose lock
// counters stop moving for stallAfter fails, naming each thread's state,
// rather than hanging the test until go test's timeout. The run's
// goroutines are left behind (nothing can unstick them).
func execWatched(rt *core.Runtime, code *bytecode.Code) (*core.Result, error) {
	type done struct {
		res *core.Result
		err error
	}
	ch := make(chan done, 1)
	go func() {
		res, err := rt.Exec(code)
		ch <- done{res, err}
	}()
	progress := func() uint64 {
		st := rt.Lock().Stats()
		return st.Attaches + st.Parks + st.Promotions + st.Demotions + st.Stops + st.Switches + st.DropRequests
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	last, since := progress(), time.Now()
	for {
		select {
		case d := <-ch:
			return d.res, d.err
		case <-tick.C:
		}
		if p := progress(); p != last {
			last, since = p, time.Now()
			continue
		}
		if time.Since(since) >= stallAfter {
			var states []string
			for _, th := range rt.Lock().Threads() {
				states = append(states, th.String())
			}
			return nil, fmt.Errorf("%w: for %v no thread attached, parked, promoted, stopped the world or switched; threads: %s",
				errStalled, stallAfter, strings.Join(states, "; "))
		}
	}
}

// Run runs p in the given mode; c is the Chooser of a deterministic run.
func Run(m Mode, p Program, c schedule.Chooser, cfg core.Config) (*Outcome, error) {
	if m == Deterministic {
		return RunScheduled(p, c, cfg, schedule.Options{MaxSteps: 1_000_000})
	}
	return RunReal(p, cfg)
}

// syncBuffer is a bytes.Buffer that threads may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
