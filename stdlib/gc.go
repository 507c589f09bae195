package stdlib

import (
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
)

// The gc module. rwgil frees an object when its reference count drops to
// zero and leaves cycles to Go's collector, so there is no cycle
// collector to run: collect() checks its argument as CPython does and
// returns 0 (no unreachable objects found), and enable, disable and
// isenabled keep a flag per runtime that changes nothing else.

func init() { add("gc", loadGC) }

func loadGC(th *core.Thread, name string) (*core.Module, error) {
	var enabled atomic.Bool
	enabled.Store(true)
	noArgs := func(fname string, fn func(th *core.Thread) core.Object) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("gc."+fname, args, kw, 0, 0); err != nil {
				return nil, err
			}
			return fn(th), nil
		}
	}
	collect := &signature{name: "collect", names: []string{"generation"}, npos: 1}
	return newNativeModule(th, name, []nativeFunc{
		{"collect", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := collect.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			if a[0] != nil {
				g, err := th.IntArg("collect", a[0])
				if err != nil {
					return nil, err
				}
				if g < 0 || g > 2 {
					return nil, th.Raise(th.RaiseType("ValueError"), "invalid generation")
				}
			}
			return th.NewInt(0), nil
		}},
		{"enable", noArgs("enable", func(th *core.Thread) core.Object {
			enabled.Store(true)
			return th.Runtime().None
		})},
		{"disable", noArgs("disable", func(th *core.Thread) core.Object {
			enabled.Store(false)
			return th.Runtime().None
		})},
		{"isenabled", noArgs("isenabled", func(th *core.Thread) core.Object {
			return th.Runtime().Bool(enabled.Load())
		})},
	})
}
