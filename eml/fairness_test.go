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

// waitAll runs fns on goroutines and waits, failing with every thread's
// state if they deadlock.
func waitAll(t *testing.T, l *Lock, fns ...func()) {
	t.Helper()
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Add(1)
		go func() { defer wg.Done(); fn() }()
	}
	watchdog(t, l, &wg, t.Name())
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

// TestPromotionStreamDoesNotStarve (G8): three threads promote back to back
// while a core thread polls. The core thread must be brought to a safe
// point by every stop -- it never stays parked across two -- and between
// two stops it makes progress.
func TestPromotionStreamDoesNotStarve(t *testing.T) {
	for _, kind := range MutexKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			l, _ := New(Config{Mutex: kind})
			core := l.Register("core")
			var steps atomic.Int64
			var stop atomic.Bool
			const perPromoter = 300
			promoter := func(i int) func() {
				th := l.Register(fmt.Sprintf("promoter%d", i))
				return func() {
					check(th.Attach())
					for j := 0; j < perPromoter; j++ {
						check(th.Promote())
						check(th.Demote())
					}
					check(th.Detach())
					check(th.Close())
				}
			}
			var started atomic.Bool
			var fns []func()
			fns = append(fns, func() {
				check(core.Attach())
				for !stop.Load() {
					check(core.Poll())
					started.Store(true)
					steps.Add(1)
				}
				check(core.Detach())
			})
			for i := range 3 {
				p := promoter(i)
				fns = append(fns, func() {
					for !started.Load() {
						runtime.Gosched()
					}
					p()
				})
			}
			var wg sync.WaitGroup
			for _, fn := range fns[1:] {
				wg.Add(1)
				go func() { defer wg.Done(); fn() }()
			}
			coreDone := make(chan struct{})
			go func() { defer close(coreDone); fns[0]() }()
			watchdog(t, l, &wg, "promoters")
			stop.Store(true)
			<-coreDone
			s := l.Stats()
			parks := core.parks.Load()
			check(core.Close())
			t.Logf("%d stops, core thread parked %d times and made %d steps; time to safepoint %v", s.Stops, parks, steps.Load(), s.TimeToSafepoint)
			if s.Stops != 3*perPromoter {
				t.Fatalf("stops = %d, want %d", s.Stops, 3*perPromoter)
			}
			if parks != s.Stops {
				t.Errorf("core thread parked for %d of %d stops: some stop found it still parked from the one before", parks, s.Stops)
			}
			if steps.Load() < int64(parks) {
				t.Errorf("core thread made %d steps over %d parks: it did not run between stops", steps.Load(), parks)
			}
		})
	}
}

// TestPromotersFIFO: promoters queue on the stop-the-world mutex in arrival
// order and are served in that order, whatever the primitive. The test
// holds the mutex itself (without stopping the world), lines real Promote
// calls up behind it one at a time, then lets them through.
func TestPromotersFIFO(t *testing.T) {
	for _, kind := range MutexKinds() {
		for _, custom := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/custom=%v", kind, custom), func(t *testing.T) {
				var sched Scheduler
				if custom {
					sched = yieldingScheduler{}
				}
				l, _ := New(Config{Mutex: kind, Scheduler: sched})
				gate := &fifoNode{gate: newExclusive(kind, l.sched, custom), w: NewWaiter("test")}
				l.stw.lock(gate)
				const n = 6
				var order []int
				var mu sync.Mutex
				var wg sync.WaitGroup
				for i := range n {
					th := l.Register(fmt.Sprintf("p%d", i))
					before := l.stw.tail.Load()
					wg.Add(1)
					go func() {
						defer wg.Done()
						check(th.Attach())
						check(th.Promote())
						mu.Lock()
						order = append(order, i)
						mu.Unlock()
						check(th.Demote())
						check(th.Detach())
						check(th.Close())
					}()
					for l.stw.tail.Load() == before {
						runtime.Gosched() // until p<i> is queued
					}
				}
				l.stw.unlock(gate)
				watchdog(t, l, &wg, "queued promoters")
				for i, got := range order {
					if got != i {
						t.Fatalf("promoters served in order %v, want 0..%d", order, n-1)
					}
				}
			})
		}
	}
}

