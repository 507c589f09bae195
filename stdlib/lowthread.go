package stdlib

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
)

// The _thread module: CPython's low-level thread API, for programs that
// import it rather than threading: start_new_thread, allocate_lock,
// LockType, RLock, get_ident, get_native_id, TIMEOUT_MAX, error. Its
// locks are the thread module's (the same objects as threading.Lock).
// A thread started here is not waited for at exit, as CPython's are not;
// an exception that ends one is printed as CPython's unraisable hook
// prints it ("Exception ignored in thread started by: ..."), and
// SystemExit ends it silently.

func init() { add("_thread", loadLowThread) }

func loadLowThread(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	if err := buildLowThread(th, mod); err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

func buildLowThread(th *core.Thread, mod *core.Module) error {
	d := mod.Dict()
	tmod, err := th.Import("thread")
	if err != nil {
		return err
	}
	defer th.Decref(tmod)
	lock, err := th.GetAttr(tmod, "Lock")
	if err != nil {
		return err
	}
	defer th.Decref(lock)
	rlock, err := th.GetAttr(tmod, "RLock")
	if err != nil {
		return err
	}
	defer th.Decref(rlock)
	for _, n := range []string{"allocate_lock", "allocate"} {
		if err := th.DictSetStr(d, n, lock); err != nil {
			return err
		}
	}
	if err := th.DictSetStr(d, "RLock", rlock); err != nil {
		return err
	}
	// LockType: the type of a lock.
	l, err := th.Call(lock, nil, nil)
	if err != nil {
		return err
	}
	err = th.DictSetStr(d, "LockType", l.Type())
	th.Decref(l)
	if err != nil {
		return err
	}
	if err := th.DictSetStr(d, "error", th.RaiseType("RuntimeError")); err != nil {
		return err
	}
	if err := dictSetNew(th, d, "TIMEOUT_MAX", th.NewFloat(math.Floor(timeoutMax))); err != nil {
		return err
	}
	bm, err := th.Import("builtins")
	if err != nil {
		return err
	}
	callable, err := th.GetAttr(bm, "callable")
	th.Decref(bm)
	if err != nil {
		return err
	}
	defer th.Decref(callable)
	typeErr := th.RaiseType("TypeError")
	var serial atomic.Int64 // numbers this runtime's _thread threads
	start := func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if len(kw) > 0 {
			return nil, th.Raise(typeErr, "start_new_thread() takes no keyword arguments")
		}
		if len(args) < 2 || len(args) > 3 {
			return nil, th.Raisef(typeErr, "start_new_thread expected at least 2 arguments, got %d", len(args))
		}
		fn, fargs := args[0], args[1]
		ok, err := th.Call(callable, []core.Object{fn}, nil)
		if err != nil {
			return nil, err
		}
		isCallable, err := th.Truth(ok)
		th.Decref(ok)
		if err != nil {
			return nil, err
		}
		if !isCallable {
			return nil, th.Raise(typeErr, "first arg must be callable")
		}
		if _, ok := fargs.(*core.Tuple); !ok {
			return nil, th.Raise(typeErr, "2nd arg must be a tuple")
		}
		var fkw core.Object
		if len(args) == 3 {
			if _, ok := args[2].(*core.Dict); !ok {
				return nil, th.Raise(typeErr, "optional 3rd arg must be a dictionary")
			}
			fkw = args[2]
		}
		th.Incref(fn)
		th.Incref(fargs)
		if fkw != nil {
			th.Incref(fkw)
		}
		name := fmt.Sprintf("start_new_thread-%d", serial.Add(1))
		ident, err := th.StartThread(name, true, nil, func(child *core.Thread) {
			r, err := callStarStar(child, fn, fargs, fkw)
			child.XDecref(r)
			if err != nil {
				lowThreadException(child, fn, err)
			}
			child.Decref(fn)
			child.Decref(fargs)
			child.XDecref(fkw)
		})
		if err != nil {
			th.Decref(fn)
			th.Decref(fargs)
			th.XDecref(fkw)
			return nil, err
		}
		return th.NewInt(ident), nil
	}
	return addModuleFuncs(th, mod, []pyMethod{
		{"start_new_thread", start},
		{"start_new", start},
		{"get_ident", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("get_ident", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.Ident()), nil
		}},
		{"get_native_id", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("get_native_id", args, kw, 0, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.Ident()), nil
		}},
		{"stack_size", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("stack_size", args, kw, 0, 1); err != nil {
				return nil, err
			}
			return th.NewInt(0), nil
		}},
	})
}

// lowThreadException prints an exception that ended a thread
// start_new_thread started, as CPython's unraisable hook does; SystemExit
// is silent.
func lowThreadException(th *core.Thread, fn core.Object, err error) {
	e, ok := exceptionOf(err)
	if !ok || core.IsExceptionNamed(e, "SystemExit") {
		th.Discard(err)
		return
	}
	r, rerr := th.Repr(fn)
	if rerr != nil {
		th.Discard(rerr)
		r = "<callable>"
	}
	th.Runtime().WriteStderr("Exception ignored in thread started by: " + r + "\n" + e.FormatTraceback())
	th.Discard(err)
}
