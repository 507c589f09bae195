package compile

import (
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/resolve"
	"github.com/rwgil/rwgil/python/syntax"
)

func (c *compiler) expr(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.BoolOp:
		c.boolOp(e)
	case *syntax.NamedExpr:
		c.expr(e.Value)
		c.opArg(bytecode.Copy, 1, e.Pos)
		c.expr(e.Target)
	case *syntax.BinOp:
		op, _ := binaryOp(e.Op)
		c.expr(e.Left)
		c.expr(e.Right)
		c.opArg(bytecode.BinaryOp, int(op), e.Pos)
	case *syntax.UnaryOp:
		c.expr(e.Operand)
		c.op([...]bytecode.Op{bytecode.UnaryInvert, bytecode.UnaryNot, bytecode.UnaryPositive, bytecode.UnaryNegative}[e.Op], e.Pos)
	case *syntax.Lambda:
		c.lambda(e)
	case *syntax.IfExp:
		end, next := c.u.newLabel(), c.u.newLabel()
		c.jumpIf(e.Test, next, false, e.Pos)
		c.expr(e.Body)
		c.jump(bytecode.JumpForward, end, noPos)
		c.u.bind(next)
		c.expr(e.Orelse)
		c.u.bind(end)
	case *syntax.Dict:
		c.dict(e)
	case *syntax.Set:
		c.starUnpack(e.Elts, 0, bytecode.BuildSet, bytecode.SetAdd, bytecode.SetUpdate, false, e.Pos)
	case *syntax.ListComp:
		c.comprehension(e, e.Pos, resolve.ListComp, e.Generators, e.Elt, nil)
	case *syntax.SetComp:
		c.comprehension(e, e.Pos, resolve.SetComp, e.Generators, e.Elt, nil)
	case *syntax.DictComp:
		c.comprehension(e, e.Pos, resolve.DictComp, e.Generators, e.Key, e.Value)
	case *syntax.GeneratorExp:
		c.comprehension(e, e.Pos, resolve.GenExp, e.Generators, e.Elt, nil)
	case *syntax.Yield:
		if !c.u.scope.FunctionLike() {
			c.errorAt(e.Pos, "'yield' outside function")
		}
		if e.Value != nil {
			c.expr(e.Value)
		} else {
			c.loadConst(nil, e.Pos)
		}
		c.op(bytecode.YieldValue, e.Pos)
	case *syntax.YieldFrom:
		if !c.u.scope.FunctionLike() {
			c.errorAt(e.Pos, "'yield' outside function")
		}
		c.expr(e.Value)
		c.op(bytecode.GetYieldFromIter, e.Pos)
		c.loadConst(nil, e.Pos)
		c.op(bytecode.YieldFrom, e.Pos)
	case *syntax.Await:
		if !c.u.scope.FunctionLike() {
			c.errorAt(e.Pos, "'await' outside function")
		}
		if c.u.kind != unitComprehension {
			c.errorAt(e.Pos, "'await' outside async function")
		}
		c.unsupported(e.Pos, "await")
	case *syntax.Compare:
		c.compare(e)
	case *syntax.Call:
		c.call(e)
	case *syntax.FormattedValue:
		c.formattedValue(e)
	case *syntax.JoinedStr:
		c.joinedStr(e)
	case *syntax.Constant:
		c.loadConst(c.constValue(e), e.Pos)
	case *syntax.Attribute:
		c.expr(e.Value)
		p := attrLoc(e.Pos, e)
		switch e.Ctx {
		case syntax.Load:
			c.opName(bytecode.LoadAttr, c.mangle(e.Attr), p)
		case syntax.Store:
			if e.Attr == "__debug__" {
				c.errorAt(p, "cannot assign to __debug__")
			}
			c.opName(bytecode.StoreAttr, c.mangle(e.Attr), p)
		default:
			c.opName(bytecode.DeleteAttr, c.mangle(e.Attr), p)
		}
	case *syntax.Subscript:
		c.subscript(e)
	case *syntax.Starred:
		if e.Ctx == syntax.Store {
			c.errorAt(e.Pos, "starred assignment target must be in a list or tuple")
		}
		c.errorAt(e.Pos, "can't use starred expression here")
	case *syntax.Name:
		c.nameOp(e.Id, e.Ctx, e.Pos)
	case *syntax.List:
		switch e.Ctx {
		case syntax.Store:
			c.assignSequence(e.Elts, e.Pos)
		case syntax.Del:
			for _, x := range e.Elts {
				c.expr(x)
			}
		default:
			c.starUnpack(e.Elts, 0, bytecode.BuildList, bytecode.ListAppend, bytecode.ListExtend, false, e.Pos)
		}
	case *syntax.Tuple:
		switch e.Ctx {
		case syntax.Store:
			c.assignSequence(e.Elts, e.Pos)
		case syntax.Del:
			for _, x := range e.Elts {
				c.expr(x)
			}
		default:
			c.starUnpack(e.Elts, 0, bytecode.BuildList, bytecode.ListAppend, bytecode.ListExtend, true, e.Pos)
		}
	case *syntax.Slice:
		c.opArg(bytecode.BuildSlice, c.slice(e), e.Pos)
	default:
		c.unsupported(e.Position(), "this expression")
	}
}

