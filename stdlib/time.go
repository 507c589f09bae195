package stdlib

import (
	"math"
	"syscall"
	"time"

	"github.com/rwgil/rwgil/core"
)

// The time module: clocks and sleep, as CPython's. With real goroutines
// the clocks are the machine's; under a deterministic scheduler every one
// of them reads the scheduler's virtual clock (time.time() is a fixed
// epoch plus the virtual time), so that a run replays exactly. sleep
// waits detached from the lock, on the scheduler's clock.

func init() { add("time", loadTime) }

// virtualEpoch is what time.time() reads at virtual time zero under a
// deterministic scheduler: 2024-01-01T00:00:00Z.
const virtualEpoch = 1704067200 * time.Second

func loadTime(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	rt := th.Runtime()
	sched := rt.Lock().Scheduler()
	virtual := rt.Deterministic()
	// wall is time.time() in nanoseconds.
	wall := func() int64 {
		if virtual {
			return int64(virtualEpoch + sched.Now())
		}
		return time.Now().UnixNano()
	}
	// mono is the monotonic and performance clock, in nanoseconds.
	mono := func() int64 { return int64(sched.Now()) }
	// cpu is the process's CPU time, in nanoseconds.
	cpu := func() int64 {
		if virtual {
			return int64(sched.Now())
		}
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return ru.Utime.Nano() + ru.Stime.Nano()
	}
	clock := func(fname string, ns func() int64, asInt bool) pyMethod {
		return pyMethod{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs(fname, args, kw, 0, 0); err != nil {
				return nil, err
			}
			if asInt {
				return th.NewInt(ns()), nil
			}
			return th.NewFloat(float64(ns()) / 1e9), nil
		}}
	}
	funcs := []pyMethod{
		clock("time", wall, false),
		clock("time_ns", wall, true),
		clock("monotonic", mono, false),
		clock("monotonic_ns", mono, true),
		clock("perf_counter", mono, false),
		clock("perf_counter_ns", mono, true),
		clock("process_time", cpu, false),
		clock("process_time_ns", cpu, true),
		clock("thread_time", cpu, false),
		clock("thread_time_ns", cpu, true),
		{"sleep", timeSleep},
	}
	if err := addModuleFuncs(th, mod, funcs); err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

// timeSleep is time.sleep(secs): waits detached, for secs seconds of the
// scheduler's clock.
func timeSleep(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(kw) > 0 {
		return nil, th.Raise(th.RaiseType("TypeError"), "time.sleep() takes no keyword arguments")
	}
	if len(args) != 1 {
		return nil, th.Raisef(th.RaiseType("TypeError"), "time.sleep() takes exactly one argument (%d given)", len(args))
	}
	var secs float64
	switch x := args[0].(type) {
	case *core.Float, *core.Int, *core.Bool:
		f, err := numberAsFloat(th, x, "")
		if err != nil {
			return nil, err
		}
		secs = f
	default:
		return nil, th.Raisef(th.RaiseType("TypeError"), "'%s' object cannot be interpreted as an integer", args[0].Type().Name())
	}
	switch {
	case math.IsNaN(secs):
		return nil, th.Raise(th.RaiseType("ValueError"), "Invalid value NaN (not a number)")
	case secs < 0:
		return nil, th.Raise(th.RaiseType("ValueError"), "sleep length must be non-negative")
	case secs > float64(math.MaxInt64)/1e9:
		return nil, th.Raise(th.RaiseType("OverflowError"), "sleep length is too large")
	}
	if err := th.Sleep(secs); err != nil {
		return nil, err
	}
	return th.Runtime().None, nil
}
