package refcount_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/rwgil/rwgil/refcount"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestParseKind(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want refcount.Kind
	}{
		{"plain", refcount.Plain},
		{"atomic", refcount.Atomic},
		{"biased", refcount.Biased},
		{"immortal", refcount.Immortal},
		{"none", refcount.None},
	} {
		got, err := refcount.ParseKind(tc.in)
		require.NoError(t, err, "ParseKind(%q)", tc.in)
		assert.Equal(t, tc.want, got, "ParseKind(%q)", tc.in)
		assert.Equal(t, tc.in, got.String(), "%v.String()", tc.want)
	}
	for _, bad := range []string{"", "Biased", "gil", " plain", "rc"} {
		_, err := refcount.ParseKind(bad)
		require.Error(t, err, "ParseKind(%q)", bad)
		msg := err.Error()
		assert.Contains(t, msg, `"`+bad+`"`, "error should name the bad value")
		for _, k := range refcount.Kinds() {
			assert.Contains(t, msg, k.String(), "error should list the valid names")
		}
	}
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "Kind(0)", refcount.Kind(0).String())
	assert.Equal(t, "Kind(9)", refcount.Kind(9).String())
	assert.Len(t, refcount.Kinds(), 5)
	assert.PanicsWithValue(t, "refcount: New: Kind(0) is not a strategy", func() { refcount.New(0, nil) })
}

func TestReportError(t *testing.T) {
	r := &refcount.Report{Kind: refcount.UseAfterFree, Strategy: refcount.Biased, Object: "list object 0x1", Op: "decref", By: "thread-2"}
	assert.Equal(t, "refcount: use after free: decref of list object 0x1 by thread-2 (biased counting)", r.Error())
	assert.Equal(t, "negative reference count", refcount.NegativeCount.String())
	assert.Equal(t, "uninitialized reference count", refcount.Uninitialized.String())
}

// TestLifecycle: a new object starts at 1, follows increments and
// decrements, and is deallocated exactly once, by the thread that dropped
// the last reference; immortal and none never deallocate.
func TestLifecycle(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			me := s.NewOwner("main")
			o := newObj(s, "o")
			s.Init(o, me)
			want := map[refcount.Kind]int64{refcount.Immortal: refcount.ImmortalRefcnt, refcount.None: -1}
			count := func(n int64) int64 {
				if w, ok := want[k]; ok {
					return w
				}
				return n
			}
			assert.Equal(t, count(1), s.Refcnt(o), "after Init")
			s.Incref(o, me)
			s.Incref(o, me)
			assert.Equal(t, count(3), s.Refcnt(o), "after two increfs")
			s.Decref(o, me)
			s.Decref(o, me)
			assert.Equal(t, count(1), s.Refcnt(o), "after two decrefs")
			assert.False(t, s.Dead(o))
			s.Decref(o, me)
			if counted(k) {
				assert.Equal(t, int32(1), o.deallocs.Load(), "deallocations")
				assert.Equal(t, "main", ownerOf(o), "deallocated by")
				assert.True(t, s.Dead(o), "dead after last decref")
				assert.Equal(t, int64(0), s.Refcnt(o), "refcnt of dead object")
				assert.Equal(t, uint64(1), s.Stats().Deallocations)
			} else {
				assert.Equal(t, int32(0), o.deallocs.Load(), "deallocations")
				assert.False(t, s.Dead(o))
			}
			assert.Empty(t, reps.all())
			assert.Equal(t, k, s.Kind())
			s.ThreadExit(me)
		})
	}
}

// TestImmortalObjects: InitImmortal works the same under every strategy.
func TestImmortalObjects(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			a, b := s.NewOwner("a"), s.NewOwner("b")
			o := newObj(s, "None")
			s.InitImmortal(o)
			for range 10 {
				s.Decref(o, a)
				s.Decref(o, b)
			}
			s.Incref(o, a)
			assert.True(t, s.TryIncref(o, b))
			assert.True(t, refcount.IsImmortal(o))
			assert.Equal(t, refcount.ImmortalRefcnt, s.Refcnt(o))
			assert.False(t, s.Dead(o))
			assert.Equal(t, int32(0), o.deallocs.Load())
			assert.Empty(t, reps.all())
		})
	}
}

