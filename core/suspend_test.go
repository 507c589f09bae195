package core

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// TestMutexWaitSuspendsSection is issue 13's second bug: an eml.Mutex wait
// inside th.CriticalSection did not suspend the section, although the
// section is meant to be suspended around every blocking wait. The waiter
// then sat detached holding a list's mutex, so a thread that stopped the
// world and touched the list had to wait for it -- and a wait while
// exclusive restarts the world, in the middle of the unported call
// (the shape of CPython's gh-118332).
//
// A waiter enters a section on a list and waits there for an eml.Mutex a
// third thread holds (as an extension taking a thread-module lock inside
// Py_BEGIN_CRITICAL_SECTION would). A promoter then stops the world and
// appends to the list: it must find the list's mutex free and stay
// alone, with no second stop. Once the waiter gets its mutex it must hold
// the section again: its append and its read of the list are atomic.
func TestMutexWaitSuspendsSection(t *testing.T) {
	rt, main := testRuntime(t, Config{Policy: eml.PolicyEML})
	l := main.NewList(nil)
	defer main.Decref(l)
	mustOK(main.Detach())
	defer func() { mustOK(main.Attach()) }()

	waiter, promoter := rt.NewThread("waiter"), rt.NewThread("promoter")
	var mu eml.Mutex
	holder := rt.NewThread("holder")
	mustOK(holder.Attach())
	mustOK(mu.Lock(holder.eml))
	mustOK(holder.Detach())

	var wg sync.WaitGroup
	var inSection []int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		mustOK(waiter.Attach())
		err := waiter.CriticalSection(l, func() error {
			if err := mu.Lock(waiter.eml); err != nil {
				return err
			}
			// Resumed: the section is held again, so nobody appends
			// between these two.
			x := waiter.NewInt(1)
			waiter.ListAppend(l, x)
			waiter.Decref(x)
			inSection = ints(waiter, waiter.listSnapshot(l))
			return nil
		})
		mustOK(err)
		mustOK(waiter.Detach())
	}()
	for waiter.eml.Waiting() != "a Mutex" {
		runtime.Gosched() // until the waiter waits for mu
	}

	mustOK(promoter.Attach())
	mustOK(promoter.eml.Promote())
	stops := rt.lock.Stats().Stops
	locked := l.header().mu.Locked()
	if !locked { // else the append would wait, restarting the world, for a thread that waits for us
		x := promoter.NewInt(2)
		promoter.ListAppend(l, x)
		promoter.Decref(x)
	}
	restarted := rt.lock.Stats().Stops != stops || !promoter.eml.RunsAlone()
	mustOK(promoter.eml.Demote())
	mustOK(promoter.Detach())

	mustOK(holder.Attach())
	mu.Unlock(holder.eml)
	mustOK(holder.Detach())
	wg.Wait()
	mustOK(holder.Close())
	mustOK(promoter.Close())
	mustOK(waiter.Close())

	if locked || restarted {
		t.Fatalf("while the world was stopped the list's mutex was held=%v (by a thread waiting detached inside its section), and appending to the list restarted the world=%v; want neither", locked, restarted)
	}
	mustOK(main.Attach())
	got := fmt.Sprint(ints(main, main.listSnapshot(l)))
	mustOK(main.Detach())
	if want := "[2 1]"; got != want {
		t.Errorf("list %s, want %s", got, want)
	}
	if got := fmt.Sprint(inSection); got != "[2 1]" {
		t.Errorf("inside its resumed section the waiter saw %s, want [2 1]", got)
	}
}

// ints converts a snapshot of ints to Go values and drops its references.
func ints(th *Thread, objs []Object) []int64 {
	out := make([]int64, len(objs))
	for i, o := range objs {
		out[i], _ = o.(*Int).Int64()
		th.Decref(o)
	}
	return out
}

// TestNestedSectionsOnOneObject: a section on an object whose mutex an
// enclosing section holds takes nothing (it is already ours), however deep
// the nesting; and when a wait inside it suspends the sections, resuming
// it re-takes the enclosing section's mutex, which it stands for. (Before,
// a third level waited for its own mutex, and a resumed inner section ran
// without the mutex.)
func TestNestedSectionsOnOneObject(t *testing.T) {
	_, th := testRuntime(t, Config{Policy: eml.PolicyEML})
	l := th.NewList(nil)
	defer th.Decref(l)
	var heldAfterWait, heldAfterInner bool
	err := th.CriticalSection(l, func() error {
		err := th.CriticalSection(l, func() error {
			x := th.NewInt(1)
			th.ListAppend(l, x) // a third section on l
			th.Decref(x)
			if err := th.AllowThreads(func() {}); err != nil {
				return err
			}
			heldAfterWait = l.header().mu.Locked()
			return nil
		})
		heldAfterInner = l.header().mu.Locked()
		return err
	})
	mustOK(err)
	if !heldAfterWait || !heldAfterInner {
		t.Errorf("after a wait inside nested sections on one list its mutex was held=%v, after the inner section ended held=%v; want both", heldAfterWait, heldAfterInner)
	}
	if l.header().mu.Locked() || len(th.cs) != 0 {
		t.Errorf("after the sections: mutex held=%v, %d sections on the stack; want free, none", l.header().mu.Locked(), len(th.cs))
	}
}