// TestGILForcedSwitching: two CPU-bound threads under the GIL with a short
// switch interval. Every drop on request must hand the GIL to the other
// thread (the dropper may not take it back first), so switches >= drops.
func TestGILForcedSwitching(t *testing.T) {
	for _, kind := range MutexKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			l, _ := New(Config{Policy: PolicyGIL, Mutex: kind, SwitchInterval: 10 * time.Microsecond})
			var progress [2]atomic.Int64
			worker := func(i int) func() {
				th := l.Register(fmt.Sprintf("cpu%d", i))
				return func() {
					check(th.Attach())
					for progress[0].Load() < 20000 || progress[1].Load() < 20000 {
						check(th.Poll())
						progress[i].Add(1)
					}
					check(th.Detach())
					check(th.Close())
				}
			}
			waitAll(t, l, worker(0), worker(1))
			s := l.Stats()
			t.Logf("%d drop requests, %d switches, progress %d/%d", s.DropRequests, s.Switches, progress[0].Load(), progress[1].Load())
			if s.DropRequests == 0 {
				t.Fatalf("no drop requests: the threads never contended")
			}
			if s.Switches < s.DropRequests {
				t.Errorf("%d switches < %d drop requests: a holder took the GIL back before the other thread had it", s.Switches, s.DropRequests)
			}
		})
	}
}

// TestGILPriorities: with a switch interval of an hour, a thread coming
// back from Blocking gets the GIL from a CPU-bound holder only if it may
// ask for an immediate drop. (Without Priorities this test would hang;
// TestGILNoPriorityWaitsForInterval checks the other side.)
func TestGILPriorities(t *testing.T) {
	for _, kind := range MutexKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			l, _ := New(Config{Policy: PolicyGIL, Mutex: kind, SwitchInterval: time.Hour, Priorities: true})
			cpu, io := l.Register("cpu"), l.Register("io")
			var done atomic.Bool
			const rounds = 50
			// The I/O thread holds the GIL first: the CPU thread gets it at
			// the I/O thread's first Blocking, and from then on the I/O
			// thread only ever attaches coming back from Blocking.
			check(io.Attach())
			waitAll(t, l, func() {
				check(cpu.Attach())
				for !done.Load() {
					check(cpu.Poll())
				}
				check(cpu.Detach())
				check(cpu.Close())
			}, func() {
				for range rounds {
					check(io.Blocking(func() { time.Sleep(10 * time.Microsecond) }))
					check(io.Poll())
				}
				done.Store(true)
				check(io.Detach())
				check(io.Close())
			})
			s := l.Stats()
			if s.PriorityRequests == 0 || s.DropRequests == 0 {
				t.Fatalf("priority requests %d, drops %d: the I/O thread never had to ask", s.PriorityRequests, s.DropRequests)
			}
		})
	}
}

// TestGILNoPriorityWaitsForInterval: without Priorities a waiter does not
// get the GIL from a holder that keeps polling until the switch interval
// has passed: the holder's drop deadline is honoured, not ignored.
func TestGILNoPriorityWaitsForInterval(t *testing.T) {
	clock := &manualClock{}
	l, _ := New(Config{Policy: PolicyGIL, SwitchInterval: time.Second, Scheduler: clock})
	holder, waiter := l.Register("holder"), l.Register("waiter")
	check(holder.Attach())
	got := make(chan struct{})
	go func() {
		check(waiter.Attach())
		close(got)
		check(waiter.Detach())
		check(waiter.Close())
	}()
	for l.breaker.Load()&bitDrop == 0 {
		runtime.Gosched() // until the waiter is waiting
	}
	for range 1000 {
		check(holder.Poll())
	}
	select {
	case <-got:
		t.Fatalf("waiter got the GIL before the switch interval passed")
	default:
	}
	clock.advance(time.Second)
	check(holder.Poll())
	<-got
	check(holder.Detach())
	check(holder.Close())
	if s := l.Stats(); s.DropRequests != 1 {
		t.Errorf("drop requests = %d, want 1", s.DropRequests)
	}
}

// manualClock is the real scheduler with a clock the test moves by hand.
type manualClock struct {
	RealScheduler
	now atomic.Int64
}

func (c *manualClock) Now() time.Duration      { return time.Duration(c.now.Load()) }
func (c *manualClock) advance(d time.Duration) { c.now.Add(int64(d)) }

