package compile

import (
	"strings"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/syntax"
)

// stackUseGuideline is CPython's STACK_USE_GUIDELINE: displays and calls
// with more items than this are built a piece at a time, so that the
// operand stack stays small.
const stackUseGuideline = 30

// maxBlocks is CPython's CO_MAXBLOCKS: how deeply loops, try, with and
// except blocks may nest in one function.
const maxBlocks = 20

// fblockKind is the kind of a frame block: a construct that a return,
// break or continue inside it must clean up after (CPython's fblocktype).
type fblockKind uint8

const (
	fbWhile fblockKind = iota
	fbFor
	fbTryExcept
	fbFinallyTry
	fbFinallyEnd
	fbWith
	fbHandlerCleanup
	fbPopValue
	fbExceptionHandler
)

type fblock struct {
	kind  fblockKind
	block label         // a loop's continue target
	exit  label         // a loop's break target
	final []syntax.Stmt // fbFinallyTry: the finally body
	name  string        // fbHandlerCleanup: the except clause's name, or ""
	pos   syntax.Pos    // fbWith: the with statement
}

func (c *compiler) pushBlock(fb fblock, p syntax.Pos) {
	if len(c.u.fblocks) >= maxBlocks {
		c.errorAt(p, "too many statically nested blocks")
	}
	c.u.fblocks = append(c.u.fblocks, fb)
}

func (c *compiler) popBlock() { c.u.fblocks = c.u.fblocks[:len(c.u.fblocks)-1] }

// unwind emits the cleanup of one frame block for a return (preserve: the
// return value is on top of the stack and must stay there), break or
// continue (CPython's compiler_unwind_fblock).
func (c *compiler) unwind(fb fblock, preserve bool, p *syntax.Pos) {
	switch fb.kind {
	case fbWhile, fbExceptionHandler:
	case fbFor, fbPopValue:
		if preserve {
			c.opArg(bytecode.Swap, 2, *p)
		}
		c.op(bytecode.PopTop, *p)
	case fbTryExcept:
		c.op(bytecode.PopBlock, *p)
	case fbFinallyTry:
		c.op(bytecode.PopBlock, *p)
		if preserve {
			c.pushBlock(fblock{kind: fbPopValue}, *p)
		}
		c.stmts(fb.final)
		if preserve {
			c.popBlock()
		}
		*p = noPos
	case fbFinallyEnd:
		if preserve {
			c.opArg(bytecode.Swap, 2, *p)
		}
		c.op(bytecode.PopTop, *p) // the exception
		c.op(bytecode.PopExcept, *p)
	case fbWith:
		*p = fb.pos
		c.op(bytecode.PopBlock, *p)
		if preserve {
			c.opArg(bytecode.Swap, 2, *p)
		}
		c.callExitWithNones(*p)
		c.op(bytecode.PopTop, *p)
		*p = noPos
	case fbHandlerCleanup:
		if fb.name != "" {
			c.op(bytecode.PopBlock, *p)
		}
		c.op(bytecode.PopExcept, *p)
		if fb.name != "" {
			c.loadConst(nil, *p)
			c.nameOp(fb.name, syntax.Store, *p)
			c.nameOp(fb.name, syntax.Del, *p)
		}
	}
}

// unwindStack unwinds the frame blocks from the innermost out, stopping
// at the innermost loop when loop is set, and returns that loop's index
// (-1 if there is none).
func (c *compiler) unwindStack(p *syntax.Pos, preserve, loop bool) int {
	u := c.u
	for i := len(u.fblocks) - 1; i >= 0; i-- {
		top := u.fblocks[i]
		if loop && (top.kind == fbWhile || top.kind == fbFor) {
			return i
		}
		saved := append([]fblock(nil), u.fblocks...)
		u.fblocks = saved[:i:i]
		c.unwind(top, preserve, p)
		u.fblocks = saved
	}
	return -1
}

func (c *compiler) callExitWithNones(p syntax.Pos) {
	c.loadConst(nil, p)
	c.loadConst(nil, p)
	c.loadConst(nil, p)
	c.opArg(bytecode.Call, 3, p)
}

func (c *compiler) stmts(list []syntax.Stmt) {
	for _, s := range list {
		c.stmt(s)
	}
}

