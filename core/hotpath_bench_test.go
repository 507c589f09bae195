package core

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// The hot-path benchmarks of issue 18, one per path the interpreter's
// speed depends on, each under eml and gil on one thread (docs/
// performance.md): a reference-count pair, a Python call, a global load,
// an attribute load. BenchmarkListAppend and BenchmarkDictSetGet (in
// bench_test.go) are the list and dict paths.

// BenchmarkIncDec: one Incref and Decref of an object the thread owns,
// through the Thread as every caller in core counts.
func BenchmarkIncDec(b *testing.B) {
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		b.Run(p.String(), func(b *testing.B) {
			benchThreads(b, Config{Policy: p}, 1, false,
				func(th *Thread) Object { return th.NewList(nil) },
				func(th *Thread, o Object, iters int) {
					for i := 0; i < iters; i++ {
						th.Incref(o)
						th.Decref(o)
					}
				})
		})
	}
}

// BenchmarkIntDeath: an int made and dropped, the life of most of
// intloop's and float's values: a freelist pop and a count's set-up, then
// the last reference's fast path back to the freelist (decrefSlow); the
// same for a float.
func BenchmarkIntDeath(b *testing.B) {
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		b.Run(p.String()+"/int", func(b *testing.B) {
			benchThreads(b, Config{Policy: p}, 1, false,
				func(th *Thread) Object { return th.NewInt(1000) },
				func(th *Thread, _ Object, iters int) {
					for i := 0; i < iters; i++ {
						th.Decref(th.NewInt(int64(1000 + i&1023)))
					}
				})
		})
		b.Run(p.String()+"/float", func(b *testing.B) {
			benchThreads(b, Config{Policy: p}, 1, false,
				func(th *Thread) Object { return th.NewInt(1000) },
				func(th *Thread, _ Object, iters int) {
					for i := 0; i < iters; i++ {
						th.Decref(th.NewFloat(float64(i)))
					}
				})
		})
	}
}

// hotLoops are the bodies of hotSrc's loop functions, by name: each runs
// its body n times, with o (an instance of the global class C, whose
// attribute x is set; C.m is g) as a local.
var hotLoops = []struct{ name, body string }{
	{"calls", "LOAD_GLOBAL g\nLOAD_FAST i\nCALL 1\nPOP_TOP"},
	{"globals", "LOAD_GLOBAL g\nPOP_TOP\nLOAD_GLOBAL len\nPOP_TOP"},
	{"attrs", "LOAD_FAST o\nLOAD_ATTR x\nPOP_TOP\nLOAD_FAST o\nLOAD_ATTR x\nPOP_TOP"},
	{"attrstores", "LOAD_FAST i\nLOAD_FAST o\nSTORE_ATTR x"},
	{"methods", "LOAD_FAST o\nLOAD_METHOD m\nCALL_METHOD 0\nPOP_TOP"},
	{"instances", "LOAD_GLOBAL C\nCALL 0\nPOP_TOP"},
}

// hotSrc is the module of the hot-path loops: g (the function calls
// calls) and a function per hotLoops entry, each of the form
//
//	for i in range(n): BODY
//
// written with a counter so that the loop costs the same in each.
var hotSrc = func() string {
	var mod, funcs strings.Builder
	mod.WriteString("module\n    LOAD_CONST @g\n    MAKE_FUNCTION 0\n    STORE_NAME g\n")
	funcs.WriteString("func g(a)\n    LOAD_FAST a\n    RETURN_VALUE\nend\n")
	for _, l := range hotLoops {
		fmt.Fprintf(&mod, "    LOAD_CONST @%s\n    MAKE_FUNCTION 0\n    STORE_NAME %s\n", l.name, l.name)
		fmt.Fprintf(&funcs, `
func %s(n, o)
    locals i
    LOAD_CONST 0
    STORE_FAST i
top:
    LOAD_FAST i
    LOAD_FAST n
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
%s
    LOAD_FAST i
    LOAD_CONST 1
    BINARY_OP +
    STORE_FAST i
    JUMP_BACKWARD top
done:
    RETURN_CONST None
end
`, l.name, l.body)
	}
	mod.WriteString("    RETURN_CONST None\nend\n")
	return mod.String() + funcs.String()
}()

