package core

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// The native locking layer (sync.go) through its Go API, as an extension
// uses it. The concurrency tests run under free with real goroutines, and
// each shows that the threads really overlapped (a waiter found the
// primitive taken) before it trusts an exact result.

// raised reports the Python exception err holds as "Type: message", and
// drops it.
func raised(th *Thread, err error) string {
	if err == nil {
		return "no exception"
	}
	e, ok := err.(*Exception)
	if !ok {
		return "Go error: " + err.Error()
	}
	s := e.TypeName() + ": " + e.Message()
	th.Discard(err)
	return s
}

func TestSyncErrors(t *testing.T) {
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	l, r := th.NewLock(), th.NewRLock()
	cases := []struct {
		name string
		err  func() error
		want string
	}{
		{"release unlocked Lock", func() error { return l.Release(th) }, "RuntimeError: release unlocked lock"},
		{"non-blocking Lock with timeout", func() error { _, err := l.Acquire(th, false, time.Second); return err }, "ValueError: can't specify a timeout for a non-blocking call"},
		{"release un-acquired RLock", func() error { return r.Release(th) }, "RuntimeError: cannot release un-acquired lock"},
		{"wait without the lock", func() error { _, err := th.NewCondition(nil).Wait(th, 0); return err }, "RuntimeError: cannot wait on un-acquired lock"},
		{"notify without the lock", func() error { return th.NewCondition(l).Notify(th, 1) }, "RuntimeError: cannot notify on un-acquired lock"},
		{"negative semaphore", func() error { _, err := th.NewSemaphore(-1, false); return err }, "ValueError: semaphore initial value must be >= 0"},
		{"release 0", func() error { s, _ := th.NewSemaphore(0, false); return s.Release(th, 0) }, "ValueError: n must be one or more"},
		{"bounded over", func() error { s, _ := th.NewSemaphore(1, true); return s.Release(th, 1) }, "ValueError: Semaphore released too many times"},
		{"non-blocking semaphore with timeout", func() error { s, _ := th.NewSemaphore(1, false); _, err := s.Acquire(th, false, 0); return err }, "ValueError: can't specify timeout for non-blocking acquire"},
	}
	for _, c := range cases {
		if got := raised(th, c.err()); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSyncSingleThread(t *testing.T) {
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	l := th.NewLock()
	if !must(l.Acquire(th, true, Forever)) || !l.Locked() {
		t.Fatal("a free lock was not acquired")
	}
	if must(l.Acquire(th, false, Forever)) || must(l.Acquire(th, true, 0)) {
		t.Error("a held lock was acquired again")
	}
	if must(l.Acquire(th, true, time.Millisecond)) {
		t.Error("a held lock was acquired after a timeout")
	}
	mustOK(l.Release(th))

	r := th.NewRLock()
	for range 3 {
		if !must(r.Acquire(th, false, Forever)) {
			t.Fatal("the owner could not re-acquire its RLock")
		}
	}
	if r.Count() != 3 || !r.IsOwned(th) {
		t.Errorf("count %d owned %v, want 3 true", r.Count(), r.IsOwned(th))
	}
	for range 3 {
		mustOK(r.Release(th))
	}
	if r.Count() != 0 || r.IsOwned(th) {
		t.Errorf("after three releases: count %d owned %v", r.Count(), r.IsOwned(th))
	}

	// A Condition on an RLock held twice releases it entirely to wait and
	// restores the count after.
	c := th.NewCondition(r)
	must(r.Acquire(th, true, Forever))
	must(r.Acquire(th, true, Forever))
	if must(c.Wait(th, time.Millisecond)) {
		t.Error("a wait nobody notified reported a notification")
	}
	if r.Count() != 2 || c.Waiting() != 0 {
		t.Errorf("after a timed-out wait: count %d, %d waiters; want 2, 0", r.Count(), c.Waiting())
	}
	mustOK(c.Notify(th, 1)) // nobody waits: a no-op
	mustOK(r.Release(th))
	mustOK(r.Release(th))

	s := must(th.NewSemaphore(2, true))
	if !must(s.Acquire(th, true, Forever)) || !must(s.Acquire(th, false, Forever)) || must(s.Acquire(th, false, Forever)) {
		t.Error("a semaphore of 2 did not give exactly 2")
	}
	if must(s.Acquire(th, true, time.Millisecond)) {
		t.Error("an empty semaphore gave after a timeout")
	}
	mustOK(s.Release(th, 2))
	if s.Value() != 2 {
		t.Errorf("value %d, want 2", s.Value())
	}

	e := th.NewEvent()
	if must(e.Wait(th, time.Millisecond)) || e.IsSet() {
		t.Error("an event nobody set was set")
	}
	mustOK(e.Set(th))
	if !must(e.Wait(th, Forever)) {
		t.Error("a set event did not say so")
	}
	mustOK(e.Clear(th))
	if e.IsSet() {
		t.Error("a cleared event is set")
	}

	b := th.NewBarrier(1, nil, Forever)
	if i := must(b.Wait(th, Forever)); i != 0 {
		t.Errorf("a barrier of one party gave index %d", i)
	}
	b2 := th.NewBarrier(2, nil, Forever)
	if got := raised(th, second(b2.Wait(th, time.Millisecond))); got != "BrokenBarrierError: " {
		t.Errorf("a lone waiter's time-out gave %q, want BrokenBarrierError", got)
	}
	if !must(b2.Broken(th)) {
		t.Error("a timed-out barrier is not broken")
	}
	if got := raised(th, second(b2.Wait(th, Forever))); got != "BrokenBarrierError: " {
		t.Errorf("a broken barrier's wait gave %q", got)
	}
	mustOK(b2.Reset(th))
	if must(b2.Broken(th)) {
		t.Error("a reset barrier is broken")
	}
}

func second[T any](_ T, err error) error { return err }

// TestLockExcludes: four threads add to a plain Go counter under one
// Lock (the race detector checks that the lock orders them), under free,
// where nothing else does; and the threads must have found the lock held.
func TestLockExcludes(t *testing.T) {
	for _, kind := range []string{"Lock", "RLock", "Semaphore(1)"} {
		t.Run(kind, func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: eml.PolicyFree})
			var locker Locker
			switch kind {
			case "Lock":
				locker = th.NewLock()
			case "RLock":
				locker = th.NewRLock()
			default:
				locker = semLocker{must(th.NewSemaphore(1, true))}
			}
			mustOK(th.Detach())
			defer func() { mustOK(th.Attach()) }()
			counter := 0
			var contended, rounds atomic.Int64
			deadline := time.Now().Add(contentionBudget)
			const n = 2000
			runThreads(t, rt, 4, func(i int, th *Thread) {
				for r := 0; r < n || contended.Load() == 0 && time.Now().Before(deadline); r++ {
					if !must(locker.Acquire(th, false, Forever)) {
						contended.Add(1)
						must(locker.Acquire(th, true, Forever))
					}
					c := counter
					runtime.Gosched() // inside the lock: others find it held
					counter = c + 1
					mustOK(locker.Release(th))
					rounds.Add(1)
				}
			})
			if contended.Load() == 0 {
				t.Fatalf("no thread ever found the %s held: the test saw no concurrency", kind)
			}
			if int64(counter) != rounds.Load() {
				t.Errorf("counter %d after %d increments: updates under the %s were lost", counter, rounds.Load(), kind)
			}
			t.Logf("%d contended acquisitions", contended.Load())
		})
	}
}

