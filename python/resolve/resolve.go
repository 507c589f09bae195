package resolve

import (
	"strings"

	"github.com/rwgil/rwgil/python/syntax"
)

// Table is the symbol table of one module: its scopes, found by the node
// that opens each.
type Table struct {
	// Module is the module's scope; every other scope is below it.
	Module *Scope
	byNode map[syntax.Node]*Scope
}

// Scope returns the scope opened by n (a *syntax.Module, def, class,
// lambda, comprehension or generator expression), or nil.
func (t *Table) Scope(n syntax.Node) *Scope { return t.byNode[n] }

// The messages of the walk's errors, CPython 3.12's.
const (
	msgGlobalParam        = "name '%s' is parameter and global"
	msgNonlocalParam      = "name '%s' is parameter and nonlocal"
	msgGlobalAfterAssign  = "name '%s' is assigned to before global declaration"
	msgNonlocalAfterAssgn = "name '%s' is assigned to before nonlocal declaration"
	msgGlobalAfterUse     = "name '%s' is used prior to global declaration"
	msgNonlocalAfterUse   = "name '%s' is used prior to nonlocal declaration"
	msgGlobalAnnot        = "annotated name '%s' can't be global"
	msgNonlocalAnnot      = "annotated name '%s' can't be nonlocal"
	msgImportStar         = "import * only allowed at module level"
	msgDuplicateArgument  = "duplicate argument '%s' in function definition"
	msgCompConflict       = "assignment expression cannot rebind comprehension iteration variable '%s'"
	msgCompInnerConflict  = "comprehension inner loop cannot rebind assignment expression target '%s'"
	msgCompInClass        = "assignment expression within a comprehension cannot be used in a class body"
	msgCompIterExpr       = "assignment expression cannot be used in a comprehension iterable expression"
)

// bailout carries the first error out of the walk.
type bailout struct{ err error }

type resolver struct {
	filename string
	src      []byte
	table    *Table
	module   *Scope
	cur      *Scope
	stack    []*Scope
	private  string
}

// Resolve builds the symbol table of mod, parsed from src (which the
// errors quote) in the file filename. The error, if any, is a
// *syntax.Error with CPython 3.12's message and position.
func Resolve(filename string, src []byte, mod *syntax.Module) (t *Table, err error) {
	r := &resolver{filename: filename, src: src, table: &Table{byNode: make(map[syntax.Node]*Scope)}}
	defer func() {
		if x := recover(); x != nil {
			b, ok := x.(bailout)
			if !ok {
				panic(x)
			}
			t, err = nil, b.err
		}
	}()
	r.module = r.enter(ModuleScope, "top", mod, syntax.Pos{})
	r.table.Module = r.module
	r.stmts(mod.Body)
	r.exit()
	r.analyze()
	return r.table, nil
}

func (r *resolver) fail(p syntax.Pos, format string, args ...any) {
	panic(bailout{ErrorAt(r.filename, r.src, p, sprintf(format, args...))})
}

func (r *resolver) enter(kind Kind, name string, node syntax.Node, pos syntax.Pos) *Scope {
	s := newScope(kind, name, node, pos, r.cur)
	if r.cur != nil {
		s.Nested = r.cur.Nested || r.cur.Kind == FunctionScope
		r.cur.orig = append(r.cur.orig, s)
	}
	s.Private = r.private
	r.table.byNode[node] = s
	r.stack = append(r.stack, s)
	r.cur = s
	return s
}

func (r *resolver) exit() {
	r.stack = r.stack[:len(r.stack)-1]
	if len(r.stack) > 0 {
		r.cur = r.stack[len(r.stack)-1]
	} else {
		r.cur = nil
	}
}

// addDef records flag for name in the current scope.
func (r *resolver) addDef(name string, flag Flags, p syntax.Pos) {
	r.addDefIn(r.cur, name, flag, p)
}

