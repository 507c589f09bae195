package experiments

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/eml"
)

// InstructionsConfig configures [SpeedInstructions]. Zero fields take the
// defaults in brackets.
type InstructionsConfig struct {
	// Rwgil is the rwgil binary whose `run` the rwgil targets go through
	// (callgrind counts a process, not a runtime inside the caller).
	Rwgil string
	// Targets are rwgil's targets [eml and gil]: policies only (a
	// target's other settings have no flag of `rwgil run`).
	Targets []Target
	// CPython are the interpreters counted beside them; the first is the
	// reference of the ratios. At least one.
	CPython []Target
	// Benches are the suite's benchmarks [all of SpeedBenches()].
	Benches []string
	// Valgrind is the valgrind to run [the one in PATH].
	Valgrind string
	Progress func(string)
}

// InstructionRow is what callgrind counted for one benchmark under one
// target: the instructions of N units of the benchmark's work.
type InstructionRow struct {
	Bench        string  `json:"bench"`
	Target       string  `json:"target"`
	Policy       string  `json:"policy"`
	N            int     `json:"n"`
	Instructions int64   `json:"instructions"`
	Ratio        float64 `json:"ratio"` // over the reference CPython's
}

// instructionSizes is each benchmark's N under callgrind, which runs a
// program about 50 times slower: each run takes seconds.
var instructionSizes = map[string]int{
	"fib": 20, "intloop": 40000, "float": 800, "methods": 4000,
	"dicts": 4000, "lists": 10000, "generators": 8000, "closures": 10000,
}

// SpeedInstructions counts the instructions of the speed suite under
// valgrind's callgrind, which are exact on a busy machine where times are
// not. Each benchmark runs at N and at 2N under every target and the
// difference is its figure, so that start-up (Go's runtime and the
// compiler, CPython's site import) cancels out. rwgil runs with Go's
// asynchronous preemption off and rdtscp hidden (which valgrind needs)
// and with the collector off (GOGC=off), so that a binary's count repeats
// within about 1%.
func SpeedInstructions(ctx context.Context, cfg InstructionsConfig) ([]InstructionRow, error) {
	if len(cfg.CPython) == 0 {
		return nil, errors.New("experiments: instructions: name a CPython to compare with (-cpython PATH)")
	}
	valgrind := cfg.Valgrind
	if valgrind == "" {
		p, err := exec.LookPath("valgrind")
		if err != nil {
			return nil, errors.New("experiments: instructions: valgrind is not installed (not in PATH)")
		}
		valgrind = p
	}
	ts := cfg.Targets
	if len(ts) == 0 {
		ts = []Target{PolicyTarget(eml.PolicyEML), PolicyTarget(eml.PolicyGIL)}
	}
	for _, t := range ts {
		if t != PolicyTarget(t.Policy) {
			return nil, fmt.Errorf("experiments: instructions: target %s: only a policy can be passed to rwgil run", t.Name)
		}
	}
	ts = append(append([]Target(nil), ts...), cfg.CPython...)
	ref := len(ts) - len(cfg.CPython)
	benches := cfg.Benches
	if len(benches) == 0 {
		benches = SpeedBenches()
	}
	dir, err := workloadDir()
	if err != nil {
		return nil, fmt.Errorf("experiments: writing the workloads out: %w", err)
	}
	suite := filepath.Join(dir, "suite.py")
	var rows []InstructionRow
	for _, b := range benches {
		n, ok := instructionSizes[b]
		if !ok {
			return nil, fmt.Errorf("experiments: instructions: no benchmark %q in the suite", b)
		}
		first := len(rows)
		for _, t := range ts {
			if cfg.Progress != nil {
				cfg.Progress(fmt.Sprintf("callgrind: %s under %s", b, t.Name))
			}
			var counts [2]int64
			for i, size := range []int{n, 2 * n} {
				cmd := []string{t.CPython, suite, b, strconv.Itoa(size)}
				if !t.IsCPython() {
					cmd = []string{cfg.Rwgil, "run", "-policy", t.Policy.String(), suite, b, strconv.Itoa(size)}
				}
				if counts[i], err = callgrind(ctx, valgrind, cmd); err != nil {
					return nil, fmt.Errorf("experiments: instructions: %s under %s: %w", b, t.Name, err)
				}
			}
			rows = append(rows, InstructionRow{Bench: b, Target: t.Name, Policy: t.PolicyName(), N: n, Instructions: counts[1] - counts[0]})
		}
		base := rows[first+ref].Instructions
		for i := first; i < len(rows); i++ {
			rows[i].Ratio = float64(rows[i].Instructions) / float64(base)
		}
	}
	return rows, nil
}

// collected is the line in which callgrind reports its total.
var collected = regexp.MustCompile(`(?m)^==\d+== Collected : (\d+)$`)

// callgrind runs cmd under valgrind's callgrind and returns the
// instructions it counted.
func callgrind(ctx context.Context, valgrind string, cmd []string) (int64, error) {
	out, err := os.MkdirTemp("", "rwgil-callgrind-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(out)
	c := exec.CommandContext(ctx, valgrind, append([]string{"--tool=callgrind", "--callgrind-out-file=" + filepath.Join(out, "callgrind.out")}, cmd...)...)
	// A fixed hash seed for rwgil and CPython alike: str hashes decide
	// how often dict probes collide, which otherwise varies the counts
	// by a few percent from run to run.
	c.Env = append(os.Environ(), "GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off", "GOGC=off", "PYTHONHASHSEED=0")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, fmt.Errorf("%s: %v\n%s", strings.Join(cmd, " "), err, tail(stderr.String(), 800))
	}
	m := collected.FindStringSubmatch(stderr.String())
	if m == nil {
		return 0, fmt.Errorf("%s: no instruction count in valgrind's output:\n%s", strings.Join(cmd, " "), tail(stderr.String(), 800))
	}
	return strconv.ParseInt(m[1], 10, 64)
}

// tail is the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// InstructionsTable is the table of SpeedInstructions' rows: one line
// per benchmark, one column per target, each cell the millions of
// instructions and the ratio to the reference CPython's, and a geometric
// mean of the ratios.
func InstructionsTable(rows []InstructionRow) *Table {
	ref := ""
	for _, r := range rows {
		if r.Ratio == 1 && (r.Policy == "cpython" || r.Policy == "cpython-ft") {
			ref = r.Target
			break
		}
	}
	t := &Table{
		ID:    "speed-instructions",
		Name:  "speed-instructions",
		Title: "Interpreter speed in instructions (callgrind)",
		Claim: "Issue 18's goal, counted: eml's instructions over " + ref + "'s at most 1.0 in the geometric mean, no program above 1.5.",
		Rows:  rows,
	}
	targets, byBench, order := pivot(rows, func(r InstructionRow) (string, string, string) {
		return r.Bench, r.Target, fmt.Sprintf("%.1fM %.2f", float64(r.Instructions)/1e6, r.Ratio)
	})
	t.Columns = append([]string{"bench"}, targets...)
	for _, b := range order {
		t.Cells = append(t.Cells, append([]string{b}, byBench[b]...))
	}
	ratios := map[string][]float64{}
	for _, r := range rows {
		ratios[r.Target] = append(ratios[r.Target], r.Ratio)
	}
	gm := []string{"geomean"}
	for _, tg := range targets {
		gm = append(gm, fmt.Sprintf("%.2f", geomean(ratios[tg])))
	}
	t.Cells = append(t.Cells, gm)
	t.Notes = append(t.Notes, "Each figure: the instructions of N units of work (the run at 2N less the run at N), in millions, then over "+ref+"'s.")
	return t
}
