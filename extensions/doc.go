// Package extensions is rwgil's extension API and its bundled modules: the
// capability the project exists to show, that extensions written for the
// GIL keep their guarantee while the core runs free.
//
// A Module names its functions and says whether it is ported -- the
// Py_MOD_GIL_NOT_USED slot of CPython 3.13. Register makes it importable.
// A call from core code into a function of a module that is not ported
// promotes the calling thread for the call: under the eml policy that is a
// stop-the-world, so nothing else runs core or extension code during it,
// exactly as under the GIL. Returning, raising or panicking demotes; a
// panic becomes a RuntimeError naming the module and function. Under gil
// the caller is already alone, under free nobody is stopped (by design:
// the policy shows what breaks), and under sticky the first import of an
// unported module turns the GIL on for the rest of the run, with CPython
// 3.13t's warning. With core.Config.Strict, the free policy refuses to
// import an unported module instead.
//
// Inside a function, extension code uses core's object API on the thread
// it is given, and:
//
//   - calls back into core code with th.Call: under Callbacks = drop the
//     thread demotes for the callback and promotes again after (the GIL
//     could switch inside a callback too); under hold it stays exclusive;
//   - releases the lock around blocking work with th.AllowThreads (if the
//     thread is exclusive the world restarts for it, and the thread
//     promotes again after), or sleeps with th.Sleep;
//   - yields with th.Yield inside a slow read-modify-write, so that the
//     race it would have without the lock is reachable;
//   - locks with the core's native locking layer (th.NewLock, NewRLock,
//     NewCondition, NewSemaphore, NewEvent, NewBarrier: threading's
//     primitives, whose waits detach and suspend critical sections);
//   - starts goroutines of its own that enter the runtime with
//     rt.Ensure(module) and leave with Release, like PyGILState_Ensure: an
//     unported module's goroutine runs exclusive, a ported one's shared,
//     and a nested Ensure on the same thread only counts.
//
// The bundled modules (RegisterBundled) each tell one story; their
// docstrings (the module's __doc__) say which.
package extensions
