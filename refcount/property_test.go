package refcount_test

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/refcount"
)

// The exactly-once property runs a generated program per thread, on real
// goroutines. A thread holds references (object ids); each op uses one of
// them (incref, decref, give to another thread's inbox), takes in what
// others gave it (recv) or drops it at once (consume), reaches a safe point
// (merge), yields, or tries to take a reference it does not hold (try). A
// thread may exit early: it gives away what it holds and calls ThreadExit.
// The threads that survive keep what they hold. After the join, the main
// thread drops a generated share of the leftover references (as a
// non-owner of every object), then finishes each survivor with MergeQueued
// or ThreadExit on its behalf. Because every reference is held by exactly
// one thread at a time, the references left at the end are known exactly,
// whatever the interleaving was.
//
// Under the biased strategy a reference handed over is usually one that
// the giver's local count holds; the receiver dropping it (decref, or
// consume) queues the object to its owner when the shared count is zero.

type opKind uint8

const (
	opIncref opKind = iota
	opDecref
	opGive
	opRecv
	opMerge
	opYield
	opTry
	opConsume
)

var opNames = [...]string{"incref", "decref", "give", "recv", "merge", "yield", "try", "consume"}

func (k opKind) String() string { return opNames[k] }

// opMix weights the ops: hand-overs and decrements drive the queue.
var opMix = []opKind{
	opGive, opGive, opGive, opIncref, opIncref, opIncref, opDecref, opDecref,
	opRecv, opRecv, opConsume, opMerge, opMerge, opMerge, opYield, opTry,
}

type op struct {
	Kind opKind
	Pick int // which held reference; for try, which object
	To   int // for give, the receiving thread
}

func (o op) String() string {
	if o.Kind == opGive {
		return fmt.Sprintf("give#%d->t%d", o.Pick, o.To)
	}
	return fmt.Sprintf("%s#%d", o.Kind, o.Pick)
}

type threadProg struct {
	Ops []op
	// ExitAt < 0: the thread survives its whole program. Otherwise it runs
	// Ops[:ExitAt], gives its references away and calls ThreadExit.
	ExitAt int
	// FinalExit: for a survivor, the main thread finishes it with
	// ThreadExit rather than MergeQueued.
	FinalExit bool
}

type program struct {
	Threads []threadProg
	Owners  []int // Owners[i]: the thread that creates object i
	Keep    int   // percentage of leftover references the main thread keeps
}

func genProgram(t *rapid.T) program {
	n := rapid.IntRange(1, 6).Draw(t, "threads")
	objects := rapid.IntRange(1, 12).Draw(t, "objects")
	p := program{
		Owners: rapid.SliceOfN(rapid.IntRange(0, n-1), objects, objects).Draw(t, "owners"),
	}
	opGen := rapid.Custom(func(t *rapid.T) op {
		return op{
			Kind: rapid.SampledFrom(opMix).Draw(t, "kind"),
			Pick: rapid.IntRange(0, 15).Draw(t, "pick"),
			To:   rapid.IntRange(0, n-1).Draw(t, "to"),
		}
	})
	for i := range n {
		length := rapid.IntRange(10, 150).Draw(t, fmt.Sprintf("length%d", i))
		th := threadProg{Ops: rapid.SliceOfN(opGen, length, length).Draw(t, fmt.Sprintf("ops%d", i)), ExitAt: -1}
		if rapid.Bool().Draw(t, fmt.Sprintf("exits%d", i)) {
			th.ExitAt = rapid.IntRange(0, len(th.Ops)).Draw(t, fmt.Sprintf("exitAt%d", i))
		} else {
			th.FinalExit = rapid.Bool().Draw(t, fmt.Sprintf("finalExit%d", i))
		}
		p.Threads = append(p.Threads, th)
	}
	p.Keep = rapid.IntRange(0, 100).Draw(t, "keep")
	return p
}

// gil serializes the threads for the plain strategy, as the GIL would; it
// is a no-op for the others.
type gil struct{ mu *sync.Mutex }

func (g gil) lock() {
	if g.mu != nil {
		g.mu.Lock()
	}
}

func (g gil) unlock() {
	if g.mu != nil {
		g.mu.Unlock()
	}
}