func (r *resolver) addDefIn(s *Scope, name string, flag Flags, p syntax.Pos) {
	mangled := Mangle(r.private, name)
	val := flag
	if old := s.symbols[mangled]; old != nil {
		if flag&DefParam != 0 && old.Flags&DefParam != 0 {
			r.fail(p, msgDuplicateArgument, name)
		}
		val |= old.Flags
	}
	if s.compIterTarget {
		if val&(DefGlobal|DefNonlocal) != 0 {
			r.fail(p, msgCompInnerConflict, name)
		}
		val |= DefCompIter
	}
	s.addSymbol(mangled, val)
	switch {
	case flag&DefParam != 0:
		s.Params = append(s.Params, mangled)
	case flag&DefGlobal != 0:
		r.module.addSymbol(mangled, flag)
	}
}

func (r *resolver) lookup(name string) Flags {
	return r.cur.FlagsOf(Mangle(r.private, name))
}

func (r *resolver) recordDirective(name string, p syntax.Pos) {
	s := r.cur
	if s.directives == nil {
		s.directives = make(map[string]syntax.Pos)
	}
	mangled := Mangle(r.private, name)
	if _, ok := s.directives[mangled]; !ok {
		s.directives[mangled] = p
	}
}

func (r *resolver) stmts(list []syntax.Stmt) {
	for _, s := range list {
		r.stmt(s)
	}
}

func (r *resolver) exprs(list []syntax.Expr) {
	for _, e := range list {
		if e != nil {
			r.expr(e)
		}
	}
}

func (r *resolver) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.FunctionDef:
		r.function(s, s.Pos, s.Name, s.Args, s.Body, s.DecoratorList, s.Returns, false)
	case *syntax.AsyncFunctionDef:
		r.function(s, s.Pos, s.Name, s.Args, s.Body, s.DecoratorList, s.Returns, true)
	case *syntax.ClassDef:
		r.addDef(s.Name, DefLocal, s.Pos)
		r.exprs(s.DecoratorList)
		r.exprs(s.Bases)
		for _, k := range s.Keywords {
			r.expr(k.Value)
		}
		saved := r.private
		r.private = s.Name
		r.enter(ClassScope, s.Name, s, s.Pos)
		r.stmts(s.Body)
		r.exit()
		r.private = saved
	case *syntax.Return:
		if s.Value != nil {
			r.expr(s.Value)
			r.cur.ReturnsValue = true
		}
	case *syntax.Delete:
		r.exprs(s.Targets)
	case *syntax.Assign:
		r.exprs(s.Targets)
		r.expr(s.Value)
	case *syntax.TypeAlias:
		r.expr(s.Name)
		r.expr(s.Value)
	case *syntax.AugAssign:
		r.expr(s.Target)
		r.expr(s.Value)
	case *syntax.AnnAssign:
		if name, ok := s.Target.(*syntax.Name); ok {
			cur := r.lookup(name.Id)
			if cur&(DefGlobal|DefNonlocal) != 0 && r.cur != r.module && s.Simple {
				msg := msgNonlocalAnnot
				if cur&DefGlobal != 0 {
					msg = msgGlobalAnnot
				}
				r.fail(s.Pos, msg, name.Id)
			}
			if s.Simple {
				r.addDef(name.Id, DefAnnot|DefLocal, name.Pos)
			} else if s.Value != nil {
				r.addDef(name.Id, DefLocal, name.Pos)
			}
		} else {
			r.expr(s.Target)
		}
		r.expr(s.Annotation)
		if s.Value != nil {
			r.expr(s.Value)
		}
	case *syntax.For:
		r.expr(s.Target)
		r.expr(s.Iter)
		r.stmts(s.Body)
		r.stmts(s.Orelse)
	case *syntax.AsyncFor:
		r.expr(s.Target)
		r.expr(s.Iter)
		r.stmts(s.Body)
		r.stmts(s.Orelse)
	case *syntax.While:
		r.expr(s.Test)
		r.stmts(s.Body)
		r.stmts(s.Orelse)
	case *syntax.If:
		r.expr(s.Test)
		r.stmts(s.Body)
		r.stmts(s.Orelse)
	case *syntax.Match:
		r.expr(s.Subject)
		for _, c := range s.Cases {
			r.pattern(c.Pattern)
			if c.Guard != nil {
				r.expr(c.Guard)
			}
			r.stmts(c.Body)
		}
	case *syntax.Raise:
		if s.Exc != nil {
			r.expr(s.Exc)
			if s.Cause != nil {
				r.expr(s.Cause)
			}
		}
	case *syntax.Try:
		r.try(s.Body, s.Handlers, s.Orelse, s.Finalbody)
	case *syntax.TryStar:
		r.try(s.Body, s.Handlers, s.Orelse, s.Finalbody)
	case *syntax.Assert:
		r.expr(s.Test)
		if s.Msg != nil {
			r.expr(s.Msg)
		}
	case *syntax.Import:
		for _, a := range s.Names {
			r.alias(a)
		}
	case *syntax.ImportFrom:
		for _, a := range s.Names {
			r.alias(a)
		}
	case *syntax.Global:
		for _, name := range s.Names {
			if cur := r.lookup(name); cur&(DefParam|DefLocal|Use|DefAnnot) != 0 {
				msg := msgGlobalAfterAssign
				switch {
				case cur&DefParam != 0:
					msg = msgGlobalParam
				case cur&Use != 0:
					msg = msgGlobalAfterUse
				case cur&DefAnnot != 0:
					msg = msgGlobalAnnot
				}
				r.fail(s.Pos, msg, name)
			}
			r.addDef(name, DefGlobal, s.Pos)
			r.recordDirective(name, s.Pos)
		}
	case *syntax.Nonlocal:
		for _, name := range s.Names {
			if cur := r.lookup(name); cur&(DefParam|DefLocal|Use|DefAnnot) != 0 {
				msg := msgNonlocalAfterAssgn
				switch {
				case cur&DefParam != 0:
					msg = msgNonlocalParam
				case cur&Use != 0:
					msg = msgNonlocalAfterUse
				case cur&DefAnnot != 0:
					msg = msgNonlocalAnnot
				}
				r.fail(s.Pos, msg, name)
			}
			r.addDef(name, DefNonlocal, s.Pos)
			r.recordDirective(name, s.Pos)
		}
	case *syntax.ExprStmt:
		r.expr(s.Value)
	case *syntax.With:
		r.withItems(s.Items)
		r.stmts(s.Body)
	case *syntax.AsyncWith:
		r.withItems(s.Items)
		r.stmts(s.Body)
	case *syntax.Pass, *syntax.Break, *syntax.Continue:
	}
}

