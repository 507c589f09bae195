package refcount_test

import (
	"sync"
	"testing"

	"github.com/rwgil/rwgil/refcount"
)

// benchObj is padded so that two of them never share a cache line.
type benchObj struct {
	rc refcount.Count
	_  [96]byte
}

func (o *benchObj) RefCount() *refcount.Count { return &o.rc }
func (o *benchObj) Describe() string          { return "benchmark object" }
func (o *benchObj) Dealloc(*refcount.Owner)   { panic("benchmark object deallocated") }

// BenchmarkIncDec times one Incref+Decref pair through the Strategy
// interface, as core's eval loop would call it. In the two-goroutine cases
// each goroutine does b.N pairs, so ns/op is the time per pair as each
// goroutine sees it (equal to the one-goroutine figure if they do not
// interfere).
func BenchmarkIncDec(b *testing.B) {
	for _, k := range refcount.Kinds() {
		b.Run(k.String(), func(b *testing.B) {
			// The object's owner does the pairs.
			b.Run("owner", func(b *testing.B) {
				s := refcount.New(k, nil)
				me := s.NewOwner("bench")
				o := &benchObj{}
				s.Init(o, me)
				for b.Loop() {
					s.Incref(o, me)
					s.Decref(o, me)
				}
			})
			// Another thread created the object.
			b.Run("non-owner", func(b *testing.B) {
				s := refcount.New(k, nil)
				creator, me := s.NewOwner("creator"), s.NewOwner("bench")
				o := &benchObj{}
				s.Init(o, creator)
				for b.Loop() {
					s.Incref(o, me)
					s.Decref(o, me)
				}
			})
			// Two goroutines on one object: its owner and another.
			b.Run("shared-2", func(b *testing.B) {
				if k == refcount.Plain {
					b.Skip("plain is valid with one thread running at a time")
				}
				s := refcount.New(k, nil)
				owner, other := s.NewOwner("owner"), s.NewOwner("other")
				o := &benchObj{}
				s.Init(o, owner)
				pairs(b, s, [2]refcount.Object{o, o}, [2]*refcount.Owner{owner, other})
			})
			// Two goroutines on one object that neither created.
			b.Run("shared-2-non-owners", func(b *testing.B) {
				if k == refcount.Plain {
					b.Skip("plain is valid with one thread running at a time")
				}
				s := refcount.New(k, nil)
				creator, x, y := s.NewOwner("creator"), s.NewOwner("x"), s.NewOwner("y")
				o := &benchObj{}
				s.Init(o, creator)
				pairs(b, s, [2]refcount.Object{o, o}, [2]*refcount.Owner{x, y})
			})
			// Two goroutines, each on an object of its own.
			b.Run("own-2", func(b *testing.B) {
				s := refcount.New(k, nil)
				x, y := s.NewOwner("x"), s.NewOwner("y")
				ox, oy := &benchObj{}, &benchObj{}
				s.Init(ox, x)
				s.Init(oy, y)
				pairs(b, s, [2]refcount.Object{ox, oy}, [2]*refcount.Owner{x, y})
			})
		})
	}
}

// pairs runs b.N Incref+Decref pairs on each of two goroutines at once.
func pairs(b *testing.B, s refcount.Strategy, objs [2]refcount.Object, by [2]*refcount.Owner) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(2)
	done.Add(2)
	for i := range 2 {
		go func() {
			defer done.Done()
			o, me := objs[i], by[i]
			ready.Done()
			<-start
			for range b.N {
				s.Incref(o, me)
				s.Decref(o, me)
			}
		}()
	}
	ready.Wait()
	b.ResetTimer()
	close(start)
	done.Wait()
}