// semLocker is a Semaphore as a Locker.
type semLocker struct{ s *Semaphore }

func (l semLocker) Acquire(th *Thread, blocking bool, timeout time.Duration) (bool, error) {
	if !blocking {
		timeout = Forever
	}
	return l.s.Acquire(th, blocking, timeout)
}
func (l semLocker) Release(th *Thread) error { return l.s.Release(th, 1) }

// TestConditionQueue: a producer hands items to three consumers through
// a list guarded by a Condition; every item arrives exactly once, and
// consumers did wait (the queue ran dry while they wanted more).
func TestConditionQueue(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyFree})
	c := th.NewCondition(th.NewLock())
	mustOK(th.Detach())
	defer func() { mustOK(th.Attach()) }()
	var queue, got []int
	done := false
	var waits atomic.Int64
	const items = 3000
	runThreads(t, rt, 4, func(i int, th *Thread) {
		if i == 0 {
			for k := range items {
				must(c.Acquire(th, true, Forever))
				queue = append(queue, k)
				mustOK(c.Notify(th, 1))
				mustOK(c.Release(th))
				if k%7 == 0 {
					runtime.Gosched()
				}
			}
			must(c.Acquire(th, true, Forever))
			done = true
			mustOK(c.NotifyAll(th))
			mustOK(c.Release(th))
			return
		}
		for {
			must(c.Acquire(th, true, Forever))
			ok := must(c.WaitFor(th, func() (bool, error) {
				if len(queue) == 0 && !done {
					waits.Add(1)
				}
				return len(queue) > 0 || done, nil
			}, Forever))
			if !ok || len(queue) == 0 {
				mustOK(c.Release(th))
				return
			}
			got = append(got, queue[0])
			queue = queue[1:]
			mustOK(c.Release(th))
		}
	})
	slices.Sort(got)
	for k, v := range got {
		if k != v {
			t.Fatalf("consumers got %d items, item %d is %d: lost or duplicated", len(got), k, v)
		}
	}
	if len(got) != items {
		t.Errorf("consumers got %d items, want %d", len(got), items)
	}
	if waits.Load() == 0 {
		t.Error("no consumer ever waited: the test saw no concurrency")
	}
}

