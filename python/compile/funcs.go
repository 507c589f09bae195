package compile

import (
	"fmt"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/resolve"
	"github.com/rwgil/rwgil/python/syntax"
)

// newUnit starts a code object for the scope node opens; the unit that is
// current becomes its parent.
func (c *compiler) newUnit(kind unitKind, node syntax.Node, name string, firstLine int) *unit {
	if depth := len(c.stack) + 1; c.u != nil && depth > bytecode.MaxNesting {
		p := syntax.Pos{Lineno: firstLine, EndLineno: firstLine}
		if pn, ok := node.(syntax.Positioned); ok {
			p = pn.Position()
		}
		c.unsupported(p, fmt.Sprintf("functions, classes and lambdas nested more than %d deep", bytecode.MaxNesting))
	}
	scope := c.table.Scope(node)
	u := &unit{kind: kind, scope: scope, name: name, firstLine: firstLine, blockStart: 0}
	if c.u != nil {
		u.private = c.u.private
		u.qualname = c.qualname(name, kind)
	}
	switch kind {
	case unitClass:
		u.private = name
		if scope.NeedsClassClosure {
			u.cells = []string{"__class__"}
		}
		for _, f := range scope.FreeVars() {
			if f != "__class__" {
				u.free = append(u.free, f)
			}
		}
	case unitModule:
	default:
		u.cells = scope.Cells()
		u.free = scope.FreeVars()
	}
	return u
}

// qualname is CPython's __qualname__ for a new unit under the current one.
func (c *compiler) qualname(name string, kind unitKind) string {
	parent := c.u
	if parent == nil || parent.kind == unitModule {
		return name
	}
	if kind == unitFunction || kind == unitClass {
		if parent.scope.BindingOf(resolve.Mangle(parent.private, name)) == resolve.GlobalExplicit {
			return name
		}
	}
	base := parent.qualname
	if parent.kind == unitFunction || parent.kind == unitLambda {
		base += ".<locals>"
	}
	return base + "." + name
}

// module generates the module body.
func (c *compiler) module(mod *syntax.Module) *bytecode.Code {
	u := c.newUnit(unitModule, mod, "<module>", 1)
	c.pushUnit(u)
	c.body(mod.Body)
	c.loadConst(nil, noPos)
	c.returnValue(noPos)
	code := c.build(u)
	c.popUnit()
	return code
}

// evalModule generates eval's code: the module must be one expression
// statement, whose value the code returns.
func (c *compiler) evalModule(mod *syntax.Module) *bytecode.Code {
	switch {
	case len(mod.Body) == 0:
		// CPython's position for empty source: line 0, offset 0.
		c.errorAt(syntax.Pos{ColOffset: -1, EndColOffset: -1}, "invalid syntax")
	case len(mod.Body) > 1:
		c.errorAt(mod.Body[1].Position(), "invalid syntax")
	}
	stmt, ok := mod.Body[0].(*syntax.ExprStmt)
	if !ok {
		c.errorAt(mod.Body[0].Position(), "invalid syntax")
	}
	u := c.newUnit(unitModule, mod, "<module>", 1)
	c.pushUnit(u)
	c.expr(stmt.Value)
	c.returnValue(noPos)
	code := c.build(u)
	c.popUnit()
	return code
}

// body generates a module's or class's statements, storing a docstring
// as __doc__ (CPython's compiler_body).
func (c *compiler) body(stmts []syntax.Stmt) {
	if hasAnnotations(stmts) {
		// CPython's SETUP_ANNOTATIONS: the body starts with an empty
		// __annotations__ that its annotated names are added to.
		c.opArg(bytecode.BuildMap, 0, noPos)
		c.opName(bytecode.StoreName, "__annotations__", noPos)
	}
	if doc := docstring(stmts); doc != nil {
		c.expr(doc)
		c.nameOp("__doc__", syntax.Store, noPos)
		stmts = stmts[1:]
	}
	c.stmts(stmts)
}

