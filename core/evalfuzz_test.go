package core

import (
	"errors"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"pgregory.net/rapid"
)

// TestEvalAnyValidCode: code objects that Validate accepts, made of the
// Python front end's instructions applied to whatever values happen to
// be at hand -- slices of dicts, closures of ints, yield from a class,
// FORMAT_VALUE of a generator -- run without a Go panic, every failure a
// Python exception, and the runtime closes with no leak. Each step runs
// in its own try block (its inputs from fast locals, its results stored
// back), so one failure does not end the program; a body that is a
// generator is driven with next, send, throw and close from Go.
func TestEvalAnyValidCode(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		body := genFuzzBody(rt)
		b := bytecode.NewBuilder("<module>", "fuzz.py")
		b.EmitConst(bytecode.LoadConst, body)
		b.Emit(bytecode.MakeFunction, 0)
		b.Emit(bytecode.Call, 0)
		b.Emit(bytecode.ReturnValue, 0)
		code, err := b.Build()
		if err != nil {
			rt.Fatalf("module: %v", err)
		}
		runFuzz(rt, code, mayCycle(body))
	})
}

// fuzzHelpers are code objects the fuzzed body can make functions of.
func fuzzHelpers() []*bytecode.Code {
	mk := func(name string, gen bool, emit func(b *bytecode.Builder)) *bytecode.Code {
		b := bytecode.NewBuilder(name, "fuzz.py")
		b.SetGenerator(gen)
		emit(b)
		c, err := b.Build()
		if err != nil {
			panic(err)
		}
		return c
	}
	return []*bytecode.Code{
		mk("gen", true, func(b *bytecode.Builder) { // def gen(x, *r, k, **kw): got = yield x; yield from r; return got
			b.SetParams(true, "x", "r")
			b.SetKwOnly("k")
			b.SetVarKeywords("kw")
			b.EmitLocal(bytecode.LoadFast, "x")
			b.Emit(bytecode.YieldValue, 0)
			b.EmitLocal(bytecode.StoreFast, "got")
			b.EmitLocal(bytecode.LoadFast, "r")
			b.Emit(bytecode.GetYieldFromIter, 0)
			b.EmitConst(bytecode.LoadConst, nil)
			b.Emit(bytecode.YieldFrom, 0)
			b.Emit(bytecode.PopTop, 0)
			b.EmitLocal(bytecode.LoadFast, "got")
			b.Emit(bytecode.ReturnValue, 0)
		}),
		mk("body", false, func(b *bytecode.Builder) { // a class body using __class__
			b.AddCell("__class__")
			b.EmitName(bytecode.LoadName, "__name__")
			b.EmitName(bytecode.StoreName, "__module__")
			b.EmitCell(bytecode.LoadClosure, "__class__")
			b.Emit(bytecode.Copy, 1)
			b.EmitName(bytecode.StoreName, "__classcell__")
			b.Emit(bytecode.ReturnValue, 0)
		}),
		mk("free", false, func(b *bytecode.Builder) { // needs a closure of one cell
			b.AddFree("v")
			b.EmitCell(bytecode.LoadDeref, "v")
			b.Emit(bytecode.ReturnValue, 0)
		}),
	}
}

