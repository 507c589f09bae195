package compile

import (
	"fmt"
	"math/big"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/resolve"
	"github.com/rwgil/rwgil/python/syntax"
)

// Compile compiles the Python 3.12 module src, read from the file
// filename, into the code object of its module body; the functions and
// classes it defines are code objects in its constants. The error is a
// *syntax.Error (SyntaxError, IndentationError or TabError, with CPython
// 3.12's message and position) for source that does not compile.
func Compile(filename string, src []byte) (*bytecode.Code, error) {
	mod, err := syntax.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	return compileModule(filename, src, mod)
}

// CompileFile is Compile for a program that is run as a script, as
// `rwgil run` and python.Run do: its syntax errors have the positions
// CPython gives when it runs the file (syntax.ParseFile), where Compile's
// are those of CPython's compile().
func CompileFile(filename string, src []byte) (*bytecode.Code, error) {
	mod, err := syntax.ParseFile(filename, src)
	if err != nil {
		return nil, err
	}
	return compileModule(filename, src, mod)
}

// CompileEval compiles src as eval() does: the source must be one
// expression (on as many lines as it needs), and the code returns its
// value. Anything else -- a statement, two expressions, nothing -- is
// CPython's "invalid syntax", at the first token that is not part of the
// expression where this front end can tell, else at the start.
func CompileEval(filename string, src []byte) (*bytecode.Code, error) {
	mod, err := syntax.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	return compileModuleAs(filename, src, mod, true)
}

// compileModule compiles a module parsed from src (which the errors
// quote). It folds constants in the tree in place.
func compileModule(filename string, src []byte, mod *syntax.Module) (code *bytecode.Code, err error) {
	return compileModuleAs(filename, src, mod, false)
}

// compileModuleAs is compileModule, for eval's code if eval is set.
func compileModuleAs(filename string, src []byte, mod *syntax.Module, eval bool) (code *bytecode.Code, err error) {
	c := &compiler{filename: filename, src: src}
	defer func() {
		if x := recover(); x != nil {
			b, ok := x.(bailout)
			if !ok {
				panic(x)
			}
			code, err = nil, b.err
		}
	}()
	// The order of CPython's passes, and so of its errors: the future
	// statements, the symbol table, the code generator.
	c.checkFuture(mod.Body)
	if err := checkDepth(filename, mod); err != nil {
		return nil, err
	}
	folder{}.body(mod.Body)
	if c.table, err = resolve.Resolve(filename, src, mod); err != nil {
		return nil, err
	}
	if eval {
		return c.evalModule(mod), nil
	}
	return c.module(mod), nil
}

// maxDepth is how deeply statements, expressions and patterns may nest,
// counted from a top-level statement down to a leaf: CPython 3.12 refuses
// deeper trees (1 + 1 + ... with 3000 operands, as x = ..., nests 3001)
// with RecursionError "maximum recursion depth exceeded during
// compilation", and the passes after the parser (folding, the symbol
// table, the code generator) recurse on the Go stack, which a tree
// millions deep would overflow.
const maxDepth = 3000

// checkDepth returns CPython's RecursionError for a tree nested deeper
// than maxDepth. It stops descending there, so it recurses no deeper
// itself.
func checkDepth(filename string, mod *syntax.Module) error {
	depth, deepest := 0, 0
	var stack []bool // whether each node entered counted
	syntax.Inspect(mod, func(n syntax.Node) bool {
		if n == nil {
			if stack[len(stack)-1] {
				depth--
			}
			stack = stack[:len(stack)-1]
			return false
		}
		counts := false
		switch n.(type) {
		case syntax.Stmt, syntax.Expr, syntax.Pattern:
			counts = true
		}
		if counts {
			depth++
			deepest = max(deepest, depth)
		}
		if depth > maxDepth {
			if counts {
				depth--
			}
			return false // not entered: no f(nil) will follow
		}
		stack = append(stack, counts)
		return true
	})
	if deepest > maxDepth {
		return &syntax.Error{Kind: syntax.KindRecursionError, Filename: filename, Msg: "maximum recursion depth exceeded during compilation"}
	}
	return nil
}

// bailout carries the first compile error out of the code generator.
type bailout struct{ err error }