// hasAnnotations reports whether a module or class body holds an
// annotated assignment, in its own statements or in the blocks of its
// compound statements (not in the functions and classes it defines), as
// CPython's find_ann does.
func hasAnnotations(stmts []syntax.Stmt) bool {
	for _, s := range stmts {
		var blocks [][]syntax.Stmt
		switch s := s.(type) {
		case *syntax.AnnAssign:
			return true
		case *syntax.For:
			blocks = [][]syntax.Stmt{s.Body, s.Orelse}
		case *syntax.AsyncFor:
			blocks = [][]syntax.Stmt{s.Body, s.Orelse}
		case *syntax.While:
			blocks = [][]syntax.Stmt{s.Body, s.Orelse}
		case *syntax.If:
			blocks = [][]syntax.Stmt{s.Body, s.Orelse}
		case *syntax.With:
			blocks = [][]syntax.Stmt{s.Body}
		case *syntax.AsyncWith:
			blocks = [][]syntax.Stmt{s.Body}
		case *syntax.Try:
			blocks = tryBlocks(s.Body, s.Handlers, s.Orelse, s.Finalbody)
		case *syntax.TryStar:
			blocks = tryBlocks(s.Body, s.Handlers, s.Orelse, s.Finalbody)
		}
		for _, b := range blocks {
			if hasAnnotations(b) {
				return true
			}
		}
	}
	return false
}

func tryBlocks(body []syntax.Stmt, handlers []*syntax.ExceptHandler, orelse, final []syntax.Stmt) [][]syntax.Stmt {
	blocks := [][]syntax.Stmt{body, orelse, final}
	for _, h := range handlers {
		blocks = append(blocks, h.Body)
	}
	return blocks
}

// checkDebugArgs rejects a parameter named __debug__.
func (c *compiler) checkDebugArgs(a *syntax.Arguments) {
	if a == nil {
		return
	}
	check := func(args []*syntax.Arg) {
		for _, p := range args {
			if p.Arg == "__debug__" {
				c.errorAt(p.Pos, "cannot assign to __debug__")
			}
		}
	}
	check(a.PosOnlyArgs)
	check(a.Args)
	if a.VarArg != nil {
		check([]*syntax.Arg{a.VarArg})
	}
	check(a.KwOnlyArgs)
	if a.KwArg != nil {
		check([]*syntax.Arg{a.KwArg})
	}
}

// defaults pushes a function's default values: a tuple of the positional
// ones, a dict of the keyword-only ones, and returns MAKE_FUNCTION's flags
// for them.
func (c *compiler) defaults(a *syntax.Arguments, loc syntax.Pos) int {
	if a == nil {
		return 0
	}
	flags := 0
	if len(a.Defaults) > 0 {
		for _, d := range a.Defaults {
			c.expr(d)
		}
		c.opArg(bytecode.BuildTuple, len(a.Defaults), loc)
		flags |= bytecode.MakeFunctionDefaults
	}
	n := 0
	for i, p := range a.KwOnlyArgs {
		if i < len(a.KwDefaults) && a.KwDefaults[i] != nil {
			c.loadConst(c.mangle(p.Arg), loc)
			c.expr(a.KwDefaults[i])
			n++
		}
	}
	if n > 0 {
		c.opArg(bytecode.BuildMap, n, loc)
		flags |= bytecode.MakeFunctionKwDefaults
	}
	return flags
}

// setParams declares the parameters of a function unit.
func (c *compiler) setParams(u *unit, a *syntax.Arguments) {
	if a == nil {
		return
	}
	m := func(n string) string { return resolve.Mangle(u.private, n) }
	for _, p := range a.PosOnlyArgs {
		u.params = append(u.params, m(p.Arg))
	}
	for _, p := range a.Args {
		u.params = append(u.params, m(p.Arg))
	}
	u.posOnly = len(a.PosOnlyArgs)
	if a.VarArg != nil {
		u.params = append(u.params, m(a.VarArg.Arg))
		u.varArgs = true
	}
	for _, p := range a.KwOnlyArgs {
		u.kwOnly = append(u.kwOnly, m(p.Arg))
	}
	if a.KwArg != nil {
		u.varKw = m(a.KwArg.Arg)
	}
}

