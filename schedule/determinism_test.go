package schedule_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// determinismSteps bounds each run of TestDeterminism: the long examples
// (cpu.rwa runs millions of instructions) are given up at the bound, and
// the prefix they ran must be as repeatable as a whole run.
const determinismSteps = 50_000

// TestDeterminism: every docs/examples program, run twice under every
// policy with the same seed, gives the same Result -- output, exception,
// choices, interleaving, final globals, the lock's counters -- and the
// runs do interleave threads.
func TestDeterminism(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "docs", "examples", "*.rwa"))
	if err != nil {
		t.Fatal(err)
	}
	more, err := filepath.Glob(filepath.Join("..", "docs", "examples", "extensions", "*.rwa"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("found %d example programs; expected the docs/examples tree", len(files))
	}
	switched := 0
	for _, f := range files {
		code := readProgram(t, f)
		for _, p := range eml.Policies() {
			seed := uint64(len(f)) // a different seed per file, the same for both runs
			name := fmt.Sprintf("%s/%v/seed=%d", filepath.Base(f), p, seed)
			t.Run(name, func(t *testing.T) {
				opts := schedule.Options{MaxSteps: determinismSteps}
				a := run(t, code, schedule.Random(seed), p, opts)
				b := run(t, code, schedule.Random(seed), p, opts)
				da, db := describe(a), describe(b)
				for _, k := range slices.Sorted(maps.Keys(da)) {
					if !reflect.DeepEqual(da[k], db[k]) {
						t.Errorf("two runs under seed %d differ in %s:\nfirst:  %.300v\nsecond: %.300v", seed, k, da[k], db[k])
					}
				}
				if a.Preemptions > 0 {
					switched++
				}
			})
		}
	}
	if switched == 0 {
		t.Error("no run preempted a thread: the examples were not interleaved")
	}
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "%d of %d runs preempted\n", switched, len(files)*len(eml.Policies()))
	}
}

// describe is a Result with its errors as strings, for comparing.
func describe(r *schedule.Result) map[string]any {
	str := func(err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	return map[string]any{
		"stdout": r.Stdout, "stderr": r.Stderr, "exception": r.Exception,
		"aborted": str(r.Aborted), "diverged": str(r.Diverged), "close": str(r.CloseErr),
		"choices": r.Choices, "preemptions": r.Preemptions, "steps": r.Steps,
		"runs": r.Runs, "threads": r.Threads, "untraced": r.Untraced,
		"globals": r.Globals, "promotions": r.Promotions, "stops": r.Stops, "switches": r.Switches,
	}
}
