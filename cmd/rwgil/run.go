package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"runtime/trace"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/syntax"
	"github.com/rwgil/rwgil/refcount"
)

// runtimeFlags are the flags that configure a core.Runtime.
type runtimeFlags struct {
	policy    eml.Policy
	refcount  refcount.Kind
	mutex     mutexFlag
	interval  time.Duration
	prio      bool
	callbacks core.CallbackMode
	safe      core.SafePointMode
	recursion int
	strict    bool
	maxMemory int64
	track     bool
	isolation bool
	mortal    bool // -no-immortalize
	ensure    core.EnsureMode
	hashSeed  *uint32 // from PYTHONHASHSEED, read by check
}

func (rf *runtimeFlags) register(fs *flag.FlagSet) {
	fs.Func("policy", "locking policy: eml, gil, sticky, free, adaptive (default eml)", func(s string) (err error) {
		rf.policy, err = eml.ParsePolicy(s)
		return err
	})
	fs.Func("refcount", "reference counting: plain (gil only), atomic, biased, immortal, none (default: plain under gil, biased otherwise)", func(s string) (err error) {
		rf.refcount, err = refcount.ParseKind(s)
		return err
	})
	fs.Var(&rf.mutex, "mutex", "blocking primitive: mutex, event, spin, spinpark")
	rf.interval = eml.DefaultSwitchInterval
	fs.Func("switch-interval", fmt.Sprintf("GIL switch interval: a positive duration with a unit (default %v)", eml.DefaultSwitchInterval), func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fmt.Errorf("want a positive duration with a unit, such as 5ms or 100us")
		}
		rf.interval = d
		return nil
	})
	fs.BoolVar(&rf.prio, "priorities", false, "GIL: a thread back from blocking I/O asks for an immediate switch")
	fs.Func("callbacks", "unported extension calling back into core: drop (default) or hold the exclusive lock", func(s string) (err error) {
		rf.callbacks, err = core.ParseCallbackMode(s)
		return err
	})
	fs.Func("safepoints", "where the eval loop polls: calls (backward jumps, calls, function entry; default) or every instruction", func(s string) (err error) {
		rf.safe, err = core.ParseSafePointMode(s)
		return err
	})
	fs.IntVar(&rf.recursion, "recursion-limit", core.DefaultRecursionLimit, "maximum depth of Python calls")
	fs.Func("max-memory", fmt.Sprintf("memory budget for the program's objects, past which an allocation raises MemoryError: a size such as 512MiB or 4GiB, or off (default: a quarter of the machine's or cgroup's memory, here %s)", core.FormatBytes(core.DefaultMaxMemory())), func(s string) error {
		if s == "off" {
			rf.maxMemory = -1
			return nil
		}
		n, err := core.ParseBytes(s)
		if err == nil && n == 0 {
			err = errors.New("a budget of 0 bytes leaves no room for any object (use off for no budget)")
		}
		rf.maxMemory = n
		return err
	})
	fs.BoolVar(&rf.strict, "strict", false, "free policy: refuse to import an extension module that is not ported, instead of running it unprotected")
	fs.BoolVar(&rf.mortal, "no-immortalize", false, "biased counting: keep counting module-level functions, classes and modules after the first thread starts, instead of making them immortal as CPython 3.13's free-threaded build does")
	fs.BoolVar(&rf.track, "track-objects", false, "keep every live object in a registry, so that the leak report at exit names the leaked objects (and always appears)")
	fs.BoolVar(&rf.isolation, "check-isolation", false, "check every reference count for a thread of one interpreter counting an object of another (docs/interpreters.md); a violation is reported at exit, naming both, and makes the exit status 1")
	fs.Func("ensure-across", "what Ensure for an interpreter does on a thread holding the lock another interpreter shares with it: error (default), deadlock or recursive", func(s string) (err error) {
		rf.ensure, err = core.ParseEnsureMode(s)
		return err
	})
}

// check reports a flag combination that makes no sense, on one line.
func (rf *runtimeFlags) check() error {
	seed, err := parseHashSeed(os.Getenv("PYTHONHASHSEED"))
	if err != nil {
		return err
	}
	rf.hashSeed = seed
	switch {
	case rf.recursion <= 0:
		return fmt.Errorf("-recursion-limit must be positive, got %d", rf.recursion)
	case rf.recursion > core.MaxRecursionLimit():
		return fmt.Errorf("-recursion-limit %d is more than the Go stack can hold: at most %d (%s)", rf.recursion, core.MaxRecursionLimit(), core.RecursionStackNote())
	case rf.strict && rf.policy != eml.PolicyFree:
		return fmt.Errorf("-strict goes with -policy free (it makes free refuse unported modules); under %v unported modules are protected by the lock", rf.policy)
	}
	return nil
}

