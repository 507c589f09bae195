package eml

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// handoffWaits runs threads CPU-bound threads under the GIL on kind, each
// stepping (a safe point, then a count) until the GIL has changed hands
// handoffs times, and returns for each thread the longest it waited,
// counted in hand-offs: how many times the GIL passed between two of its
// own steps (its own taking of it included, so a round-robin of n threads
// waits n). Counting hand-offs, not time, makes the measure the lock's
// fairness and not the machine's load.
//
// queued is, for each thread, the longest run of hand-offs during which it
// sat in the GIL's queue, for the hand-off lock (MutexEvent) only, where
// the queue is visible: the lock's own fairness, apart from the time a
// thread that has let the GIL go takes to queue again. That time is the
// host's: on a loaded machine a goroutine about to queue can wait for a
// processor while the others pass the GIL hundreds of times.
func handoffWaits(t *testing.T, kind MutexKind, threads int, handoffs int64) (waits, queued []int64, switches uint64) {
	t.Helper()
	l, err := New(Config{Policy: PolicyGIL, Mutex: kind, SwitchInterval: handoffInterval})
	if err != nil {
		t.Fatal(err)
	}
	// Only the GIL holder steps, so these are written by one thread at a
	// time; atomics keep the race detector and the final reads honest.
	var last atomic.Int64 // the thread that stepped last, +1
	var passes atomic.Int64
	longest := make([]atomic.Int64, threads)
	seen := make([]atomic.Int64, threads) // passes at the thread's last step
	hl, _ := l.gil.mu.(*handoffLock)
	byWaiter := map[*Waiter]int{}
	streak := make([]atomic.Int64, threads)  // hand-offs in the queue, so far in this wait
	inQueue := make([]atomic.Int64, threads) // the longest such streak
	// sawQueue runs at every hand-off, by the new holder: each thread in
	// the queue has waited one more hand-off there, the others none.
	sawQueue := func() {
		if hl == nil {
			return
		}
		hl.mu.Lock()
		waiting := make([]bool, threads)
		for _, w := range hl.queue {
			if j, ok := byWaiter[w]; ok {
				waiting[j] = true
			}
		}
		hl.mu.Unlock()
		for j := range threads {
			if !waiting[j] {
				streak[j].Store(0)
				continue
			}
			if n := streak[j].Add(1); n > inQueue[j].Load() {
				inQueue[j].Store(n)
			}
		}
	}
	var fns []func()
	start := &startLine{n: int64(threads)}
	for i := range threads {
		th := l.Register(fmt.Sprint("cpu", i))
		byWaiter[th.w] = i
		fns = append(fns, func() {
			start.wait()
			seen[i].Store(passes.Load()) // waiting to attach is waiting too
			check(th.Attach())
			for passes.Load() < handoffs {
				check(th.Poll())
				if last.Load() != int64(i+1) {
					last.Store(int64(i + 1))
					p := passes.Add(1)
					sawQueue()
					if w := p - seen[i].Load(); w > longest[i].Load() {
						longest[i].Store(w)
					}
				}
				seen[i].Store(passes.Load())
			}
			// The last stretch counts too: a thread that never got the
			// GIL back waited through the rest of the run.
			if w := passes.Load() - seen[i].Load(); w > longest[i].Load() {
				longest[i].Store(w)
			}
			check(th.Detach())
			check(th.Close())
		})
	}
	waitAll(t, l, fns...)
	for i := range longest {
		waits = append(waits, longest[i].Load())
		queued = append(queued, inQueue[i].Load())
	}
	return waits, queued, l.Stats().Switches
}