func (c *compiler) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.FunctionDef:
		c.functionDef(s)
	case *syntax.ClassDef:
		c.classDef(s)
	case *syntax.Return:
		c.returnStmt(s)
	case *syntax.Delete:
		for _, t := range s.Targets {
			c.expr(t)
		}
	case *syntax.Assign:
		c.expr(s.Value)
		for i, t := range s.Targets {
			if i < len(s.Targets)-1 {
				c.opArg(bytecode.Copy, 1, s.Pos)
			}
			c.expr(t)
		}
	case *syntax.AugAssign:
		c.augAssign(s)
	case *syntax.AnnAssign:
		c.annAssign(s)
	case *syntax.For:
		c.forStmt(s)
	case *syntax.While:
		c.whileStmt(s)
	case *syntax.If:
		c.ifStmt(s)
	case *syntax.With:
		c.with(s, 0)
	case *syntax.Raise:
		n := 0
		if s.Exc != nil {
			c.expr(s.Exc)
			n++
			if s.Cause != nil {
				c.expr(s.Cause)
				n++
			}
		}
		c.opArg(bytecode.RaiseVarargs, n, s.Pos)
	case *syntax.Try:
		if len(s.Finalbody) > 0 {
			c.tryFinally(s)
		} else {
			c.tryExcept(s)
		}
	case *syntax.Assert:
		c.assert(s)
	case *syntax.Import:
		c.importStmt(s)
	case *syntax.ImportFrom:
		c.importFrom(s)
	case *syntax.Global, *syntax.Nonlocal, *syntax.Pass:
	case *syntax.ExprStmt:
		if _, ok := s.Value.(*syntax.Constant); ok {
			return // a docstring or a lone constant: no code
		}
		c.expr(s.Value)
		c.op(bytecode.PopTop, noPos)
	case *syntax.Break:
		c.breakStmt(s)
	case *syntax.Continue:
		c.continueStmt(s)
	case *syntax.AsyncFunctionDef:
		c.checkDebugArgs(s.Args)
		c.unsupported(s.Pos, "async functions")
	case *syntax.AsyncFor:
		c.asyncOutside(s.Pos, "'async for' outside async function")
	case *syntax.AsyncWith:
		c.asyncOutside(s.Pos, "'async with' outside async function")
	case *syntax.Match:
		c.unsupported(s.Pos, "the match statement")
	case *syntax.TryStar:
		c.unsupported(s.Pos, "except*")
	case *syntax.TypeAlias:
		c.unsupported(s.Pos, "type aliases (PEP 695)")
	default:
		c.unsupported(s.Position(), "this statement")
	}
}

// asyncOutside reports async for / async with: CPython's error outside an
// async function, and rwgil's (no coroutines) inside one.
func (c *compiler) asyncOutside(p syntax.Pos, msg string) {
	if c.u.scope.Coroutine && c.u.kind == unitFunction {
		c.unsupported(p, "coroutines (async for, async with)")
	}
	c.errorAt(p, "%s", msg)
}

func (c *compiler) returnStmt(s *syntax.Return) {
	if !c.u.scope.FunctionLike() {
		c.errorAt(s.Pos, "'return' outside function")
	}
	_, isConst := s.Value.(*syntax.Constant)
	preserve := s.Value != nil && !isConst
	if preserve {
		c.expr(s.Value)
	}
	p := s.Pos
	c.unwindStack(&p, preserve, false)
	switch {
	case s.Value == nil:
		c.loadConst(nil, p)
	case !preserve:
		c.loadConst(c.constValue(s.Value.(*syntax.Constant)), p)
	}
	c.returnValue(p)
}

func (c *compiler) breakStmt(s *syntax.Break) {
	p := s.Pos
	i := c.unwindStack(&p, false, true)
	if i < 0 {
		c.errorAt(s.Pos, "'break' outside loop")
	}
	loop := c.u.fblocks[i]
	c.unwind(loop, false, &p)
	c.jump(bytecode.JumpForward, loop.exit, p)
}

func (c *compiler) continueStmt(s *syntax.Continue) {
	p := s.Pos
	i := c.unwindStack(&p, false, true)
	if i < 0 {
		c.errorAt(s.Pos, "'continue' not properly in loop")
	}
	c.jump(bytecode.JumpBackward, c.u.fblocks[i].block, p)
}

