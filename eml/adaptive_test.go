package eml

import (
	"bytes"
	"fmt"
	"math"
	"runtime"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestAdaptiveDecide: the cost model on windows whose sums are set by
// hand. Two windows in a row of stops that leave the world little shared
// time cost more than a GIL would and switch (the first is a strike), and
// set BRAVO's inhibit (N times the
// loss, clamped); one whose stops are cheap beside the parallel time does
// not, and slides once it is two windows long; a window too short or with
// too few stops decides nothing. The GIL's estimate includes its
// hand-offs, one a switch interval while another thread wants to run, at
// the lock's measured hand-off cost (or adaptiveHandoff before it has
// measured one): they can turn a window that would switch into one that
// does not.
func TestAdaptiveDecide(t *testing.T) {
	l, err := New(Config{Policy: PolicyAdaptive})
	if err != nil {
		t.Fatal(err)
	}
	l.procs = 4
	type window struct {
		length, ttsp, hold, restart time.Duration
		stops                       int
		par                         float64 // per stop
	}
	// set makes the window, with contended of its stops finding another
	// thread wanting to run, and the lock's measured hand-off (0: none
	// measured yet).
	set := func(w window, contended int, handoff, now time.Duration) {
		l.ad.resetWindow(now - w.length)
		l.ad.ttsp, l.ad.hold, l.ad.stops, l.ad.par, l.ad.contended = w.ttsp, w.hold, w.stops, w.par*float64(w.stops), contended
		l.ad.restart.Store(int64(w.restart))
		l.stats.handoff.count.Store(0)
		if handoff > 0 {
			l.handedOff(handoff)
		}
	}
	const now = time.Hour
	ms, us := time.Millisecond, time.Microsecond
	if l.SwitchInterval() != 5*ms {
		t.Fatalf("switch interval %v: the cases below assume 5ms", l.SwitchInterval())
	}
	// W=10ms, T=1ms, H=8ms, S=1ms at parallelism 1: the GIL's work is
	// 9ms, 1.8 switch intervals of it.
	tight := window{10 * ms, 1 * ms, 8 * ms, 0, 50, 1}
	prior := time.Duration(math.Round(1.8 * float64(adaptiveHandoff)))
	for _, tc := range []struct {
		name      string
		w         window
		contended int
		handoff   time.Duration // measured; 0: none yet
		switch_   bool
		gil       time.Duration // the GIL's estimate, when it switches
		handoffs  time.Duration // of which hand-offs
		inhibit   time.Duration
	}{
		// W=10ms, T=3ms, H=4ms, R=1ms, S=2ms at parallelism 2: the GIL
		// would take 4+1+2*2=9ms; 10 > 9.45, loss 1ms, inhibit 19ms.
		{"stops cost more than the parallelism gives", window{10 * ms, 3 * ms, 4 * ms, 1 * ms, 50, 2}, 0, 0, true, 9 * ms, 0, 19 * ms},
		// W=10ms, T+R=1ms, H=1ms, S=8ms at 2: the GIL 17.5ms.
		{"parallelism pays for the stops", window{10 * ms, 500 * us, 1 * ms, 500 * us, 50, 2}, 0, 0, false, 0, 0, 0},
		// One thread: no parallelism to lose, every stop's wait is loss:
		// the GIL 8+0.2+1=9.2ms, loss 0.8ms, inhibit 15.2ms.
		{"one thread", window{10 * ms, 800 * us, 8 * ms, 200 * us, 50, 1}, 0, 0, true, 9200 * us, 0, 15200 * us},
		// The restart is one thread running, as under a GIL: a window
		// of restarts is no loss.
		{"restarts are no loss", window{10 * ms, 100 * us, 1 * ms, 8 * ms, 50, 1}, 0, 0, false, 0, 0, 0},
		// Within the margin: W=10ms, GIL 9.6ms (10 < 10.08).
		{"within the margin", window{10 * ms, 400 * us, 9600 * us, 0, 50, 1}, 0, 0, false, 0, 0, 0},
		// A long window wholly lost: at most adaptiveMaxInhibit.
		{"inhibit clamped above", window{200 * ms, 100 * ms, 100 * ms, 0, 50, 1}, 0, 0, true, 100 * ms, 0, adaptiveMaxInhibit},
		{"too few stops", window{10 * ms, 5 * ms, 5 * ms, 0, adaptiveMinStops - 1, 1}, 0, 0, false, 0, 0, 0},
		{"too short", window{adaptiveWindow - 1, 5 * ms, 4 * ms, 0, 50, 1}, 0, 0, false, 0, 0, 0},
		// The GIL's hand-offs. Nobody else wanted to run: none, and
		// the GIL's 9ms lose to eml's 10ms.
		{"uncontended: no hand-offs", tight, 0, 500 * us, true, 9 * ms, 0, 19 * ms},
		// Every stop found another thread wanting to run: a GIL would
		// hand over 1.8 times at 500us, 9.9ms, and 10 < 10.395.
		{"hand-offs make the GIL dearer", tight, 50, 500 * us, false, 0, 0, 0},
		// Half of them: 450us of hand-offs, 9.45ms; 10 > 9.9225, loss
		// 0.55ms, inhibit 10.45ms.
		{"hand-offs in proportion to contention", tight, 25, 500 * us, true, 9450 * us, 450 * us, 10450 * us},
		// No hand-off measured yet: the prior, adaptiveHandoff.
		{"the prior before a hand-off is measured", tight, 50, 0, true, 9*ms + prior, prior, adaptiveInhibitN * (ms - prior)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l.ad.strikes = 0
			set(tc.w, tc.contended, tc.handoff, now)
			s, ok := l.adaptiveDecide(now)
			if tc.switch_ {
				// Hysteresis: the first losing window is a strike and
				// starts a fresh one; the second in a row switches.
				if ok || l.ad.strikes != 1 || l.ad.winStart != now || l.ad.stops != 0 || l.ad.contended != 0 {
					t.Fatalf("first losing window: switch %v, %d strikes, window start %v with %d stops (%d contended); want no switch, 1 strike, a fresh window at %v", ok, l.ad.strikes, l.ad.winStart, l.ad.stops, l.ad.contended, now)
				}
				set(tc.w, tc.contended, tc.handoff, now)
				s, ok = l.adaptiveDecide(now)
			}
			if ok != tc.switch_ {
				t.Fatalf("switch = %v (%+v), want %v", ok, s, tc.switch_)
			}
			if !ok {
				return
			}
			if s.GILCost != tc.gil || s.Handoffs != tc.handoffs || s.Inhibit != tc.inhibit || s.Window != tc.w.length || s.Reason != ReasonCost || !s.ToGIL {
				t.Fatalf("switch %+v; want GIL cost %v (hand-offs %v), inhibit %v, window %v", s, tc.gil, tc.handoffs, tc.inhibit, tc.w.length)
			}
		})
	}
	t.Run("a window that does not lose clears the strikes", func(t *testing.T) {
		l.ad.strikes = adaptiveStrikes - 1
		set(window{10 * ms, 500 * us, 1 * ms, 500 * us, 50, 2}, 0, 0, now)
		if _, ok := l.adaptiveDecide(now); ok || l.ad.strikes != 0 {
			t.Fatalf("cheap window after a strike: switch %v, %d strikes; want no switch and 0 strikes", ok, l.ad.strikes)
		}
		set(window{10 * ms, 3 * ms, 4 * ms, 1 * ms, 50, 2}, 0, 0, now)
		if _, ok := l.adaptiveDecide(now); ok {
			t.Fatal("one losing window after the strikes were cleared switched")
		}
	})
	t.Run("slides", func(t *testing.T) {
		l.ad.strikes = 0
		set(window{2 * adaptiveWindow, 500 * us, 1 * ms, 0, 40, 2}, 40, 0, now)
		if _, ok := l.adaptiveDecide(now); ok {
			t.Fatal("switched on cheap stops")
		}
		if l.ad.winStart != now-adaptiveWindow || l.ad.stops != 20 || l.ad.contended != 20 || l.ad.ttsp != 250*us || l.ad.hold != 500*us {
			t.Fatalf("after sliding: start %v, %d stops (%d contended), ttsp %v, hold %v; want the window halved", l.ad.winStart, l.ad.stops, l.ad.contended, l.ad.ttsp, l.ad.hold)
		}
	})
	t.Run("parallelism capped at GOMAXPROCS", func(t *testing.T) {
		l.ad.resetWindow(0)
		l.adaptiveStopped(time.Microsecond, 9, 0)
		if l.ad.par != 4 {
			t.Fatalf("a stop that waited for 9 threads on 4 processors counted parallelism %v, want 4", l.ad.par)
		}
	})
	t.Run("contention: attached or queued", func(t *testing.T) {
		l.ad.resetWindow(0)
		l.adaptiveStopped(time.Microsecond, 0, 0) // alone
		l.adaptiveStopped(time.Microsecond, 0, 2) // two queued to promote
		l.adaptiveStopped(time.Microsecond, 1, 0) // one running
		if l.ad.stops != 3 || l.ad.contended != 2 || l.ad.par != 1+1+2 {
			t.Fatalf("%d stops, %d contended, parallelism %v; want 3, 2 (the queued and the attached), 4", l.ad.stops, l.ad.contended, l.ad.par)
		}
	})
}

