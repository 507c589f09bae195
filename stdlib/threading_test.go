package stdlib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// corpusDir holds the front end's corpus: Python programs with CPython
// 3.12's output checked in beside them.
var corpusDir = filepath.Join("..", "python", "compile", "testdata", "corpus")

// runPy runs a Python program as `rwgil run -policy P` does, and
// returns its stdout, stderr and exit status.
func runPy(t *testing.T, path string, policy eml.Policy) (stdout, stderr string, status int) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	status = python.Run(core.Config{Policy: policy, Stdout: &out, Stderr: &errOut}, path, src)
	return out.String(), errOut.String(), status
}

// corpusPrograms returns the corpus programs whose names start with one
// of prefixes (the modules of this helper's files).
func corpusPrograms(t *testing.T, prefixes ...string) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join(corpusDir, "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range all {
		base := filepath.Base(p)
		for _, pre := range prefixes {
			if strings.HasPrefix(base, pre) {
				out = append(out, p)
				break
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no corpus programs start with %v in %s", prefixes, corpusDir)
	}
	return out
}

// want reads a corpus program's expected stdout and exit status.
func want(t *testing.T, path string) (stdout string, status int) {
	t.Helper()
	base := strings.TrimSuffix(path, ".py")
	out, err := os.ReadFile(base + ".out")
	if err != nil {
		t.Fatal(err)
	}
	if e, err := os.ReadFile(base + ".err"); err == nil {
		first, _, _ := strings.Cut(string(e), "\n")
		if n, err := strconv.Atoi(strings.TrimPrefix(first, "exit ")); err == nil {
			status = n
		}
	}
	return string(out), status
}

// threadedPrefixes are the corpus programs of the threads helper's
// modules.
var threadedPrefixes = []string{"threading_", "queue_", "time_", "sys_"}

// TestCorpusAllPolicies runs the corpus programs of threading, queue,
// time and sys under every policy -- free and sticky as well as the gil
// and eml that TestCorpus covers -- and compares with CPython's output.
func TestCorpusAllPolicies(t *testing.T) {
	for _, path := range corpusPrograms(t, threadedPrefixes...) {
		wantOut, wantStatus := want(t, path)
		for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree, eml.PolicySticky} {
			t.Run(filepath.Base(path)+"/"+p.String(), func(t *testing.T) {
				out, errOut, status := runPy(t, path, p)
				if out != wantOut || status != wantStatus {
					t.Errorf("exit %d, want %d\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", status, wantStatus, wantOut, out, errOut)
				}
				if strings.Contains(errOut, "rwgil run:") {
					t.Errorf("rwgil reported a problem of its own:\n%s", errOut)
				}
			})
		}
	}
}

// schedulePolicies are the policies TestCorpusSchedules takes in turn,
// seed by seed: the programs synchronise with the threading and queue
// primitives alone, so their output is the same under free as under the
// GIL.
var schedulePolicies = []eml.Policy{eml.PolicyEML, eml.PolicyFree, eml.PolicyGIL}

// scheduleBudget is how long TestCorpusSchedules explores each program.
var scheduleBudget = 1500 * time.Millisecond

// TestCorpusSchedules runs the threaded corpus programs under the
// deterministic scheduler, seed after seed for a time budget per
// program, under eml, free and gil in turn: each synchronises correctly, so every schedule must print
// what CPython printed, end without a deadlock, and leave no leak or
// refcount misuse behind.
func TestCorpusSchedules(t *testing.T) {
	budget := scheduleBudget
	if testing.Short() {
		budget /= 5
	}
	for _, path := range corpusPrograms(t, "threading_", "queue_") {
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
			seeds := 0
			deadline := time.Now().Add(budget)
			for seed := uint64(1); seed == 1 || time.Now().Before(deadline); seed++ {
				policy := schedulePolicies[seed%uint64(len(schedulePolicies))]
				res, err := schedule.RunProgram(code, schedule.Random(seed), schedule.Config{
					Runtime: core.Config{Policy: policy},
					Setup:   python.RegisterModules,
				})
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				if res.Aborted != nil {
					t.Fatalf("seed %d under %v: the run was given up: %v\nstdout:\n%s", seed, policy, res.Aborted, res.Stdout)
				}
				if res.Stdout != wantOut {
					t.Fatalf("seed %d under %v: stdout differs\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", seed, policy, wantOut, res.Stdout, res.Stderr)
				}
				if res.CloseErr != nil {
					t.Fatalf("seed %d under %v: closing the runtime: %v", seed, policy, res.CloseErr)
				}
				seeds++
			}
			t.Logf("%d schedules", seeds)
		})
	}
}

// TestThreadsOverlapUnderFree runs threads_overlap.py with real
// goroutines under the free policy, where nothing serialises them but
// the program's Lock: the counter is exact, every thread did its share,
// and the order of the appends shows that the threads ran interleaved.
func TestThreadsOverlapUnderFree(t *testing.T) {
	out, errOut, status := runPy(t, filepath.Join("testdata", "threads_overlap.py"), eml.PolicyFree)
	if status != 0 {
		t.Fatalf("exit %d\nstderr:\n%s", status, errOut)
	}
	if !strings.Contains(out, "counter 8000 expected 8000\n") || !strings.Contains(out, "per thread [2000, 2000, 2000, 2000]\n") {
		t.Fatalf("lost updates:\n%s", out)
	}
	m := regexp.MustCompile(`switches (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no switch count in:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 3 {
		t.Errorf("the threads did not overlap: %d switches between writers (want at least 3)\n%s", n, out)
	}
}
