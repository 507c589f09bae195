package core

import (
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

// hotSrc defines one loop function per hot path; each takes the number of
// iterations and an object whose attribute x the attribute loop reads.
const hotSrc = `
module
    LOAD_CONST @g
    MAKE_FUNCTION 0
    STORE_NAME g
    LOAD_CONST @calls
    MAKE_FUNCTION 0
    STORE_NAME calls
    LOAD_CONST @globals
    MAKE_FUNCTION 0
    STORE_NAME globals
    LOAD_CONST @attrs
    MAKE_FUNCTION 0
    STORE_NAME attrs
    RETURN_CONST None
end

func g(a)
    LOAD_FAST a
    RETURN_VALUE
end

func calls(n, o)
    locals i
    LOAD_CONST 0
    STORE_FAST i
top:
    LOAD_FAST i
    LOAD_FAST n
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
    LOAD_GLOBAL g
    LOAD_FAST i
    CALL 1
    POP_TOP
    LOAD_FAST i
    LOAD_CONST 1
    BINARY_OP +
    STORE_FAST i
    JUMP_BACKWARD top
done:
    RETURN_CONST None
end

func globals(n, o)
    locals i
    LOAD_CONST 0
    STORE_FAST i
top:
    LOAD_FAST i
    LOAD_FAST n
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
    LOAD_GLOBAL g
    POP_TOP
    LOAD_GLOBAL len
    POP_TOP
    LOAD_FAST i
    LOAD_CONST 1
    BINARY_OP +
    STORE_FAST i
    JUMP_BACKWARD top
done:
    RETURN_CONST None
end

func attrs(n, o)
    locals i
    LOAD_CONST 0
    STORE_FAST i
top:
    LOAD_FAST i
    LOAD_FAST n
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
    LOAD_FAST o
    LOAD_ATTR x
    POP_TOP
    LOAD_FAST o
    LOAD_ATTR x
    POP_TOP
    LOAD_FAST i
    LOAD_CONST 1
    BINARY_OP +
    STORE_FAST i
    JUMP_BACKWARD top
done:
    RETURN_CONST None
end
`

// benchHot runs the loop function name of hotSrc for b.N iterations on
// one thread under each of eml and gil. The loop's own counting is part
// of every figure (about 8 instructions an iteration); BenchmarkEval is
// that loop alone, near enough.
func benchHot(b *testing.B, name string) {
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		b.Run(p.String(), func(b *testing.B) {
			rt, err := NewRuntime(Config{Policy: p})
			if err != nil {
				b.Fatal(err)
			}
			th := rt.NewThread("bench")
			mustOK(th.Attach())
			code, err := bytecode.Assemble("hot.rwa", []byte(hotSrc))
			if err != nil {
				b.Fatal(err)
			}
			th.Decref(must(th.Run(code)))
			mod := must(th.mainModule())
			fn := th.dictGetStr(mod.dict, name)
			th.Decref(mod)
			ns := th.NewDict()
			cls := must(th.NewClass("C", nil, ns, "__main__"))
			th.Decref(ns)
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