func (c *compiler) ifStmt(s *syntax.If) {
	end := c.u.newLabel()
	next := end
	if len(s.Orelse) > 0 {
		next = c.u.newLabel()
	}
	c.jumpIf(s.Test, next, false, s.Pos)
	c.stmts(s.Body)
	if len(s.Orelse) > 0 {
		c.jump(bytecode.JumpForward, end, noPos)
		c.u.bind(next)
		c.stmts(s.Orelse)
	}
	c.u.bind(end)
}

func (c *compiler) whileStmt(s *syntax.While) {
	u := c.u
	loop, body, end, anchor := u.newLabel(), u.newLabel(), u.newLabel(), u.newLabel()
	u.bind(loop)
	c.pushBlock(fblock{kind: fbWhile, block: loop, exit: end}, s.Pos)
	c.jumpIf(s.Test, anchor, false, s.Pos)
	u.bind(body)
	c.stmts(s.Body)
	c.jumpIf(s.Test, body, true, s.Pos)
	c.popBlock()
	u.bind(anchor)
	c.stmts(s.Orelse)
	u.bind(end)
}

func (c *compiler) forStmt(s *syntax.For) {
	u := c.u
	start, cleanup, end := u.newLabel(), u.newLabel(), u.newLabel()
	c.pushBlock(fblock{kind: fbFor, block: start, exit: end}, s.Pos)
	c.expr(s.Iter)
	c.op(bytecode.GetIter, s.Pos)
	u.bind(start)
	c.jump(bytecode.ForIter, cleanup, s.Pos)
	c.expr(s.Target)
	c.stmts(s.Body)
	c.jump(bytecode.JumpBackward, start, noPos)
	u.bind(cleanup)
	c.popBlock()
	c.stmts(s.Orelse)
	u.bind(end)
}

// tryExcept is try/except/else without finally (CPython's
// compiler_try_except), with rwgil's handler blocks:
//
//	SETUP_EXCEPT handlers; body; POP_BLOCK; else; JUMP end
//	handlers: (exc) for each clause: <type> CHECK_EXC_MATCH
//	  POP_JUMP_IF_FALSE next; STORE name or POP_TOP; body; POP_EXCEPT ...
//	RERAISE
//	end:
func (c *compiler) tryExcept(s *syntax.Try) {
	u := c.u
	except, end := u.newLabel(), u.newLabel()
	c.jump(bytecode.SetupExcept, except, s.Pos)
	c.pushBlock(fblock{kind: fbTryExcept}, s.Pos)
	c.stmts(s.Body)
	c.popBlock()
	c.op(bytecode.PopBlock, noPos)
	c.stmts(s.Orelse)
	c.jump(bytecode.JumpForward, end, noPos)
	u.bind(except)
	c.pushBlock(fblock{kind: fbExceptionHandler}, s.Pos)
	for i, h := range s.Handlers {
		if h.Type == nil && i < len(s.Handlers)-1 {
			c.errorAt(h.Pos, "default 'except:' must be last")
		}
		next := u.newLabel()
		if h.Type != nil {
			c.expr(h.Type)
			c.op(bytecode.CheckExcMatch, h.Pos)
			c.jump(bytecode.PopJumpIfFalse, next, h.Pos)
		}
		if h.Name != "" {
			cleanupEnd := u.newLabel()
			c.nameOp(h.Name, syntax.Store, h.Pos)
			c.jump(bytecode.SetupExcept, cleanupEnd, h.Pos)
			c.pushBlock(fblock{kind: fbHandlerCleanup, name: h.Name}, h.Pos)
			c.stmts(h.Body)
			c.popBlock()
			c.op(bytecode.PopBlock, noPos)
			c.op(bytecode.PopExcept, noPos)
			c.loadConst(nil, noPos)
			c.nameOp(h.Name, syntax.Store, noPos)
			c.nameOp(h.Name, syntax.Del, noPos)
			c.jump(bytecode.JumpForward, end, noPos)
			// The body raised: clear the name, then let the new
			// exception go on.
			u.bind(cleanupEnd)
			c.loadConst(nil, noPos)
			c.nameOp(h.Name, syntax.Store, noPos)
			c.nameOp(h.Name, syntax.Del, noPos)
			c.op(bytecode.Reraise, noPos)
		} else {
			c.op(bytecode.PopTop, h.Pos)
			c.pushBlock(fblock{kind: fbHandlerCleanup}, h.Pos)
			c.stmts(h.Body)
			c.popBlock()
			c.op(bytecode.PopExcept, noPos)
			c.jump(bytecode.JumpForward, end, noPos)
		}
		u.bind(next)
	}
	c.popBlock()
	c.op(bytecode.Reraise, noPos)
	u.bind(end)
}

