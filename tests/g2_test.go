package tests

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
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
	"github.com/rwgil/rwgil/schedule"
)

// G2 (docs/design.md): the operations Python's FAQ calls atomic are
// linearizable under every policy. The tests below run generated
// programs of 2..4 threads, each doing 1..8 operations on a list and a
// dict shared with the main thread, record every operation's call and
// return on a logical clock, and have porcupine decide whether some
// sequential order of the operations, consistent with that clock, is one
// a Python list and dict could have produced.
//
// Each operation's interval [call, return] encloses, before and after
// the operation itself, a safe point and a switch point (Thread.SafePoint,
// Thread.Yield): there the thread may be switched away -- the GIL handed
// over, the processor yielded, or under a deterministic schedule another
// thread chosen -- so intervals of different threads overlap and
// porcupine has real choices to make. Between two safe points the
// operations themselves have no switch point of their own but their
// critical sections' waits. After the workers end, the main thread pops
// the list empty and reads every key, so the final contents are checked
// too.

// g2Kind is one of the built-in operations G2 covers.
type g2Kind uint8

const (
	g2Append  g2Kind = iota // L.append(x)
	g2Pop                   // x = L.pop()
	g2ListLen               // len(L)
	g2Set                   // d[k] = v
	g2Get                   // v = d[k]
	g2DictLen               // len(d)
)

// g2Kinds lists the kinds in the order rapid draws (and shrinks toward).
var g2Kinds = []g2Kind{g2Append, g2Pop, g2ListLen, g2Set, g2Get, g2DictLen}

// g2Keys is the size of the dict's key space, 0..g2Keys-1: small, so
// that threads collide on keys.
const g2Keys = 3

// g2FirstValue is the first value the program stores; every append and
// store gets its own. Above 256 ints are not the immortal small ints, so
// the values are counted objects whose references must balance.
const g2FirstValue = 1000

// g2Op is one operation: porcupine's Input.
type g2Op struct {
	Kind  g2Kind
	Key   int   // g2Set, g2Get
	Value int64 // g2Append, g2Set
}

func (k g2Kind) onList() bool { return k <= g2ListLen }

func (op g2Op) String() string {
	switch op.Kind {
	case g2Append:
		return fmt.Sprintf("L.append(%d)", op.Value)
	case g2Pop:
		return "L.pop()"
	case g2ListLen:
		return "len(L)"
	case g2Set:
		return fmt.Sprintf("d[%d] = %d", op.Key, op.Value)
	case g2Get:
		return fmt.Sprintf("d[%d]", op.Key)
	case g2DictLen:
		return "len(d)"
	}
	return fmt.Sprintf("g2Kind(%d)", op.Kind)
}

// GoString is how rapid's log shows a drawn operation: the values are
// numbered after the draw, so a drawn one shows none.
func (op g2Op) GoString() string {
	if op.Value == 0 {
		switch op.Kind {
		case g2Append:
			return "L.append(x)"
		case g2Set:
			return fmt.Sprintf("d[%d] = v", op.Key)
		}
	}
	return op.String()
}

// g2Out is an operation's result: porcupine's Output.
type g2Out struct {
	Value int64 // g2Pop, g2Get
	// Missing: L.pop() raised IndexError (the list was empty), d[k]
	// raised KeyError (k was absent).
	Missing bool
	N       int // g2ListLen, g2DictLen
}

// describe renders op with its result out, as porcupine's visualization
// and the failure messages show it.
func (op g2Op) describe(out g2Out) string {
	switch op.Kind {
	case g2Pop:
		if out.Missing {
			return "L.pop() -> IndexError"
		}
		return fmt.Sprintf("L.pop() -> %d", out.Value)
	case g2Get:
		if out.Missing {
			return fmt.Sprintf("d[%d] -> KeyError", op.Key)
		}
		return fmt.Sprintf("d[%d] -> %d", op.Key, out.Value)
	case g2ListLen, g2DictLen:
		return fmt.Sprintf("%v -> %d", op, out.N)
	}
	return op.String()
}

// g2State is the model's state: the list's items and the dict's value by
// key (0: absent; stored values are never 0).
type g2State struct {
	list []int64
	dict [g2Keys]int64
}

