package bytecode

import (
	"encoding/binary"
	"math"
	"math/big"
	"slices"
	"strconv"
)

// Instr is one instruction: an opcode, its operand (see OpInfo.Operand for
// what it indexes or counts; 0 when the opcode takes none) and the source
// line it came from, which tracebacks report.
type Instr struct {
	Op   Op
	Arg  int32
	Line int32
}

// Code is a code object: the compiled body of a module or a function.
// Its tables are canonical: Names and Consts hold each entry once, in the
// order the instructions first use them, and hold nothing unused, so two
// code objects that do the same thing have the same tables. Validate checks
// this. A code object is immutable once built (by Assemble, a Builder, or
// by hand and then SetSizes): Validate only reads it, and a runtime copies
// it at first use.
type Code struct {
	// Name is "<module>" for a module body, else the function's name; dots
	// are allowed ("Point.__init__").
	Name string
	// Filename is the file the code was assembled from.
	Filename string
	// FirstLine is the line of the block's header in that file.
	FirstLine int32
	// QualName is the qualified name a function's repr and __qualname__
	// show ("Point.__init__", "f.<locals>.g"); empty means Name.
	QualName string
	// Doc is a function's docstring, its __doc__; empty means None.
	// (CPython keeps it as the first constant; rwgil's constants are
	// canonical, with nothing unused.)
	Doc string
	// Params are the positional parameter names, in order.
	Params []string
	// PosOnly is how many of the first Params are positional-only (they
	// come before a / in the def and cannot be passed by keyword).
	PosOnly int32
	// VarArgs says that the last parameter collects the extra positional
	// arguments as a tuple (*rest).
	VarArgs bool
	// KwOnly are the keyword-only parameter names, in order: in Locals
	// right after Params.
	KwOnly []string
	// VarKeywords says that the local right after KwOnly collects the
	// extra keyword arguments as a dict (**kwargs).
	VarKeywords bool
	// Locals are the fast locals, indexed by LOAD_FAST and friends: Params
	// first, in the same order, then KwOnly, then the **kwargs parameter
	// if VarKeywords, then the others. Unique.
	Locals []string
	// Cells are the variables of this code that inner functions capture
	// (CPython's co_cellvars), each kept in a cell made when the frame
	// starts; a cell named like a parameter starts with the argument's
	// value. Unique.
	Cells []string
	// Free are the variables this code captures from the functions it is
	// nested in (co_freevars), bound from the function's closure. Cell
	// operands index Cells, then Free. Unique, and disjoint from Cells.
	Free []string
	// Generator says that calling the function returns a generator that
	// runs this code, rather than running it.
	Generator bool
	// Names are the global, attribute, method and import names, in order of
	// first use. Unique.
	Names []string
	// Consts are the constants, in order of first use. Unique by ConstEqual.
	Consts []Const
	// Instrs are the instructions; execution starts at index 0.
	Instrs []Instr
	// Positions, if not empty, holds each instruction's source span,
	// parallel to Instrs, for tracebacks that point into a line. Code
	// compiled from Python has them; assembled code does not.
	Positions []Position
	// StackSize is the maximum operand-stack depth, computed by
	// Assemble, Builder.Build and SetSizes, checked by Validate.
	StackSize int32
	// BlockSize is the maximum nesting of SETUP_EXCEPT handler blocks,
	// computed and checked likewise.
	BlockSize int32
}

// Position is the source span of an instruction: lines count from 1,
// columns from 0 in UTF-8 bytes, the end exclusive (CPython's
// co_positions). A zero Position is unknown.
type Position struct {
	Line, Col, EndLine, EndCol int32
}

// Const is a constant: exactly one of nil (None), bool, int64, *big.Int
// (only for a value that does not fit int64), float64, string, Bytes,
// EllipsisType (the one value Ellipsis), Tuple and *Code (a function
// body, loaded for MAKE_FUNCTION). The interpreter turns constants into
// runtime objects.
type Const = any

// Bytes is a constant bytes object (b"..."): its contents, any bytes.
type Bytes string

// EllipsisType is the type of the constant Ellipsis, Python's `...`.
type EllipsisType struct{}