// runTotals accumulates evidence over a whole rapid run that the
// interleavings the property is about really happened.
type runTotals struct {
	cases, ops, overlapped int64
	atJoin, final          refcount.Stats
}

func (r *runTotals) add(atJoin, final refcount.Stats) {
	for _, p := range []struct{ sum, s *refcount.Stats }{{&r.atJoin, &atJoin}, {&r.final, &final}} {
		p.sum.Deallocations += p.s.Deallocations
		p.sum.Queued += p.s.Queued
		p.sum.QueuedMerges += p.s.QueuedMerges
		p.sum.ExitedMerges += p.s.ExitedMerges
		p.sum.ZeroMerges += p.s.ZeroMerges
		p.sum.Reports += p.s.Reports
	}
}

func drain(inbox chan int, held []int) []int {
	for {
		select {
		case id := <-inbox:
			held = append(held, id)
		default:
			return held
		}
	}
}

func runProgram(t *rapid.T, k refcount.Kind, p program, tot *runTotals) {
	s, reps := newStrategy(k)
	n := len(p.Threads)
	owners := make([]*refcount.Owner, n)
	for i := range owners {
		owners[i] = s.NewOwner(fmt.Sprintf("t%d", i))
	}
	// Objects of even id are counted as core counts them: through the
	// fast paths (refcount.LocalHolder, and refcount.SharedHolder for
	// another thread's objects), falling back on the strategy; those of
	// odd id through the strategy alone. Those of an id that 4
	// divides are also dropped as core drops an int: a last local
	// reference through DecrefLastLocal, and the test's own call of
	// Dealloc (the objects hold no items, so they are leaves).
	holders := make(map[*refcount.Owner]*refcount.Owner, n)
	shared := make(map[*refcount.Owner]*refcount.Owner, n)
	for _, o := range owners {
		holders[o] = refcount.LocalHolder(s, o)
		shared[o] = refcount.SharedHolder(s, o)
	}
	fastInit := k == refcount.Plain || k == refcount.Biased
	objs := make([]*obj, len(p.Owners))
	incref := func(id int, me *refcount.Owner) {
		if id%2 != 0 || !objs[id].RefCount().IncrefLocal(holders[me]) &&
			!objs[id].RefCount().IncrefShared(shared[me]) {
			s.Incref(objs[id], me)
		}
	}
	tryIncref := func(id int, me *refcount.Owner) bool {
		if id%2 == 0 {
			c := objs[id].RefCount()
			if c.IncrefLocal(holders[me]) {
				return true
			}
			if done, ok := c.TryIncrefShared(shared[me]); done {
				return ok
			}
		}
		return s.TryIncref(objs[id], me)
	}
	decref := func(id int, me *refcount.Owner) {
		switch {
		case id%2 == 0 && objs[id].RefCount().DecrefLocal(holders[me]):
		case id%2 == 0 && objs[id].RefCount().DecrefShared(shared[me]):
		case id%4 == 0 && objs[id].RefCount().DecrefLastLocal(holders[me], me):
			objs[id].Dealloc(me)
		default:
			s.Decref(objs[id], me)
		}
	}
	initial := make([][]int, n)
	for id, th := range p.Owners {
		objs[id] = newObj(s, objName(id))
		if id%2 == 0 && fastInit {
			objs[id].RefCount().InitLocal(holders[owners[th]])
		} else {
			s.Init(objs[id], owners[th])
		}
		initial[th] = append(initial[th], id)
	}
	capacity := len(objs) + 1
	for _, th := range p.Threads {
		capacity += len(th.Ops)
	}
	inbox := make([]chan int, n)
	for i := range inbox {
		inbox[i] = make(chan int, capacity) // never full: sends do not block
	}
	g := gil{}
	if k == refcount.Plain {
		g.mu = new(sync.Mutex)
	}

	var (
		ready, done      sync.WaitGroup
		start            = make(chan struct{})
		inOp             atomic.Int32
		overlapped, nops atomic.Int64
		revivedMu        sync.Mutex
		revived          []string
		kept             = make([][]int, n)
		measureOverlap   = freeThreaded(k)
	)
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			me, th := owners[i], p.Threads[i]
			held := initial[i]
			ready.Done()
			<-start
			g.lock()
			defer g.unlock()
			ops := th.Ops
			if th.ExitAt >= 0 {
				ops = ops[:th.ExitAt]
			}
			for _, op := range ops {
				// A yield is not an op: another thread running while this
				// one yields is no evidence of overlap.
				measure := measureOverlap && op.Kind != opYield
				if measure && inOp.Add(1) > 1 {
					overlapped.Add(1)
				}
				switch op.Kind {
				case opIncref:
					if len(held) > 0 {
						id := held[op.Pick%len(held)]
						incref(id, me)
						held = append(held, id)
					}
				case opDecref:
					if len(held) > 0 {
						j := op.Pick % len(held)
						id := held[j]
						held = slices.Delete(held, j, j+1)
						decref(id, me)
					}
				case opGive:
					if len(held) > 0 {
						j := op.Pick % len(held)
						id := held[j]
						held = slices.Delete(held, j, j+1)
						inbox[op.To] <- id
					}
				case opRecv:
					held = drain(inbox[i], held)
				case opConsume:
					// A consumer: drop at once what others handed over.
					for _, id := range drain(inbox[i], nil) {
						decref(id, me)
					}
				case opMerge:
					s.MergeQueued(me)
				case opYield:
					g.unlock()
					runtime.Gosched()
					g.lock()
				case opTry:
					id := op.Pick % len(objs)
					if tryIncref(id, me) {
						if objs[id].deallocs.Load() != 0 {
							revivedMu.Lock()
							revived = append(revived, fmt.Sprintf("t%d revived %s", i, objName(id)))
							revivedMu.Unlock()
						}
						held = append(held, id)
					}
				}
				if measure {
					inOp.Add(-1)
				}
				nops.Add(1)
			}
			held = drain(inbox[i], held)
			if th.ExitAt >= 0 {
				for j, id := range held {
					inbox[(i+1+j)%n] <- id
				}
				s.ThreadExit(me)
				return
			}
			kept[i] = held
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	atJoin := s.Stats()

	// The main thread's turn: drop part of what is left, then finish the
	// survivors on their behalf (the join orders their last writes first).
	var left []int
	for i := range n {
		left = append(left, kept[i]...)
		left = drain(inbox[i], left)
	}
	slices.Sort(left)
	main := s.NewOwner("main")
	refs := make([]int64, len(objs))
	for j, id := range left {
		if (j*37+id*11)%100 < p.Keep {
			refs[id]++
			continue
		}
		s.Decref(objs[id], main)
	}
	for i, th := range p.Threads {
		switch {
		case th.ExitAt >= 0:
		case th.FinalExit:
			s.ThreadExit(owners[i])
		default:
			s.MergeQueued(owners[i])
		}
	}
	s.ThreadExit(main)

	if got := reps.all(); len(got) > 0 {
		t.Fatalf("reports: want none, got %d:\n%s", len(got), reps)
	}
	if len(revived) > 0 {
		t.Fatalf("TryIncref succeeded on deallocated objects: %v", revived)
	}
	for id, o := range objs {
		got := o.deallocs.Load()
		switch {
		case !counted(k):
			if got != 0 {
				t.Fatalf("%s: %v never deallocates: want 0 deallocations, got %d", objName(id), k, got)
			}
			want := int64(-1)
			if k == refcount.Immortal {
				want = refcount.ImmortalRefcnt
			}
			if rc := s.Refcnt(o); rc != want {
				t.Fatalf("%s: Refcnt: want %d, got %d", objName(id), want, rc)
			}
		case refs[id] == 0:
			if got != 1 || !s.Dead(o) {
				t.Fatalf("%s (owner t%d) lost its last reference: want 1 deallocation, got %d (dead %v, refcnt %d)",
					objName(id), p.Owners[id], got, s.Dead(o), s.Refcnt(o))
			}
		default:
			if got != 0 {
				t.Fatalf("%s (owner t%d) still has %d references: want 0 deallocations, got %d (by %s)",
					objName(id), p.Owners[id], refs[id], got, ownerOf(o))
			}
			if rc := s.Refcnt(o); rc != refs[id] {
				t.Fatalf("%s (owner t%d): Refcnt: want %d, got %d", objName(id), p.Owners[id], refs[id], rc)
			}
		}
	}
	tot.cases++
	tot.ops += nops.Load()
	tot.overlapped += overlapped.Load()
	tot.add(atJoin, s.Stats())
}