// benchHot runs the loop function name of hotSrc for b.N iterations on
// one thread under each of eml and gil. The loop's own counting is part
// of every figure (about 8 instructions an iteration); BenchmarkEval is
// that loop alone, near enough.
func benchHot(b *testing.B, name string) {
	benchOneThread(b, func(b *testing.B, th *Thread) {
		code, err := bytecode.Assemble("hot.rwa", []byte(hotSrc))
		if err != nil {
			b.Fatal(err)
		}
		th.Decref(must(th.Run(code)))
		mod := must(th.mainModule())
		fn := th.dictGetStr(mod.dict, name)
		defer th.Decref(mod)
		ns := th.NewDict()
		g := th.dictGetStr(mod.dict, "g")
		mustOK(th.DictSetStr(ns, "m", g))
		th.Decref(g)
		cls := must(th.NewClass("C", nil, ns, "__main__"))
		th.Decref(ns)
		mustOK(th.DictSetStr(mod.dict, "C", cls))
		o := must(th.Call(cls, nil, nil))
		x := th.NewInt(1000)
		mustOK(th.SetAttr(o, "x", x))
		th.Decref(x)
		n := th.NewInt(int64(b.N))
		b.ResetTimer()
		r, err := th.Call(fn, []Object{n, o}, nil)
		b.StopTimer()
		mustOK(err)
		for _, x := range []Object{r, n, o, cls, fn} {
			th.Decref(x)
		}
	})
}

// benchOneThread runs body as a sub-benchmark under each of eml and gil,
// on the one attached thread of a fresh runtime, and closes both after.
func benchOneThread(b *testing.B, body func(b *testing.B, th *Thread)) {
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		b.Run(p.String(), func(b *testing.B) {
			rt, err := NewRuntime(Config{Policy: p})
			if err != nil {
				b.Fatal(err)
			}
			th := rt.NewThread("bench")
			mustOK(th.Attach())
			body(b, th)
			mustOK(th.Detach())
			mustOK(th.Close())
			mustOK(rt.Close())
		})
	}
}

// BenchmarkCall: a call of a one-argument Python function (a global).
func BenchmarkCall(b *testing.B) { benchHot(b, "calls") }

// BenchmarkGlobalLoad: two global loads, one from the module, one from the
// builtins.
func BenchmarkGlobalLoad(b *testing.B) { benchHot(b, "globals") }

// BenchmarkAttrLoad: two loads of an instance attribute.
func BenchmarkAttrLoad(b *testing.B) { benchHot(b, "attrs") }

// BenchmarkAttrStore: a store of an instance attribute.
func BenchmarkAttrStore(b *testing.B) { benchHot(b, "attrstores") }

// BenchmarkMethodCall: o.m() for a Python function on o's class.
func BenchmarkMethodCall(b *testing.B) { benchHot(b, "methods") }

// BenchmarkNewInstance: an instance of a class without __init__ made and
// dropped (its dict in the same allocation).
func BenchmarkNewInstance(b *testing.B) { benchHot(b, "instances") }

// BenchmarkListSort: list.sort of 100 ints in the suite's `lists` order
// ((j * 7919 + i) % 101), in a list made before each sort (which is part
// of the figure).
func BenchmarkListSort(b *testing.B) {
	benchOneThread(b, func(b *testing.B, th *Thread) {
		ints := make([]Object, 101)
		for v := range ints {
			ints[v] = th.NewInt(int64(v))
		}
		for i := 0; b.Loop(); i++ {
			items := make([]Object, 100)
			for j := range items {
				items[j] = th.newRef(ints[(j*7919+i)%101])
			}
			l := th.NewList(items)
			mustOK(th.ListSort(l, nil, false))
			th.Decref(l)
		}
		for _, x := range ints {
			th.Decref(x)
		}
	})
}
