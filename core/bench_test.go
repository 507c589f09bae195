package core

import (
	"fmt"
	"sync"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// The object-model benchmarks run each policy side by side in one run, so
// docs/core.md can report ratios to free. "shared" means two threads on
// one object (its critical section and its count contended); "own" two
// threads on their own objects.

// benchThreads runs body on n attached threads of a runtime for cfg; each
// body does b.N/n iterations (so ns/op is the time per operation overall).
// A shared object is made by a setup thread; otherwise each thread makes
// its own (so it owns it, for biased counting, and its memory is its own:
// objects made side by side by one thread share cache lines).
func benchThreads(b *testing.B, cfg Config, n int, shared bool, mk func(th *Thread) Object, body func(th *Thread, o Object, iters int)) {
	rt, err := NewRuntime(cfg)
	if err != nil {
		b.Fatal(err)
	}
	setup := rt.NewThread("setup")
	var sharedObj Object
	if shared {
		mustOK(setup.Attach())
		sharedObj = mk(setup)
		mustOK(setup.Detach())
	}
	threads := make([]*Thread, n)
	for i := range threads {
		threads[i] = rt.NewThread(fmt.Sprint("b", i))
	}
	var ready, wg sync.WaitGroup
	ready.Add(n)
	start := make(chan struct{})
	for _, th := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mustOK(th.Attach())
			o := sharedObj
			if o == nil {
				o = mk(th)
			}
			mustOK(th.Detach())
			ready.Done()
			<-start
			mustOK(th.Attach())
			body(th, o, b.N/n)
			if !shared {
				th.Decref(o)
			}
			mustOK(th.Detach())
		}()
	}
	ready.Wait()
	b.ResetTimer()
	close(start)
	wg.Wait()
	b.StopTimer()
	if shared {
		mustOK(setup.Attach())
		setup.Decref(sharedObj)
		mustOK(setup.Detach())
	}
	for _, th := range append(threads, setup) {
		mustOK(th.Close())
	}
	mustOK(rt.Close())
}

var benchShapes = []struct {
	name   string
	n      int
	shared bool
}{{"1thread", 1, false}, {"2threads-own", 2, false}, {"2threads-shared", 2, true}}

// BenchmarkListAppend: L.append(x) then L.pop(), so the list stays small.
func BenchmarkListAppend(b *testing.B) {
	for _, p := range eml.Policies() {
		for _, sh := range benchShapes {
			b.Run(p.String()+"/"+sh.name, func(b *testing.B) {
				benchThreads(b, Config{Policy: p}, sh.n, sh.shared,
					func(th *Thread) Object { return th.NewList(nil) },
					func(th *Thread, o Object, iters int) {
						l := o.(*List)
						x := th.rt.smallInts[7-smallIntMin]
						for i := 0; i < iters; i++ {
							th.ListAppend(l, x)
							y, err := th.ListPop(l, -1)
							mustOK(err)
							th.Decref(y)
						}
					})
			})
		}
	}
}

// BenchmarkDictSetGet: D[k] = v then D[k], over 64 str keys.
func BenchmarkDictSetGet(b *testing.B) {
	for _, p := range eml.Policies() {
		for _, sh := range benchShapes {
			b.Run(p.String()+"/"+sh.name, func(b *testing.B) {
				var keys []*Str
				benchThreads(b, Config{Policy: p}, sh.n, sh.shared,
					func(th *Thread) Object {
						if keys == nil {
							for i := range 64 {
								keys = append(keys, th.rt.Intern(fmt.Sprint("key", i)))
							}
						}
						return th.NewDict()
					},
					func(th *Thread, o Object, iters int) {
						d := o.(*Dict)
						v := th.rt.smallInts[7-smallIntMin]
						for i := 0; i < iters; i++ {
							k := keys[i&63]
							mustOK(th.DictSet(d, k, v))
							x, err := th.DictGet(d, k)
							mustOK(err)
							th.Decref(x)
						}
					})
			})
		}
	}
}