// wakeClock is the real scheduler with a clock that moves only when a
// waiter is woken, by wake each time, and that counts parks: a hand-off
// of the GIL then lasts exactly wake on it.
type wakeClock struct {
	RealScheduler
	wake  time.Duration
	now   atomic.Int64
	parks atomic.Int64
}

func (c *wakeClock) Now() time.Duration      { return time.Duration(c.now.Load()) }
func (c *wakeClock) advance(d time.Duration) { c.now.Add(int64(d)) }
func (c *wakeClock) Park(w *Waiter)          { c.parks.Add(1); c.RealScheduler.Park(w) }
func (c *wakeClock) Unpark(w *Waiter)        { c.advance(c.wake); c.RealScheduler.Unpark(w) }

// TestGILHandoffMeasured: the lock measures its own hand-offs of the GIL,
// from the holder letting it go to the waiter holding it, and the
// adaptive model's hand-off cost is that measure once there is one (the
// prior, adaptiveHandoff, before). On a clock that moves only at wake-ups,
// a waiter parked for the GIL gets it exactly one wake-up after the
// holder's drop; a further hand-off moves the mean by an eighth of the
// difference.
func TestGILHandoffMeasured(t *testing.T) {
	const wake = 300 * time.Microsecond
	clock := &wakeClock{wake: wake}
	l, err := New(Config{Policy: PolicyGIL, SwitchInterval: time.Second, Scheduler: clock})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.handoffCost(); got != adaptiveHandoff {
		t.Fatalf("before any hand-off the model's cost is %v, want the prior %v", got, adaptiveHandoff)
	}
	holder, waiter := l.Register("holder"), l.Register("waiter")
	check(holder.Attach())
	took, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		check(waiter.Attach())
		close(took)
		<-release
		check(waiter.Detach())
		check(waiter.Close())
	}()
	for clock.parks.Load() == 0 {
		runtime.Gosched() // until the waiter is parked for the GIL
	}
	if s := l.Stats(); s.Handoffs.Count != 0 {
		t.Fatalf("%d hand-offs before the holder let the GIL go", s.Handoffs.Count)
	}
	clock.advance(time.Second) // the waiter's switch interval
	go func() {
		defer close(done)
		check(holder.Poll()) // drops the GIL, and waits for it back
		check(holder.Detach())
		check(holder.Close())
	}()
	<-took
	s := l.Stats()
	if s.Handoffs.Count != 1 || s.Handoffs.Total != wake || s.Handoffs.Max != wake || l.handoffCost() != wake {
		t.Fatalf("after one hand-off on a clock that moved %v: %v (total %v), model's cost %v; want one of %v", wake, s.Handoffs, s.Handoffs.Total, l.handoffCost(), wake)
	}
	close(release)
	<-done // the holder took the GIL back: a hand-off too, if it waited
	m := l.handoffCost()
	l.handedOff(m + 800*time.Microsecond)
	if got, want := l.handoffCost(), m+100*time.Microsecond; got != want {
		t.Fatalf("a hand-off of %v after a mean of %v makes it %v, want %v", m+800*time.Microsecond, m, got, want)
	}
}

