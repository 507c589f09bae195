package core

import (
	"fmt"
	"sort"
	"strings"
	"unsafe"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// frame is one activation of a code object.
type frame struct {
	code    *Code
	fn      *Function // nil for module code
	globals *Dict
	// ns is the locals dict of a class body (owned), which LOAD_NAME,
	// STORE_NAME and DELETE_NAME use; nil: they use the globals.
	ns     *Dict
	locals []Object // fast locals (owned references; nil = unbound)
	cells  []*Cell  // Code.Cells then Code.Free (owned); nil when the code has none
	// cellBuf is the backing array cells last had, kept (cleared) with a
	// pooled frame so that the next call of a closure reuses it.
	cellBuf []*Cell
	stack   []Object // the operand stack: owned references, nil = LOAD_METHOD's "no self"
	blocks  []block  // handler blocks of SETUP_EXCEPT, innermost last
	// pc is the instruction at the last safe point (the loop keeps its
	// own), and where a suspended generator resumes.
	pc int
	// stopSP is the stack depth at the last stop (safe point or switch
	// point), which a Sequencer's Waiter.Step reads.
	stopSP int
	back   *frame
	// serial identifies the frame in tracebacks (an exception gets one
	// entry per frame it passes through, however often it is re-raised).
	serial uint64
	// handlingBase is len(thread.handling) at entry: what the frame must
	// leave behind when it exits.
	handlingBase int

	// A generator's frame, between runs: the stack depth (while the frame
	// runs, len(stack), and once it has returned, the depth it returned
	// at: release clears only that much), the exceptions
	// it was handling (owned), whether it is suspended in YIELD_FROM (the
	// delegate on top of the stack), and an exception to raise where it
	// resumes (throw, close). yielded says the last run ended in a yield.
	sp          int
	saved       []*Exception
	yielded     bool
	inYieldFrom bool
	// pooled says the frame came from its thread's pool and goes back
	// there at release (a generator's frame never does: it outlives the
	// call). Beside the other flags, it takes no room of its own.
	pooled    bool
	resumeErr *Exception
	// charged is what the frame costs the memory budget, until release.
	charged int64
}

// frameBuffer returns the buffer fr's locals and stack were cut from by
// newFrame: the stack starts framePad+len(locals) slots into it and its
// capacity runs to the buffer's end (never 0: framePad slots follow), so
// the buffer is found from the stack without a field of its own.
func frameBuffer(fr *frame) []Object {
	off := framePad + len(fr.locals)
	start := unsafe.Add(unsafe.Pointer(unsafe.SliceData(fr.stack)), -off*slotSize)
	return unsafe.Slice((*Object)(start), off+cap(fr.stack))
}

// block is a SETUP_EXCEPT handler: where it jumps, the operand-stack depth
// to cut back to, and how many exceptions were being handled (counted
// from the frame's handlingBase, which differs between the runs of a
// generator).
type block struct {
	handler, depth, handling int
}

// framePad is the padding, in Objects, around a frame's locals and stack:
// they are written at nearly every instruction, and without it two
// threads' frames, allocated side by side, would share cache lines (which
// halved the two-thread speed of BenchmarkEvalParallel).
const framePad = 16 // 256 bytes

// maxFreeFrames bounds a thread's pool of frames.
const maxFreeFrames = 64

// newFrame returns a frame for code. A frame for a call that ends before
// the caller goes on (every frame but a generator's: pooled) comes from
// the thread's pool when it has one, with its buffer when that is large
// enough, so that a call allocates nothing; the padding around each
// buffer keeps threads' frames apart as before, paid once per pooled
// frame instead of once per call.
func (th *Thread) newFrame(code *Code, globals *Dict, fn *Function, pooled bool) *frame {
	bc := code.bc
	nl := len(bc.Locals)
	need := framePad + nl + int(bc.StackSize) + framePad
	var fr *frame
	if n := len(th.freeFrames); pooled && n > 0 {
		fr = th.freeFrames[n-1]
		th.freeFrames[n-1] = nil
		th.freeFrames = th.freeFrames[:n-1]
	} else {
		fr = new(frame)
	}
	// A pooled frame keeps its locals and stack, cleared, cut for the
	// code it last ran: a recursive call finds them cut for it already.
	if fr.code != code {
		var buf []Object
		if fr.stack != nil {
			buf = frameBuffer(fr)
		}
		if cap(buf) < need {
			buf = make([]Object, need)
		}
		buf = buf[:need]
		fr.code = code
		fr.locals = buf[framePad : framePad+nl : framePad+nl]
		fr.stack = buf[framePad+nl : len(buf)-framePad]
	}
	th.frameSerial++
	// Field by field rather than a whole-struct assignment, which zeroes
	// the struct and copies it with its write barriers: a new frame is
	// zero, and release leaves a pooled one with its references cleared,
	// so only the fields below may differ from what a fresh frame holds.
	fr.fn, fr.globals = fn, globals
	fr.blocks = fr.blocks[:0]
	fr.pc, fr.sp, fr.stopSP, fr.handlingBase = 0, 0, 0, 0
	fr.serial = th.frameSerial
	fr.yielded, fr.inYieldFrom, fr.pooled = false, false, pooled
	if n := len(code.cellArg) + len(bc.Free); n > 0 {
		if cap(fr.cellBuf) < n {
			fr.cellBuf = make([]*Cell, n)
		}
		fr.cells = fr.cellBuf[:n]
	}
	th.chargeFrame(fr)
	return fr
}

// release drops the references the frame holds.
func (fr *frame) release(th *Thread) {
	th.creditFrame(fr)
	// Most slots are empty by now (a returning frame's stack nearly
	// always is): store only into those that are not.
	for i, o := range fr.locals {
		if o != nil {
			fr.locals[i] = nil
			if !th.decrefLocal(o) {
				th.decrefSlow(o)
			}
		}
	}
	// Only the slots below sp may hold references: every instruction
	// clears what it pops, and a frame that ended otherwise than by a
	// return (an exception, a Go panic unwinding through it) has sp at
	// the whole stack (see run).
	if th.rt.cfg.TrackObjects {
		fr.checkStackAbove(fr.sp)
	}
	for i, o := range fr.stack[:fr.sp] {
		if o != nil {
			fr.stack[i] = nil
			if !th.decrefLocal(o) {
				th.decrefSlow(o)
			}
		}
	}
	for i, c := range fr.cells {
		fr.cells[i] = nil
		if c != nil {
			th.Decref(c)
		}
	}
	if fr.saved != nil {
		for _, e := range fr.saved {
			th.Decref(e)
		}
		fr.saved = nil
	}
	if fr.resumeErr != nil {
		th.Decref(fr.resumeErr)
		fr.resumeErr = nil
	}
	if fr.ns != nil {
		th.Decref(fr.ns)
		fr.ns = nil
	}
	if fr.cells != nil {
		fr.cells = nil
	}
	if fr.pooled && len(th.freeFrames) < maxFreeFrames {
		// Nothing refers to the frame once it is released: tracebacks
		// copy what they need, and th.frame is already fr.back. It keeps
		// its code and its cleared locals and stack for the next call
		// (newFrame); fn, globals and back, which the next call sets,
		// may keep a dead function's or module's memory from Go's
		// collector meanwhile, never a reference.
		fr.pooled = false // a second release must not pool it twice
		th.freeFrames = append(th.freeFrames, fr)
	}
}

// checkStackAbove panics if a slot of the stack at or above sp holds a
// reference: release would leave it behind in a pooled buffer. It runs
// when the runtime tracks objects (Config.TrackObjects, as every test's
// runtime does), so that an instruction that forgets to clear what it
// pops fails loudly rather than leaking.
func (fr *frame) checkStackAbove(sp int) {
	for i := sp; i < len(fr.stack); i++ {
		if fr.stack[i] != nil {
			panic(fmt.Sprintf("core: frame of %s ended at stack depth %d with a reference in slot %d", fr.code.bc.Name, sp, i))
		}
	}
}

// Run runs a module's code as __main__ and returns what it returns (None
// for a module body). It attaches the thread for the run if it is not
// attached. An uncaught exception is returned as the error (an
// *Exception, whose FormatTraceback prints it as Python would).
//
// Under a Sequencer that gives the run up (a deadlock), Run returns the
// *eml.Abort it unwound the thread with.
func (th *Thread) Run(bc *bytecode.Code) (result Object, err error) {
	if err := th.enter("Run"); err != nil {
		return nil, err
	}
	defer th.leave()
	if err := th.usable(); err != nil {
		return nil, err
	}
	if th.rt.seq != nil {
		defer func() {
			if p := recover(); p != nil {
				if !isAbort(p) {
					panic(p)
				}
				result, err = nil, p.(*eml.Abort)
				// The thread is unwound; it may not have detached (a
				// thread aborted while promoted cannot), so say it has
				// left, which passes the Sequencer's baton on to the
				// next thread to unwind.
				th.rt.seq.Leave(th.eml.Waiter())
			}
		}()
	}
	code, err := th.rt.codeFor(bc)
	if err != nil {
		return nil, err
	}
	if !th.eml.Attached() {
		if err := th.attach(); err != nil {
			return nil, err
		}
		defer th.detach() //nolint:errcheck // a thread that attached can detach
	}
	mod, err := th.mainModule()
	if err != nil {
		return nil, err
	}
	defer th.Decref(mod)
	if code.bc.Generator {
		return nil, fmt.Errorf("core: code %q is a generator's body, not a module's", code.bc.Name)
	}
	fr := th.newFrame(code, mod.dict, nil, true)
	if fr.cells != nil {
		th.initCells(fr, nil)
	}
	// The module's frame counts against the recursion limit, as in
	// CPython: under the default 1000, f calling itself fails at its
	// 999th frame.
	th.depth++
	result, err = th.eval(fr)
	th.depth--
	th.runPendingCloses()
	return result, err
}

// mainModule returns a new reference to __main__, creating it on first
// use.
func (th *Thread) mainModule() (*Module, error) {
	rt := th.rt
	rt.modMu.Lock()
	defer rt.modMu.Unlock()
	if m, ok := rt.modules["__main__"]; ok {
		th.Incref(m)
		return m, nil
	}
	m := th.NewModule("__main__")
	rt.modules["__main__"] = m
	th.Incref(m)
	return m, nil
}

// eval runs a frame to completion: a new reference to its return value,
// or the exception that left it. A generator's frame may instead yield:
// then fr.yielded is set, the result is the value yielded, and the frame
// keeps what it needs to resume (see Generator); eval resumes a frame
// where it left off, raising fr.resumeErr there if set.
func (th *Thread) eval(fr *frame) (result Object, err error) {
	fr.back = th.frame
	th.frame = fr
	fr.handlingBase = len(th.handling)
	if fr.saved != nil {
		// A generator resumes handling what it handled when it yielded.
		th.handling = append(th.handling, fr.saved...)
		fr.saved = fr.saved[:0]
	}
	// One defer and one return: the compiler open-codes the defer, which
	// then costs a call at the return instead of the runtime's deferred
	// call machinery on every Python call (the loop has many returns).
	defer th.leaveFrame(fr)
	result, err = th.run(fr)
	return result, err
}

// leaveFrame is eval's epilogue, run however the frame ends (a Go panic
// unwinding through it included): the caller's frame is current again,
// and a frame that did not yield is released.
func (th *Thread) leaveFrame(fr *frame) {
	th.frame = fr.back
	if fr.yielded {
		// Suspended: the frame keeps its exceptions being handled.
		fr.saved = append(fr.saved, th.handling[fr.handlingBase:]...)
		clear(th.handling[fr.handlingBase:])
		th.handling = th.handling[:fr.handlingBase]
		return
	}
	if len(th.handling) > fr.handlingBase {
		th.popHandling(fr.handlingBase)
	}
	fr.release(th)
}

// run is the body of eval: the instruction loop. It is kept small, for
// the Go compiler's sake: the instructions the programs of
// docs/performance.md run most are here, with the stack pushed and popped
// in line (sp is a plain local the compiler keeps in a register, not a
// variable a closure captures, which lives in memory), and the rest are
// in runCold. A function this size also gets small callees (Incref,
// Decref) inlined, which Go refuses for "big" functions.
func (th *Thread) run(fr *frame) (Object, error) {
	// Function entry is a safe point, and so is resuming a generator. What
	// it raises (KeyboardInterrupt, a pending MemoryError) is raised where
	// the frame starts or resumes, below.
	entryErr := th.SafePoint()
	if th.pendingClose != nil {
		th.runPendingCloses()
	}

	// The loop keeps few variables of its own: Go's register allocator
	// reloads every variable live around the loop at the end of each
	// instruction, so the frame's locals, cells and the code's constants
	// and names are read through fr where an instruction uses them. pc
	// and sp live in registers: the frame's copy of pc is written at
	// stops only, since memory written at every instruction is memory
	// another core's frame may share a cache line with.
	insns := fr.code.insns
	stack := fr.stack[:len(fr.stack):len(fr.stack)] // its capacity is its length: one variable fewer
	pc, sp := fr.pc, fr.sp
	fr.sp = len(stack) // until a return says how deep the stack is

	if entryErr != nil {
		e := th.asException(entryErr)
		if fr.resumeErr != nil { // the asynchronous exception wins
			th.Decref(fr.resumeErr)
			fr.resumeErr = nil
		}
		var ok bool
		if pc, sp, ok = th.unwind(fr, e, pc+1, sp); !ok {
			return nil, e
		}
	}
	if e := fr.resumeErr; e != nil {
		// throw() or close(): the exception is raised where the
		// generator resumes.
		fr.resumeErr = nil
		var ok bool
		if pc, sp, ok = th.unwind(fr, e, pc, sp); !ok {
			return nil, e
		}
	}

	for {
		var err error // not a variable of the whole loop, which Go would reload at each instruction's end
		ins := insns[pc]
		if ins.flags()&stopAny != 0 {
			if e := th.stop(fr, ins.flags(), pc, sp); e != nil {
				err = e
				pc++
				goto failed
			}
			// Read again after the call (see FOR_ITER).
			ins = fr.code.insns[pc]
		}
		pc++

		// Each case that succeeds continues the loop; one that fails
		// breaks out of the switch with err set.
		switch ins.op() {
		case bytecode.Nop:
			continue
		case bytecode.PopTop:
			sp--
			x := stack[sp]
			stack[sp] = nil
			if x != nil && !th.decrefLocal(x) {
				th.decrefSlow(x)
			}
			continue
		case bytecode.Copy:
			x := stack[sp-int(ins.arg())]
			if !th.increfLocal(x) {
				th.increfSlow(x)
			}
			stack[sp] = x
			sp++
			continue
		case bytecode.Swap:
			i := sp - int(ins.arg())
			stack[i], stack[sp-1] = stack[sp-1], stack[i]
			continue
		case bytecode.LoadConst:
			x := fr.code.consts[ins.arg()]
			if !th.increfLocal(x) {
				th.increfSlow(x)
			}
			stack[sp] = x
			sp++
			continue
		case bytecode.LoadFast:
			x := fr.locals[ins.arg()]
			if x == nil {
				err = th.unboundLocal(fr, ins.arg())
				break
			}
			if !th.increfLocal(x) {
				th.increfSlow(x)
			}
			stack[sp] = x
			sp++
			continue
		case bytecode.StoreFast:
			sp--
			x := stack[sp]
			stack[sp] = nil
			old := fr.locals[ins.arg()]
			fr.locals[ins.arg()] = x
			if old != nil && !th.decrefLocal(old) {
				th.decrefSlow(old)
			}
			continue
		case bytecode.LoadGlobal:
			var x Object
			if x, err = th.loadGlobal(fr.globals, fr.code.names[ins.arg()]); err == nil {
				stack[sp] = x
				sp++
				continue
			}
		case bytecode.LoadAttr:
			sp--
			o := stack[sp]
			stack[sp] = nil
			var x Object
			x, err = th.loadAttr(fr.code, ins, o)
			if !th.decrefLocal(o) {
				th.decrefSlow(o)
			}
			if err == nil {
				stack[sp] = x
				sp++
				continue
			}
		case bytecode.StoreAttr:
			o, x := stack[sp-1], stack[sp-2]
			stack[sp-1], stack[sp-2] = nil, nil
			sp -= 2
			err = th.storeAttr(fr.code, ins, o, x)
			if !th.decrefLocal(o) {
				th.decrefSlow(o)
			}
			if !th.decrefLocal(x) {
				th.decrefSlow(x)
			}
		case bytecode.LoadMethod:
			sp--
			o := stack[sp]
			stack[sp] = nil
			var fn, self Object
			fn, self, err = th.loadMethod(fr.code, ins, o)
			if !th.decrefLocal(o) {
				th.decrefSlow(o)
			}
			if err == nil {
				stack[sp], stack[sp+1] = fn, self
				sp += 2
				continue
			}
		case bytecode.Call, bytecode.CallMethod:
			n := int(ins.arg())
			base := sp - n - 1 // the callable
			args := stack[sp-n : sp]
			if ins.op() == bytecode.CallMethod {
				base--
				if stack[base+1] != nil {
					args = stack[base+1 : sp] // self first
				}
			}
			var r Object
			if ins.flags()&callKw != 0 {
				// KW_NAMES, just before (the call is reached from it
				// only: Validate), names the keyword arguments.
				kwnames := fr.code.consts[insns[pc-2].arg()].(*Tuple)
				r, err = th.callKw(stack[base], args, kwnames)
			} else if f, ok := stack[base].(*Function); ok {
				r, err = th.callPython(f, args, nil, nil)
			} else {
				r, err = th.Call(stack[base], args, nil)
			}
			for sp > base {
				sp--
				x := stack[sp]
				stack[sp] = nil
				if x != nil && !th.decrefLocal(x) {
					th.decrefSlow(x)
				}
			}
			if err == nil {
				stack[sp] = r
				sp++
				continue
			}
		case bytecode.KwNames:
			continue // the call after it reads it (callKw)
		case bytecode.BinaryOp:
			a, b := stack[sp-2], stack[sp-1]
			stack[sp-2], stack[sp-1] = nil, nil
			sp -= 2
			// binaryFast in line, binarySlow only where it declines; the
			// operands were popped, so it may reuse a temporary.
			op := bytecode.BinOp(ins.arg())
			r := th.binaryFast(BinOp(op.Base()), a, b, true)
			if r == nil {
				r, err = th.binarySlow(op, a, b)
			}
			if !th.decrefLocal(a) {
				th.decrefSlow(a)
			}
			if !th.decrefLocal(b) {
				th.decrefSlow(b)
			}
			if err == nil {
				stack[sp] = r
				sp++
				continue
			}
		case bytecode.CompareOp:
			a, b := stack[sp-2], stack[sp-1]
			stack[sp-2], stack[sp-1] = nil, nil
			sp -= 2
			var r Object
			r, err = th.compareOp(CompareOp(ins.arg()), a, b)
			if !th.decrefLocal(a) {
				th.decrefSlow(a)
			}
			if !th.decrefLocal(b) {
				th.decrefSlow(b)
			}
			if err == nil {
				stack[sp] = r
				sp++
				continue
			}
		case bytecode.IsOp:
			a, b := stack[sp-2], stack[sp-1]
			stack[sp-1] = nil
			stack[sp-2] = th.rt.Bool((a == b) != (ins.arg() == 1))
			sp--
			if !th.decrefLocal(a) {
				th.decrefSlow(a)
			}
			if !th.decrefLocal(b) {
				th.decrefSlow(b)
			}
			continue
		case bytecode.ContainsOp:
			a, b := stack[sp-2], stack[sp-1]
			stack[sp-2], stack[sp-1] = nil, nil
			sp -= 2
			var r Object
			r, err = th.containsOp(a, b, ins.arg() == 1)
			if !th.decrefLocal(a) {
				th.decrefSlow(a)
			}
			if !th.decrefLocal(b) {
				th.decrefSlow(b)
			}
			if err == nil {
				stack[sp] = r
				sp++
				continue
			}
		case bytecode.BinarySubscr:
			c, key := stack[sp-2], stack[sp-1]
			stack[sp-2], stack[sp-1] = nil, nil
			sp -= 2
			var r Object
			r, err = th.GetItem(c, key)
			if !th.decrefLocal(key) {
				th.decrefSlow(key)
			}
			if !th.decrefLocal(c) {
				th.decrefSlow(c)
			}
			if err == nil {
				stack[sp] = r
				sp++
				continue
			}
		case bytecode.StoreSubscr:
			x, c, key := stack[sp-3], stack[sp-2], stack[sp-1]
			stack[sp-1], stack[sp-2], stack[sp-3] = nil, nil, nil
			sp -= 3
			err = th.SetItem(c, key, x)
			if !th.decrefLocal(key) {
				th.decrefSlow(key)
			}
			if !th.decrefLocal(c) {
				th.decrefSlow(c)
			}
			if !th.decrefLocal(x) {
				th.decrefSlow(x)
			}
		case bytecode.ListAppend:
			sp--
			x := stack[sp]
			stack[sp] = nil
			if l, ok := stack[sp-int(ins.arg())].(*List); ok {
				err = th.ListAppend(l, x)
			} else {
				err = th.Raise(th.rt.types.exc.SystemError, "LIST_APPEND to a non-list")
			}
			if !th.decrefLocal(x) {
				th.decrefSlow(x)
			}
		case bytecode.GetIter:
			sp--
			o := stack[sp]
			stack[sp] = nil
			var it Object
			it, err = th.Iter(o)
			if !th.decrefLocal(o) {
				th.decrefSlow(o)
			}
			if err == nil {
				stack[sp] = it
				sp++
				continue
			}
		case bytecode.ForIter:
			// The jump is taken from ins before the call: an insn field
			// used after a call is one Go keeps in memory, stored there
			// at every instruction; target is stored only here.
			target := int(ins.arg())
			var x Object
			var ok bool
			switch it := stack[sp-1].(type) {
			case *rangeIter: // Next's own test, an interface's, costs more than these
				x, ok, err = it.next(th)
			case *seqIter:
				x, ok, err = it.next(th)
			default:
				x, ok, err = th.Next(it)
			}
			switch {
			case err != nil:
			case ok:
				stack[sp] = x
				sp++
				continue
			default:
				sp--
				it := stack[sp]
				stack[sp] = nil
				if !th.decrefLocal(it) {
					th.decrefSlow(it)
				}
				pc = target // exhausted: past the loop
				continue
			}
		case bytecode.JumpForward, bytecode.JumpBackward:
			pc = int(ins.arg())
			continue
		case bytecode.PopJumpIfFalse, bytecode.PopJumpIfTrue:
			sp--
			x := stack[sp]
			stack[sp] = nil
			if bv, ok := x.(*Bool); ok { // immortal: nothing to drop
				if bv.v == (ins.op() == bytecode.PopJumpIfTrue) {
					pc = int(ins.arg())
				}
				continue
			}
			target, ifTrue := int(ins.arg()), ins.op() == bytecode.PopJumpIfTrue // see FOR_ITER
			var t bool
			t, err = th.Truth(x)
			if !th.decrefLocal(x) {
				th.decrefSlow(x)
			}
			if err != nil {
				break
			}
			if t == ifTrue {
				pc = target
			}
			continue
		case bytecode.PopJumpIfNone, bytecode.PopJumpIfNotNone:
			sp--
			x := stack[sp]
			stack[sp] = nil
			if (x == th.rt.None) == (ins.op() == bytecode.PopJumpIfNone) {
				pc = int(ins.arg())
			}
			if !th.decrefLocal(x) {
				th.decrefSlow(x)
			}
			continue
		case bytecode.ReturnValue:
			sp--
			x := stack[sp]
			stack[sp] = nil
			fr.sp = sp
			return x, nil
		case bytecode.ReturnConst:
			x := fr.code.consts[ins.arg()]
			if !th.increfLocal(x) {
				th.increfSlow(x)
			}
			fr.sp = sp
			return x, nil
		case bytecode.LoadDeref:
			i := int(ins.arg())
			x := fr.cells[i].get(th)
			if x == nil {
				err = th.derefError(fr, i)
				break
			}
			stack[sp] = x
			sp++
			continue
		case bytecode.StoreDeref:
			sp--
			x := stack[sp]
			stack[sp] = nil
			fr.cells[ins.arg()].set(th, x)
			continue
		case bytecode.YieldValue:
			sp--
			x := stack[sp]
			stack[sp] = nil
			fr.pc, fr.sp, fr.yielded = pc, sp, true
			return x, nil
		case bytecode.YieldFrom:
			sent := stack[sp-1]
			stack[sp-1] = nil
			sp--
			var r Object
			var done bool
			r, done, err = th.yieldFromSend(stack[sp-1], sent)
			if !th.decrefLocal(sent) {
				th.decrefSlow(sent)
			}
			if err != nil {
				break
			}
			if done {
				it := stack[sp-1]
				stack[sp-1] = r
				if !th.decrefLocal(it) {
					th.decrefSlow(it)
				}
				continue
			}
			// Suspended in the delegation: resuming runs YIELD_FROM again
			// with the value sent.
			fr.pc, fr.sp, fr.yielded, fr.inYieldFrom = pc-1, sp, true, true
			return r, nil
		default:
			sp, err = th.runCold(fr, ins, sp)
			if err == nil {
				continue
			}
		}

		if err == nil {
			continue
		}

	failed:
		e := th.asException(err)
		err = nil
		var ok bool
		if pc, sp, ok = th.unwind(fr, e, pc, sp); !ok {
			return nil, e
		}
	}
}

// compareOp is COMPARE_OP: compareFast, or Compare where it declines
// (one call: nothing of the instruction is live after it).
func (th *Thread) compareOp(op CompareOp, a, b Object) (Object, error) {
	if r, ok := th.compareFast(op, a, b); ok {
		return r, nil
	}
	return th.Compare(a, b, op)
}

// containsOp is CONTAINS_OP: a in b, or not (one call, as compareOp).
func (th *Thread) containsOp(a, b Object, not bool) (Object, error) {
	in, err := th.Contains(b, a)
	if err != nil {
		return nil, err
	}
	return th.rt.Bool(in != not), nil
}

// stop is the stop before instruction pc of fr, with the stack sp deep:
// its safe point, or a Sequencer's switch point (flags, the insn's,
// say which).
func (th *Thread) stop(fr *frame, flags uint8, pc, sp int) error {
	fr.pc, fr.stopSP = pc, sp // where the thread is, for diagnostics, at each stop
	if flags&stopSafe == 0 {
		th.switchPoint()
		return nil
	}
	if err := th.SafePoint(); err != nil {
		return err
	}
	if th.pendingClose != nil {
		th.runPendingCloses()
	}
	return nil
}

// binarySlow is BINARY_OP where binaryFast declined: the general path.
func (th *Thread) binarySlow(op bytecode.BinOp, a, b Object) (Object, error) {
	if op.InPlace() {
		return th.InPlaceOp(BinOp(op.Base()), a, b)
	}
	return th.BinaryOp(BinOp(op), a, b)
}

// unboundLocal raises UnboundLocalError for fr's local i.
func (th *Thread) unboundLocal(fr *frame, i int32) error {
	return th.Raisef(th.rt.types.exc.UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", fr.code.bc.Locals[i])
}

// runCold runs the instructions run leaves out: those the programs of
// docs/performance.md run seldom or never in their loops (deletions,
// module and class bodies, building containers and strings, unpacking,
// imports, exception handlers, with). It returns the new stack depth and
// what the instruction raised; none of them jumps or returns.
func (th *Thread) runCold(fr *frame, ins insn, sp int) (int, error) {
	rt := th.rt
	bc := fr.code.bc
	names := fr.code.names
	locals, stack, cells := fr.locals, fr.stack, fr.cells
	push := func(o Object) { stack[sp] = o; sp++ }
	pop := func() Object { sp--; o := stack[sp]; stack[sp] = nil; return o }
	var err error
	switch ins.op() {
	case bytecode.DeleteFast:
		old := locals[ins.arg()]
		if old == nil {
			err = th.Raisef(rt.types.exc.UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", bc.Locals[ins.arg()])
			break
		}
		locals[ins.arg()] = nil
		th.Decref(old)
	case bytecode.LoadName:
		if fr.ns != nil {
			if x := th.dictGetStr(fr.ns, names[ins.arg()].s); x != nil {
				push(x)
				break
			}
		}
		var x Object
		if x, err = th.loadGlobal(fr.globals, names[ins.arg()]); err == nil {
			push(x)
		}
	case bytecode.StoreGlobal, bytecode.StoreName:
		x := pop()
		d := fr.globals
		if fr.ns != nil && ins.op() == bytecode.StoreName {
			d = fr.ns
		}
		err = th.DictSet(d, names[ins.arg()], x)
		th.Decref(x)
	case bytecode.DeleteGlobal, bytecode.DeleteName:
		d := fr.globals
		if fr.ns != nil && ins.op() == bytecode.DeleteName {
			d = fr.ns
		}
		if !th.dictDelStr(d, names[ins.arg()].s) {
			err = th.nameError(names[ins.arg()])
		}
	case bytecode.DeleteAttr:
		o := pop()
		err = th.DelAttr(o, names[ins.arg()].s)
		th.Decref(o)
	case bytecode.CallEx:
		var kw Object
		if ins.arg()&1 != 0 {
			kw = pop()
		}
		args, fn := pop(), pop()
		var r Object
		r, err = th.callEx(fn, args, kw)
		th.Decref(fn)
		th.Decref(args)
		th.XDecref(kw)
		if err == nil {
			push(r)
		}
	case bytecode.UnaryNegative, bytecode.UnaryPositive, bytecode.UnaryInvert:
		a := pop()
		op := OpNeg
		switch ins.op() {
		case bytecode.UnaryPositive:
			op = OpPos
		case bytecode.UnaryInvert:
			op = OpInvert
		}
		var r Object
		r, err = th.UnaryOp(op, a)
		th.Decref(a)
		if err == nil {
			push(r)
		}
	case bytecode.UnaryNot:
		a := pop()
		var t bool
		t, err = th.Truth(a)
		th.Decref(a)
		if err == nil {
			push(rt.Bool(!t))
		}
	case bytecode.DeleteSubscr:
		key, c := pop(), pop()
		err = th.DelItem(c, key)
		th.Decref(key)
		th.Decref(c)
	case bytecode.BinarySlice:
		end, start, c := pop(), pop(), pop()
		var r Object
		r, err = th.binarySlice(c, start, end)
		th.Decref(end)
		th.Decref(start)
		th.Decref(c)
		if err == nil {
			push(r)
		}
	case bytecode.StoreSlice:
		end, start, c, x := pop(), pop(), pop(), pop()
		err = th.storeSlice(c, start, end, x)
		th.Decref(end)
		th.Decref(start)
		th.Decref(c)
		th.Decref(x)
	case bytecode.BuildTuple, bytecode.BuildList:
		n := int(ins.arg())
		items := make([]Object, n)
		copy(items, stack[sp-n:sp])
		for i := sp - n; i < sp; i++ {
			stack[i] = nil
		}
		sp -= n
		if ins.op() == bytecode.BuildTuple {
			push(th.NewTuple(items))
		} else {
			push(th.NewList(items))
		}
	case bytecode.BuildSet:
		n := int(ins.arg())
		s := th.NewSet()
		for _, x := range stack[sp-n : sp] {
			if err == nil {
				err = th.SetAdd(s, x)
			}
		}
		for i := 0; i < n; i++ {
			th.Decref(pop())
		}
		if err != nil {
			th.Decref(s)
			break
		}
		push(s)
	case bytecode.BuildMap:
		n := int(ins.arg())
		d := th.NewDict()
		for i := sp - 2*n; i < sp && err == nil; i += 2 {
			err = th.DictSet(d, stack[i], stack[i+1])
		}
		for i := 0; i < 2*n; i++ {
			th.Decref(pop())
		}
		if err != nil {
			th.Decref(d)
			break
		}
		push(d)
	case bytecode.UnpackSequence:
		seq := pop()
		var items []Object
		items, err = th.collect(seq)
		if err != nil && IsInstance(err, rt.types.exc.TypeError) && !th.iterable(seq) {
			th.Discard(err)
			err = th.Raisef(rt.types.exc.TypeError, "cannot unpack non-iterable %s object", seq.Type().name)
		}
		th.Decref(seq)
		if err != nil {
			break
		}
		n := int(ins.arg())
		if len(items) != n {
			th.decrefAll(items)
			if len(items) < n {
				err = th.Raisef(rt.types.exc.ValueError, "not enough values to unpack (expected %d, got %d)", n, len(items))
			} else {
				err = th.Raisef(rt.types.exc.ValueError, "too many values to unpack (expected %d)", n)
			}
			break
		}
		for i := n - 1; i >= 0; i-- {
			push(items[i])
		}
	case bytecode.MakeFunction:
		var f *Function
		f, err = th.makeFunction(fr, ins.arg(), stack[:sp])
		for n := 1 + int(ins.arg()&1+ins.arg()>>1&1+ins.arg()>>2&1); n > 0; n-- {
			th.Decref(pop())
		}
		if err == nil {
			push(f)
		}
	case bytecode.BuildClass:
		ns, bases, name := pop(), pop(), pop()
		var cls Object
		cls, err = th.buildClass(fr.globals, name, bases, ns, nil)
		th.Decref(ns)
		th.Decref(bases)
		th.Decref(name)
		if err == nil {
			push(cls)
		}
	case bytecode.RaiseVarargs:
		err = th.raiseFromStack(int(ins.arg()), pop)
	case bytecode.SetupExcept:
		fr.blocks = append(fr.blocks, block{handler: int(ins.arg()), depth: sp, handling: len(th.handling) - fr.handlingBase})
	case bytecode.PopBlock:
		fr.blocks = fr.blocks[:len(fr.blocks)-1]
	case bytecode.CheckExcMatch:
		typ := pop()
		var match bool
		match, err = th.exceptionMatches(stack[sp-1], typ)
		th.Decref(typ)
		if err == nil {
			push(rt.Bool(match))
		}
	case bytecode.PopExcept:
		if len(th.handling) <= fr.handlingBase {
			err = th.Raise(rt.types.exc.SystemError, "POP_EXCEPT with no exception being handled")
			break
		}
		th.popHandling(len(th.handling) - 1)
	case bytecode.Reraise:
		x := pop()
		e, ok := x.(*Exception)
		if !ok {
			th.Decref(x)
			err = th.Raise(rt.types.exc.SystemError, "RERAISE of a non-exception")
			break
		}
		err = e
	case bytecode.ImportName:
		var m Object
		if m, err = th.Import(names[ins.arg()].s); err == nil {
			push(m)
		}
	case bytecode.ImportFrom:
		var x Object
		x, err = th.GetAttr(stack[sp-1], names[ins.arg()].s)
		if err != nil && IsInstance(err, rt.types.exc.AttributeError) {
			th.Discard(err)
			mname := "?"
			if m, ok := stack[sp-1].(*Module); ok {
				mname = m.name
			}
			e := th.NewException(rt.types.exc.ImportError, fmt.Sprintf("cannot import name '%s' from '%s' (unknown location)", names[ins.arg()].s, mname))
			if m, ok := stack[sp-1].(*Module); ok {
				mn := th.NewStr(m.name)
				th.setExcAttr(e, "name", mn)
				th.Decref(mn)
			}
			th.setExcAttr(e, "name_from", names[ins.arg()])
			th.setExcAttr(e, "msg", e.args.items[0])
			err = e
		}
		if err == nil {
			push(x)
		}
	case bytecode.DeleteDeref:
		if !cells[ins.arg()].set(th, nil) {
			err = th.derefError(fr, int(ins.arg()))
		}
	case bytecode.MakeCell:
		old := cells[ins.arg()]
		cells[ins.arg()] = th.newCell(nil)
		th.Decref(old)
	case bytecode.LoadClosure:
		c := cells[ins.arg()]
		th.Incref(c)
		push(c)
	case bytecode.LoadClassDeref:
		if fr.ns != nil {
			if x := th.dictGetStr(fr.ns, fr.code.cellNames[ins.arg()]); x != nil {
				push(x)
				break
			}
		}
		x := cells[ins.arg()].get(th)
		if x == nil {
			err = th.derefError(fr, int(ins.arg()))
			break
		}
		push(x)
	case bytecode.LoadBuildClass:
		x := th.dictGetStr(rt.builtins.dict, "__build_class__")
		if x == nil {
			err = th.Raise(rt.types.exc.NameError, "__build_class__ not found")
			break
		}
		push(x)
	case bytecode.LoadAssertionError:
		push(th.newRef(rt.types.exc.AssertionError))
	case bytecode.BuildSlice:
		var step Object
		if ins.arg() == 3 {
			step = pop()
		}
		stop, start := pop(), pop()
		push(th.newSlice(start, stop, step))
		th.Decref(start)
		th.Decref(stop)
		th.XDecref(step)
	case bytecode.BuildString:
		n := int(ins.arg())
		var r Object
		r, err = th.buildString(stack[sp-n : sp])
		for ; n > 0; n-- {
			th.Decref(pop())
		}
		if err == nil {
			push(r)
		}
	case bytecode.FormatValue:
		var spec Object
		if ins.arg()&bytecode.FormatWithSpec != 0 {
			spec = pop()
		}
		x := pop()
		var r Object
		r, err = th.formatValue(x, int(ins.arg()&bytecode.FormatConvMask), spec)
		th.Decref(x)
		th.XDecref(spec)
		if err == nil {
			push(r)
		}
	case bytecode.ListExtend, bytecode.SetAdd, bytecode.SetUpdate, bytecode.DictUpdate, bytecode.DictMerge:
		x := pop()
		err = th.accumulate(ins.op(), stack[:sp], int(ins.arg()), x)
		th.Decref(x)
	case bytecode.MapAdd:
		v, k := pop(), pop()
		if d, ok := stack[sp-int(ins.arg())].(*Dict); ok {
			err = th.DictSet(d, k, v)
		} else {
			err = th.Raise(rt.types.exc.SystemError, "MAP_ADD to a non-dict")
		}
		th.Decref(k)
		th.Decref(v)
	case bytecode.ListToTuple:
		x := pop()
		if l, ok := x.(*List); ok {
			push(th.NewTuple(th.listSnapshot(l)))
		} else {
			err = th.Raise(rt.types.exc.SystemError, "LIST_TO_TUPLE of a non-list")
		}
		th.Decref(x)
	case bytecode.UnpackEx:
		seq := pop()
		var items []Object
		items, err = th.unpackEx(seq, int(ins.arg()&0xff), int(ins.arg()>>8))
		th.Decref(seq)
		for _, x := range items {
			push(x)
		}
	case bytecode.GetYieldFromIter:
		o := pop()
		var it Object
		it, err = th.getYieldFromIter(o)
		th.Decref(o)
		if err == nil {
			push(it)
		}
	case bytecode.BeforeWith:
		mgr := pop()
		var exit, entered Object
		exit, entered, err = th.beforeWith(mgr)
		th.Decref(mgr)
		if err == nil {
			push(exit)
			push(entered)
		}
	case bytecode.WithExceptStart:
		var r Object
		r, err = th.withExceptStart(stack[sp-2], stack[sp-1])
		if err == nil {
			push(r)
		}
	case bytecode.ImportStar:
		m := pop()
		d := fr.globals
		if fr.ns != nil {
			d = fr.ns
		}
		err = th.importStar(m, d)
		th.Decref(m)
	default:
		err = th.Raisef(rt.types.exc.SystemError, "unknown opcode %v", ins.op())
	}
	return sp, err
}

// unwind handles exception e raised by the instruction before pc, with
// the stack sp deep: it records this frame in e's traceback, then jumps
// to the innermost handler (ok), or leaves the frame with e (not ok).
func (th *Thread) unwind(fr *frame, e *Exception, pc, sp int) (newPC, newSP int, ok bool) {
	bc := fr.code.bc
	if e.tbFrame != fr.serial {
		e.tbFrame = fr.serial
		at := max(pc-1, 0)
		var pos bytecode.Position
		if len(bc.Positions) > at {
			pos = bc.Positions[at]
		}
		if len(e.traceback) == 0 {
			th.recordNameErrorFrame(e, fr)
		}
		e.addTraceback(TraceEntry{File: bc.Filename, Line: int(bc.Instrs[at].Line), Func: bc.Name}, pos)
	}
	if n := len(th.handling); n > 0 && e.context == nil && th.handling[n-1] != e {
		th.setContext(e, th.handling[n-1])
	}
	if len(fr.blocks) == 0 {
		return pc, sp, false
	}
	b := fr.blocks[len(fr.blocks)-1]
	fr.blocks = fr.blocks[:len(fr.blocks)-1]
	for sp > b.depth {
		sp--
		th.XDecref(fr.stack[sp])
		fr.stack[sp] = nil
	}
	th.popHandling(fr.handlingBase + b.handling)
	th.Incref(e)
	th.handling = append(th.handling, e)
	fr.stack[sp] = e
	return b.handler, sp + 1, true
}

// setContext records that e was raised while c was being handled. If c's
// chain of contexts leads back to e, the chain is cut there first, as
// CPython does: a cycle would never be freed and would print forever.
func (th *Thread) setContext(e, c *Exception) {
	for o := c; o != nil; o = o.context {
		if o.context == e {
			o.context = nil
			th.Decref(e)
			break
		}
	}
	e.context = c
	th.Incref(c)
}

// popHandling drops the exceptions being handled down to n.
func (th *Thread) popHandling(n int) {
	for len(th.handling) > n {
		e := th.handling[len(th.handling)-1]
		th.handling = th.handling[:len(th.handling)-1]
		th.Decref(e)
	}
}

// moduleNotFound raises ModuleNotFoundError(msg) with its msg and name
// attributes set (name: the module's), as CPython's import does.
func (th *Thread) moduleNotFound(name, msg string) error {
	e := th.NewException(th.rt.types.exc.ModuleNotFoundError, msg)
	n := th.NewStr(name)
	th.setExcAttr(e, "name", n)
	th.Decref(n)
	th.setExcAttr(e, "msg", e.args.items[0])
	return e
}

// nameError raises CPython's NameError for name, with its name attribute
// set (for the traceback's suggestions).
func (th *Thread) nameError(name *Str) error {
	e := th.NewException(th.rt.types.exc.NameError, "name '"+name.s+"' is not defined")
	th.setExcAttr(e, "name", name)
	return e
}

// callKw calls fn with args, the last len(kwnames) of which are keyword
// arguments named by kwnames (nil: none).
func (th *Thread) callKw(fn Object, args []Object, kwnames *Tuple) (Object, error) {
	nkw := 0
	if kwnames != nil {
		nkw = len(kwnames.items)
	}
	pos, kwvalues := args[:len(args)-nkw], args[len(args)-nkw:]
	if f, ok := fn.(*Function); ok {
		var names []string
		if nkw > 0 {
			names = make([]string, nkw)
			for i, n := range kwnames.items {
				names[i] = n.(*Str).s
			}
		}
		return th.callPython(f, pos, names, kwvalues)
	}
	var kw map[string]Object
	if nkw == 0 {
		return th.Call(fn, pos, nil)
	}
	kw = make(map[string]Object, nkw)
	order := make([]string, nkw)
	for i, n := range kwnames.items {
		order[i] = n.(*Str).s
		kw[order[i]] = kwvalues[i]
	}
	// A Go callee gets a map; the order of the call is kept on the thread
	// for the few that need it (dict(**kw) inserts in that order).
	th.kwOrder = order
	r, err := th.Call(fn, pos, kw)
	th.kwOrder = nil
	return r, err
}

// keywordNames returns kw's names in the order the call gave them, when
// the call came from bytecode; otherwise (a map built in Go has no order)
// sorted, so that results never depend on map iteration. A Go function
// that cares must call it first thing.
func (th *Thread) keywordNames(kw map[string]Object) []string {
	if order := th.kwOrder; len(order) == len(kw) {
		ok := true
		for _, n := range order {
			_, in := kw[n]
			ok = ok && in
		}
		if ok {
			return order
		}
	}
	names := make([]string, 0, len(kw))
	for n := range kw {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// callEx is fn(*args, **kwargs); keywords keep the dict's order.
func (th *Thread) callEx(fn, args, kwargs Object) (Object, error) {
	if !th.iterable(args) {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "%s argument after * must be an iterable, not %s", th.functionStr(fn), args.Type().name)
	}
	items, err := th.collect(args)
	if err != nil {
		return nil, err
	}
	defer th.decrefAll(items)
	if kwargs == nil {
		return th.Call(fn, items, nil)
	}
	d, ok := kwargs.(*Dict)
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "%s argument after ** must be a mapping, not %s", th.functionStr(fn), kwargs.Type().name)
	}
	keys, values := th.dictItems(d)
	defer th.decrefAll(keys)
	defer th.decrefAll(values)
	names := make([]string, len(keys))
	for i, k := range keys {
		s, ok := k.(*Str)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "keywords must be strings")
		}
		names[i] = s.s
	}
	if f, ok := fn.(*Function); ok {
		return th.callPython(f, items, names, values)
	}
	kw := make(map[string]Object, len(names))
	for i, n := range names {
		kw[n] = values[i]
	}
	th.kwOrder = names
	r, err := th.Call(fn, items, kw)
	th.kwOrder = nil
	return r, err
}