// attrLoc is CPython's update_start_location_to_match_attr: when an
// attribute access spans lines, its instructions start at the attribute
// name, so that a traceback points there.
func attrLoc(p syntax.Pos, a *syntax.Attribute) syntax.Pos {
	if p.Lineno != a.EndLineno {
		p.Lineno = a.EndLineno
		if n := len(a.Attr); n <= a.EndColOffset {
			p.ColOffset = a.EndColOffset - n
		}
		p.EndLineno = max(p.Lineno, p.EndLineno)
		if p.Lineno == p.EndLineno {
			p.EndColOffset = max(p.ColOffset, p.EndColOffset)
		}
	}
	return p
}

func (c *compiler) boolOp(e *syntax.BoolOp) {
	jump := bytecode.PopJumpIfFalse
	if e.Op == syntax.Or {
		jump = bytecode.PopJumpIfTrue
	}
	end := c.u.newLabel()
	n := len(e.Values) - 1
	for i := 0; i < n; i++ {
		// A constant operand decides at compile time: CPython's
		// optimizer drops the test and the code it makes unreachable.
		if k, ok := e.Values[i].(*syntax.Constant); ok {
			if truth, ok := constTruth(k.Value); ok {
				if truth == (e.Op == syntax.Or) {
					c.expr(k) // the result; the rest is never evaluated
					c.jump(bytecode.JumpForward, end, noPos)
					break
				}
				// Skipped: the next operand decides. It is still
				// compiled, for its errors, into dead code.
				c.deadExpr(k)
				continue
			}
		}
		c.expr(e.Values[i])
		c.opArg(bytecode.Copy, 1, e.Pos)
		c.jump(jump, end, e.Pos)
		c.op(bytecode.PopTop, e.Pos)
	}
	c.expr(e.Values[n]) // dead after a deciding constant: emits nothing
	c.u.bind(end)
}

// deadExpr compiles e for its compile-time errors only: none of its
// instructions is emitted.
func (c *compiler) deadExpr(e syntax.Expr) {
	saved := c.u.dead
	c.u.dead = true
	c.expr(e)
	c.u.dead = saved
}

func (c *compiler) compareOp(op syntax.CmpOperator, p syntax.Pos) {
	switch op {
	case syntax.Is:
		c.opArg(bytecode.IsOp, 0, p)
	case syntax.IsNot:
		c.opArg(bytecode.IsOp, 1, p)
	case syntax.In:
		c.opArg(bytecode.ContainsOp, 0, p)
	case syntax.NotIn:
		c.opArg(bytecode.ContainsOp, 1, p)
	default:
		c.opArg(bytecode.CompareOp, int([...]bytecode.CmpOp{
			syntax.Eq: bytecode.CmpEQ, syntax.NotEq: bytecode.CmpNE, syntax.Lt: bytecode.CmpLT,
			syntax.LtE: bytecode.CmpLE, syntax.Gt: bytecode.CmpGT, syntax.GtE: bytecode.CmpGE,
		}[op]), p)
	}
}