type compiler struct {
	filename string
	src      []byte
	table    *resolve.Table
	u        *unit   // the code object being generated
	stack    []*unit // its enclosing ones
	// futureAnnotations: from __future__ import annotations.
	futureAnnotations bool
	// futures are the module's leading __future__ imports.
	futures map[*syntax.ImportFrom]bool
}

// errorAt stops the compilation with a SyntaxError at p.
func (c *compiler) errorAt(p syntax.Pos, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	panic(bailout{resolve.ErrorAt(c.filename, c.src, p, msg)})
}

// unsupported stops the compilation at a construct rwgil does not run.
func (c *compiler) unsupported(p syntax.Pos, what string) {
	c.errorAt(p, "rwgil does not support %s", what)
}

// unitKind is what a code object is the body of.
type unitKind uint8

const (
	unitModule unitKind = iota
	unitClass
	unitFunction
	unitLambda
	unitComprehension // a generator expression's function
)

// A label names an instruction of a unit; it is bound (to the index of
// the next instruction emitted) once.
type label int

const noLabel label = -1

// instr is one instruction with a symbolic operand.
type instr struct {
	op     bytecode.Op
	arg    int32          // count, flag, binop, cmpop
	name   string         // name, local and cell operands
	konst  bytecode.Const // const operands
	target label          // jump operands
	pos    bytecode.Position
}

// unit is one code object being generated.
type unit struct {
	kind     unitKind
	scope    *resolve.Scope
	name     string // Code.Name
	qualname string
	private  string // the class name that mangles __names, or ""

	firstLine int
	doc       string   // Code.Doc: a function's docstring
	params    []string // Code.Params
	posOnly   int
	kwOnly    []string
	varArgs   bool
	varKw     string // the **kwargs parameter, or ""
	cells     []string
	free      []string

	instrs     []instr
	labelAt    []int // label -> instruction index, or -1
	refs       []int // label -> live jumps to it
	blockStart int   // index of the first instruction of the current basic block
	dead       bool  // the next instruction cannot be reached
	pos        bytecode.Position

	fblocks []fblock
	comps   []*compState // the inlined comprehensions being generated, innermost last
	hidden  map[string]bool
}

func (c *compiler) pushUnit(u *unit) {
	if c.u != nil {
		c.stack = append(c.stack, c.u)
	}
	c.u = u
}

func (c *compiler) popUnit() {
	if n := len(c.stack); n > 0 {
		c.u = c.stack[n-1]
		c.stack = c.stack[:n-1]
	} else {
		c.u = nil
	}
}

// position converts a node's span to an instruction's.
func position(p syntax.Pos) bytecode.Position {
	if p.Lineno <= 0 {
		return bytecode.Position{}
	}
	end, endCol := p.EndLineno, p.EndColOffset
	if end < p.Lineno || end == p.Lineno && endCol < p.ColOffset {
		end, endCol = p.Lineno, p.ColOffset
	}
	return bytecode.Position{Line: int32(p.Lineno), Col: int32(max(p.ColOffset, 0)), EndLine: int32(end), EndCol: int32(max(endCol, 0))}
}

// noPos is CPython's NO_LOCATION: the instruction takes the position of
// the one before it.
var noPos = syntax.Pos{}

// ----------------------------------------------------------- emission

func (u *unit) newLabel() label {
	u.labelAt = append(u.labelAt, -1)
	u.refs = append(u.refs, 0)
	return label(len(u.labelAt) - 1)
}

// bind places l at the next instruction. Code after an unconditional
// transfer is dead until a label that a live jump uses is bound.
func (u *unit) bind(l label) {
	n := len(u.instrs)
	// A jump to the very next instruction is no jump: the code before it
	// falls through instead.
	if n > 0 && u.dead && n-1 >= u.blockStart {
		if last := u.instrs[n-1]; last.op == bytecode.JumpForward && last.target == l {
			u.instrs = u.instrs[:n-1]
			u.refs[l]--
			n--
			u.dead = false
		}
	}
	u.labelAt[l] = n
	if u.dead && u.refs[l] == 0 {
		return // an unreachable label starts no block: the dead code goes on
	}
	u.blockStart = n
	u.dead = false
}