// TestPropertyExactlyOnce: whatever the program and the interleaving, every
// object that lost its last reference was deallocated exactly once, none
// that kept one was, the counts left are exact, and nothing was reported.
func TestPropertyExactlyOnce(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			var tot runTotals
			check := func() {
				rapid.Check(t, func(rt *rapid.T) {
					runProgram(rt, k, genProgram(rt), &tot)
				})
			}
			check()
			// Whether threads overlapped, or merges ran while they did,
			// depends on how the machine schedules them: while some piece
			// of evidence is missing, run more cases (each a full check of
			// the property) for up to evidenceBudget before failing.
			for deadline := time.Now().Add(evidenceBudget); !t.Failed() && len(missingEvidence(k, &tot)) > 0 && time.Now().Before(deadline); {
				check()
			}
			if t.Failed() {
				return
			}
			t.Logf("%d cases, %d ops, %d overlapped; during the run: %+v; in all: %+v",
				tot.cases, tot.ops, tot.overlapped, tot.atJoin, tot.final)
			for _, what := range missingEvidence(k, &tot) {
				mustHappen(t, what+fmt.Sprintf(" (%d cases over %v)", tot.cases, evidenceBudget), 0)
			}
		})
	}
}

// evidenceBudget is how long TestPropertyExactlyOnce keeps running cases
// in search of an interleaving it has not yet seen.
const evidenceBudget = 30 * time.Second

