package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/schedule"
)

// scheduleFlags are rwgil run's flags for the deterministic scheduler.
type scheduleFlags struct {
	spec     string
	show     bool
	save     string
	bound    int
	maxSteps int64
	width    int
	detail   string
	dpor     bool
}

func (sf *scheduleFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.spec, "schedule", "", "run threads one at a time under a deterministic schedule: seed:N (a PRNG chooses), pct:SEED:DEPTH[:STEPS] (PCT, with a bound on finding a bug of that depth), exhaustive:P (every schedule with at most P preemptions, until one fails), replay:FILE (follow a saved schedule) or random (a fresh seed, printed)")
	fs.BoolVar(&sf.show, "show-schedule", false, "print the interleaving table of a scheduled run to stderr")
	fs.StringVar(&sf.save, "save-schedule", "", "write a scheduled run's choices to this file, for -schedule replay:FILE")
	fs.IntVar(&sf.bound, "preemption-bound", 0, "scheduled runs: at most this many preemptions (0: no bound)")
	fs.Int64Var(&sf.maxSteps, "max-steps", 50_000_000, "scheduled runs: give up after this many scheduling points")
	fs.IntVar(&sf.width, "schedule-width", 36, "width of a column of the interleaving table")
	fs.BoolVar(&sf.dpor, "dpor", true, "-schedule exhaustive:P: prune with the dynamic partial-order reduction over the footprints of steps (globals, module attributes, a thread's start, exit and joins, safe points) as well as the local one; -dpor=false explores with the local reduction alone")
	fs.StringVar(&sf.detail, "trace-detail", "steps", "what -show-schedule prints: steps (the reads and writes of shared state with their values, extension calls and switches, for the threads that took part, and a verdict) or instructions (every stretch each thread ran, where it stopped)")
}

// The bounds of -schedule-width: narrower columns show nothing, wider
// ones no terminal holds (and each row allocates them).
const minScheduleWidth, maxScheduleWidth = 8, 400

// check reports a bad scheduling flag, on one line.
func (sf *scheduleFlags) check() error {
	switch {
	case sf.bound < 0:
		return fmt.Errorf("-preemption-bound must be >= 0, got %d", sf.bound)
	case sf.maxSteps <= 0:
		return fmt.Errorf("-max-steps must be positive, got %d", sf.maxSteps)
	case sf.width < minScheduleWidth || sf.width > maxScheduleWidth:
		return fmt.Errorf("-schedule-width must be %d to %d, got %d", minScheduleWidth, maxScheduleWidth, sf.width)
	case sf.detail != "steps" && sf.detail != "instructions":
		return fmt.Errorf("-trace-detail must be steps or instructions, got %q", sf.detail)
	}
	return nil
}

// chosen is what -schedule asks for.
type chosen struct {
	c        schedule.Chooser
	describe string // "seed 7", "replay of FILE"
	spec     string // the -schedule value that runs it again
	random   bool   // a seed rwgil picked, which it must print
	file     *schedule.File
	// pct: -schedule pct:SEED:DEPTH[:STEPS]; without STEPS, runScheduled
	// measures the run's length first and makes the chooser then.
	pct                *schedule.PCTChooser
	pctSeed            uint64
	pctDepth, pctSteps int
	// explore: -schedule exhaustive:P, exhaustive the bound P.
	explore    bool
	exhaustive int
}