// buildClass is BUILD_CLASS: name, bases (a tuple of classes, a class,
// or None) and the namespace dict (borrowed); kw are the class keywords
// for __init_subclass__. NewClass computes the C3 method resolution order
// of several bases, and refuses an inconsistent one as CPython does.
func (th *Thread) buildClass(globals *Dict, name, bases, ns Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	n, ok := name.(*Str)
	if !ok {
		return nil, th.Raise(exc.TypeError, "BUILD_CLASS: the class name must be a str")
	}
	d, ok := ns.(*Dict)
	if !ok {
		return nil, th.Raise(exc.TypeError, "BUILD_CLASS: the namespace must be a dict")
	}
	var bs []*Type
	switch b := bases.(type) {
	case *Tuple:
		replaced := false
		for _, item := range b.items {
			if t, ok := item.(*Type); ok {
				bs = append(bs, t)
				continue
			}
			// A base that is not a class may name the classes it stands
			// for (PEP 560): list[int] stands for list.
			entries, found, err := th.callDunder(item, "__mro_entries__", b)
			if err != nil {
				return nil, err
			}
			et, isTuple := entries.(*Tuple)
			if !found || !isTuple {
				th.XDecref(entries)
				if found {
					return nil, th.Raise(exc.TypeError, "__mro_entries__ must return a tuple")
				}
				return nil, th.Raisef(exc.TypeError, "bases must be classes, not %s", item.Type().name)
			}
			for _, e := range et.items {
				t, ok := e.(*Type)
				if !ok {
					th.Decref(entries)
					return nil, th.Raisef(exc.TypeError, "bases must be classes, not %s", e.Type().name)
				}
				bs = append(bs, t)
			}
			th.Decref(entries)
			replaced = true
		}
		if replaced {
			if err := th.DictSetStr(d, "__orig_bases__", b); err != nil {
				return nil, err
			}
		}
	case *Type:
		bs = []*Type{b}
	default:
		if bases != th.rt.None {
			return nil, th.Raise(exc.TypeError, "BUILD_CLASS: bases must be a tuple")
		}
	}
	module := "__main__"
	if m := th.dictGetStr(globals, "__name__"); m != nil {
		if s, ok := m.(*Str); ok {
			module = s.s
		}
		th.Decref(m)
	}
	return th.newClass(n.s, bs, d, module, kw)
}

