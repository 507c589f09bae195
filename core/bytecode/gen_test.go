package bytecode

import (
	"math"
	"math/big"

	"pgregory.net/rapid"
)

// The generator builds valid, canonical code objects with a Builder, the
// way a compiler would: statements leave the stack as they found it,
// expressions push exactly one value, and control flow (if/else, while,
// for, try/except, conditional expressions, comprehensions) is laid out
// with labels, so depths agree on every path by construction. Every opcode
// and every constant kind occurs; odd names, odd strings, NaN payloads,
// big ints, duplicate function names, shared and nested code objects too.

// Odd spellings that the text form must carry: words, words that look like
// keywords or labels, and strings that need quoting.
var (
	oddNames  = []string{"x", "print", "os.path", "Point.__init__", "π", "_", "None", "end", "locals", "L1", "module", "a b", "", "semi;colon", "quote\"d", "\xff\xfe", "tab\there", "1st"}
	oddLocals = []string{"i", "n", "total", "x", "é", "end", "L2", "a b", "", "\x00", "it's"}
	funcNames = []string{"f", "f", "g", "worker", "Point.__init__", "<lambda>", "", "code", "code_2", "f_2", "end", "module", "a b"}
	oddStrs   = []string{"", "a", "hello, \"world\"\n", "; not a comment", "\\", "\xff", "\xc3", "\u2028", "\x00\x01\x7f", "é", "@f", "(1,)", "\ufffd", "\U0010FFFF"}
)

type gen struct {
	t        *rapid.T
	b        *Builder
	level    int // statement/expression nesting
	codes    int // code objects made so far in this case
	depth    int // code-object nesting
	pool     []*Code
	line     int32
	filename string
}

func (g *gen) intn(lo, hi int, label string) int {
	return rapid.IntRange(lo, hi).Draw(g.t, label)
}

func (g *gen) chance(label string) bool { return rapid.Bool().Draw(g.t, label) }

func genCodeObject(t *rapid.T) *Code {
	g := &gen{t: t, filename: "gen.rwa"}
	if g.intn(0, 9, "odd top level") == 0 {
		// Any code object can be the top of a file, a function included.
		n := g.intn(0, 2, "top params")
		params := rapid.SliceOfNDistinct(rapid.SampledFrom(oddLocals), n, n, rapid.ID).Draw(t, "top params")
		return g.code(rapid.SampledFrom(funcNames).Draw(t, "top name"), params, n > 0 && g.chance("top varargs"))
	}
	return g.code("<module>", nil, false)
}

// code builds one code object; the module when params is nil and name is
// "<module>".
func (g *gen) code(name string, params []string, varArgs bool) *Code {
	outer, outerLine, outerLevel := g.b, g.line, g.level
	defer func() { g.b, g.line, g.level = outer, outerLine, outerLevel }()
	g.codes++
	filename := g.filename
	if g.depth > 0 && g.intn(0, 5, "odd filename") == 0 {
		filename = rapid.SampledFrom([]string{"other.rwa", "", "with space.rwa"}).Draw(g.t, "filename")
	}
	g.b = NewBuilder(name, filename)
	g.level = 0
	g.line = int32(g.intn(-3, 200, "first line"))
	if g.intn(0, 10, "extreme first line") == 0 {
		g.line = rapid.Int32().Draw(g.t, "first line extreme")
	}
	g.b.SetFirstLine(g.line)
	g.b.SetParams(varArgs, params...)
	if g.chance("declare locals") {
		for range g.intn(1, 3, "extra locals") {
			g.b.AddLocal(rapid.SampledFrom(oddLocals).Draw(g.t, "local"))
		}
	}
	g.stmts(g.intn(0, 5, "statements"))
	g.nextLine()
	if g.chance("return value") {
		g.expr()
		g.b.Emit(ReturnValue, 0)
	} else {
		g.b.EmitConst(ReturnConst, g.constant(0))
	}
	c, err := g.b.Build()
	if err != nil {
		g.t.Fatalf("the generator built an invalid code object: %v\n%s", err, Disassemble(g.b.code))
	}
	g.pool = append(g.pool, c)
	return c
}

