package tests

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// Cell is one guarantee under one policy, as the catalogue found it in
// deterministic mode.
type Cell struct {
	Guarantee Guarantee
	Policy    eml.Policy
	// Expected is docs/design.md's verdict; Found is what the search showed:
	// Broken if some run broke the guarantee, else Holds.
	Expected, Found Verdict
	// Runs counts the programs run (with a schedule each), shrinking
	// included; Switched those whose schedule switched threads.
	Runs, Switched int
	// Counterexample is the shrunk program that broke the guarantee,
	// why, its schedule and its interleaving table ("" if none).
	Counterexample string
	// Choices is the counterexample's schedule, for replay; Program the
	// shrunk program.
	Choices []int
	Program Program
	// Detail is what a measured row (G2, G8) found besides its verdict:
	// porcupine's counts, the worst wait measured.
	Detail string
}

// ReplayFiles are the paths, relative to the repository's root, of a
// cell's counterexample as files rwgil run replays: the program and its
// schedule.
func (c Cell) ReplayFiles() (program, sched string) {
	base := fmt.Sprintf("docs/atomicity/%s-%v", c.Guarantee.ID, c.Policy)
	return base + ".py", base + ".schedule"
}

// ReplayCommand is the command line that replays a cell's
// counterexample.
func (c Cell) ReplayCommand() string {
	prog, sched := c.ReplayFiles()
	return fmt.Sprintf("go run ./cmd/rwgil run -policy %v -schedule replay:%s -show-schedule %s", c.Policy, sched, prog)
}

// Files returns the replay files of every counterexample of cells, by
// path: the program's source and its schedule.
func Files(cells []Cell) map[string]string {
	out := map[string]string{}
	for _, c := range cells {
		if c.Choices == nil {
			continue
		}
		prog, sched := c.ReplayFiles()
		out[prog] = c.Program.Source()
		out[sched] = schedule.FormatChoices(c.Choices, "program "+prog, fmt.Sprintf("%s under %v: the atomicity catalogue's counterexample", c.Guarantee.ID, c.Policy))
	}
	if r, err := stickyCatalogue(); err == nil {
		for path, text := range r.Files() {
			out[path] = text
		}
	}
	return out
}

// CatalogueOptions say how hard the catalogue looks.
type CatalogueOptions struct {
	// Checks is how many generated cases a "holds" cell tries, and
	// Search how many a "broken" cell may try before its counterexample.
	Checks, Search int
	// Seed fixes rapid's generation, so that the catalogue is the same
	// every time (docs/atomicity.md is checked for staleness).
	Seed uint64
	// ShrinkTime bounds the shrinking of each counterexample (zero: five
	// minutes, which shrinking never needs; a quick look passes a
	// millisecond).
	ShrinkTime time.Duration
	// Guarantees limits the rows (nil: all of Guarantees, with G2Row,
	// G8Row and G10Row in their places), Policies the columns (nil: every
	// policy).
	Guarantees []Guarantee
	Policies   []eml.Policy
	// Context, if set, stops the catalogue between cells when it is done:
	// Catalogue then returns the cells it finished.
	Context context.Context
}

// DefaultCatalogue is what docs/atomicity.md is generated with.
var DefaultCatalogue = CatalogueOptions{Checks: 100, Search: 1000, Seed: 20081105}

// catalogueMu serializes catalogues: rapid is configured through its
// process-wide flags.
var catalogueMu sync.Mutex