func (c *compiler) compare(e *syntax.Compare) {
	c.expr(e.Left)
	n := len(e.Ops) - 1
	if n == 0 {
		c.expr(e.Comparators[0])
		c.compareOp(e.Ops[0], e.Pos)
		return
	}
	cleanup, end := c.u.newLabel(), c.u.newLabel()
	for i := 0; i < n; i++ {
		c.expr(e.Comparators[i])
		c.opArg(bytecode.Swap, 2, e.Pos)
		c.opArg(bytecode.Copy, 2, e.Pos)
		c.compareOp(e.Ops[i], e.Pos)
		c.opArg(bytecode.Copy, 1, e.Pos)
		c.jump(bytecode.PopJumpIfFalse, cleanup, e.Pos)
		c.op(bytecode.PopTop, e.Pos)
	}
	c.expr(e.Comparators[n])
	c.compareOp(e.Ops[n], e.Pos)
	c.jump(bytecode.JumpForward, end, noPos)
	c.u.bind(cleanup)
	c.opArg(bytecode.Swap, 2, e.Pos)
	c.op(bytecode.PopTop, e.Pos)
	c.u.bind(end)
}

// jumpIf jumps to next when e's truth is cond, and falls through
// otherwise, without materializing boolean operators (CPython's
// compiler_jump_if). A constant condition is decided here.
func (c *compiler) jumpIf(e syntax.Expr, next label, cond bool, loc syntax.Pos) {
	switch e := e.(type) {
	case *syntax.UnaryOp:
		if e.Op == syntax.Not {
			c.jumpIf(e.Operand, next, !cond, loc)
			return
		}
	case *syntax.BoolOp:
		n := len(e.Values) - 1
		cond2 := e.Op == syntax.Or
		next2 := next
		if cond2 != cond {
			next2 = c.u.newLabel()
		}
		for i := 0; i < n; i++ {
			c.jumpIf(e.Values[i], next2, cond2, loc)
		}
		c.jumpIf(e.Values[n], next, cond, loc)
		if next2 != next {
			c.u.bind(next2)
		}
		return
	case *syntax.IfExp:
		end, next2 := c.u.newLabel(), c.u.newLabel()
		c.jumpIf(e.Test, next2, false, loc)
		c.jumpIf(e.Body, next, cond, loc)
		c.jump(bytecode.JumpForward, end, noPos)
		c.u.bind(next2)
		c.jumpIf(e.Orelse, next, cond, loc)
		c.u.bind(end)
		return
	case *syntax.Compare:
		n := len(e.Ops) - 1
		if n > 0 {
			cleanup := c.u.newLabel()
			c.expr(e.Left)
			for i := 0; i < n; i++ {
				c.expr(e.Comparators[i])
				c.opArg(bytecode.Swap, 2, e.Pos)
				c.opArg(bytecode.Copy, 2, e.Pos)
				c.compareOp(e.Ops[i], e.Pos)
				c.jump(bytecode.PopJumpIfFalse, cleanup, e.Pos)
			}
			c.expr(e.Comparators[n])
			c.compareOp(e.Ops[n], e.Pos)
			if cond {
				c.jump(bytecode.PopJumpIfTrue, next, e.Pos)
			} else {
				c.jump(bytecode.PopJumpIfFalse, next, e.Pos)
			}
			end := c.u.newLabel()
			c.jump(bytecode.JumpForward, end, noPos)
			c.u.bind(cleanup)
			c.op(bytecode.PopTop, e.Pos)
			if !cond {
				c.jump(bytecode.JumpForward, next, noPos)
			}
			c.u.bind(end)
			return
		}
	case *syntax.Constant:
		// LOAD_CONST; POP_JUMP_IF_x: CPython's optimizer keeps only the
		// jump that is taken.
		if truth, ok := constTruth(e.Value); ok {
			if truth == cond {
				c.jump(bytecode.JumpForward, next, e.Pos)
			}
			return
		}
	}
	c.expr(e)
	if cond {
		c.jump(bytecode.PopJumpIfTrue, next, e.Position())
	} else {
		c.jump(bytecode.PopJumpIfFalse, next, e.Position())
	}
}

