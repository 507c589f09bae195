package core

import (
	"fmt"
	"math/big"
	"sync"
	"sync/atomic"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/refcount"
)

// Code is a code object of a runtime: a bytecode.Code with its constants
// and names turned into objects (immortal, shared by every thread), made
// once per code object and runtime. LOAD_CONST of a nested function's
// code pushes one of these for MAKE_FUNCTION.
type Code struct {
	Header
	bc     *bytecode.Code
	consts []Object
	names  []*Str
	// insns are bc's instructions as the eval loop reads them (insn).
	insns []insn
	// cellArg has one entry per Code.Cells: the index of the parameter
	// the cell is named like (whose argument it starts with), or -1.
	cellArg []int
	// cellNames are Code.Cells then Code.Free, as cell operands index
	// them.
	cellNames []string
	// attrCache has a slot per attribute instruction (attrSlot;
	// attrcache.go).
	attrCache []atomic.Pointer[attrCacheEntry]
	// exactArity is the number of parameters when all are positional or
	// keyword (no *args, **kwargs or keyword-only ones), else -1: a call
	// with that many positional arguments binds them in order, without
	// bindArgs (CPython's CALL_PY_EXACT_ARGS).
	exactArity int
}

// insn is an instruction as the eval loop reads it, in 8 bytes (a
// bytecode.Instr is 12, with its line): the opcode, its operand, and
// flags decoded once, when the runtime makes the Code, so that fetching
// an instruction and deciding whether to stop before it is one load and
// one test. It is one word rather than a struct: the Go compiler loads
// each field of a struct held in a local separately (and keeps each in a
// register or spill slot of its own), where a word is one load and its
// parts are shifts. The line is read from the bytecode only for a
// traceback.
type insn uint64

// makeInsn packs an instruction: the opcode in the low byte, the flags in
// the next, the operand in the high half.
func makeInsn(op bytecode.Op, flags uint8, arg int32) insn {
	return insn(op) | insn(flags)<<8 | insn(uint32(arg))<<32
}

func (i insn) op() bytecode.Op { return bytecode.Op(i) }
func (i insn) flags() uint8    { return uint8(i >> 8) }
func (i insn) arg() int32      { return int32(i >> 32) }

// The flags of an insn.
const (
	// stopSafe: the instruction is a safe point under the runtime's
	// placement (Config.SafePoints: calls and backward jumps, from
	// bytecode's op table, or every instruction).
	stopSafe uint8 = 1 << iota
	// stopSwitch: a Sequencer's switch point, which is every other
	// instruction boundary under a Sequencer: threads that run in
	// parallel in reality -- shared under eml, free and sticky -- may
	// interleave anywhere between instructions, and the schedule must be
	// able to say so.
	stopSwitch
	// callKw: a CALL or CALL_METHOD right after a KW_NAMES, which names
	// its keyword arguments.
	callKw
	// attrSlot: a LOAD_ATTR, STORE_ATTR or LOAD_METHOD with a slot in
	// Code.attrCache: its operand's low 16 bits are the name's index and
	// the high ones the slot's (Code.attrOperand). A field of its own
	// would cost every instruction a load in the eval loop.
	attrSlot

	stopAny = stopSafe | stopSwitch
)

// Dealloc implements refcount.Object; code objects are immortal.
func (c *Code) Dealloc(*refcount.Owner) {}

// Describe implements refcount.Object.
func (c *Code) Describe() string { return "code object " + c.bc.Name }

// Bytecode returns the runtime's copy of the code object, which it runs;
// it must not be changed.
func (c *Code) Bytecode() *bytecode.Code { return c.bc }

// codeCache maps a runtime's bytecode code objects to its Code objects.
type codeCache struct {
	mu sync.Mutex
	m  map[*bytecode.Code]*Code
}

// codeFor returns the runtime's Code for bc. The first time, it copies bc
// (bytecode.Code.Clone), validates the copy and converts its constants;
// from then on the runtime runs that copy whatever happens to bc. So a
// code object shared by several runtimes is only read, and one changed
// after its first run can neither run unvalidated nor change what runs.
func (rt *Runtime) codeFor(bc *bytecode.Code) (*Code, error) {
	rt.codes.mu.Lock()
	defer rt.codes.mu.Unlock()
	if c, ok := rt.codes.m[bc]; ok {
		return c, nil
	}
	snap := bc.Clone()
	if err := snap.Validate(); err != nil {
		return nil, fmt.Errorf("core: invalid code object: %w", err)
	}
	c := rt.codeForLocked(snap)
	rt.codes.m[bc] = c
	return c, nil
}

