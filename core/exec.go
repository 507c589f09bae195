package core

import (
	"errors"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// Result is how a program run by Runtime.Exec ended.
type Result struct {
	// Exception is the main thread's uncaught exception as Python prints
	// it -- cause or context first, then "Traceback (most recent call
	// last):", one line per frame, and "Type: message" -- or "" if the
	// program ended normally. For a SystemExit it is what CPython prints
	// instead of a traceback: str(code) and a newline when the code is
	// neither None nor an int, else nothing.
	Exception string
	// ExitStatus is the exit status CPython's process would end with:
	// 0 when the program ended normally, 1 for an uncaught exception, and
	// for a SystemExit its code (an int's low 8 bits, None 0, anything
	// else 1). KeyboardInterrupt is 1 here; CPython dies of the
	// signal instead, which the CLI mimics.
	ExitStatus int
	// SystemExit says the program ended with an uncaught SystemExit.
	SystemExit bool
	// ExceptionType and ExceptionMessage are the uncaught exception's
	// class name and str(); Traceback its frames, outermost first.
	ExceptionType, ExceptionMessage string
	Traceback                       []TraceEntry
	// ThreadErrors are the reports of the threads that ended with an
	// exception while Exec ran ("Exception in thread Thread-1:" and a
	// traceback, in the order they ended). They were printed to
	// Config.Stderr as they happened, as CPython prints them; they do not
	// make the program fail, as in CPython.
	ThreadErrors []string
	// Aborted is the *eml.Abort with which a Sequencer gave the run up (a
	// deadlock, its step limit); nil otherwise. After an abort the
	// runtime is left as the abort found it: nothing runs in it, and it
	// cannot be closed.
	Aborted error
}

// Failed reports whether the program ended with an uncaught exception or
// was given up.
func (r *Result) Failed() bool {
	return (r.Exception != "" && !r.SystemExit) || r.ExitStatus != 0 || r.Aborted != nil
}

// Exec runs code as the __main__ module on a new thread called
// MainThread, waits for every thread the program started (as Python waits
// for non-daemon threads at exit), and reports how it ended. It is the one
// call an embedder needs between NewRuntime (and the registration of
// extension modules) and Close:
//
//	rt, err := core.NewRuntime(cfg)
//	...
//	res, err := rt.Exec(code)  // err: the program could not run
//	...                        // res.Exception: it raised
//	err = rt.Close()           // leaks, refcount misuse
//
// code may come from the .rwa assembler, the Builder or a compiler: it is
// validated before it runs, and never written to. The error is for a
// program that could not run at all (an invalid code object, a closed
// runtime); everything the program
// did, including an uncaught exception, is in the Result. Exec leaves the
// runtime open, so that its Stats can be read and more code run in the
// same __main__ before Close.
func (rt *Runtime) Exec(code *bytecode.Code) (*Result, error) {
	th := rt.NewThread("MainThread")
	// The thread stays attached from before the run until its result and
	// exception are dropped: under a Sequencer its work is then one stretch
	// of the schedule, as a thread's run is.
	if err := th.Attach(); err != nil {
		if th.usable() != nil {
			return nil, err
		}
		return nil, errors.Join(err, th.Close())
	}
	mark := rt.threadErrorMark()
	rt.execMain.Store(th)
	if rt.cfg.Watchdog > 0 && rt.seq == nil {
		stop := make(chan struct{})
		defer close(stop)
		go rt.watch(rt.cfg.Watchdog, stop)
	}
	r, runErr := th.Run(code)
	rt.execMain.CompareAndSwap(th, nil)
	rt.mainEnded.Store(true)
	var abort *eml.Abort
	if errors.As(runErr, &abort) {
		rt.WaitThreads()
		return &Result{Aborted: abort, ThreadErrors: rt.threadErrorsSince(mark)}, nil
	}
	res := &Result{}
	var e *Exception
	switch {
	case errors.As(runErr, &e):
		res.ExceptionType, res.ExceptionMessage = e.TypeName(), e.Message()
		res.Traceback = e.Traceback()
		if e.typ.IsSubtype(rt.types.exc.SystemExit) {
			res.SystemExit = true
			res.ExitStatus, res.Exception = th.systemExit(e)
		} else {
			res.Exception = th.FormatException(e)
			res.ExitStatus = 1
			if s, err := th.Str(e); err == nil {
				res.ExceptionMessage = s
			} else {
				th.Discard(err)
			}
		}
		th.Discard(runErr)
	case runErr != nil:
		// Not a Python exception: the program could not run (an invalid
		// code object).
		return nil, errors.Join(runErr, th.Detach(), th.Close())
	}
	th.XDecref(r)
	th.exitAttached() // its last refcount operation: what Close would attach for
	if err := th.Detach(); err != nil {
		return nil, err
	}
	if rt.cfg.PrintExit && res.Exception != "" {
		rt.writeStderr(res.Exception)
	}
	rt.WaitThreads()
	res.ThreadErrors = rt.threadErrorsSince(mark)
	if err := th.Close(); err != nil {
		return nil, err
	}
	return res, nil
}

// MainEnded reports whether the main module of the program Exec runs has
// returned: threading.main_thread().is_alive() is false from then on,
// while the program waits for its other threads.
func (rt *Runtime) MainEnded() bool { return rt.mainEnded.Load() }

// maxThreadErrors bounds the thread reports a runtime keeps for Exec: a
// program that starts a million failing threads prints them all, but
// Result holds the first ones.
const maxThreadErrors = 1000

// threadErrorMark is where the reports of an Exec begin.
func (rt *Runtime) threadErrorMark() int64 { return rt.threadErrors.Load() }

// threadErrorsSince returns the reports kept since mark.
func (rt *Runtime) threadErrorsSince(mark int64) []string {
	rt.threadErrMu.Lock()
	defer rt.threadErrMu.Unlock()
	var out []string
	for _, r := range rt.threadErrReports {
		if r.serial >= mark {
			out = append(out, r.text)
		}
	}
	return out
}

// threadErrReport is one kept report of a thread that ended with an
// exception; serial is its place in the count of ThreadErrors.
type threadErrReport struct {
	serial int64
	text   string
}

// keepThreadError records a thread's report for Exec.
func (rt *Runtime) keepThreadError(text string) {
	rt.threadErrMu.Lock()
	defer rt.threadErrMu.Unlock()
	serial := rt.threadErrors.Add(1) - 1
	if len(rt.threadErrReports) >= maxThreadErrors {
		// Keep the most recent ones: an Exec asks for its own.
		copy(rt.threadErrReports, rt.threadErrReports[1:])
		rt.threadErrReports = rt.threadErrReports[:len(rt.threadErrReports)-1]
	}
	rt.threadErrReports = append(rt.threadErrReports, threadErrReport{serial, text})
}

// systemExit is what CPython's main does with an uncaught SystemExit
// (_Py_HandleSystemExit): the exit status, and what it prints to stderr.
// The status is e.code: None is 0, an int is itself (its low 8 bits, as
// the process's status keeps them), anything else is printed (its str)
// and the status is 1.
func (th *Thread) systemExit(e *Exception) (int, string) {
	code, err := th.GetAttr(e, "code")
	if err != nil {
		th.Discard(err)
		code = th.newRef(e)
	}
	defer th.Decref(code)
	if code == th.rt.None {
		return 0, ""
	}
	if v, b, ok := intValue(code); ok {
		if b != nil {
			// PyLong_AsLong fails: CPython prints its error and exits
			// with -1.
			return 0xff, "OverflowError: Python int too large to convert to C long\n"
		}
		return int(v & 0xff), "" // what exit(2) keeps of it
	}
	s, err := th.Str(code)
	if err != nil {
		th.Discard(err)
		s = "<exception str() failed>"
	}
	return 1, s + "\n"
}