// loopSrc is the CPU-bound loop of BenchmarkEval: a function that counts
// to n with integer arithmetic on locals (ints above 256 are allocated).
const loopSrc = `
module
    LOAD_CONST @loop
    MAKE_FUNCTION 0
    STORE_NAME loop
    RETURN_CONST None
end

func loop(n)
    locals i, acc
    LOAD_CONST 0
    STORE_FAST i
    LOAD_CONST 0
    STORE_FAST acc
top:
    LOAD_FAST i
    LOAD_FAST n
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
    LOAD_FAST acc
    LOAD_FAST i
    LOAD_CONST 3
    BINARY_OP *
    BINARY_OP +
    LOAD_CONST 1000003
    BINARY_OP %
    STORE_FAST acc
    LOAD_FAST i
    LOAD_CONST 1
    BINARY_OP +
    STORE_FAST i
    JUMP_BACKWARD top
done:
    LOAD_FAST acc
    RETURN_VALUE
end
`

// loopInstrsPerIter is the instructions one iteration of loop executes.
const loopInstrsPerIter = 16

// evalLoop runs loop(iters) on th, which has run loopSrc as __main__.
func evalLoop(th *Thread, fn Object, iters int) {
	n := th.NewInt(int64(iters))
	r, err := th.Call(fn, []Object{n}, nil)
	mustOK(err)
	th.Decref(r)
	th.Decref(n)
}

// loopFunction runs loopSrc on th and returns the loop function.
func loopFunction(b testing.TB, th *Thread) Object {
	code, err := bytecode.Assemble("loop.rwa", []byte(loopSrc))
	if err != nil {
		b.Fatal(err)
	}
	r := must(th.Run(code))
	th.Decref(r)
	mod := must(th.mainModule())
	defer th.Decref(mod)
	return th.dictGetStr(mod.dict, "loop")
}

// BenchmarkEval: the loop on one thread, per policy. One op is one
// iteration (16 instructions).
func BenchmarkEval(b *testing.B) {
	for _, p := range eml.Policies() {
		b.Run(p.String(), func(b *testing.B) {
			benchEval(b, Config{Policy: p}, 1)
		})
	}
}

// BenchmarkEvalParallel: the loop on 1 and 2 threads at once, per policy;
// one op is one iteration of one thread, so a policy that scales halves
// its ns/op from 1 to 2 threads.
func BenchmarkEvalParallel(b *testing.B) {
	for _, p := range eml.Policies() {
		for _, n := range []int{1, 2} {
			b.Run(fmt.Sprintf("%v/%dthreads", p, n), func(b *testing.B) {
				benchEval(b, Config{Policy: p}, n)
			})
		}
	}
}

func benchEval(b *testing.B, cfg Config, n int) {
	rt, err := NewRuntime(cfg)
	if err != nil {
		b.Fatal(err)
	}
	setup := rt.NewThread("setup")
	mustOK(setup.Attach())
	fn := loopFunction(b, setup)
	mustOK(setup.Detach())
	threads := make([]*Thread, n)
	for i := range threads {
		threads[i] = rt.NewThread(fmt.Sprint("e", i))
	}
	b.ResetTimer()
	var wg sync.WaitGroup
	for _, th := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mustOK(th.Attach())
			evalLoop(th, fn, b.N/n)
			mustOK(th.Detach())
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/loopInstrsPerIter, "ns/instr")
	mustOK(setup.Attach())
	setup.Decref(fn)
	mustOK(setup.Detach())
	for _, th := range append(threads, setup) {
		mustOK(th.Close())
	}
	mustOK(rt.Close())
}

// BenchmarkEvalMemoryBudget: the loop on one thread under eml with the
// memory budget (the default) and without one: what the accounting of
// every allocation costs.
func BenchmarkEvalMemoryBudget(b *testing.B) {
	for _, c := range []struct {
		name string
		max  int64
	}{{"budget", 0}, {"nobudget", -1}} {
		b.Run(c.name, func(b *testing.B) {
			benchEval(b, Config{Policy: eml.PolicyEML, MaxMemory: c.max}, 1)
		})
	}
}

// BenchmarkEvalSafePoints: the loop on one thread under eml, polling where
// CPython does (calls and backward jumps) and before every instruction.
func BenchmarkEvalSafePoints(b *testing.B) {
	for _, m := range []SafePointMode{SafePointsCalls, SafePointsEvery} {
		b.Run(m.String(), func(b *testing.B) {
			benchEval(b, Config{Policy: eml.PolicyEML, SafePoints: m}, 1)
		})
	}
}