// raiseFromStack is RAISE_VARARGS n.
func (th *Thread) raiseFromStack(n int, pop func() Object) error {
	exc := &th.rt.types.exc
	var cause Object
	if n == 2 {
		cause = pop()
		defer th.Decref(cause)
	}
	if n == 0 {
		if len(th.handling) == 0 {
			return th.Raise(exc.RuntimeError, "No active exception to reraise")
		}
		e := th.handling[len(th.handling)-1]
		th.Incref(e)
		return e
	}
	x := pop()
	e, err := th.makeRaisable(x)
	th.Decref(x)
	if err != nil {
		return err
	}
	// A raise statement adds this frame to the traceback even when the
	// exception already passed through it (only a bare re-raise doesn't).
	e.tbFrame = 0
	if cause != nil {
		var c *Exception
		if cause != th.rt.None {
			if c, err = th.makeRaisable(cause); err != nil {
				th.Decref(e)
				if IsInstance(err, th.rt.types.exc.TypeError) {
					th.Discard(err)
					return th.Raise(th.rt.types.exc.TypeError, "exception causes must derive from BaseException")
				}
				return err
			}
		}
		if e.cause != nil {
			th.Decref(e.cause)
		}
		e.cause, e.suppressContext = c, true
	}
	return e
}

// makeRaisable turns what a raise statement names (an exception, or an
// exception class to instantiate) into a new reference to an exception.
func (th *Thread) makeRaisable(x Object) (*Exception, error) {
	switch v := x.(type) {
	case *Exception:
		th.Incref(v)
		return v, nil
	case *Type:
		if v.exception {
			o, err := th.instantiate(v, nil, nil)
			if err != nil {
				return nil, th.asException(err)
			}
			if e, ok := o.(*Exception); ok {
				return e, nil
			}
			th.Decref(o)
		}
	}
	return nil, th.Raise(th.rt.types.exc.TypeError, "exceptions must derive from BaseException")
}

