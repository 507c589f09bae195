package eml

import (
	"errors"
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// threadModel is what a single thread's API should do, misuse included.
type threadModel struct {
	l      *Lock
	th     *Thread
	policy Policy

	attached, closed bool
	depth            int
	gilOn            bool // gil policy, or sticky after EnableGIL
	stops            uint64
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
}

func TestThreadModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		policy := rapid.SampledFrom(Policies()).Draw(t, "policy")
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
		t.Repeat(map[string]func(*rapid.T){
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
				if m.call(t, "Promote", th.Promote) {
					if m.depth == 0 && policy == PolicyEML {
						m.stops++
					}
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
				if m.call(t, "Blocking", func() error {
					return th.Blocking(func() {
						insideAttached, insideGIL = th.Attached(), th.HoldsGIL()
						inside = th.Poll()
					})
				}) {
					if insideAttached || insideGIL || !errors.Is(inside, ErrDetached) {
						t.Fatalf("inside Blocking: attached=%v holdsGIL=%v Poll()=%v; want detached, no GIL, ErrDetached", insideAttached, insideGIL, inside)
					}
					if m.depth > 0 && policy == PolicyEML {
						m.stops++ // the re-promotion after fn
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
		})
		// Leave nothing held, whatever state the sequence ended in.
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
	})
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
	// Output: unknown policy "nogil" (want one of eml, gil, sticky, free)
}