// parseHashSeed reads PYTHONHASHSEED as CPython does: unset, empty or
// "random" is a random seed (nil), an integer in [0, 4294967295] a fixed
// one, anything else an error.
func parseHashSeed(v string) (*uint32, error) {
	if v == "" || v == "random" {
		return nil, nil
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295], got %q", v)
	}
	seed := uint32(n)
	return &seed, nil
}

func (rf *runtimeFlags) config(stdout, stderr io.Writer) core.Config {
	return core.Config{
		Policy:         rf.policy,
		Refcount:       rf.refcount,
		Mutex:          rf.mutex.k,
		SwitchInterval: rf.interval,
		Priorities:     rf.prio,
		Callbacks:      rf.callbacks,
		SafePoints:     rf.safe,
		RecursionLimit: rf.recursion,
		Strict:         rf.strict,
		MaxMemory:      rf.maxMemory,
		TrackObjects:   rf.track,
		NoImmortalize:  rf.mortal,
		CheckIsolation: rf.isolation,
		EnsureAcross:   rf.ensure,
		HashSeed:       rf.hashSeed,
		Stdout:         stdout,
		Stderr:         stderr,
		// Tracebacks underline binary operators and subscripts as
		// CPython does, which takes the parser.
		CaretAnchors: syntax.CaretAnchors,
	}
}

// runRun is `rwgil run FILE` (.rwa or .py, or - for standard input): it
// runs the program as __main__, waits for the threads it started, and
// exits 1 on an uncaught exception (130 on KeyboardInterrupt, as CPython
// does after SIGINT).
//
// SIGINT raises KeyboardInterrupt in the main thread at its next safe
// point (or wakes it from a lock, a join or a sleep); if the program has
// not ended a second later, where each thread is is printed. A second
// SIGINT exits at once. SIGQUIT prints where each thread is and goes on.
// With -watchdog, a real-mode deadlock is reported the same way.
func runRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("run", "run [flags] FILE.rwa|FILE.py|- [ARG...]")
	var rf runtimeFlags
	rf.register(fs.FlagSet)
	stats := fs.Bool("stats", false, "print lock, object and memory statistics to stderr at exit (and the leak report)")
	tracePath := fs.String("trace", "", "write a runtime/trace of the run to this file (view with go tool trace)")
	profilePath := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (view with go tool pprof)")
	watchdog := new(time.Duration)
	*watchdog = 10 * time.Second
	fs.Func("watchdog", "real mode: when every thread has been blocked this long (a deadlock?), print where each one is: a duration with a unit, such as 10s or 500ms; 0 turns it off (default 10s)", func(s string) error {
		d, err := time.ParseDuration(s)
		switch {
		case s == "0":
			d = 0
		case err != nil:
			return fmt.Errorf("want a duration with a unit, such as 10s or 500ms, or 0 for none")
		case d < 0:
			return fmt.Errorf("want a duration >= 0, such as 10s or 500ms, or 0 for none")
		}
		*watchdog = d
		return nil
	})
	var sf scheduleFlags
	sf.register(fs.FlagSet)
	if code, ok := fs.parseProgram(args, stdout, stderr); !ok {
		return code
	}
	if err := rf.check(); err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	scheduled := sf.spec != "" || sf.show || sf.save != ""
	if scheduled {
		for _, f := range []struct{ flag, path string }{{"-trace", *tracePath}, {"-cpuprofile", *profilePath}} {
			if f.path != "" {
				fmt.Fprintf(stderr, "rwgil run: %s and -schedule do not mix (a schedule runs one thread at a time on virtual time)\n", f.flag)
				return 2
			}
		}
		if err := sf.check(); err != nil {
			fmt.Fprintf(stderr, "rwgil run: %v\n", err)
			return 2
		}
	}
	code, err := loadProgram(fs.Arg(0))
	if err != nil {
		printLoadError(stderr, "run", err)
		return 2
	}
	cfg := rf.config(stdout, stderr)
	cfg.Argv = fs.Args() // sys.argv: the file as named, then its arguments
	if scheduled {
		return runScheduled(fs.Arg(0), code, cfg, &sf, *stats, stdout, stderr)
	}
	cfg.Watchdog = *watchdog
	cfg.PrintExit = true // the main thread's traceback before the wait for its threads, as CPython
	for _, r := range []struct {
		flag, path string
		start      func(io.Writer) error
		stop       func()
	}{
		{"-trace", *tracePath, trace.Start, trace.Stop},
		{"-cpuprofile", *profilePath, pprof.StartCPUProfile, pprof.StopCPUProfile},
	} {
		if r.path == "" {
			continue
		}
		done, err := startRecording(r.path, r.start, r.stop)
		if err != nil {
			fmt.Fprintf(stderr, "rwgil run: %s: %v\n", r.flag, err)
			return 2
		}
		defer done()
	}
	cfg.Trace = *tracePath != ""
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	if err := python.RegisterModules(rt); err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		_ = rt.Close()
		return 2
	}
	stop := handleSignals(rt, stderr)
	res, err := rt.Exec(code) // cfg.PrintExit: Exec prints res.Exception
	stop()
	status := 0
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		status = 1
	default:
		status = exceptionStatus(res.ExceptionType, res.ExitStatus)
	}
	if *stats {
		printStats(stderr, rt.Stats())
	}
	cerr := rt.Close()
	reportClose(stderr, cerr, *stats || rf.track || rf.isolation)
	if errors.Is(cerr, core.ErrIsolation) && status == 0 {
		status = 1
	}
	return status
}