// TestMisuse: decref past zero and incref after deallocation are reported
// as use after free, naming the object, the operation and the thread; the
// object is still deallocated once only.
func TestMisuse(t *testing.T) {
	type scenario struct {
		name string
		kind refcount.Kind
		// kill drops o's last reference; the misuser is returned.
		kill func(s refcount.Strategy, o *obj, owner, other *refcount.Owner) *refcount.Owner
	}
	ownerKills := func(s refcount.Strategy, o *obj, owner, _ *refcount.Owner) *refcount.Owner {
		s.Decref(o, owner)
		return owner
	}
	scenarios := []scenario{
		{"plain", refcount.Plain, ownerKills},
		{"atomic", refcount.Atomic, ownerKills},
		{"biased/owner", refcount.Biased, ownerKills},
		{"biased/non-owner", refcount.Biased, func(s refcount.Strategy, o *obj, owner, other *refcount.Owner) *refcount.Owner {
			s.Incref(o, other) // shared 1: other now holds two
			s.Decref(o, owner) // local 0, shared 1: merged
			s.Decref(o, other) // merged 1 -> 0: other deallocates
			return other
		}},
		{"biased/queued", refcount.Biased, func(s refcount.Strategy, o *obj, owner, other *refcount.Owner) *refcount.Owner {
			s.Decref(o, other) // owner's reference, dropped by other: queued
			s.MergeQueued(owner)
			return other
		}},
		{"biased/exited", refcount.Biased, func(s refcount.Strategy, o *obj, owner, other *refcount.Owner) *refcount.Owner {
			s.ThreadExit(owner)
			s.Decref(o, other) // merged at once by other
			return other
		}},
	}
	for _, sc := range scenarios {
		for _, op := range []string{"decref", "incref"} {
			t.Run(sc.name+"/"+op, func(t *testing.T) {
				s, reps := newStrategy(sc.kind)
				owner, other := s.NewOwner("owner"), s.NewOwner("other")
				o := newObj(s, "list object 0x1")
				s.Init(o, owner)
				misuser := sc.kill(s, o, owner, other)
				require.Equal(t, int32(1), o.deallocs.Load(), "deallocations after last decref")
				require.Empty(t, reps.all(), "reports before misuse")
				if op == "decref" {
					s.Decref(o, misuser)
				} else {
					s.Incref(o, misuser)
				}
				got := reps.all()
				require.Len(t, got, 1, "reports: %s", reps)
				want := refcount.Report{Kind: refcount.UseAfterFree, Strategy: sc.kind, Object: "list object 0x1", Op: op, By: misuser.Name()}
				assert.Equal(t, want, *got[0])
				assert.Equal(t, int32(1), o.deallocs.Load(), "deallocations after misuse")
				assert.False(t, s.TryIncref(o, misuser), "TryIncref of a dead object")
				assert.Len(t, reps.all(), 1, "TryIncref must not report")
				assert.True(t, s.Dead(o))
				assert.Equal(t, uint64(1), s.Stats().Reports)
			})
		}
	}
}

// TestMisuseOwnerAfterMerge: the former owner of a merged, then
// deallocated, object finds the poison through the shared count.
func TestMisuseOwnerAfterMerge(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	owner, other := s.NewOwner("owner"), s.NewOwner("other")
	o := newObj(s, "o")
	s.Init(o, owner)
	s.Incref(o, other)
	s.Decref(o, owner)
	s.Decref(o, other)
	require.Equal(t, int32(1), o.deallocs.Load())
	s.Incref(o, owner)
	s.Decref(o, owner)
	got := reps.all()
	require.Len(t, got, 2)
	assert.Equal(t, "incref", got[0].Op)
	assert.Equal(t, "decref", got[1].Op)
	for _, r := range got {
		assert.Equal(t, refcount.UseAfterFree, r.Kind)
		assert.Equal(t, "owner", r.By)
	}
}

func TestUninitialized(t *testing.T) {
	for _, k := range refcount.Kinds() {
		if k == refcount.None {
			continue // does not look at counts at all
		}
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			me := s.NewOwner("main")
			o := newObj(s, "fresh")
			s.Incref(o, me)
			s.Decref(o, me)
			assert.False(t, s.TryIncref(o, me))
			got := reps.all()
			require.Len(t, got, 2)
			for _, r := range got {
				assert.Equal(t, refcount.Uninitialized, r.Kind)
			}
			assert.Equal(t, int32(0), o.deallocs.Load())
		})
	}
}

