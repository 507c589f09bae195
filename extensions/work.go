package extensions

import (
	"time"

	"github.com/rwgil/rwgil/core"
)

const legacyWorkDoc = `legacy_work: an unported extension that does a measured amount of work.

The work of experiments E3 and E4: spin(ns) keeps the processor busy in
Go for ns nanoseconds of wall time, without yielding and without
touching any object -- a C function computing something, written for
the GIL. The module is unported, so under eml every call promotes: the
world stops for its whole duration, and the call's share of a thread's
work is the serial fraction of Amdahl's law. Under free it runs
unprotected, in parallel; under gil and sticky it holds the GIL, as
everything does.

spin(ns)   busy for ns nanoseconds (0: a call that does nothing)`

// legacyWork is E3's and E4's unported call: busy work of a given length.
func legacyWork() Module {
	return Module{
		Name: "legacy_work",
		Doc:  legacyWorkDoc,
		Funcs: map[string]Func{
			"spin": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("spin", args, kw, 1, 1); err != nil {
					return nil, err
				}
				ns, err := th.IntArg("spin", args[0])
				if err != nil {
					return nil, err
				}
				if ns < 0 {
					return nil, th.Raisef(th.RaiseType("ValueError"), "spin() length must be non-negative, not %d", ns)
				}
				spin(time.Duration(ns))
				return th.Runtime().None, nil
			},
		},
	}
}

// spin keeps the processor busy for d.
func spin(d time.Duration) {
	start := time.Now()
	for time.Since(start) < d {
	}
}