func (g *gen) nextLine() {
	switch g.intn(0, 6, "line step") {
	case 0:
		// same line
	case 1:
		g.line = rapid.Int32().Draw(g.t, "any line")
	default:
		g.line++
	}
	g.b.SetLine(g.line)
}

func (g *gen) local() string {
	if g.chance("param as local") && len(g.b.code.Params) > 0 {
		return rapid.SampledFrom(g.b.code.Params).Draw(g.t, "param")
	}
	return rapid.SampledFrom(oddLocals).Draw(g.t, "local")
}

func (g *gen) name() string { return rapid.SampledFrom(oddNames).Draw(g.t, "name") }

func (g *gen) stmts(n int) {
	for range n {
		g.stmt()
	}
}

// stmt emits code that leaves the stack as it found it.
func (g *gen) stmt() {
	g.nextLine()
	g.level++
	defer func() { g.level-- }()
	leaf := g.level > 3
	kind := g.intn(0, 17, "statement")
	if leaf && kind >= 8 {
		kind %= 8
	}
	b := g.b
	switch kind {
	case 0:
		g.expr()
		b.Emit(PopTop, 0)
	case 1:
		g.expr()
		switch g.intn(0, 2, "store") {
		case 0:
			b.EmitLocal(StoreFast, g.local())
		case 1:
			b.EmitName(StoreGlobal, g.name())
		default:
			b.EmitName(StoreName, g.name())
		}
	case 2:
		switch g.intn(0, 2, "delete") {
		case 0:
			b.EmitLocal(DeleteFast, g.local())
		case 1:
			b.EmitName(DeleteGlobal, g.name())
		default:
			b.EmitName(DeleteName, g.name())
		}
	case 3:
		if g.chance("store attr") {
			g.expr()
			g.expr()
			b.EmitName(StoreAttr, g.name())
		} else {
			g.expr()
			b.EmitName(DeleteAttr, g.name())
		}
	case 4:
		switch g.intn(0, 2, "subscript statement") {
		case 0:
			g.exprs(3)
			b.Emit(StoreSubscr, 0)
		case 1:
			g.exprs(2)
			b.Emit(DeleteSubscr, 0)
		default:
			g.exprs(4)
			b.Emit(StoreSlice, 0)
		}
	case 5:
		b.Emit(Nop, 0)
	case 6:
		// from m import a
		b.EmitName(ImportName, g.name())
		b.EmitName(ImportFrom, g.name())
		b.EmitName(StoreName, g.name())
		b.Emit(PopTop, 0)
	case 7:
		n := g.intn(0, 3, "unpack")
		g.expr()
		b.Emit(UnpackSequence, int32(n))
		for range n {
			b.EmitLocal(StoreFast, g.local())
		}
	case 8:
		g.ifStmt()
	case 9:
		// while cond: body
		top, done := b.NewLabel(), b.NewLabel()
		b.Bind(top)
		g.expr()
		b.EmitJump(PopJumpIfFalse, done)
		g.stmts(g.intn(0, 3, "while body"))
		b.EmitJump(JumpBackward, top)
		b.Bind(done)
		b.Emit(Nop, 0)
	case 10:
		// for v in it: body
		top, done := b.NewLabel(), b.NewLabel()
		g.expr()
		b.Emit(GetIter, 0)
		b.Bind(top)
		b.EmitJump(ForIter, done)
		b.EmitLocal(StoreFast, g.local())
		g.stmts(g.intn(0, 3, "for body"))
		b.EmitJump(JumpBackward, top)
		b.Bind(done)
		b.Emit(Nop, 0)
	case 11:
		g.tryExcept()
	case 12:
		g.tryFinally()
	case 13:
		// return or raise in the middle: what follows is unreachable
		switch g.intn(0, 3, "terminator") {
		case 0:
			g.expr()
			b.Emit(ReturnValue, 0)
		case 1:
			b.EmitConst(ReturnConst, g.constant(0))
		default:
			n := g.intn(0, 2, "raise args")
			g.exprs(n)
			b.Emit(RaiseVarargs, int32(n))
		}
	case 14:
		// a, b = b, a
		g.exprs(2)
		b.Emit(Swap, 2)
		b.EmitLocal(StoreFast, g.local())
		b.EmitLocal(StoreFast, g.local())
	case 15:
		g.expr()
		b.Emit(Copy, 1)
		b.Emit(PopTop, 0)
		b.Emit(PopTop, 0)
	case 16:
		g.expr()
		g.expr()
		b.Emit(Copy, 2)
		b.Emit(Swap, 3)
		b.Emit(PopTop, 0)
		b.Emit(PopTop, 0)
		b.Emit(PopTop, 0)
	default:
		// x += 1 on a global
		name := g.name()
		b.EmitName(LoadGlobal, name)
		g.expr()
		b.Emit(BinaryOp, int32(BinInplaceAdd))
		b.EmitName(StoreGlobal, name)
	}
}