// genFuzzBody draws a function body of random steps.
func genFuzzBody(t *rapid.T) *bytecode.Code {
	b := bytecode.NewBuilder("body", "fuzz.py")
	gen := rapid.Bool().Draw(t, "generator")
	b.SetGenerator(gen)
	b.AddCell("c0")
	b.AddCell("c1")
	helpers := fuzzHelpers()
	locals := []string{"l0", "l1", "l2", "l3"}
	for _, l := range locals {
		b.AddLocal(l)
	}
	consts := []bytecode.Const{nil, true, int64(0), int64(3), int64(-1), 2.5, "", "ab", "k", bytecode.Tuple{}, bytecode.Tuple{int64(1), "x"}, bytecode.Tuple{"k"}}
	// push emits one value onto the stack.
	push := func() {
		switch rapid.IntRange(0, 9).Draw(t, "push") {
		case 0, 1, 2:
			b.EmitLocal(bytecode.LoadFast, rapid.SampledFrom(locals).Draw(t, "local"))
		case 3, 4:
			b.EmitConst(bytecode.LoadConst, rapid.SampledFrom(consts).Draw(t, "const"))
		case 5:
			b.Emit(rapid.SampledFrom([]bytecode.Op{bytecode.BuildList, bytecode.BuildMap, bytecode.BuildSet, bytecode.BuildTuple}).Draw(t, "empty"), 0)
		case 6:
			b.Emit(rapid.SampledFrom([]bytecode.Op{bytecode.LoadBuildClass, bytecode.LoadAssertionError}).Draw(t, "special"), 0)
		case 7:
			b.EmitCell(rapid.SampledFrom([]bytecode.Op{bytecode.LoadDeref, bytecode.LoadClosure}).Draw(t, "cellop"), rapid.SampledFrom([]string{"c0", "c1"}).Draw(t, "cell"))
		case 8:
			h := rapid.SampledFrom(helpers).Draw(t, "helper")
			flags := int32(0)
			if len(h.Free) > 0 {
				b.EmitCell(bytecode.LoadClosure, "c0")
				b.Emit(bytecode.BuildTuple, 1)
				flags = bytecode.MakeFunctionClosure
			}
			b.EmitConst(bytecode.LoadConst, h)
			b.Emit(bytecode.MakeFunction, flags)
		default:
			b.EmitName(bytecode.LoadGlobal, rapid.SampledFrom([]string{"print", "len", "slice", "iter", "next", "repr", "list", "Exception", "nowhere"}).Draw(t, "global"))
		}
	}
	type step struct {
		op       bytecode.Op
		in, out  int
		arg      int32
		operand  string // cell or attribute name
		argRange [2]int32
	}
	steps := []step{
		{op: bytecode.BuildSlice, in: 2, out: 1, arg: 2}, {op: bytecode.BuildSlice, in: 3, out: 1, arg: 3},
		{op: bytecode.BuildString, in: 2, out: 1, arg: 2}, {op: bytecode.FormatValue, in: 1, out: 1, argRange: [2]int32{0, 3}},
		{op: bytecode.FormatValue, in: 2, out: 1, argRange: [2]int32{4, 7}},
		{op: bytecode.ListExtend, in: 2, out: 1, arg: 1}, {op: bytecode.SetAdd, in: 2, out: 1, arg: 1},
		{op: bytecode.SetUpdate, in: 2, out: 1, arg: 1}, {op: bytecode.MapAdd, in: 3, out: 1, arg: 1},
		{op: bytecode.DictUpdate, in: 2, out: 1, arg: 1}, {op: bytecode.DictMerge, in: 2, out: 1, arg: 1},
		{op: bytecode.DictMerge, in: 4, out: 3, arg: 1}, {op: bytecode.ListToTuple, in: 1, out: 1},
		{op: bytecode.UnpackEx, in: 1, out: 2, arg: bytecode.UnpackExArg(1, 0)}, {op: bytecode.UnpackEx, in: 1, out: 3, arg: bytecode.UnpackExArg(0, 2)},
		{op: bytecode.GetYieldFromIter, in: 1, out: 1}, {op: bytecode.BeforeWith, in: 1, out: 2},
		{op: bytecode.WithExceptStart, in: 2, out: 3}, {op: bytecode.ImportStar, in: 1, out: 0},
		{op: bytecode.BinarySubscr, in: 2, out: 1}, {op: bytecode.StoreSubscr, in: 3, out: 0}, {op: bytecode.DeleteSubscr, in: 2, out: 0},
		{op: bytecode.BinarySlice, in: 3, out: 1}, {op: bytecode.StoreSlice, in: 4, out: 0},
		{op: bytecode.Call, in: 1, out: 1, arg: 0}, {op: bytecode.Call, in: 2, out: 1, arg: 1}, {op: bytecode.Call, in: 3, out: 1, arg: 2},
		{op: bytecode.CallEx, in: 2, out: 1, arg: 0}, {op: bytecode.CallEx, in: 3, out: 1, arg: 1},
		{op: bytecode.StoreDeref, in: 1, out: 0, operand: "cell"}, {op: bytecode.MakeCell, in: 0, out: 0, operand: "cell"}, {op: bytecode.DeleteDeref, in: 0, out: 0, operand: "cell"},
		{op: bytecode.LoadAttr, in: 1, out: 1, operand: "attr"},
		{op: bytecode.GetIter, in: 1, out: 1}, {op: bytecode.UnpackSequence, in: 1, out: 2, arg: 2},
	}
	if gen {
		steps = append(steps, step{op: bytecode.YieldValue, in: 1, out: 1}, step{op: bytecode.YieldFrom, in: 2, out: 1})
	}
	attrs := []string{"start", "stop", "step", "indices", "send", "throw", "close", "__next__", "cell_contents", "__qualname__", "__closure__", "tb_next", "__name__", "gi_running"}
	for range rapid.IntRange(1, 12).Draw(t, "steps") {
		s := rapid.SampledFrom(steps).Draw(t, "step")
		h, next := b.NewLabel(), b.NewLabel()
		b.EmitJump(bytecode.SetupExcept, h)
		for range s.in {
			push()
		}
		arg := s.arg
		if s.argRange != [2]int32{} {
			arg = int32(rapid.IntRange(int(s.argRange[0]), int(s.argRange[1])).Draw(t, "arg"))
		}
		switch s.operand {
		case "cell":
			b.EmitCell(s.op, rapid.SampledFrom([]string{"c0", "c1"}).Draw(t, "cell"))
		case "attr":
			b.EmitName(s.op, rapid.SampledFrom(attrs).Draw(t, "attr"))
		default:
			b.Emit(s.op, arg)
		}
		for range s.out {
			b.EmitLocal(bytecode.StoreFast, rapid.SampledFrom(locals).Draw(t, "store"))
		}
		b.Emit(bytecode.PopBlock, 0)
		b.EmitJump(bytecode.JumpForward, next)
		b.Bind(h)
		b.Emit(bytecode.PopTop, 0)
		b.Emit(bytecode.PopExcept, 0)
		b.Bind(next)
		b.Emit(bytecode.Nop, 0)
	}
	push()
	b.Emit(bytecode.ReturnValue, 0)
	c, err := b.Build()
	if err != nil {
		t.Fatalf("the fuzzer built invalid code: %v", err)
	}
	return c
}

