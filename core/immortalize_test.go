package core

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/refcount"
)

// compileImmortalize compiles testdata/immortalize/NAME.
func compileImmortalize(t *testing.T, name string) *bytecode.Code {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata/immortalize", name))
	mustOK(err)
	return must(compile.Compile(name, src))
}

// TestImmortalizeAtFirstThread runs testdata/immortalize/named.py, checks
// that nothing it defined is immortal, starts its first thread
// (start.py), and checks what became immortal: under biased counting
// (every policy but gil's default) the module, its dict, the module-level
// function and lambda, the classes and their methods, and never the
// nested function or the function defined after the start; under the
// other strategies (but immortal, where everything is), or with
// NoImmortalize, nothing. The tracked runtime's
// Close then finds no leak: the immortal objects are not counted live,
// and what they hold is dropped.
func TestImmortalizeAtFirstThread(t *testing.T) {
	named, start := compileImmortalize(t, "named.py"), compileImmortalize(t, "start.py")
	cfgs := policyRefcounts()
	for _, p := range eml.Policies() {
		cfgs = append(cfgs, Config{Policy: p}, Config{Policy: p, NoImmortalize: true})
	}
	for _, cfg := range cfgs {
		name := cfgName(cfg)
		if cfg.NoImmortalize {
			name += "/NoImmortalize"
		}
		t.Run(name, func(t *testing.T) {
			rt, th := testRuntime(t, cfg)
			k := rt.rc.Kind()
			if k == refcount.Immortal {
				t.Skip("every object is immortal from the start")
			}
			th.Decref(must(th.Run(named)))
			mod := must(th.mainModule())
			defer th.Decref(mod)
			get := func(d *Dict, key string) Object {
				v := th.dictGetStr(d, key)
				if v == nil {
					t.Fatalf("%s is not defined", key)
				}
				th.Decref(v)
				return v
			}
			c := get(mod.dict, "C").(*Type)
			inner := get(c.dict, "Inner").(*Type)
			named := map[string]Object{
				"module": mod, "module dict": mod.dict,
				"top": get(mod.dict, "top"), "lam": get(mod.dict, "lam"),
				"C": c, "C.m": get(c.dict, "m"), "C.Inner": inner, "C.Inner.n": get(inner.dict, "n"),
			}
			nested := get(mod.dict, "inner")
			for what, o := range named {
				if refcount.IsImmortal(o) {
					t.Errorf("%s is immortal before any thread started", what)
				}
			}

			th.Decref(must(th.Run(start)))
			mustOK(th.Detach()) // the started thread may still be closing
			rt.WaitThreads()
			mustOK(th.Attach())
			want := k == refcount.Biased && !cfg.NoImmortalize
			for what, o := range named {
				if got := refcount.IsImmortal(o); got != want {
					t.Errorf("%s immortal after the first thread start: %v, want %v (%v)", what, got, want, k)
				}
			}
			if refcount.IsImmortal(nested) {
				t.Errorf("the nested function was made immortal")
			}
			if refcount.IsImmortal(get(mod.dict, "later")) {
				t.Errorf("the function defined after the start was made immortal")
			}
		})
	}
}

// TestImmortalizeWhileCalling starts the first Python thread from one
// thread while others call a module-level function and instantiate a
// module-level class (testdata/immortalize/callers.py), counting
// references to both, so that the objects become immortal under the
// callers' feet: the start must stop them first (the runtime has other
// threads, so it stops the world). Each caller must have called both
// before and after it saw the function immortal -- evidence that the
// immortalization happened while they ran -- and the tracked runtime's
// Close must find no leak and no misuse (use after free, a count below
// zero); under -race the stop's ordering is checked too.
func TestImmortalizeWhileCalling(t *testing.T) {
	const callers, each = 2, 200
	callersPy := compileImmortalize(t, "callers.py")
	for _, p := range eml.Policies() {
		if p == eml.PolicyGIL {
			continue // plain counting: nothing becomes immortal
		}
		t.Run(p.String(), func(t *testing.T) {
			rt, th := testRuntime(t, Config{Policy: p})
			th.Decref(must(th.Run(callersPy)))
			g := mainGlobals(t, th, "call", "top", "start")
			call, top, startFn := g[0], g[1], g[2]
			mustOK(th.Detach())
			defer func() { mustOK(th.Attach()) }()

			var before, after [callers]atomic.Int64
			stops := rt.lock.Stats().Stops
			runThreads(t, rt, callers+1, func(i int, th *Thread) {
				if i == callers {
					// The starter waits until every caller has called.
					for deadline := time.Now().Add(time.Minute); ; {
						ready := true
						for j := range before {
							ready = ready && before[j].Load() >= each
						}
						if ready || time.Now().After(deadline) {
							break
						}
						mustOK(th.SafePoint())
					}
					th.Decref(must(th.Call(startFn, nil, nil)))
					mustOK(th.Detach()) // the started thread may still be closing
					rt.WaitThreads()
					mustOK(th.Attach())
					return
				}
				x := th.NewInt(int64(i))
				defer th.Decref(x)
				for deadline := time.Now().Add(time.Minute); after[i].Load() < each && time.Now().Before(deadline); {
					th.Decref(must(th.Call(call, []Object{x}, nil)))
					if refcount.IsImmortal(top) {
						after[i].Add(1)
					} else {
						before[i].Add(1)
					}
				}
			})
			for i := range callers {
				if before[i].Load() < each || after[i].Load() < each {
					t.Errorf("caller %d: %d calls before top was immortal, %d after; want %d of each", i, before[i].Load(), after[i].Load(), each)
				}
			}
			if got := rt.lock.Stats().Stops - stops; got < 1 {
				t.Errorf("the start with other threads running stopped the world %d times, want at least 1", got)
			}
		})
	}
}