func (g *gen) ifStmt() {
	b := g.b
	elseL, end := b.NewLabel(), b.NewLabel()
	g.expr()
	b.EmitJump(rapid.SampledFrom([]Op{PopJumpIfFalse, PopJumpIfTrue, PopJumpIfNone, PopJumpIfNotNone}).Draw(g.t, "if jump"), elseL)
	g.stmts(g.intn(0, 3, "then"))
	if g.chance("else") {
		b.EmitJump(JumpForward, end)
		b.Bind(elseL)
		g.stmts(g.intn(1, 3, "else body"))
		b.Bind(end)
	} else {
		b.Bind(elseL)
	}
	b.Emit(Nop, 0)
}

// tryExcept lays out
//
//	try: body
//	except T as e: handler
func (g *gen) tryExcept() {
	b := g.b
	handler, noMatch, end := b.NewLabel(), b.NewLabel(), b.NewLabel()
	b.EmitJump(SetupExcept, handler)
	g.stmts(g.intn(0, 3, "try body"))
	b.Emit(PopBlock, 0)
	b.EmitJump(JumpForward, end)
	b.Bind(handler)
	g.expr()
	b.Emit(CheckExcMatch, 0)
	b.EmitJump(PopJumpIfFalse, noMatch)
	if g.chance("bind exception") {
		b.EmitLocal(StoreFast, g.local())
	} else {
		b.Emit(PopTop, 0)
	}
	g.stmts(g.intn(0, 2, "handler body"))
	if g.chance("re-raise in handler") {
		b.Emit(RaiseVarargs, 0)
	}
	b.Emit(PopExcept, 0)
	b.EmitJump(JumpForward, end)
	b.Bind(noMatch)
	b.Emit(Reraise, 0)
	b.Bind(end)
	b.Emit(Nop, 0)
}

// tryFinally lays out try: body / finally: cleanup, with the cleanup
// copied on the normal and the exceptional path.
func (g *gen) tryFinally() {
	b := g.b
	handler, end := b.NewLabel(), b.NewLabel()
	b.EmitJump(SetupExcept, handler)
	g.stmts(g.intn(0, 2, "try body"))
	b.Emit(PopBlock, 0)
	b.EmitName(LoadGlobal, "cleanup")
	b.Emit(Call, 0)
	b.Emit(PopTop, 0)
	b.EmitJump(JumpForward, end)
	b.Bind(handler)
	b.EmitName(LoadGlobal, "cleanup")
	b.Emit(Call, 0)
	b.Emit(PopTop, 0)
	b.Emit(Reraise, 0)
	b.Bind(end)
	b.Emit(Nop, 0)
}

func (g *gen) exprs(n int) {
	for range n {
		g.expr()
	}
}

