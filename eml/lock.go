package eml

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/internal/mutant"
)

// Eval-breaker bits. The breaker is read at every safe point and attach;
// it is written only when a stop starts or ends, when the GIL gains its
// first waiter or loses its last, and once by the sticky switch.
const (
	bitStop   uint32 = 1 << iota // a stop-the-world is requested or in force
	bitDrop                      // GIL waiters exist: the holder checks the drop deadline
	bitGIL                       // the lock runs as the GIL (gil policy, or sticky after the switch)
	bitYield                     // a custom scheduler: every safe point is a switch point
	bitResume                    // a stopper waits for released threads: yield the processor to them

	// pollMask is what sends Poll off its fast path.
	pollMask = bitStop | bitDrop | bitYield | bitResume
)

// Thread states, the low stateBits of a stateWord.
const (
	stateDetached uint64 = iota
	stateAttached
	stateSuspended
	stateClosed

	stateBits = 2
	stateMask = 1<<stateBits - 1
)

var stateNames = [...]string{"detached", "attached", "suspended", "closed"}

// stateWord is a thread-state word: the state in the low bits and, above
// them, the number of Attach calls, which the owner bumps in the same
// compare-and-swap that attaches it -- so counting attaches costs nothing.
// Only the owner changes the count; everyone else moves the state and
// keeps the count.
type stateWord struct{ v atomic.Uint64 }

func (s *stateWord) state() uint64    { return s.v.Load() & stateMask }
func (s *stateWord) attaches() uint64 { return s.v.Load() >> stateBits }

// move changes the state from -> to, keeping the count; it reports false
// if the state was not from.
func (s *stateWord) move(from, to uint64) bool {
	for {
		w := s.v.Load()
		if w&stateMask != from {
			return false
		}
		if s.v.CompareAndSwap(w, w&^stateMask|to) {
			return true
		}
	}
}

// spinBudget bounds how long a waiter spins before it parks, under the
// real scheduler. Waking a goroutine parked on an idle processor costs tens
// of microseconds (the processor has halted; on a virtual machine the
// hypervisor must wake it -- about 100us on the 2-core machine of
// docs/eml.md), while most of this lock's waits -- for a safe point, a
// restart, a switch -- end within a few.
const spinBudget = 50 * time.Microsecond

// await returns once cond holds, which must become true through another
// thread's action followed by an Unpark of w (or, while spinning, without
// one). Under the real scheduler it first spins for up to spinBudget,
// yielding the processor every few iterations -- the thread it waits for
// may be runnable on this very processor (a goroutine we just woke lands
// in our run-next slot) -- and then parks. cond may have side effects; it
// is called until it returns true.
//
// Measured on the machine of docs/eml.md, a promotion with one busy core
// thread costs about 3us with this spin, 150us spinning without the
// yields (the woken thread waits for the other, halted, processor) and
// 77us parking at once.
func (l *Lock) await(w *Waiter, cond func() bool) {
	if cond() {
		return
	}
	if !l.custom {
		deadline := l.sched.Now() + spinBudget
		for i := 1; ; i++ {
			if cond() {
				return
			}
			if i%16 == 0 {
				if l.sched.Now() > deadline {
					break
				}
				runtime.Gosched()
			}
		}
	}
	for !cond() {
		l.sched.Park(w)
	}
}

