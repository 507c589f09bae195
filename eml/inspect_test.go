package eml

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestInspect: under eml, free and sticky, Inspect runs its function while
// a thread that polls in a loop is parked (its counter does not move
// during the function, and moved before); it is refused on an attached
// thread and under the gil policy.
func TestInspect(t *testing.T) {
	for _, p := range []Policy{PolicyEML, PolicyFree, PolicySticky} {
		t.Run(p.String(), func(t *testing.T) {
			l, err := New(Config{Policy: p})
			if err != nil {
				t.Fatal(err)
			}
			busy := l.Register("busy")
			var n atomic.Int64
			var stop atomic.Bool
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := busy.Attach(); err != nil {
					t.Error(err)
					return
				}
				for !stop.Load() {
					n.Add(1)
					if err := busy.Poll(); err != nil {
						t.Error(err)
					}
				}
				if err := busy.Detach(); err != nil {
					t.Error(err)
				}
			}()
			for n.Load() < 1000 {
				time.Sleep(time.Millisecond)
			}
			me := l.Register("inspector")
			moved := int64(-1)
			err = me.Inspect(func() {
				before := n.Load()
				time.Sleep(20 * time.Millisecond)
				moved = n.Load() - before
			})
			stop.Store(true)
			wg.Wait()
			if err != nil || moved != 0 {
				t.Errorf("Inspect: %v; the polling thread moved %d times while it was stopped", err, moved)
			}
			if err := me.Attach(); err != nil {
				t.Fatal(err)
			}
			if err := me.Inspect(func() {}); err == nil {
				t.Error("Inspect on an attached thread was accepted")
			}
			_ = me.Detach()
		})
	}
	l, _ := New(Config{Policy: PolicyGIL})
	if err := l.Register("inspector").Inspect(func() {}); err == nil {
		t.Error("Inspect under the gil policy was accepted")
	}
}