// Ellipsis is the constant `...`.
var Ellipsis = EllipsisType{}

// Tuple is a constant tuple. Its items are constants too; tuples nest at
// most MaxNesting deep.
type Tuple []Const

// Limits that keep every input bounded in time and memory. Validate rejects
// code objects beyond them, and the assembler rejects text beyond them.
const (
	// MaxNesting bounds how deep constant tuples nest inside each other,
	// and how deep code objects nest inside each other's Consts.
	MaxNesting = 100
	// MaxStackSize bounds the operand-stack depth of a code object, which
	// the interpreter allocates for every call.
	MaxStackSize = 1 << 20
	// MaxIntBits bounds the size of an integer constant.
	MaxIntBits = 1 << 15
)

// ConstEqual reports whether a and b are the same constant: the same kind
// and the same value. 1, 1.0 and True are three different constants; floats
// are compared by their bits, so 0.0 and -0.0 differ and a NaN equals a NaN
// with the same bits; tuples are equal item by item; code objects are equal
// only when they are the same object. Values that are not constants are
// equal to nothing.
func ConstEqual(a, b Const) bool {
	return constEqual(a, b, 0)
}

func constEqual(a, b Const, depth int) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case int64:
		y, ok := b.(int64)
		return ok && x == y
	case *big.Int:
		y, ok := b.(*big.Int)
		if !ok || x == nil || y == nil {
			return ok && x == y
		}
		return x.Cmp(y) == 0
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case string:
		y, ok := b.(string)
		return ok && x == y
	case Bytes:
		y, ok := b.(Bytes)
		return ok && x == y
	case EllipsisType:
		_, ok := b.(EllipsisType)
		return ok
	case Tuple:
		y, ok := b.(Tuple)
		if !ok || len(x) != len(y) {
			return false
		}
		if depth > MaxNesting {
			// Too deep to be a valid constant (perhaps a tuple that
			// contains itself): only the very same slice is equal.
			return len(x) == 0 || &x[0] == &y[0]
		}
		for i := range x {
			if !constEqual(x[i], y[i], depth+1) {
				return false
			}
		}
		return true
	case *Code:
		y, ok := b.(*Code)
		return ok && x == y
	}
	return false
}

// constKind names the kind of a constant for error messages.
func constKind(c Const) string {
	switch c.(type) {
	case nil:
		return "None"
	case bool:
		return "bool"
	case int64:
		return "int"
	case *big.Int:
		return "big int"
	case float64:
		return "float"
	case string:
		return "str"
	case Bytes:
		return "bytes"
	case EllipsisType:
		return "ellipsis"
	case Tuple:
		return "tuple"
	case *Code:
		return "code"
	}
	return "non-constant"
}

// constError describes why c is not a valid constant, or returns "".
func constError(c Const, depth int) string {
	switch x := c.(type) {
	case nil, bool, int64, float64, string, Bytes, EllipsisType:
		return ""
	case *big.Int:
		switch {
		case x == nil:
			return "nil *big.Int"
		case x.IsInt64():
			return "*big.Int " + x.String() + " fits int64: expected an int64"
		case x.BitLen() > MaxIntBits:
			return "integer constant too large: expected at most " + itoa(MaxIntBits) + " bits"
		}
		return ""
	case Tuple:
		if depth >= MaxNesting {
			return "tuples nested too deep: expected at most " + itoa(MaxNesting) + " levels"
		}
		for _, item := range x {
			if msg := constError(item, depth+1); msg != "" {
				return msg
			}
		}
		return ""
	case *Code:
		if x == nil {
			return "nil *Code"
		}
		return ""
	}
	return "a Go value of a type that is not a constant kind"
}

// constTable interns constants in order of first use. Keys are a binary
// encoding of the value; code objects are keyed by identity.
type constTable struct {
	list  []Const
	index map[string]int32
	codes map[*Code]uint64
	buf   []byte
}

// intern returns the index of c, adding it if it is new. c must be valid.
func (t *constTable) intern(c Const) int32 {
	if t.index == nil {
		t.index = make(map[string]int32)
		t.codes = make(map[*Code]uint64)
	}
	t.buf = t.key(t.buf[:0], c)
	if i, ok := t.index[string(t.buf)]; ok {
		return i
	}
	i := int32(len(t.list))
	t.index[string(t.buf)] = i
	t.list = append(t.list, c)
	return i
}

