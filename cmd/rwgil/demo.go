package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/experiments"
)

// runDemo is `rwgil demo`. Until the interpreter core lands it runs the
// lock-only demonstration: core threads attaching, polling and working,
// one of them promoting, under each policy.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo", "demo [flags]")
	cfg := experiments.LockDemoConfig{Policies: eml.Policies()}
	policies := policyList(cfg.Policies)
	var mutex mutexFlag
	fs.Var(&policies, "policy", "comma-separated policies to run: eml, gil, sticky, free")
	fs.IntVar(&cfg.Threads, "threads", 0, "core threads (default: the number of CPUs, at least 2)")
	fs.DurationVar(&cfg.Duration, "duration", 300*time.Millisecond, "how long each policy runs")
	fs.IntVar(&cfg.PromoteEvery, "promote-every", 50, "thread 0 calls an unported extension every this many steps")
	fs.Var(&mutex, "mutex", "blocking primitive: mutex, event, spin, spinpark")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	if code, ok := fs.parse(args, stdout, stderr); !ok {
		return code
	}
	switch {
	case cfg.Threads < 0:
		fmt.Fprintf(stderr, "rwgil demo: -threads must be positive, got %d\n", cfg.Threads)
		return 2
	case cfg.Duration <= 0:
		fmt.Fprintf(stderr, "rwgil demo: -duration must be positive, got %v\n", cfg.Duration)
		return 2
	case cfg.PromoteEvery <= 0:
		fmt.Fprintf(stderr, "rwgil demo: -promote-every must be positive, got %d\n", cfg.PromoteEvery)
		return 2
	}
	cfg.Policies, cfg.Mutex = policies, mutex.k

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if !*asJSON {
		fmt.Fprintf(stdout, "Lock-only demonstration: core threads attach, poll at every step and work;\n"+
			"thread 0 calls an unported extension every %d steps (promote, work, demote).\n"+
			"%d policies x %v each; blocking primitive: %s.\n\n", cfg.PromoteEvery, len(cfg.Policies), cfg.Duration, cfg.Mutex)
	}
	rows, err := experiments.LockDemo(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "rwgil demo: %v\n", err)
		return 1
	}
	if *asJSON {
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

Next: docs/eml.md explains the lock protocol; 'go test ./eml -run TestExclusion -v' shows the
guarantee checked on generated programs.
`)
	return 0
}