// TestReportWithoutHookPanics: a nil hook makes every report a panic with
// the *Report.
func TestReportWithoutHookPanics(t *testing.T) {
	for _, k := range []refcount.Kind{refcount.Plain, refcount.Atomic, refcount.Biased} {
		t.Run(k.String(), func(t *testing.T) {
			s := refcount.New(k, nil)
			me := s.NewOwner("main")
			o := newObj(s, "o")
			s.Init(o, me)
			s.Decref(o, me)
			var got any
			func() {
				defer func() { got = recover() }()
				s.Decref(o, me)
			}()
			r, ok := got.(*refcount.Report)
			require.True(t, ok, "panic value: want *refcount.Report, got %T (%v)", got, got)
			assert.Equal(t, refcount.UseAfterFree, r.Kind)
			assert.Equal(t, "o", r.Object)
			var err error = r
			assert.Contains(t, err.Error(), "use after free")
		})
	}
}

// TestNegativeCount: more references dropped than taken, found where the
// split counts come together.
func TestNegativeCount(t *testing.T) {
	t.Run("at merge", func(t *testing.T) {
		s, reps := newStrategy(refcount.Biased)
		owner, other := s.NewOwner("owner"), s.NewOwner("other")
		o := newObj(s, "o")
		s.Init(o, owner)
		s.Decref(o, other) // the only reference, handed to other: queued
		s.Decref(o, other) // a reference other never had: shared -1
		require.Empty(t, reps.all(), "found only when merging")
		assert.Equal(t, 1, s.MergeQueued(owner))
		got := reps.all()
		require.Len(t, got, 1)
		assert.Equal(t, refcount.Report{Kind: refcount.NegativeCount, Strategy: refcount.Biased, Object: "o", Op: "merge", By: "owner"}, *got[0])
		assert.True(t, s.Dead(o), "poisoned")
		assert.Equal(t, int32(0), o.deallocs.Load(), "not deallocated")
	})
	t.Run("at zero merge", func(t *testing.T) {
		s, reps := newStrategy(refcount.Biased)
		owner, other := s.NewOwner("owner"), s.NewOwner("other")
		o := newObj(s, "o")
		s.Init(o, owner)
		s.Incref(o, other) // shared 1
		s.Decref(o, other) // shared 0
		s.Decref(o, other) // owner's reference: queued, shared 0
		require.Empty(t, reps.all())
		s.Decref(o, other) // would drop the queue's reference
		got := reps.all()
		require.Len(t, got, 0, "queued: shared may go negative")
		s.Decref(o, owner) // local 1 -> 0 with shared queued|-1
		got = reps.all()
		require.Len(t, got, 1, "reports: %s", reps)
		assert.Equal(t, refcount.NegativeCount, got[0].Kind)
		assert.Equal(t, int32(0), o.deallocs.Load())
		assert.Equal(t, 1, s.MergeQueued(owner))
		assert.Len(t, reps.all(), 1, "reported once: %s", reps)
	})
	t.Run("merged and queued", func(t *testing.T) {
		s, reps := newStrategy(refcount.Biased)
		a, b := s.NewOwner("a"), s.NewOwner("b")
		o := newObj(s, "o")
		s.Init(o, a)
		s.Incref(o, a) // local 2
		s.Decref(o, b) // queued
		s.Incref(o, b) // queued|1
		s.Decref(o, a)
		s.Decref(o, a) // local 0: merged|queued|1, nobody holds it
		s.Decref(o, b) // would drop the queue's reference
		got := reps.all()
		require.Len(t, got, 1, "reports: %s", reps)
		assert.Equal(t, refcount.Report{Kind: refcount.NegativeCount, Strategy: refcount.Biased, Object: "o", Op: "decref", By: "b"}, *got[0])
		assert.Equal(t, 1, s.MergeQueued(a), "the queue still deallocates it")
		assert.Equal(t, int32(1), o.deallocs.Load())
	})
}

// TestBiasedQueueAndMerge: a non-owner dropping a reference the owner's
// local count holds queues the object; the owner deallocates it at its
// next safe point.
func TestBiasedQueueAndMerge(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	owner, other := s.NewOwner("owner"), s.NewOwner("other")
	o := newObj(s, "o")
	s.Init(o, owner)
	s.Decref(o, other)
	assert.Equal(t, int32(0), o.deallocs.Load(), "not before the owner merges")
	assert.False(t, s.Dead(o))
	assert.Equal(t, int64(0), s.Refcnt(o), "nobody holds it; only the queue")
	assert.Equal(t, uint64(1), s.Stats().Queued)
	assert.Equal(t, 0, s.MergeQueued(other), "other's queue is empty")
	assert.Equal(t, 1, s.MergeQueued(owner))
	assert.Equal(t, int32(1), o.deallocs.Load())
	assert.Equal(t, "owner", ownerOf(o))
	assert.Equal(t, 0, s.MergeQueued(owner))
	st := s.Stats()
	assert.Equal(t, uint64(1), st.QueuedMerges)
	assert.Equal(t, uint64(1), st.Merges())
	assert.Empty(t, reps.all())
}

