package extensions

import (
	"sync/atomic"
	"time"

	"github.com/rwgil/rwgil/core"
)

const blockingIODoc = `blocking_io: work in two halves around a blocking wait.

read(seconds) is a C function doing I/O the classic way: it updates
module state (a slow read-modify-write of started), releases the lock
around the wait (Py_BEGIN_ALLOW_THREADS: AllowThreads), then takes it
again and finishes (finished). Each half is atomic under eml, gil and
sticky; during the wait every other thread runs -- under eml the world
restarts for it, and the thread promotes again before the second half.
Under free the halves are not atomic and the counts lose updates.

read(seconds)  one request: update, wait detached for seconds, update
counts()       (started, finished)
reset()        zero both`

// blockingIO is the fifth story: an exclusive call that blocks lets the
// world run meanwhile, and is exclusive again after.
func blockingIO() Module {
	var started, finished atomic.Int64
	return Module{
		Name: "blocking_io",
		Doc:  blockingIODoc,
		Funcs: map[string]Func{
			"read": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("read", args, kw, 1, 1); err != nil {
					return nil, err
				}
				d, err := th.SecondsArg("read", args[0])
				if err != nil {
					return nil, err
				}
				slowUpdate(th, &started, func(v int64) int64 { return v + 1 })
				if err := th.Sleep(d.Seconds()); err != nil {
					return nil, err
				}
				slowUpdate(th, &finished, func(v int64) int64 { return v + 1 })
				return th.Runtime().None, nil
			},
			"counts": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "counts", args, kw); err != nil {
					return nil, err
				}
				return ints(th, started.Load(), finished.Load()), nil
			},
			"reset": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "reset", args, kw); err != nil {
					return nil, err
				}
				started.Store(0)
				finished.Store(0)
				return th.Runtime().None, nil
			},
		},
	}
}

const timerDoc = `timer: a goroutine of the extension's own calls back.

start(fn, count, interval=0) starts a goroutine -- a thread the runtime
did not create -- that count times waits interval seconds, enters the
runtime with Ensure (PyGILState_Ensure), calls fn(i) and leaves with
Release. The module is not ported, so its goroutine enters exclusive:
the timer's own bookkeeping between the callbacks is atomic, while fn,
Python code, runs demoted under Callbacks = drop. Core threads run on
meanwhile. wait(handle) waits, detached, for the timer to finish and
returns how many callbacks returned normally; an exception in fn is
printed, as CPython prints one in a callback thread, and stops the timer.

start(fn, count, interval=0)  a handle for a new timer
wait(handle)                  the number of callbacks that succeeded
fired()                       callbacks that succeeded, over all timers`

// timerJob is one timer: its handle capsule holds it.
type timerJob struct {
	// done is set when the goroutine ends; wait waits for it.
	done *core.Event
	// ok counts the callbacks that returned normally.
	ok atomic.Int64
}

// timerModule is the sixth story: a foreign goroutine entering the
// runtime while core threads run.
func timerModule() Module {
	var fired atomic.Int64
	var self *core.Module // borrowed from Init: the module lives until the runtime closes
	return Module{
		Name: "timer",
		Doc:  timerDoc,
		Init: func(th *core.Thread, m *core.Module) error { self = m; return nil },
		Funcs: map[string]Func{
			"start": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("start", args, kw, 2, 3); err != nil {
					return nil, err
				}
				count, err := th.IntArg("start", args[1])
				if err != nil {
					return nil, err
				}
				var interval time.Duration
				if len(args) == 3 {
					if interval, err = th.SecondsArg("start", args[2]); err != nil {
						return nil, err
					}
				}
				job := &timerJob{done: th.NewEvent()}
				fn := args[0]
				th.Incref(fn) // the goroutine's reference, dropped by its last thread
				if err := th.Runtime().Go(func() { runTimer(th.Runtime(), self, job, fn, count, interval, &fired) }); err != nil {
					th.Decref(fn)
					return nil, th.Raisef(th.RaiseType("RuntimeError"), "can't start the timer: %v", err)
				}
				return th.NewCapsule("timer", job, nil), nil
			},
			"wait": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("wait", args, kw, 1, 1); err != nil {
					return nil, err
				}
				job, err := capsuleValue[*timerJob](th, "wait", args[0], "timer")
				if err != nil {
					return nil, err
				}
				if _, err := job.done.Wait(th, core.Forever); err != nil {
					return nil, err
				}
				return th.NewInt(job.ok.Load()), nil
			},
			"fired": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "fired", args, kw); err != nil {
					return nil, err
				}
				return th.NewInt(fired.Load()), nil
			},
		},
	}
}

// runTimer is a timer's goroutine. Each tick enters the runtime with
// Ensure and leaves with Release; the last one also drops fn and sets
// job.done.
func runTimer(rt *core.Runtime, self *core.Module, job *timerJob, fn core.Object, count int64, interval time.Duration, fired *atomic.Int64) {
	for i := int64(0); ; i++ {
		th := rt.Ensure(self)
		if th.Err() != nil {
			return // the runtime closed under us: nothing left to release
		}
		stop := i >= count
		if !stop {
			r, err := th.CallExtension("timer", "<tick>", true, func() (core.Object, error) {
				if err := th.Sleep(interval.Seconds()); err != nil {
					return nil, err
				}
				arg := th.NewInt(i)
				defer th.Decref(arg)
				return th.Call(fn, []core.Object{arg}, nil)
			})
			if err != nil {
				th.PrintException(err)
				stop = true
			} else {
				th.Decref(r)
				job.ok.Add(1)
				fired.Add(1)
				stop = i+1 >= count
			}
		}
		if stop {
			th.Decref(fn)
			if err := job.done.Set(th); err != nil {
				th.PrintException(err)
			}
		}
		if err := th.Release(); err != nil || stop {
			return
		}
	}
}