// chooser parses -schedule.
func (sf *scheduleFlags) chooser() (*chosen, error) {
	kind, arg, _ := strings.Cut(sf.spec, ":")
	switch kind {
	case "", "random":
		if kind == "random" && arg != "" {
			break
		}
		seed := uint64(time.Now().UnixNano())
		return &chosen{c: schedule.Random(seed), describe: fmt.Sprintf("seed %d", seed), spec: fmt.Sprintf("seed:%d", seed), random: true}, nil
	case "seed":
		seed, perr := strconv.ParseUint(arg, 10, 64)
		if perr != nil {
			return nil, fmt.Errorf("-schedule seed:N needs a number, got %q", arg)
		}
		return &chosen{c: schedule.Random(seed), describe: "seed " + arg, spec: sf.spec}, nil
	case "pct":
		parts := strings.Split(arg, ":")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, fmt.Errorf("-schedule pct:SEED:DEPTH needs a seed and a depth (and optionally :STEPS), got %q", sf.spec)
		}
		seed, perr := strconv.ParseUint(parts[0], 10, 64)
		if perr != nil {
			return nil, fmt.Errorf("-schedule pct:SEED:DEPTH: the seed must be a number, got %q", parts[0])
		}
		depth, derr := strconv.Atoi(parts[1])
		if derr != nil || depth < 1 || depth > 10 {
			return nil, fmt.Errorf("-schedule pct:SEED:DEPTH: the depth must be 1 to 10, got %q", parts[1])
		}
		ch := &chosen{describe: fmt.Sprintf("PCT seed %d depth %d", seed, depth), spec: sf.spec, pctSeed: seed, pctDepth: depth}
		if len(parts) == 3 {
			steps, serr := strconv.Atoi(parts[2])
			if serr != nil || steps < 1 {
				return nil, fmt.Errorf("-schedule pct:SEED:DEPTH:STEPS: the steps must be a positive number, got %q", parts[2])
			}
			ch.pctSteps = steps
			ch.pct = schedule.PCT(seed, depth, steps)
			ch.c = ch.pct
		}
		return ch, nil
	case "exhaustive":
		p, perr := strconv.Atoi(arg)
		if perr != nil || p < 0 || p > 6 {
			return nil, fmt.Errorf("-schedule exhaustive:P needs a preemption bound of 0 to 6, got %q", arg)
		}
		return &chosen{describe: fmt.Sprintf("exhaustive exploration up to %d preemptions", p), spec: sf.spec, exhaustive: p, explore: true}, nil
	case "replay":
		if arg == "" {
			return nil, errors.New("-schedule replay:FILE needs a file")
		}
		data, rerr := os.ReadFile(arg)
		if rerr != nil {
			return nil, fmt.Errorf("-schedule: %v", rerr)
		}
		f, perr := schedule.ParseChoices(arg, string(data), sf.maxSteps)
		if perr != nil {
			return nil, perr
		}
		return &chosen{c: schedule.ReplayChoices(f.Choices), describe: "replay of " + arg, spec: sf.spec, file: f}, nil
	}
	return nil, fmt.Errorf("-schedule %q: want seed:N, pct:SEED:DEPTH, exhaustive:P, replay:FILE or random", sf.spec)
}

// checkWritable makes sure a file can be written before a run whose
// result it will hold: a run of minutes must not be lost to a typo.
func checkWritable(path string) error {
	_, statErr := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	f.Close()
	if os.IsNotExist(statErr) {
		return os.Remove(path) // leave nothing behind if the run fails first
	}
	return nil
}

// headerWarnings compares a replayed schedule's header (what -save-schedule
// wrote: "program FILE", "seed N, policy P: ...") with this run.
func headerWarnings(f *schedule.File, file string, policy eml.Policy) []string {
	var out []string
	for _, c := range f.Comments {
		if prog, ok := strings.CutPrefix(c, "program "); ok && prog != file {
			out = append(out, fmt.Sprintf("the schedule was saved for program %s, not %s: it may not fit", prog, file))
		}
		if _, rest, ok := strings.Cut(c, ", policy "); ok {
			if p, _, ok := strings.Cut(rest, ":"); ok && p != policy.String() {
				out = append(out, fmt.Sprintf("the schedule was saved under -policy %s, and this run is under %v: it may not fit", p, policy))
			}
		}
	}
	return out
}

