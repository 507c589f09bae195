package eml

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The read-side benchmarks compare with baselines measured in the same
// run (these machines are shared and noisy): attach+detach against
// sync.RWMutex's RLock+RUnlock, both under b.RunParallel with one thread
// state per goroutine, and Poll against a bare atomic load.

func BenchmarkAttachDetach(b *testing.B) {
	for _, p := range Policies() {
		b.Run(p.String(), func(b *testing.B) {
			l, _ := New(Config{Policy: p})
			var id atomic.Int64
			b.RunParallel(func(pb *testing.PB) {
				th := l.Register(fmt.Sprint("g", id.Add(1)))
				defer th.Close()
				for pb.Next() {
					_ = th.Attach()
					_ = th.Detach()
				}
			})
		})
	}
}

func BenchmarkRWMutexBaseline(b *testing.B) {
	var mu sync.RWMutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.RLock()
			mu.RUnlock()
		}
	})
}

func BenchmarkPoll(b *testing.B) {
	for _, p := range Policies() {
		b.Run(p.String(), func(b *testing.B) {
			l, _ := New(Config{Policy: p})
			th := l.Register("poller")
			_ = th.Attach()
			for b.Loop() {
				_ = th.Poll()
			}
			_ = th.Detach()
			_ = th.Close()
		})
	}
}

var sinkWord atomic.Uint32

func BenchmarkAtomicLoadBaseline(b *testing.B) {
	var n uint32
	for b.Loop() {
		n += sinkWord.Load()
	}
	sinkWord.Store(n)
}

// BenchmarkPromoteDemote: one outermost Promote+Demote per op, with 0, 1 or
// 3 other threads attached and polling in a tight loop (the stop must wait
// for each to reach its next safe point, and they must resume before the
// next stop).
func BenchmarkPromoteDemote(b *testing.B) {
	for _, p := range Policies() {
		for _, busy := range []int{0, 1, 3} {
			name := "idle"
			if busy > 0 {
				name = fmt.Sprintf("busy%d", busy)
			}
			b.Run(p.String()+"/"+name, func(b *testing.B) {
				l, _ := New(Config{Policy: p})
				var stop atomic.Bool
				var wg sync.WaitGroup
				for i := range busy {
					th := l.Register(fmt.Sprint("busy", i))
					wg.Add(1)
					go func() {
						defer wg.Done()
						_ = th.Attach()
						for !stop.Load() {
							_ = th.Poll()
						}
						_ = th.Detach()
						_ = th.Close()
					}()
				}
				th := l.Register("promoter")
				_ = th.Attach()
				for b.Loop() {
					_ = th.Promote()
					_ = th.Demote()
				}
				b.StopTimer()
				_ = th.Detach()
				_ = th.Close()
				stop.Store(true)
				wg.Wait()
				if s := l.Stats(); s.Stops > 0 {
					b.ReportMetric(float64(s.TimeToSafepoint.P50.Nanoseconds()), "ttsp-p50-ns")
				}
			})
		}
	}
}

// BenchmarkGILHandoff: two threads under the GIL, both polling, with a
// switch interval of 1ns, so every safe point of the holder hands the GIL
// to the waiter. One op is one hand-off.
func BenchmarkGILHandoff(b *testing.B) {
	for _, k := range MutexKinds() {
		b.Run(k.String(), func(b *testing.B) {
			l, _ := New(Config{Policy: PolicyGIL, Mutex: k, SwitchInterval: time.Nanosecond})
			target := uint64(b.N)
			var wg sync.WaitGroup
			b.ResetTimer()
			for i := range 2 {
				th := l.Register(fmt.Sprint("t", i))
				wg.Add(1)
				go func() {
					defer wg.Done()
					_ = th.Attach()
					for l.stats.switches.Load() < target {
						_ = th.Poll()
					}
					_ = th.Detach()
					_ = th.Close()
				}()
			}
			wg.Wait()
		})
	}
}
