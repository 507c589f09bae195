package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/anishathalye/porcupine"
	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// g2SwitchInterval is the real mode's switch interval: CPython's
// shortest useful sys.setswitchinterval, so that under gil (and sticky
// after its switch) the GIL changes hands at the safe points inside the
// operations' intervals, rather than once every 5 ms -- longer than a
// whole test case.
const g2SwitchInterval = time.Microsecond

// g2RunReal runs p with real goroutines, each with its own thread state.
// They attach, wait at a barrier until all are attached (polling safe
// points, so that a GIL holder lets the others attach), and then run
// their operations at once.
func g2RunReal(t *rapid.T, policy eml.Policy, p g2Program) *g2Case {
	rt, err := core.NewRuntime(core.Config{Policy: policy, SwitchInterval: g2SwitchInterval})
	if err != nil {
		t.Fatalf("core.NewRuntime(policy %v): %v", policy, err)
	}
	var clock atomic.Int64
	main := rt.NewThread("MainThread")
	g2Must(t, "main Attach", main.Attach())
	sh := g2Shared{l: main.NewList(nil), d: main.NewDict()}
	g2Must(t, "main Detach", main.Detach())

	workers := make([]g2Worker, len(p))
	var attached atomic.Int32
	var wg sync.WaitGroup
	for i, ops := range p {
		th := rt.NewThread(fmt.Sprintf("Thread-%d", i+1))
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &workers[i]
			if err := th.Attach(); err != nil {
				w.errs = append(w.errs, fmt.Sprintf("thread %d: Attach: %v", i, err))
				attached.Add(1) // do not hold the others up
				return
			}
			for attached.Add(1); attached.Load() < int32(len(p)); {
				if err := th.SafePoint(); err != nil {
					w.errs = append(w.errs, fmt.Sprintf("thread %d: safe point at the barrier: %v", i, err))
					break
				}
				runtime.Gosched()
			}
			w.run(th, i, ops, sh, &clock)
			if err := th.Detach(); err != nil {
				w.errs = append(w.errs, fmt.Sprintf("thread %d: Detach: %v", i, err))
			}
			if err := th.Close(); err != nil {
				w.errs = append(w.errs, fmt.Sprintf("thread %d: Close: %v", i, err))
			}
		}()
	}
	wg.Wait()

	c := &g2Case{}
	for i := range workers {
		c.add(&workers[i])
	}
	c.overlapped = g2Overlap(c.history)
	g2Must(t, "main Attach", main.Attach())
	c.add(g2Final(main, len(p), g2Appends(p), sh, &clock))
	main.Decref(sh.l)
	main.Decref(sh.d)
	g2Must(t, "main Detach", main.Detach())
	g2Must(t, "main Close", main.Close())
	g2MustClose(t, rt)
	return c
}

// g2Check has porcupine check c's history, and fails t with the errors
// the threads met, or with the history if it is not linearizable: the
// history goes to a text file and porcupine's HTML visualization of it
// to another, both under dir, and the message says where. A
// deterministic run's history is in the message too; a real run's is
// logged instead, since the same program interleaves differently from
// run to run and rapid shrinks only while the failure message stays the
// same.
func g2Check(t *rapid.T, what, dir string, p g2Program, c *g2Case) {
	t.Helper()
	if len(c.errs) > 0 {
		t.Fatalf("%s: operations failed:\n  %s\nexpected: every operation returns a result (IndexError and KeyError count as results)\nprogram:\n%v",
			what, strings.Join(c.errs, "\n  "), p)
	}
	res, info := porcupine.CheckOperationsVerbose(g2Model, c.history, g2CheckTimeout)
	switch res {
	case porcupine.Ok:
		return
	case porcupine.Unknown:
		t.Logf("%s: porcupine gave up after %v: inconclusive, not counted as a failure\nhistory:\n%s", what, g2CheckTimeout, g2FormatHistory(c.history))
		return
	}
	history := fmt.Sprintf("history (time call..return, thread, operation -> result; thread %d is the main thread's final reads):\n%s", len(p), g2FormatHistory(c.history))
	where := "(not written: %v)"
	txt, html, err := g2WriteFailure(info, dir, fmt.Sprintf("%s\nprogram:\n%v%s", what, p, history))
	if err != nil {
		where = fmt.Sprintf(where, err)
	} else {
		where = fmt.Sprintf("%s, drawn by porcupine in %s", txt, html)
	}
	msg := fmt.Sprintf("%s: the history is not linearizable (porcupine: %s)\n"+
		"expected: some order of the operations, each placed between its call and its return, that a Python list and dict produce sequentially\n"+
		"program:\n%v", what, res, p)
	if c.schedule == "" {
		t.Logf("%s", history)
		t.Fatalf("%shistory: logged by the run below (if it fails again); the last failing run's is in %s", msg, where)
	}
	t.Fatalf("%s%sschedule: %s\nhistory and visualization: %s", msg, history, c.schedule, where)
}