// TestConditionFIFO: Notify wakes the oldest waiter first.
func TestConditionFIFO(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	c := th.NewCondition(th.NewLock())
	var mu sync.Mutex
	var order []int
	var wg sync.WaitGroup
	mustOK(th.Detach())
	for i := range 3 {
		w := rt.NewThread(fmt.Sprintf("w%d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			mustOK(w.Attach())
			must(c.Acquire(w, true, Forever))
			must(c.Wait(w, Forever))
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			mustOK(c.Release(w))
			mustOK(w.Detach())
			mustOK(w.Close())
		}()
		for c.Waiting() != i+1 {
			runtime.Gosched() // until w waits: the waiters queue in order
		}
	}
	mustOK(th.Attach())
	for range 3 {
		// How many woke before this Notify: read before it, under mu,
		// since the waiter it wakes may append before Release returns.
		mu.Lock()
		n := len(order)
		mu.Unlock()
		must(c.Acquire(th, true, Forever))
		mustOK(c.Notify(th, 1))
		mustOK(c.Release(th))
		mustOK(th.Detach())
		for {
			mu.Lock()
			m := len(order)
			mu.Unlock()
			if m > n {
				break
			}
			runtime.Gosched()
		}
		mustOK(th.Attach())
	}
	mustOK(th.Detach())
	wg.Wait()
	mustOK(th.Attach())
	if fmt.Sprint(order) != "[0 1 2]" {
		t.Errorf("woken in order %v, want [0 1 2]", order)
	}
}

// TestSemaphoreBounds: at most two of six threads are ever inside a
// Semaphore(2), and two were inside at once.
func TestSemaphoreBounds(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyFree})
	s := must(th.NewSemaphore(2, true))
	mustOK(th.Detach())
	defer func() { mustOK(th.Attach()) }()
	var inside, most atomic.Int64
	deadline := time.Now().Add(contentionBudget)
	runThreads(t, rt, 6, func(i int, th *Thread) {
		for r := 0; r < 300 || most.Load() < 2 && time.Now().Before(deadline); r++ {
			must(s.Acquire(th, true, Forever))
			n := inside.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			runtime.Gosched()
			inside.Add(-1)
			mustOK(s.Release(th, 1))
		}
	})
	if most.Load() != 2 {
		t.Errorf("at most %d threads were inside a Semaphore(2) at once, want exactly 2", most.Load())
	}
}