// Lock is one extension module lock: the eval breaker, the registry of
// thread states, the stop-the-world mutex and the GIL. Create it with New.
type Lock struct {
	_ [cacheLine]byte
	// breaker is the eval-breaker word (the bit* constants).
	breaker atomic.Uint32
	_       [cacheLine - 4]byte

	policy     Policy // immutable
	cfg        Config
	sched      Scheduler
	custom     bool         // sched is not the real scheduler
	seq        Sequencer    // sched, if it runs one thread at a time
	interval   atomic.Int64 // GIL switch interval, in nanoseconds (sys.setswitchinterval sets it)
	gilPolicy  bool         // policy == PolicyGIL; attach goes straight to the GIL
	stwEnabled bool         // policy == PolicyEML or PolicyAdaptive; Promote stops the world (in eml mode)
	adaptive   bool         // policy == PolicyAdaptive
	procs      int          // GOMAXPROCS when the lock was made: the most threads that run at once

	// Stop-the-world state. stw serialises stoppers; the fields below it
	// are written by the current stopper only (or, for parked, by the
	// threads it parks).
	stw fifoLock
	// stopper is the thread currently stopping the world (or waiting for
	// parked threads to resume before it does), for wake-ups; nil otherwise.
	stopper atomic.Pointer[Thread]
	// parked counts threads parked for a stop (or suspended while trying
	// to attach) that have not re-attached yet. A stopper does not raise the
	// stop bit until it is zero: every thread a stop held up gets to run
	// before the next stop (G8).
	parked atomic.Int32
	// stopStart is when the current stop's world became stopped; the
	// stopper's alone.
	stopStart time.Duration

	gil gilState

	// ad is the adaptive policy's window and switch history.
	ad adaptiveState
	// switcher, if set, decides an adaptive lock's switches instead of the
	// model: the ModeSwitcher's SwitchMode, or a test's own. Immutable
	// once threads run.
	switcher func(*Waiter) bool

	lot *parkingLot // waiters of this lock's Mutexes (shared under Config.ParkWith)

	regMu   sync.Mutex                // guards nextID and writes of threads
	threads atomic.Pointer[[]*Thread] // copy-on-write registry, scanned by stoppers
	nextID  int

	stats lockStats
	// bugs are the test-only switches of SetBugs.
	bugs Bugs
}

// Bugs reintroduces into the lock, for tests only, the shape of a bug
// CPython's free-threaded build had, so that a test can show that the
// deterministic explorer of package schedule finds it and verifies the
// fix (docs/testing.md).
type Bugs struct {
	// NoResumeTurn is gh-151518: a stopper does not first let the threads
	// the last stop suspended re-attach (step 3 of the package comment),
	// so a stream of stop-the-world requests can suspend a re-attaching
	// thread again and again before it runs (Stats.Resuspensions). The
	// mutation harness's eml-stw-no-resumers mutant is this switch: in a
	// `mutant` build with RWGIL_MUTANT naming it, New sets it in every
	// lock (internal/mutant).
	NoResumeTurn bool
	// HandOff is gh-144513 (and gh-133130, and the hand-off behind
	// gh-118332): Mutex.Unlock hands the Mutex straight to its first
	// waiter, as CPython's PyMutex does once a waiter has waited
	// TIME_TO_BE_FAIR_NS (1 ms; under a deterministic scheduler's virtual
	// clock every wait is that long). The waiter then owns the Mutex while
	// it is still parked, detached -- and a stop-the-world can suspend it
	// before it re-attaches, so that the thread running alone finds a
	// critical section's mutex held by a thread that cannot run until the
	// world restarts. (The fix, rwgil's design: a woken waiter attaches
	// before it takes the Mutex, so a stopped thread never holds one it
	// was waiting for.)
	HandOff bool
}

// SetBugs sets the lock's test-only bug switches; call it before any
// thread runs.
func (l *Lock) SetBugs(b Bugs) { l.bugs = b }

// gilState is the GIL of a Lock running as one.
type gilState struct {
	mu exclusive // the GIL itself
	// last is the previous holder, for counting switches; the holder's.
	last *Thread
	// switches counts acquisitions; a holder that dropped on request waits
	// for it to change before taking the GIL back (forced switching).
	switches atomic.Uint64
	// forced is the holder that dropped on request and waits for a switch.
	forced atomic.Pointer[Thread]
	// dropAt is the scheduler time after which the holder must drop at its
	// next safe point; meaningful while bitDrop is set.
	dropAt atomic.Int64

	waitMu   sync.Mutex // leaf; guards waiters, priority and bitDrop changes
	waiters  int        // threads waiting to take the GIL
	priority int        // of which asked for an immediate drop

	// releasedAt is when a holder last let the GIL go while threads waited
	// for it (scheduler time, ns), and handoff the moving mean of the
	// hand-offs measured from it (ns): from that release to a waiter
	// holding the GIL, time in which nobody holds it. Written by the
	// holder (the releaser, then the waiter that took it).
	releasedAt atomic.Int64
	handoff    atomic.Int64
}