// missingEvidence names the interleavings that the totals show never
// happened, of those that the property under kind k depends on.
func missingEvidence(k refcount.Kind, tot *runTotals) []string {
	var want []struct {
		what string
		n    int64
	}
	add := func(what string, n int64) {
		want = append(want, struct {
			what string
			n    int64
		}{what, n})
	}
	if freeThreaded(k) && runtime.GOMAXPROCS(0) > 1 {
		add("ops overlapping another thread's op", tot.overlapped)
	}
	if k == refcount.Biased {
		add("objects queued while threads ran", int64(tot.atJoin.Queued))
		add("queued merges while threads ran", int64(tot.atJoin.QueuedMerges))
		add("exited-owner merges while threads ran", int64(tot.atJoin.ExitedMerges))
		add("zero merges while threads ran", int64(tot.atJoin.ZeroMerges))
		add("queued merges", int64(tot.final.QueuedMerges))
		add("exited-owner merges", int64(tot.final.ExitedMerges))
	}
	var missing []string
	for _, w := range want {
		if w.n == 0 {
			missing = append(missing, w.what)
		}
	}
	return missing
}

// TestPropertyTryIncref: readers holding no reference call TryIncref while
// the holders drop the last references. A reader never gets a reference to
// an object whose deallocation has begun, once it fails it keeps failing,
// nothing is reported, and the object is deallocated exactly once.
func TestPropertyTryIncref(t *testing.T) {
	for _, k := range []refcount.Kind{refcount.Atomic, refcount.Biased} {
		t.Run(k.String(), func(t *testing.T) {
			var readerDeallocs, failures, successes, cases int64
			var zeroMerges uint64
			rapid.Check(t, func(rt *rapid.T) {
				readers := rapid.IntRange(1, 4).Draw(rt, "readers")
				holders := rapid.IntRange(1, 3).Draw(rt, "holders")
				delays := rapid.SliceOfN(rapid.IntRange(0, 20), holders, holders).Draw(rt, "delays")
				tries := rapid.IntRange(1, 300).Draw(rt, "tries")
				ownerSafePoints := rapid.IntRange(0, 8).Draw(rt, "ownerSafePoints")
				ownerExits := rapid.Bool().Draw(rt, "ownerExits")

				s, reps := newStrategy(k)
				o := newObj(s, "shared")
				hs := make([]*refcount.Owner, holders)
				for i := range hs {
					hs[i] = s.NewOwner(fmt.Sprintf("holder%d", i))
				}
				rs := make([]*refcount.Owner, readers)
				for i := range rs {
					rs[i] = s.NewOwner(fmt.Sprintf("reader%d", i))
				}
				s.Init(o, hs[0])
				for range holders - 1 {
					s.Incref(o, hs[0]) // holder 0 owns o and hands one reference to each other holder
				}

				var (
					ready, done sync.WaitGroup
					start       = make(chan struct{})
					errMu       sync.Mutex
					errs        []string
					fail, succ  atomic.Int64
				)
				bad := func(format string, args ...any) {
					errMu.Lock()
					errs = append(errs, fmt.Sprintf(format, args...))
					errMu.Unlock()
				}
				// read is one TryIncref and, on success, its Decref. It
				// returns false once the object is found dead.
				read := func(me *refcount.Owner, j int) bool {
					if !s.TryIncref(o, me) {
						fail.Add(1)
						for range 3 {
							if s.TryIncref(o, me) {
								bad("%s: TryIncref succeeded after failing", me)
								s.Decref(o, me)
							}
						}
						return false
					}
					succ.Add(1)
					if n := o.deallocs.Load(); n != 0 {
						bad("%s: TryIncref succeeded on an object deallocated %d times", me, n)
					}
					if j%4 == 0 {
						runtime.Gosched()
					}
					s.Decref(o, me)
					return true
				}
				ready.Add(holders + readers)
				done.Add(holders + readers)
				for i, me := range hs {
					go func() {
						defer done.Done()
						ready.Done()
						<-start
						for range delays[i] {
							runtime.Gosched()
						}
						s.Decref(o, me)
						if i != 0 {
							return
						}
						// The owner goes on reaching safe points (and
						// reading, with no reference of its own).
						for j := range ownerSafePoints {
							s.MergeQueued(me)
							read(me, j)
							runtime.Gosched()
						}
						if ownerExits {
							s.ThreadExit(me)
						}
					}()
				}
				for _, me := range rs {
					go func() {
						defer done.Done()
						ready.Done()
						<-start
						for j := 0; j < tries && read(me, j); j++ {
						}
					}()
				}
				ready.Wait()
				close(start)
				done.Wait()
				if !ownerExits {
					s.ThreadExit(hs[0]) // on the owner's behalf, after the join
				}

				if len(errs) > 0 {
					rt.Fatalf("%d errors: %v", len(errs), errs)
				}
				if got := reps.all(); len(got) > 0 {
					rt.Fatalf("reports: want none, got %d:\n%s", len(got), reps)
				}
				if got := o.deallocs.Load(); got != 1 {
					rt.Fatalf("deallocations: want 1, got %d (dead %v, refcnt %d)", got, s.Dead(o), s.Refcnt(o))
				}
				for _, r := range rs {
					if o.lastBy.Load() == r {
						readerDeallocs++
					}
				}
				cases++
				failures += fail.Load()
				successes += succ.Load()
				zeroMerges += s.Stats().ZeroMerges
			})
			if t.Failed() {
				return
			}
			t.Logf("%d cases: %d successful and %d failed TryIncref, %d deallocated by a reader, %d zero merges",
				cases, successes, failures, readerDeallocs, zeroMerges)
			mustHappen(t, "a reader's TryIncref outliving every holder (deallocated by the reader)", readerDeallocs)
			mustHappen(t, "a TryIncref finding the object dead", failures)
			if k == refcount.Biased {
				mustHappen(t, "zero merges (owner's local count at zero while readers held shared references)", int64(zeroMerges))
			}
		})
	}
}

// mustHappen fails the test if an event that the property depends on never
// happened over the whole rapid run. With very few checks (-rapid.checks
// below 50) that is only logged: a short run may legitimately miss it.
func mustHappen(t *testing.T, what string, n int64) {
	t.Helper()
	if n > 0 {
		return
	}
	checks := 100
	if f := flag.Lookup("rapid.checks"); f != nil {
		if v, err := strconv.Atoi(f.Value.String()); err == nil {
			checks = v
		}
	}
	if checks < 50 {
		t.Logf("never happened in %d checks: %s", checks, what)
		return
	}
	t.Errorf("%s: want at least one over the run, got 0", what)
}
