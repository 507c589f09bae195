package bytecode

import (
	"strconv"
	"strings"
)

// Op is an opcode. Its text name (Op.String) is the upper-case form used by
// the assembler and the disassembler, e.g. LoadFast is "LOAD_FAST".
type Op uint8

// The instruction set. The comment on each opcode gives its operand kind and
// its effect on the operand stack (before -> after, top of stack rightmost);
// docs/bytecode.md explains each one at length.
const (
	Nop              Op = iota // none: ->
	PopTop                     // none: a ->
	Copy                       // count n>=1: a_n ... a_1 -> a_n ... a_1 a_n
	Swap                       // count n>=2: exchanges the top item and the n-th item
	LoadConst                  // const: -> c
	LoadFast                   // local: -> x
	StoreFast                  // local: x ->
	DeleteFast                 // local: ->
	LoadGlobal                 // name: -> x (globals, then builtins)
	StoreGlobal                // name: x ->
	DeleteGlobal               // name: ->
	LoadName                   // name: -> x (module-body variables)
	StoreName                  // name: x ->
	DeleteName                 // name: ->
	LoadAttr                   // name: obj -> obj.name
	StoreAttr                  // name: value obj -> (obj.name = value)
	DeleteAttr                 // name: obj ->
	LoadMethod                 // name: obj -> meth selfOrNull
	Call                       // count n: callable a1 ... an -> result; a safe point
	CallMethod                 // count n: meth selfOrNull a1 ... an -> result; a safe point
	CallEx                     // flag 0/1: callable args [kwargs] -> result; a safe point
	KwNames                    // const (tuple of str): -> ; names the keyword arguments of the next call
	BinaryOp                   // binop: a b -> r
	UnaryNegative              // none: a -> -a
	UnaryPositive              // none: a -> +a
	UnaryNot                   // none: a -> not a
	UnaryInvert                // none: a -> ~a
	CompareOp                  // cmpop: a b -> r
	IsOp                       // flag 0/1: a b -> a is b (1: is not)
	ContainsOp                 // flag 0/1: a b -> a in b (1: not in)
	BinarySubscr               // none: container key -> container[key]
	StoreSubscr                // none: value container key ->
	DeleteSubscr               // none: container key ->
	BinarySlice                // none: container start end -> container[start:end]
	StoreSlice                 // none: value container start end ->
	BuildTuple                 // count n: x1 ... xn -> tuple
	BuildList                  // count n: x1 ... xn -> list
	BuildSet                   // count n: x1 ... xn -> set
	BuildMap                   // count n: k1 v1 ... kn vn -> dict
	ListAppend                 // count i>=1: ... list ... x -> ... list ...
	UnpackSequence             // count n: seq -> x_n ... x_1
	GetIter                    // none: iterable -> iterator
	ForIter                    // jump: iterator -> iterator next, or pops the iterator and jumps
	JumpForward                // jump (forward): ->
	JumpBackward               // jump (backward or to itself): -> ; a safe point
	PopJumpIfFalse             // jump: x ->
	PopJumpIfTrue              // jump: x ->
	PopJumpIfNone              // jump: x ->
	PopJumpIfNotNone           // jump: x ->
	ReturnValue                // none: x -> ; returns
	ReturnConst                // const: -> ; returns
	MakeFunction               // flag (MakeFunctionDefaults|KwDefaults|Closure): [defaults] [kwdefaults] [closure] code -> function
	BuildClass                 // none: name bases dict -> class
	RaiseVarargs               // count 0..2: [exc [cause]] -> ; raises
	SetupExcept                // jump (the handler): -> ; pushes a handler block
	PopBlock                   // none: -> ; pops the innermost handler block
	CheckExcMatch              // none: exc type -> exc bool
	PopExcept                  // none: -> ; ends the handling of an exception
	Reraise                    // none: exc -> ; raises exc again
	ImportName                 // name: -> module
	ImportFrom                 // name: module -> module attr

	// The instructions of the Python front end (docs/python.md). Cell
	// operands index Code.Cells, then Code.Free.
	LoadDeref          // cell: -> x (the cell's contents)
	StoreDeref         // cell: x -> (into the cell)
	DeleteDeref        // cell: -> (empties the cell)
	LoadClosure        // cell: -> cell (the cell object itself, for a closure tuple)
	LoadClassDeref     // cell: -> x (the frame's locals dict first, then the cell: class bodies)
	LoadBuildClass     // none: -> builtins.__build_class__
	LoadAssertionError // none: -> AssertionError
	BuildSlice         // count 2..3: start stop [step] -> slice
	BuildString        // count n: s1 ... sn -> s1+...+sn (strs)
	FormatValue        // flag 0..7: x [spec] -> str; bits 0-1 the conversion (0 none, 1 !s, 2 !r, 3 !a), bit 2 a spec is on the stack
	ListExtend         // count i>=1: ... list ... iterable -> ... list ...
	ListToTuple        // none: list -> tuple
	SetAdd             // count i>=1: ... set ... x -> ... set ...
	SetUpdate          // count i>=1: ... set ... iterable -> ... set ...
	MapAdd             // count i>=1: ... dict ... k v -> ... dict ...
	DictUpdate         // count i>=1: ... dict ... mapping -> ... dict ... ({**m})
	DictMerge          // count i>=1: ... dict ... mapping -> ... dict ... (f(**m): a repeated key is a TypeError)
	UnpackEx           // count (UnpackExArg): seq -> y_after ... y_1 list x_before ... x_1 ; x_1 (the first target) on top, the starred targets' list in the middle
	GetYieldFromIter   // none: iterable -> iterator (a generator stays itself)
	YieldValue         // none: x -> sent ; suspends a generator, yielding x
	YieldFrom          // none: iterator sent -> result ; delegates to the iterator until it stops (yield from)
	BeforeWith         // none: mgr -> exit enter_result ; exit is mgr's bound __exit__
	WithExceptStart    // none: exit exc -> exit exc result ; result = exit(type(exc), exc, traceback)
	ImportStar         // none: module -> ; from module import *
	MakeCell           // cell (of Cells, not Free): -> ; replaces the cell with a fresh empty one (an inlined comprehension's captured variable)

	// NumOps is the number of opcodes: every Op below it is defined, so a
	// dispatch table indexed by Op can have NumOps entries.
	NumOps
)