// allConst reports whether every item is a constant (not starred).
func allConst(elts []syntax.Expr) bool {
	for _, e := range elts {
		if _, ok := e.(*syntax.Constant); !ok {
			return false
		}
	}
	return true
}

// starUnpack builds a list, set or tuple display, or the positional
// arguments of a call with *args (CPython's starunpack_helper): pushed
// items are already on the stack; tuple builds a list and turns it into a
// tuple when a star or the size rules it out of BUILD_TUPLE.
func (c *compiler) starUnpack(elts []syntax.Expr, pushed int, build, add, extend bytecode.Op, tuple bool, loc syntax.Pos) {
	n := len(elts)
	if n > 2 && allConst(elts) && build != bytecode.BuildSet {
		items := make(bytecode.Tuple, n)
		for i, e := range elts {
			items[i] = c.constValue(e.(*syntax.Constant))
		}
		if constDepth(items) <= bytecode.MaxNesting {
			if tuple && pushed == 0 {
				c.loadConst(items, loc)
				return
			}
			c.opArg(build, pushed, loc)
			c.loadConst(items, loc)
			c.opArg(extend, 1, loc)
			if tuple {
				c.op(bytecode.ListToTuple, loc)
			}
			return
		}
	}
	big := n+pushed > stackUseGuideline
	seenStar := false
	for _, e := range elts {
		if _, ok := e.(*syntax.Starred); ok {
			seenStar = true
			break
		}
	}
	if !seenStar && !big {
		for _, e := range elts {
			c.expr(e)
		}
		if tuple {
			c.opArg(bytecode.BuildTuple, n+pushed, loc)
		} else {
			c.opArg(build, n+pushed, loc)
		}
		return
	}
	built := false
	if big {
		c.opArg(build, pushed, loc)
		built = true
	}
	for i, e := range elts {
		if st, ok := e.(*syntax.Starred); ok {
			if !built {
				c.opArg(build, i+pushed, loc)
				built = true
			}
			c.expr(st.Value)
			c.opArg(extend, 1, loc)
		} else {
			c.expr(e)
			if built {
				c.opArg(add, 1, loc)
			}
		}
	}
	if tuple {
		c.op(bytecode.ListToTuple, loc)
	}
}

// dict builds a dict display (CPython's compiler_dict): runs of key: value
// pairs become BUILD_MAP (MAP_ADD one by one past the stack guideline),
// **mappings DICT_UPDATE.
func (c *compiler) dict(e *syntax.Dict) {
	n := len(e.Values)
	haveDict := false
	elements := 0
	for i := 0; i < n; i++ {
		if e.Keys[i] == nil {
			if elements > 0 {
				c.subdict(e, i-elements, i)
				if haveDict {
					c.opArg(bytecode.DictUpdate, 1, e.Pos)
				}
				haveDict = true
				elements = 0
			}
			if !haveDict {
				c.opArg(bytecode.BuildMap, 0, e.Pos)
				haveDict = true
			}
			c.expr(e.Values[i])
			c.opArg(bytecode.DictUpdate, 1, e.Pos)
			continue
		}
		if elements*2 > stackUseGuideline {
			c.subdict(e, i-elements, i+1)
			if haveDict {
				c.opArg(bytecode.DictUpdate, 1, e.Pos)
			}
			haveDict = true
			elements = 0
		} else {
			elements++
		}
	}
	if elements > 0 {
		c.subdict(e, n-elements, n)
		if haveDict {
			c.opArg(bytecode.DictUpdate, 1, e.Pos)
		}
		haveDict = true
	}
	if !haveDict {
		c.opArg(bytecode.BuildMap, 0, e.Pos)
	}
}