// TestBiasedQueueSurvives: a queued object whose merged count is not zero
// becomes merged and lives on.
func TestBiasedQueueSurvives(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	owner, other := s.NewOwner("owner"), s.NewOwner("other")
	o := newObj(s, "o")
	s.Init(o, owner)
	s.Incref(o, owner) // local 2: owner keeps one, other gets one
	s.Decref(o, other) // queued
	assert.Equal(t, int64(1), s.Refcnt(o))
	assert.Equal(t, 1, s.MergeQueued(owner))
	assert.Equal(t, int64(1), s.Refcnt(o))
	assert.False(t, s.Dead(o))
	s.Decref(o, owner) // merged now: through shared
	assert.Equal(t, int32(1), o.deallocs.Load())
	assert.Empty(t, reps.all())
}

func TestBiasedOwnerExit(t *testing.T) {
	t.Run("queued before exit", func(t *testing.T) {
		s, reps := newStrategy(refcount.Biased)
		owner, other := s.NewOwner("owner"), s.NewOwner("other")
		o := newObj(s, "o")
		s.Init(o, owner)
		s.Decref(o, other)
		s.ThreadExit(owner)
		assert.Equal(t, int32(1), o.deallocs.Load())
		assert.Equal(t, "owner", ownerOf(o), "merged by the exiting owner")
		assert.Equal(t, uint64(1), s.Stats().QueuedMerges)
		s.ThreadExit(owner) // harmless
		assert.Equal(t, 1, s.Stats().Exited)
		assert.Empty(t, reps.all())
	})
	t.Run("queued after exit", func(t *testing.T) {
		s, reps := newStrategy(refcount.Biased)
		owner, other := s.NewOwner("owner"), s.NewOwner("other")
		o := newObj(s, "o")
		s.Init(o, owner)
		s.Incref(o, owner)
		s.Incref(o, owner) // local 3, all three handed to other
		s.ThreadExit(owner)
		s.Decref(o, other) // queued to an exited owner: merged at once, 2 left
		assert.Equal(t, int64(2), s.Refcnt(o))
		assert.Equal(t, uint64(1), s.Stats().ExitedMerges)
		s.Decref(o, other)
		assert.Equal(t, int32(0), o.deallocs.Load())
		s.Decref(o, other)
		assert.Equal(t, int32(1), o.deallocs.Load())
		assert.Equal(t, "other", ownerOf(o))
		st := s.Stats()
		assert.Equal(t, uint64(0), st.Queued, "nothing waited in a queue")
		assert.Equal(t, 2, st.Owners)
		assert.Equal(t, 1, st.Exited)
		assert.Empty(t, reps.all())
	})
}

// TestBiasedZeroMerge: the owner's local count reaches zero while others
// hold references through the shared count: the object becomes merged and
// the last shared decrement deallocates it.
func TestBiasedZeroMerge(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	owner, other := s.NewOwner("owner"), s.NewOwner("other")
	o := newObj(s, "o")
	s.Init(o, owner)
	s.Incref(o, other) // other holds one through shared, owner one through local
	s.Decref(o, owner)
	assert.Equal(t, uint64(1), s.Stats().ZeroMerges)
	assert.Equal(t, int64(1), s.Refcnt(o))
	assert.False(t, s.Dead(o))
	s.Incref(o, owner) // the former owner now counts through shared too
	s.Decref(o, owner)
	s.Decref(o, other)
	assert.Equal(t, int32(1), o.deallocs.Load())
	assert.Equal(t, "other", ownerOf(o))
	assert.Empty(t, reps.all())
}