// Catalogue checks every guarantee under every policy docs/design.md speaks
// of, in deterministic mode with rapid choosing programs and schedules,
// and returns the cells in order. progress, if not nil, is called before
// each cell with its index and the number of cells.
func Catalogue(opts CatalogueOptions, progress func(i, n int, c Cell)) []Cell {
	catalogueMu.Lock()
	defer catalogueMu.Unlock()
	// rapid asks testing.Short(), which needs the testing flags
	// registered and parsed: outside a test binary (rwgil demo) that has
	// not happened. Init does nothing the second time, or in a test.
	testing.Init()
	if !flag.Parsed() {
		_ = flag.CommandLine.Parse(nil)
	}
	gs := opts.Guarantees
	if gs == nil {
		gs = catalogueRows()
	}
	ps := opts.Policies
	if ps == nil {
		ps = eml.Policies()
	}
	var cells []Cell
	for _, g := range gs {
		for _, p := range ps {
			if v := g.Expect[p]; v != NotApplicable || measured(g.ID) != nil {
				cells = append(cells, Cell{Guarantee: g, Policy: p, Expected: v})
			}
		}
	}
	shrink := opts.ShrinkTime
	if shrink <= 0 {
		shrink = 5 * time.Minute
	}
	restore := setRapidFlags(map[string]string{
		"rapid.seed": fmt.Sprint(opts.Seed), "rapid.nofailfile": "true", "rapid.shrinktime": shrink.String(),
	})
	defer restore()
	for i := range cells {
		if opts.Context != nil && opts.Context.Err() != nil {
			return cells[:i]
		}
		c := &cells[i]
		if progress != nil {
			progress(i, len(cells), *c)
		}
		checks := opts.Checks
		if c.Expected == Broken {
			checks = opts.Search
		}
		if run := measured(c.Guarantee.ID); run != nil {
			run(c, checks)
			continue
		}
		restoreChecks := setRapidFlags(map[string]string{"rapid.checks": fmt.Sprint(checks)})
		var last struct {
			prog Program
			cfg  core.Config
			o    *Outcome
			err  error
		}
		tb := &recorder{name: c.Guarantee.ID + "/" + c.Policy.String()}
		rapid.Check(tb, c.Guarantee.Property(c.Policy, Deterministic, func(prog Program, o *Outcome, err error) {
			c.Runs++
			if o.Sched != nil && o.Sched.Preemptions > 0 {
				c.Switched++
			}
			if err != nil {
				last.prog, last.o, last.err = prog, o, err
				last.cfg = o.Config
			}
		}))
		restoreChecks()
		c.Found = Holds
		if tb.failed {
			c.Found = Broken
			if last.o != nil && last.o.Sched != nil {
				c.Choices, c.Program = last.o.Sched.Choices, last.prog
				report, err := Report(c.Guarantee, c.Policy, last.prog, last.cfg, c.Choices, c.ReplayCommand(), false)
				if err != nil {
					report = fmt.Sprintf("%s%v\n(no report: %v)\n", last.prog, last.err, err)
				}
				c.Counterexample = report
			} else {
				c.Counterexample = strings.Join(tb.report, "\n")
			}
		}
	}
	return cells
}

// setRapidFlags sets rapid's flags and returns a function restoring them.
func setRapidFlags(values map[string]string) (restore func()) {
	old := map[string]string{}
	for name, v := range values {
		f := flag.Lookup(name)
		if f == nil {
			panic("tests: rapid has no flag " + name)
		}
		old[name] = f.Value.String()
		_ = flag.Set(name, v)
	}
	return func() {
		for name, v := range old {
			_ = flag.Set(name, v)
		}
	}
}

