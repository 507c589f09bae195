package core

import (
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// Immortalization at the first thread, as CPython 3.13's free-threaded
// build does it (its "Known limitations: Immortalization"): when a
// program starts its first thread (thread.start, or threading through
// StartThread), the functions, classes and modules a program looks up by
// name are made immortal, so that the threads that go on to call them do
// not all count references to the same few objects. Under biased counting
// those objects are owned by the thread that made them -- usually the
// main thread -- and every other thread's count of them is a
// compare-and-swap on one shared word; made immortal, every thread's
// count of them is the inlined check that stops at "immortal".
//
// What is made immortal: every module in sys.modules and its dict, and
// what those dicts bind, recursively through class dicts: classes, and
// functions that are not nested in a function (CPython 3.13t's deferred
// objects, whose code lacks CO_NESTED: module-level functions, lambdas
// and methods; a function made by a function's call is left counted,
// since it is more likely to hold a closure whose prompt release
// matters). CPython marks its candidates as it creates them and also
// immortalizes every later one; rwgil immortalizes what is reachable at
// the first thread's start and nothing later, so that a program making
// functions in a loop afterwards does not keep them all alive.
//
// It runs once per runtime, only under the biased strategy (without Bugs
// or the isolation checker, whose tests want every count) and unless
// Config.NoImmortalize says not to. The counts change while no other
// thread can count: under a GIL the caller holds it; with a Sequencer it
// is the one thread running; a thread that is the runtime's only one
// holds the thread registry's mutex, so that no other is made meanwhile;
// otherwise it stops the world as Inspect does.
//
// An immortalized object is never deallocated. It is no longer counted
// live (for Close's leak check) from the moment it is immortalized, and
// Close drops the references it holds (releaseImmortals), so that what
// only the immortal objects kept alive is deallocated then as it would
// have been had they died.

// immortalizeAtFirstThread makes the program's named functions, classes
// and modules immortal, if this is the runtime's first thread start and
// the runtime does it at all. th is attached.
func (th *Thread) immortalizeAtFirstThread() {
	rt := th.rt
	if !rt.immortalizeOn || !rt.immortalized.CompareAndSwap(false, true) {
		return
	}
	if th.eml.RunsAlone() || rt.seq != nil {
		th.immortalizeReachable()
		return
	}
	// The common case: th is the runtime's only thread, and holding
	// threadMu keeps any other from being made (and so from attaching)
	// until the walk is done. No stop is needed, and none is counted.
	rt.threadMu.Lock()
	if _, ok := rt.threads[th]; ok && len(rt.threads) == 1 {
		th.immortalizeReachable()
		rt.threadMu.Unlock()
		return
	}
	rt.threadMu.Unlock()
	// Inspect stops the world from a detached thread; Blocking detaches
	// th (suspending its critical sections) around it.
	var err error
	if berr := th.eml.Blocking(func() { err = th.eml.Inspect(th.immortalizeReachable) }); berr != nil {
		err = berr
	}
	if err != nil {
		// Not reachable with the checks above (an attached, usable thread
		// of a free-threaded policy); counting on is always correct.
		rt.immortalized.Store(false)
	}
}

// immortalizeReachable is the walk itself, run while no other thread
// counts references: every module of sys.modules, its dict, and what the
// dict binds.
func (th *Thread) immortalizeReachable() {
	rt := th.rt
	rt.modMu.Lock()
	mods := make([]*Module, 0, len(rt.modules))
	for _, m := range rt.modules {
		mods = append(mods, m)
	}
	rt.modMu.Unlock()
	for _, m := range mods {
		th.immortalizeObject(m)
	}
}

// immortalizeObject makes o immortal if it is a module, class or
// function that the runtime immortalizes, and then what its dict binds.
// An object already immortal (a built-in, or one reached before) stops
// the walk, which is what ends it on cycles.
func (th *Thread) immortalizeObject(o Object) {
	switch x := o.(type) {
	case *Module:
		if th.immortalize(x) {
			th.immortalizeDict(x.dict)
		}
	case *Type:
		if !x.builtin && th.immortalize(x) {
			th.immortalizeDict(x.dict)
		}
	case *Function:
		if !strings.Contains(x.qualname, "<locals>") {
			th.immortalize(x)
		}
	}
}

// immortalizeDict makes d immortal, and then the values it binds that
// immortalizeObject takes.
func (th *Thread) immortalizeDict(d *Dict) {
	if d == nil || !th.immortalize(d) {
		return
	}
	for i := range d.entries {
		if d.entries[i].key != nil {
			th.immortalizeObject(d.entries[i].value)
		}
	}
}

// immortalize makes one object immortal and takes it out of the live
// counts, keeping it for Close; false if refcount refused (immortal
// already, or queued to its owner).
func (th *Thread) immortalize(o Object) bool {
	if !refcount.Immortalize(th.rt.rc, o) {
		return false
	}
	untrackKept(o, th.owner) // its memory stays in use
	th.rt.immortals = append(th.rt.immortals, o)
	return true
}

// releaseImmortals drops the references the immortalized objects hold,
// for Close, once the module dicts are cleared: what Dealloc would have
// dropped, had they been mortal (they stay immortal, so the order among
// them does not matter). th is attached and the runtime's only thread.
func (rt *Runtime) releaseImmortals(th *Thread) {
	for _, o := range rt.immortals {
		switch x := o.(type) {
		case *Dict:
			x.clear(th)
		case *Module:
			decrefBy(x.dict, th.owner)
		case *Type:
			x.release(th.owner)
		case *Function:
			x.release(th.owner)
		}
	}
	rt.immortals = nil
}