type lockStats struct {
	promotions, demotions, stops, switches atomic.Uint64
	resuspensions                          atomic.Uint64
	dropRequests, priorityRequests         atomic.Uint64
	maxDepth                               atomic.Int32
	ttsp, hold, handoff                    histogram
	gilReason                              atomic.Pointer[string]
	// Counters of closed threads, folded in when they close.
	closedAttaches, closedParks atomic.Uint64
	// byReason counts promotions by reason (string -> *atomic.Uint64).
	byReason sync.Map
}

func (s *lockStats) countReason(reason string) {
	c, ok := s.byReason.Load(reason)
	if !ok {
		c, _ = s.byReason.LoadOrStore(reason, new(atomic.Uint64))
	}
	c.(*atomic.Uint64).Add(1)
}

// cacheLine is a generous cache-line size (two lines on x86, whose
// adjacent-line prefetcher pairs them).
const cacheLine = 128

// New returns a lock for cfg, or an error naming a bad field.
func New(cfg Config) (*Lock, error) {
	if int(cfg.Policy) >= len(policyNames) {
		return nil, fmt.Errorf("eml: unknown policy %d", cfg.Policy)
	}
	if int(cfg.Mutex) >= len(mutexNames) {
		return nil, fmt.Errorf("eml: unknown mutex kind %d", cfg.Mutex)
	}
	if cfg.SwitchInterval < 0 {
		return nil, fmt.Errorf("eml: negative switch interval %v", cfg.SwitchInterval)
	}
	l := &Lock{
		policy:     cfg.Policy,
		cfg:        cfg,
		sched:      cfg.Scheduler,
		gilPolicy:  cfg.Policy == PolicyGIL,
		stwEnabled: cfg.Policy == PolicyEML || cfg.Policy == PolicyAdaptive,
		adaptive:   cfg.Policy == PolicyAdaptive,
		procs:      runtime.GOMAXPROCS(0),
		bugs:       Bugs{NoResumeTurn: mutant.On(mutant.STWNoResumers)},
	}
	l.interval.Store(int64(cfg.SwitchInterval))
	if cfg.SwitchInterval == 0 {
		l.interval.Store(int64(DefaultSwitchInterval))
	}
	if l.sched == nil {
		l.sched = RealScheduler{}
	} else {
		l.custom = true
		l.seq, _ = l.sched.(Sequencer)
		if ms, ok := l.sched.(ModeSwitcher); ok {
			l.switcher = ms.SwitchMode
		}
		l.breaker.Store(bitYield)
	}
	if l.gilPolicy {
		l.breaker.Or(bitGIL)
	}
	l.lot = &parkingLot{}
	if p := cfg.ParkWith; p != nil {
		if p.custom != l.custom || l.custom && !sameScheduler(p.sched, l.sched) {
			return nil, fmt.Errorf("eml: Config.ParkWith is a lock with another Scheduler: their Mutex waiters could not wake each other")
		}
		l.lot = p.lot
	}
	l.gil.mu = newExclusive(cfg.Mutex, l.sched, l.custom)
	l.threads.Store(new([]*Thread))
	l.ad.resetWindow(l.sched.Now())
	return l, nil
}

// sameScheduler reports whether a and b are the same Scheduler (false for
// values that cannot be compared).
func sameScheduler(a, b Scheduler) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}

// Policy returns the policy the lock was created with.
func (l *Lock) Policy() Policy { return l.policy }

// SwitchInterval is the GIL's switch interval (sys.getswitchinterval()):
// how long a waiter waits before the holder must drop the GIL.
func (l *Lock) SwitchInterval() time.Duration { return time.Duration(l.interval.Load()) }

// SetSwitchInterval sets the switch interval while threads run, as
// sys.setswitchinterval does; it must be positive. A waiter already
// waiting keeps the deadline it armed; the next one uses the new
// interval.
func (l *Lock) SetSwitchInterval(d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("eml: switch interval must be positive, got %v", d)
	}
	l.interval.Store(int64(d))
	return nil
}

