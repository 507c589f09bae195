package extensions

import (
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
)

// Bundled returns fresh definitions of the bundled modules, in the order
// their stories are best read. Each call returns modules with their own
// state, so two runtimes never share a counter.
func Bundled() []Module {
	return []Module{
		legacyCounter(),
		legacyPairs(),
		portedCounter(),
		callbackModule(),
		blockingIO(),
		timerModule(),
		reentrantModule(),
		faultyModule(),
		legacyWork(),
		msgsocketModule(),
		sitbonModule(),
	}
}

// RegisterBundled registers every bundled module in rt.
func RegisterBundled(rt *core.Runtime) error {
	for _, m := range Bundled() {
		if err := Register(rt, m); err != nil {
			return err
		}
	}
	return nil
}

// slowYields is how many times a legacy read-modify-write yields between
// its read and its write: enough that, unprotected, two threads' updates
// overlap often, as a C extension's would over a longer computation.
const slowYields = 3

// slowUpdate is the legacy modules' deliberately slow read-modify-write
// of v: read, yield the processor a few times, write f(read). Each load
// and store is atomic (Go's memory model asks that much; a C extension
// would not even have it), but the sequence is not: only the lock makes
// it atomic, by keeping every other thread out for the call.
func slowUpdate(th *core.Thread, v *atomic.Int64, f func(int64) int64) int64 {
	old := v.Load()
	for range slowYields {
		th.Yield()
	}
	v.Store(f(old))
	return old
}

// noArgs checks that fname got no arguments.
func noArgs(th *core.Thread, fname string, args []core.Object, kwargs map[string]core.Object) error {
	return th.CheckArgs(fname, args, kwargs, 0, 0)
}

// optionalInt is the optional int argument args[i] of fname, or def.
func optionalInt(th *core.Thread, fname string, args []core.Object, i int, def int64) (int64, error) {
	if len(args) <= i {
		return def, nil
	}
	return th.IntArg(fname, args[i])
}

// ints returns a new reference to a tuple of ints.
func ints(th *core.Thread, vs ...int64) core.Object {
	items := make([]core.Object, len(vs))
	for i, v := range vs {
		items[i] = th.NewInt(v)
	}
	return th.NewTuple(items)
}

// capsuleValue is the value of a capsule argument named kind.
func capsuleValue[T any](th *core.Thread, fname string, o core.Object, kind string) (T, error) {
	var zero T
	c, ok := o.(*core.Capsule)
	if !ok || c.Name() != kind {
		return zero, th.Raisef(th.RaiseType("TypeError"), "%s() argument must be a %s handle, not %s", fname, kind, o.Type().Name())
	}
	v, ok := c.Value().(T)
	if !ok {
		return zero, th.Raisef(th.RaiseType("TypeError"), "%s() argument must be a %s handle", fname, kind)
	}
	return v, nil
}