// startRecording creates path and starts a recorder of the run into it
// (runtime/trace, a CPU profile); done stops the recorder and closes the
// file.
func startRecording(path string, start func(io.Writer) error, stop func()) (done func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		stop()
		f.Close()
	}, nil
}

// exceptionStatus is the exit status of a program that ended with an
// uncaught exception of the type called name ("" for none) and CPython's
// exit status for it (core.Result.ExitStatus: 0, 1 for an uncaught
// exception, a SystemExit's code): 130 for KeyboardInterrupt (CPython
// dies of the SIGINT it was sent), else status.
func exceptionStatus(name string, status int) int {
	if name == "KeyboardInterrupt" {
		return 130
	}
	return status
}

// reportClose prints what closing the runtime found: refcount misuse
// reports always (they are bugs of rwgil), leaks when asked (a program
// with reference cycles leaks: rwgil has no cycle collector).
func reportClose(stderr io.Writer, err error, leaks bool) {
	if err != nil && (leaks || errors.Is(err, core.ErrRefcountReports) || errors.Is(err, core.ErrIsolation)) {
		fmt.Fprintf(stderr, "rwgil run: at exit: %v\n", err)
	}
}

// interruptGrace is how long a program has to end after SIGINT before
// rwgil prints where its threads are.
const interruptGrace = time.Second

// dumpTimeout bounds the wait for the threads to stop for a dump.
const dumpTimeout = 5 * time.Second

// handleSignals turns SIGINT and SIGQUIT into the runtime's Interrupt and
// DumpThreads while a program runs; the returned function stops that.
func handleSignals(rt *core.Runtime, stderr io.Writer) (stop func()) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGQUIT)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		interrupts := 0
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if sig == syscall.SIGQUIT {
					fmt.Fprintln(stderr, "rwgil run: SIGQUIT: where each thread is:")
					dumpThreads(rt, stderr)
					continue
				}
				if interrupts++; interrupts > 1 {
					fmt.Fprintln(stderr, "rwgil run: interrupted again: exiting at once")
					os.Exit(130)
				}
				rt.Interrupt()
				go func() {
					select {
					case <-done:
					case <-time.After(interruptGrace):
						fmt.Fprintf(stderr, "rwgil run: interrupted, but the program has not ended after %v (a thread it waits for is blocked?); where each thread is:\n", interruptGrace)
						dumpThreads(rt, stderr)
						fmt.Fprintln(stderr, "rwgil run: interrupt again to exit at once")
					}
				}()
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
		<-finished
	}
}

func dumpThreads(rt *core.Runtime, stderr io.Writer) {
	if err := rt.DumpThreads(stderr, dumpTimeout); err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
	}
}