// recorder is a rapid.TB that keeps what rapid reports instead of
// failing anything: the catalogue runs outside tests, and expects some
// cells to fail.
type recorder struct {
	name   string
	failed bool
	report []string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Name() string                      { return r.name }
func (r *recorder) Logf(string, ...any)               {}
func (r *recorder) Log(...any)                        {}
func (r *recorder) Skipf(string, ...any)              {}
func (r *recorder) Skip(...any)                       {}
func (r *recorder) SkipNow()                          {}
func (r *recorder) Errorf(format string, args ...any) { r.fail(fmt.Sprintf(format, args...)) }
func (r *recorder) Error(args ...any)                 { r.fail(fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) { r.fail(fmt.Sprintf(format, args...)) }
func (r *recorder) Fatal(args ...any)                 { r.fail(fmt.Sprint(args...)) }
func (r *recorder) FailNow()                          { r.failed = true }
func (r *recorder) Fail()                             { r.failed = true }
func (r *recorder) Failed() bool                      { return r.failed }

func (r *recorder) fail(msg string) {
	r.failed = true
	r.report = append(r.report, msg)
}

// cpythonG3 is docs/design.md's measurement on CPython 3.13 (2,000,000
// increments by several threads), which G3's rows must reproduce.
var cpythonG3 = map[string]string{
	"G3a/gil":  "0 of 2,000,000 lost, even at a 1 µs switch interval",
	"G3a/free": "lost (free-threaded build)",
	"G3b/gil":  "about a quarter lost",
	"G3b/free": "lost (free-threaded build)",
}

// Markdown renders the catalogue as docs/atomicity.md.
func Markdown(cells []Cell, opts CatalogueOptions) string {
	var b strings.Builder
	b.WriteString(`# The atomicity catalogue

<!-- Generated by "rwgil demo -atomicity -markdown"; do not edit.
     tests.TestAtomicityDocIsCurrent fails when this file is stale. -->

Which guarantee each locking policy keeps, checked in deterministic mode:
rapid generates the programs (threads of operations drawn from the
guarantee's list) and every scheduling decision, so each verdict below is
reproducible, and each counterexample is rapid's shrunk one, explained as
a report and replayable from the command line. The guarantees are
docs/design.md's. G2 (linearizability) is judged by porcupine on the
history of every run, G8 (promotion fairness) measured from inside every
stop of the world, G10 (isolation of interpreters) checked by the
isolation checker on programs that send values between interpreters (the
three below the matrix), and G9 (sticky's switch to the
GIL) explored exhaustively.

`)
	fmt.Fprintf(&b, "Generated with rapid seed %d: up to %d cases per cell expected to hold, and up to %d searched for a counterexample where docs/design.md says the guarantee must be seen broken.\n\n", opts.Seed, opts.Checks, opts.Search)
	// The matrix.
	b.WriteString("| guarantee |")
	for _, p := range eml.Policies() {
		fmt.Fprintf(&b, " %v |", p)
	}
	b.WriteString("\n|---|")
	for range eml.Policies() {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	byKey := map[string]Cell{}
	var order []string
	for _, c := range cells {
		key := c.Guarantee.ID
		if _, ok := byKey[key+"/"]; !ok {
			byKey[key+"/"] = c
			order = append(order, key)
		}
		byKey[key+"/"+c.Policy.String()] = c
	}
	for _, id := range order {
		g := byKey[id+"/"].Guarantee
		fmt.Fprintf(&b, "| **%s** %s |", id, g.Title)
		for _, p := range eml.Policies() {
			c, ok := byKey[id+"/"+p.String()]
			if !ok {
				b.WriteString(" n/a |")
				continue
			}
			fmt.Fprintf(&b, " %s |", cellText(c))
		}
		b.WriteString("\n")
	}
	b.WriteString(`
Each cell: the verdict found, then runs (programs, each under its own
schedule, shrinking included) and how many of those switched threads. A
verdict that differs from docs/design.md's is marked **MISMATCH**.

` + measuredMarkdown(byKey) + `## G3 beside CPython

docs/design.md's G3 row is a measurement on CPython 3.13; rwgil must reproduce
its pattern.

| sequence | CPython 3.13, GIL | rwgil gil | rwgil sticky (after an unported import) | rwgil eml | CPython 3.13t, free-threaded | rwgil free |
|---|---|---|---|---|---|---|
`)
	for _, id := range []string{"G3a", "G3b"} {
		seq := map[string]string{"G3a": "`counter += 1`", "G3b": "`counter += one()`"}[id]
		verdict := func(p eml.Policy) string {
			if c, ok := byKey[id+"/"+p.String()]; ok {
				if c.Found == Broken {
					return "lost updates"
				}
				return "none lost"
			}
			return "n/a"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", seq, cpythonG3[id+"/gil"], verdict(eml.PolicyGIL), verdict(eml.PolicySticky), verdict(eml.PolicyEML), cpythonG3[id+"/free"], verdict(eml.PolicyFree))
	}
	b.WriteString(`
` + "`counter += 1`" + ` has no safe point inside, so under the GIL no switch can
fall inside it; ` + "`counter += one()`" + ` has a call, which is a safe point, so the
GIL can change hands between the read and the write. Under eml core code
runs in parallel, as in the free-threaded build: both lose updates.

## G9: sticky is free until the first unported import, the GIL after

` + stickyMarkdown() + `
## Counterexamples

`)
	for _, c := range cells {
		if c.Counterexample == "" {
			continue
		}
		fmt.Fprintf(&b, "### %s under %v\n\n```\n%s```\n\n", c.Guarantee.ID, c.Policy, c.Counterexample)
	}
	b.WriteString(`Each report: the scenario -- the shrunk program's threads, as the Python
they run (the whole program is beside this file, in docs/atomicity/) --
then the interleaving, one column for each thread that took part and one
row for each step that matters: a read (` + "`->`" + ` the value read) or write
(` + "`<-`" + ` the value written) of the shared state, a call into or return
from an extension function, a switch; the switch that broke the guarantee
is marked. ` + "`step`" + ` counts the scheduling points. Then the verdict, and
the command that replays it (add ` + "`-trace-detail instructions`" + ` for every
instruction of every thread). See docs/testing.md for the schedules.
`)
	return b.String()
}

// measuredMarkdown is the section on the measured rows, G2, G8 and G10:
// what each found under each policy besides its verdict.
func measuredMarkdown(byKey map[string]Cell) string {
	var b strings.Builder
	b.WriteString(`## G2, G8 and G10, measured

G2: each case is a program of 2 to 4 threads doing 1 to 8 of ` + "`L.append(x)`" + `,
` + "`L.pop()`" + `, ` + "`len(L)`" + `, ` + "`d[k] = v`" + `, ` + "`d[k]`" + ` and ` + "`len(d)`" + ` on a list and a dict
they share, run under ` + fmt.Sprint(g2Schedules) + ` schedules; every operation's call and return are
stamped on a logical clock, and porcupine (Anish Athalye's linearizability
checker) decides whether some order of the operations, each placed
between its call and its return, is one a sequential list and dict
produce. tests/g2.go has the model.

G8: ` + "`witness.sample(globals())`" + ` is an unported call, so under eml each one
stops the world, and from inside the stop it records the core thread's
loop count and the lock's count of parks. The parks between two samples
are the safe points the later promotion waited for -- one for each
thread it had to bring to a safe point -- and the loop count between
them is how far the core thread got between two stops (at least one
iteration, or the stream starves it). The other policies stop nobody:
they are measured, not judged. Under adaptive a switch of mode is a stop
of the world of its own (rapid places the switches), and the parks
between two samples count those too.

` + "```python\n" + G8Source + "```\n\n" + `G10: each case is a program that makes one to three child interpreters
(each with a lock of its own under gil, eml, free or the column's policy,
or sharing an earlier child's) and sends one to five shareable values
(None, bools, ints small and huge, floats, strs, bytes, nested tuples) to
them by ` + "`call`" + `, a queue, ` + "`prepare_main`" + `, a thread of ` + "`call_in_thread`" + ` and a relay
from one child to another; every receiver mutates what it got (puts it in
a list and a dict, clears them) and sends it back. The main interpreter
runs under the column's policy, with ` + "`Config.CheckIsolation`" + ` (every count
of a reference checked against the counting thread's interpreter) and
` + "`Config.TrackObjects`" + `: it holds if every value came back equal and of its
type, the sender's values are unchanged, no violation was recorded and
every interpreter closed with nothing left alive. tests/g10.go has the
generator; ` + "`RWGIL_MUTANT=core-interp-share-not-copy`" + ` breaks it.

`)
	b.WriteString("| guarantee | policy | verdict | measured |\n|---|---|---|---|\n")
	for _, id := range []string{"G2", "G8", "G10"} {
		for _, p := range eml.Policies() {
			if c, ok := byKey[id+"/"+p.String()]; ok && c.Detail != "" {
				verdict := c.Found.String()
				if c.Expected == NotApplicable {
					verdict = "measured"
				}
				fmt.Fprintf(&b, "| %s | %v | %s | %s |\n", id, p, verdict, c.Detail)
			}
		}
	}
	b.WriteString("\n")
	return b.String()
}

// cellText is a matrix cell: verdict, runs and switched runs.
func cellText(c Cell) string {
	if c.Expected == NotApplicable {
		return fmt.Sprintf("measured (%d runs, %d switched)", c.Runs, c.Switched)
	}
	s := fmt.Sprintf("%s (%d runs, %d switched)", c.Found, c.Runs, c.Switched)
	if c.Found != c.Expected {
		s += fmt.Sprintf(" **MISMATCH**: docs/design.md says %s", c.Expected)
	}
	return s
}
