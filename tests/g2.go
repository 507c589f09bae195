package tests

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/anishathalye/porcupine"
	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// G2 (docs/design.md): the operations Python's FAQ calls atomic are
// linearizable under every policy. The tests (g2_test.go) and the
// catalogue run generated
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

// g2Schedules is how many schedules each deterministic test case runs
// its program under. The operations are few and can switch only at the
// safe and switch points around them, so a single schedule rapid draws
// makes operations of different threads overlap in only about one run
// in four (under gil, where the GIL changes hands only at safe points,
// one in five or six). Eight schedules a program search more schedules
// and make an interleaving-free run of the property practically
// impossible, for a few milliseconds a case.
const g2Schedules = 8
