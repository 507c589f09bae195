// Package core is rwgil's interpreter: runtimes and their threads, a
// CPython-shaped object model with per-object critical sections, and the
// eval loop that runs the bytecode of package core/bytecode.
//
// # Runtimes and threads
//
// A Runtime is one interpreter: its extension module lock (package eml),
// its reference-count strategy (package refcount), its type objects and
// singletons, and its modules. Several runtimes may live in one process
// (each is what CPython calls an interpreter); their objects must never
// meet. A Thread is a thread state: the thread's attachment to the lock,
// its refcount owner identity, its stack of critical sections and its
// Python call state. Core code runs on an attached thread; a Thread
// belongs to one goroutine at a time.
//
// # Running a program
//
// Runtime.Exec is the embedder's entry point: it runs a code object as
// __main__ on a new thread, waits for the threads the program starts, and
// returns a Result with the uncaught exception (its traceback as Python
// prints it, its type, message and frames) and the reports of threads
// that ended with an exception. Between NewRuntime and Close nothing else
// is needed; Thread.Run is the lower-level call for a thread the caller
// manages itself. While a program runs, Interrupt raises KeyboardInterrupt
// in its main thread, DumpThreads prints where every thread is, and
// Config.Watchdog reports a deadlock (diagnose.go).
//
// # Objects and references
//
// Every object embeds a Header: its type, its reference count, and the
// mutex of its critical sections. Types are objects of their runtime, so
// any object reaches its runtime's strategy through its type, and the
// header holds nothing else. None, the booleans, the small ints (-5 to
// 256), interned strings, the built-in types and all constants of code
// objects are immortal.
//
// The Go API follows CPython's reference discipline:
//
//   - A function that returns an Object returns a new reference: the
//     caller owns it and must drop it with Decref (or hand it on).
//   - Arguments are borrowed: the callee increfs what it keeps.
//   - Constructors that take a slice of items (NewTuple, NewList) take
//     over the references in it.
//   - A returned error that is an *Exception owns one reference to it:
//     whoever handles the error takes it over, and Go code that gives up
//     on an error drops it with Discard.
//
// When a count reaches zero the object is deallocated exactly once:
// containers drop their items then. Runtime.Close clears every module
// and reports each object still alive as a leak (Config.TrackObjects
// names them). There is no cycle collector: a reference cycle outlives
// its last outside reference and shows up as a leak.
//
// # Critical sections
//
// Every operation on a mutable built-in (list, dict, set, and the dicts
// of instances, modules and classes) runs inside a critical section on
// that object, and two-object operations lock both in address order, so
// the operations the Python FAQ calls atomic stay atomic under every
// policy, free included. A thread never waits for a section's mutex while
// holding another, and a section never spans a safe point: Thread.Call
// suspends the sections before running Python code, and resumes only the
// innermost after. The rules are spelled out in critical.go. Under the gil
// policy sections do nothing, as in CPython's default build.
//
// # Exceptions
//
// Python exceptions are Exception objects that travel through Go code as
// errors; an uncaught one's FormatTraceback prints it as Python does. A Go
// panic never escapes the runtime for a user's mistake: a bad program
// raises an exception.
//
// # The eval loop
//
// Thread.Run runs a module's code as __main__. The loop polls the lock at
// its safe points -- backward jumps, calls and function entry, as CPython
// does -- and at every instruction with SafePointsEvery. That placement is
// semantics, not only speed: it decides which non-atomic sequences can
// interleave under the GIL (docs/design.md, G3). Biased reference counts queued
// to a thread are merged at its safe points. Recursion past
// Config.RecursionLimit raises RecursionError; the limit is bounded by
// what the Go stack holds (MaxRecursionLimit, recursion.go).
//
// The thread module (import thread) gives programs native threads and
// locks: start, join, Lock, RLock, get_ident and sleep. Every blocking call
// waits detached, as CPython releases the GIL.
//
// # The extension boundary
//
// extension.go is what package extensions builds on. CallExtension is the
// boundary of a call into extension code: it promotes the thread for a
// module that is not ported, demotes on every exit, and turns a panic into
// a RuntimeError with the thread put back as it was. From inside, Call of
// Python code demotes for the callback under Callbacks = drop; AllowThreads
// and Sleep wait detached; CriticalSection locks an object; Ensure and
// Release let a goroutine the runtime did not start enter it, as
// PyGILState_Ensure does; Capsule carries a Go value as an object.
package core