func (r *resolver) withItems(items []*syntax.WithItem) {
	for _, it := range items {
		r.expr(it.ContextExpr)
		if it.OptionalVars != nil {
			r.expr(it.OptionalVars)
		}
	}
}

func (r *resolver) try(body []syntax.Stmt, handlers []*syntax.ExceptHandler, orelse, final []syntax.Stmt) {
	r.stmts(body)
	r.stmts(orelse)
	for _, h := range handlers {
		if h.Type != nil {
			r.expr(h.Type)
		}
		if h.Name != "" {
			r.addDef(h.Name, DefLocal, h.Pos)
		}
		r.stmts(h.Body)
	}
	r.stmts(final)
}

func (r *resolver) alias(a *syntax.Alias) {
	name := a.Name
	if a.Asname != "" {
		name = a.Asname
	}
	if name == "*" {
		if r.cur.Kind != ModuleScope {
			r.fail(a.Pos, msgImportStar)
		}
		return
	}
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	r.addDef(name, DefImport, a.Pos)
}

func (r *resolver) function(node syntax.Node, pos syntax.Pos, name string, args *syntax.Arguments, body []syntax.Stmt,
	decorators []syntax.Expr, returns syntax.Expr, async bool) {
	r.addDef(name, DefLocal, pos)
	if args != nil {
		r.exprs(args.Defaults)
		r.exprs(args.KwDefaults)
	}
	r.exprs(decorators)
	if args != nil {
		r.annotations(args.PosOnlyArgs)
		r.annotations(args.Args)
		if args.VarArg != nil && args.VarArg.Annotation != nil {
			r.expr(args.VarArg.Annotation)
		}
		if args.KwArg != nil && args.KwArg.Annotation != nil {
			r.expr(args.KwArg.Annotation)
		}
		r.annotations(args.KwOnlyArgs)
	}
	if returns != nil {
		r.expr(returns)
	}
	s := r.enter(FunctionScope, name, node, pos)
	s.Coroutine = async
	r.arguments(args)
	r.stmts(body)
	r.exit()
}

