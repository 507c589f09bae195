package refcount_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rwgil/rwgil/refcount"
)

// TestImmortalize: Immortalize turns a live biased count of any state but
// queued into an immortal one, which later counts by any thread leave
// alone; it refuses every other case, changing nothing.
func TestImmortalize(t *testing.T) {
	type setup func(s refcount.Strategy, o refcount.Object, owner, other *refcount.Owner)
	cases := []struct {
		name  string
		kind  refcount.Kind
		setup setup
		want  bool
	}{
		{"owner's local count", refcount.Biased, func(s refcount.Strategy, o refcount.Object, owner, other *refcount.Owner) {
			s.Incref(o, owner)
		}, true},
		{"shared references too", refcount.Biased, func(s refcount.Strategy, o refcount.Object, owner, other *refcount.Owner) {
			s.Incref(o, other)
			s.Incref(o, other)
		}, true},
		{"merged", refcount.Biased, func(s refcount.Strategy, o refcount.Object, owner, other *refcount.Owner) {
			s.Incref(o, other)
			s.Decref(o, owner) // local reaches zero: merged, shared holds other's
		}, true},
		{"queued", refcount.Biased, func(s refcount.Strategy, o refcount.Object, owner, other *refcount.Owner) {
			s.Incref(o, owner)
			s.Decref(o, other) // shared was zero: queued to owner
		}, false},
		{"dead", refcount.Biased, func(s refcount.Strategy, o refcount.Object, owner, other *refcount.Owner) {
			s.Decref(o, owner)
		}, false},
		{"atomic strategy", refcount.Atomic, func(refcount.Strategy, refcount.Object, *refcount.Owner, *refcount.Owner) {}, false},
		{"plain strategy", refcount.Plain, func(refcount.Strategy, refcount.Object, *refcount.Owner, *refcount.Owner) {}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, reps := newStrategy(c.kind)
			owner, other := s.NewOwner("owner"), s.NewOwner("other")
			o := newObj(s, "o")
			s.Init(o, owner)
			c.setup(s, o, owner, other)
			before := s.Refcnt(o)
			got := refcount.Immortalize(s, o)
			assert.Equal(t, c.want, got, "Immortalize")
			assert.Equal(t, c.want, refcount.IsImmortal(o), "IsImmortal")
			if !c.want {
				assert.Equal(t, before, s.Refcnt(o), "a refused Immortalize changes nothing")
				return
			}
			assert.Equal(t, refcount.ImmortalRefcnt, s.Refcnt(o))
			for range 5 {
				s.Decref(o, owner)
				s.Decref(o, other)
			}
			s.Incref(o, other)
			assert.True(t, s.TryIncref(o, owner))
			assert.False(t, s.Dead(o))
			assert.Equal(t, int32(0), o.deallocs.Load(), "an immortalized object is never deallocated")
			assert.Empty(t, reps.all())
			s.MergeQueued(owner)
			s.ThreadExit(owner)
			s.ThreadExit(other)
			assert.Empty(t, reps.all())
		})
	}
	t.Run("immortal already", func(t *testing.T) {
		s, _ := newStrategy(refcount.Biased)
		o := newObj(s, "None")
		s.InitImmortal(o)
		assert.False(t, refcount.Immortalize(s, o))
	})
	t.Run("with bugs", func(t *testing.T) {
		s, _ := newStrategy(refcount.Biased)
		refcount.WithBugs(s, refcount.Bugs{MergeOwnerAfterPublish: true})
		o := newObj(s, "o")
		s.Init(o, s.NewOwner("owner"))
		assert.False(t, refcount.Immortalize(s, o))
	})
}