func (s g2State) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "L=%v d={", s.list)
	sep := ""
	for k, v := range s.dict {
		if v != 0 {
			fmt.Fprintf(&b, "%s%d: %d", sep, k, v)
			sep = ", "
		}
	}
	b.WriteString("}")
	return b.String()
}

// g2Step is the sequential specification of a Python list and dict.
func g2Step(state, input, output any) (bool, any) {
	s, op, out := state.(g2State), input.(g2Op), output.(g2Out)
	switch op.Kind {
	case g2Append:
		// Clip: the new state must not share a backing array that a
		// later append could write into.
		return true, g2State{list: append(slices.Clip(s.list), op.Value), dict: s.dict}
	case g2Pop:
		n := len(s.list)
		if n == 0 {
			return out.Missing, s
		}
		return !out.Missing && out.Value == s.list[n-1], g2State{list: s.list[:n-1], dict: s.dict}
	case g2ListLen:
		return out.N == len(s.list), s
	case g2Set:
		next := s
		next.dict[op.Key] = op.Value
		return true, next
	case g2Get:
		v := s.dict[op.Key]
		if v == 0 {
			return out.Missing, s
		}
		return !out.Missing && out.Value == v, s
	case g2DictLen:
		n := 0
		for _, v := range s.dict {
			if v != 0 {
				n++
			}
		}
		return out.N == n, s
	}
	return false, s
}

// g2Model is porcupine's model of the shared list and dict. Operations on
// different objects commute, and linearizability is local (Herlihy and
// Wing): the history is linearizable iff its list part and its dict part
// are, so the checker takes them apart.
var g2Model = porcupine.Model{
	Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
		var list, dict []porcupine.Operation
		for _, o := range history {
			if o.Input.(g2Op).Kind.onList() {
				list = append(list, o)
			} else {
				dict = append(dict, o)
			}
		}
		var parts [][]porcupine.Operation
		for _, p := range [][]porcupine.Operation{list, dict} {
			if len(p) > 0 {
				parts = append(parts, p)
			}
		}
		return parts
	},
	Init: func() any { return g2State{} },
	Step: g2Step,
	Equal: func(a, b any) bool {
		x, y := a.(g2State), b.(g2State)
		return x.dict == y.dict && slices.Equal(x.list, y.list)
	},
	DescribeOperation: func(input, output any) string { return input.(g2Op).describe(output.(g2Out)) },
	DescribeState:     func(state any) string { return state.(g2State).String() },
}

// g2CheckTimeout bounds porcupine's search. The histories hold at most 32
// worker operations and the final reads, which porcupine decides in
// milliseconds; a search that runs out of time answers Unknown, which the
// tests log and do not count as a failure (no wall-clock threshold
// decides a verdict).
const g2CheckTimeout = time.Minute

// g2Program is what one test case runs: each worker's operations.
type g2Program [][]g2Op

// g2DrawProgram draws 2..4 workers of 1..8 operations each, and numbers
// the stored values in program order, so that every value is distinct
// however rapid shrinks the program.
func g2DrawProgram(t *rapid.T) g2Program {
	opGen := rapid.Custom(func(t *rapid.T) g2Op {
		op := g2Op{Kind: rapid.SampledFrom(g2Kinds).Draw(t, "kind")}
		if op.Kind == g2Set || op.Kind == g2Get {
			op.Key = rapid.IntRange(0, g2Keys-1).Draw(t, "key")
		}
		return op
	})
	p := g2Program(rapid.SliceOfN(rapid.SliceOfN(opGen, 1, 8), 2, 4).Draw(t, "threads"))
	next := int64(g2FirstValue)
	for _, ops := range p {
		for i := range ops {
			if k := ops[i].Kind; k == g2Append || k == g2Set {
				ops[i].Value = next
				next++
			}
		}
	}
	return p
}

func (p g2Program) String() string {
	var b strings.Builder
	for i, ops := range p {
		fmt.Fprintf(&b, "thread %d: %v\n", i, ops)
	}
	return b.String()
}

// g2Shared is the list and dict the threads share.
type g2Shared struct {
	l *core.List
	d *core.Dict
}

// g2Worker is what one thread recorded: its operations, with call and
// return times, and the errors that were not results (anything but the
// IndexError of an empty pop and the KeyError of an absent key).
type g2Worker struct {
	history []porcupine.Operation
	errs    []string
}