func (c *compiler) subdict(e *syntax.Dict, begin, end int) {
	n := end - begin
	big := n*2 > stackUseGuideline
	if big {
		c.opArg(bytecode.BuildMap, 0, e.Pos)
	}
	for i := begin; i < end; i++ {
		c.expr(e.Keys[i])
		c.expr(e.Values[i])
		if big {
			c.opArg(bytecode.MapAdd, 1, e.Pos)
		}
	}
	if !big {
		c.opArg(bytecode.BuildMap, n, e.Pos)
	}
}

// slice pushes a slice's parts (None for the missing ones) and returns
// how many: 2, or 3 with a step.
func (c *compiler) slice(s *syntax.Slice) int {
	n := 2
	for _, x := range []syntax.Expr{s.Lower, s.Upper} {
		if x != nil {
			c.expr(x)
		} else {
			c.loadConst(nil, s.Pos)
		}
	}
	if s.Step != nil {
		n++
		c.expr(s.Step)
	}
	return n
}

func (c *compiler) subscript(e *syntax.Subscript) {
	c.expr(e.Value)
	if sl, ok := e.Slice.(*syntax.Slice); ok && sl.Step == nil && e.Ctx != syntax.Del {
		c.slice(sl)
		if e.Ctx == syntax.Load {
			c.op(bytecode.BinarySlice, e.Pos)
		} else {
			c.op(bytecode.StoreSlice, e.Pos)
		}
		return
	}
	c.expr(e.Slice)
	c.op([...]bytecode.Op{bytecode.BinarySubscr, bytecode.StoreSubscr, bytecode.DeleteSubscr}[e.Ctx], e.Pos)
}

// assignSequence unpacks the value on the stack into a tuple or list
// target, with at most one starred name (CPython's assignment_helper).
func (c *compiler) assignSequence(elts []syntax.Expr, loc syntax.Pos) {
	n := len(elts)
	seenStar := false
	for i, e := range elts {
		if _, ok := e.(*syntax.Starred); ok {
			if seenStar {
				c.errorAt(loc, "multiple starred expressions in assignment")
			}
			if i >= 1<<8 || n-i-1 >= 1<<8 {
				c.errorAt(loc, "too many expressions in star-unpacking assignment")
			}
			c.opArg(bytecode.UnpackEx, int(bytecode.UnpackExArg(i, n-i-1)), loc)
			seenStar = true
		}
	}
	if !seenStar {
		c.opArg(bytecode.UnpackSequence, n, loc)
	}
	for _, e := range elts {
		if st, ok := e.(*syntax.Starred); ok {
			c.expr(st.Value)
		} else {
			c.expr(e)
		}
	}
}

// validateKeywords rejects __debug__= and a repeated keyword argument.
func (c *compiler) validateKeywords(kws []*syntax.Keyword) {
	for i, k := range kws {
		if k.Arg == "" {
			continue
		}
		if k.Arg == "__debug__" {
			c.errorAt(k.Pos, "cannot assign to __debug__")
		}
		for _, o := range kws[i+1:] {
			if o.Arg == k.Arg {
				c.errorAt(o.Pos, "keyword argument repeated: %s", k.Arg)
			}
		}
	}
}

func (c *compiler) call(e *syntax.Call) {
	c.validateKeywords(e.Keywords)
	if c.methodCall(e) || c.superCall(e) {
		return
	}
	c.expr(e.Func)
	c.callHelper(e.Pos, 0, e.Args, e.Keywords)
}

// isImportOriginated reports whether e is a module-level name bound by an
// import: CPython does not use the method-call form on modules.
func (c *compiler) isImportOriginated(e syntax.Expr) bool {
	n, ok := e.(*syntax.Name)
	return ok && c.table.Module.FlagsOf(n.Id)&resolve.DefImport != 0
}