// OperandKind says what an instruction's Arg means.
type OperandKind uint8

// The operand kinds.
const (
	OperandNone  OperandKind = iota // no operand: Arg must be 0
	OperandConst                    // an index into Code.Consts, written as a literal
	OperandLocal                    // an index into Code.Locals, written as the local's name
	OperandName                     // an index into Code.Names, written as the name
	OperandJump                     // an absolute instruction index, written as a label
	OperandCount                    // a number of items, written as a decimal integer
	OperandBinOp                    // a BinOp, written as its symbol ("+", "+=")
	OperandCmpOp                    // a CmpOp, written as its symbol ("<", "==")
	OperandFlag                     // a small integer selecting a variant
	OperandCell                     // an index into Code.Cells then Code.Free, written as the variable's name
)

var operandKindNames = [...]string{"none", "const", "local", "name", "jump", "count", "binop", "cmpop", "flag", "cell"}

// String returns the kind's name as docs/bytecode.md writes it ("const").
func (k OperandKind) String() string {
	if int(k) < len(operandKindNames) {
		return operandKindNames[k]
	}
	return "OperandKind(" + strconv.Itoa(int(k)) + ")"
}

// OpInfo describes an opcode: how to read its operand and how it affects
// control flow. The interpreter consults it to know where to poll for a
// stop-the-world; the validator and the assembler consult it for
// everything else.
type OpInfo struct {
	// Name is the canonical text name, e.g. "LOAD_FAST".
	Name string
	// Operand is the kind of the instruction's Arg.
	Operand OperandKind
	// MinArg and MaxArg bound Arg for count and flag operands (MaxArg is
	// math.MaxInt32 where only a minimum applies). For the other kinds
	// they are zero and the bound comes from a table or the instruction
	// list.
	MinArg, MaxArg int32
	// SafePoint marks the instructions at which the interpreter polls the
	// lock's eval breaker: a thread may be switched out, or parked for a
	// stop-the-world, only there (and at function entry). Calls and
	// backward jumps are safe points, so every loop and every call chain
	// reaches one; nothing else is.
	SafePoint bool
	// Jump marks the instructions whose Arg is an instruction index: the
	// target of a jump, or for SETUP_EXCEPT the start of the handler.
	Jump bool
	// NoFallThrough marks the instructions after which control never
	// continues with the next instruction: unconditional jumps, returns
	// and raises.
	NoFallThrough bool
}

const maxArg = int32(^uint32(0) >> 1)