// run does ops on th (attached), as client, stamping each operation's
// call and return on clock. Inside every operation's interval, before
// and after the operation itself, come a safe point (where a GIL holder
// may hand the GIL over) and a switch point (Thread.Yield: another
// thread may run; with real goroutines it is runtime.Gosched), so that
// other threads can run while the operation is pending.
func (w *g2Worker) run(th *core.Thread, client int, ops []g2Op, sh g2Shared, clock *atomic.Int64) {
	pause := func(where string, op g2Op) {
		if err := th.SafePoint(); err != nil {
			w.errs = append(w.errs, fmt.Sprintf("thread %d: safe point %s %v: %v", client, where, op, err))
		}
		th.Yield()
	}
	for _, op := range ops {
		call := clock.Add(1)
		pause("before", op)
		out, err := sh.apply(th, op)
		pause("after", op)
		ret := clock.Add(1)
		if err != nil {
			w.errs = append(w.errs, fmt.Sprintf("thread %d: %v raised %v; want a result", client, op, err))
			th.Discard(err)
			continue
		}
		w.history = append(w.history, porcupine.Operation{ClientId: client, Input: op, Call: call, Output: out, Return: ret})
	}
}

// apply does op through the public API of core, on th (attached), and
// drops every reference it made or received.
func (sh g2Shared) apply(th *core.Thread, op g2Op) (g2Out, error) {
	switch op.Kind {
	case g2Append:
		x := th.NewInt(op.Value)
		th.ListAppend(sh.l, x)
		th.Decref(x)
		return g2Out{}, nil
	case g2Pop:
		x, err := th.ListPop(sh.l, -1)
		if core.IsExceptionNamed(err, "IndexError") {
			th.Discard(err)
			return g2Out{Missing: true}, nil
		} else if err != nil {
			return g2Out{}, err
		}
		v, err := g2IntValue(x)
		th.XDecref(x)
		return g2Out{Value: v}, err
	case g2ListLen:
		n, err := th.Len(sh.l)
		return g2Out{N: n}, err
	case g2Set:
		k, v := th.NewInt(int64(op.Key)), th.NewInt(op.Value)
		err := th.SetItem(sh.d, k, v)
		th.Decref(k)
		th.Decref(v)
		return g2Out{}, err
	case g2Get:
		k := th.NewInt(int64(op.Key))
		x, err := th.GetItem(sh.d, k)
		th.Decref(k)
		if core.IsExceptionNamed(err, "KeyError") {
			th.Discard(err)
			return g2Out{Missing: true}, nil
		} else if err != nil {
			return g2Out{}, err
		}
		v, err := g2IntValue(x)
		th.XDecref(x)
		return g2Out{Value: v}, err
	case g2DictLen:
		n, err := th.Len(sh.d)
		return g2Out{N: n}, err
	}
	return g2Out{}, fmt.Errorf("unknown operation %v", op)
}

func g2IntValue(o core.Object) (int64, error) {
	if o == nil {
		return 0, errors.New("got no object and no exception")
	}
	if i, ok := o.(*core.Int); ok {
		if v, ok := i.Int64(); ok {
			return v, nil
		}
	}
	return 0, fmt.Errorf("got a %s, want one of the ints the program stored", o.Type().Name())
}

// g2Final is the main thread's reads once every worker has ended: it pops
// the list empty (dropping the items), then reads every key and len(d).
// They are operations of client len(p), after all the others.
func g2Final(th *core.Thread, client, maxPops int, sh g2Shared, clock *atomic.Int64) *g2Worker {
	var ops []g2Op
	for range maxPops + 1 {
		ops = append(ops, g2Op{Kind: g2Pop})
	}
	for k := range g2Keys {
		ops = append(ops, g2Op{Kind: g2Get, Key: k})
	}
	ops = append(ops, g2Op{Kind: g2DictLen})
	w := &g2Worker{}
	w.run(th, client, ops, sh, clock)
	return w
}

// g2Case is what one run of a program recorded.
type g2Case struct {
	history []porcupine.Operation
	errs    []string
	// overlapped: some two operations of different threads had
	// overlapping intervals.
	overlapped bool
	// schedule describes a deterministic run's schedule, for failures.
	schedule string
}

func (c *g2Case) add(w *g2Worker) {
	c.history = append(c.history, w.history...)
	c.errs = append(c.errs, w.errs...)
}