func (r *resolver) annotations(args []*syntax.Arg) {
	for _, a := range args {
		if a.Annotation != nil {
			r.expr(a.Annotation)
		}
	}
}

func (r *resolver) arguments(a *syntax.Arguments) {
	if a == nil {
		return
	}
	for _, list := range [][]*syntax.Arg{a.PosOnlyArgs, a.Args, a.KwOnlyArgs} {
		for _, p := range list {
			r.addDef(p.Arg, DefParam, p.Pos)
		}
	}
	if a.VarArg != nil {
		r.addDef(a.VarArg.Arg, DefParam, a.VarArg.Pos)
		r.cur.VarArgs = true
	}
	if a.KwArg != nil {
		r.addDef(a.KwArg.Arg, DefParam, a.KwArg.Pos)
		r.cur.VarKeywords = true
	}
}

func (r *resolver) expr(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.NamedExpr:
		if r.cur.compIterExpr > 0 {
			r.fail(e.Pos, msgCompIterExpr)
		}
		if r.cur.Comprehension != NotComprehension {
			r.extendNamedExprScope(e.Target)
		}
		r.expr(e.Value)
		r.expr(e.Target)
	case *syntax.BoolOp:
		r.exprs(e.Values)
	case *syntax.BinOp:
		r.expr(e.Left)
		r.expr(e.Right)
	case *syntax.UnaryOp:
		r.expr(e.Operand)
	case *syntax.Lambda:
		if e.Args != nil {
			r.exprs(e.Args.Defaults)
			r.exprs(e.Args.KwDefaults)
		}
		r.enter(FunctionScope, "lambda", e, e.Pos)
		r.arguments(e.Args)
		r.expr(e.Body)
		r.exit()
	case *syntax.IfExp:
		r.expr(e.Test)
		r.expr(e.Body)
		r.expr(e.Orelse)
	case *syntax.Dict:
		r.exprs(e.Keys)
		r.exprs(e.Values)
	case *syntax.Set:
		r.exprs(e.Elts)
	case *syntax.GeneratorExp:
		r.comprehension(e, e.Pos, "genexpr", GenExp, e.Generators, e.Elt, nil)
	case *syntax.ListComp:
		r.comprehension(e, e.Pos, "listcomp", ListComp, e.Generators, e.Elt, nil)
	case *syntax.SetComp:
		r.comprehension(e, e.Pos, "setcomp", SetComp, e.Generators, e.Elt, nil)
	case *syntax.DictComp:
		r.comprehension(e, e.Pos, "dictcomp", DictComp, e.Generators, e.Key, e.Value)
	case *syntax.Yield:
		if e.Value != nil {
			r.expr(e.Value)
		}
		r.yield(e.Pos)
	case *syntax.YieldFrom:
		r.expr(e.Value)
		r.yield(e.Pos)
	case *syntax.Await:
		r.expr(e.Value)
	case *syntax.Compare:
		r.expr(e.Left)
		r.exprs(e.Comparators)
	case *syntax.Call:
		r.expr(e.Func)
		r.exprs(e.Args)
		for _, k := range e.Keywords {
			r.expr(k.Value)
		}
	case *syntax.FormattedValue:
		r.expr(e.Value)
		if e.FormatSpec != nil {
			r.expr(e.FormatSpec)
		}
	case *syntax.JoinedStr:
		r.exprs(e.Values)
	case *syntax.Constant:
	case *syntax.Attribute:
		r.expr(e.Value)
	case *syntax.Subscript:
		r.expr(e.Value)
		r.expr(e.Slice)
	case *syntax.Starred:
		r.expr(e.Value)
	case *syntax.Slice:
		for _, x := range []syntax.Expr{e.Lower, e.Upper, e.Step} {
			if x != nil {
				r.expr(x)
			}
		}
	case *syntax.Name:
		if e.Ctx == syntax.Load {
			r.addDef(e.Id, Use, e.Pos)
			if r.cur.FunctionLike() && e.Id == "super" {
				r.addDef("__class__", Use, e.Pos)
			}
		} else {
			r.addDef(e.Id, DefLocal, e.Pos)
		}
	case *syntax.List:
		r.exprs(e.Elts)
	case *syntax.Tuple:
		r.exprs(e.Elts)
	}
}