// TestStickySwitchConcurrent: several threads call EnableGIL at once while
// others run; exactly one switch happens, every caller returns holding the
// GIL in turn, and from then on attached means holding the GIL.
func TestStickySwitchConcurrent(t *testing.T) {
	for _, kind := range MutexKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			l, _ := New(Config{Policy: PolicySticky, Mutex: kind})
			var fns []func()
			var bad atomic.Int64
			for i := range 4 {
				th := l.Register(fmt.Sprintf("t%d", i))
				fns = append(fns, func() {
					check(th.Attach())
					for j := range 200 {
						check(th.Poll())
						if j == 50 && i%2 == 0 {
							check(th.EnableGIL(fmt.Sprintf("mod%d", i)))
							if !th.HoldsGIL() {
								bad.Add(1)
							}
						}
					}
					check(th.Detach())
					check(th.Close())
				})
			}
			waitAll(t, l, fns...)
			s := l.Stats()
			if !s.GILEnabled || s.Stops != 1 || (s.GILReason != "mod0" && s.GILReason != "mod2") {
				t.Fatalf("after concurrent switches: enabled=%v stops=%d reason=%q; want true, 1, mod0 or mod2", s.GILEnabled, s.Stops, s.GILReason)
			}
			if bad.Load() != 0 {
				t.Fatalf("%d EnableGIL callers returned without the GIL", bad.Load())
			}
		})
	}
}

// TestPrimitives: each mutex kind excludes, under the real scheduler and
// under one that makes spinners park.
func TestPrimitives(t *testing.T) {
	for _, kind := range MutexKinds() {
		for _, custom := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/custom=%v", kind, custom), func(t *testing.T) {
				var s Scheduler = RealScheduler{}
				if custom {
					s = yieldingScheduler{}
				}
				m := newExclusive(kind, s, custom)
				var inside, count, overlaps atomic.Int64
				var wg sync.WaitGroup
				for i := range 4 {
					w := NewWaiter(fmt.Sprint(i))
					wg.Add(1)
					go func() {
						defer wg.Done()
						for range 2000 {
							m.lock(w)
							if inside.Add(1) != 1 {
								overlaps.Add(1)
							}
							count.Add(1)
							inside.Add(-1)
							m.unlock()
						}
					}()
				}
				wg.Wait()
				if overlaps.Load() != 0 || count.Load() != 8000 {
					t.Fatalf("%d overlapping holders, %d acquisitions; want 0, 8000", overlaps.Load(), count.Load())
				}
				if !m.tryLock() || m.tryLock() {
					t.Fatalf("tryLock on a free lock must succeed once, then fail")
				}
				m.unlock()
			})
		}
	}
}

// TestTraceRegions: with Config.Trace, exclusive sections and parks show up
// in a runtime/trace.
func TestTraceRegions(t *testing.T) {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		t.Skip("tracing unavailable:", err)
	}
	l, _ := New(Config{Trace: true})
	a, b := l.Register("a"), l.Register("b")
	var stop atomic.Bool
	waitAll(t, l, func() {
		check(a.Attach())
		for range 100 {
			check(a.Promote())
			check(a.Demote())
		}
		stop.Store(true)
		check(a.Detach())
		check(a.Close())
	}, func() {
		check(b.Attach())
		for !stop.Load() {
			check(b.Poll())
		}
		check(b.Detach())
		check(b.Close())
	})
	trace.Stop()
	if !bytes.Contains(buf.Bytes(), []byte("eml.exclusive")) {
		t.Fatalf("trace has no eml.exclusive region")
	}
}

// g8Sample is what a promoter saw from inside one promotion: the lock's
// mode and how many times it had switched, and the core thread's parks
// and steps so far.
type g8Sample struct {
	gil, stopped, holdsGIL bool
	modeSwitches, parks    uint64
	steps                  int64
	coreState, coreWaiting string
	// coreLeft: the core thread had stopped running (the test's end).
	coreLeft bool
}