// GILEnabled reports whether the lock runs as a GIL now: always under the
// gil policy, under sticky once the switch has happened, under adaptive
// while it is in GIL mode, never under eml (whose exclusive sections are
// promotions, not a GIL) and free.
func (l *Lock) GILEnabled() bool { return l.breaker.Load()&bitGIL != 0 }

// Register returns a new thread state, detached.
func (l *Lock) Register(name string) *Thread {
	t := &Thread{lock: l, breaker: &l.breaker, name: name, gilPolicy: l.gilPolicy, seq: l.seq}
	t.w = NewWaiter(name)
	t.stwNode = fifoNode{gate: newExclusive(l.cfg.Mutex, l.sched, l.custom), w: t.w}
	l.regMu.Lock()
	t.id = l.nextID
	l.nextID++
	old := *l.threads.Load()
	next := make([]*Thread, len(old), len(old)+1)
	copy(next, old)
	next = append(next, t)
	l.threads.Store(&next)
	l.regMu.Unlock()
	return t
}

func (l *Lock) unregister(t *Thread) {
	l.regMu.Lock()
	defer l.regMu.Unlock()
	old := *l.threads.Load()
	next := make([]*Thread, 0, len(old))
	for _, o := range old {
		if o != t {
			next = append(next, o)
		}
	}
	l.threads.Store(&next)
}

// wakeStopper wakes the thread stopping the world, if any, to re-scan.
func (l *Lock) wakeStopper() {
	if s := l.stopper.Load(); s != nil {
		l.sched.Unpark(s.w)
	}
}

// stopTheWorld is steps 3-5 of the package comment, run by t, which is
// detached and holds the stop-the-world mutex.
func (l *Lock) stopTheWorld(t *Thread) {
	l.stopper.Store(t)
	// Step 3: let the threads the last stop held up run first. They can
	// always resume: the stop bit is clear while we wait. If they are
	// runnable but have no processor, ask the running threads to yield.
	if l.parked.Load() > 0 && !l.bugs.NoResumeTurn {
		t.setWaiting(waitResumers)
		l.breaker.Or(bitResume)
		l.await(t.w, func() bool { return l.parked.Load() == 0 })
		l.breaker.And(^bitResume)
	}
	start := l.sched.Now()
	l.breaker.Or(bitStop)
	if n := l.parked.Load(); n > 0 {
		// Threads the last stop released have not re-attached: this stop
		// suspends them again before they ran (only with NoResumeTurn).
		l.stats.resuspensions.Add(uint64(n))
	}
	// Step 5: suspend the detached, wait for the attached to park.
	attached, queued := 0, 0
	if l.adaptive {
		// How many ran in parallel when the stop began, and how many more
		// wanted to (queued to stop the world themselves), for the model.
		for _, o := range *l.threads.Load() {
			switch {
			case o == t:
			case o.state.state() == stateAttached:
				attached++
			case o.waiting.Load() == waitSTW:
				queued++
			}
		}
	}
	t.setWaiting(waitSafepoints)
	l.await(t.w, func() bool {
		stopped := true
		for _, o := range *l.threads.Load() {
			if o == t {
				continue
			}
			switch o.state.state() {
			case stateDetached:
				// Failing means it attached meanwhile: look again.
				stopped = o.state.move(stateDetached, stateSuspended) && stopped
			case stateAttached:
				stopped = mutant.On(mutant.STWNoWait) && stopped
			}
		}
		return stopped
	})
	t.setWaiting(waitNone)
	l.stopper.Store(nil)
	l.stopStart = l.sched.Now()
	l.stats.stops.Add(1)
	l.stats.ttsp.record(l.stopStart - start)
	if l.adaptive {
		l.adaptiveStopped(l.stopStart-start, attached, queued)
	}
}

