package extensions_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
)

// BenchmarkCall measures a call into an extension function whose body is
// trivial (value()), from a thread polling between calls as the eval loop
// does: legacy_counter (unported: promote and demote around the body)
// against ported_counter (no promotion), under each policy. With
// busy=1 another core thread runs a loop of safe points meanwhile, so
// that each promotion really stops a running thread.
//
//	go test -c -o /tmp/ext.test ./extensions
//	python3 docs/bench/rounds.py /tmp/ext.test 'Call/' 9 200ms ...
func BenchmarkCall(b *testing.B) {
	for _, busy := range []int{0, 1} {
		for _, p := range eml.Policies() {
			for _, mod := range []string{"legacy_counter", "ported_counter"} {
				b.Run(fmt.Sprintf("busy=%d/%v/%s", busy, p, mod), func(b *testing.B) {
					benchCall(b, p, mod, busy)
				})
			}
		}
	}
}

func benchCall(b *testing.B, p eml.Policy, mod string, busy int) {
	rt, err := core.NewRuntime(core.Config{Policy: p})
	if err != nil {
		b.Fatal(err)
	}
	if err := extensions.RegisterBundled(rt); err != nil {
		b.Fatal(err)
	}
	th := rt.NewThread("caller")
	if err := th.Attach(); err != nil {
		b.Fatal(err)
	}
	m, err := th.Import(mod)
	if err != nil {
		b.Fatal(err)
	}
	fn, err := th.GetAttr(m, "value")
	if err != nil {
		b.Fatal(err)
	}
	th.Decref(m)
	var stop atomic.Bool
	var ready atomic.Int64
	done := make(chan struct{})
	for i := range busy {
		bt := rt.NewThread(fmt.Sprint("busy-", i))
		go func() {
			defer func() { done <- struct{}{} }()
			if err := bt.Attach(); err != nil {
				panic(err)
			}
			ready.Add(1)
			for !stop.Load() {
				if err := bt.SafePoint(); err != nil {
					panic(err)
				}
			}
			if err := bt.Detach(); err != nil {
				panic(err)
			}
			if err := bt.Close(); err != nil {
				panic(err)
			}
		}()
	}
	for ready.Load() < int64(busy) {
		if err := th.SafePoint(); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if err := th.SafePoint(); err != nil {
			b.Fatal(err)
		}
		r, err := th.Call(fn, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		th.Decref(r)
	}
	b.StopTimer()
	stop.Store(true)
	th.Decref(fn)
	if err := th.Detach(); err != nil {
		b.Fatal(err)
	}
	for range busy {
		<-done
	}
	if err := th.Close(); err != nil {
		b.Fatal(err)
	}
	if err := rt.Close(); err != nil {
		b.Fatal(err)
	}
}
