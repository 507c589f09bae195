package stdlib_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/cpython"
	"github.com/rwgil/rwgil/schedule"
)

// dataPrefixes are the corpus programs of the data modules.
var dataPrefixes = []string{"struct_", "random_", "math_", "json_"}

// TestDataCorpusAllPolicies runs the corpus programs of struct, random,
// math and json under every policy -- free and sticky as well as the gil
// and eml that TestCorpus covers -- and compares with CPython's stdout,
// exit status and last line of stderr.
func TestDataCorpusAllPolicies(t *testing.T) {
	for _, path := range corpusPrograms(t, dataPrefixes...) {
		wantOut, wantStatus := want(t, path)
		wantLast := ""
		if e, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".err"); err == nil {
			wantLast = cpython.LastLine(string(e))
		}
		for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree, eml.PolicySticky} {
			t.Run(filepath.Base(path)+"/"+p.String(), func(t *testing.T) {
				out, errOut, status := runPy(t, path, p)
				if out != wantOut || status != wantStatus {
					t.Errorf("exit %d, want %d\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", status, wantStatus, wantOut, out, errOut)
				}
				if last := cpython.LastLine(errOut); wantLast != "" && last != wantLast {
					t.Errorf("last line of stderr:\n got: %s\nwant: %s", last, wantLast)
				}
			})
		}
	}
}

// TestDataCorpusSchedules runs the threaded data programs under the
// deterministic scheduler, seed after seed for a time budget: each
// synchronises correctly (or gives each thread its own generator), so
// every schedule prints what CPython printed.
func TestDataCorpusSchedules(t *testing.T) {
	budget := 1500 * time.Millisecond
	if testing.Short() {
		budget /= 5
	}
	for _, path := range corpusPrograms(t, "random_threads_") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			wantOut, _ := want(t, path)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			code, err := compile.Compile(path, src)
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(budget)
			seeds := 0
			for seed := uint64(1); seed == 1 || time.Now().Before(deadline); seed++ {
				res, err := schedule.RunProgram(code, schedule.Random(seed), schedule.Config{
					Runtime: core.Config{Policy: eml.PolicyFree},
					Setup:   python.RegisterModules,
				})
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				if res.Aborted != nil {
					t.Fatalf("seed %d: the run was given up: %v", seed, res.Aborted)
				}
				if res.Stdout != wantOut {
					t.Fatalf("seed %d: stdout differs\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", seed, wantOut, res.Stdout, res.Stderr)
				}
				if res.CloseErr != nil {
					t.Fatalf("seed %d: closing the runtime: %v", seed, res.CloseErr)
				}
				seeds++
			}
			t.Logf("%d schedules", seeds)
		})
	}
}
