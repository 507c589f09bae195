package extensions

import (
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
)

const legacyCounterDoc = `legacy_counter: an extension written for the GIL.

Its counter is module state updated by a slow read-modify-write: read the
value, yield the processor a few times, write value + n. Under the GIL
nothing else ran during a call into C, so the author never locked it.
Under eml the call promotes -- the world stops for it -- and increments
from any number of threads stay exact, as under gil and sticky. Under free
nothing stops the other threads: increments overlap and updates are lost.

increment(n=1)  add n to the counter
value()         the counter
reset()         set it to 0`

// legacyCounter is the first story: an unported module whose state is
// protected by nothing but the lock.
func legacyCounter() Module {
	return Module{
		Name:  "legacy_counter",
		Doc:   legacyCounterDoc,
		Funcs: counterFuncs(func(th *core.Thread, update func()) error { update(); return nil }),
	}
}

// counterFuncs are the functions of a counter module whose updates run
// under guard: nothing but the extension module lock for the legacy
// counter, a mutex of its own for the ported one.
func counterFuncs(guard func(th *core.Thread, update func()) error) map[string]Func {
	var value atomic.Int64 // updated by slowUpdate: atomic loads and stores, not an atomic update
	return map[string]Func{
		"increment": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("increment", args, kw, 0, 1); err != nil {
				return nil, err
			}
			n, err := optionalInt(th, "increment", args, 0, 1)
			if err != nil {
				return nil, err
			}
			return th.Runtime().None, guard(th, func() {
				slowUpdate(th, &value, func(v int64) int64 { return v + n })
			})
		},
		"value": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noArgs(th, "value", args, kw); err != nil {
				return nil, err
			}
			return th.NewInt(value.Load()), nil
		},
		"reset": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noArgs(th, "reset", args, kw); err != nil {
				return nil, err
			}
			return th.Runtime().None, guard(th, func() { value.Store(0) })
		},
	}
}

const legacyPairsDoc = `legacy_pairs: two structures kept in step.

The module holds a list, items, and a dict, index, mapping each item to
its position in items. add(x) appends x to items, yields the processor,
then records x in index: for a moment the two disagree. Under the GIL no
Python code could run in that moment; under eml the call is exclusive, so
core threads reading both -- "items[-1] in index" -- always see them in
step, while reading them without any lock of their own and running
free the rest of the time. Under free the readers catch the moment.

items           the list (read it from Python code)
index           the dict from item to position
add(x)          append x to items, then index it
in_step()       whether every item is indexed at its position
clear()         empty both`

// legacyPairs is the second story: an invariant across two objects that
// only the extension's atomicity keeps.
func legacyPairs() Module {
	// The module's dict owns the list and the dict; these borrow them
	// (the module lives until the runtime closes, and Init runs before
	// any function can be called).
	var items *core.List
	var index *core.Dict
	return Module{
		Name: "legacy_pairs",
		// It stands for a single-phase-init C module whose state is in
		// C globals: the main interpreter only.
		Interpreters: core.InterpNotSupported,
		Doc:          legacyPairsDoc,
		Init: func(th *core.Thread, m *core.Module) error {
			items, index = th.NewList(nil), th.NewDict()
			defer th.Decref(items)
			defer th.Decref(index)
			if err := th.DictSetStr(m.Dict(), "items", items); err != nil {
				return err
			}
			return th.DictSetStr(m.Dict(), "index", index)
		},
		Funcs: map[string]Func{
			"add": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("add", args, kw, 1, 1); err != nil {
					return nil, err
				}
				if _, err := th.Hash(args[0]); err != nil {
					return nil, err // unhashable: fail before touching either
				}
				if err := th.ListAppend(items, args[0]); err != nil {
					return nil, err
				}
				pos := th.NewInt(int64(th.ListLen(items) - 1))
				defer th.Decref(pos)
				for range slowYields {
					th.Yield()
				}
				return th.Runtime().None, th.DictSet(index, args[0], pos)
			},
			"in_step": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "in_step", args, kw); err != nil {
					return nil, err
				}
				ok, err := pairsInStep(th, items, index)
				if err != nil {
					return nil, err
				}
				return th.Runtime().Bool(ok), nil
			},
			"clear": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := noArgs(th, "clear", args, kw); err != nil {
					return nil, err
				}
				for _, o := range []core.Object{items, index} {
					r, err := th.CallMethod(o, "clear")
					if err != nil {
						return nil, err
					}
					th.Decref(r)
				}
				return th.Runtime().None, nil
			},
		},
	}
}

// pairsInStep reports whether index maps every item of items to a
// position holding it (items may repeat: the last position wins).
func pairsInStep(th *core.Thread, items *core.List, index *core.Dict) (bool, error) {
	for i := 0; i < th.ListLen(items); i++ {
		ok, err := pairIndexed(th, items, index, i)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// pairIndexed reports whether items[i] is indexed at a position holding
// it. Under free another thread may clear the list meanwhile: an item
// gone is "not in step", not an error.
func pairIndexed(th *core.Thread, items *core.List, index *core.Dict, i int) (bool, error) {
	x, err := th.ListItem(items, i)
	if err != nil {
		th.Discard(err)
		return false, nil
	}
	defer th.Decref(x)
	pos, err := th.DictGet(index, x)
	if err != nil || pos == nil {
		return false, err // not indexed (yet)
	}
	p, _ := pos.(*core.Int).Int64()
	th.Decref(pos)
	y, err := th.ListItem(items, int(p))
	if err != nil {
		th.Discard(err)
		return false, nil
	}
	defer th.Decref(y)
	return th.CompareBool(x, y, core.CmpEq)
}

const portedCounterDoc = `ported_counter: the legacy counter, ported, with a lock of its own.

The same slow read-modify-write as legacy_counter, but the module has
declared it runs without the GIL and guards its state with a lock of its
own (a runtime mutex, waited for detached). Calls never promote: exact
under every policy, free included, and no stop-the-world is ever paid for
it -- what porting an extension buys.

increment(n=1)  add n to the counter
value()         the counter
reset()         set it to 0`

// portedCounter is the third story: what porting means, a lock of the
// module's own instead of the extension module lock.
func portedCounter() Module {
	var mu core.Lock
	return Module{
		Name:         "ported_counter",
		Ported:       true,
		Interpreters: core.InterpPerLock,
		Doc:          portedCounterDoc,
		Funcs: counterFuncs(func(th *core.Thread, update func()) error {
			if _, err := mu.Acquire(th, true, core.Forever); err != nil {
				return err
			}
			update()
			return mu.Release(th)
		}),
	}
}
