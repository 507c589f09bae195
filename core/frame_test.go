package core

import (
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
)

// TestCallAllocatesNoFrame: a Python-to-Python call takes its frame from
// the thread's pool, so a loop of calls allocates nothing per call (the
// loop's ints are small; its counter is below 256).
func TestCallAllocatesNoFrame(t *testing.T) {
	rt, err := NewRuntime(Config{})
	if err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("main")
	mustOK(th.Attach())
	code, err := bytecode.Assemble("hot.rwa", []byte(hotSrc))
	if err != nil {
		t.Fatal(err)
	}
	th.Decref(must(th.Run(code)))
	mod := must(th.mainModule())
	fn := th.dictGetStr(mod.dict, "calls")
	th.Decref(mod)
	run := func(n int64) func() {
		return func() {
			r, err := th.Call(fn, []Object{th.NewInt(n), rt.None}, nil)
			mustOK(err)
			th.Decref(r)
		}
	}
	few, many := testing.AllocsPerRun(20, run(10)), testing.AllocsPerRun(20, run(210))
	if per := (many - few) / 200; per > 0.05 {
		t.Errorf("%.2f allocations per call (%v for 10 calls, %v for 210), want none", per, few, many)
	}
	th.Decref(fn)
	mustOK(th.Detach())
	mustOK(th.Close())
	mustOK(rt.Close())
}