// g2WriteFailure writes history (text) and porcupine's visualization of
// info into dir, which it creates, and returns the two files' paths. The
// names are fixed for the process: each failing run of a shrink
// overwrites them, so what is left is the last one rapid ran, its
// smallest counterexample.
func g2WriteFailure(info porcupine.LinearizationInfo, dir, history string) (txt, html string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	base := filepath.Join(dir, fmt.Sprintf("%s-%d-linearizability", filepath.Base(dir), os.Getpid()))
	txt, html = base+".txt", base+".html"
	if err := os.WriteFile(txt, []byte(history), 0o644); err != nil {
		return "", "", err
	}
	if err := porcupine.VisualizePath(g2Model, info, html); err != nil {
		return "", "", err
	}
	return txt, html, nil
}

// g2FailDir is where rapid writes the fail files of the test called name
// (testdata/rapid/<name>, relative to the package directory, with the
// name made safe as rapid makes it).
func g2FailDir(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteRune('_')
		}
	}
	return filepath.Join("testdata", "rapid", b.String())
}

// g2RealRuns is how many times each real-mode test case runs its
// program: a race shows in some runs and not others, so repeating finds
// more, and lets rapid's shrinker, which reruns smaller programs, see
// the failure again more often.
const g2RealRuns = 4

// TestG2Real checks G2 with real goroutines: under every policy, the
// histories of generated programs -- 2..4 threads released at once,
// appending to, popping from and measuring a shared list, storing,
// reading and measuring a shared dict -- are linearizable, and every
// reference balances (Runtime.Close finds nothing alive). Each case runs
// its program g2RealRuns times. The test also checks that some run had
// operations of different threads overlap. Run it with -race: the same
// runs check core's critical sections for data races.
func TestG2Real(t *testing.T) {
	for _, policy := range eml.Policies() {
		t.Run(policy.String(), func(t *testing.T) {
			dir := g2FailDir(t.Name())
			var runs, overlapped int
			rapid.Check(t, func(r *rapid.T) {
				p := g2DrawProgram(r)
				for range g2RealRuns {
					c := g2RunReal(r, policy, p)
					runs++
					if c.overlapped {
						overlapped++
					}
					g2Check(r, fmt.Sprintf("policy %v, real goroutines", policy), dir, p, c)
				}
			})
			if t.Failed() {
				return
			}
			t.Logf("%d of %d runs had operations of different threads overlap", overlapped, runs)
			if overlapped == 0 {
				t.Errorf("policy %v: no run of %d had operations of different threads overlap; want at least one: the threads never ran concurrently, so G2 held vacuously", policy, runs)
			}
		})
	}
}

// TestG2Deterministic checks G2 under deterministic schedules that rapid
// draws: under every policy, the histories of generated programs, each
// run under g2Schedules schedules, are linearizable in every schedule,
// every run ends (no deadlock), and every reference balances. It also
// checks that the schedules did interleave the threads: some run
// preempted a thread (Scheduler.Counts) and some history has operations
// of different threads overlapping -- otherwise the property would hold
// vacuously.
func TestG2Deterministic(t *testing.T) {
	for _, policy := range eml.Policies() {
		t.Run(policy.String(), func(t *testing.T) {
			dir := g2FailDir(t.Name())
			var runs, preempted, overlapped int
			rapid.Check(t, func(r *rapid.T) {
				p := g2DrawProgram(r)
				for i := range g2Schedules {
					c, preemptions := g2RunScheduled(r, policy, p)
					runs++
					if preemptions > 0 {
						preempted++
					}
					if c.overlapped {
						overlapped++
					}
					g2Check(r, fmt.Sprintf("policy %v, deterministic schedule %d of the case", policy, i+1), dir, p, c)
				}
			})
			if t.Failed() {
				return
			}
			t.Logf("%d of %d runs preempted a thread, %d had operations of different threads overlap", preempted, runs, overlapped)
			if preempted == 0 || overlapped == 0 {
				t.Errorf("policy %v: %d runs with a preemption and %d with overlapping operations, of %d; want at least one of each: the schedules never interleaved the threads, so G2 held vacuously",
					policy, preempted, overlapped, runs)
			}
		})
	}
}

// g2H builds a hand-made history operation.
func g2H(client int, call, ret int64, op g2Op, out g2Out) porcupine.Operation {
	return porcupine.Operation{ClientId: client, Input: op, Call: call, Output: out, Return: ret}
}