// TestBiasedMergedWhileQueued: the owner's local count reaches zero while
// the object waits in its queue; the queue's reference keeps it alive
// until the owner's merge.
func TestBiasedMergedWhileQueued(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	a, b, c := s.NewOwner("a"), s.NewOwner("b"), s.NewOwner("c")
	o := newObj(s, "o")
	s.Init(o, a)
	s.Incref(o, a) // local 2; a hands one to b
	s.Decref(o, b) // queued, shared 0
	s.Incref(o, c) // a handed its reference to c: c holds two, shared 1
	s.Decref(o, a) // c hands one back: local 1
	s.Decref(o, a) // and the other: local 0, shared queued|1: merged, still queued
	assert.Equal(t, uint64(1), s.Stats().ZeroMerges)
	assert.Equal(t, int64(0), s.Refcnt(o))
	assert.False(t, s.Dead(o), "the queue's reference keeps it")
	assert.Equal(t, 1, s.MergeQueued(a))
	assert.Equal(t, int32(1), o.deallocs.Load())
	assert.Equal(t, "a", ownerOf(o))
	assert.Empty(t, reps.all())
}

// TestBiasedInitWithoutOwner: a nil owner starts the object merged.
func TestBiasedInitWithoutOwner(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	a, b := s.NewOwner("a"), s.NewOwner("b")
	o := newObj(s, "o")
	s.Init(o, nil)
	s.Incref(o, a)
	s.Decref(o, b)
	assert.Equal(t, int64(1), s.Refcnt(o))
	s.Decref(o, a)
	assert.Equal(t, int32(1), o.deallocs.Load())
	assert.Empty(t, reps.all())
}

func TestTryIncref(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			owner, other := s.NewOwner("owner"), s.NewOwner("other")
			o := newObj(s, "o")
			s.Init(o, owner)
			for _, by := range []*refcount.Owner{owner, other} {
				require.True(t, s.TryIncref(o, by), "live object, TryIncref by %s", by)
				if counted(k) {
					assert.Equal(t, int64(2), s.Refcnt(o), "after TryIncref by %s", by)
				}
				s.Decref(o, by)
			}
			s.Decref(o, owner)
			if counted(k) {
				require.Equal(t, int32(1), o.deallocs.Load())
				assert.False(t, s.TryIncref(o, owner), "dead object, owner")
				assert.False(t, s.TryIncref(o, other), "dead object, other")
			} else {
				assert.True(t, s.TryIncref(o, other), "%v never deallocates", k)
			}
			assert.Empty(t, reps.all())
		})
	}
	t.Run("biased/revives an object whose owner is merging", func(t *testing.T) {
		s, reps := newStrategy(refcount.Biased)
		owner, reader := s.NewOwner("owner"), s.NewOwner("reader")
		o := newObj(s, "o")
		s.Init(o, owner)
		require.True(t, s.TryIncref(o, reader)) // shared 1 before the owner's last decref
		s.Decref(o, owner)                      // local 0: merged, not dead
		assert.False(t, s.Dead(o))
		s.Decref(o, reader)
		assert.Equal(t, int32(1), o.deallocs.Load())
		assert.Equal(t, "reader", ownerOf(o))
		assert.Empty(t, reps.all())
	})
}

// chain builds n containers, each holding the only reference to the next,
// all owned by owner; the caller holds the first.
func chain(s refcount.Strategy, owner *refcount.Owner, n int) []*obj {
	objs := make([]*obj, n)
	for i := range objs {
		objs[i] = newObj(s, "link")
		s.Init(objs[i], owner)
		if i > 0 {
			objs[i-1].items = []*obj{objs[i]}
		}
	}
	return objs
}

// TestDeepChain: dropping the head of a 100,000-long chain of containers
// deallocates every link once, with Dealloc hooks never nested (the Go
// stack stays flat).
func TestDeepChain(t *testing.T) {
	const n = 100_000
	type scenario struct {
		name string
		kind refcount.Kind
		drop func(s refcount.Strategy, head *obj, owner, other *refcount.Owner)
	}
	byOwner := func(s refcount.Strategy, head *obj, owner, _ *refcount.Owner) { s.Decref(head, owner) }
	for _, sc := range []scenario{
		{"plain", refcount.Plain, byOwner},
		{"atomic", refcount.Atomic, byOwner},
		{"biased/owner", refcount.Biased, byOwner},
		{"biased/queued", refcount.Biased, func(s refcount.Strategy, head *obj, owner, other *refcount.Owner) {
			s.Decref(head, other)
			s.MergeQueued(owner)
		}},
		{"biased/exited", refcount.Biased, func(s refcount.Strategy, head *obj, owner, other *refcount.Owner) {
			s.ThreadExit(owner)
			s.Decref(head, other) // every link is merged by other, at once
		}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			s, reps := newStrategy(sc.kind)
			owner, other := s.NewOwner("owner"), s.NewOwner("other")
			objs := chain(s, owner, n)
			depth, maxDepth := 0, 0
			for _, o := range objs {
				o.hook = func(o *obj, _ *refcount.Owner) {
					depth++
					maxDepth = max(maxDepth, depth)
					for _, it := range o.items {
						o.s.Decref(it, o.lastBy.Load())
					}
					o.items = nil
					depth--
				}
			}
			sc.drop(s, objs[0], owner, other)
			for i, o := range objs {
				if got := o.deallocs.Load(); got != 1 {
					t.Fatalf("link %d: deallocations: want 1, got %d", i, got)
				}
			}
			assert.Equal(t, 1, maxDepth, "Dealloc nesting depth")
			assert.Equal(t, uint64(n), s.Stats().Deallocations)
			assert.Empty(t, reps.all())
		})
	}
}