var opInfos = [NumOps]OpInfo{
	Nop:              {Name: "NOP"},
	PopTop:           {Name: "POP_TOP"},
	Copy:             {Name: "COPY", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	Swap:             {Name: "SWAP", Operand: OperandCount, MinArg: 2, MaxArg: maxArg},
	LoadConst:        {Name: "LOAD_CONST", Operand: OperandConst},
	LoadFast:         {Name: "LOAD_FAST", Operand: OperandLocal},
	StoreFast:        {Name: "STORE_FAST", Operand: OperandLocal},
	DeleteFast:       {Name: "DELETE_FAST", Operand: OperandLocal},
	LoadGlobal:       {Name: "LOAD_GLOBAL", Operand: OperandName},
	StoreGlobal:      {Name: "STORE_GLOBAL", Operand: OperandName},
	DeleteGlobal:     {Name: "DELETE_GLOBAL", Operand: OperandName},
	LoadName:         {Name: "LOAD_NAME", Operand: OperandName},
	StoreName:        {Name: "STORE_NAME", Operand: OperandName},
	DeleteName:       {Name: "DELETE_NAME", Operand: OperandName},
	LoadAttr:         {Name: "LOAD_ATTR", Operand: OperandName},
	StoreAttr:        {Name: "STORE_ATTR", Operand: OperandName},
	DeleteAttr:       {Name: "DELETE_ATTR", Operand: OperandName},
	LoadMethod:       {Name: "LOAD_METHOD", Operand: OperandName},
	Call:             {Name: "CALL", Operand: OperandCount, MinArg: 0, MaxArg: maxArg, SafePoint: true},
	CallMethod:       {Name: "CALL_METHOD", Operand: OperandCount, MinArg: 0, MaxArg: maxArg, SafePoint: true},
	CallEx:           {Name: "CALL_EX", Operand: OperandFlag, MinArg: 0, MaxArg: 1, SafePoint: true},
	KwNames:          {Name: "KW_NAMES", Operand: OperandConst},
	BinaryOp:         {Name: "BINARY_OP", Operand: OperandBinOp},
	UnaryNegative:    {Name: "UNARY_NEGATIVE"},
	UnaryPositive:    {Name: "UNARY_POSITIVE"},
	UnaryNot:         {Name: "UNARY_NOT"},
	UnaryInvert:      {Name: "UNARY_INVERT"},
	CompareOp:        {Name: "COMPARE_OP", Operand: OperandCmpOp},
	IsOp:             {Name: "IS_OP", Operand: OperandFlag, MinArg: 0, MaxArg: 1},
	ContainsOp:       {Name: "CONTAINS_OP", Operand: OperandFlag, MinArg: 0, MaxArg: 1},
	BinarySubscr:     {Name: "BINARY_SUBSCR"},
	StoreSubscr:      {Name: "STORE_SUBSCR"},
	DeleteSubscr:     {Name: "DELETE_SUBSCR"},
	BinarySlice:      {Name: "BINARY_SLICE"},
	StoreSlice:       {Name: "STORE_SLICE"},
	BuildTuple:       {Name: "BUILD_TUPLE", Operand: OperandCount, MinArg: 0, MaxArg: maxArg},
	BuildList:        {Name: "BUILD_LIST", Operand: OperandCount, MinArg: 0, MaxArg: maxArg},
	BuildSet:         {Name: "BUILD_SET", Operand: OperandCount, MinArg: 0, MaxArg: maxArg},
	BuildMap:         {Name: "BUILD_MAP", Operand: OperandCount, MinArg: 0, MaxArg: maxArg},
	ListAppend:       {Name: "LIST_APPEND", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	UnpackSequence:   {Name: "UNPACK_SEQUENCE", Operand: OperandCount, MinArg: 0, MaxArg: maxArg},
	GetIter:          {Name: "GET_ITER"},
	ForIter:          {Name: "FOR_ITER", Operand: OperandJump, Jump: true},
	JumpForward:      {Name: "JUMP_FORWARD", Operand: OperandJump, Jump: true, NoFallThrough: true},
	JumpBackward:     {Name: "JUMP_BACKWARD", Operand: OperandJump, Jump: true, NoFallThrough: true, SafePoint: true},
	PopJumpIfFalse:   {Name: "POP_JUMP_IF_FALSE", Operand: OperandJump, Jump: true},
	PopJumpIfTrue:    {Name: "POP_JUMP_IF_TRUE", Operand: OperandJump, Jump: true},
	PopJumpIfNone:    {Name: "POP_JUMP_IF_NONE", Operand: OperandJump, Jump: true},
	PopJumpIfNotNone: {Name: "POP_JUMP_IF_NOT_NONE", Operand: OperandJump, Jump: true},
	ReturnValue:      {Name: "RETURN_VALUE", NoFallThrough: true},
	ReturnConst:      {Name: "RETURN_CONST", Operand: OperandConst, NoFallThrough: true},
	MakeFunction:     {Name: "MAKE_FUNCTION", Operand: OperandFlag, MinArg: 0, MaxArg: MakeFunctionFlags},
	BuildClass:       {Name: "BUILD_CLASS"},
	RaiseVarargs:     {Name: "RAISE_VARARGS", Operand: OperandCount, MinArg: 0, MaxArg: 2, NoFallThrough: true},
	SetupExcept:      {Name: "SETUP_EXCEPT", Operand: OperandJump, Jump: true},
	PopBlock:         {Name: "POP_BLOCK"},
	CheckExcMatch:    {Name: "CHECK_EXC_MATCH"},
	PopExcept:        {Name: "POP_EXCEPT"},
	Reraise:          {Name: "RERAISE", NoFallThrough: true},
	ImportName:       {Name: "IMPORT_NAME", Operand: OperandName},
	ImportFrom:       {Name: "IMPORT_FROM", Operand: OperandName},

	LoadDeref:          {Name: "LOAD_DEREF", Operand: OperandCell},
	StoreDeref:         {Name: "STORE_DEREF", Operand: OperandCell},
	DeleteDeref:        {Name: "DELETE_DEREF", Operand: OperandCell},
	LoadClosure:        {Name: "LOAD_CLOSURE", Operand: OperandCell},
	LoadClassDeref:     {Name: "LOAD_CLASSDEREF", Operand: OperandCell},
	LoadBuildClass:     {Name: "LOAD_BUILD_CLASS"},
	LoadAssertionError: {Name: "LOAD_ASSERTION_ERROR"},
	BuildSlice:         {Name: "BUILD_SLICE", Operand: OperandCount, MinArg: 2, MaxArg: 3},
	BuildString:        {Name: "BUILD_STRING", Operand: OperandCount, MinArg: 0, MaxArg: maxArg},
	FormatValue:        {Name: "FORMAT_VALUE", Operand: OperandFlag, MinArg: 0, MaxArg: 7},
	ListExtend:         {Name: "LIST_EXTEND", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	ListToTuple:        {Name: "LIST_TO_TUPLE"},
	SetAdd:             {Name: "SET_ADD", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	SetUpdate:          {Name: "SET_UPDATE", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	MapAdd:             {Name: "MAP_ADD", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	DictUpdate:         {Name: "DICT_UPDATE", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	DictMerge:          {Name: "DICT_MERGE", Operand: OperandCount, MinArg: 1, MaxArg: maxArg},
	UnpackEx:           {Name: "UNPACK_EX", Operand: OperandCount, MinArg: 0, MaxArg: 0xffff},
	GetYieldFromIter:   {Name: "GET_YIELD_FROM_ITER"},
	YieldValue:         {Name: "YIELD_VALUE"},
	YieldFrom:          {Name: "YIELD_FROM"},
	BeforeWith:         {Name: "BEFORE_WITH"},
	WithExceptStart:    {Name: "WITH_EXCEPT_START"},
	ImportStar:         {Name: "IMPORT_STAR"},
	MakeCell:           {Name: "MAKE_CELL", Operand: OperandCell},
}

// The flags of MAKE_FUNCTION, which say what the stack holds below the
// code object, in this order from the bottom: the defaults of the
// positional parameters (a tuple), the defaults of the keyword-only ones
// (a dict), and the closure (a tuple of cells, one per Code.Free of the
// function's code).
const (
	MakeFunctionDefaults   = 1
	MakeFunctionKwDefaults = 2
	MakeFunctionClosure    = 4
	// MakeFunctionFlags is every flag: the largest legal operand.
	MakeFunctionFlags = MakeFunctionDefaults | MakeFunctionKwDefaults | MakeFunctionClosure
)

// The bits of FORMAT_VALUE's operand.
const (
	FormatConvMask = 3 // the conversion: 0 none, 1 str (!s), 2 repr (!r), 3 ascii (!a)
	FormatWithSpec = 4 // a format spec (a str) is on the stack above the value
)

// UnpackExArg encodes UNPACK_EX's operand: before targets, a starred one,
// then after targets; each count at most 255, as in CPython.
func UnpackExArg(before, after int) int32 { return int32(before | after<<8) }

var opByName = func() map[string]Op {
	m := make(map[string]Op, NumOps)
	for op := Op(0); op < NumOps; op++ {
		m[opInfos[op].Name] = op
	}
	return m
}()

// Valid reports whether op is a defined opcode.
func (op Op) Valid() bool { return op < NumOps }

// Info returns the opcode's description; for an undefined opcode it returns
// the zero OpInfo (whose Name is empty).
func (op Op) Info() OpInfo {
	if op < NumOps {
		return opInfos[op]
	}
	return OpInfo{}
}

// String returns the canonical text name, e.g. "LOAD_FAST", or "Op(200)"
// for an undefined opcode.
func (op Op) String() string {
	if op < NumOps {
		return opInfos[op].Name
	}
	return "Op(" + strconv.Itoa(int(op)) + ")"
}

// ParseOp returns the opcode whose canonical name is name. Names are case
// sensitive: "LOAD_FAST" is an opcode, "load_fast" is not.
func ParseOp(name string) (Op, bool) {
	op, ok := opByName[name]
	return op, ok
}

// suggestOp returns the opcode name closest to word, or "" when nothing is
// close enough to be a plausible typo.
func suggestOp(word string) string {
	if len(word) > 40 {
		return ""
	}
	upper := strings.ToUpper(word)
	if _, ok := opByName[upper]; ok {
		return upper
	}
	// A typo changes about one character in four; closer than that is a
	// plausible suggestion, anything further is noise.
	best, bestDist := "", max(1, len(upper)/4)+1
	for op := Op(0); op < NumOps; op++ {
		name := opInfos[op].Name
		if d := editDistance(upper, name); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// BinOp is the operand of BINARY_OP: an arithmetic or bitwise operator, or
// its augmented-assignment ("in-place") form. The in-place form of an
// operator is the operator plus NumBinaryOps: BinInplaceAdd = BinAdd + 13.
type BinOp int32

// The binary operators, in their encoding order.
const (
	BinAdd      BinOp = iota // +
	BinSub                   // -
	BinMul                   // *
	BinTrueDiv               // /
	BinFloorDiv              // //
	BinMod                   // %
	BinPow                   // **
	BinLShift                // <<
	BinRShift                // >>
	BinAnd                   // &
	BinOr                    // |
	BinXor                   // ^
	BinMatMul                // @

	BinInplaceAdd      // +=
	BinInplaceSub      // -=
	BinInplaceMul      // *=
	BinInplaceTrueDiv  // /=
	BinInplaceFloorDiv // //=
	BinInplaceMod      // %=
	BinInplacePow      // **=
	BinInplaceLShift   // <<=
	BinInplaceRShift   // >>=
	BinInplaceAnd      // &=
	BinInplaceOr       // |=
	BinInplaceXor      // ^=
	BinInplaceMatMul   // @=

	// NumBinOps is the number of BINARY_OP operands: 0 to NumBinOps-1.
	NumBinOps
)

// NumBinaryOps is the number of plain (not in-place) binary operators; the
// in-place form of op is op + NumBinaryOps.
const NumBinaryOps = BinInplaceAdd

var binOpSymbols = [NumBinOps]string{
	"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
	"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@=",
}

// Valid reports whether b is a defined operator.
func (b BinOp) Valid() bool { return b >= 0 && b < NumBinOps }

// InPlace reports whether b is an augmented-assignment form ("+=").
func (b BinOp) InPlace() bool { return b >= NumBinaryOps && b < NumBinOps }

// Base returns the plain operator of an in-place one (BinAdd for
// BinInplaceAdd), and b itself otherwise.
func (b BinOp) Base() BinOp {
	if b.InPlace() {
		return b - NumBinaryOps
	}
	return b
}

// String returns the operator's symbol ("+", "//="), or "BinOp(99)".
func (b BinOp) String() string {
	if b.Valid() {
		return binOpSymbols[b]
	}
	return "BinOp(" + strconv.Itoa(int(b)) + ")"
}

// ParseBinOp returns the operator whose symbol is s.
func ParseBinOp(s string) (BinOp, bool) {
	for i, sym := range binOpSymbols {
		if sym == s {
			return BinOp(i), true
		}
	}
	return 0, false
}

// CmpOp is the operand of COMPARE_OP.
type CmpOp int32

// The comparison operators, in their encoding order.
const (
	CmpLT CmpOp = iota // <
	CmpLE              // <=
	CmpEQ              // ==
	CmpNE              // !=
	CmpGT              // >
	CmpGE              // >=

	// NumCmpOps is the number of COMPARE_OP operands: 0 to NumCmpOps-1.
	NumCmpOps
)

var cmpOpSymbols = [NumCmpOps]string{"<", "<=", "==", "!=", ">", ">="}

// Valid reports whether c is a defined comparison.
func (c CmpOp) Valid() bool { return c >= 0 && c < NumCmpOps }

// String returns the comparison's symbol ("<="), or "CmpOp(9)".
func (c CmpOp) String() string {
	if c.Valid() {
		return cmpOpSymbols[c]
	}
	return "CmpOp(" + strconv.Itoa(int(c)) + ")"
}

// ParseCmpOp returns the comparison whose symbol is s.
func ParseCmpOp(s string) (CmpOp, bool) {
	for i, sym := range cmpOpSymbols {
		if sym == s {
			return CmpOp(i), true
		}
	}
	return 0, false
}

// StackEffect returns how many operand-stack items the instruction needs
// (pop) and how many it leaves in their place (push); the depth afterwards
// is depth-pop+push. jump selects the effect along the jump edge for the
// instructions whose effect depends on it: FOR_ITER pops the exhausted
// iterator when it jumps (pop 1, push 0) and pushes the next item when it
// falls through (pop 1, push 2); SETUP_EXCEPT enters its handler with the
// exception pushed (pop 0, push 1) and falls through unchanged. COPY and
// SWAP "pop" the items they reach down to. The result for an instruction
// with an illegal Arg is meaningless but never negative.
func (in Instr) StackEffect(jump bool) (pop, push int) {
	p, q := stackEffect(in, jump)
	return int(p), int(q)
}

func stackEffect(in Instr, jump bool) (pop, push int64) {
	n := max(int64(in.Arg), 0)
	switch in.Op {
	case Nop, KwNames, JumpForward, JumpBackward, PopBlock, PopExcept:
		return 0, 0
	case PopTop, StoreFast, StoreGlobal, StoreName, DeleteAttr, PopJumpIfFalse,
		PopJumpIfTrue, PopJumpIfNone, PopJumpIfNotNone, ReturnValue, Reraise:
		return 1, 0
	case Copy:
		return n, n + 1
	case Swap:
		return n, n
	case LoadConst, LoadFast, LoadGlobal, LoadName, ImportName:
		return 0, 1
	case DeleteFast, DeleteGlobal, DeleteName, ReturnConst:
		return 0, 0
	case LoadAttr, UnaryNegative, UnaryPositive, UnaryNot, UnaryInvert, GetIter:
		return 1, 1
	case StoreAttr, DeleteSubscr:
		return 2, 0
	case LoadMethod:
		return 1, 2
	case Call:
		return n + 1, 1
	case CallMethod:
		return n + 2, 1
	case CallEx:
		return 2 + min(n, 1), 1
	case BinaryOp, CompareOp, IsOp, ContainsOp, BinarySubscr:
		return 2, 1
	case CheckExcMatch:
		return 2, 2
	case StoreSubscr:
		return 3, 0
	case BinarySlice, BuildClass:
		return 3, 1
	case StoreSlice:
		return 4, 0
	case BuildTuple, BuildList, BuildSet:
		return n, 1
	case BuildMap:
		return 2 * n, 1
	case ListAppend:
		return n + 1, n
	case UnpackSequence:
		return 1, n
	case ForIter:
		if jump {
			return 1, 0
		}
		return 1, 2
	case MakeFunction:
		return 1 + n&1 + n>>1&1 + n>>2&1, 1
	case RaiseVarargs:
		return n, 0
	case SetupExcept:
		if jump {
			return 0, 1
		}
		return 0, 0
	case ImportFrom:
		return 1, 2
	case LoadDeref, LoadClosure, LoadClassDeref, LoadBuildClass, LoadAssertionError:
		return 0, 1
	case StoreDeref, ImportStar:
		return 1, 0
	case DeleteDeref, MakeCell:
		return 0, 0
	case BuildSlice, BuildString:
		return n, 1
	case FormatValue:
		if n&FormatWithSpec != 0 {
			return 2, 1
		}
		return 1, 1
	case ListExtend, SetAdd, SetUpdate, DictUpdate, DictMerge:
		return n + 1, n
	case MapAdd:
		return n + 2, n
	case ListToTuple, GetYieldFromIter, YieldValue:
		return 1, 1
	case UnpackEx:
		return 1, n&0xff + n>>8 + 1
	case YieldFrom:
		return 2, 1
	case BeforeWith:
		return 1, 2
	case WithExceptStart:
		return 2, 3
	}
	return 0, 0
}
