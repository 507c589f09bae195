package tests

import (
	"fmt"
	"sync"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/extensions"
)

const witnessDoc = `witness: the guarantee suite's look from inside an unported call.

alone() is an unported function that looks at every other thread's state
at its start, after yielding, after a blocking section (sleep(0): under
eml the world restarts for it and stops again after) and after each of
four more yields. A thread that is attached is running core or extension code beside
the call, which G1 forbids under eml, gil and sticky; each such sighting
is counted.

sample(g) is an unported function that records g["iterations"] -- g a
module's globals() -- from inside its exclusive section, for G8: the
samples of consecutive stops show how far a core thread got between them.
It records the lock's count of parks beside it: the difference between
two consecutive samples is the safe points the later stop waited for.

alone()    look seven times
crowded()  the sightings so far
sample(g)  record g["iterations"] and the parks so far
samples()  the list of iteration samples
parks()    the list of park counts, one per sample`

// witnessYields is how often alone() yields after its blocking section:
// each yield is a switch point at which a deterministic schedule may run
// another thread, which must not be able to run.
const witnessYields = 4

// witnessModule returns a fresh witness module (its count is its own).
func witnessModule() extensions.Module {
	var mu sync.Mutex
	crowded := 0
	var samples, parks []int64
	look := func(th *core.Thread) {
		self := th.EML().Name()
		for _, o := range th.Runtime().Lock().Threads() {
			if o.Name != self && o.State == "attached" {
				mu.Lock()
				crowded++
				mu.Unlock()
			}
		}
	}
	return extensions.Module{
		Name: "witness",
		Doc:  witnessDoc,
		Funcs: map[string]extensions.Func{
			"alone": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("alone", args, kw, 0, 0); err != nil {
					return nil, err
				}
				look(th)
				th.Yield()
				look(th)
				if err := th.Sleep(0); err != nil {
					return nil, err
				}
				for range witnessYields {
					look(th)
					th.Yield()
				}
				look(th)
				return th.Runtime().None, nil
			},
			"sample": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("sample", args, kw, 1, 1); err != nil {
					return nil, err
				}
				g, ok := args[0].(*core.Dict)
				if !ok {
					return nil, th.Raisef(th.RaiseType("TypeError"), "sample() takes a dict")
				}
				key := th.NewStr("iterations")
				defer th.Decref(key)
				v, err := th.DictGet(g, key)
				if err != nil || v == nil {
					return nil, err
				}
				defer th.Decref(v)
				n, err := th.IntArg("sample", v)
				if err != nil {
					return nil, err
				}
				p := th.Runtime().Lock().Stats().Parks
				mu.Lock()
				samples = append(samples, n)
				parks = append(parks, int64(p))
				mu.Unlock()
				return th.Runtime().None, nil
			},
			"samples": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("samples", args, kw, 0, 0); err != nil {
					return nil, err
				}
				mu.Lock()
				defer mu.Unlock()
				items := make([]core.Object, len(samples))
				for i, n := range samples {
					items[i] = th.NewInt(n)
				}
				return th.NewList(items), nil
			},
			"parks": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("parks", args, kw, 0, 0); err != nil {
					return nil, err
				}
				mu.Lock()
				defer mu.Unlock()
				items := make([]core.Object, len(parks))
				for i, n := range parks {
					items[i] = th.NewInt(n)
				}
				return th.NewList(items), nil
			},
			"crowded": func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("crowded", args, kw, 0, 0); err != nil {
					return nil, err
				}
				mu.Lock()
				defer mu.Unlock()
				return th.NewInt(int64(crowded)), nil
			},
		},
	}
}

// withWitness is register (the modules a run has) and the witness.
func withWitness(register func(*core.Runtime) error) func(*core.Runtime) error {
	return func(rt *core.Runtime) error {
		if err := register(rt); err != nil {
			return err
		}
		if err := extensions.Register(rt, witnessModule()); err != nil {
			return fmt.Errorf("tests: registering the witness: %w", err)
		}
		return nil
	}
}
