package experiments

import (
	"context"
	"fmt"
	"runtime"
	"sort"

	"github.com/rwgil/rwgil/eml"
)

// Options are the settings every experiment of `rwgil bench` takes. Zero
// fields take each experiment's defaults.
type Options struct {
	// Policies are the rwgil policies to run [each experiment's own list,
	// most often all of eml.Policies(), with gil both with and without
	// priorities].
	Policies []eml.Policy
	// Threads is the thread count, or for E2 and E4 the counts to sweep
	// [the experiment's own].
	Threads []int
	// Repeat is the number of interleaved rounds [3; 1 with Quick].
	Repeat int
	// Quick shrinks every workload to a fraction of a second, for tests
	// and CI: the figures are then only good for their shape.
	Quick bool
	// CPython are interpreters run beside rwgil's targets (CPythonTarget
	// makes them).
	CPython []Target
	// Pin places threads and processes on processors with
	// sched_setaffinity where an experiment distinguishes placements (E5:
	// the server's threads pin themselves, the client is pinned beside
	// its serving thread).
	Pin bool
	// ConvoyClient runs E5's client [InProcessClient]; rwgil bench runs
	// it as a process of its own (ProcessClient).
	ConvoyClient ClientFunc
	// Progress, if not nil, is told what runs next.
	Progress func(msg string)
}

func (o Options) rounds() int {
	switch {
	case o.Repeat > 0:
		return o.Repeat
	case o.Quick:
		return 1
	default:
		return 3
	}
}

func (o Options) progress(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}

// policyTargets returns the rwgil targets for o's policies (def when o
// names none), with gil run twice, without and with priorities, when
// withPriorities is set.
func (o Options) policyTargets(def []eml.Policy, withPriorities bool) []Target {
	ps := o.Policies
	if len(ps) == 0 {
		ps = def
	}
	var ts []Target
	for _, p := range ps {
		ts = append(ts, PolicyTarget(p))
		if p == eml.PolicyGIL && withPriorities {
			ts = append(ts, Target{Name: "gil+prio", Policy: p, Priorities: true})
		}
	}
	return ts
}

// maxThreads is the default largest thread count: twice the cores.
func maxThreads() int { return 2 * runtime.NumCPU() }

// A Table is what an experiment reports: rows for a terminal or a
// markdown page, the same rows typed for JSON, and a plot.
type Table struct {
	// ID and Name are the experiment's (e3, amdahl); Title a line for a
	// heading.
	ID, Name, Title string
	// Claim is the seed claim or published anchor the experiment tests,
	// printed beside the measured figures.
	Claim string
	// Columns and Cells are the printed table.
	Columns []string
	Cells   [][]string
	// Rows are the typed rows (a slice of the experiment's row type) that
	// -json prints, one JSON object per row.
	Rows any
	// Plot is the experiment's figure (nil: none).
	Plot *Plot
	// Notes say what the figures mean for the claim, in sentences.
	Notes []string
}

// An Experiment is one of `rwgil bench`'s experiments.
type Experiment struct {
	// ID is the design's number (e1 ... e8), Name what rwgil bench calls
	// it (cost, scaling, amdahl, safepoint, convoy, handoff, refcount, interpreters);
	// either selects it.
	ID, Name string
	Title    string
	// Measures says in one line what the experiment measures (rwgil bench
	// list).
	Measures string
	Run      func(ctx context.Context, o Options) (*Table, error)
}

var registry []Experiment

func register(e Experiment) { registry = append(registry, e) }

// All returns every experiment, in the order of their IDs.
func All() []Experiment {
	es := append([]Experiment(nil), registry...)
	sort.Slice(es, func(i, j int) bool { return es[i].ID < es[j].ID })
	return es
}

// Lookup returns the experiment whose name or ID is name.
func Lookup(name string) (Experiment, bool) {
	for _, e := range registry {
		if e.Name == name || e.ID == name {
			return e, true
		}
	}
	return Experiment{}, false
}
