package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/rwgil/rwgil/experiments"
)

// maxBenchRepeat bounds bench -repeat: each round runs every workload.
const maxBenchRepeat = 1000

// runBench is `rwgil bench NAME|all|list [flags]`: the experiments of
// package experiments, their tables, JSON rows, plots and the generated
// docs/experiments.md.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench", "bench NAME[,NAME...]|all|list [flags]")
	var policies policyList
	fs.Var(&policies, "policies", "comma-separated policies to run (default: each experiment's own)")
	threads := fs.String("threads", "", "thread count, or for e2 and e4 comma-separated counts to sweep (default: each experiment's own)")
	repeat := fs.Int("repeat", 0, "interleaved rounds (default 3, 1 with -quick)")
	quick := fs.Bool("quick", false, "shrink every workload to a fraction of a second (figures good only for their shape)")
	asJSON := fs.Bool("json", false, "print one JSON object per row instead of tables")
	plotFile := fs.String("plot", "", "draw the (one) experiment's plot to this .svg or .png file")
	var cpythons stringList
	fs.Var(&cpythons, "cpython", "also run the workloads under this CPython interpreter (repeatable)")
	pin := fs.Bool("pin", false, "place threads and processes on processors where an experiment distinguishes placements (e5: the server pins its threads with os.sched_setaffinity, the client goes beside its serving thread)")
	markdown := fs.String("markdown", "", "write the results as a markdown page to this file (with -plots)")
	plotsDir := fs.String("plots", "", "with -markdown: the directory for every experiment's plot (SVG)")
	callgrind := fs.Bool("callgrind", false, "speed: also count each program's instructions under valgrind's callgrind (exact on a busy machine; minutes)")
	if len(args) == 0 {
		fmt.Fprintln(stderr, "rwgil bench: name an experiment, all, or list (run 'rwgil bench list')")
		return 2
	}
	what := args[0]
	if what == "convoy-client" {
		return runConvoyClient(args[1:], stdout, stderr)
	}
	if what == "-h" || what == "-help" || what == "--help" {
		fs.usage(stdout)
		return 0
	}
	if code, ok := fs.parse(args[1:], stdout, stderr); !ok {
		return code
	}
	if what == "list" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		for _, e := range experiments.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Name, e.ID, e.Measures)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", "speed", "", "the interpreter's speed: the suite on one thread under eml and gil, as time over the first -cpython's (issue 18)")
		_ = tw.Flush()
		return 0
	}
	var chosen []experiments.Experiment
	switch what {
	case "all":
		chosen = experiments.All()
	case "speed": // not an experiment of the design: runSpeed, below
	default:
		for _, name := range strings.Split(what, ",") {
			e, ok := experiments.Lookup(strings.ToLower(strings.TrimSpace(name)))
			if !ok {
				fmt.Fprintf(stderr, "rwgil bench: no experiment %q (run 'rwgil bench list')\n", name)
				return 2
			}
			chosen = append(chosen, e)
		}
	}
	o := experiments.Options{Policies: policies, Repeat: *repeat, Quick: *quick, Pin: *pin}
	if *repeat < 0 || *repeat > maxBenchRepeat {
		fmt.Fprintf(stderr, "rwgil bench: -repeat %d: want a positive number of rounds, at most %d\n", *repeat, maxBenchRepeat)
		return 2
	}
	if *callgrind && what != "speed" {
		fmt.Fprintln(stderr, "rwgil bench: -callgrind goes with speed (the experiments are measured in time)")
		return 2
	}
	if what == "speed" {
		return runSpeed(speedFlags{policies, *repeat, *quick, *asJSON, *callgrind, cpythons}, stdout, stderr)
	}
	if *threads != "" {
		for _, s := range strings.Split(*threads, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 || n > 1024 {
				fmt.Fprintf(stderr, "rwgil bench: -threads %q: want thread counts from 1 to 1024, separated by commas\n", *threads)
				return 2
			}
			o.Threads = append(o.Threads, n)
		}
	}
	switch {
	case *plotFile != "" && len(chosen) != 1:
		fmt.Fprintln(stderr, "rwgil bench: -plot draws one experiment's plot: name one experiment (or use -markdown with -plots)")
		return 2
	case *plotsDir != "" && *markdown == "":
		fmt.Fprintln(stderr, "rwgil bench: -plots goes with -markdown")
		return 2
	}
	if *plotFile != "" {
		if ext := strings.ToLower(filepath.Ext(*plotFile)); ext != ".svg" && ext != ".png" {
			fmt.Fprintf(stderr, "rwgil bench: -plot %q: want a .svg or .png file name\n", *plotFile)
			return 2
		}
	}
	// The files the results go to are checked before the experiments
	// run, which can take minutes, as -save-schedule is.
	for _, f := range []struct{ flag, path string }{{"-plot", *plotFile}, {"-markdown", *markdown}} {
		if f.path == "" {
			continue
		}
		if err := checkWritable(f.path); err != nil {
			fmt.Fprintf(stderr, "rwgil bench: %s: %v\n", f.flag, err)
			return 2
		}
	}
	if *plotsDir != "" {
		if info, err := os.Stat(*plotsDir); err != nil || !info.IsDir() {
			fmt.Fprintf(stderr, "rwgil bench: -plots %s is not a directory\n", *plotsDir)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for _, path := range cpythons {
		t, err := experiments.CPythonTarget(ctx, path)
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench: -cpython: %v\n", err)
			return 2
		}
		o.CPython = append(o.CPython, t)
	}
	if exe, err := os.Executable(); err == nil {
		cpu := -1
		if *pin {
			cpu = 0
		}
		o.ConvoyClient = experiments.ProcessClient(exe, cpu)
	}
	prog := newBenchProgress(stderr)
	o.Progress = prog.next
	defer prog.clear()

	var tables []*experiments.Table
	for _, e := range chosen {
		t, err := e.Run(ctx, o)
		prog.clear()
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench: %s: %v\n", e.Name, err)
			return 1
		}
		tables = append(tables, t)
		if *asJSON {
			err = experiments.WriteRows(stdout, t)
		} else if *markdown == "" {
			err = experiments.WriteText(stdout, t)
		}
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench: %v\n", err)
			return 1
		}
		if *plotFile != "" {
			if t.Plot == nil {
				fmt.Fprintf(stderr, "rwgil bench: %s has no plot\n", e.Name)
				return 1
			}
			if err := t.Plot.Save(*plotFile); err != nil {
				fmt.Fprintf(stderr, "rwgil bench: %v\n", err)
				return 1
			}
		}
	}
	if *markdown != "" {
		if err := writeExperimentsPage(*markdown, *plotsDir, args, tables, o); err != nil {
			fmt.Fprintf(stderr, "rwgil bench: %v\n", err)
			return 1
		}
	}
	return 0
}