// expr emits code that pushes exactly one value.
func (g *gen) expr() {
	g.level++
	defer func() { g.level-- }()
	b := g.b
	kind := g.intn(0, 21, "expression")
	if g.level > 4 {
		kind %= 3
	}
	switch kind {
	case 0:
		b.EmitConst(LoadConst, g.constant(0))
	case 1:
		b.EmitLocal(LoadFast, g.local())
	case 2:
		b.EmitName(rapid.SampledFrom([]Op{LoadGlobal, LoadName}).Draw(g.t, "load"), g.name())
	case 3:
		g.expr()
		b.EmitName(LoadAttr, g.name())
	case 4:
		g.exprs(2)
		b.Emit(BinaryOp, int32(g.intn(0, int(NumBinOps)-1, "binop")))
	case 5:
		g.expr()
		b.Emit(rapid.SampledFrom([]Op{UnaryNegative, UnaryPositive, UnaryNot, UnaryInvert}).Draw(g.t, "unary"), 0)
	case 6:
		g.exprs(2)
		switch g.intn(0, 2, "compare") {
		case 0:
			b.Emit(CompareOp, int32(g.intn(0, int(NumCmpOps)-1, "cmpop")))
		case 1:
			b.Emit(IsOp, int32(g.intn(0, 1, "is not")))
		default:
			b.Emit(ContainsOp, int32(g.intn(0, 1, "not in")))
		}
	case 7:
		if g.chance("slice") {
			g.exprs(3)
			b.Emit(BinarySlice, 0)
		} else {
			g.exprs(2)
			b.Emit(BinarySubscr, 0)
		}
	case 8:
		op := rapid.SampledFrom([]Op{BuildTuple, BuildList, BuildSet, BuildMap}).Draw(g.t, "build")
		n := g.intn(0, 3, "items")
		if op == BuildMap {
			g.exprs(2 * n)
		} else {
			g.exprs(n)
		}
		b.Emit(op, int32(n))
	case 9, 10:
		method := kind == 10
		g.expr()
		if method {
			b.EmitName(LoadMethod, g.name())
		}
		n := g.intn(0, 3, "args")
		g.exprs(n)
		if n > 0 && g.chance("keywords") {
			k := g.intn(1, n, "keyword args")
			names := rapid.SliceOfNDistinct(rapid.SampledFrom(append(oddStrs, "step", "key", "sep")), k, k, rapid.ID).Draw(g.t, "keywords")
			kw := make(Tuple, k)
			for i, s := range names {
				kw[i] = s
			}
			b.EmitConst(KwNames, kw)
		}
		if method {
			b.Emit(CallMethod, int32(n))
		} else {
			b.Emit(Call, int32(n))
		}
	case 11:
		flag := g.intn(0, 1, "kwargs")
		g.exprs(2 + flag)
		b.Emit(CallEx, int32(flag))
	case 12:
		if g.depth >= 3 || g.codes > 8 {
			b.EmitConst(LoadConst, g.constant(0))
			return
		}
		flag := g.intn(0, 1, "defaults")
		if flag == 1 {
			g.expr()
		}
		b.EmitConst(LoadConst, g.function())
		b.Emit(MakeFunction, int32(flag))
	case 13:
		g.exprs(3)
		b.Emit(BuildClass, 0)
	case 14:
		b.EmitName(ImportName, g.name())
	case 15:
		g.expr()
		b.Emit(Copy, 1)
		b.Emit(BinaryOp, int32(BinMul))
	case 16:
		g.exprs(2)
		b.Emit(Swap, 2)
		b.Emit(BinaryOp, int32(BinSub))
	case 17:
		// a if c else b
		elseL, end := b.NewLabel(), b.NewLabel()
		g.expr()
		b.EmitJump(rapid.SampledFrom([]Op{PopJumpIfFalse, PopJumpIfTrue, PopJumpIfNone, PopJumpIfNotNone}).Draw(g.t, "cond jump"), elseL)
		g.expr()
		b.EmitJump(JumpForward, end)
		b.Bind(elseL)
		g.expr()
		b.Bind(end)
		b.Emit(Nop, 0)
	case 18:
		// [elt for v in it]
		top, done := b.NewLabel(), b.NewLabel()
		b.Emit(BuildList, 0)
		g.expr()
		b.Emit(GetIter, 0)
		b.Bind(top)
		b.EmitJump(ForIter, done)
		b.EmitLocal(StoreFast, g.local())
		g.expr()
		b.Emit(ListAppend, 2)
		b.EmitJump(JumpBackward, top)
		b.Bind(done)
		b.Emit(Nop, 0)
	case 19:
		n := g.intn(0, 3, "unpack")
		g.expr()
		b.Emit(UnpackSequence, int32(n))
		b.Emit(BuildTuple, int32(n))
	case 20:
		g.expr()
		b.Emit(GetIter, 0)
	default:
		b.EmitName(ImportName, g.name())
		b.EmitName(ImportFrom, g.name())
		b.Emit(Swap, 2)
		b.Emit(PopTop, 0)
	}
}