func (u *unit) add(in instr) {
	if u.dead {
		return
	}
	if in.pos == (bytecode.Position{}) {
		in.pos = u.pos
	} else {
		u.pos = in.pos
	}
	u.instrs = append(u.instrs, in)
	info := in.op.Info()
	if info.Jump {
		u.refs[in.target]++
	}
	if info.NoFallThrough {
		u.dead = true
	}
}

// last returns the previous instruction when it is in the current basic
// block (so that a peephole may rewrite it), else nil.
func (u *unit) last() *instr {
	if u.dead || len(u.instrs) == 0 || len(u.instrs)-1 < u.blockStart {
		return nil
	}
	return &u.instrs[len(u.instrs)-1]
}

func (c *compiler) op(op bytecode.Op, p syntax.Pos) {
	c.u.add(instr{op: op, pos: position(p)})
}

func (c *compiler) opArg(op bytecode.Op, arg int, p syntax.Pos) {
	u := c.u
	if !u.dead {
		switch op {
		case bytecode.BuildTuple:
			if c.foldBuildTuple(arg, p) {
				return
			}
		case bytecode.UnpackSequence:
			// BUILD_TUPLE n then UNPACK_SEQUENCE n is a swap (CPython's
			// flow-graph optimizer).
			if l := u.last(); l != nil && l.op == bytecode.BuildTuple && int(l.arg) == arg && arg >= 1 && arg <= 3 {
				u.instrs = u.instrs[:len(u.instrs)-1]
				if arg > 1 {
					u.add(instr{op: bytecode.Swap, arg: int32(arg), pos: position(p)})
				}
				return
			}
		}
	}
	u.add(instr{op: op, arg: int32(arg), pos: position(p)})
}

// foldBuildTuple turns LOAD_CONST x n; BUILD_TUPLE n into one LOAD_CONST
// of the tuple, as CPython's flow-graph optimizer does.
func (c *compiler) foldBuildTuple(n int, p syntax.Pos) bool {
	u := c.u
	if n == 0 || len(u.instrs)-n < u.blockStart || u.dead {
		return false
	}
	items := make(bytecode.Tuple, n)
	base := len(u.instrs) - n
	for i := 0; i < n; i++ {
		in := u.instrs[base+i]
		if in.op != bytecode.LoadConst {
			return false
		}
		items[i] = in.konst
	}
	if constDepth(items) > bytecode.MaxNesting {
		return false
	}
	first := u.instrs[base].pos
	u.instrs = u.instrs[:base]
	u.add(instr{op: bytecode.LoadConst, konst: items, pos: first})
	u.instrs[len(u.instrs)-1].pos = position(p)
	return true
}

func constDepth(k bytecode.Const) int {
	t, ok := k.(bytecode.Tuple)
	if !ok {
		return 0
	}
	d := 0
	for _, x := range t {
		d = max(d, constDepth(x))
	}
	return d + 1
}

func (c *compiler) opConst(op bytecode.Op, k bytecode.Const, p syntax.Pos) {
	c.u.add(instr{op: op, konst: k, pos: position(p)})
}

func (c *compiler) loadConst(k bytecode.Const, p syntax.Pos) { c.opConst(bytecode.LoadConst, k, p) }

func (c *compiler) opName(op bytecode.Op, name string, p syntax.Pos) {
	c.u.add(instr{op: op, name: name, pos: position(p)})
}

