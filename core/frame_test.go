package core

import (
	"strconv"
	"testing"
	"unsafe"

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

// TestFrameBuffer: frameBuffer recovers the whole buffer newFrame cut a
// frame's locals and stack from, for code with locals and without.
func TestFrameBuffer(t *testing.T) {
	_, th := testRuntime(t, Config{})
	for _, src := range []string{hotSrc, "module\n    RETURN_CONST None\nend\n"} {
		bc, err := bytecode.Assemble("f.rwa", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		codes := []*bytecode.Code{bc}
		for _, k := range bc.Consts {
			if c, ok := k.(*bytecode.Code); ok {
				codes = append(codes, c)
			}
		}
		for _, c := range codes {
			code := must(th.rt.codeFor(c))
			fr := th.newFrame(code, nil, nil, false)
			buf := frameBuffer(fr)
			nl := len(c.Locals)
			if want := 2*framePad + nl + int(c.StackSize); len(buf) != want {
				t.Errorf("%s: buffer of %d slots, want %d", c.Name, len(buf), want)
			}
			if &buf[framePad+nl] != &fr.stack[:1][0] || nl > 0 && &buf[framePad] != &fr.locals[0] {
				t.Errorf("%s: the buffer does not hold the frame's locals and stack where newFrame put them", c.Name)
			}
			th.creditFrame(fr)
		}
	}
}

// TestFramePoolReuse: a released frame comes back from the pool for the
// next call with its locals and stack as newFrame cut them: for the same
// code the very same buffer, for another code one cut (or made) for
// that code's sizes; cleared either way.
func TestFramePoolReuse(t *testing.T) {
	_, th := testRuntime(t, Config{})
	bc, err := bytecode.Assemble("f.rwa", []byte(hotSrc))
	mustOK(err)
	var codes []*Code
	for _, k := range bc.Consts {
		if c, ok := k.(*bytecode.Code); ok {
			codes = append(codes, must(th.rt.codeFor(c)))
		}
	}
	big := must(th.rt.codeFor(bc)) // the module: no locals, a deeper stack than g
	codes = append(codes, big)
	check := func(what string, fr *frame, code *Code) {
		t.Helper()
		if fr.code != code || len(fr.locals) != len(code.bc.Locals) || len(fr.stack) != int(code.bc.StackSize) {
			t.Errorf("%s: frame for %s with %d locals and %d stack slots, want %d and %d", what, code.bc.Name, len(fr.locals), len(fr.stack), len(code.bc.Locals), code.bc.StackSize)
		}
		for _, o := range append(append([]Object(nil), fr.locals...), fr.stack...) {
			if o != nil {
				t.Errorf("%s: a reused frame holds %v", what, o)
			}
		}
	}
	prev := th.newFrame(codes[0], nil, nil, true)
	for i, code := range append(codes, codes[0], codes[0]) {
		stack := unsafe.SliceData(prev.stack)
		same := prev.code == code
		if len(prev.stack) > 0 {
			prev.stack[0] = th.NewInt(int64(i)) // a reference release must clear
			prev.sp = 1
		}
		prev.release(th)
		fr := th.newFrame(code, nil, nil, true)
		if fr != prev {
			t.Fatalf("call %d: newFrame did not reuse the released frame", i)
		}
		if same && unsafe.SliceData(fr.stack) != stack {
			t.Errorf("call %d: the same code's frame got a new buffer", i)
		}
		check("call "+strconv.Itoa(i), fr, code)
		prev = fr
	}
	prev.release(th)
}
