package eml

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// threadModel is what a single thread's API should do, misuse included.
type threadModel struct {
	l      *Lock
	th     *Thread
	policy Policy

	attached, closed bool
	depth            int
	gilOn            bool // gil policy, sticky after EnableGIL, adaptive in GIL mode
	stops            uint64
	// t is the running action's, for the adaptive switch hook's draws;
	// toGIL and toEML count the switches the hook made.
	t            *rapid.T
	toGIL, toEML uint64
	// promoteStops counts the stops of promotions (not of switches).
	promoteStops uint64
}

// switchHook is an adaptive lock's switcher under the model: it draws
// whether to switch at each point the lock asks, and updates the model.
// Asked inside a promotion's stop (the thread is detached there), a
// switch turns that stop into the switch; asked elsewhere, a switch to
// the GIL is a stop of its own.
func (m *threadModel) switchHook(*Waiter) bool {
	if !rapid.Bool().Draw(m.t, "switch") {
		return false
	}
	inStop := m.th.state.state() == stateDetached
	switch {
	case m.gilOn:
		m.toEML++
	case inStop:
		m.toGIL++
	default:
		m.toGIL++
		m.stops++
	}
	m.gilOn = !m.gilOn
	return true
}

// stopsToPromote says whether an outermost promotion (or the
// re-promotion after Blocking) stops the world now.
func (m *threadModel) stopsToPromote() bool {
	return m.policy == PolicyEML || m.policy == PolicyAdaptive && !m.gilOn
}

// want returns the error a call must fail with, or nil.
func (m *threadModel) want(op string) error {
	switch {
	case m.closed:
		return ErrClosed
	case op == "Attach" && m.attached:
		return ErrAttached
	case op == "Close" && m.attached:
		return ErrAttached
	case op != "Attach" && op != "Close" && !m.attached:
		return ErrDetached
	case op == "Detach" && m.depth > 0:
		return ErrPromoted
	case op == "Demote" && m.depth == 0:
		return ErrNotPromoted
	}
	return nil
}

func (m *threadModel) call(t *rapid.T, op string, f func() error) bool {
	want := m.want(op)
	got := f()
	if (want == nil) != (got == nil) || (want != nil && !errors.Is(got, want)) {
		t.Fatalf("%s with attached=%v depth=%d closed=%v: want error %v, got %v", op, m.attached, m.depth, m.closed, want, got)
	}
	return want == nil
}

func (m *threadModel) check(t *rapid.T) {
	if m.closed {
		return
	}
	if got := m.th.Attached(); got != m.attached {
		t.Fatalf("Attached() = %v, model says %v", got, m.attached)
	}
	if got := m.th.Depth(); got != m.depth {
		t.Fatalf("Depth() = %d, model says %d", got, m.depth)
	}
	if got, want := m.th.HoldsGIL(), m.attached && m.gilOn; got != want {
		t.Fatalf("HoldsGIL() = %v, model says %v", got, want)
	}
	s := m.l.Stats()
	if got := int(s.Promotions - s.Demotions); got != m.depth {
		t.Fatalf("Promotions-Demotions = %d, want depth %d", got, m.depth)
	}
	if s.CurrentDepth != m.depth {
		t.Fatalf("Stats.CurrentDepth = %d, want %d", s.CurrentDepth, m.depth)
	}
	if s.Stops != m.stops {
		t.Fatalf("Stats.Stops = %d, model says %d", s.Stops, m.stops)
	}
	if want := m.policy == PolicySticky && m.gilOn; s.GILEnabled != want {
		t.Fatalf("Stats.GILEnabled = %v, want %v", s.GILEnabled, want)
	}
	if m.policy == PolicyAdaptive {
		a := s.Adaptive
		if a.GILMode != m.gilOn || a.ToGIL != m.toGIL || a.ToEML != m.toEML || a.By[ReasonForced] != m.toGIL+m.toEML {
			t.Fatalf("Stats.Adaptive = %+v; model says GIL mode %v after %d switches to the GIL and %d back, all forced", a, m.gilOn, m.toGIL, m.toEML)
		}
		if got := m.l.GILEnabled(); got != m.gilOn {
			t.Fatalf("GILEnabled() = %v, model says %v", got, m.gilOn)
		}
	}
}

func TestThreadModel(t *testing.T) {
	// Evidence that the adaptive cases switched both ways, in and out of
	// a promotion's stop.
	var toGIL, toEML, inStop uint64
	rapid.Check(t, func(t *rapid.T) {
		threadModelCase(t, rapid.SampledFrom(Policies()).Draw(t, "policy"), &toGIL, &toEML, &inStop)
	})
	// More adaptive cases until they have switched every way, for up to
	// a minute (a few dozen cases usually do).
	deadline := time.Now().Add(time.Minute)
	for !t.Failed() && (toGIL == 0 || toEML == 0 || inStop == 0) && time.Now().Before(deadline) {
		rapid.Check(t, func(t *rapid.T) { threadModelCase(t, PolicyAdaptive, &toGIL, &toEML, &inStop) })
	}
	if !t.Failed() && (toGIL == 0 || toEML == 0 || inStop == 0) {
		t.Errorf("adaptive cases switched %d times to the GIL (%d inside a promotion's stop) and %d back; want all > 0", toGIL, inStop, toEML)
	}
}