// TestEventAndBarrier: four threads meet at a barrier for many rounds;
// the action runs once per round, before anyone leaves, and each round's
// indexes are 0-3. Then an event releases every waiter at once.
func TestEventAndBarrier(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyFree})
	var rounds atomic.Int64
	var left atomic.Int64
	badAction := atomic.Bool{}
	const parties, n = 4, 200
	b := th.NewBarrier(parties, func(*Thread) error {
		if left.Load() != rounds.Load()*parties {
			badAction.Store(true) // someone left the round before the action ran
		}
		rounds.Add(1)
		return nil
	}, Forever)
	e := th.NewEvent()
	var sums [n]atomic.Int64
	var woke atomic.Int64
	mustOK(th.Detach())
	runThreads(t, rt, parties+1, func(i int, th *Thread) {
		if i == parties {
			for woke.Load() < parties {
				for b.cond.Waiting() == 0 && woke.Load() < parties {
					runtime.Gosched()
				}
				mustOK(e.Set(th))
			}
			return
		}
		for r := range n {
			idx := must(b.Wait(th, Forever))
			sums[r].Add(int64(idx))
			left.Add(1)
		}
		if must(e.Wait(th, Forever)) {
			woke.Add(1)
		}
	})
	mustOK(th.Attach())
	if rounds.Load() != n || badAction.Load() {
		t.Errorf("the action ran %d times for %d rounds (ran after someone left: %v)", rounds.Load(), n, badAction.Load())
	}
	for r := range n {
		if s := sums[r].Load(); s != 0+1+2+3 {
			t.Fatalf("round %d: indexes summed to %d, want 6", r, s)
		}
	}
}

// TestBarrierAbortWakesWaiters: Abort breaks a barrier with three threads
// in it; each raises BrokenBarrierError.
func TestBarrierAbortWakesWaiters(t *testing.T) {
	rt, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	b := th.NewBarrier(4, nil, Forever)
	mustOK(th.Detach())
	var broken atomic.Int64
	runThreads(t, rt, 4, func(i int, th *Thread) {
		if i == 3 {
			for must(b.Waiting(th)) < 3 {
				mustOK(th.SafePoint())
				runtime.Gosched()
			}
			mustOK(b.Abort(th))
			return
		}
		if got := raised(th, second(b.Wait(th, Forever))); got == "BrokenBarrierError: " {
			broken.Add(1)
		}
	})
	mustOK(th.Attach())
	if broken.Load() != 3 {
		t.Errorf("%d of 3 waiters raised BrokenBarrierError", broken.Load())
	}
}