// makeClosure pushes a function made from code: its closure (the cells of
// its free variables) if it has one, then the code, then MAKE_FUNCTION.
func (c *compiler) makeClosure(code *bytecode.Code, flags int, loc syntax.Pos) {
	if len(code.Free) > 0 {
		for _, name := range code.Free {
			c.loadClosure(name, loc)
		}
		c.opArg(bytecode.BuildTuple, len(code.Free), loc)
		flags |= bytecode.MakeFunctionClosure
	}
	c.loadConst(code, loc)
	c.opArg(bytecode.MakeFunction, flags, loc)
}

func (c *compiler) applyDecorators(decos []syntax.Expr) {
	for i := len(decos) - 1; i >= 0; i-- {
		c.opArg(bytecode.Call, 1, decos[i].Position())
	}
}

func (c *compiler) functionDef(s *syntax.FunctionDef) {
	if len(s.TypeParams) > 0 {
		c.unsupported(s.Pos, "generic functions (PEP 695)")
	}
	c.checkDebugArgs(s.Args)
	for _, d := range s.DecoratorList {
		c.expr(d)
	}
	firstLine := s.Lineno
	if len(s.DecoratorList) > 0 {
		firstLine = s.DecoratorList[0].Position().Lineno
	}
	flags := c.defaults(s.Args, s.Pos)
	u := c.newUnit(unitFunction, s, s.Name, firstLine)
	c.setParams(u, s.Args)
	c.pushUnit(u)
	body := s.Body
	if doc := docstring(body); doc != nil {
		// CPython keeps the docstring as the code's first constant;
		// rwgil's Code.Doc is the function's __doc__.
		u.doc, _ = doc.Value.(string)
		body = body[1:]
	}
	c.stmts(body)
	c.loadConst(nil, noPos)
	c.returnValue(noPos)
	code := c.build(u)
	c.popUnit()
	c.makeClosure(code, flags, s.Pos)
	c.functionAnnotations(s.Args, s.Returns, s.Pos)
	c.applyDecorators(s.DecoratorList)
	c.nameOp(s.Name, syntax.Store, s.Pos)
}

// functionAnnotations sets the __annotations__ of the function on the
// stack, if it has any: the (mangled) parameter names, then 'return',
// each with its annotation's value (its source text under `from
// __future__ import annotations`), in CPython's order. CPython passes the
// dict to MAKE_FUNCTION; rwgil stores it after, before the decorators
// run: COPY 1; BUILD_MAP; SWAP 2; STORE_ATTR __annotations__.
func (c *compiler) functionAnnotations(a *syntax.Arguments, returns syntax.Expr, p syntax.Pos) {
	var params []*syntax.Arg
	if a != nil {
		params = append(params, a.PosOnlyArgs...)
		params = append(params, a.Args...)
		if a.VarArg != nil {
			params = append(params, a.VarArg)
		}
		params = append(params, a.KwOnlyArgs...)
		if a.KwArg != nil {
			params = append(params, a.KwArg)
		}
	}
	n := 0
	for _, arg := range params {
		if arg.Annotation != nil {
			n++
		}
	}
	if returns != nil {
		n++
	}
	if n == 0 {
		return
	}
	c.opArg(bytecode.Copy, 1, p)
	for _, arg := range params {
		if arg.Annotation != nil {
			c.loadConst(c.mangle(arg.Arg), p)
			c.annotation(arg.Annotation)
		}
	}
	if returns != nil {
		c.loadConst("return", p)
		c.annotation(returns)
	}
	c.opArg(bytecode.BuildMap, n, p)
	c.opArg(bytecode.Swap, 2, p)
	c.opName(bytecode.StoreAttr, "__annotations__", p)
}