// TestGILHandoffFairness (issue 13) measures, with the GIL on each mutex
// kind, a switch interval of a millisecond and four CPU-bound threads on
// two cores, through how many hand-offs of the GIL each thread waits for
// its next turn -- a count, not a time, so that the verdict does not
// depend on the machine's speed. A fair round-robin of four waits 4.
//
// Only event is fair by construction (ownership passes to the first
// waiter), and only event is held to a bound: while a thread sits in the
// GIL's queue, at most threads-2 others can be served before it. The
// bound is on the time in the queue, not from one step to the next: a
// thread that let the GIL go queues again only when the host runs it, and
// with the race detector on a loaded machine one such thread was seen to
// wait through 552 hand-offs before it queued. The barging kinds are
// measured and logged: on a quiet machine they wait 4-6 hand-offs, but
// with two CPU-bound processes beside the test one or two threads often
// wait through hundreds (a waiter that yields goes to the back of Go's run
// queue while the running threads take the GIL from each other) --
// docs/eml.md records the numbers. The spin kind's own regression test,
// the bound on how long a spin waiter spins, is TestSpinWaitIsBounded.
func TestGILHandoffFairness(t *testing.T) {
	const threads, handoffs = 4, 1000
	// A FIFO hand-off serves a queued thread after the threads queued
	// ahead of it, at most threads-2 of them; one more for slack.
	const fairBound = threads - 1
	for _, kind := range MutexKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			waits, queued, switches := handoffWaits(t, kind, threads, handoffs)
			t.Logf("%v: %d hand-offs (%d GIL switches); longest wait of each thread, in hand-offs: %v", kind, handoffs, switches, waits)
			if kind != MutexEvent {
				return
			}
			t.Logf("%v: longest wait of each thread in the GIL's queue, in hand-offs: %v", kind, queued)
			if slices.Max(queued) == 0 {
				t.Fatalf("no thread was ever seen in the GIL's queue at a hand-off: the measure saw nothing (waits %v)", waits)
			}
			if worst := slices.Max(queued); worst > fairBound {
				t.Errorf("under the hand-off GIL a thread sat in the GIL's queue through %d hand-offs (each thread's longest: %v); want at most %d",
					worst, queued, fairBound)
			}
		})
	}
}

// countingScheduler is the real scheduler that counts each waiter's
// yields and parks, and holds back the wake-ups of the waiters in hold
// until release, so that a test decides when a woken waiter runs.
type countingScheduler struct {
	RealScheduler
	mu     sync.Mutex
	yields map[*Waiter]int
	parks  map[*Waiter]int
	held   map[*Waiter]bool // wake-ups held back, by waiter
	owed   map[*Waiter]bool // a held-back wake-up is owed
	// gate, if set for a waiter, stops its next yield: the yield sends
	// on the channel and then waits to receive from it.
	gate map[*Waiter]chan struct{}
}

func newCountingScheduler() *countingScheduler {
	return &countingScheduler{yields: map[*Waiter]int{}, parks: map[*Waiter]int{}, held: map[*Waiter]bool{}, owed: map[*Waiter]bool{}, gate: map[*Waiter]chan struct{}{}}
}

func (s *countingScheduler) Yield(w *Waiter) {
	s.mu.Lock()
	s.yields[w]++
	n := s.yields[w]
	g := s.gate[w]
	delete(s.gate, w)
	s.mu.Unlock()
	if g != nil {
		g <- struct{}{}
		<-g
	}
	if n > 100_000 {
		panic(fmt.Sprintf("%s yielded %d times without parking: the spin is unbounded", w.Name, n))
	}
	s.RealScheduler.Yield(w)
}

func (s *countingScheduler) Park(w *Waiter) {
	s.mu.Lock()
	s.parks[w]++
	s.mu.Unlock()
	s.RealScheduler.Park(w)
}

func (s *countingScheduler) Unpark(w *Waiter) {
	s.mu.Lock()
	if s.held[w] {
		s.owed[w] = true
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	s.RealScheduler.Unpark(w)
}

// hold holds back w's wake-ups until release.
func (s *countingScheduler) hold(w *Waiter) {
	s.mu.Lock()
	s.held[w] = true
	s.mu.Unlock()
}

func (s *countingScheduler) release(w *Waiter) {
	s.mu.Lock()
	s.held[w] = false
	owed := s.owed[w]
	s.owed[w] = false
	s.mu.Unlock()
	if owed {
		s.RealScheduler.Unpark(w)
	}
}

func (s *countingScheduler) counts(w *Waiter) (yields, parks int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.yields[w], s.parks[w]
}

// queued returns the names of the waiters parked in b, in order.
func (b *bargeLock) queued() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var names []string
	for _, w := range b.queue {
		names = append(names, w.Name)
	}
	return names
}

