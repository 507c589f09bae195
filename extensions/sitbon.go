package extensions

import (
	"errors"

	"github.com/rwgil/rwgil/core"
)

const sitbonDoc = `sitbon: Ensure for another interpreter, from code holding this one's lock.

Sitbon (2009) asked what PyGILState_Ensure does when C code holding one
interpreter's GIL calls it for another interpreter. ensure_exec(id,
source) is that C code: on the calling thread, holding its interpreter's
lock, it ensures a thread of interpreter id (core.Runtime.EnsureFrom),
runs source in that interpreter's __main__ on it, and releases it. With a
lock per interpreter that only attaches to the other lock too. With one
lock shared (create(share_lock_with=...)) rwgil run -ensure-across
decides: error (the default) raises RuntimeError naming both
interpreters; recursive counts the hold and runs the code; deadlock waits
for the lock the thread holds, for ever, as CPython 2.x did -- the
deterministic scheduler and the watchdog report it.

ensure_exec(id, source)  run source in interpreter id's __main__, on a
                         thread ensured from this one`

// sitbonModule is Sitbon's Ensure across interpreters as an extension.
func sitbonModule() Module {
	return Module{
		Name:         "sitbon",
		Ported:       true,
		Doc:          sitbonDoc,
		Interpreters: core.InterpPerLock,
		Funcs: map[string]Func{
			"ensure_exec": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("ensure_exec", args, kw, 2, 2); err != nil {
					return nil, err
				}
				id, err := th.IntArg("ensure_exec", args[0])
				if err != nil {
					return nil, err
				}
				src, err := th.StrArg("ensure_exec", args[1])
				if err != nil {
					return nil, err
				}
				rt := th.Runtime()
				target, err := rt.Interpreter(id)
				if err != nil {
					return nil, th.Raisef(th.RaiseType("ValueError"), "%v", err)
				}
				code, err := rt.CompileSource("<ensure_exec>", []byte(src))
				if err != nil {
					return nil, th.Raisef(th.RaiseType("SyntaxError"), "%v", err)
				}
				tb, err := target.EnsureFrom(th, nil)
				if err != nil {
					return nil, th.Raisef(th.RaiseType("RuntimeError"), "%v", err)
				}
				r, runErr := tb.Run(code)
				tb.XDecref(r)
				failed := ""
				if runErr != nil {
					// The exception is an object of the other interpreter: it
					// crosses as its text.
					var e *core.Exception
					if errors.As(runErr, &e) {
						failed = tb.FormatException(e)
					} else {
						failed = runErr.Error()
					}
					tb.Discard(runErr)
				}
				if err := tb.ReleaseFrom(); err != nil {
					return nil, th.Raisef(th.RaiseType("RuntimeError"), "ensure_exec: release: %v", err)
				}
				if failed != "" {
					return nil, th.Raisef(th.RaiseType("RuntimeError"), "ensure_exec: the code raised in interpreter %d:\n%s", id, failed)
				}
				return rt.None, nil
			},
		},
	}
}
