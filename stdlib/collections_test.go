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

// objectsCorpus are the prefixes of the corpus programs
// (python/compile/testdata/corpus) of the modules collections,
// itertools, functools and operator, and of classes deriving from the
// built-in types. TestCorpus runs them under gil and eml;
// TestObjectsCorpusFree runs them under free too.
var objectsCorpus = []string{"collections_", "itertools_", "functools_", "operator_", "subclass_"}

// TestObjectsCorpusFree runs the corpus programs of collections,
// itertools, functools, operator and built-in subclassing under gil, eml
// and free, with objects tracked (a leak fails), and compares
// their output with CPython 3.12's, checked in beside them.
func TestObjectsCorpusFree(t *testing.T) {
	dir := filepath.Join("..", "python", "compile", "testdata", "corpus")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".py") || !hasAnyPrefix(name, objectsCorpus) {
			continue
		}
		n++
		want, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, ".py")+".out"))
		if err != nil {
			t.Fatal(err)
		}
		for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
			t.Run(name+"/"+policy.String(), func(t *testing.T) {
				got, stderr, status := runFile(t, policy, dir, name)
				if status != 0 || stderr != "" || got != string(want) {
					t.Fatalf("status %d, stderr:\n%s\nstdout:\n%s\nwant (CPython 3.12):\n%s", status, stderr, got, want)
				}
			})
		}
	}
	if n < 5 {
		t.Fatalf("found %d corpus programs of these modules, want at least 5", n)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// TestCollectionsThreads runs testdata/collections_threads.py with real
// goroutines: deque appends from four threads lose nothing and keep each
// thread's order, Counter updates under a Lock are exact, and two
// threads popping while two push neither lose nor duplicate an item.
// Under eml and free it reruns, for up to a time budget, until the log
// shows the appends interleaved (the threads overlapped): a run that never
// interleaves fails.
func TestCollectionsThreads(t *testing.T) {
	want := "appended 8000 of 8000\neach thread in order True\ncounted [('all', 8000), (0, 2000), (1, 2000), (2, 2000), (3, 2000)]\npopped 4000 distinct 4000 left 0\ncache calls 8000 hits+misses 8000 currsize 50 wrong 0\n"
	switchesRE := regexp.MustCompile(`switches (\d+)\n$`)
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			deadline := time.Now().Add(30 * time.Second)
			for run := 1; ; run++ {
				out, stderr, status := runFile(t, policy, "testdata", "collections_threads.py")
				m := switchesRE.FindStringSubmatch(out)
				if status != 0 || stderr != "" || m == nil || out[:len(out)-len(m[0])] != want {
					t.Fatalf("run %d: status %d\nstdout:\n%s\nwant it to start with:\n%s\nstderr:\n%s", run, status, out, want, stderr)
				}
				switches, _ := strconv.Atoi(m[1])
				if policy == eml.PolicyGIL || switches > 3 {
					t.Logf("run %d: %d switches between threads in the deque", run, switches)
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("after %d runs the appends never interleaved (switches %d): no evidence the threads overlapped", run, switches)
				}
			}
		})
	}
}

// runFile runs dir/name as `rwgil run` does, with objects tracked so that
// a leaked or doubly freed object shows in stderr.
func runFile(t *testing.T, policy eml.Policy, dir, name string) (stdout, stderr string, status int) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	status = python.Run(core.Config{Policy: policy, Stdout: &out, Stderr: &errb, TrackObjects: true}, name, src)
	return out.String(), errb.String(), status
}

// TestObjectsCorpusSchedules runs the threaded corpus programs of
// collections and functools (collections_threads_*.py) under the
// deterministic scheduler, seed after seed for a time budget: they
// synchronise correctly, so every schedule prints what CPython printed.
func TestObjectsCorpusSchedules(t *testing.T) {
	budget := 1500 * time.Millisecond
	if testing.Short() {
		budget /= 5
	}
	dir := filepath.Join("..", "python", "compile", "testdata", "corpus")
	paths, err := filepath.Glob(filepath.Join(dir, "collections_threads_*.py"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no threaded collections programs in %s (%v)", dir, err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".out")
			if err != nil {
				t.Fatal(err)
			}
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
				if res.Stdout != string(want) {
					t.Fatalf("seed %d: stdout differs\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", seed, want, res.Stdout, res.Stderr)
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