// busyLoop runs th attached, polling, and every promoteEvery polls
// promoting around a short spin, until stop; it counts its polls.
func busyLoop(th *Thread, promoteEvery int, stop *atomic.Bool, polls *atomic.Int64, errs chan<- error) {
	check := func(err error) bool {
		if err != nil {
			errs <- err
			return false
		}
		return true
	}
	if !check(th.Attach()) {
		return
	}
	for i := 1; !stop.Load(); i++ {
		if !check(th.Poll()) {
			return
		}
		polls.Add(1)
		for j := 0; j < 200; j++ {
			_ = j * j
		}
		if promoteEvery > 0 && i%promoteEvery == 0 {
			if !check(th.PromoteFor("work")) {
				return
			}
			for j := 0; j < 200; j++ {
				_ = j * j
			}
			if !check(th.Demote()) {
				return
			}
		}
	}
	check(th.Detach())
	check(th.Close())
}

// TestAdaptiveFollowsCost: on real goroutines, with the cost model
// deciding. Threads that do nothing but promote (every stop is loss: the
// world is never shared long) make the lock switch to the GIL on cost and,
// once the inhibit runs out, back to eml -- both seen within a time
// budget, not a wall-clock threshold. Then the same threads without
// promotions: the lock ends in eml mode and does not switch again, since
// without stops there is nothing to pay for. The switches on cost charge
// the GIL its hand-offs: every promoter wants to run.
func TestAdaptiveFollowsCost(t *testing.T) {
	l, err := New(Config{Policy: PolicyAdaptive})
	if err != nil {
		t.Fatal(err)
	}
	n := max(2, runtime.GOMAXPROCS(0))
	run := func(promoteEvery int, until func(AdaptiveStats, int64) bool, what string) AdaptiveStats {
		var stop atomic.Bool
		var polls atomic.Int64
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for i := range n {
			th := l.Register(fmt.Sprint("busy", i))
			wg.Add(1)
			go func() { defer wg.Done(); busyLoop(th, promoteEvery, &stop, &polls, errs) }()
		}
		deadline := time.Now().Add(60 * time.Second)
		for !until(l.Stats().Adaptive, polls.Load()) && time.Now().Before(deadline) && len(errs) == 0 {
			time.Sleep(time.Millisecond)
		}
		stop.Store(true)
		watchdog(t, l, &wg, what)
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		a := l.Stats().Adaptive
		t.Logf("%s: %d polls; %d switches to the GIL, %d back (%v), %v in GIL mode", what, polls.Load(), a.ToGIL, a.ToEML, a.By, a.InGIL)
		for _, s := range a.Recent {
			t.Logf("  %v", s)
		}
		return a
	}
	a := run(1, func(a AdaptiveStats, _ int64) bool { return a.By[ReasonCost] > 0 && a.By[ReasonInhibit] > 0 }, "promoting")
	if a.By[ReasonCost] == 0 || a.By[ReasonInhibit] == 0 {
		t.Fatalf("threads that only promote: in 60s the lock switched to the GIL on cost %d times and back after the inhibit %d times; want both", a.By[ReasonCost], a.By[ReasonInhibit])
	}
	charged := 0
	for _, s := range a.Recent {
		if s.ToGIL && s.Reason == ReasonCost && (s.Window <= s.GILCost || s.Inhibit < adaptiveMinInhibit || s.Inhibit > adaptiveMaxInhibit) {
			t.Errorf("switch %v: a switch on cost needs eml's window to cost more than the GIL, and an inhibit in bounds", s)
		}
		if s.ToGIL && s.Reason == ReasonCost && s.Handoffs > 0 {
			charged++
		}
	}
	// Every promoter's stop finds the others running or queued to
	// promote: a GIL would hand over between them, and the model says so.
	if charged == 0 {
		t.Errorf("none of the switches on cost charged the GIL a hand-off, with %d threads all wanting to run", n)
	}
	// No promotions: the GIL holder's safe points (another thread waits
	// for it) end the inhibit; from then on the lock stays eml.
	a = run(0, func(a AdaptiveStats, _ int64) bool { return !a.GILMode }, "not promoting")
	if a.GILMode {
		t.Fatalf("without promotions the lock was still in GIL mode after 60s (%d switches to it, %d back)", a.ToGIL, a.ToEML)
	}
	toGIL := a.ToGIL
	run(0, func(_ AdaptiveStats, polls int64) bool { return polls >= 100_000 }, "not promoting, again")
	if s := l.Stats(); s.Adaptive.ToGIL != toGIL || s.Adaptive.GILMode {
		t.Fatalf("without a stop the lock switched to the GIL: %d switches, was %d", s.Adaptive.ToGIL, toGIL)
	}
}