// key appends the encoding of c to buf. Every part is tagged and every
// variable-length part is length-prefixed, so distinct constants have
// distinct keys.
func (t *constTable) key(buf []byte, c Const) []byte {
	switch x := c.(type) {
	case nil:
		return append(buf, 'N')
	case bool:
		if x {
			return append(buf, 'T')
		}
		return append(buf, 'F')
	case int64:
		return binary.BigEndian.AppendUint64(append(buf, 'i'), uint64(x))
	case *big.Int:
		if x == nil {
			return append(buf, '?')
		}
		mag := x.Bytes()
		buf = append(buf, 'b', byte('0'+x.Sign()+1))
		buf = binary.AppendUvarint(buf, uint64(len(mag)))
		return append(buf, mag...)
	case float64:
		return binary.BigEndian.AppendUint64(append(buf, 'f'), math.Float64bits(x))
	case string:
		buf = binary.AppendUvarint(append(buf, 's'), uint64(len(x)))
		return append(buf, x...)
	case Bytes:
		buf = binary.AppendUvarint(append(buf, 'y'), uint64(len(x)))
		return append(buf, x...)
	case EllipsisType:
		return append(buf, 'e')
	case Tuple:
		buf = binary.AppendUvarint(append(buf, 't'), uint64(len(x)))
		for _, item := range x {
			buf = t.key(buf, item)
		}
		return buf
	case *Code:
		id, ok := t.codes[x]
		if !ok {
			id = uint64(len(t.codes))
			t.codes[x] = id
		}
		return binary.AppendUvarint(append(buf, 'c'), id)
	}
	return append(buf, '?')
}

func itoa(n int) string { return strconv.Itoa(n) }

// String formats p as the text form writes it: "3:4-3:10".
func (p Position) String() string {
	return itoa(int(p.Line)) + ":" + itoa(int(p.Col)) + "-" + itoa(int(p.EndLine)) + ":" + itoa(int(p.EndCol))
}

// Clone returns a deep copy of c: its tables, instructions and positions,
// its constant tuples and big ints, and every code object nested in it
// (a code object shared by two parents is copied once and shared by the
// copies). A runtime runs a clone made at first use, so that whatever
// happens to c afterwards cannot change what it runs. Clone never fails:
// it copies an invalid code object as it is, cycles included (tuples
// nested deeper than any valid constant are shared, not copied).
func (c *Code) Clone() *Code {
	return (&cloner{codes: make(map[*Code]*Code)}).code(c, 0)
}

type cloner struct{ codes map[*Code]*Code }

func (k *cloner) code(c *Code, depth int) *Code {
	if c == nil || depth > MaxNesting {
		return c // too deep to be valid: Validate rejects it anyway
	}
	if d, ok := k.codes[c]; ok {
		return d
	}
	d := new(Code)
	*d = *c
	k.codes[c] = d
	d.Params = slices.Clone(c.Params)
	d.KwOnly = slices.Clone(c.KwOnly)
	d.Locals = slices.Clone(c.Locals)
	d.Cells = slices.Clone(c.Cells)
	d.Free = slices.Clone(c.Free)
	d.Names = slices.Clone(c.Names)
	d.Instrs = slices.Clone(c.Instrs)
	d.Positions = slices.Clone(c.Positions)
	if c.Consts != nil {
		d.Consts = make([]Const, len(c.Consts))
		for i, x := range c.Consts {
			d.Consts[i] = k.constant(x, 0, depth)
		}
	}
	return d
}

func (k *cloner) constant(x Const, depth, codeDepth int) Const {
	switch v := x.(type) {
	case *big.Int:
		if v == nil {
			return v
		}
		return new(big.Int).Set(v)
	case Tuple:
		if depth > MaxNesting || v == nil {
			return v
		}
		t := make(Tuple, len(v))
		for i, item := range v {
			t[i] = k.constant(item, depth+1, codeDepth)
		}
		return t
	case *Code:
		return k.code(v, codeDepth+1)
	}
	return x
}