// startTheWorld restarts every thread the stop suspended. t holds the
// stop-the-world mutex and releases it after.
func (l *Lock) startTheWorld(t *Thread) {
	now := l.sched.Now()
	l.stats.hold.record(now - l.stopStart)
	if l.adaptive {
		l.adaptiveReleased(now-l.stopStart, now, l.parked.Load() > 0)
	}
	if mutant.On(mutant.RestartBeforeClear) {
		l.release(t)
		l.sched.Yield(t.w) // the window any real preemption can open
		l.breaker.And(^bitStop)
		return
	}
	l.breaker.And(^bitStop)
	l.release(t)
}

// release moves every thread the stop suspended back to detached and
// wakes it.
func (l *Lock) release(t *Thread) {
	for _, o := range *l.threads.Load() {
		if o != t && o.state.move(stateSuspended, stateDetached) {
			l.sched.Unpark(o.w)
		}
	}
}

// takeGIL blocks until t holds the GIL. A thread that has to wait arms the
// holder's drop deadline (now, if priority).
func (l *Lock) takeGIL(t *Thread, priority bool) {
	g := &l.gil
	if !g.mu.tryLock() {
		began := l.gilWaitBegin(priority)
		t.setWaiting(waitGIL)
		var region *trace.Region
		if l.cfg.Trace {
			region = trace.StartRegion(context.Background(), "eml.gil.wait")
		}
		g.mu.lock(t.w)
		if region != nil {
			region.End()
		}
		t.setWaiting(waitNone)
		now := l.gilWaitEnd(priority)
		if rel := g.releasedAt.Load(); rel >= began {
			// Released while we waited: a hand-off, measured.
			l.handedOff(time.Duration(now - rel))
		}
	}
	t.holdsGIL = true
	if g.last != t {
		if g.last != nil {
			l.stats.switches.Add(1)
		}
		g.last = t
	}
	g.switches.Add(1)
	if f := g.forced.Swap(nil); f != nil {
		l.sched.Unpark(f.w)
	}
}

func (l *Lock) releaseGIL(t *Thread) {
	t.holdsGIL = false
	if l.breaker.Load()&bitDrop != 0 {
		// Someone waits: the hand-off starts now (handedOff).
		l.gil.releasedAt.Store(int64(l.sched.Now()))
	}
	l.gil.mu.unlock()
}

// handoffWeight is the weight of the newest hand-off in the moving mean,
// as 1/handoffWeight (TCP's smoothed round-trip time uses 1/8): a few
// dozen hand-offs make the mean, so a change of the machine's load shows
// within a few switch intervals' worth.
const handoffWeight = 8

// handedOff records a hand-off of the GIL of d, by the thread that just
// took it (so one at a time).
func (l *Lock) handedOff(d time.Duration) {
	d = max(d, 0)
	g := &l.gil
	if l.stats.handoff.count.Load() == 0 {
		g.handoff.Store(int64(d))
	} else {
		old := g.handoff.Load()
		g.handoff.Store(old + (int64(d)-old)/handoffWeight)
	}
	l.stats.handoff.record(d)
}

// gilWaitBegin counts a waiter in and returns the time it began to wait.
func (l *Lock) gilWaitBegin(priority bool) int64 {
	g := &l.gil
	now := int64(l.sched.Now())
	g.waitMu.Lock()
	g.waiters++
	if priority {
		g.priority++
		g.dropAt.Store(now)
		l.stats.priorityRequests.Add(1)
	} else if g.waiters == 1 {
		g.dropAt.Store(now + l.interval.Load())
	}
	if g.waiters == 1 {
		l.breaker.Or(bitDrop)
	}
	g.waitMu.Unlock()
	return now
}

// gilWaitEnd counts a waiter out, once it holds the GIL, and returns the
// time.
func (l *Lock) gilWaitEnd(priority bool) int64 {
	g := &l.gil
	now := int64(l.sched.Now())
	g.waitMu.Lock()
	g.waiters--
	if priority {
		g.priority--
	}
	switch {
	case g.waiters == 0:
		l.breaker.And(^bitDrop)
	case g.priority == 0:
		// The next waiter waits a full interval from this switch, as a
		// CPython waiter restarts its timed wait after a switch.
		g.dropAt.Store(now + l.interval.Load())
	}
	g.waitMu.Unlock()
	return now
}

