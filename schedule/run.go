package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
)

// Config is how RunProgram runs a program.
type Config struct {
	// Runtime configures the runtime; its Scheduler is set by RunProgram,
	// and so are Stdout and Stderr, to Stdout and Stderr below.
	Runtime core.Config
	// Stdout and Stderr, if set, receive what the program writes as it
	// writes it (rwgil run streams it); Result.Stdout and Result.Stderr
	// are then empty. Nil means Result holds it.
	Stdout, Stderr io.Writer
	// Stop, if set, gives the run up when it is closed (SIGINT): Result.
	// Aborted is then ErrInterrupted, and Result.Choices the schedule so
	// far.
	Stop <-chan struct{}
	// Setup, if set, prepares the runtime before the program runs
	// (extensions.RegisterBundled, for the bundled modules).
	Setup func(*core.Runtime) error
	// Options tune the Scheduler.
	Options
}

var (
	_ core.StepNoter      = (*Scheduler)(nil)
	_ core.StretchSpoiler = (*Scheduler)(nil)
)

// ErrInterrupted is Result.Aborted for a run given up through Config.Stop.
var ErrInterrupted = errors.New("interrupted")

// Result is everything a deterministic run produced. Two runs of the same
// program with the same choices give equal Results.
type Result struct {
	// Stdout and Stderr are what the program wrote.
	Stdout, Stderr string
	// Exception is the program's uncaught exception, as Python prints it
	// ("" if none); ExceptionType its class name. ExitStatus is the
	// status CPython would exit with (core.Result.ExitStatus: 0, 1, or a
	// SystemExit's code).
	Exception, ExceptionType string
	ExitStatus               int
	// Aborted says why the Scheduler gave the run up: a *Deadlock, or the
	// step limit. Nil if the run ended.
	Aborted error
	// Diverged is set when a replayed schedule did not fit the run.
	Diverged error
	// Choices is the schedule: every decision, in order (replay it with
	// Replay). Preemptions counts those that switched away from a thread
	// that could have gone on; Steps counts the scheduling points.
	Choices     []int
	Preemptions int
	Steps       int64
	// Runs and Threads are the interleaving (see Table), up to the trace
	// limit; Untraced counts the runs after it.
	Runs     []Run
	Threads  []string
	Untraced int
	// Globals is the final state: repr of every global of __main__
	// holding plain data (numbers, strings, containers).
	Globals map[string]string
	// Promotions, Stops and Switches are the lock's counters at the end;
	// ModeSwitches counts an adaptive lock's switches between eml and GIL
	// mode (both ways).
	Promotions, Stops, Switches uint64
	ModeSwitches                uint64
	// CloseErr is what closing the runtime reported (leaks), if anything.
	CloseErr error
	// Log is every step of the run, under Options.Log.
	Log []Event
	// Stretches is the run's steps as the reduction sees them, under
	// Options.Stretches (Scheduler.Stretches).
	Stretches []Stretch
}

// Table renders the run's interleaving (see the function Table).
func (r *Result) Table(width int) string {
	t := Table(r.Runs, r.Threads, width)
	if r.Untraced > 0 {
		t += fmt.Sprintf("... and %d more runs, past the trace limit\n", r.Untraced)
	}
	return t
}