// TestAdaptiveInspect: Inspect under adaptive, while busy threads promote
// and the lock switches mode at every 2000th point it asks: in either mode
// no busy thread moves while the function runs (it yields the processor
// a thousand times, so a thread that could run would), and inspections
// are seen in both modes within a time budget.
func TestAdaptiveInspect(t *testing.T) {
	l, err := New(Config{Policy: PolicyAdaptive, SwitchInterval: 50 * time.Microsecond})
	if err != nil {
		t.Fatal(err)
	}
	var asked atomic.Int64
	l.switcher = func(*Waiter) bool { return asked.Add(1)%2000 == 0 }
	var stop atomic.Bool
	var polls atomic.Int64
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for i := range 2 {
		th := l.Register(fmt.Sprint("busy", i))
		wg.Add(1)
		go func() { defer wg.Done(); busyLoop(th, 20, &stop, &polls, errs) }()
	}
	me := l.Register("inspector")
	var inGIL, inEML, moved int
	deadline := time.Now().Add(60 * time.Second)
	for (inGIL < 3 || inEML < 3) && time.Now().Before(deadline) && len(errs) == 0 {
		err := me.Inspect(func() {
			if l.GILEnabled() {
				inGIL++
			} else {
				inEML++
			}
			before := polls.Load()
			for range 1000 {
				runtime.Gosched()
			}
			if polls.Load() != before {
				moved++
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Microsecond)
	}
	stop.Store(true)
	watchdog(t, l, &wg, "adaptive inspect")
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	a := l.Stats().Adaptive
	t.Logf("%d inspections in GIL mode, %d in eml mode; %d switches to the GIL, %d back", inGIL, inEML, a.ToGIL, a.ToEML)
	if moved > 0 {
		t.Fatalf("%d of %d inspections saw a busy thread poll while the world was stopped", moved, inGIL+inEML)
	}
	if inGIL < 3 || inEML < 3 {
		t.Fatalf("in 60s, %d inspections in GIL mode and %d in eml mode; want 3 of each", inGIL, inEML)
	}
}

// TestAdaptiveTrace: with Config.Trace, each switch of an adaptive lock
// is logged in the runtime/trace, with its direction and reason; a switch
// inside a promotion's stop leaves the promoter holding the GIL, and one
// at an Attach (in GIL mode Attach leaves its fast path) hands it back.
func TestAdaptiveTrace(t *testing.T) {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		t.Skip("tracing unavailable:", err)
	}
	l, _ := New(Config{Policy: PolicyAdaptive, Trace: true})
	l.switcher = func(*Waiter) bool { return true }
	a := l.Register("a")
	check(a.Attach())  // the fast path: nothing to ask
	check(a.Promote()) // eml -> gil, inside the promotion's stop
	gilInPromotion := a.HoldsGIL() && a.RunsAlone()
	check(a.Demote())
	check(a.Detach())
	check(a.Attach()) // gil -> eml
	emlAfterAttach := !a.HoldsGIL()
	check(a.Promote()) // eml -> gil again
	gilAfterAttach := a.HoldsGIL()
	check(a.Demote())
	check(a.Detach())
	check(a.Close())
	trace.Stop()
	if !gilAfterAttach || !emlAfterAttach || !gilInPromotion {
		t.Errorf("forced switches: GIL inside the first promotion %v, eml after the second attach %v, GIL inside the second promotion %v; want all true", gilInPromotion, emlAfterAttach, gilAfterAttach)
	}
	for _, want := range []string{"eml.adaptive", "to gil (forced)", "to eml (forced)"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("trace has no %q", want)
		}
	}
	if s := l.Stats(); s.Adaptive.ToGIL != 2 || s.Adaptive.ToEML != 1 || s.Stops != 2 || !s.Adaptive.GILMode {
		t.Errorf("Stats: %d stops, %+v; want 2 stops (the promotions', each turned into a switch), 2 switches to the GIL, 1 back, GIL mode", s.Stops, s.Adaptive)
	}
}