func (c *compiler) jump(op bytecode.Op, l label, p syntax.Pos) {
	u := c.u
	if u.dead {
		return
	}
	if op == bytecode.JumpForward && u.labelAt[l] >= 0 {
		op = bytecode.JumpBackward
	}
	if u.labelAt[l] >= 0 && op != bytecode.JumpBackward {
		// A conditional jump backward: CPython's assembler turns it
		// into the opposite jump over a JUMP_BACKWARD.
		inverse := map[bytecode.Op]bytecode.Op{
			bytecode.PopJumpIfFalse:   bytecode.PopJumpIfTrue,
			bytecode.PopJumpIfTrue:    bytecode.PopJumpIfFalse,
			bytecode.PopJumpIfNone:    bytecode.PopJumpIfNotNone,
			bytecode.PopJumpIfNotNone: bytecode.PopJumpIfNone,
		}[op]
		next := u.newLabel()
		c.jump(inverse, next, p)
		c.jump(bytecode.JumpBackward, l, p)
		u.bind(next)
		return
	}
	if op == bytecode.PopJumpIfFalse || op == bytecode.PopJumpIfTrue {
		// x is None / is not None in a condition (CPython's optimizer).
		n := len(u.instrs)
		if n >= 2 && n-2 >= u.blockStart && u.instrs[n-1].op == bytecode.IsOp &&
			u.instrs[n-2].op == bytecode.LoadConst && u.instrs[n-2].konst == nil {
			negate := u.instrs[n-1].arg == 1
			jumpIfNone := (op == bytecode.PopJumpIfTrue) != negate
			u.instrs = u.instrs[:n-2]
			op = bytecode.PopJumpIfNotNone
			if jumpIfNone {
				op = bytecode.PopJumpIfNone
			}
		}
	}
	u.add(instr{op: op, target: l, pos: position(p)})
}

// returnValue emits RETURN_VALUE, or RETURN_CONST after a LOAD_CONST.
func (c *compiler) returnValue(p syntax.Pos) {
	if l := c.u.last(); l != nil && l.op == bytecode.LoadConst {
		l.op = bytecode.ReturnConst
		if pp := position(p); pp != (bytecode.Position{}) {
			l.pos = pp
		}
		c.u.dead = true
		return
	}
	c.op(bytecode.ReturnValue, p)
}

// ----------------------------------------------------------- building

// build hands the unit's instructions to a bytecode.Builder.
func (c *compiler) build(u *unit) *bytecode.Code {
	b := bytecode.NewBuilder(u.name, c.filename)
	b.SetFirstLine(int32(u.firstLine))
	if u.kind != unitModule {
		b.SetQualName(u.qualname)
	}
	if u.kind != unitModule && u.kind != unitClass {
		b.SetParams(u.varArgs, u.params...)
		b.SetPosOnly(u.posOnly)
		if len(u.kwOnly) > 0 {
			b.SetKwOnly(u.kwOnly...)
		}
		if u.varKw != "" {
			b.SetVarKeywords(u.varKw)
		}
	}
	b.SetDoc(u.doc)
	b.SetGenerator(u.scope != nil && u.scope.Generator && u.kind != unitModule && u.kind != unitClass)
	for _, n := range u.cells {
		b.AddCell(n)
	}
	for _, n := range u.free {
		b.AddFree(n)
	}
	labels := make([]bytecode.Label, len(u.labelAt))
	at := make(map[int][]label)
	for l, i := range u.labelAt {
		labels[l] = b.NewLabel()
		if i >= 0 && u.refs[l] > 0 {
			at[i] = append(at[i], label(l))
		}
	}
	line := int32(u.firstLine)
	for i, in := range u.instrs {
		for _, l := range at[i] {
			b.Bind(labels[l])
		}
		if in.pos != (bytecode.Position{}) {
			b.SetPosition(in.pos)
			line = in.pos.Line
		} else {
			b.SetLine(line)
		}
		switch in.op.Info().Operand {
		case bytecode.OperandConst:
			b.EmitConst(in.op, in.konst)
		case bytecode.OperandName:
			b.EmitName(in.op, in.name)
		case bytecode.OperandLocal:
			b.EmitLocal(in.op, in.name)
		case bytecode.OperandCell:
			b.EmitCell(in.op, in.name)
		case bytecode.OperandJump:
			b.EmitJump(in.op, labels[in.target])
		default:
			b.Emit(in.op, in.arg)
		}
	}
	code, err := b.Build()
	if err != nil {
		// A bug in the code generator, not in the program: report it at
		// the code object's first line rather than crash.
		c.errorAt(syntax.Pos{Lineno: max(u.firstLine, 1), EndLineno: max(u.firstLine, 1)},
			"rwgil internal compiler error: %v", err)
	}
	return code
}

// bigConst returns an integer constant in bytecode's representation.
func bigConst(x *big.Int) bytecode.Const {
	if x.IsInt64() {
		return x.Int64()
	}
	return new(big.Int).Set(x)
}