// TestAdaptivePromotionStreamDoesNotStarve (G8 under adaptive): three
// threads promote back to back, polling between promotions, while a core
// thread polls, and the lock switches mode again and again -- to the GIL
// at every 20th point a promoter asks in eml mode, back once the GIL has
// changed hands 40 times -- until it has gone each way 5 times (the core
// thread is never the one to switch: it is the thread whose fairness is
// measured, not a promoter). Each promotion records the lock's mode and
// where the core thread was, so fairness is judged in each mode by its
// own mechanism:
//
//   - eml mode: a promotion stops the world; between two with no switch
//     between them the core thread parked at most once (none found it
//     still parked), and if the first had parked it too it ran between --
//     made a step; at most two stops in a row found it detached and did
//     not park it;
//   - GIL mode: a promotion holds the GIL; the core thread, waiting for
//     it, gets it back within a bounded count of hand-offs (counted, as
//     in TestGILHandoffFairness, from one of its turns to the next with
//     no switch between). Only event is fair by construction and held to
//     a bound; the barging kinds are measured and logged.
//
// A switch back to eml may find the core thread in one of the GIL's waits
// (for the GIL, or for it to change hands after a drop on request); the
// switch counts it as owed a turn, as a stop counts the threads it
// parked, so the first stop after waits for it to attach. Without that
// count (the first version) a promotion stream starved it: it missed
// every stop of an eml period, a hundred promotions in a row.
func TestAdaptivePromotionStreamDoesNotStarve(t *testing.T) {
	const (
		asksPerEML     = 200
		handoffsPerGIL = 40
		switchesEach   = 5
		threads        = 4
		fairBound      = 4 * threads
	)
	for _, kind := range MutexKinds() {
		t.Run(kind.String(), func(t *testing.T) {
			l, _ := New(Config{Policy: PolicyAdaptive, Mutex: kind, SwitchInterval: 50 * time.Microsecond})
			core := l.Register("core")
			var asks atomic.Int64
			var gilFrom atomic.Uint64
			l.switcher = func(w *Waiter) bool {
				if w == core.w {
					return false
				}
				if l.GILEnabled() {
					return l.stats.switches.Load()-gilFrom.Load() >= handoffsPerGIL
				}
				if asks.Add(1)%asksPerEML != 0 {
					return false
				}
				gilFrom.Store(l.stats.switches.Load())
				return true
			}
			modeSwitches := func() uint64 {
				l.ad.mu.Lock()
				defer l.ad.mu.Unlock()
				return l.ad.toGIL + l.ad.toEML
			}
			var steps atomic.Int64
			var stop, started, coreLeft atomic.Bool
			// The core thread's longest wait for the GIL in GIL mode, in
			// hand-offs (from its last turn, or from the switch to the
			// GIL), and its turns in each GIL period (by the count of
			// mode switches before it: odd ones are GIL mode).
			var worstWait int64
			turnsIn := map[uint64]int{}
			coreDone := make(chan struct{})
			go func() {
				defer close(coreDone)
				check(core.Attach())
				var prevSwitches, prevGen uint64
				prevGIL := false
				for !stop.Load() {
					check(core.Poll())
					started.Store(true)
					steps.Add(1)
					sw := l.stats.switches.Load()
					if sw == prevSwitches {
						continue // the same turn (or eml mode)
					}
					gil, gen := core.HoldsGIL(), modeSwitches()
					if gil {
						from := gilFrom.Load()
						if prevGIL && prevGen == gen {
							from = prevSwitches
						}
						turnsIn[gen]++
						worstWait = max(worstWait, int64(sw-from))
					}
					prevSwitches, prevGen, prevGIL = sw, gen, gil
				}
				coreLeft.Store(true)
				check(core.Detach())
			}()
			var mu sync.Mutex
			var samples []g8Sample
			var fns []func()
			for i := range threads - 1 {
				th := l.Register(fmt.Sprintf("promoter%d", i))
				fns = append(fns, func() {
					for !started.Load() {
						runtime.Gosched()
					}
					check(th.Attach())
					for !stop.Load() {
						check(th.Poll())
						check(th.PromoteFor("work"))
						s := g8Sample{gil: l.GILEnabled(), stopped: th.stopped, holdsGIL: th.HoldsGIL(),
							modeSwitches: modeSwitches(), parks: core.parks.Load(), steps: steps.Load(),
							coreState: stateNames[core.state.state()], coreWaiting: waitNames[core.waiting.Load()], coreLeft: coreLeft.Load()}
						mu.Lock()
						samples = append(samples, s)
						mu.Unlock()
						check(th.Demote())
					}
					check(th.Detach())
					check(th.Close())
				})
			}
			var wg sync.WaitGroup
			for _, fn := range fns {
				wg.Add(1)
				go func() { defer wg.Done(); fn() }()
			}
			deadline := time.Now().Add(60 * time.Second)
			for time.Now().Before(deadline) {
				if a := l.Stats().Adaptive; a.ToGIL >= switchesEach && a.ToEML >= switchesEach {
					break
				}
				time.Sleep(time.Millisecond)
			}
			stop.Store(true)
			watchdog(t, l, &wg, "promoters")
			<-coreDone
			check(core.Close())
			a := l.Stats().Adaptive

			// In eml mode, between two promotions with no switch between
			// them, the core thread parks once (for the second's stop) or
			// not at all (it was detached when that stop began: suspended,
			// not waited for); never more, since every stop is sampled. If
			// it parked, it ran to a safe point after the first: a step.
			var emlPairs, inGIL, inEML, skipped, run, longestRun int
			// parkedFirst: the first of the pair is known to have parked
			// the core thread (a pair before it said so).
			parkedFirst := false
			for i, s := range samples {
				if s.gil != s.holdsGIL || s.gil == s.stopped {
					t.Fatalf("promotion %d in %s mode: held the GIL %v, stopped the world %v; want the one its mode does", i, map[bool]string{true: "GIL", false: "eml"}[s.gil], s.holdsGIL, s.stopped)
				}
				if s.coreLeft {
					break
				}
				if s.gil {
					inGIL++
					continue
				}
				inEML++
				if i == 0 {
					continue
				}
				p := samples[i-1]
				if p.gil || s.modeSwitches != p.modeSwitches {
					run, parkedFirst = 0, false // a new eml period
					continue
				}
				emlPairs++
				switch d := int64(s.parks - p.parks); {
				case d == 1 && (s.steps > p.steps || !parkedFirst):
					// (A thread the first stop did not park may attach
					// during the second and park at once, without a step.)
					run, parkedFirst = 0, true
				case d == 0:
					skipped++
					run++
					longestRun = max(longestRun, run)
					parkedFirst = false
				default:
					t.Fatalf("promotions %d and %d, in eml mode with no switch between: the core thread parked %d times and made %d steps between them, want at most once, and a step if it did (it was %s, waiting for %q)",
						i-1, i, d, s.steps-p.steps, s.coreState, s.coreWaiting)
				}
			}
			// Every GIL period that ended gave the core thread turns.
			var periods, turns, starved int
			for gen := uint64(1); gen < a.ToGIL+a.ToEML; gen += 2 {
				periods++
				turns += turnsIn[gen]
				if turnsIn[gen] == 0 {
					starved++
				}
			}
			t.Logf("%v: %d switches to the GIL, %d back; %d promotions in eml mode (%d consecutive pairs; %d stops did not park the core thread, at most %d in a row), %d in GIL mode; core thread: %d steps, %d turns in %d GIL periods (%d periods without one), longest wait %d hand-offs",
				kind, a.ToGIL, a.ToEML, inEML, emlPairs, skipped, longestRun, inGIL, steps.Load(), turns, periods, starved, worstWait)
			// A stop may find the core thread detached -- in the instant
			// between a turn and its re-attach -- but then it is suspended
			// trying to attach, owed a turn, and the next stop waits for
			// it. Many in a row is a thread left out of the count (the bug
			// switchToEML fixes: its GIL waiters).
			if longestRun > 2 {
				t.Errorf("%d eml-mode stops in a row did not park the core thread: it was detached, not owed a turn, and did not run between them", longestRun)
			}
			if a.ToGIL < switchesEach || a.ToEML < switchesEach || emlPairs == 0 || inGIL == 0 {
				t.Fatalf("in 60s: %d switches to the GIL and %d back, %d pairs of eml-mode promotions judged, %d GIL-mode promotions; want %d switches each way and some of each",
					a.ToGIL, a.ToEML, emlPairs, inGIL, switchesEach)
			}
			if kind == MutexEvent && (worstWait > fairBound || starved > 0) {
				t.Errorf("under the hand-off GIL the core thread waited through %d hand-offs for its turn, and got none in %d of %d GIL periods of %d hand-offs; want at most %d, and a turn in each", worstWait, starved, periods, handoffsPerGIL, fairBound)
			}
		})
	}
}