// methodCall compiles obj.m(args) as LOAD_METHOD + CALL_METHOD when
// CPython would use its method-call form (maybe_optimize_method_call).
func (c *compiler) methodCall(e *syntax.Call) bool {
	attr, ok := e.Func.(*syntax.Attribute)
	if !ok || attr.Ctx != syntax.Load || c.isImportOriginated(attr.Value) {
		return false
	}
	nargs, nkw := len(e.Args), len(e.Keywords)
	extra := 0
	if nkw > 0 {
		extra = 1
	}
	if nargs+nkw+extra >= stackUseGuideline {
		return false
	}
	for _, a := range e.Args {
		if _, ok := a.(*syntax.Starred); ok {
			return false
		}
	}
	for _, k := range e.Keywords {
		if k.Arg == "" {
			return false
		}
	}
	c.expr(attr.Value)
	c.opName(bytecode.LoadMethod, c.mangle(attr.Attr), attrLoc(attr.Pos, attr))
	for _, a := range e.Args {
		c.expr(a)
	}
	c.keywords(e.Keywords, e.Pos)
	c.opArg(bytecode.CallMethod, nargs+nkw, attrLoc(e.Pos, attr))
	return true
}

// superCall compiles a zero-argument super() in a method as
// super(__class__, <first argument>), the call CPython's super() makes
// from the frame.
func (c *compiler) superCall(e *syntax.Call) bool {
	name, ok := e.Func.(*syntax.Name)
	if !ok || name.Id != "super" || len(e.Args) != 0 || len(e.Keywords) != 0 {
		return false
	}
	u := c.u
	npos := len(u.params)
	if u.varArgs {
		npos--
	}
	if !u.scope.FunctionLike() || npos == 0 {
		return false
	}
	// The module may read the built-in super (super(C, obj)), but not
	// bind a super of its own.
	if w, _ := c.locate("super"); w != atGlobal || u.scope.BindingOf("super") != resolve.GlobalImplicit ||
		c.table.Module.FlagsOf("super")&(resolve.DefBound|resolve.DefGlobal) != 0 {
		return false
	}
	if u.scope.BindingOf("__class__") != resolve.Free {
		return false
	}
	c.nameOp("super", syntax.Load, name.Pos)
	c.u.add(instr{op: bytecode.LoadDeref, name: "__class__", pos: position(e.Pos)})
	first := u.params[0]
	if w, n := c.locate(first); w == atDeref {
		c.u.add(instr{op: bytecode.LoadDeref, name: n, pos: position(e.Pos)})
	} else {
		c.u.add(instr{op: bytecode.LoadFast, name: first, pos: position(e.Pos)})
	}
	c.opArg(bytecode.Call, 2, e.Pos)
	return true
}

// keywords pushes the values of plain keyword arguments and names them.
func (c *compiler) keywords(kws []*syntax.Keyword, loc syntax.Pos) {
	if len(kws) == 0 {
		return
	}
	names := make(bytecode.Tuple, len(kws))
	for i, k := range kws {
		c.expr(k.Value)
		names[i] = k.Arg
	}
	c.opConst(bytecode.KwNames, names, loc)
}

// callHelper finishes a call whose callable (and n arguments) are on the
// stack (CPython's compiler_call_helper).
func (c *compiler) callHelper(loc syntax.Pos, n int, args []syntax.Expr, kws []*syntax.Keyword) {
	c.validateKeywords(kws)
	ex := len(args)+2*len(kws) > stackUseGuideline
	for _, a := range args {
		if _, ok := a.(*syntax.Starred); ok {
			ex = true
		}
	}
	for _, k := range kws {
		if k.Arg == "" {
			ex = true
		}
	}
	if !ex {
		for _, a := range args {
			c.expr(a)
		}
		c.keywords(kws, loc)
		c.opArg(bytecode.Call, n+len(args)+len(kws), loc)
		return
	}
	if st, ok := singleStar(args); ok && n == 0 {
		c.expr(st.Value)
	} else {
		c.starUnpack(args, n, bytecode.BuildList, bytecode.ListAppend, bytecode.ListExtend, true, loc)
	}
	if len(kws) > 0 {
		haveDict := false
		seen := 0
		for i, k := range kws {
			if k.Arg != "" {
				seen++
				continue
			}
			if seen > 0 {
				c.subkwargs(kws[i-seen:i], loc)
				if haveDict {
					c.opArg(bytecode.DictMerge, 1, loc)
				}
				haveDict = true
				seen = 0
			}
			if !haveDict {
				c.opArg(bytecode.BuildMap, 0, loc)
				haveDict = true
			}
			c.expr(k.Value)
			c.opArg(bytecode.DictMerge, 1, loc)
		}
		if seen > 0 {
			c.subkwargs(kws[len(kws)-seen:], loc)
			if haveDict {
				c.opArg(bytecode.DictMerge, 1, loc)
			}
		}
		c.opArg(bytecode.CallEx, 1, loc)
		return
	}
	c.opArg(bytecode.CallEx, 0, loc)
}