// TestDeallocPanic: a panicking Dealloc hook leaves the Owner usable, and
// the deallocations it had already found still happen, once.
func TestDeallocPanic(t *testing.T) {
	s, reps := newStrategy(refcount.Biased)
	me := s.NewOwner("main")
	item, box, later := newObj(s, "item"), newObj(s, "box"), newObj(s, "later")
	for _, o := range []*obj{item, box, later} {
		s.Init(o, me)
	}
	box.hook = func(o *obj, by *refcount.Owner) {
		s.Decref(item, by) // found dead, put on the pending list
		panic("hook failed")
	}
	assert.PanicsWithValue(t, "hook failed", func() { s.Decref(box, me) })
	assert.Equal(t, int32(0), item.deallocs.Load(), "pending when the hook panicked")
	assert.True(t, s.Dead(item))
	s.Decref(later, me)
	assert.Equal(t, int32(1), later.deallocs.Load())
	assert.Equal(t, int32(1), item.deallocs.Load(), "run with the next deallocation")
	assert.Equal(t, int32(1), box.deallocs.Load())
	assert.Empty(t, reps.all())
}

func TestStats(t *testing.T) {
	s, _ := newStrategy(refcount.Plain)
	a, b := s.NewOwner("a"), s.NewOwner("b")
	for i, by := range []*refcount.Owner{a, a, b} {
		o := newObj(s, objName(i))
		s.Init(o, by)
		s.Decref(o, by)
	}
	s.ThreadExit(a)
	s.ThreadExit(a)
	st := s.Stats()
	assert.Equal(t, refcount.Stats{Owners: 2, Exited: 1, Deallocations: 3}, st)
	assert.Equal(t, uint64(0), st.Merges())
	assert.Equal(t, 0, s.MergeQueued(b))
}

func TestOwnerName(t *testing.T) {
	s := refcount.New(refcount.Biased, nil)
	o := s.NewOwner("thread-7")
	assert.Equal(t, "thread-7", o.Name())
	assert.Equal(t, "thread-7", o.String())
	assert.True(t, strings.HasPrefix(refcount.Biased.String(), "bia"))
}

// TestFastPaths: the fast paths do the common case of plain and biased
// counting and decline everything else, leaving the count as it was.
func TestFastPaths(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, _ := newStrategy(k)
			a, b := s.NewOwner("a"), s.NewOwner("b")
			ha, hb := refcount.LocalHolder(s, a), refcount.LocalHolder(s, b)
			local := k == refcount.Plain || k == refcount.Biased
			o := newObj(s, "o")
			if local {
				o.RefCount().InitLocal(ha)
			} else {
				s.Init(o, a)
			}
			if got := s.Refcnt(o); k != refcount.None && k != refcount.Immortal && got != 1 {
				t.Fatalf("after init: Refcnt %d, want 1", got)
			}
			// Under immortal every object is immortal: the fast paths
			// take it (and do nothing).
			fast := local || k == refcount.Immortal
			if got := o.RefCount().IncrefLocal(ha); got != fast {
				t.Errorf("owner's IncrefLocal: %v, want %v", got, fast)
			}
			if !local {
				s.Incref(o, a)
			}
			if k == refcount.Biased && o.RefCount().IncrefLocal(hb) {
				t.Errorf("a non-owner's IncrefLocal took the fast path")
			}
			if got := o.RefCount().DecrefLocal(ha); got != fast {
				t.Errorf("owner's DecrefLocal of the second reference: %v, want %v", got, fast)
			}
			if !local {
				s.Decref(o, a)
			}
			if o.RefCount().DecrefLocal(ha) && k != refcount.Immortal {
				t.Errorf("DecrefLocal of the last reference took the fast path (it must deallocate)")
			}
			s.Decref(o, a)
			if dead := s.Dead(o); dead != (k != refcount.None && k != refcount.Immortal) {
				t.Errorf("after the last Decref: Dead %v", dead)
			}
			if k != refcount.None && k != refcount.Immortal && o.RefCount().IncrefLocal(ha) {
				t.Errorf("IncrefLocal of a dead object took the fast path")
			}
			imm := newObj(s, "imm")
			s.InitImmortal(imm)
			if !imm.RefCount().IncrefLocal(hb) || !imm.RefCount().DecrefLocal(hb) {
				t.Errorf("an immortal object's fast paths declined")
			}
		})
	}
}

