package eml

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

// recorder is a Suspender that checks the protocol: Suspend and Resume
// alternate, each called while the thread is attached, and Resume only
// once the thread is back at the promotion depth it had.
type recorder struct {
	t        *Thread
	depth    int
	calls    []string
	problems []string
}

func (r *recorder) Suspend() {
	if !r.t.Attached() {
		r.problems = append(r.problems, "Suspend while detached")
	}
	if n := len(r.calls); n > 0 && r.calls[n-1] == "suspend" {
		r.problems = append(r.problems, "Suspend twice")
	}
	r.depth = r.t.Depth()
	r.calls = append(r.calls, "suspend")
}

func (r *recorder) Resume() {
	if !r.t.Attached() {
		r.problems = append(r.problems, "Resume while detached")
	}
	if n := len(r.calls); n == 0 || r.calls[n-1] != "suspend" {
		r.problems = append(r.problems, "Resume without Suspend")
	}
	if d := r.t.Depth(); d != r.depth && !(r.depth == 0 && d == 1) {
		r.problems = append(r.problems, fmt.Sprintf("Resume at depth %d, suspended at %d", d, r.depth))
	}
	r.calls = append(r.calls, "resume")
}

// TestSuspenderAroundEveryWait: every wait that detaches an attached
// thread -- Blocking, a contended Mutex, Sleep, a park at a safe point for
// another thread's stop, queueing to promote, handing the GIL over at a
// safe point, the sticky switch -- calls the thread's Suspender once
// before and once after, attached both times; an operation that does not
// wait calls it not at all. This is the one mechanism by which the
// runtime's critical sections are suspended around waits (core's
// TestMutexWaitSuspendsSection is the bug it fixes).
func TestSuspenderAroundEveryWait(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		// wait runs on th, attached; other is a second attached thread
		// on its own goroutine that the case may drive through do.
		wait  func(th *Thread, do func(func(other *Thread)))
		calls int // Suspend/Resume pairs expected
	}{
		{"Blocking", PolicyEML, func(th *Thread, _ func(func(*Thread))) { check(th.Blocking(func() {})) }, 1},
		{"Blocking while promoted", PolicyEML, func(th *Thread, _ func(func(*Thread))) {
			check(th.Promote())
			check(th.Blocking(func() {}))
			check(th.Demote())
		}, 2},
		{"Sleep", PolicyFree, func(th *Thread, _ func(func(*Thread))) { check(th.Sleep(time.Microsecond)) }, 1},
		{"uncontended Mutex", PolicyEML, func(th *Thread, _ func(func(*Thread))) {
			var m Mutex
			check(m.Lock(th))
			m.Unlock(th)
		}, 0},
		{"contended Mutex", PolicyEML, func(th *Thread, do func(func(*Thread))) {
			var m Mutex
			do(func(o *Thread) { check(m.Lock(o)) })
			go func() {
				for th.Waiting() != "a Mutex" {
					runtime.Gosched()
				}
				do(func(o *Thread) { m.Unlock(o) })
			}()
			check(m.Lock(th))
			m.Unlock(th)
		}, 1},
		{"Promote (queues for the stop-the-world mutex)", PolicyEML, func(th *Thread, _ func(func(*Thread))) {
			check(th.Promote())
			check(th.Promote()) // nested: only counts
			check(th.Demote())
			check(th.Demote())
		}, 1},
		{"Promote under free", PolicyFree, func(th *Thread, _ func(func(*Thread))) {
			check(th.Promote())
			check(th.Demote())
		}, 0},
		{"Poll with nothing requested", PolicyEML, func(th *Thread, _ func(func(*Thread))) { check(th.Poll()) }, 0},
		{"Poll parks for another thread's stop", PolicyEML, func(th *Thread, do func(func(*Thread))) {
			done := make(chan struct{})
			go func() {
				do(func(o *Thread) {
					check(o.Promote())
					check(o.Demote())
				})
				close(done)
			}()
			for {
				select {
				case <-done:
					return
				default:
					check(th.Poll())
				}
			}
		}, 1},
		{"Poll hands the GIL over", PolicyGIL, func(th *Thread, do func(func(*Thread))) {
			done := make(chan struct{})
			go func() {
				do(func(*Thread) {}) // waits for the GIL
				close(done)
			}()
			for {
				select {
				case <-done:
					return
				default:
					check(th.Poll())
				}
			}
		}, 1},
		{"EnableGIL", PolicySticky, func(th *Thread, _ func(func(*Thread))) { check(th.EnableGIL("test")) }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := New(Config{Policy: tc.policy, SwitchInterval: time.Microsecond})
			if err != nil {
				t.Fatal(err)
			}
			th, other := l.Register("th"), l.Register("other")
			r := &recorder{t: th}
			th.SetSuspender(r)
			// do runs f on other, attached for it, on a goroutine of its
			// own, and waits for it.
			steps := make(chan func(*Thread))
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for f := range steps {
					check(other.Attach())
					f(other)
					check(other.Detach())
				}
				check(other.Close())
			}()
			var mu sync.Mutex
			do := func(f func(*Thread)) {
				mu.Lock()
				defer mu.Unlock()
				ack := make(chan struct{})
				steps <- func(o *Thread) { f(o); close(ack) }
				<-ack
			}
			check(th.Attach())
			tc.wait(th, do)
			check(th.Detach())
			close(steps)
			wg.Wait()
			check(th.Close())
			if len(r.problems) > 0 {
				t.Errorf("protocol broken: %v (calls %v)", r.problems, r.calls)
			}
			if got := len(r.calls); got != 2*tc.calls {
				t.Errorf("%d Suspender calls %v, want %d pairs", got, r.calls, tc.calls)
			}
		})
	}
}
