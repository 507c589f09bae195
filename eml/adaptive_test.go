package eml

import (
	"bytes"
	"fmt"
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
// too few stops decides nothing.
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
	set := func(w window, now time.Duration) {
		l.ad.resetWindow(now - w.length)
		l.ad.ttsp, l.ad.hold, l.ad.stops, l.ad.par = w.ttsp, w.hold, w.stops, w.par*float64(w.stops)
		l.ad.restart.Store(int64(w.restart))
	}
	const now = time.Hour
	ms := time.Millisecond
	for _, tc := range []struct {
		name    string
		w       window
		switch_ bool
		gil     time.Duration // the GIL's estimate, when it switches
		inhibit time.Duration
	}{
		// W=10ms, T=3ms, H=4ms, R=1ms, S=2ms at parallelism 2: the GIL
		// would take 4+1+2*2=9ms; 10 > 9.45, loss 1ms, inhibit 19ms.
		{"stops cost more than the parallelism gives", window{10 * ms, 3 * ms, 4 * ms, 1 * ms, 50, 2}, true, 9 * ms, 19 * ms},
		// W=10ms, T+R=1ms, H=1ms, S=8ms at 2: the GIL 17.5ms.
		{"parallelism pays for the stops", window{10 * ms, 500 * time.Microsecond, 1 * ms, 500 * time.Microsecond, 50, 2}, false, 0, 0},
		// One thread: no parallelism to lose, every stop's wait is loss:
		// the GIL 8+0.2+1=9.2ms, loss 0.8ms, inhibit 15.2ms.
		{"one thread", window{10 * ms, 800 * time.Microsecond, 8 * ms, 200 * time.Microsecond, 50, 1}, true, 9200 * time.Microsecond, 15200 * time.Microsecond},
		// The restart is one thread running, as under a GIL: a window
		// of restarts is no loss.
		{"restarts are no loss", window{10 * ms, 100 * time.Microsecond, 1 * ms, 8 * ms, 50, 1}, false, 0, 0},
		// Within the margin: W=10ms, GIL 9.6ms (10 < 10.08).
		{"within the margin", window{10 * ms, 400 * time.Microsecond, 9600 * time.Microsecond, 0, 50, 1}, false, 0, 0},
		// A long window wholly lost: at most adaptiveMaxInhibit.
		{"inhibit clamped above", window{200 * ms, 100 * ms, 100 * ms, 0, 50, 1}, true, 100 * ms, adaptiveMaxInhibit},
		{"too few stops", window{10 * ms, 5 * ms, 5 * ms, 0, adaptiveMinStops - 1, 1}, false, 0, 0},
		{"too short", window{adaptiveWindow - 1, 5 * ms, 4 * ms, 0, 50, 1}, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l.ad.strikes = 0
			set(tc.w, now)
			s, ok := l.adaptiveDecide(now)
			if tc.switch_ {
				// Hysteresis: the first losing window is a strike and
				// starts a fresh one; the second in a row switches.
				if ok || l.ad.strikes != 1 || l.ad.winStart != now || l.ad.stops != 0 {
					t.Fatalf("first losing window: switch %v, %d strikes, window start %v with %d stops; want no switch, 1 strike, a fresh window at %v", ok, l.ad.strikes, l.ad.winStart, l.ad.stops, now)
				}
				set(tc.w, now)
				s, ok = l.adaptiveDecide(now)
			}
			if ok != tc.switch_ {
				t.Fatalf("switch = %v (%+v), want %v", ok, s, tc.switch_)
			}
			if !ok {
				return
			}
			if s.GILCost != tc.gil || s.Inhibit != tc.inhibit || s.Window != tc.w.length || s.Reason != ReasonCost || !s.ToGIL {
				t.Fatalf("switch %+v; want GIL cost %v, inhibit %v, window %v", s, tc.gil, tc.inhibit, tc.w.length)
			}
		})
	}
	t.Run("a window that does not lose clears the strikes", func(t *testing.T) {
		l.ad.strikes = adaptiveStrikes - 1
		set(window{10 * ms, 500 * time.Microsecond, 1 * ms, 500 * time.Microsecond, 50, 2}, now)
		if _, ok := l.adaptiveDecide(now); ok || l.ad.strikes != 0 {
			t.Fatalf("cheap window after a strike: switch %v, %d strikes; want no switch and 0 strikes", ok, l.ad.strikes)
		}
		set(window{10 * ms, 3 * ms, 4 * ms, 1 * ms, 50, 2}, now)
		if _, ok := l.adaptiveDecide(now); ok {
			t.Fatal("one losing window after the strikes were cleared switched")
		}
	})
	t.Run("slides", func(t *testing.T) {
		l.ad.strikes = 0
		set(window{2 * adaptiveWindow, 500 * time.Microsecond, 1 * ms, 0, 40, 2}, now)
		if _, ok := l.adaptiveDecide(now); ok {
			t.Fatal("switched on cheap stops")
		}
		if l.ad.winStart != now-adaptiveWindow || l.ad.stops != 20 || l.ad.ttsp != 250*time.Microsecond || l.ad.hold != 500*time.Microsecond {
			t.Fatalf("after sliding: start %v, %d stops, ttsp %v, hold %v; want the window halved", l.ad.winStart, l.ad.stops, l.ad.ttsp, l.ad.hold)
		}
	})
	t.Run("parallelism capped at GOMAXPROCS", func(t *testing.T) {
		l.ad.resetWindow(0)
		l.adaptiveStopped(time.Microsecond, 9)
		if l.ad.par != 4 {
			t.Fatalf("a stop that waited for 9 threads on 4 processors counted parallelism %v, want 4", l.ad.par)
		}
	})
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
// without stops there is nothing to pay for.
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
	for _, s := range a.Recent {
		if s.ToGIL && s.Reason == ReasonCost && (s.Window <= s.GILCost || s.Inhibit < adaptiveMinInhibit || s.Inhibit > adaptiveMaxInhibit) {
			t.Errorf("switch %v: a switch on cost needs eml's window to cost more than the GIL, and an inhibit in bounds", s)
		}
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