// TestDecrefLastLocal: the leaf fast path takes the owner's last local
// reference of an object nobody else counts, poisoning it and counting the
// deallocation, and declines everything else, leaving the count as it was.
func TestDecrefLastLocal(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			a, b := s.NewOwner("a"), s.NewOwner("b")
			ha, hb := refcount.LocalHolder(s, a), refcount.LocalHolder(s, b)
			local := k == refcount.Plain || k == refcount.Biased
			newOwned := func(name string) *obj {
				o := newObj(s, name)
				if local {
					o.RefCount().InitLocal(ha)
				} else {
					s.Init(o, a)
				}
				return o
			}
			counts := func() uint64 { return s.Stats().Deallocations }

			o := newOwned("o")
			s.Incref(o, a)
			if o.RefCount().DecrefLastLocal(ha, a) {
				t.Errorf("took a reference that is not the last")
			}
			s.Decref(o, a)
			if k == refcount.Biased && o.RefCount().DecrefLastLocal(hb, b) {
				t.Errorf("a non-owner took the owner's last reference")
			}
			before := counts()
			if got := o.RefCount().DecrefLastLocal(ha, a); got != local {
				t.Fatalf("owner's last reference: %v, want %v", got, local)
			}
			if local {
				if !s.Dead(o) || counts() != before+1 || o.deallocs.Load() != 0 {
					t.Errorf("after the fast path: Dead %v, deallocations +%d, Dealloc calls %d; want dead, +1, 0 (the caller deallocates)",
						s.Dead(o), counts()-before, o.deallocs.Load())
				}
				if o.RefCount().DecrefLastLocal(ha, a) {
					t.Errorf("took a dead object's reference")
				}
			} else {
				s.Decref(o, a)
			}

			if k == refcount.Biased {
				// Another thread's reference lives in the shared word:
				// the owner's last local one must merge, not free.
				sh := newOwned("shared")
				s.Incref(sh, b)
				if sh.RefCount().DecrefLastLocal(ha, a) {
					t.Errorf("freed an object another thread counts")
				}
				s.Decref(sh, a)
				if s.Dead(sh) || s.Refcnt(sh) != 1 {
					t.Errorf("after the owner's decref: Dead %v, Refcnt %d; want alive, 1", s.Dead(sh), s.Refcnt(sh))
				}
				if sh.RefCount().DecrefLastLocal(hb, b) || sh.RefCount().DecrefLastLocal(ha, a) {
					t.Errorf("took the last reference of a merged object")
				}
				s.Decref(sh, b)
				if !s.Dead(sh) || sh.deallocs.Load() != 1 {
					t.Errorf("merged object: Dead %v, Dealloc calls %d", s.Dead(sh), sh.deallocs.Load())
				}
			}

			imm := newObj(s, "imm")
			s.InitImmortal(imm)
			if imm.RefCount().DecrefLastLocal(ha, a) {
				t.Errorf("took an immortal object's reference")
			}
			if r := reps.all(); len(r) != 0 {
				t.Errorf("reports: %v", reps)
			}
		})
	}
}

