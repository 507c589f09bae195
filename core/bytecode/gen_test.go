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
	// Cells and free variables come from pools of their own (and a cell
	// may also be named like a parameter), so that they never collide
	// with a local the generator declares.
	oddCells = []string{"c", "cell", "é2", "a b c", "__class__", "module"}
	oddFree  = []string{"fv", "outer", "z z", "\x01", "locals"}
	oddStrs  = []string{"", "a", "hello, \"world\"\n", "; not a comment", "\\", "\xff", "\xc3", "\u2028", "\x00\x01\x7f", "é", "@f", "(1,)", "\ufffd", "\U0010FFFF"}
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
		return g.code(rapid.SampledFrom(funcNames).Draw(t, "top name"), g.signature(), nil)
	}
	return g.code("<module>", signature{}, nil)
}

// signature is a code object's parameters.
type signature struct {
	params  []string
	varArgs bool
	posOnly int
	kwOnly  []string
	varKw   string // "" when none
}

// signature draws parameters of every kind, all from oddLocals.
func (g *gen) signature() signature {
	n := g.intn(0, 6, "parameters")
	names := rapid.SliceOfNDistinct(rapid.SampledFrom(oddLocals), n, n, rapid.ID).Draw(g.t, "parameter names")
	var s signature
	npos := g.intn(0, n, "positional")
	s.params = names[:npos]
	rest := names[npos:]
	s.varArgs = npos > 0 && g.chance("varargs")
	npure := npos
	if s.varArgs {
		npure--
	}
	s.posOnly = g.intn(0, npure, "positional-only")
	if len(rest) > 0 && g.chance("varkw") {
		s.varKw = rest[len(rest)-1]
		rest = rest[:len(rest)-1]
	}
	s.kwOnly = rest
	return s
}