// tryFinally is try/finally, with or without except clauses: the finally
// body is emitted on the normal path and again in a handler that ends in
// RERAISE.
func (c *compiler) tryFinally(s *syntax.Try) {
	u := c.u
	handler, exit := u.newLabel(), u.newLabel()
	c.jump(bytecode.SetupExcept, handler, s.Pos)
	c.pushBlock(fblock{kind: fbFinallyTry, final: s.Finalbody}, s.Pos)
	if len(s.Handlers) > 0 {
		c.tryExcept(s)
	} else {
		c.stmts(s.Body)
	}
	c.op(bytecode.PopBlock, noPos)
	c.popBlock()
	c.stmts(s.Finalbody)
	c.jump(bytecode.JumpForward, exit, noPos)
	u.bind(handler)
	c.pushBlock(fblock{kind: fbFinallyEnd}, s.Pos)
	c.stmts(s.Finalbody)
	c.popBlock()
	c.op(bytecode.Reraise, noPos)
	u.bind(exit)
}

// with is one item of a with statement (the next ones nest inside):
//
//	<manager> BEFORE_WITH; <store target or POP_TOP>; SETUP_EXCEPT handler
//	<body>; POP_BLOCK; exit(None, None, None); POP_TOP; JUMP after
//	handler: WITH_EXCEPT_START; POP_JUMP_IF_TRUE suppress; RERAISE
//	suppress: POP_TOP; POP_EXCEPT; POP_TOP
//	after:
func (c *compiler) with(s *syntax.With, i int) {
	u := c.u
	item := s.Items[i]
	handler, after, suppress := u.newLabel(), u.newLabel(), u.newLabel()
	c.expr(item.ContextExpr)
	loc := item.ContextExpr.Position()
	c.op(bytecode.BeforeWith, loc)
	if item.OptionalVars != nil {
		c.expr(item.OptionalVars)
	} else {
		c.op(bytecode.PopTop, loc)
	}
	c.jump(bytecode.SetupExcept, handler, loc)
	c.pushBlock(fblock{kind: fbWith, pos: s.Pos}, loc)
	if i+1 < len(s.Items) {
		c.with(s, i+1)
	} else {
		c.stmts(s.Body)
	}
	c.op(bytecode.PopBlock, noPos)
	c.popBlock()
	c.callExitWithNones(s.Pos)
	c.op(bytecode.PopTop, s.Pos)
	c.jump(bytecode.JumpForward, after, s.Pos)
	u.bind(handler)
	c.op(bytecode.WithExceptStart, s.Pos)
	c.jump(bytecode.PopJumpIfTrue, suppress, s.Pos)
	c.op(bytecode.Reraise, s.Pos)
	u.bind(suppress)
	c.op(bytecode.PopTop, s.Pos)
	c.op(bytecode.PopExcept, s.Pos)
	c.op(bytecode.PopTop, s.Pos)
	u.bind(after)
}

func (c *compiler) assert(s *syntax.Assert) {
	end := c.u.newLabel()
	c.jumpIf(s.Test, end, true, s.Pos)
	c.op(bytecode.LoadAssertionError, s.Pos)
	if s.Msg != nil {
		c.expr(s.Msg)
		c.opArg(bytecode.Call, 1, s.Pos)
	}
	c.opArg(bytecode.RaiseVarargs, 1, s.Pos)
	c.u.bind(end)
}

