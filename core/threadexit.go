package core

import "sync"

// Hooks a thread state runs when it closes, for the standard library's
// per-thread resources that must be released on the thread's own
// goroutine (os.sched_setaffinity's placement of the thread's OS thread).
// They live beside the Thread, not in it, so that the Thread's fields
// stay as the eval loop lays them out.
var exitHooks sync.Map // *Thread -> []func()

// OnClose registers fn to run when th closes (Thread.Close, which the
// runtime calls on the thread's goroutine for the threads it starts and
// for Exec's main thread), after the thread's last refcount operation,
// in the order registered. fn must not use th. On a closed thread fn runs
// at once.
func (th *Thread) OnClose(fn func()) {
	if th.closed {
		fn()
		return
	}
	hooks, _ := exitHooks.Load(th)
	fns, _ := hooks.([]func())
	exitHooks.Store(th, append(fns, fn))
}

// runCloseHooks runs and forgets th's OnClose hooks.
func (th *Thread) runCloseHooks() {
	hooks, ok := exitHooks.LoadAndDelete(th)
	if !ok {
		return
	}
	for _, fn := range hooks.([]func()) {
		fn()
	}
}