// exceptionMatches is CHECK_EXC_MATCH: whether exc is an instance of typ,
// a class or a tuple of classes.
func (th *Thread) exceptionMatches(exc, typ Object) (bool, error) {
	switch t := typ.(type) {
	case *Type:
		if !t.exception {
			return false, th.Raise(th.rt.types.exc.TypeError, "catching classes that do not inherit from BaseException is not allowed")
		}
		return exc.Type().IsSubtype(t), nil
	case *Tuple:
		for _, it := range t.items {
			m, err := th.exceptionMatches(exc, it)
			if err != nil || m {
				return m, err
			}
		}
		return false, nil
	}
	return false, th.Raise(th.rt.types.exc.TypeError, "catching classes that do not inherit from BaseException is not allowed")
}

// Import is `import name`: a new reference to the module, made by its
// loader on first import.
func (th *Thread) Import(name string) (Object, error) {
	rt := th.rt
	if name == "builtins" {
		return th.newRef(rt.builtins), nil
	}
	rt.modMu.Lock()
	if m, ok := rt.modules[name]; ok {
		rt.modMu.Unlock()
		return th.newRef(m), nil
	}
	load, ok := rt.loaders[name]
	rt.modMu.Unlock()
	if !ok {
		if strings.HasPrefix(name, ".") {
			// rwgil has no packages, so no module has a parent package.
			return nil, th.Raise(rt.types.exc.ImportError, "attempted relative import with no known parent package")
		}
		if parent, _, dotted := strings.Cut(name, "."); dotted {
			rt.modMu.Lock()
			_, loaded := rt.modules[parent]
			_, loadable := rt.loaders[parent]
			rt.modMu.Unlock()
			if loaded || loadable {
				return nil, th.moduleNotFound(name, fmt.Sprintf("No module named '%s'; '%s' is not a package", name, parent))
			}
			name = parent // CPython imports the parent first, and fails there
		}
		return nil, th.moduleNotFound(name, fmt.Sprintf("No module named '%s'", name))
	}
	m, err := th.loadModule(name, load)
	if err != nil {
		return nil, err
	}
	rt.modMu.Lock()
	defer rt.modMu.Unlock()
	if prev, ok := rt.modules[name]; ok {
		// Another thread imported it meanwhile: keep the first.
		th.Decref(m)
		return th.newRef(prev), nil
	}
	rt.modules[name] = m
	return th.newRef(m), nil
}

// loadModule calls a module's loader: the boundary between the importer
// and native code. A loader that panics raises RuntimeError and leaves the
// thread as it found it; one that returns neither a module nor an error
// raises SystemError, as CPython does for an init function that returns
// NULL without an exception.
func (th *Thread) loadModule(name string, load ModuleLoader) (m *Module, err error) {
	depth, sections, calls := th.eml.Depth(), len(th.cs), th.depth
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if isAbort(p) {
			panic(p) // the Sequencer gave the run up: unwind
		}
		th.depth = calls // Python calls the panic unwound do not decrement it
		th.restoreAfterPanic(sections)
		for th.eml.Depth() > depth && th.eml.Demote() == nil {
		}
		m, err = nil, th.Raisef(th.rt.types.exc.RuntimeError, "the loader of module '%s' panicked: %v", name, p)
	}()
	m, err = load(th, name)
	switch {
	case err != nil:
		if m != nil {
			th.Decref(m)
		}
		return nil, err
	case m == nil:
		return nil, th.Raisef(th.rt.types.exc.SystemError, "initialization of %s failed without raising an exception", name)
	}
	return m, nil
}