// runFuzz runs code on a fresh runtime under the eml policy (critical
// sections on), drives a generator it returns, and checks that the
// runtime closes cleanly (with no leak, unless cycles says the body may
// have made a reference cycle).
func runFuzz(t *rapid.T, code *bytecode.Code, cycles bool) {
	rt, err := NewRuntime(Config{Policy: 0, TrackObjects: true, Stdout: discard{}, Stderr: discard{}})
	if err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("main")
	r, err := th.Run(code)
	mustOK(th.Attach())
	var e *Exception
	if err != nil && !errors.As(err, &e) {
		t.Fatalf("a Go error, not a Python exception: %v\n%s", err, bytecode.Disassemble(code))
	}
	th.Discard(err)
	if g, ok := r.(*Generator); ok {
		for i := range 8 {
			var x Object
			var err error
			switch i % 4 {
			case 0, 1:
				x, _, err = th.Next(g)
			case 2:
				x, err = g.send(th, th.rt.smallInts[5-smallIntMin])
			default:
				x, err = g.throw(th, th.NewException(th.rt.types.exc.KeyError, "thrown"))
			}
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("a Go error from the generator: %v", err)
			}
			th.Discard(err)
			th.XDecref(x)
		}
		if err := g.close(th); err != nil {
			th.Discard(err)
		}
	}
	th.XDecref(r)
	mustOK(th.Detach())
	mustOK(th.Close())
	if err := rt.Close(); err != nil && (!cycles || errors.Is(err, ErrRefcountReports)) {
		t.Fatalf("runtime Close: %v\n%s", err, bytecode.Disassemble(code))
	}
}

// mayCycle reports whether the body stores a value into a container or
// a cell, which can make a reference cycle (a list holding itself, a cell
// holding its own closure); without a cycle collector those leak by
// design, so for such a body only refcount misuse fails the test.
func mayCycle(c *bytecode.Code) bool {
	for _, in := range c.Instrs {
		switch in.Op {
		case bytecode.StoreDeref, bytecode.StoreSubscr, bytecode.StoreSlice, bytecode.MapAdd, bytecode.ListExtend,
			bytecode.DictUpdate, bytecode.DictMerge, bytecode.SetUpdate, bytecode.SetAdd, bytecode.ImportStar:
			return true
		}
	}
	return false
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