// runScheduled is rwgil run under the deterministic scheduler. The
// program's output streams as it runs; SIGINT gives the run up (the
// schedule so far is saved with -save-schedule), a second one exits.
func runScheduled(file string, code *bytecode.Code, cfg core.Config, sf *scheduleFlags, stats bool, stdout, stderr io.Writer) int {
	ch, err := sf.chooser()
	if err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	if sf.save != "" {
		if err := checkWritable(sf.save); err != nil {
			fmt.Fprintf(stderr, "rwgil run: -save-schedule: %v\n", err)
			return 2
		}
	}
	if ch.random {
		// Printed first, so that even a run that is killed can be replayed.
		fmt.Fprintf(stderr, "rwgil run: -schedule random: %s (run it again with -schedule %s)\n", ch.describe, ch.spec)
	}
	if ch.file != nil {
		for _, w := range headerWarnings(ch.file, file, cfg.Policy) {
			fmt.Fprintf(stderr, "rwgil run: warning: %s\n", w)
		}
	}
	stopRun := make(chan struct{})
	stopSignals := scheduleSignals(stopRun, stderr)
	scfg := schedule.Config{
		Runtime: cfg,
		Stdout:  stdout,
		Stderr:  stderr,
		Stop:    stopRun,
		Setup:   python.RegisterModules,
		Options: schedule.Options{PreemptionBound: sf.bound, MaxSteps: sf.maxSteps},
	}
	logged := sf.show && sf.detail == "steps"
	if ch.pctDepth > 0 && ch.pct == nil {
		// PCT draws its change points from the run's length: measure it
		// with a run that never switches, its output discarded.
		steps, err := schedule.CountChoices(code, scfg)
		if err != nil {
			stopSignals()
			fmt.Fprintf(stderr, "rwgil run: %v\n", err)
			return 2
		}
		ch.pctSteps = max(steps, 1)
		ch.pct = schedule.PCT(ch.pctSeed, ch.pctDepth, ch.pctSteps)
		ch.c = ch.pct
		ch.spec = fmt.Sprintf("pct:%d:%d:%d", ch.pctSeed, ch.pctDepth, ch.pctSteps)
	}
	verdict := ""
	if ch.explore {
		e, err := schedule.Explore(schedule.ProgramRun(code, scfg, nil), scfg.Options,
			schedule.ExploreOptions{Preemptions: ch.exhaustive, DPOR: sf.dpor, Stop: stopRun})
		if err != nil {
			stopSignals()
			fmt.Fprintf(stderr, "rwgil run: -schedule %s: %v\n", ch.spec, err)
			return 2
		}
		verdict = e.Summary(ch.exhaustive)
		if e.Failure != nil {
			verdict += ": " + e.Failure.Error()
		}
		// Run once more, streaming, so that the output is this schedule's:
		// the failing one, or the one without preemptions.
		ch.c = schedule.Replay(e.Choices)
		if e.Failure != nil {
			ch.describe = fmt.Sprintf("the failing schedule of %s", ch.describe)
		} else {
			ch.describe = "the schedule without preemptions, after " + ch.describe
		}
		fmt.Fprintf(stderr, "rwgil run: -schedule exhaustive:%d: %s\n", ch.exhaustive, verdict)
	}
	scfg.Options.Log = logged
	res, err := schedule.RunProgram(code, ch.c, scfg)
	stopSignals()
	if err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	fmt.Fprint(stderr, res.Exception)
	status := 0
	switch {
	case errors.Is(res.Aborted, schedule.ErrInterrupted):
		fmt.Fprintf(stderr, "rwgil run: interrupted after %d scheduling points: the run was given up\n", res.Steps)
		status = 130
	case res.Aborted != nil:
		fmt.Fprintf(stderr, "rwgil run: %v\n", res.Aborted)
		status = 1
	default:
		status = exceptionStatus(res.ExceptionType, res.ExitStatus)
	}
	if res.Diverged != nil {
		fmt.Fprintf(stderr, "rwgil run: warning: %v\n", res.Diverged)
	}
	if r, ok := ch.c.(*schedule.ReplayChooser); ok && !ch.explore {
		if n := r.Past(); n > 0 {
			fmt.Fprintf(stderr, "rwgil run: warning: the schedule ran out: the run made %d more choice%s, each the first alternative\n", n, plural(n))
		}
		if n := r.Left(); n > 0 && res.Aborted == nil {
			fmt.Fprintf(stderr, "rwgil run: warning: %d choice%s of the schedule %s left over: the run ended before it asked for them\n", n, plural(n), wasWere(n))
		}
	}
	summary := fmt.Sprintf("%s, policy %v: %d scheduling points, %d choices, %d preemptions", ch.describe, cfg.Policy, res.Steps, len(res.Choices), res.Preemptions)
	if ch.pct != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", ch.pct.Bound())
	}
	if sf.save != "" {
		text := schedule.FormatChoices(res.Choices, "program "+file, summary)
		if err := os.WriteFile(sf.save, []byte(text), 0o644); err != nil {
			fmt.Fprintf(stderr, "rwgil run: -save-schedule: %v\n", err)
			return 2
		}
	}
	again := fmt.Sprintf("run it again with -schedule %s (or save it with -save-schedule FILE)", ch.spec)
	if sf.save != "" {
		again = fmt.Sprintf("replay with: rwgil run -policy %v -schedule replay:%s %s", cfg.Policy, sf.save, file)
	}
	switch {
	case sf.show && logged:
		fmt.Fprintf(stderr, "--- schedule: %s\n", summary)
		var src []byte
		if isPython(file) {
			src, _ = os.ReadFile(file)
		}
		var broke error
		switch {
		case res.Aborted != nil:
			broke = res.Aborted
		case res.Exception != "":
			broke = fmt.Errorf("the program raised %s", res.ExceptionType)
		}
		fmt.Fprint(stderr, schedule.Explain(res, schedule.ReportInput{Source: src, Broke: broke, Width: sf.width, Replay: again}))
	case sf.show:
		fmt.Fprintf(stderr, "--- schedule: %s\n", summary)
		fmt.Fprint(stderr, res.Table(sf.width))
		if isPython(file) {
			src, _ := os.ReadFile(file)
			fmt.Fprint(stderr, sourceLegend(res.Runs, src))
		}
		fmt.Fprintln(stderr, again)
	case status != 0:
		// A failure must say how to see it again.
		fmt.Fprintf(stderr, "rwgil run: under %s; %s, and -show-schedule for the interleaving\n", ch.describe, again)
	}
	if stats {
		fmt.Fprintf(stderr, "--- rwgil stats: %s\nlock: %d promotions, %d stops of the world, %d GIL switches\n", summary, res.Promotions, res.Stops, res.Switches)
		if cfg.Policy == eml.PolicyAdaptive {
			fmt.Fprintf(stderr, "adaptive: %d switches between eml and GIL mode, chosen by the schedule\n", res.ModeSwitches)
		}
	}
	reportClose(stderr, res.CloseErr, stats || cfg.TrackObjects)
	return status
}