// TestG2ModelRejects is the negative control of the G2 checker: on
// hand-built histories the model and porcupine answer Illegal where no
// list or dict could have produced the results (pops out of order, a
// lost store, a wrong length), and Ok where a concurrent order explains
// them -- so the property tests can fail. For each Illegal history the
// visualization a failure would write is written too.
func TestG2ModelRejects(t *testing.T) {
	app := func(v int64) g2Op { return g2Op{Kind: g2Append, Value: v} }
	pop := g2Op{Kind: g2Pop}
	llen := g2Op{Kind: g2ListLen}
	set := func(k int, v int64) g2Op { return g2Op{Kind: g2Set, Key: k, Value: v} }
	get := func(k int) g2Op { return g2Op{Kind: g2Get, Key: k} }
	dlen := g2Op{Kind: g2DictLen}
	val := func(v int64) g2Out { return g2Out{Value: v} }
	n := func(n int) g2Out { return g2Out{N: n} }
	missing := g2Out{Missing: true}
	none := g2Out{}

	tests := []struct {
		name    string
		history []porcupine.Operation
		want    porcupine.CheckResult
	}{
		{"sequential appends popped in append order (FIFO, not LIFO)", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none), g2H(0, 3, 4, app(2), none),
			g2H(1, 5, 6, pop, val(1)), g2H(1, 7, 8, pop, val(2)),
		}, porcupine.Illegal},
		{"sequential appends popped last first", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none), g2H(0, 3, 4, app(2), none),
			g2H(1, 5, 6, pop, val(2)), g2H(1, 7, 8, pop, val(1)),
		}, porcupine.Ok},
		{"overlapping appends popped in either order", []porcupine.Operation{
			g2H(0, 1, 4, app(1), none), g2H(1, 2, 3, app(2), none),
			g2H(1, 5, 6, pop, val(1)), g2H(0, 7, 8, pop, val(2)),
		}, porcupine.Ok},
		{"one item popped twice", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none),
			g2H(0, 3, 6, pop, val(1)), g2H(1, 4, 5, pop, val(1)),
		}, porcupine.Illegal},
		{"pop of a value never appended", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none), g2H(1, 3, 4, pop, val(7)),
		}, porcupine.Illegal},
		{"IndexError after a completed append", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none), g2H(1, 3, 4, pop, missing),
		}, porcupine.Illegal},
		{"IndexError during an overlapping append", []porcupine.Operation{
			g2H(0, 1, 4, app(1), none), g2H(1, 2, 3, pop, missing), g2H(1, 5, 6, llen, n(1)),
		}, porcupine.Ok},
		{"len(L) missing a completed append", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none), g2H(0, 3, 4, app(2), none), g2H(1, 5, 6, llen, n(1)),
		}, porcupine.Illegal},
		{"lost update: a read after two stores sees the first", []porcupine.Operation{
			g2H(0, 1, 2, set(0, 1), none), g2H(1, 3, 4, set(0, 2), none), g2H(0, 5, 6, get(0), val(1)),
		}, porcupine.Illegal},
		{"a read during a store sees the old value", []porcupine.Operation{
			g2H(0, 1, 2, set(0, 1), none), g2H(1, 3, 6, set(0, 2), none), g2H(0, 4, 5, get(0), val(1)),
		}, porcupine.Ok},
		{"KeyError after a completed store", []porcupine.Operation{
			g2H(0, 1, 2, set(2, 5), none), g2H(1, 3, 4, get(2), missing),
		}, porcupine.Illegal},
		{"a key counted twice by len(d)", []porcupine.Operation{
			g2H(0, 1, 2, set(1, 1), none), g2H(1, 3, 4, set(1, 2), none), g2H(0, 5, 6, dlen, n(2)),
		}, porcupine.Illegal},
		{"a legal list part does not hide an illegal dict part", []porcupine.Operation{
			g2H(0, 1, 2, app(1), none), g2H(1, 3, 4, pop, val(1)),
			g2H(0, 5, 6, get(0), val(3)),
		}, porcupine.Illegal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, info := porcupine.CheckOperationsVerbose(g2Model, tc.history, g2CheckTimeout)
			if got != tc.want {
				t.Fatalf("porcupine says %s, want %s, for the history:\n%s", got, tc.want, g2FormatHistory(tc.history))
			}
			if got == porcupine.Illegal {
				txt, html, err := g2WriteFailure(info, t.TempDir(), g2FormatHistory(tc.history))
				if err != nil {
					t.Fatalf("writing the failure files: %v; want a text and an HTML file", err)
				}
				for _, path := range []string{txt, html} {
					if st, err := os.Stat(path); err != nil || st.Size() == 0 {
						t.Fatalf("%s: %v (size %d); want a non-empty file", path, err, g2Size(st))
					}
				}
			}
		})
	}
}

func g2Size(st os.FileInfo) int64 {
	if st == nil {
		return 0
	}
	return st.Size()
}