// runConvoyClient is `rwgil bench convoy-client`: E5's client, as a
// process of its own, printing its measurements as one JSON line.
func runConvoyClient(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench convoy-client", "bench convoy-client -port N [-n ROUNDTRIPS] [-size BYTES] [-cpu N]")
	port := fs.Int("port", 0, "the server's loopback port")
	n := fs.Int("n", 10000, "round trips to make")
	size := fs.Int("size", 64, "bytes of each message's payload")
	cpu := fs.Int("cpu", -1, "pin this process to the processor (-1: not pinned)")
	if code, ok := fs.parse(args, stdout, stderr); !ok {
		return code
	}
	switch {
	case *port <= 0 || *port > 65535:
		fmt.Fprintf(stderr, "rwgil bench convoy-client: -port %d: want the server's port, 1 to 65535\n", *port)
		return 2
	case *n < 1 || *size < 0 || *size > 1<<20:
		fmt.Fprintf(stderr, "rwgil bench convoy-client: want -n of at least 1 and -size from 0 to 1 MiB\n")
		return 2
	}
	if *cpu >= 0 {
		// The client's goroutine stays on this thread, which is pinned.
		runtime.LockOSThread()
		if err := experiments.Pin(0, *cpu); err != nil {
			fmt.Fprintf(stderr, "rwgil bench convoy-client: %v\n", err)
			return 1
		}
	}
	r, err := experiments.ConvoyClient(context.Background(), "127.0.0.1:"+strconv.Itoa(*port), *n, *size)
	if err != nil {
		fmt.Fprintf(stderr, "rwgil bench convoy-client: %v\n", err)
		return 1
	}
	b, _ := json.Marshal(r)
	fmt.Fprintln(stdout, string(b))
	return 0
}