// g2Overlap reports whether two operations of different threads have
// overlapping intervals in h.
func g2Overlap(h []porcupine.Operation) bool {
	for i, a := range h {
		for _, b := range h[i+1:] {
			if a.ClientId != b.ClientId && a.Call < b.Return && b.Call < a.Return {
				return true
			}
		}
	}
	return false
}

// g2Appends counts the appends in p: the most items the list can hold.
func g2Appends(p g2Program) int {
	n := 0
	for _, ops := range p {
		for _, op := range ops {
			if op.Kind == g2Append {
				n++
			}
		}
	}
	return n
}

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

// g2RunScheduled runs p under a deterministic schedule drawn from t. The
// main thread (an outside task of the Scheduler) makes the list and
// dict, starts the workers through the runtime, and waits detached; the
// workers run one at a time, switching where the Scheduler's choices
// say. It also returns the Scheduler's count of preemptions.
func g2RunScheduled(t *rapid.T, policy eml.Policy, p g2Program) (*g2Case, int) {
	s := schedule.New(schedule.Rapid(t), schedule.Options{})
	rt, err := core.NewRuntime(core.Config{Policy: policy, Scheduler: s})
	if err != nil {
		t.Fatalf("core.NewRuntime(policy %v, deterministic): %v", policy, err)
	}
	var clock atomic.Int64
	main := rt.NewThread("MainThread")
	g2Must(t, "main Attach", main.Attach())
	sh := g2Shared{l: main.NewList(nil), d: main.NewDict()}

	workers := make([]g2Worker, len(p))
	for i, ops := range p {
		g2Must(t, "Go", rt.Go(func() {
			// An abort of the run unwinds from any scheduling point in
			// here: nothing is deferred, the runtime is left as it is.
			th := rt.Ensure(nil)
			w := &workers[i]
			if err := th.Err(); err != nil {
				w.errs = append(w.errs, fmt.Sprintf("thread %d: Ensure: %v", i, err))
				return
			}
			w.run(th, i, ops, sh, &clock)
			if err := th.Release(); err != nil {
				w.errs = append(w.errs, fmt.Sprintf("thread %d: Release: %v", i, err))
			}
		}))
	}
	g2Must(t, "main Detach", main.Detach())
	rt.WaitThreads()
	// As schedule.RunProgram does: rapid ends a test case by panicking
	// inside a draw, which the Scheduler caught on a worker's goroutine.
	if cp := s.ChooserPanic(); cp != nil {
		panic(cp)
	}
	steps, preemptions := s.Counts()
	sched := fmt.Sprintf("%d scheduling points, %d preemptions; choices (schedule.Replay): %v", steps, preemptions, s.Choices())
	if err := s.Err(); err != nil {
		t.Fatalf("policy %v, deterministic: the run was given up: %v\nexpected: every worker ends (no deadlock)\nprogram:\n%vschedule: %s", policy, err, p, sched)
	}
	c := &g2Case{schedule: sched}
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
	return c, preemptions
}

func g2Must(t *rapid.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v; want no error", what, err)
	}
}

// g2MustClose closes rt and fails on what Close reports: objects still
// alive (references that do not balance) or refcount misuse.
func g2MustClose(t *rapid.T, rt *core.Runtime) {
	t.Helper()
	if err := rt.Close(); err != nil {
		t.Fatalf("Runtime.Close: %v\nexpected: no object left alive and no refcount misuse once the list and dict are dropped", err)
	}
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

// g2FormatHistory lists a history by call time.
func g2FormatHistory(h []porcupine.Operation) string {
	h = slices.Clone(h)
	sort.SliceStable(h, func(i, j int) bool { return h[i].Call < h[j].Call })
	var b strings.Builder
	for _, o := range h {
		fmt.Fprintf(&b, "  %3d..%-3d thread %d: %s\n", o.Call, o.Return, o.ClientId, o.Input.(g2Op).describe(o.Output.(g2Out)))
	}
	return b.String()
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

// g2Schedules is how many schedules each deterministic test case runs
// its program under. The operations are few and can switch only at the
// safe and switch points around them, so a single schedule rapid draws
// makes operations of different threads overlap in only about one run
// in four (under gil, where the GIL changes hands only at safe points,
// one in five or six). Eight schedules a program search more schedules
// and make an interleaving-free run of the property practically
// impossible, for a few milliseconds a case.
const g2Schedules = 8

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