func (r *resolver) yield(p syntax.Pos) {
	r.cur.Generator = true
	switch r.cur.Comprehension {
	case ListComp:
		r.fail(p, "'yield' inside list comprehension")
	case SetComp:
		r.fail(p, "'yield' inside set comprehension")
	case DictComp:
		r.fail(p, "'yield' inside dict comprehension")
	case GenExp:
		r.fail(p, "'yield' inside generator expression")
	}
}

// extendNamedExprScope binds a walrus target of a comprehension in the
// nearest enclosing function or module (CPython's
// symtable_extend_namedexpr_scope).
func (r *resolver) extendNamedExprScope(target syntax.Expr) {
	name, ok := target.(*syntax.Name)
	if !ok {
		return
	}
	for i := len(r.stack) - 1; i >= 0; i-- {
		s := r.stack[i]
		if s.Comprehension != NotComprehension {
			if s.FlagsOf(Mangle(r.private, name.Id))&DefCompIter != 0 {
				r.fail(name.Pos, msgCompConflict, name.Id)
			}
			continue
		}
		switch s.Kind {
		case FunctionScope:
			if s.FlagsOf(Mangle(r.private, name.Id))&DefGlobal != 0 {
				r.addDef(name.Id, DefGlobal, name.Pos)
			} else {
				r.addDef(name.Id, DefNonlocal, name.Pos)
			}
			r.recordDirective(name.Id, name.Pos)
			r.addDefIn(s, name.Id, DefLocal, name.Pos)
			return
		case ModuleScope:
			r.addDef(name.Id, DefGlobal, name.Pos)
			r.recordDirective(name.Id, name.Pos)
			r.addDefIn(s, name.Id, DefGlobal, name.Pos)
			return
		default:
			r.fail(name.Pos, msgCompInClass)
		}
	}
}

func (r *resolver) comprehension(node syntax.Expr, pos syntax.Pos, name string, kind CompKind,
	gens []*syntax.Comprehension, elt, value syntax.Expr) {
	if len(gens) == 0 {
		return
	}
	outer := gens[0]
	r.cur.compIterExpr++
	r.expr(outer.Iter)
	r.cur.compIterExpr--
	s := r.enter(FunctionScope, name, node, pos)
	s.Comprehension = kind
	if outer.IsAsync {
		s.Coroutine = true
	}
	r.addDef(".0", DefParam, pos)
	s.compIterTarget = true
	r.expr(outer.Target)
	s.compIterTarget = false
	r.exprs(outer.Ifs)
	for _, g := range gens[1:] {
		s.compIterTarget = true
		r.expr(g.Target)
		s.compIterTarget = false
		s.compIterExpr++
		r.expr(g.Iter)
		s.compIterExpr--
		r.exprs(g.Ifs)
		if g.IsAsync {
			s.Coroutine = true
		}
	}
	if value != nil {
		r.expr(value)
	}
	r.expr(elt)
	s.Generator = kind == GenExp
	async := s.Coroutine && !s.Generator
	r.exit()
	if async {
		r.cur.Coroutine = true
	}
}

func (r *resolver) pattern(p syntax.Pattern) {
	switch p := p.(type) {
	case *syntax.MatchValue:
		r.expr(p.Value)
	case *syntax.MatchSingleton:
	case *syntax.MatchSequence:
		for _, q := range p.Patterns {
			r.pattern(q)
		}
	case *syntax.MatchStar:
		if p.Name != "" {
			r.addDef(p.Name, DefLocal, p.Pos)
		}
	case *syntax.MatchMapping:
		r.exprs(p.Keys)
		for _, q := range p.Patterns {
			r.pattern(q)
		}
		if p.Rest != "" {
			r.addDef(p.Rest, DefLocal, p.Pos)
		}
	case *syntax.MatchClass:
		r.expr(p.Cls)
		for _, q := range p.Patterns {
			r.pattern(q)
		}
		for _, q := range p.KwdPatterns {
			r.pattern(q)
		}
	case *syntax.MatchAs:
		if p.Pattern != nil {
			r.pattern(p.Pattern)
		}
		if p.Name != "" {
			r.addDef(p.Name, DefLocal, p.Pos)
		}
	case *syntax.MatchOr:
		for _, q := range p.Patterns {
			r.pattern(q)
		}
	}
}