// TestAdaptiveTTSPCharge: a stop's time to safe point is charged at most
// adaptiveTTSPCapK times the median of the ring of stops before it, never
// capped below adaptiveTTSPFloor; a stop a descheduled thread held up is
// discounted, a real change of every stop's time is charged in full once
// it fills half the ring.
func TestAdaptiveTTSPCharge(t *testing.T) {
	us, ms := time.Microsecond, time.Millisecond
	fill := func(a *adaptiveState, d time.Duration, n int) {
		for range n {
			a.ttspCharge(d)
		}
	}
	for _, tc := range []struct {
		name          string
		ring          []time.Duration // samples, each added this many times: pairs (d, n)
		ttsp, charged time.Duration
	}{
		{"the first stop is charged in full", nil, 5 * ms, 5 * ms},
		{"a descheduled stop among microsecond ones: the floor", []time.Duration{2 * us, 31}, 5 * ms, adaptiveTTSPFloor},
		{"under the floor: in full", []time.Duration{2 * us, 31}, 90 * us, 90 * us},
		{"eight times the median: in full", []time.Duration{1 * ms, 32}, 8 * ms, 8 * ms},
		{"above it: capped", []time.Duration{1 * ms, 32}, 20 * ms, 8 * ms},
		{"outliers do not move the median", []time.Duration{2 * us, 17, 5 * ms, 15}, 5 * ms, adaptiveTTSPFloor},
		{"a real change moves it within half the ring", []time.Duration{2 * us, 15, 5 * ms, 17}, 5 * ms, 5 * ms},
		{"old samples leave the ring", []time.Duration{5 * ms, 100, 2 * us, 32}, 5 * ms, adaptiveTTSPFloor},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a adaptiveState
			for i := 0; i < len(tc.ring); i += 2 {
				fill(&a, tc.ring[i], int(tc.ring[i+1]))
			}
			if got := a.ttspCharge(tc.ttsp); got != tc.charged {
				t.Fatalf("charged %v for %v, want %v", got, tc.ttsp, tc.charged)
			}
		})
	}
}