// TestSpinWaitIsBounded (issue 13): a spin waiter yields at most
// spinYields times, and stops yielding as soon as the lock has been
// released once without it getting it, and then parks; a parked waiter
// that is woken and loses the race to a barging thread goes back to the
// head of the queue, and the next unlock hands the lock to it directly.
// The first spin kind yielded forever, and starved with more threads than
// cores: a yield sends a goroutine to the back of Go's run queue, so the
// yielding waiter lost every race to the threads that were running
// (TestGILHandoffFairness measured 640 to all 1,000 hand-offs of a run
// for one or two of four threads in 14 of 16 runs on a quiet machine).
// Here the counting scheduler counts the yields and decides when a woken
// waiter runs.
func TestSpinWaitIsBounded(t *testing.T) {
	s := newCountingScheduler()
	b := newExclusive(MutexSpin, s, false).(*bargeLock)
	a, c := NewWaiter("a"), NewWaiter("c")
	if !b.tryLock() {
		t.Fatal("a new lock is held")
	}
	got := make(chan string, 2)
	waitQueued := func(want ...string) {
		t.Helper()
		for !slices.Equal(b.queued(), want) {
			runtime.Gosched()
		}
	}
	// a waits: it yields spinYields times while the lock stays held, then
	// parks.
	go func() { b.lock(a); got <- "a"; b.unlock() }()
	waitQueued("a")
	if y, p := s.counts(a); y != spinYields || p != 1 {
		t.Fatalf("a spin waiter yielded %d times and parked %d times before waiting in the queue; want %d yields, one park", y, p, spinYields)
	}
	// The test releases the lock, which wakes a, and takes it again
	// before a runs: a barging thread wins the race.
	s.hold(a)
	b.unlock()
	if !b.tryLock() {
		t.Fatal("the lock was not free after unlock")
	}
	s.release(a)
	waitQueued("a") // a lost, and is back at the head of the queue
	// c waits too: it yields until it sees the lock released without it
	// (here: never, the lock stays held), then queues behind a.
	go func() { b.lock(c); got <- "c"; b.unlock() }()
	waitQueued("a", "c")
	// The next unlock hands the lock to a, without freeing it: nobody can
	// barge in now.
	s.hold(a)
	b.unlock()
	if b.tryLock() {
		t.Fatal("the lock was free after an unlock that owed a hand-off to the waiter that lost a race")
	}
	s.release(a)
	if first, second := <-got, <-got; first != "a" || second != "c" {
		t.Fatalf("the lock went to %s, then %s; want a (handed over), then c", first, second)
	}
	// A waiter that sees the lock released once without getting it stops
	// yielding at once: d is stopped in its first yield while the test
	// releases the lock and takes it again.
	if !b.tryLock() {
		t.Fatal("the lock is held after both waiters released it")
	}
	d := NewWaiter("d")
	gate := make(chan struct{})
	s.mu.Lock()
	s.gate[d] = gate
	s.mu.Unlock()
	go func() { b.lock(d); got <- "d"; b.unlock() }()
	<-gate // d is in its first yield
	b.unlock()
	if !b.tryLock() {
		t.Fatal("the lock was not free after unlock")
	}
	gate <- struct{}{}
	waitQueued("d")
	if y, p := s.counts(d); y != 1 || p != 1 {
		t.Errorf("after the lock was released once without it, d yielded %d times in all and parked %d times; want 1 and 1", y, p)
	}
	b.unlock()
	if w := <-got; w != "d" {
		t.Fatalf("the lock went to %s, want d", w)
	}
}

// handoffInterval is the GIL switch interval of TestGILHandoffFairness: at
// 20 us every barging kind is unfair even on a quiet machine (waiters are
// still spinning when the holder drops, and two threads pass the GIL
// between them), at a millisecond -- CPython's default is 5 -- waiters
// have parked by then and are served in order.
const handoffInterval = time.Millisecond
