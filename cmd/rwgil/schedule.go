package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/extensions"
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
}

func (sf *scheduleFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.spec, "schedule", "", "run threads one at a time under a deterministic schedule: seed:N (a PRNG chooses), replay:FILE (follow a saved schedule) or random (a fresh seed, printed)")
	fs.BoolVar(&sf.show, "show-schedule", false, "print the interleaving table of a scheduled run to stderr")
	fs.StringVar(&sf.save, "save-schedule", "", "write a scheduled run's choices to this file, for -schedule replay:FILE")
	fs.IntVar(&sf.bound, "preemption-bound", 0, "scheduled runs: at most this many preemptions (0: no bound)")
	fs.Int64Var(&sf.maxSteps, "max-steps", 50_000_000, "scheduled runs: give up after this many scheduling points")
	fs.IntVar(&sf.width, "schedule-width", 36, "width of a column of the interleaving table")
}

// chooser parses -schedule; describe names it in a header, and spec is
// the -schedule value that runs the same schedule again.
func (sf *scheduleFlags) chooser() (c schedule.Chooser, describe, spec string, err error) {
	kind, arg, _ := strings.Cut(sf.spec, ":")
	switch kind {
	case "", "random":
		if kind == "random" && arg != "" {
			break
		}
		seed := uint64(time.Now().UnixNano())
		return schedule.Random(seed), fmt.Sprintf("seed %d", seed), fmt.Sprintf("seed:%d", seed), nil
	case "seed":
		seed, perr := strconv.ParseUint(arg, 10, 64)
		if perr != nil {
			return nil, "", "", fmt.Errorf("-schedule seed:N needs a number, got %q", arg)
		}
		return schedule.Random(seed), "seed " + arg, sf.spec, nil
	case "replay":
		if arg == "" {
			return nil, "", "", errors.New("-schedule replay:FILE needs a file")
		}
		data, rerr := os.ReadFile(arg)
		if rerr != nil {
			return nil, "", "", fmt.Errorf("-schedule: %v", rerr)
		}
		f, perr := schedule.ParseChoices(arg, string(data), sf.maxSteps)
		if perr != nil {
			return nil, "", "", perr
		}
		return schedule.ReplayChoices(f.Choices), "replay of " + arg, sf.spec, nil
	}
	return nil, "", "", fmt.Errorf("-schedule %q: want seed:N, replay:FILE or random", sf.spec)
}

// runScheduled is rwgil run under the deterministic scheduler.
func runScheduled(file string, code *bytecode.Code, cfg core.Config, sf *scheduleFlags, stats bool, stdout, stderr io.Writer) int {
	c, describe, spec, err := sf.chooser()
	if err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	if sf.bound < 0 || sf.maxSteps <= 0 {
		fmt.Fprintln(stderr, "rwgil run: -preemption-bound must be >= 0 and -max-steps positive")
		return 2
	}
	res, err := schedule.RunProgram(code, c, schedule.Config{
		Runtime: cfg,
		Setup:   extensions.RegisterBundled,
		Options: schedule.Options{PreemptionBound: sf.bound, MaxSteps: sf.maxSteps},
	})
	if err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	fmt.Fprint(stdout, res.Stdout)
	fmt.Fprint(stderr, res.Stderr)
	fmt.Fprint(stderr, res.Exception)
	status := 0
	if res.Exception != "" {
		status = 1
	}
	if res.Aborted != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", res.Aborted)
		status = 1
	}
	if res.Diverged != nil {
		fmt.Fprintf(stderr, "rwgil run: warning: %v\n", res.Diverged)
	}
	summary := fmt.Sprintf("%s, policy %v: %d scheduling points, %d choices, %d preemptions", describe, cfg.Policy, res.Steps, len(res.Choices), res.Preemptions)
	if sf.save != "" {
		text := schedule.FormatChoices(res.Choices, "program "+file, summary)
		if err := os.WriteFile(sf.save, []byte(text), 0o644); err != nil {
			fmt.Fprintf(stderr, "rwgil run: -save-schedule: %v\n", err)
			return 2
		}
	}
	again := fmt.Sprintf("run it again with -schedule %s (or save it with -save-schedule FILE)", spec)
	if sf.save != "" {
		again = fmt.Sprintf("replay with: rwgil run -policy %v -schedule replay:%s %s", cfg.Policy, sf.save, file)
	}
	switch {
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
		fmt.Fprintf(stderr, "rwgil run: under %s; %s, and -show-schedule for the interleaving\n", describe, again)
	}
	if stats {
		fmt.Fprintf(stderr, "--- rwgil stats: %s\nlock: %d promotions, %d stops of the world, %d GIL switches\n", summary, res.Promotions, res.Stops, res.Switches)
	}
	return status
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