// TestExclusive: Count.Exclusive says "the only reference, counted here"
// for exactly one local reference of the asking owner with nothing
// shared, under the strategies whose fast paths count locally, and never
// under the others, for another thread, or for an immortal.
func TestExclusive(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			a, b := s.NewOwner("a"), s.NewOwner("b")
			ha, hb := refcount.LocalHolder(s, a), refcount.LocalHolder(s, b)
			local := k == refcount.Plain || k == refcount.Biased
			o := newObj(s, "o")
			if local {
				o.RefCount().InitLocal(ha)
			} else {
				s.Init(o, a)
			}
			c := o.RefCount()
			check := func(what string, got, want bool) {
				t.Helper()
				if got != want {
					t.Errorf("%s: Exclusive %v, want %v", what, got, want)
				}
			}
			check("one reference, the owner asks", c.Exclusive(ha), local)
			if k == refcount.Biased {
				check("one reference, another thread asks", c.Exclusive(hb), false)
			}
			s.Incref(o, a)
			check("two local references", c.Exclusive(ha), false)
			s.Decref(o, a)
			if k == refcount.Biased {
				s.Incref(o, b) // counted in the shared word
				check("one local and one shared reference", c.Exclusive(ha), false)
				s.Decref(o, b)
				check("the shared one dropped again", c.Exclusive(ha), true)
			}
			s.Decref(o, a)
			check("dead", c.Exclusive(ha), false)

			imm := newObj(s, "imm")
			s.InitImmortal(imm)
			check("immortal", imm.RefCount().Exclusive(ha), false)
			if r := reps.all(); len(r) != 0 {
				t.Errorf("reports: %v", reps)
			}
		})
	}
}

// TestSharedFastPaths: the shared fast paths count another thread's
// object exactly as biased counting's own Incref, TryIncref and Decref
// do, in the cases they take, and leave to the strategy (changing
// nothing) the ones that queue, deallocate or report; under every other
// strategy, for the owner, and under Bugs they take none.
func TestSharedFastPaths(t *testing.T) {
	for _, k := range refcount.Kinds() {
		t.Run(k.String(), func(t *testing.T) {
			s, reps := newStrategy(k)
			a, b := s.NewOwner("a"), s.NewOwner("b")
			ha, hb := refcount.SharedHolder(s, a), refcount.SharedHolder(s, b)
			o := newObj(s, "o")
			s.Init(o, a)
			c := o.RefCount()
			if k != refcount.Biased {
				if ha != nil || hb != nil {
					t.Fatalf("SharedHolder = %v, %v, want nil: only biased counting has a shared word", ha, hb)
				}
				if c.IncrefShared(hb) || c.DecrefShared(hb) {
					t.Errorf("a shared fast path was taken under %s", k)
				}
				if done, _ := c.TryIncrefShared(hb); done {
					t.Errorf("TryIncrefShared was taken under %s", k)
				}
				return
			}
			step := func(what string, got, want bool) {
				t.Helper()
				if got != want {
					t.Errorf("%s: took the fast path %v, want %v (shared word %#x)", what, got, want, refcount.SharedWord(c))
				}
			}
			step("the owner's IncrefShared", c.IncrefShared(ha), false)
			step("the owner's DecrefShared", c.DecrefShared(ha), false)
			step("DecrefShared of a reference the owner counts (it must be queued)", c.DecrefShared(hb), false)
			done, ok := c.TryIncrefShared(hb)
			step("TryIncrefShared of a live object", done && ok, true)
			step("IncrefShared", c.IncrefShared(hb), true)
			step("DecrefShared of one of two shared references", c.DecrefShared(hb), true)
			s.Decref(o, a) // the owner's last: the object merges, one shared reference left
			step("IncrefShared of a merged object", c.IncrefShared(hb), true)
			step("DecrefShared of a merged object's second-last reference", c.DecrefShared(hb), true)
			step("DecrefShared of a merged object's last reference (it must deallocate)", c.DecrefShared(hb), false)
			s.Decref(o, b)
			if got := o.deallocs.Load(); got != 1 {
				t.Fatalf("deallocations %d, want 1", got)
			}
			done, ok = c.TryIncrefShared(hb)
			step("TryIncrefShared of a dead object answered", done, true)
			step("TryIncrefShared of a dead object succeeded", ok, false)
			before := refcount.SharedWord(c)
			step("IncrefShared of a dead object", c.IncrefShared(hb), false)
			if after := refcount.SharedWord(c); after != before {
				t.Errorf("IncrefShared of a dead object left the word %#x, want it as it was, %#x", after, before)
			}
			step("DecrefShared of a dead object", c.DecrefShared(hb), false)
			if r := reps.all(); len(r) != 0 {
				t.Errorf("reports: %v", reps)
			}

			refcount.WithBugs(s, refcount.Bugs{MergeOwnerAfterPublish: true})
			if h := refcount.SharedHolder(s, b); h != nil {
				t.Errorf("SharedHolder under Bugs = %v, want nil: the bugs' tests want every count to reach the strategy", h)
			}
		})
	}
}