// code builds one code object with the given signature and free
// variables; the module when name is "<module>" and the signature empty.
func (g *gen) code(name string, sig signature, free []string) *Code {
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
	g.b.SetParams(sig.varArgs, sig.params...)
	g.b.SetPosOnly(sig.posOnly)
	if len(sig.kwOnly) > 0 {
		g.b.SetKwOnly(sig.kwOnly...)
	}
	if sig.varKw != "" {
		g.b.SetVarKeywords(sig.varKw)
	}
	if g.intn(0, 3, "qualname") == 0 {
		g.b.SetQualName(rapid.SampledFrom([]string{"f.<locals>.g", "C.m", name, "", "π.<locals>.<lambda>"}).Draw(g.t, "qualname"))
	}
	g.b.SetGenerator(name != "<module>" && g.intn(0, 2, "generator") == 0)
	if g.intn(0, 4, "doc") == 0 {
		g.b.SetDoc(rapid.SampledFrom(oddStrs).Draw(g.t, "doc"))
	}
	if g.chance("cells") {
		pool := append(append([]string(nil), oddCells...), g.b.code.Locals...)
		n := g.intn(1, 3, "cells")
		for _, c := range rapid.SliceOfNDistinct(rapid.SampledFrom(pool), n, n, rapid.ID).Draw(g.t, "cells") {
			g.b.AddCell(c)
		}
	}
	for _, f := range free {
		g.b.AddFree(f)
	}
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

// cellVar draws one of the code's cells or free variables; ok is false
// when it has none.
func (g *gen) cellVar() (string, bool) {
	vars := append(append([]string(nil), g.b.code.Cells...), g.b.code.Free...)
	if len(vars) == 0 {
		return "", false
	}
	return rapid.SampledFrom(vars).Draw(g.t, "cell var"), true
}

func (g *gen) nextLine() {
	switch g.intn(0, 6, "line step") {
	case 0:
		// same line
	case 1:
		g.line = rapid.Int32().Draw(g.t, "any line")
	default:
		if g.line < math.MaxInt32 {
			g.line++
		}
	}
	g.b.SetLine(g.line)
	if g.intn(0, 2, "position") == 0 {
		// A span inside the line or running over the next ones.
		p := Position{Line: g.line, Col: int32(g.intn(0, 80, "col")), EndLine: g.line}
		if g.line < math.MaxInt32-2 {
			p.EndLine += int32(g.intn(0, 2, "end line"))
		}
		p.EndCol = int32(g.intn(0, 90, "end col"))
		if p.EndLine == p.Line {
			p.EndCol = p.Col + int32(g.intn(0, 10, "width"))
		}
		g.b.SetPosition(p)
	}
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
	kind := g.intn(0, 22, "statement")
	if leaf && kind >= 8 && kind < 18 {
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
	case 17:
		// x += 1 on a global
		name := g.name()
		b.EmitName(LoadGlobal, name)
		g.expr()
		b.Emit(BinaryOp, int32(BinInplaceAdd))
		b.EmitName(StoreGlobal, name)
	case 18:
		// x = e or del x on a cell
		v, ok := g.cellVar()
		if !ok {
			b.Emit(Nop, 0)
			return
		}
		if len(b.code.Cells) > 0 && g.chance("fresh cell") {
			b.EmitCell(MakeCell, rapid.SampledFrom(b.code.Cells).Draw(g.t, "fresh"))
		} else if g.chance("delete cell") {
			b.EmitCell(DeleteDeref, v)
		} else {
			g.expr()
			b.EmitCell(StoreDeref, v)
		}
	case 19:
		// from m import *
		b.EmitName(ImportName, g.name())
		b.Emit(ImportStar, 0)
	case 20:
		// a, *b, c = e
		before, after := g.intn(0, 2, "before star"), g.intn(0, 2, "after star")
		g.expr()
		b.Emit(UnpackEx, UnpackExArg(before, after))
		for range before + 1 + after {
			b.EmitLocal(StoreFast, g.local())
		}
	case 21:
		g.withStmt()
	default:
		// assert e, msg
		ok := b.NewLabel()
		g.expr()
		b.EmitJump(PopJumpIfTrue, ok)
		b.Emit(LoadAssertionError, 0)
		if g.chance("assert message") {
			g.expr()
			b.Emit(Call, 0)
		}
		b.Emit(RaiseVarargs, 1)
		b.Bind(ok)
		b.Emit(Nop, 0)
	}
}

// withStmt lays out a with statement as docs/python.md has it.
func (g *gen) withStmt() {
	b := g.b
	handler, suppress, after := b.NewLabel(), b.NewLabel(), b.NewLabel()
	g.expr()
	b.Emit(BeforeWith, 0)
	if g.chance("with target") {
		b.EmitLocal(StoreFast, g.local())
	} else {
		b.Emit(PopTop, 0)
	}
	b.EmitJump(SetupExcept, handler)
	g.stmts(g.intn(0, 2, "with body"))
	b.Emit(PopBlock, 0)
	for range 3 {
		b.EmitConst(LoadConst, nil)
	}
	b.Emit(Call, 3)
	b.Emit(PopTop, 0)
	b.EmitJump(JumpForward, after)
	b.Bind(handler)
	b.Emit(WithExceptStart, 0)
	b.EmitJump(PopJumpIfTrue, suppress)
	b.Emit(Reraise, 0)
	b.Bind(suppress)
	b.Emit(PopTop, 0)
	b.Emit(PopExcept, 0)
	b.Emit(PopTop, 0)
	b.Bind(after)
	b.Emit(Nop, 0)
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
	kind := g.intn(0, 34, "expression")
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
		fc := g.function()
		flag := int32(0)
		if g.chance("defaults") {
			flag |= MakeFunctionDefaults
			g.expr()
		}
		if g.chance("kwdefaults") {
			flag |= MakeFunctionKwDefaults
			b.EmitConst(LoadConst, "k")
			g.expr()
			b.Emit(BuildMap, 1)
		}
		if len(fc.Free) > 0 {
			flag |= MakeFunctionClosure
			for range fc.Free {
				if v, ok := g.cellVar(); ok && g.chance("pass a cell on") {
					b.EmitCell(LoadClosure, v)
				} else {
					g.expr()
				}
			}
			b.Emit(BuildTuple, int32(len(fc.Free)))
		}
		b.EmitConst(LoadConst, fc)
		b.Emit(MakeFunction, flag)
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
	case 21:
		b.EmitName(ImportName, g.name())
		b.EmitName(ImportFrom, g.name())
		b.Emit(Swap, 2)
		b.Emit(PopTop, 0)
	case 22:
		v, ok := g.cellVar()
		if !ok {
			b.Emit(LoadBuildClass, 0)
			return
		}
		b.EmitCell(rapid.SampledFrom([]Op{LoadDeref, LoadClosure, LoadClassDeref}).Draw(g.t, "cell load"), v)
	case 23:
		b.Emit(rapid.SampledFrom([]Op{LoadBuildClass, LoadAssertionError}).Draw(g.t, "load special"), 0)
	case 24:
		n := g.intn(2, 3, "slice parts")
		g.exprs(n)
		b.Emit(BuildSlice, int32(n))
	case 25:
		// an f-string
		n := g.intn(0, 3, "string parts")
		for range n {
			if g.chance("literal part") {
				b.EmitConst(LoadConst, rapid.SampledFrom(oddStrs).Draw(g.t, "literal"))
				continue
			}
			g.expr()
			flag := int32(g.intn(0, 3, "conversion"))
			if g.chance("format spec") {
				g.expr()
				flag |= FormatWithSpec
			}
			b.Emit(FormatValue, flag)
		}
		b.Emit(BuildString, int32(n))
	case 26:
		// [*a, b] or (*a, b)
		b.Emit(BuildList, 0)
		g.expr()
		b.Emit(ListExtend, 1)
		g.expr()
		b.Emit(ListAppend, 1)
		if g.chance("tuple display") {
			b.Emit(ListToTuple, 0)
		}
	case 27:
		// {*a, b}
		b.Emit(BuildSet, 0)
		g.expr()
		b.Emit(SetUpdate, 1)
		g.expr()
		b.Emit(SetAdd, 1)
	case 28:
		// {**a, k: v}, or the keywords of f(**a, k=v)
		b.Emit(BuildMap, 0)
		g.expr()
		if g.chance("merge") {
			b.Emit(DictMerge, 1)
		} else {
			b.Emit(DictUpdate, 1)
		}
		g.exprs(2)
		b.Emit(MapAdd, 1)
	case 29:
		// the items of a star unpacking, gathered again
		before, after := g.intn(0, 2, "before star"), g.intn(0, 2, "after star")
		g.expr()
		b.Emit(UnpackEx, UnpackExArg(before, after))
		b.Emit(BuildTuple, int32(before+1+after))
	case 30:
		// a comprehension's accumulators, deeper in the stack
		b.Emit(BuildSet, 0)
		b.Emit(BuildMap, 0)
		g.expr()
		b.Emit(SetAdd, 2)
		g.exprs(2)
		b.Emit(MapAdd, 2)
		b.Emit(Swap, 2)
		b.Emit(PopTop, 0)
	case 31, 32:
		if !g.b.code.Generator {
			g.expr()
			b.Emit(GetYieldFromIter, 0)
			return
		}
		if kind == 31 {
			g.expr()
			b.Emit(YieldValue, 0)
			return
		}
		g.expr()
		b.Emit(GetYieldFromIter, 0)
		b.EmitConst(LoadConst, nil)
		b.Emit(YieldFrom, 0)
	case 33:
		// __build_class__(func, name, base)
		b.Emit(LoadBuildClass, 0)
		g.exprs(3)
		b.Emit(Call, 3)
	default:
		// f(*a, **k)
		g.expr()
		b.Emit(BuildList, 0)
		g.expr()
		b.Emit(ListExtend, 1)
		b.Emit(ListToTuple, 0)
		b.Emit(BuildMap, 0)
		g.expr()
		b.Emit(DictMerge, 1)
		b.Emit(CallEx, 1)
	}
}

// function returns a code object for MAKE_FUNCTION: a new one, or one made
// earlier in this case (shared between several parents).
func (g *gen) function() *Code {
	if len(g.pool) > 0 && g.intn(0, 3, "reuse code") == 0 {
		return rapid.SampledFrom(g.pool).Draw(g.t, "shared code")
	}
	name := rapid.SampledFrom(funcNames).Draw(g.t, "func name")
	sig := g.signature()
	var free []string
	if g.chance("free variables") {
		n := g.intn(1, 2, "free")
		free = rapid.SliceOfNDistinct(rapid.SampledFrom(oddFree), n, n, rapid.ID).Draw(g.t, "free")
	}
	g.depth++
	defer func() { g.depth-- }()
	return g.code(name, sig, free)
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
	case 6:
		if g.chance("ellipsis") {
			return Ellipsis
		}
		return Bytes(rapid.OneOf(
			rapid.SampledFrom(oddStrs),
			rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }),
		).Draw(g.t, "bytes"))
	case 5:
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