func (c *compiler) lambda(e *syntax.Lambda) {
	c.checkDebugArgs(e.Args)
	flags := c.defaults(e.Args, e.Pos)
	u := c.newUnit(unitLambda, e, "<lambda>", e.Lineno)
	c.setParams(u, e.Args)
	c.pushUnit(u)
	c.expr(e.Body)
	if u.scope.Generator {
		c.loadConst(nil, noPos)
		c.returnValue(noPos)
	} else {
		c.returnValue(syntax.Pos{Lineno: e.Lineno, EndLineno: e.Lineno})
	}
	code := c.build(u)
	c.popUnit()
	c.makeClosure(code, flags, e.Pos)
}

func (c *compiler) classDef(s *syntax.ClassDef) {
	if len(s.TypeParams) > 0 {
		c.unsupported(s.Pos, "generic classes (PEP 695)")
	}
	for _, d := range s.DecoratorList {
		c.expr(d)
	}
	firstLine := s.Lineno
	if len(s.DecoratorList) > 0 {
		firstLine = s.DecoratorList[0].Position().Lineno
	}
	u := c.newUnit(unitClass, s, s.Name, firstLine)
	c.pushUnit(u)
	// The prologue is placed at column 0 of the first line, as CPython
	// places it.
	pro := syntax.Pos{Lineno: firstLine, EndLineno: firstLine}
	c.nameOp("__name__", syntax.Load, pro)
	c.nameOp("__module__", syntax.Store, pro)
	c.loadConst(u.qualname, pro)
	c.nameOp("__qualname__", syntax.Store, pro)
	c.body(s.Body)
	if u.scope.NeedsClassClosure {
		u.add(instr{op: bytecode.LoadClosure, name: "__class__"})
		c.opArg(bytecode.Copy, 1, noPos)
		c.nameOp("__classcell__", syntax.Store, noPos)
	} else {
		c.loadConst(nil, noPos)
	}
	c.returnValue(noPos)
	code := c.build(u)
	c.popUnit()
	c.op(bytecode.LoadBuildClass, s.Pos)
	c.makeClosure(code, 0, s.Pos)
	c.loadConst(s.Name, s.Pos)
	c.callHelper(s.Pos, 2, s.Bases, s.Keywords)
	c.applyDecorators(s.DecoratorList)
	c.nameOp(s.Name, syntax.Store, s.Pos)
}

// comprehension generates a list, set or dict comprehension inline (PEP
// 709), or a generator expression as a generator function called with the
// outermost iterator.
func (c *compiler) comprehension(e syntax.Expr, loc syntax.Pos, kind resolve.CompKind,
	gens []*syntax.Comprehension, elt, val syntax.Expr) {
	scope := c.table.Scope(e)
	if scope == nil || len(gens) == 0 {
		c.errorAt(loc, "rwgil internal compiler error: comprehension without a scope")
	}
	outer := gens[0]
	if scope.Inlined {
		c.expr(outer.Iter)
		c.op(bytecode.GetIter, loc)
		c.pushComprehension(scope, loc)
		if scope.Coroutine {
			c.errorAt(loc, "asynchronous comprehension outside of an asynchronous function")
		}
		build := map[resolve.CompKind]bytecode.Op{resolve.ListComp: bytecode.BuildList,
			resolve.SetComp: bytecode.BuildSet, resolve.DictComp: bytecode.BuildMap}[kind]
		c.opArg(build, 0, loc)
		c.opArg(bytecode.Swap, 2, loc)
		c.compGenerator(gens, 0, 0, elt, val, kind, true, loc)
		c.popComprehension()
		return
	}
	if scope.Coroutine {
		c.unsupported(loc, "asynchronous generator expressions")
	}
	// A generator expression (or a comprehension the symbol table did
	// not inline: see resolve.Scope.Inlined): a function called with the
	// outermost iterator.
	name := map[resolve.CompKind]string{resolve.GenExp: "<genexpr>", resolve.ListComp: "<listcomp>",
		resolve.SetComp: "<setcomp>", resolve.DictComp: "<dictcomp>"}[kind]
	u := c.newUnit(unitComprehension, e, name, loc.Lineno)
	u.params = []string{".0"}
	c.pushUnit(u)
	if kind != resolve.GenExp {
		build := map[resolve.CompKind]bytecode.Op{resolve.ListComp: bytecode.BuildList,
			resolve.SetComp: bytecode.BuildSet, resolve.DictComp: bytecode.BuildMap}[kind]
		c.opArg(build, 0, loc)
	}
	c.compGenerator(gens, 0, 0, elt, val, kind, false, loc)
	if kind == resolve.GenExp {
		c.loadConst(nil, noPos)
	}
	c.returnValue(noPos)
	code := c.build(u)
	c.popUnit()
	c.makeClosure(code, 0, loc)
	c.expr(outer.Iter)
	c.op(bytecode.GetIter, loc)
	c.opArg(bytecode.Call, 1, loc)
}