// function returns a code object for MAKE_FUNCTION: a new one, or one made
// earlier in this case (shared between several parents).
func (g *gen) function() *Code {
	if len(g.pool) > 0 && g.intn(0, 3, "reuse code") == 0 {
		return rapid.SampledFrom(g.pool).Draw(g.t, "shared code")
	}
	name := rapid.SampledFrom(funcNames).Draw(g.t, "func name")
	n := g.intn(0, 3, "params")
	params := rapid.SliceOfNDistinct(rapid.SampledFrom(oddLocals), n, n, rapid.ID).Draw(g.t, "params")
	varArgs := n > 0 && g.chance("varargs")
	g.depth++
	defer func() { g.depth-- }()
	return g.code(name, params, varArgs)
}

// constant draws a constant of any kind; depth counts enclosing tuples.
func (g *gen) constant(depth int) Const {
	kinds := 9
	if depth >= 3 {
		kinds = 7
	}
	switch g.intn(0, kinds, "const kind") {
	case 0:
		return nil
	case 1:
		return g.chance("bool")
	case 2:
		return rapid.OneOf(rapid.Int64(), rapid.SampledFrom([]int64{0, 1, -1, math.MaxInt64, math.MinInt64})).Draw(g.t, "int")
	case 3:
		return genBig(g.t)
	case 4:
		return genFloat(g.t)
	case 5, 6:
		return rapid.OneOf(
			rapid.SampledFrom(oddStrs),
			rapid.String(),
			rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }),
		).Draw(g.t, "string")
	case 7, 8:
		n := g.intn(0, 3, "tuple len")
		t := make(Tuple, n)
		for i := range t {
			t[i] = g.constant(depth + 1)
		}
		return t
	default:
		if g.depth >= 3 || g.codes > 8 {
			return Tuple{}
		}
		// A code object inside a tuple: reachable, but not a function.
		return Tuple{g.function()}
	}
}

func genBig(t *rapid.T) *big.Int {
	mag := rapid.SliceOfN(rapid.Byte(), 8, 40).Draw(t, "big magnitude")
	z := new(big.Int).SetBytes(mag)
	limit := new(big.Int).Lsh(big.NewInt(1), 63)
	if z.Cmp(limit) < 0 {
		z.Add(z, limit) // at least 2^63: never fits int64
	}
	switch rapid.IntRange(0, 3).Draw(t, "big sign") {
	case 0:
		z.Neg(z)
	case 1:
		z.Set(limit) // exactly 2^63
	case 2:
		z.Neg(limit).Sub(z, big.NewInt(1)) // -2^63-1
	}
	return z
}

func genFloat(t *rapid.T) float64 {
	switch rapid.IntRange(0, 4).Draw(t, "float kind") {
	case 0:
		return rapid.Float64().Draw(t, "float")
	case 1:
		return math.Float64frombits(rapid.Uint64().Draw(t, "float bits"))
	case 2:
		// A NaN with any payload and sign.
		bits := rapid.Uint64().Draw(t, "nan bits")
		bits |= 0x7ff0000000000000
		if bits&0xfffffffffffff == 0 {
			bits |= 1
		}
		return math.Float64frombits(bits)
	default:
		return rapid.SampledFrom([]float64{
			0, math.Copysign(0, -1), 1, -1, 0.1, 1e21, 1e-7, 100, 5e-324, math.MaxFloat64,
			math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 123456789,
		}).Draw(t, "special float")
	}
}