// writeExperimentsPage writes docs/experiments.md: how it was made, on
// what machine, then every experiment's section and plot.
func writeExperimentsPage(path, plotsDir string, args []string, tables []*experiments.Table, o experiments.Options) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Experiments\n\n%s\n\n", experiments.FingerprintLine())
	fmt.Fprintf(&b, "Generated by `rwgil bench %s` (do not edit by hand: run it again).\n\n", strings.Join(args, " "))
	fmt.Fprintf(&b, "Machine: %d cores (%s/%s), %s", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	for _, t := range o.CPython {
		gil := "GIL"
		if !t.GILEnabled {
			gil = "free-threaded"
		}
		fmt.Fprintf(&b, ", CPython %s (%s, %s)", t.Version, gil, t.CPython)
	}
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		fields := strings.Fields(string(load))
		if len(fields) >= 3 {
			fmt.Fprintf(&b, "; load average %s %s %s at the end (other processes running beside the runs)", fields[0], fields[1], fields[2])
		}
	}
	fmt.Fprintf(&b, "; %s. Every figure is the median over interleaved rounds, with the range of per-round figures in brackets.\n\n", time.Now().UTC().Format("2006-01-02"))
	if o.Quick {
		b.WriteString("These are `-quick` runs: every workload is shrunk to a fraction of a second, so the figures show the tables' shape, not the designs' costs.\n\n")
	}
	for _, t := range tables {
		plot := ""
		if t.Plot != nil && plotsDir != "" {
			if err := os.MkdirAll(plotsDir, 0o755); err != nil {
				return err
			}
			file := filepath.Join(plotsDir, t.ID+"-"+t.Name+".svg")
			if err := t.Plot.Save(file); err != nil {
				return err
			}
			rel, err := filepath.Rel(filepath.Dir(path), file)
			if err != nil {
				rel = file
			}
			plot = filepath.ToSlash(rel)
		}
		if err := experiments.WriteMarkdown(&b, t, plot); err != nil {
			return err
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// benchProgress shows what runs now, on a terminal only, and only for a
// run that takes longer than a second: a pipe gets nothing but results.
type benchProgress struct {
	w     io.Writer
	tty   bool
	mu    sync.Mutex
	timer *time.Timer
	shown bool
	start time.Time
}

func newBenchProgress(w io.Writer) *benchProgress {
	return &benchProgress{w: w, tty: isTerminal(w), start: time.Now()}
}

func (p *benchProgress) next(msg string) {
	if !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	if p.shown {
		fmt.Fprintf(p.w, "\r\x1b[K[%5.1fs] %s", time.Since(p.start).Seconds(), msg)
		return
	}
	p.timer = time.AfterFunc(time.Second, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		fmt.Fprintf(p.w, "\r\x1b[K[%5.1fs] %s", time.Since(p.start).Seconds(), msg)
		p.shown = true
	})
}

func (p *benchProgress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	p.shown = false
}

// speedFlags is what runSpeed takes of rwgil bench's flags.
type speedFlags struct {
	policies  policyList
	repeat    int
	quick     bool
	asJSON    bool
	callgrind bool
	cpythons  stringList
}

// runSpeed is `rwgil bench speed`: experiments.Speed, which is not one of
// the design's experiments (bench all leaves it out) but the measure of
// issue 18.
func runSpeed(o speedFlags, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := experiments.SpeedConfig{Quick: o.quick, Rounds: o.repeat}
	if cfg.Rounds == 0 {
		cfg.Rounds = 3
		if o.quick {
			cfg.Rounds = 1
		}
	}
	for _, p := range o.policies {
		cfg.Targets = append(cfg.Targets, experiments.PolicyTarget(p))
	}
	for _, path := range o.cpythons {
		t, err := experiments.CPythonTarget(ctx, path)
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench: -cpython: %v\n", err)
			return 2
		}
		cfg.CPython = append(cfg.CPython, t)
	}
	if len(cfg.CPython) == 0 {
		fmt.Fprintln(stderr, "rwgil bench speed: name the CPython to compare with: -cpython PATH")
		return 2
	}
	icfg := experiments.InstructionsConfig{Targets: cfg.Targets, CPython: cfg.CPython}
	if o.callgrind {
		// Before the timed rounds, which take minutes: what would stop
		// the count.
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench speed: -callgrind: finding rwgil's own binary: %v\n", err)
			return 2
		}
		icfg.Rwgil = exe
		if icfg.Valgrind, err = exec.LookPath("valgrind"); err != nil {
			fmt.Fprintln(stderr, "rwgil bench speed: -callgrind: valgrind is not installed (not in PATH)")
			return 2
		}
	}
	prog := newBenchProgress(stderr)
	cfg.Progress = prog.next
	rows, err := experiments.Speed(ctx, cfg)
	prog.clear()
	if err != nil {
		fmt.Fprintf(stderr, "rwgil bench: speed: %v\n", err)
		return 1
	}
	tables := []*experiments.Table{experiments.SpeedTable(rows)}
	if o.callgrind {
		icfg.Progress = prog.next
		irows, err := experiments.SpeedInstructions(ctx, icfg)
		prog.clear()
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench: speed: %v\n", err)
			return 1
		}
		tables = append(tables, experiments.InstructionsTable(irows))
	}
	for i, t := range tables {
		if o.asJSON {
			err = experiments.WriteRows(stdout, t)
		} else {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			err = experiments.WriteText(stdout, t)
		}
		if err != nil {
			fmt.Fprintf(stderr, "rwgil bench: %v\n", err)
			return 1
		}
	}
	return 0
}