// compGenerator generates one `for ... in ... if ...` clause and what is
// inside it (CPython's compiler_sync_comprehension_generator); depth counts
// the iterators on the stack above the result.
func (c *compiler) compGenerator(gens []*syntax.Comprehension, i, depth int, elt, val syntax.Expr,
	kind resolve.CompKind, iterOnStack bool, loc syntax.Pos) {
	u := c.u
	gen := gens[i]
	if gen.IsAsync {
		c.unsupported(loc, "asynchronous comprehensions")
	}
	start, ifCleanup, anchor := u.newLabel(), u.newLabel(), u.newLabel()
	loop := true
	if !iterOnStack {
		if i == 0 {
			u.add(instr{op: bytecode.LoadFast, name: ".0", pos: position(loc)})
		} else {
			// for y in [f(x)]: the one value, no loop.
			var elts []syntax.Expr
			switch it := gen.Iter.(type) {
			case *syntax.List:
				elts = it.Elts
			case *syntax.Tuple:
				elts = it.Elts
			}
			if len(elts) == 1 {
				if _, star := elts[0].(*syntax.Starred); !star {
					c.expr(elts[0])
					loop = false
				}
			}
			if loop {
				c.expr(gen.Iter)
				c.op(bytecode.GetIter, loc)
			}
		}
	}
	if loop {
		depth++
		u.bind(start)
		c.jump(bytecode.ForIter, anchor, loc)
	}
	c.expr(gen.Target)
	for _, cond := range gen.Ifs {
		c.jumpIf(cond, ifCleanup, false, loc)
	}
	eltLoc := elt.Position()
	if i+1 < len(gens) {
		c.compGenerator(gens, i+1, depth, elt, val, kind, false, loc)
	} else {
		switch kind {
		case resolve.GenExp:
			c.expr(elt)
			c.op(bytecode.YieldValue, eltLoc)
			c.op(bytecode.PopTop, eltLoc)
		case resolve.ListComp:
			c.expr(elt)
			c.opArg(bytecode.ListAppend, depth+1, eltLoc)
		case resolve.SetComp:
			c.expr(elt)
			c.opArg(bytecode.SetAdd, depth+1, eltLoc)
		case resolve.DictComp:
			c.expr(elt)
			c.expr(val)
			vp := val.Position()
			eltLoc = syntax.Pos{Lineno: eltLoc.Lineno, ColOffset: eltLoc.ColOffset, EndLineno: vp.EndLineno, EndColOffset: vp.EndColOffset}
			c.opArg(bytecode.MapAdd, depth+1, eltLoc)
		}
	}
	u.bind(ifCleanup)
	if loop {
		c.jump(bytecode.JumpBackward, start, eltLoc)
		u.bind(anchor)
	}
}