// dropDue reports whether the GIL holder t, at a safe point with a drop
// requested, must hand the GIL over now: once the switch interval has
// run out, or when a Sequencer says so.
func (l *Lock) dropDue(t *Thread) bool {
	if mutant.On(mutant.GILNoDrop) {
		return false
	}
	if l.seq != nil {
		return l.seq.DropGIL(t.w)
	}
	return int64(l.sched.Now()) >= l.gil.dropAt.Load()
}

// yieldGIL is a holder dropping the GIL on request at a safe point: it
// releases, waits until another thread has taken it, and takes it back.
func (l *Lock) yieldGIL(t *Thread) {
	g := &l.gil
	l.stats.dropRequests.Add(1)
	n := g.switches.Load()
	g.forced.Store(t)
	t.storeState(stateDetached)
	// Waiting before the GIL goes: an adaptive switch back to eml by the
	// next holder counts the threads it finds waiting (switchToEML).
	t.setWaiting(waitSwitch)
	l.releaseGIL(t)
	l.await(t.w, func() bool { return g.switches.Load() != n })
	t.setWaiting(waitNone)
	// Under adaptive the lock may have switched back to eml meanwhile:
	// attach however it runs now.
	t.attach(false)
}

// Stats returns a snapshot of the lock's counters.
func (l *Lock) Stats() Stats {
	s := Stats{
		Policy:           l.policy,
		Mutex:            l.cfg.Mutex,
		Promotions:       l.stats.promotions.Load(),
		Demotions:        l.stats.demotions.Load(),
		MaxDepth:         int(l.stats.maxDepth.Load()),
		Stops:            l.stats.stops.Load(),
		Resuspensions:    l.stats.resuspensions.Load(),
		TimeToSafepoint:  l.stats.ttsp.summary(),
		ExclusiveHold:    l.stats.hold.summary(),
		Handoffs:         l.stats.handoff.summary(),
		Switches:         l.stats.switches.Load(),
		DropRequests:     l.stats.dropRequests.Load(),
		PriorityRequests: l.stats.priorityRequests.Load(),
		GILEnabled:       l.policy == PolicySticky && l.breaker.Load()&bitGIL != 0,
	}
	if l.adaptive {
		s.Adaptive = l.adaptiveStats()
	}
	if r := l.stats.gilReason.Load(); r != nil {
		s.GILReason = *r
	}
	l.stats.byReason.Range(func(k, v any) bool {
		if s.PromotionsBy == nil {
			s.PromotionsBy = make(map[string]uint64)
		}
		s.PromotionsBy[k.(string)] = v.(*atomic.Uint64).Load()
		return true
	})
	for _, t := range *l.threads.Load() {
		s.Threads++
		if st := t.state.state(); st == stateAttached || st == stateSuspended {
			s.Attached++
		}
		s.Attaches += t.state.attaches()
		s.Parks += t.parks.Load()
		s.CurrentDepth = max(s.CurrentDepth, int(t.depthNow.Load()))
	}
	s.Attaches += l.stats.closedAttaches.Load()
	s.Parks += l.stats.closedParks.Load()
	return s
}

// ThreadInfo describes one registered thread, for diagnostics: a watchdog
// that fires prints these.
type ThreadInfo struct {
	Name    string
	State   string // detached, attached, suspended
	Depth   int    // promotion depth
	Waiting string // what it is blocked on, or ""
}

func (i ThreadInfo) String() string {
	s := fmt.Sprintf("%s: %s depth=%d", i.Name, i.State, i.Depth)
	if i.Waiting != "" {
		s += " waiting for " + i.Waiting
	}
	return s
}

// Threads describes every registered thread. The descriptions are read
// without stopping anyone, so they are a moment's picture.
func (l *Lock) Threads() []ThreadInfo {
	var out []ThreadInfo
	for _, t := range *l.threads.Load() {
		out = append(out, ThreadInfo{
			Name:    t.name,
			State:   stateNames[t.state.state()],
			Depth:   int(t.depthNow.Load()),
			Waiting: waitNames[t.waiting.Load()],
		})
	}
	return out
}