// printStats prints a runtime's counters, as --stats shows them.
func printStats(w io.Writer, s core.Stats) {
	l := s.Lock
	fmt.Fprintf(w, "--- rwgil stats: policy %v, mutex %v\n", l.Policy, l.Mutex)
	fmt.Fprintf(w, "lock: %d threads attached %d times; %d promotions (max depth %d), %d stops of the world, %d parks\n",
		l.Threads, l.Attaches, l.Promotions, l.MaxDepth, l.Stops, l.Parks)
	if l.Stops > 0 {
		fmt.Fprintf(w, "lock: time to safe point %v; exclusive hold %v\n", l.TimeToSafepoint, l.ExclusiveHold)
	}
	if len(l.PromotionsBy) > 0 {
		mods := make([]string, 0, len(l.PromotionsBy))
		for m := range l.PromotionsBy {
			mods = append(mods, m)
		}
		sort.Strings(mods)
		parts := make([]string, len(mods))
		for i, m := range mods {
			parts[i] = fmt.Sprintf("%s %d", m, l.PromotionsBy[m])
		}
		fmt.Fprintf(w, "promotions by module: %s\n", strings.Join(parts, ", "))
	}
	if l.Switches > 0 || l.DropRequests > 0 {
		fmt.Fprintf(w, "gil: %d switches, %d drop requests (%d priority)\n", l.Switches, l.DropRequests, l.PriorityRequests)
		if l.Handoffs.Count > 0 {
			fmt.Fprintf(w, "gil: hand-offs (release to a waiter holding it) %v\n", l.Handoffs)
		}
	}
	if l.GILEnabled {
		fmt.Fprintf(w, "sticky: the GIL was enabled by %q\n", l.GILReason)
	}
	if l.Policy == eml.PolicyAdaptive {
		a := l.Adaptive
		mode := "eml"
		if a.GILMode {
			mode = "gil"
		}
		reasons := make([]string, 0, len(a.By))
		for r := range a.By {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for i, r := range reasons {
			reasons[i] = fmt.Sprintf("%s %d", r, a.By[r])
		}
		by := ""
		if len(reasons) > 0 {
			by = " (" + strings.Join(reasons, ", ") + ")"
		}
		fmt.Fprintf(w, "adaptive: %d switches to gil, %d to eml%s; %v in gil mode; now %s; %d stops' time to safe point capped, %v of it discounted\n",
			a.ToGIL, a.ToEML, by, a.InGIL.Round(time.Microsecond), mode, a.Discounts, a.Discounted.Round(time.Microsecond))
		for _, s := range a.Recent {
			fmt.Fprintf(w, "adaptive: %v\n", s)
		}
	}
	r := s.Refcount
	fmt.Fprintf(w, "refcount: %d deallocations; %d queued, %d merges\n", r.Deallocations, r.Queued, r.Merges())
	names := make([]string, 0, len(s.Live))
	for n := range s.Live {
		names = append(names, n)
	}
	sort.Strings(names)
	var live []string
	for _, n := range names {
		live = append(live, fmt.Sprintf("%s %d", n, s.Live[n]))
	}
	fmt.Fprintf(w, "objects alive at exit (before module cleanup): %s\n", strings.Join(live, ", "))
	if s.MemoryLimit > 0 {
		fmt.Fprintf(w, "memory: %s in use at exit, at most %s, of a budget of %s\n", core.FormatBytes(s.Memory), core.FormatBytes(s.MemoryPeak), core.FormatBytes(s.MemoryLimit))
	}
	if s.Reports > 0 {
		fmt.Fprintf(w, "refcount misuse reports: %d (a bug of rwgil)\n", s.Reports)
	}
}

// runDis is `rwgil dis FILE`: the program's code disassembled (a .py with its
// source lines, compile.Listing).
func runDis(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("dis", "dis FILE.rwa|FILE.py")
	if code, ok := fs.parseFile(args, stdout, stderr); !ok {
		return code
	}
	code, err := loadProgram(fs.Arg(0))
	if err != nil {
		printLoadError(stderr, "dis", err)
		return 2
	}
	if isPython(fs.Arg(0)) {
		// The same file loadProgram read: its lines beside the code.
		src, _ := os.ReadFile(fs.Arg(0))
		fmt.Fprint(stdout, compile.Listing(code, src))
		return 0
	}
	fmt.Fprint(stdout, bytecode.Disassemble(code))
	return 0
}
