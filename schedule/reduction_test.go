package schedule_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// outcome is a run's final state: what it printed, what it raised, how
// it ended, and the plain globals.
func outcome(res *schedule.Result, broke error) string {
	keys := make([]string, 0, len(res.Globals))
	for k := range res.Globals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "out=%q exc=%s aborted=%v broke=%v", res.Stdout, res.ExceptionType, res.Aborted != nil, broke != nil)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%s", k, res.Globals[k])
	}
	return b.String()
}

// exploration is what one mode of Explore reached on a program: every
// outcome, the fewest preemptions of a run that broke the check (-1 if
// none did), and the runs it took.
type exploration struct {
	outcomes map[string]bool
	minBroke int
	e        *schedule.Exploration
}

func exploreAll(t *testing.T, run schedule.RunFunc, p int, opts schedule.ExploreOptions) exploration {
	t.Helper()
	x := exploration{outcomes: map[string]bool{}, minBroke: -1}
	opts.Preemptions, opts.Continue = p, true
	opts.Visit = func(res *schedule.Result, broke error) {
		x.outcomes[outcome(res, broke)] = true
		if broke != nil && (x.minBroke < 0 || res.Preemptions < x.minBroke) {
			x.minBroke = res.Preemptions
		}
	}
	e, err := schedule.Explore(run, schedule.Options{MaxSteps: 100_000}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Complete {
		t.Fatalf("the exploration did not complete: %s", e.Summary(p))
	}
	x.e = e
	return x
}

// TestReductionSound is the reduction's soundness test: on every program
// of testdata/por, exploring every schedule up to P preemptions with the
// partial-order reduction (the default Local one, and with DPOR) reaches
// exactly the outcomes that exploring without it reaches, and the check
// first breaks at the same number of preemptions. nested.py is the
// program whose lost update DPOR reaches at P = 1 only through the
// conflict of two named slots (the workers' loads and stores of n): the
// test fails there if slot conflicts are ignored (docs/testing.md). It logs the schedules
// each mode ran and their rate. The default run takes the free policy
// and P = 1 (two programs under -short); RWGIL_POR_FULL=1 takes free and
// eml and P = 2 (about three minutes on a loaded 2-core machine).
func TestReductionSound(t *testing.T) {
	full := os.Getenv("RWGIL_POR_FULL") != ""
	lost := func(res *schedule.Result) error {
		if err := schedule.Ended(res); err != nil {
			return err
		}
		if res.Stdout != "2\n" {
			return fmt.Errorf("n = %q, want 2: an update lost", strings.TrimSpace(res.Stdout))
		}
		return nil
	}
	checks := map[string]func(*schedule.Result) error{
		"lost.py":   lost,
		"nested.py": lost,
		"swap.py": func(res *schedule.Result) error {
			if err := schedule.Ended(res); err != nil {
				return err
			}
			if o := res.Stdout; o != "1 2\n" && o != "2 1\n" {
				return fmt.Errorf("p, q = %q: a value duplicated", strings.TrimSpace(o))
			}
			return nil
		},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "por", "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs in testdata/por: %v", err)
	}
	p, policies := 1, []eml.Policy{eml.PolicyFree}
	if full {
		p, policies = 2, []eml.Policy{eml.PolicyFree, eml.PolicyEML}
	}
	// lost.py and swap.py break under one preemption; nested.py too, and
	// at P = 1 it is the one whose break DPOR finds only through a
	// conflict of two Bounded footprints (the loads and stores of n),
	// so it fails if footprint conflicts are ignored.
	broken := []string{"lost.py", "swap.py", "nested.py"}
	for _, file := range files {
		if testing.Short() && !full && !slices.Contains(broken, filepath.Base(file)) {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		code, err := compile.Compile(file, src)
		if err != nil {
			t.Fatal(err)
		}
		check := checks[filepath.Base(file)]
		if check == nil {
			check = schedule.Ended
		}
		for _, pol := range policies {
			t.Run(filepath.Base(file)+"/"+pol.String(), func(t *testing.T) {
				run := schedule.ProgramRun(code, schedule.Config{Runtime: core.Config{Policy: pol}, Setup: extensions.RegisterBundled}, check)
				all := exploreAll(t, run, p, schedule.ExploreOptions{NoReduction: true})
				runs := map[string]int{}
				for _, mode := range []struct {
					name string
					opts schedule.ExploreOptions
				}{{"dpor", schedule.ExploreOptions{DPOR: true}}, {"local", schedule.ExploreOptions{}}} {
					red := exploreAll(t, run, p, mode.opts)
					if red.minBroke != all.minBroke {
						t.Errorf("%s: the check first broke at %d preemptions, without the reduction at %d (-1: never)", mode.name, red.minBroke, all.minBroke)
					}
					for o := range all.outcomes {
						if !red.outcomes[o] {
							t.Errorf("%s: outcome %s reached without the reduction, not with it", mode.name, o)
						}
					}
					for o := range red.outcomes {
						if !all.outcomes[o] {
							t.Errorf("%s: outcome %s reached only with the reduction", mode.name, o)
						}
					}
					t.Logf("%s: %d schedules (%.0f/s), without the reduction %d (%.0f/s); %d outcomes; first break at %d preemptions",
						mode.name, red.e.Runs, red.e.PerSecond(), all.e.Runs, all.e.PerSecond(), len(all.outcomes), all.minBroke)
					runs[mode.name] = red.e.Runs
				}
				// The footprints of the workers' starts, exits and joins
				// are what let DPOR prune more than the Local reduction:
				// their globals are disjoint, or their races few.
				if name := filepath.Base(file); (name == "disjoint.py" || name == "lost.py") && runs["dpor"] >= runs["local"] {
					t.Errorf("DPOR ran %d schedules, the Local reduction %d: the footprints prune nothing", runs["dpor"], runs["local"])
				}
				if pol == eml.PolicyFree && slices.Contains(broken, filepath.Base(file)) && all.minBroke < 0 {
					t.Errorf("the check never broke: the test shows nothing")
				}
			})
		}
	}
}
