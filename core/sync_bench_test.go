package core

import (
	"sync"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// BenchmarkLock is one uncontended acquire and release of each lock, on
// one thread: the fast path. sync.Mutex and eml.Mutex are the baselines
// the native locking layer's Lock must not cost more than; docs/stdlib.md
// records them beside CPython's threading.Lock (docs/bench/locks.py runs
// the two side by side).
func BenchmarkLock(b *testing.B) {
	rt, err := NewRuntime(Config{Policy: eml.PolicyEML})
	if err != nil {
		b.Fatal(err)
	}
	th := rt.NewThread("bench")
	mustOK(th.Attach())
	defer func() {
		mustOK(th.Detach())
		mustOK(th.Close())
		mustOK(rt.Close())
	}()
	b.Run("sync.Mutex", func(b *testing.B) {
		var mu sync.Mutex
		for b.Loop() {
			mu.Lock()
			mu.Unlock()
		}
	})
	b.Run("eml.Mutex", func(b *testing.B) {
		var mu eml.Mutex
		for b.Loop() {
			if err := mu.Lock(th.eml); err != nil {
				b.Fatal(err)
			}
			mu.Unlock(th.eml)
		}
	})
	b.Run("Lock", func(b *testing.B) {
		l := th.NewLock()
		for b.Loop() {
			if _, err := l.Acquire(th, true, Forever); err != nil {
				b.Fatal(err)
			}
			if err := l.Release(th); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("RLock", func(b *testing.B) {
		l := th.NewRLock()
		for b.Loop() {
			if _, err := l.Acquire(th, true, Forever); err != nil {
				b.Fatal(err)
			}
			if err := l.Release(th); err != nil {
				b.Fatal(err)
			}
		}
	})
}