func singleStar(args []syntax.Expr) (*syntax.Starred, bool) {
	if len(args) != 1 {
		return nil, false
	}
	st, ok := args[0].(*syntax.Starred)
	return st, ok
}

// subkwargs builds a dict of plain keyword arguments for CALL_EX.
func (c *compiler) subkwargs(kws []*syntax.Keyword, loc syntax.Pos) {
	big := len(kws)*2 > stackUseGuideline
	if big {
		c.opArg(bytecode.BuildMap, 0, noPos)
	}
	for _, k := range kws {
		c.loadConst(k.Arg, loc)
		c.expr(k.Value)
		if big {
			c.opArg(bytecode.MapAdd, 1, noPos)
		}
	}
	if !big {
		c.opArg(bytecode.BuildMap, len(kws), loc)
	}
}

func (c *compiler) formattedValue(e *syntax.FormattedValue) {
	c.expr(e.Value)
	var arg int
	switch e.Conversion {
	case syntax.ConvStr:
		arg = 1
	case syntax.ConvRepr:
		arg = 2
	case syntax.ConvASCII:
		arg = 3
	}
	if e.FormatSpec != nil {
		c.expr(e.FormatSpec)
		arg |= bytecode.FormatWithSpec
	}
	c.opArg(bytecode.FormatValue, arg, e.Pos)
}

func (c *compiler) joinedStr(e *syntax.JoinedStr) {
	n := len(e.Values)
	if n > stackUseGuideline {
		// ''.join([...]), as CPython does for long f-strings.
		c.loadConst("", e.Pos)
		c.opName(bytecode.LoadMethod, "join", e.Pos)
		c.opArg(bytecode.BuildList, 0, e.Pos)
		for _, v := range e.Values {
			c.expr(v)
			c.opArg(bytecode.ListAppend, 1, e.Pos)
		}
		c.opArg(bytecode.CallMethod, 1, e.Pos)
		return
	}
	for _, v := range e.Values {
		c.expr(v)
	}
	if n != 1 {
		c.opArg(bytecode.BuildString, n, e.Pos)
	}
}

func exprName(e syntax.Expr) string {
	switch e.(type) {
	case *syntax.Tuple:
		return "tuple"
	case *syntax.List:
		return "list"
	case *syntax.Call:
		return "function call"
	}
	return "expression"
}

// binaryOp maps an AST operator to BINARY_OP's operand; @ has none.
func binaryOp(op syntax.Operator) (bytecode.BinOp, bool) {
	switch op {
	case syntax.Add:
		return bytecode.BinAdd, true
	case syntax.Sub:
		return bytecode.BinSub, true
	case syntax.Mult:
		return bytecode.BinMul, true
	case syntax.Div:
		return bytecode.BinTrueDiv, true
	case syntax.FloorDiv:
		return bytecode.BinFloorDiv, true
	case syntax.Mod:
		return bytecode.BinMod, true
	case syntax.Pow:
		return bytecode.BinPow, true
	case syntax.LShift:
		return bytecode.BinLShift, true
	case syntax.RShift:
		return bytecode.BinRShift, true
	case syntax.BitAnd:
		return bytecode.BinAnd, true
	case syntax.BitOr:
		return bytecode.BinOr, true
	case syntax.BitXor:
		return bytecode.BinXor, true
	case syntax.MatMult:
		return bytecode.BinMatMul, true
	}
	return 0, false
}

func inplaceOp(op syntax.Operator) (bytecode.BinOp, bool) {
	b, ok := binaryOp(op)
	return b + bytecode.NumBinaryOps, ok
}
