package eml

import (
	"context"
	"fmt"
	"math"
	"runtime/trace"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The adaptive policy's decision model (docs/eml.md, "The adaptive
// policy"). An adaptive lock starts as eml. Every stop-the-world adds to a
// sliding window, over the scheduler's clock:
//
//	T  the time to safe point of the stop (raising the stop bit to every
//	   other thread parked or suspended: nobody else progresses),
//	H  the exclusive hold (the unported call, alone),
//	R  the restart (releasing the world to the last parked thread
//	   attached again),
//	p  the threads that ran in parallel when the stop began: the ones it
//	   had to wait for, plus the stopper, at most GOMAXPROCS,
//	c  whether another thread wanted to run when the stop began
//	   (attached, or queued to stop the world itself): under a GIL it
//	   would have been waiting for it.
//
// Over a window of wall time W the world ran shared for S = W - T - H - R.
// During H and R one thread ran (the promoter, alone, then while the
// parked ones woke), as it would under a GIL; during T nobody did. A GIL
// would have run the same work in X = H + R + p̄·S (the shared part
// serialised, no stops: the GIL holder's unported calls are free), plus
// its own cost: a hand-off every switch interval I while another thread
// waits -- X/I of them, times the share c̄ of stops that found one -- each
// costing the waiter's wake-up, time in which nobody holds the GIL. The
// hand-off's cost h is the lock's own measure (Stats.Handoffs, a moving
// mean: handedOff), once it has handed the GIL over at least once in GIL
// mode; before that, adaptiveHandoff. So eml costs W and the GIL an
// estimated G = X + c̄·(X/I)·h: the loss W - G is T - (p̄-1)·S - c̄·(X/I)·h,
// the stops' waits against the parallelism they bought and the hand-offs
// they spared. Once the window holds at
// least adaptiveMinStops stops over at least adaptiveWindow, a stop that
// finds W > (1 + adaptiveMargin)·G switches the lock to GIL mode from
// inside that stop (the stop is the switch). It then stays in GIL mode for
// an inhibit period of adaptiveInhibitN times the loss W - G it measured
// (BRAVO's rule, Dice and Kogan, USENIX ATC 2019: revocation -- here a
// probe of eml -- may cost at most 1/(N+1) of the time), clamped to
// [adaptiveMinInhibit, adaptiveMaxInhibit], and switches back to eml at
// the GIL holder's first safe point (or attach) after it, with a fresh
// window. A window that does not decide slides: once it is twice
// adaptiveWindow long, its sums are halved and its start moved to half its
// length ago, so old stops weigh less and a change of mix shows within a
// window or two. Hysteresis: a window that finds W > (1 + adaptiveMargin)·G
// is one strike, and starts a fresh window; only adaptiveStrikes losing
// windows in a row switch, and a window that reaches its decision without
// losing clears the strikes. One window of stops inflated by a burst of
// load does not switch alone.
//
// A stop's T is charged robustly. A thread that the host deschedules
// while a stop waits for it reaches its safe point when the host runs it
// again: T is then the host's time slice (milliseconds on a loaded
// machine, against a microsecond or two otherwise), a cost of the
// machine that a GIL pays as well (its holder is descheduled just as
// often) and not a cost of stopping. So the window charges a stop at
// most adaptiveTTSPCapK times the median of the last adaptiveTTSPSamples
// stops' raw times to safe point, and never less than adaptiveTTSPFloor;
// the part above the cap is left out of the window (and counted in
// Stats: AdaptiveStats.Discounts, Discounted). The median is the
// typical stop's: a descheduled thread is the rare stop (the 99th
// percentile in docs/eml.md's loaded runs), so it does not move the
// median, while a real change -- every stop now waits for a long loop
// without a safe point -- moves it within half the ring, and the cap
// with it.
const (
	adaptiveStrikes    = 2
	adaptiveWindow     = 10 * time.Millisecond
	adaptiveMinStops   = 8
	adaptiveMargin     = 0.05
	adaptiveInhibitN   = 19
	adaptiveMinInhibit = time.Millisecond
	// adaptiveMaxInhibit bounds the inhibit period at what keeps BRAVO's
	// bound for the cheapest decision: a probe of eml that loses wholly,
	// adaptiveStrikes windows of adaptiveWindow, costs at most 1/(N+1) of
	// the time when the inhibit after it is (N+1) times as long, 400ms.
	// Longer would only lengthen the damage of a switch made on a window
	// that misjudged the mix (it was 1s; the loaded runs of docs/eml.md
	// spent up to 360ms of a 1.4s run in GIL mode on one such switch).
	adaptiveMaxInhibit = adaptiveStrikes * adaptiveWindow * (adaptiveInhibitN + 1)
	// adaptiveTTSPSamples is the ring of raw times to safe point whose
	// median sets the cap: 32 stops, fewer than a window's worth at E3's
	// smallest calls, so the cap follows a change of mix within a window.
	adaptiveTTSPSamples = 32
	// adaptiveTTSPCapK: a stop may cost up to 8 typical ones before the
	// rest is taken for the host's. A stop's T varies with where the
	// waited-for thread was (its distance to the next backward jump or
	// call); 8 times the median leaves that spread alone.
	adaptiveTTSPCapK = 8
	// adaptiveTTSPFloor is the least the cap allows: 100us, about a GIL
	// hand-off on the 2-core machine and under the smallest time slice a
	// Linux host gives a runnable thread (0.75ms), so a thread that was
	// descheduled cannot hide under the floor, and stops of a few
	// microseconds are never discounted for being a few times the median.
	adaptiveTTSPFloor = 100 * time.Microsecond
	// adaptiveHandoff is the GIL hand-off's cost assumed until the lock
	// has measured one. A GIL waiter waits a switch interval, long enough
	// for its processor to go idle, so a hand-off is mostly waking a
	// goroutine parked on an idle processor: tens of microseconds, about
	// 100us on the 2-core virtual machine of docs/eml.md (spinBudget's
	// measure); the prior takes the lower half of that range, so that
	// before a measurement the model leans, if anything, towards the GIL
	// as it did without the term.
	adaptiveHandoff = 50 * time.Microsecond
	// adaptiveRecent is how many switches Stats keeps in full.
	adaptiveRecent = 16
)

// Reasons an adaptive lock switches mode, the keys of
// AdaptiveStats.By.
const (
	// ReasonCost: the window's stops cost more than the GIL would have.
	ReasonCost = "cost"
	// ReasonInhibit: the inhibit period after a switch to the GIL ran out.
	ReasonInhibit = "inhibit"
	// ReasonForced: a ModeSwitcher (a test's scheduler) asked for it.
	ReasonForced = "forced"
)

// A ModeSwitcher is a Sequencer that also decides, for tests, when an
// adaptive lock switches between eml and GIL mode, so that an explorer can
// put a switch at any scheduling point: at every safe point, Attach and
// return from Blocking of a thread at promotion depth zero (under a
// custom scheduler none of them takes its fast path), and inside every
// outermost promotion's stop. Under a ModeSwitcher the cost model is off:
// only it switches.
type ModeSwitcher interface {
	Sequencer
	// SwitchMode is asked at those points on w's goroutine; true switches
	// (from eml to the GIL through a stop-the-world, or from the GIL,
	// which w then holds, back to eml).
	SwitchMode(w *Waiter) bool
}

// ModeSwitch is one switch of an adaptive lock.
type ModeSwitch struct {
	// At is the scheduler's clock at the switch; ToGIL its direction.
	At    time.Duration
	ToGIL bool
	// Reason is ReasonCost, ReasonInhibit or ReasonForced.
	Reason string
	// For a switch on cost: the window's length (what eml cost), the GIL's
	// estimated cost of the same work and the part of it that is the GIL's
	// hand-offs, the mean parallelism, the stops in the window, and the
	// inhibit period that followed; Discounted is the time to safe point
	// above the cap that the window left out.
	Window, GILCost, Handoffs, Discounted time.Duration
	Parallelism                           float64
	Stops                                 int
	Inhibit                               time.Duration
}

func (s ModeSwitch) String() string {
	if !s.ToGIL {
		return fmt.Sprintf("at %v to eml (%s)", s.At.Round(time.Microsecond), s.Reason)
	}
	if s.Reason != ReasonCost {
		return fmt.Sprintf("at %v to gil (%s)", s.At.Round(time.Microsecond), s.Reason)
	}
	return fmt.Sprintf("at %v to gil (%s: %d stops cost %v against a GIL's %v, %v of it hand-offs, at parallelism %.2f, %v of time to safe point discounted; inhibit %v)",
		s.At.Round(time.Microsecond), s.Reason, s.Stops, s.Window.Round(time.Microsecond), s.GILCost.Round(time.Microsecond),
		s.Handoffs.Round(time.Microsecond), s.Parallelism, s.Discounted.Round(time.Microsecond), s.Inhibit.Round(time.Microsecond))
}

// AdaptiveStats is the adaptive policy's part of Stats (zero under the
// other policies).
type AdaptiveStats struct {
	// GILMode says the lock runs as the GIL now.
	GILMode bool
	// ToGIL and ToEML count the switches each way; By counts them by
	// reason.
	ToGIL, ToEML uint64
	By           map[string]uint64
	// InGIL is the time spent in GIL mode (up to now, if in it now).
	InGIL time.Duration
	// Recent are the last switches (up to 16), oldest first.
	Recent []ModeSwitch
	// Discounts counts the stops whose time to safe point was above the
	// cap (docs/eml.md, "The decision model"), and Discounted is the time
	// above it that the model left out, over the lock's life.
	Discounts  uint64
	Discounted time.Duration
}

// adaptiveState is an adaptive lock's window and history. The window's
// sums are the stopper's (it holds the stop-the-world mutex), except
// restart, which the last thread a stop parked adds when it re-attaches.
type adaptiveState struct {
	// The window.
	winStart   time.Duration
	ttsp, hold time.Duration
	par        float64 // sum of the stops' parallelism
	stops      int
	contended  int           // stops that found another thread wanting to run
	discounted time.Duration // time to safe point above the cap, left out
	// ring holds the last adaptiveTTSPSamples raw times to safe point;
	// rings counts every sample ever added, so the next goes to
	// ring[rings%adaptiveTTSPSamples] (the stopper's).
	ring  [adaptiveTTSPSamples]time.Duration
	rings int
	// discounts and discountedNs are the lock's totals of the capped
	// stops, for Stats.
	discounts    atomic.Uint64
	discountedNs atomic.Int64
	// strikes counts the losing windows in a row (the stopper's).
	strikes    int
	restart    atomic.Int64 // ns
	releasedAt atomic.Int64 // scheduler time of the last restart, ns
	// pending says the last restart has a re-attach to wait for.
	pending atomic.Bool

	// inhibitUntil is the scheduler time (ns) before which GIL mode stays.
	inhibitUntil atomic.Int64

	mu      sync.Mutex // leaf; guards the history below
	toGIL   uint64
	toEML   uint64
	by      map[string]uint64
	recent  []ModeSwitch
	inGIL   time.Duration
	gilFrom time.Duration
}

// resetWindow starts a fresh window at now.
func (a *adaptiveState) resetWindow(now time.Duration) {
	a.winStart, a.ttsp, a.hold, a.par, a.stops, a.contended, a.discounted = now, 0, 0, 0, 0, 0, 0
	a.restart.Store(0)
}

// stopped adds a stop's time to safe point, parallelism and contention
// to the window (called by the stopper once the world is stopped):
// attached threads were running when it began, queued ones waiting to
// stop the world.
func (l *Lock) adaptiveStopped(ttsp time.Duration, attached, queued int) {
	a := &l.ad
	charged := a.ttspCharge(ttsp)
	if charged < ttsp {
		a.discounted += ttsp - charged
		a.discounts.Add(1)
		a.discountedNs.Add(int64(ttsp - charged))
	}
	a.ttsp += charged
	a.par += float64(min(attached+1, l.procs))
	a.stops++
	if attached+queued > 0 {
		a.contended++
	}
}

// ttspCharge returns what the window charges for a stop whose time to
// safe point was ttsp: at most adaptiveTTSPCapK times the (lower) median
// of the samples in the ring before it, never capped below
// adaptiveTTSPFloor, and the first stop uncapped. It adds ttsp to the
// ring.
func (a *adaptiveState) ttspCharge(ttsp time.Duration) time.Duration {
	n := min(a.rings, adaptiveTTSPSamples)
	charged := ttsp
	if n > 0 {
		var sorted [adaptiveTTSPSamples]time.Duration
		copy(sorted[:n], a.ring[:n])
		slices.Sort(sorted[:n])
		charged = min(ttsp, max(adaptiveTTSPCapK*sorted[(n-1)/2], adaptiveTTSPFloor))
	}
	a.ring[a.rings%adaptiveTTSPSamples] = ttsp
	a.rings++
	return charged
}

// handoffCost is what the model charges a GIL per hand-off: the lock's
// own moving mean once it has measured one, adaptiveHandoff before.
func (l *Lock) handoffCost() time.Duration {
	if l.stats.handoff.count.Load() == 0 {
		return adaptiveHandoff
	}
	return time.Duration(l.gil.handoff.Load())
}

// adaptiveReleased adds a stop's hold to the window and notes the
// restart (called by the stopper as it restarts the world).
func (l *Lock) adaptiveReleased(hold, now time.Duration, parked bool) {
	l.ad.hold += hold
	l.ad.releasedAt.Store(int64(now))
	l.ad.pending.Store(parked)
}

// adaptiveResumed is the last thread a stop parked attaching again.
func (l *Lock) adaptiveResumed() {
	if l.ad.pending.CompareAndSwap(true, false) {
		l.ad.restart.Add(int64(l.sched.Now()) - l.ad.releasedAt.Load())
	}
}

// adaptiveDecide is asked by a stopper in eml mode once the world is
// stopped: whether to turn the stop into a switch to the GIL, and the
// switch if so. It slides the window when the window is long and does
// not decide.
func (l *Lock) adaptiveDecide(now time.Duration) (ModeSwitch, bool) {
	a := &l.ad
	w := now - a.winStart
	if a.stops < adaptiveMinStops || w < adaptiveWindow {
		return ModeSwitch{}, false
	}
	restart := time.Duration(a.restart.Load())
	shared := max(w-a.ttsp-a.hold-restart, 0)
	par := a.par / float64(a.stops)
	work := a.hold + restart + time.Duration(par*float64(shared))
	// A hand-off every switch interval of that work, while another thread
	// waits for the GIL.
	handoffs := float64(a.contended) / float64(a.stops) * float64(work) / float64(l.interval.Load())
	ho := time.Duration(math.Round(handoffs * float64(l.handoffCost())))
	gil := work + ho
	if float64(w) > (1+adaptiveMargin)*float64(gil) {
		if a.strikes++; a.strikes < adaptiveStrikes {
			a.resetWindow(now)
			return ModeSwitch{}, false
		}
		a.strikes = 0
		inhibit := min(max(adaptiveInhibitN*(w-gil), adaptiveMinInhibit), adaptiveMaxInhibit)
		return ModeSwitch{At: now, ToGIL: true, Reason: ReasonCost, Window: w, GILCost: gil, Handoffs: ho, Discounted: a.discounted, Parallelism: par, Stops: a.stops, Inhibit: inhibit}, true
	}
	a.strikes = 0
	if w >= 2*adaptiveWindow {
		a.winStart = now - w/2
		a.ttsp, a.hold, a.par, a.stops, a.contended, a.discounted = a.ttsp/2, a.hold/2, a.par/2, a.stops/2, a.contended/2, a.discounted/2
		a.restart.Store(int64(restart / 2))
	}
	return ModeSwitch{}, false
}

// record counts a switch, keeps it in the history and marks it in the
// execution trace.
func (l *Lock) adaptiveRecord(s ModeSwitch) {
	a := &l.ad
	a.mu.Lock()
	if s.ToGIL {
		a.toGIL++
		a.gilFrom = s.At
	} else {
		a.toEML++
		a.inGIL += s.At - a.gilFrom
	}
	if a.by == nil {
		a.by = map[string]uint64{}
	}
	a.by[s.Reason]++
	if len(a.recent) == adaptiveRecent {
		a.recent = append(a.recent[:0], a.recent[1:]...)
	}
	a.recent = append(a.recent, s)
	a.mu.Unlock()
	if l.cfg.Trace {
		trace.Log(context.Background(), "eml.adaptive", s.String())
	}
}

func (l *Lock) adaptiveStats() AdaptiveStats {
	a := &l.ad
	a.mu.Lock()
	defer a.mu.Unlock()
	s := AdaptiveStats{GILMode: l.breaker.Load()&bitGIL != 0, ToGIL: a.toGIL, ToEML: a.toEML, InGIL: a.inGIL,
		Recent: append([]ModeSwitch(nil), a.recent...), Discounts: a.discounts.Load(), Discounted: time.Duration(a.discountedNs.Load())}
	if s.GILMode && a.toGIL > a.toEML {
		s.InGIL += l.sched.Now() - a.gilFrom
	}
	if len(a.by) > 0 {
		s.By = make(map[string]uint64, len(a.by))
		for k, v := range a.by {
			s.By[k] = v
		}
	}
	return s
}

// gilFromStop turns the stop t holds (the world stopped, t detached and
// holding the stop-the-world mutex) into a switch to GIL mode: t takes
// the GIL, the lock turns into it, and the world restarts with t holding
// it, as sticky's switch does. The caller re-attaches t.
func (l *Lock) gilFromStop(t *Thread, s ModeSwitch) {
	// A thread that took the GIL in eml mode (it waited for it before a
	// switch back to eml) finds the bit clear and lets it go at once,
	// without waiting for the world, so this wait ends.
	l.takeGIL(t, false)
	inhibit := s.Inhibit
	if s.Reason != ReasonCost {
		inhibit = adaptiveMinInhibit
	}
	l.ad.inhibitUntil.Store(int64(s.At + inhibit))
	l.adaptiveRecord(s)
	l.breaker.Or(bitGIL)
	l.startTheWorld(t)
	l.stw.unlock(&t.stwNode)
}

// switchToGIL is a forced switch to GIL mode by t, attached at depth zero
// in eml mode: it stops the world and turns the stop into the switch.
func (t *Thread) switchToGIL() {
	l := t.lock
	t.suspend()
	defer t.resume()
	t.detachState()
	t.setWaiting(waitSTW)
	l.stw.lock(&t.stwNode)
	t.setWaiting(waitNone)
	if l.breaker.Load()&bitGIL != 0 {
		l.stw.unlock(&t.stwNode)
		t.attach(false)
		return
	}
	l.stopTheWorld(t)
	l.gilFromStop(t, ModeSwitch{At: l.sched.Now(), ToGIL: true, Reason: ReasonForced})
	if !t.state.move(stateDetached, stateAttached) {
		panic("eml: internal error: switching thread's state moved during the switch")
	}
}

// switchToEML is the switch back, by t, which holds the GIL at depth
// zero: holding it, t already runs alone -- every other thread is
// detached, waiting for the GIL or blocked -- so the world is stopped; t
// clears the mode and lets the GIL go. A thread that waited for the GIL
// takes it, finds eml mode, lets it go and attaches shared.
//
// Those threads are owed a turn, as the threads a stop parked are (G8):
// they want to run, and once eml mode lets a stream of promotions stop
// the world, a detached thread is suspended by each stop without being
// waited for -- a GIL waiter woken after the switch could lose the
// processor to the promoters stop after stop (Go hands a woken goroutine
// the waker's processor next, and the promoters wake each other through
// the stop-the-world queue), until Go's preemption.
// TestAdaptivePromotionStreamDoesNotStarve saw a core thread miss every
// stop of an eml period that way. So t counts each of them in l.parked
// before it clears the mode, and the next stopper waits for them to
// attach.
func (t *Thread) switchToEML(reason string) {
	l := t.lock
	for _, o := range *l.threads.Load() {
		if w := o.waiting.Load(); o != t && (w == waitGIL || w == waitSwitch) && o.owed.CompareAndSwap(false, true) {
			l.parked.Add(1)
		}
	}
	l.adaptiveRecord(ModeSwitch{At: l.sched.Now(), Reason: reason})
	l.ad.resetWindow(l.sched.Now())
	l.breaker.And(^bitGIL)
	l.releaseGIL(t)
}

// adapt is an adaptive lock's check at a point where t, attached at depth
// zero and not stopping the world, may switch the lock's mode: a
// ModeSwitcher's choice, or the end of the inhibit period in GIL mode.
func (t *Thread) adapt() {
	l := t.lock
	if l.switcher != nil {
		if !l.switcher(t.w) {
			return
		}
		if t.holdsGIL {
			t.switchToEML(ReasonForced)
		} else {
			t.switchToGIL()
		}
		return
	}
	if t.holdsGIL && int64(l.sched.Now()) >= l.ad.inhibitUntil.Load() {
		t.switchToEML(ReasonInhibit)
	}
}

// adaptInStop is asked by t, stopping the world for its outermost
// promotion in eml mode: whether to turn the stop into a switch to the
// GIL (the model's decision, or a ModeSwitcher's). It reports whether it
// did; t then holds the GIL, detached, and the world runs again.
func (t *Thread) adaptInStop() bool {
	l := t.lock
	now := l.sched.Now()
	var s ModeSwitch
	if l.switcher != nil {
		if !l.switcher(t.w) {
			return false
		}
		s = ModeSwitch{At: now, ToGIL: true, Reason: ReasonForced}
	} else {
		var ok bool
		if s, ok = l.adaptiveDecide(now); !ok {
			return false
		}
	}
	l.gilFromStop(t, s)
	return true
}