func (c *compiler) augAssign(s *syntax.AugAssign) {
	op, ok := inplaceOp(s.Op)
	if !ok {
		c.unsupported(s.Pos, "the @= operator")
	}
	target := s.Target
	loc := target.Position()
	switch t := target.(type) {
	case *syntax.Attribute:
		c.expr(t.Value)
		c.opArg(bytecode.Copy, 1, loc)
		c.opName(bytecode.LoadAttr, c.mangle(t.Attr), attrLoc(loc, t))
	case *syntax.Subscript:
		c.expr(t.Value)
		if sl, ok := t.Slice.(*syntax.Slice); ok && sl.Step == nil {
			c.slice(sl)
			c.opArg(bytecode.Copy, 3, loc)
			c.opArg(bytecode.Copy, 3, loc)
			c.opArg(bytecode.Copy, 3, loc)
			c.op(bytecode.BinarySlice, loc)
		} else {
			c.expr(t.Slice)
			c.opArg(bytecode.Copy, 2, loc)
			c.opArg(bytecode.Copy, 2, loc)
			c.op(bytecode.BinarySubscr, loc)
		}
	case *syntax.Name:
		c.nameOp(t.Id, syntax.Load, loc)
	default:
		c.errorAt(s.Pos, "'%s' is an illegal expression for augmented assignment", exprName(target))
	}
	c.expr(s.Value)
	c.opArg(bytecode.BinaryOp, int(op), s.Pos)
	switch t := target.(type) {
	case *syntax.Attribute:
		p := attrLoc(loc, t)
		c.opArg(bytecode.Swap, 2, p)
		c.opName(bytecode.StoreAttr, c.mangle(t.Attr), p)
	case *syntax.Subscript:
		if sl, ok := t.Slice.(*syntax.Slice); ok && sl.Step == nil {
			c.opArg(bytecode.Swap, 4, loc)
			c.opArg(bytecode.Swap, 3, loc)
			c.opArg(bytecode.Swap, 2, loc)
			c.op(bytecode.StoreSlice, loc)
		} else {
			c.opArg(bytecode.Swap, 3, loc)
			c.opArg(bytecode.Swap, 2, loc)
			c.op(bytecode.StoreSubscr, loc)
		}
	case *syntax.Name:
		c.nameOp(t.Id, syntax.Store, loc)
	}
}

// annAssign is an annotated assignment. The value, if any, is assigned
// first. In a module or class body the annotation is then evaluated: a
// simple name's is stored in __annotations__ under the (mangled) name, a
// string of its source under `from __future__ import annotations`; an
// attribute's or subscript's is evaluated and dropped. In a function
// annotations are not evaluated. Without a value, an attribute or
// subscript target still evaluates its object (and index), as CPython
// does.
func (c *compiler) annAssign(s *syntax.AnnAssign) {
	if s.Value != nil {
		c.expr(s.Value)
		c.expr(s.Target)
	} else {
		switch t := s.Target.(type) {
		case *syntax.Name:
			c.forbiddenName(t.Id, syntax.Store, t.Pos)
		case *syntax.Attribute:
			c.expr(t.Value)
			c.op(bytecode.PopTop, noPos)
		case *syntax.Subscript:
			c.expr(t.Value)
			c.op(bytecode.PopTop, noPos)
			c.annSubscr(t.Slice)
		}
	}
	if c.u.kind != unitModule && c.u.kind != unitClass {
		return
	}
	name, simple := s.Target.(*syntax.Name)
	switch {
	case simple && s.Simple:
		c.annotation(s.Annotation)
		c.opName(bytecode.LoadName, "__annotations__", s.Pos)
		c.loadConst(c.mangle(name.Id), s.Pos)
		c.op(bytecode.StoreSubscr, s.Pos)
	case !c.futureAnnotations:
		c.expr(s.Annotation)
		c.op(bytecode.PopTop, noPos)
	}
}

// annotation pushes an annotation's value: the expression's, or under
// `from __future__ import annotations` the text of its source.
func (c *compiler) annotation(e syntax.Expr) {
	if !c.futureAnnotations {
		c.expr(e)
		return
	}
	c.loadConst(c.sourceText(e.Position()), e.Position())
}

// sourceText is the source between p's start and end, lines joined by
// the newlines between them.
func (c *compiler) sourceText(p syntax.Pos) string {
	starts := []int{0}
	for i, b := range c.src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	offset := func(line, col int) int {
		if line < 1 || line > len(starts) {
			return len(c.src)
		}
		return min(starts[line-1]+col, len(c.src))
	}
	from, to := offset(p.Lineno, p.ColOffset), offset(p.EndLineno, p.EndColOffset)
	if from >= to {
		return ""
	}
	return string(c.src[from:to])
}

