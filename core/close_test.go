package core

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/refcount"
)

// TestCloseDeallocatesAttached is issue 13's first bug: closing a thread
// merges its biased queue, which can deallocate, and a Dealloc can run
// extension code -- here a capsule's release. Close did that after
// unregistering the thread from the lock, so the release ran while
// another thread had stopped the world (eml) or held the GIL (gil): extension
// code beside an unported call.
//
// The owner creates a capsule and hands its reference to a second thread,
// which drops it: the capsule's last reference goes to the owner's queue.
// Then a third thread takes the lock for itself (Promote under eml, the
// GIL under gil) and, while alone, lets the owner close. It waits until
// the owner has either finished closing (the bug: the release ran inside
// the exclusive window) or is blocked attaching for the merge (the fix),
// and only then gives the lock back. The release checks that its thread
// is attached and that no exclusive window is open.
func TestCloseDeallocatesAttached(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		t.Run(policy.String(), func(t *testing.T) {
			rt, err := NewRuntime(Config{Policy: policy, Refcount: refcount.Biased})
			if err != nil {
				t.Fatal(err)
			}
			owner, dropper, holder := rt.NewThread("owner"), rt.NewThread("dropper"), rt.NewThread("holder")

			var exclusive atomic.Bool // the holder's exclusive window is open
			var released, attached, alone atomic.Bool
			mustOK(owner.Attach())
			c := owner.NewCapsule("probe", nil, func(any) {
				released.Store(true)
				attached.Store(owner.eml.Attached())
				alone.Store(!exclusive.Load())
			})
			mustOK(owner.Detach())

			// The dropper takes over the owner's reference and drops it:
			// a non-owner's decref of an object whose shared count is
			// zero queues it to the owner.
			mustOK(dropper.Attach())
			dropper.Decref(c)
			mustOK(dropper.Detach())
			mustOK(dropper.Close())
			if released.Load() {
				t.Fatal("the capsule was released before the owner merged its queue")
			}
			if got := rt.rc.Stats().Queued; got != 1 {
				t.Fatalf("%d objects queued to their owner, want the capsule", got)
			}

			mustOK(holder.Attach())
			if policy == eml.PolicyEML {
				mustOK(holder.eml.Promote())
			}
			if !holder.eml.RunsAlone() {
				t.Fatalf("the holder does not run alone under %v", policy)
			}
			exclusive.Store(true)
			var closeErr error
			var closed atomic.Bool
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				closeErr = owner.Close()
				closed.Store(true)
			}()
			// Alone until the owner is done or blocked attaching: it is the
			// only thread that can wait for anything now.
			for !closed.Load() && owner.eml.Waiting() == "" {
				holder.Yield()
			}
			exclusive.Store(false)
			if policy == eml.PolicyEML {
				mustOK(holder.eml.Demote())
			}
			mustOK(holder.Detach())
			wg.Wait()
			mustOK(closeErr)
			mustOK(holder.Close())
			mustOK(rt.Close())

			switch {
			case !released.Load():
				t.Fatal("closing the owner did not release the capsule")
			case !attached.Load() || !alone.Load():
				t.Errorf("the capsule's release ran with its thread attached=%v, while another thread ran alone=%v; want attached, and nobody else alone",
					attached.Load(), !alone.Load())
			}
		})
	}
}