// RunProgram runs code as __main__ on a new runtime whose threads run one
// at a time as c chooses, waits for every thread the program starts, and
// returns what happened. The error is for a runtime that could not be
// made; everything the program did, including a deadlock, is in Result.
// If c panicked (rapid ends a test case that way), RunProgram panics
// with the same value once the run is wound down, on its own goroutine.
func RunProgram(code *bytecode.Code, c Chooser, cfg Config) (*Result, error) {
	s := New(c, cfg.Options)
	var stdout, stderr lockedBuffer
	rc := cfg.Runtime
	rc.Scheduler, rc.Stdout, rc.Stderr = s, &stdout, &stderr
	if cfg.Stdout != nil {
		rc.Stdout = cfg.Stdout
	}
	if cfg.Stderr != nil {
		rc.Stderr = cfg.Stderr
	}
	if cfg.Stop != nil {
		finished := make(chan struct{})
		defer close(finished)
		go func() {
			select {
			case <-cfg.Stop:
				s.Stop(ErrInterrupted)
			case <-finished:
			}
		}()
	}
	rt, err := core.NewRuntime(rc)
	if err != nil {
		return nil, err
	}
	if cfg.Setup != nil {
		if err := cfg.Setup(rt); err != nil {
			return nil, errors.Join(err, rt.Close())
		}
	}
	ex, err := rt.Exec(code)
	if err != nil {
		return nil, errors.Join(err, rt.Close())
	}
	// The schedule ends here: what follows (reading the globals, closing
	// the runtime) is not the program's.
	res := &Result{Exception: ex.Exception, ExceptionType: ex.ExceptionType, ExitStatus: ex.ExitStatus}
	res.Aborted = s.Err()
	res.Diverged = s.Diverged()
	res.Choices = s.Choices()
	res.Runs, res.Threads, res.Untraced = s.Trace()
	res.Steps, res.Preemptions = s.Counts()
	res.Log = s.Log()
	if s.opts.Stretches {
		res.Stretches = s.Stretches()
	}
	if res.Aborted == nil {
		if res.Globals, err = globals(rt); err != nil {
			return nil, errors.Join(err, rt.Close())
		}
		res.CloseErr = rt.Close()
	}
	// After an abort the runtime is left as the abort found it: its
	// threads are not closed and it is not closed; nothing runs in it.
	st := rt.Lock().Stats()
	res.Promotions, res.Stops, res.Switches = st.Promotions, st.Stops, st.Switches
	res.ModeSwitches = st.Adaptive.ToGIL + st.Adaptive.ToEML
	res.Stdout, res.Stderr = stdout.String(), stderr.String()
	if p := s.ChooserPanic(); p != nil {
		panic(p)
	}
	return res, nil
}

// CountChoices runs code once with no switch it is not forced to take
// (every choice 0), its output discarded, and returns how many choice
// points the run passed: the estimate of a run's length that PCT's change
// points are drawn from.
func CountChoices(code *bytecode.Code, cfg Config) (int, error) {
	cfg.Stdout, cfg.Stderr, cfg.Stop = io.Discard, io.Discard, nil
	res, err := RunProgram(code, Replay(nil), cfg)
	if err != nil {
		return 0, err
	}
	return len(res.Choices), nil
}

// plainTypes are the types whose repr is the same in every run (no
// addresses): the final state Globals compares.
var plainTypes = map[string]bool{
	"int": true, "float": true, "str": true, "bool": true, "NoneType": true,
	"list": true, "tuple": true, "dict": true, "set": true,
}

// globals returns repr of the plain-data globals of __main__, read on a
// thread of its own once the program is over.
func globals(rt *core.Runtime) (map[string]string, error) {
	th := rt.NewThread("globals")
	if err := th.Attach(); err != nil {
		return nil, errors.Join(err, th.Close())
	}
	out := plainGlobals(th)
	return out, errors.Join(th.Detach(), th.Close())
}

func plainGlobals(th *core.Thread) map[string]string {
	out := map[string]string{}
	mod, err := th.Import("__main__")
	if err != nil {
		th.Discard(err)
		return out
	}
	defer th.Decref(mod)
	keys, err := th.CallMethod(mod.(*core.Module).Dict(), "keys")
	if err != nil {
		th.Discard(err)
		return out
	}
	defer th.Decref(keys)
	n, _ := th.Len(keys)
	for i := range n {
		idx := th.NewInt(int64(i))
		k, err := th.GetItem(keys, idx)
		th.Decref(idx)
		if err != nil {
			th.Discard(err)
			continue
		}
		v, err := th.GetItem(mod.(*core.Module).Dict(), k)
		name, _ := th.Str(k)
		th.Decref(k)
		if err != nil {
			th.Discard(err)
			continue
		}
		if plainTypes[v.Type().Name()] && !strings.HasPrefix(name, "__") {
			out[name], _ = th.Repr(v)
		}
		th.Decref(v)
	}
	return out
}

// FormatGlobals prints Globals sorted by name, one per line.
func FormatGlobals(g map[string]string) string {
	names := make([]string, 0, len(g))
	for n := range g {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s = %s\n", n, g[n])
	}
	return b.String()
}

// lockedBuffer is a bytes.Buffer the runtime's threads may share (one at
// a time runs, but a goroutine that just left may still be writing).
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