func (c *compiler) annSubscr(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.Slice:
		for _, x := range []syntax.Expr{e.Lower, e.Upper, e.Step} {
			if x != nil {
				c.expr(x)
				c.op(bytecode.PopTop, noPos)
			}
		}
	case *syntax.Tuple:
		for _, x := range e.Elts {
			c.annSubscr(x)
		}
	default:
		c.expr(e)
		c.op(bytecode.PopTop, noPos)
	}
}

func (c *compiler) importStmt(s *syntax.Import) {
	for _, a := range s.Names {
		c.opName(bytecode.ImportName, c.mangle(a.Name), s.Pos)
		if a.Asname != "" {
			parts := strings.Split(a.Name, ".")
			if len(parts) > 1 {
				for j, attr := range parts[1:] {
					c.opName(bytecode.ImportFrom, attr, s.Pos)
					if j < len(parts)-2 {
						c.opArg(bytecode.Swap, 2, s.Pos)
						c.op(bytecode.PopTop, s.Pos)
					}
				}
				c.nameOp(a.Asname, syntax.Store, s.Pos)
				c.op(bytecode.PopTop, s.Pos)
			} else {
				c.nameOp(a.Asname, syntax.Store, s.Pos)
			}
		} else {
			name := a.Name
			if i := strings.IndexByte(name, '.'); i >= 0 {
				name = name[:i]
			}
			c.nameOp(name, syntax.Store, s.Pos)
		}
	}
}

func (c *compiler) importFrom(s *syntax.ImportFrom) {
	if s.Module == "__future__" && s.Level == 0 {
		if !c.futures[s] {
			c.errorAt(s.Pos, "from __future__ imports must occur at the beginning of the file")
		}
		// The features change nothing rwgil does, and it has no
		// __future__ module to import.
		return
	}
	module := strings.Repeat(".", s.Level) + s.Module
	c.opName(bytecode.ImportName, c.mangle(module), s.Pos)
	for i, a := range s.Names {
		if i == 0 && a.Name == "*" {
			c.op(bytecode.ImportStar, s.Pos)
			return
		}
		c.opName(bytecode.ImportFrom, c.mangle(a.Name), s.Pos)
		store := a.Name
		if a.Asname != "" {
			store = a.Asname
		}
		c.nameOp(store, syntax.Store, s.Pos)
	}
	c.op(bytecode.PopTop, s.Pos)
}

// futureFeatures are the names `from __future__ import` accepts (CPython
// 3.12's future.c); all but annotations change nothing in Python 3.
var futureFeatures = map[string]bool{
	"nested_scopes": true, "generators": true, "division": true, "absolute_import": true,
	"with_statement": true, "print_function": true, "unicode_literals": true,
	"barry_as_FLUFL": true, "generator_stop": true, "annotations": true,
}

// checkFuture reports the errors of CPython's future.c for the
// `from __future__ import` statements at the top of the module (after the
// docstring): an unknown feature, and "braces". It records them: a
// __future__ import anywhere else is an error (importFrom).
func (c *compiler) checkFuture(body []syntax.Stmt) {
	c.futures = make(map[*syntax.ImportFrom]bool)
	for i, s := range body {
		if i == 0 && isDocstring(s) {
			continue
		}
		imp, ok := s.(*syntax.ImportFrom)
		if !ok || imp.Module != "__future__" || imp.Level != 0 {
			return
		}
		c.futures[imp] = true
		at := syntax.Pos{Lineno: imp.Lineno, ColOffset: imp.ColOffset, EndLineno: imp.Lineno, EndColOffset: -1}
		for _, a := range imp.Names {
			switch {
			case a.Name == "braces":
				c.errorAt(at, "not a chance")
			case !futureFeatures[a.Name]:
				c.errorAt(at, "future feature %s is not defined", a.Name)
			case a.Name == "annotations":
				c.futureAnnotations = true
			}
		}
	}
}

func isDocstring(s syntax.Stmt) bool {
	e, ok := s.(*syntax.ExprStmt)
	if !ok {
		return false
	}
	k, ok := e.Value.(*syntax.Constant)
	if !ok {
		return false
	}
	_, ok = k.Value.(string)
	return ok
}

// docstring returns the body's docstring, or nil.
func docstring(body []syntax.Stmt) *syntax.Constant {
	if len(body) > 0 && isDocstring(body[0]) {
		return body[0].(*syntax.ExprStmt).Value.(*syntax.Constant)
	}
	return nil
}
