package extensions

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
)

const callbackDoc = `callback: private state kept across calls back into Python.

apply(fn, items) resets a running total kept in a module-level variable
(a C static), then for each item calls fn(item) -- Python code -- and adds
the int it returns to the total with a slow read-modify-write, and
returns the total. The author assumed nothing else touches the total
during apply. That was never true under the GIL: the GIL can switch
inside fn, and another thread's apply resets the total. Callbacks =
drop, rwgil's default, keeps exactly that behaviour (the thread demotes
for each callback), so concurrent applies return wrong totals under gil
and eml alike. Callbacks = hold keeps the thread exclusive through its
callbacks: under eml every apply is atomic and every total is right, at
the price of running the callbacks alone.

apply(fn, items)  sum of fn(x) for x in items, through module state
total()           the running total`

// callbackModule is the fourth story: what a call back into Python code
// does to the atomicity of the call around it.
func callbackModule() Module {
	var total atomic.Int64
	return Module{
		Name: "callback",
		Doc:  callbackDoc,
		Funcs: map[string]Func{
			"apply": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("apply", args, kw, 2, 2); err != nil {
					return nil, err
				}
				it, err := th.Iter(args[1])
				if err != nil {
					return nil, err
				}
				defer th.Decref(it)
				total.Store(0)
				for {
					x, ok, err := th.Next(it)
					if err != nil || !ok {
						if err != nil {
							return nil, err
						}
						break
					}
					r, err := th.Call(args[0], []core.Object{x}, nil)
					th.Decref(x)
					if err != nil {
						return nil, err
					}
					v, err := th.IntArg("apply", r)
					th.Decref(r)
					if err != nil {
						return nil, err
					}
					slowUpdate(th, &total, func(t int64) int64 { return t + v })
				}
				return th.NewInt(total.Load()), nil
			},
			"total": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "total", args, kw); err != nil {
					return nil, err
				}
				return th.NewInt(total.Load()), nil
			},
		},
	}
}

const reentrantDoc = `reentrant: nested promotion.

call(fn, *args) calls fn(*args) -- Python code, which may call into other
unported modules. Under Callbacks = hold the thread is still exclusive
when the inner call promotes: the promotion nests (depth 2), costs no
second stop-the-world, and the world restarts only when the outer call
returns. Under drop the callback runs demoted, so the inner call is an
outermost promotion of its own. Either way nothing deadlocks, the
promotion counts balance, and depth() shows where the thread stands.

call(fn, *args)  fn(*args), from inside an unported call
depth()          the calling thread's promotion depth, inside this call`

// reentrantModule is the seventh story: an unported module calling back
// into code that calls another unported module.
func reentrantModule() Module {
	return Module{
		Name: "reentrant",
		Doc:  reentrantDoc,
		Funcs: map[string]Func{
			"call": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("call", args, nil, 1, -1); err != nil {
					return nil, err
				}
				return th.Call(args[0], args[1:], kw)
			},
			"depth": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "depth", args, kw); err != nil {
					return nil, err
				}
				return th.NewInt(int64(th.EML().Depth())), nil
			},
		},
	}
}

const faultyDoc = `faulty: an extension that crashes half-way.

Its state is a pair that every function keeps equal -- except that
update(x) sets the first half, then panics before the second: a bug in
the extension. The caller gets a RuntimeError naming faulty.update; the
promotion is undone (the world restarts), nothing it held stays held,
and the runtime goes on. What the panic tore stays torn -- state() shows
it, repair() mends it -- as a crashed C extension leaves its own state.
The other functions panic in the other places an extension can be:
after a callback, inside an AllowThreads section, inside a critical
section, and on a goroutine of its own that entered with Ensure.

update(x)            set the pair to (x, x); panics half-way
state()              the pair
repair()             make the pair equal again
after_callback(fn)   call fn(), then panic
in_blocking()        panic inside AllowThreads
in_section(obj)      panic inside a critical section on obj
in_foreign()         panic on a foreign goroutine (Ensure), and wait for it
go_error()           return a Go error that is not an exception`

// faultyModule is the eighth story: a panic in extension code costs the
// caller an exception, never the runtime.
func faultyModule() Module {
	var first, second atomic.Int64
	var self *core.Module // borrowed from Init: the module lives until the runtime closes
	return Module{
		Name: "faulty",
		Doc:  faultyDoc,
		Init: func(th *core.Thread, m *core.Module) error { self = m; return nil },
		Funcs: map[string]Func{
			"update": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("update", args, kw, 1, 1); err != nil {
					return nil, err
				}
				x, err := th.IntArg("update", args[0])
				if err != nil {
					return nil, err
				}
				first.Store(x)
				th.Yield()
				panic("simulated crash half-way through the update")
			},
			"state": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "state", args, kw); err != nil {
					return nil, err
				}
				return ints(th, first.Load(), second.Load()), nil
			},
			"repair": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "repair", args, kw); err != nil {
					return nil, err
				}
				second.Store(first.Load())
				return th.Runtime().None, nil
			},
			"after_callback": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("after_callback", args, kw, 1, 1); err != nil {
					return nil, err
				}
				r, err := th.Call(args[0], nil, nil)
				if err != nil {
					return nil, err
				}
				th.Decref(r)
				panic("simulated crash after a callback")
			},
			"in_blocking": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "in_blocking", args, kw); err != nil {
					return nil, err
				}
				err := th.AllowThreads(func() { panic("simulated crash inside AllowThreads") })
				return nil, err // not reached
			},
			"in_section": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("in_section", args, kw, 1, 1); err != nil {
					return nil, err
				}
				err := th.CriticalSection(args[0], func() error { panic("simulated crash inside a critical section") })
				return nil, err // not reached
			},
			"in_foreign": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "in_foreign", args, kw); err != nil {
					return nil, err
				}
				return th.Runtime().None, faultyForeign(th, self)
			},
			"go_error": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "go_error", args, kw); err != nil {
					return nil, err
				}
				return nil, errors.New("a Go error escaped the extension")
			},
		},
	}
}

// faultyForeign starts a goroutine that enters the runtime with Ensure and
// panics inside its extension code, and waits (detached) for it to end.
// The goroutine's panic is caught at its CallExtension boundary and
// printed, as CPython prints an exception nothing can catch.
func faultyForeign(th *core.Thread, self *core.Module) error {
	done := th.NewEvent()
	rt := th.Runtime()
	err := rt.Go(func() {
		ft := rt.Ensure(self)
		if ft.Err() != nil {
			return // the runtime closed under us
		}
		_, err := ft.CallExtension("faulty", "<foreign>", true, func() (core.Object, error) {
			panic("simulated crash on a foreign goroutine")
		})
		ft.PrintException(err)
		if err := done.Set(ft); err != nil {
			ft.PrintException(err)
		}
		if err := ft.Release(); err != nil {
			panic(fmt.Sprintf("faulty: Release after a caught panic: %v", err)) // a bug of the runtime
		}
	})
	if err != nil {
		return th.Raisef(th.RaiseType("RuntimeError"), "can't start a foreign goroutine: %v", err)
	}
	_, err = done.Wait(th, core.Forever)
	return err
}