// TestAdaptiveDescheduledStopDoesNotSwitch: a window of stops beside a
// busy thread whose times to safe point are microseconds, but two of
// which waited 4ms each for a thread the host descheduled (docs/eml.md's
// loaded runs), would lose against the GIL's estimate if charged raw; the
// cap leaves the excess out, the window wins, and Stats counts the two
// discounts.
func TestAdaptiveDescheduledStopDoesNotSwitch(t *testing.T) {
	l, err := New(Config{Policy: PolicyAdaptive})
	if err != nil {
		t.Fatal(err)
	}
	l.procs = 2
	us, ms := time.Microsecond, time.Millisecond
	const now = time.Hour
	for _, strikes := range []int{0, adaptiveStrikes - 1} {
		l.ad.strikes = strikes
		l.ad.resetWindow(now - 10*ms)
		for range 30 {
			l.adaptiveStopped(2*us, 1, 0)
		}
		l.adaptiveStopped(4*ms, 1, 0)
		l.adaptiveStopped(4*ms, 1, 0)
		l.ad.hold = 1 * ms
		if l.ad.ttsp != 60*us+2*adaptiveTTSPFloor || l.ad.discounted != 2*(4*ms-adaptiveTTSPFloor) {
			t.Fatalf("window charged %v of time to safe point, discounted %v; want %v and %v", l.ad.ttsp, l.ad.discounted, 60*us+2*adaptiveTTSPFloor, 2*(4*ms-adaptiveTTSPFloor))
		}
		if s, ok := l.adaptiveDecide(now); ok || l.ad.strikes != 0 {
			t.Fatalf("with %d strikes before: switch %v (%v), %d strikes after; want no switch and none", strikes, ok, s, l.ad.strikes)
		}
		// Charged raw, the same window loses: W = 10ms against a GIL's
		// 1ms + 2*(10 - 8.06 - 1)ms = 2.88ms.
		l.ad.resetWindow(now - 10*ms)
		l.ad.ttsp, l.ad.hold, l.ad.stops, l.ad.par = 60*us+8*ms, 1*ms, 32, 64
		l.ad.strikes = 0
		if _, ok := l.adaptiveDecide(now); ok || l.ad.strikes != 1 {
			t.Fatalf("the raw window did not lose: %d strikes", l.ad.strikes)
		}
	}
	if s := l.Stats().Adaptive; s.Discounts != 4 || s.Discounted != 4*(4*ms-adaptiveTTSPFloor) {
		t.Fatalf("Stats: %d discounts, %v discounted; want 4 and %v", s.Discounts, s.Discounted, 4*(4*ms-adaptiveTTSPFloor))
	}
}