// threadModelCase is one case of TestThreadModel under policy; it adds
// an adaptive case's switches to the counters.
func threadModelCase(t *rapid.T, policy Policy, toGIL, toEML, inStop *uint64) {
	kind := rapid.SampledFrom(MutexKinds()).Draw(t, "mutex")
	var sched Scheduler
	if rapid.Bool().Draw(t, "custom scheduler") {
		sched = yieldingScheduler{}
	}
	l, err := New(Config{Policy: policy, Mutex: kind, Scheduler: sched})
	if err != nil {
		t.Fatal(err)
	}
	m := &threadModel{l: l, th: l.Register("main"), policy: policy, gilOn: policy == PolicyGIL}
	th := m.th
	if policy == PolicyAdaptive {
		l.switcher = m.switchHook
	}
	actions := map[string]func(*rapid.T){
		"": m.check,
		"Attach": func(t *rapid.T) {
			if m.call(t, "Attach", th.Attach) {
				m.attached = true
			}
		},
		"Detach": func(t *rapid.T) {
			if m.call(t, "Detach", th.Detach) {
				m.attached = false
			}
		},
		"Poll": func(t *rapid.T) { m.call(t, "Poll", th.Poll) },
		"Promote": func(t *rapid.T) {
			if m.depth == 0 && !m.closed && m.attached && m.stopsToPromote() {
				m.stops++ // counted first: a switch inside the stop is no other stop
				m.promoteStops++
			}
			if m.call(t, "Promote", th.Promote) {
				m.depth++
			}
		},
		"Demote": func(t *rapid.T) {
			if m.call(t, "Demote", th.Demote) {
				m.depth--
			}
		},
		"Blocking": func(t *rapid.T) {
			var inside error
			var insideAttached, insideGIL bool
			if m.depth > 0 && !m.closed && m.attached && m.stopsToPromote() {
				m.stops++ // the re-promotion after fn
				m.promoteStops++
			}
			if m.call(t, "Blocking", func() error {
				return th.Blocking(func() {
					insideAttached, insideGIL = th.Attached(), th.HoldsGIL()
					inside = th.Poll()
				})
			}) {
				if insideAttached || insideGIL || !errors.Is(inside, ErrDetached) {
					t.Fatalf("inside Blocking: attached=%v holdsGIL=%v Poll()=%v; want detached, no GIL, ErrDetached", insideAttached, insideGIL, inside)
				}
			}
		},
		"EnableGIL": func(t *rapid.T) {
			if m.call(t, "EnableGIL", func() error { return th.EnableGIL("legacy") }) && policy == PolicySticky && !m.gilOn {
				m.gilOn = true
				m.stops++
			}
		},
		"Close": func(t *rapid.T) {
			if m.call(t, "Close", th.Close) {
				m.closed = true
			}
		},
	}
	for name, a := range actions {
		actions[name] = func(t *rapid.T) { m.t = t; a(t) }
	}
	t.Repeat(actions)
	*toGIL += m.toGIL
	*toEML += m.toEML
	*inStop += m.toGIL - (m.stops - m.promoteStops)
	// Leave nothing held, whatever state the sequence ended in.
	m.t = t
	for m.depth > 0 {
		m.call(t, "Demote", th.Demote)
		m.depth--
	}
	if m.attached {
		m.call(t, "Detach", th.Detach)
		m.attached = false
	}
	if !m.closed {
		m.call(t, "Close", th.Close)
	}
}

func TestParse(t *testing.T) {
	for _, p := range Policies() {
		if got, err := ParsePolicy(p.String()); err != nil || got != p {
			t.Errorf("ParsePolicy(%q) = %v, %v", p, got, err)
		}
	}
	for _, k := range MutexKinds() {
		if got, err := ParseMutex(k.String()); err != nil || got != k {
			t.Errorf("ParseMutex(%q) = %v, %v", k, got, err)
		}
	}
	for _, bad := range []string{"", "GIL", "nogil", "eml "} {
		if _, err := ParsePolicy(bad); err == nil {
			t.Errorf("ParsePolicy(%q) succeeded", bad)
		}
		if _, err := ParseMutex(bad); err == nil {
			t.Errorf("ParseMutex(%q) succeeded", bad)
		}
	}
	for _, cfg := range []Config{{Policy: 9}, {Mutex: 9}, {SwitchInterval: -1}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}

func ExampleParsePolicy() {
	_, err := ParsePolicy("nogil")
	fmt.Println(err)
	// Output: unknown policy "nogil" (want one of eml, gil, sticky, free, adaptive)
}