// TestSyncWaitsSuspendSections: a thread waiting on any primitive of the
// layer inside a critical section holds no object lock while it waits (a
// promoter stopping the world finds the list's mutex free and stays
// alone), and holds its section again once it is back.
func TestSyncWaitsSuspendSections(t *testing.T) {
	type prim struct {
		name string
		// setup returns the blocking wait and what ends it.
		setup func(th *Thread) (wait func(th *Thread) error, release func(th *Thread))
	}
	prims := []prim{
		{"Lock", func(th *Thread) (func(*Thread) error, func(*Thread)) {
			l := th.NewLock()
			must(l.Acquire(th, true, Forever))
			return func(th *Thread) error { _, err := l.Acquire(th, true, Forever); return err },
				func(th *Thread) { mustOK(l.Release(th)) }
		}},
		{"RLock", func(th *Thread) (func(*Thread) error, func(*Thread)) {
			l := th.NewRLock()
			must(l.Acquire(th, true, Forever))
			return func(th *Thread) error {
					_, err := l.Acquire(th, true, Forever)
					if err == nil {
						err = l.Release(th)
					}
					return err
				},
				func(th *Thread) { mustOK(l.Release(th)) }
		}},
		{"Condition", func(th *Thread) (func(*Thread) error, func(*Thread)) {
			c := th.NewCondition(nil)
			return func(th *Thread) error {
					must(c.Acquire(th, true, Forever))
					_, err := c.Wait(th, Forever)
					mustOK(c.Release(th))
					return err
				}, func(th *Thread) {
					must(c.Acquire(th, true, Forever))
					mustOK(c.NotifyAll(th))
					mustOK(c.Release(th))
				}
		}},
		{"Semaphore", func(th *Thread) (func(*Thread) error, func(*Thread)) {
			s := must(th.NewSemaphore(0, false))
			return func(th *Thread) error { _, err := s.Acquire(th, true, Forever); return err },
				func(th *Thread) { mustOK(s.Release(th, 1)) }
		}},
		{"Event", func(th *Thread) (func(*Thread) error, func(*Thread)) {
			e := th.NewEvent()
			return func(th *Thread) error { _, err := e.Wait(th, Forever); return err },
				func(th *Thread) { mustOK(e.Set(th)) }
		}},
		{"Barrier", func(th *Thread) (func(*Thread) error, func(*Thread)) {
			b := th.NewBarrier(2, nil, Forever)
			return func(th *Thread) error { _, err := b.Wait(th, Forever); return err },
				func(th *Thread) { must(b.Wait(th, Forever)) }
		}},
	}
	for _, p := range prims {
		t.Run(p.name, func(t *testing.T) {
			rt, main := testRuntime(t, Config{Policy: eml.PolicyEML})
			l := main.NewList(nil)
			defer main.Decref(l)
			holder := rt.NewThread("holder")
			mustOK(main.Detach())
			defer func() { mustOK(main.Attach()) }()
			mustOK(holder.Attach())
			wait, release := p.setup(holder)
			mustOK(holder.Detach())

			waiter, promoter := rt.NewThread("waiter"), rt.NewThread("promoter")
			var wg sync.WaitGroup
			var inSection []int64
			wg.Add(1)
			go func() {
				defer wg.Done()
				mustOK(waiter.Attach())
				mustOK(waiter.CriticalSection(l, func() error {
					if err := wait(waiter); err != nil {
						return err
					}
					x := waiter.NewInt(1)
					waiter.ListAppend(l, x)
					waiter.Decref(x)
					inSection = ints(waiter, waiter.listSnapshot(l))
					return nil
				}))
				mustOK(waiter.Detach())
			}()
			for waiter.eml.Waiting() != "a Mutex" {
				runtime.Gosched() // until the waiter waits
			}
			mustOK(promoter.Attach())
			mustOK(promoter.eml.Promote())
			stops := rt.lock.Stats().Stops
			locked := l.header().mu.Locked()
			if !locked {
				x := promoter.NewInt(2)
				promoter.ListAppend(l, x)
				promoter.Decref(x)
			}
			restarted := rt.lock.Stats().Stops != stops || !promoter.eml.RunsAlone()
			mustOK(promoter.eml.Demote())
			mustOK(promoter.Detach())

			mustOK(holder.Attach())
			release(holder)
			mustOK(holder.Detach())
			wg.Wait()
			for _, th := range []*Thread{holder, promoter, waiter} {
				mustOK(th.Close())
			}
			if locked || restarted {
				t.Fatalf("while the waiter waited on a %s the list's mutex was held=%v, and the promoter's append restarted the world=%v; want neither", p.name, locked, restarted)
			}
			if got := fmt.Sprint(inSection); got != "[2 1]" {
				t.Errorf("inside its resumed section the waiter saw %s, want [2 1]", got)
			}
		})
	}
}