// scheduleSignals gives a scheduled run up on SIGINT (closing stop) and
// exits on a second; SIGQUIT says why it prints no threads.
func scheduleSignals(stop chan struct{}, stderr io.Writer) func() {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGQUIT)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		interrupts := 0
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if sig == syscall.SIGQUIT {
					fmt.Fprintln(stderr, "rwgil run: SIGQUIT: a scheduled run's threads are in its interleaving table (-show-schedule); SIGINT gives it up")
					continue
				}
				if interrupts++; interrupts > 1 {
					fmt.Fprintln(stderr, "rwgil run: interrupted again: exiting at once")
					os.Exit(130)
				}
				close(stop)
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
		<-finished
	}
}

func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func wasWere(n int64) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// stopLine finds the line number in a table cell ("work:8 BINARY_OP +=").
var stopLine = regexp.MustCompile(`:([0-9]+) `)

// sourceLegend names the Python source line of every line number the
// interleaving table shows, so that each step reads as the statement it
// stopped in.
func sourceLegend(runs []schedule.Run, src []byte) string {
	lines := strings.Split(string(src), "\n")
	seen := map[int]bool{}
	var nums []int
	for _, r := range runs {
		if m := stopLine.FindStringSubmatch(r.To); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n >= 1 && n <= len(lines) && !seen[n] {
				seen[n] = true
				nums = append(nums, n)
			}
		}
	}
	if len(nums) == 0 {
		return ""
	}
	sort.Ints(nums)
	var b strings.Builder
	b.WriteString("--- the lines where threads stopped:\n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%7d | %s\n", n, strings.TrimRight(lines[n-1], "\r"))
	}
	return b.String()
}