func (rt *Runtime) codeForLocked(bc *bytecode.Code) *Code {
	if c, ok := rt.codes.m[bc]; ok {
		return c
	}
	if rt.codes.m == nil {
		rt.codes.m = make(map[*bytecode.Code]*Code)
	}
	c := &Code{bc: bc}
	c.typ = rt.types.code
	rt.rc.InitImmortal(c)
	rt.codes.m[bc] = c
	c.consts = make([]Object, len(bc.Consts))
	for i, k := range bc.Consts {
		c.consts[i] = rt.constObject(k)
	}
	c.names = make([]*Str, len(bc.Names))
	for i, n := range bc.Names {
		c.names[i] = rt.Intern(n)
	}
	c.cellArg = make([]int, len(bc.Cells))
	for i, name := range bc.Cells {
		c.cellArg[i] = -1
		for j, l := range bc.Locals[:bc.NumArgs()] {
			if l == name {
				c.cellArg[i] = j
			}
		}
	}
	c.cellNames = append(append([]string(nil), bc.Cells...), bc.Free...)
	c.exactArity = -1
	if !bc.VarArgs && !bc.VarKeywords && len(bc.KwOnly) == 0 {
		c.exactArity = len(bc.Params)
	}
	every := rt.cfg.SafePoints == SafePointsEvery
	c.insns = make([]insn, len(bc.Instrs))
	slots := 0
	for i, in := range bc.Instrs {
		var f uint8
		switch {
		case every || in.Op.Info().SafePoint:
			f = stopSafe
		case rt.seq != nil:
			f = stopSwitch
		}
		if i > 0 && bc.Instrs[i-1].Op == bytecode.KwNames {
			f |= callKw
		}
		arg := in.Arg
		switch in.Op {
		case bytecode.LoadAttr, bytecode.StoreAttr, bytecode.LoadMethod:
			if slots < maxAttrSlots && arg >= 0 && arg < 1<<16 {
				f |= attrSlot
				arg |= int32(slots) << 16
				slots++
			}
		}
		c.insns[i] = makeInsn(in.Op, f, arg)
	}
	c.attrCache = make([]atomic.Pointer[attrCacheEntry], slots)
	return c
}

// maxAttrSlots bounds a code object's attribute cache slots: the slot
// number fits the high half of an int32 operand.
const maxAttrSlots = 1<<15 - 1

// attrOperand decodes the operand of an attribute instruction: the name,
// and its cache slot (nil: none).
func (c *Code) attrOperand(ins insn) (*Str, *atomic.Pointer[attrCacheEntry]) {
	if ins.flags()&attrSlot != 0 {
		return c.names[ins.arg()&(1<<16-1)], &c.attrCache[ins.arg()>>16]
	}
	return c.names[ins.arg()], nil
}

// constObject makes the immortal object for a constant.
func (rt *Runtime) constObject(k bytecode.Const) Object {
	immortal := func(o Object) Object {
		rt.rc.InitImmortal(o)
		return o
	}
	switch v := k.(type) {
	case nil:
		return rt.None
	case bool:
		return rt.Bool(v)
	case int64:
		if v >= smallIntMin && v <= smallIntMax {
			return rt.smallInts[v-smallIntMin]
		}
		o := &Int{v: v}
		o.typ = rt.types.int_
		return immortal(o)
	case *big.Int:
		o := &Int{big: new(big.Int).Set(v)}
		o.typ = rt.types.int_
		return immortal(o)
	case float64:
		o := &Float{v: v}
		o.typ = rt.types.float
		return immortal(o)
	case string:
		return rt.Intern(v)
	case bytecode.Bytes:
		if len(v) == 0 {
			return rt.emptyBytes
		}
		o := &Bytes{b: []byte(v), charged: int64(len(v))}
		o.typ = rt.types.bytes
		return immortal(o)
	case bytecode.EllipsisType:
		return rt.Ellipsis
	case bytecode.Tuple:
		if len(v) == 0 {
			return rt.emptyTuple
		}
		items := make([]Object, len(v))
		for i, x := range v {
			items[i] = rt.constObject(x)
		}
		t := &Tuple{items: items}
		t.typ = rt.types.tuple
		return immortal(t)
	case *bytecode.Code:
		return rt.codeForLocked(v)
	}
	panic("core: not a constant")
}
