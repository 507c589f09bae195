package syntax

// Expressions, targets, call arguments and parameters: the rules of
// Grammar/python.gram from "expressions" on.

// callArgs is the result of the args rule (CPython builds a Call with a
// dummy function).
type callArgs struct {
	pos      Pos
	args     []Expr
	keywords []*Keyword
}

// keywordOrStarred is one item of kwargs.
type keywordOrStarred struct {
	kw      *Keyword
	starred Expr
}

func (p *parser) newName(t *token, ctx ExprContext) *Name {
	return &Name{Pos: tokPos(t), Id: p.identifier(t), Ctx: ctx}
}

// identifier returns a NAME token's identifier, NFKC-normalized as
// CPython's _PyPegen_new_identifier does.
func (p *parser) identifier(t *token) string {
	for i := 0; i < len(t.text); i++ {
		if t.text[i] >= 0x80 {
			return nfkc(t.text)
		}
	}
	return t.text
}

// expressions:
//
//	| expression (',' expression)+ [',']
//	| expression ','
//	| expression
func (p *parser) expressions() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	e := p.expression()
	if e == nil {
		return nil
	}
	elts := []Expr{e}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		e := p.expression()
		if e == nil {
			p.mark = m
			break
		}
		elts = append(elts, e)
	}
	if len(elts) > 1 {
		p.expect(opComma)
		return &Tuple{Pos: p.pos(line, col), Elts: elts}
	}
	m := p.mark
	if p.expect(opComma) != nil {
		return &Tuple{Pos: p.pos(line, col), Elts: elts}
	}
	p.mark = m
	_ = mark
	return e
}

// expression (memo):
//
//	| invalid_expression
//	| invalid_legacy_expression
//	| disjunction 'if' disjunction 'else' expression
//	| disjunction
//	| lambdef
func (p *parser) expression() Expr {
	if r, ok := p.memoGet(mExpression); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.expressionRaw(p.invalid)
	if res == nil {
		p.mark = start
		p.memoSet(mExpression, start, nil)
		return nil
	}
	p.memoSet(mExpression, start, res)
	return res
}

func (p *parser) expressionRaw(invalid bool) Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if invalid {
		p.invalidExpression()
		p.mark = mark
		p.invalidLegacyExpression()
		p.mark = mark
	}
	line, col := p.start()
	if a := p.disjunction(); a != nil {
		if p.expect(kwIf) != nil {
			if b := p.disjunction(); b != nil && p.expect(kwElse) != nil {
				if c := p.expression(); c != nil {
					return &IfExp{Pos: p.pos(line, col), Test: b, Body: a, Orelse: c}
				}
			}
		}
	}
	p.mark = mark
	if a := p.disjunction(); a != nil {
		return a
	}
	p.mark = mark
	if l := p.lambdef(); l != nil {
		return l
	}
	p.mark = mark
	return nil
}

// expression_without_invalid: expression's rule with the invalid_* rules
// turned off below it.
func (p *parser) expressionWithoutInvalid() Expr {
	saved := p.invalid
	p.invalid = false
	defer func() { p.invalid = saved }()
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if a := p.disjunction(); a != nil {
		if p.expect(kwIf) != nil {
			if b := p.disjunction(); b != nil && p.expect(kwElse) != nil {
				if c := p.expression(); c != nil {
					return &IfExp{Pos: p.pos(line, col), Test: b, Body: a, Orelse: c}
				}
			}
		}
	}
	p.mark = mark
	if a := p.disjunction(); a != nil {
		return a
	}
	p.mark = mark
	if l := p.lambdef(); l != nil {
		return l
	}
	p.mark = mark
	return nil
}

// yield_expr:
//
//	| 'yield' 'from' expression
//	| 'yield' [star_expressions]
func (p *parser) yieldExpr() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwYield) != nil && p.expect(kwFrom) != nil {
		if e := p.expression(); e != nil {
			return &YieldFrom{Pos: p.pos(line, col), Value: e}
		}
	}
	p.mark = mark
	if p.expect(kwYield) != nil {
		v := p.starExpressions()
		return &Yield{Pos: p.pos(line, col), Value: v}
	}
	p.mark = mark
	return nil
}

// star_expressions:
//
//	| star_expression (',' star_expression)+ [',']
//	| star_expression ','
//	| star_expression
func (p *parser) starExpressions() Expr {
	p.enter()
	defer p.leave()
	line, col := p.start()
	e := p.starExpression()
	if e == nil {
		return nil
	}
	elts := []Expr{e}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		e := p.starExpression()
		if e == nil {
			p.mark = m
			break
		}
		elts = append(elts, e)
	}
	if len(elts) > 1 {
		p.expect(opComma)
		return &Tuple{Pos: p.pos(line, col), Elts: elts}
	}
	if p.expect(opComma) != nil {
		return &Tuple{Pos: p.pos(line, col), Elts: elts}
	}
	return e
}

// star_expression (memo): '*' bitwise_or | expression
func (p *parser) starExpression() Expr {
	if r, ok := p.memoGet(mStarExpression); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.starExpressionRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mStarExpression, start, nil)
		return nil
	}
	p.memoSet(mStarExpression, start, res)
	return res
}

func (p *parser) starExpressionRaw() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opStar) != nil {
		if a := p.bitwiseOr(); a != nil {
			return &Starred{Pos: p.pos(line, col), Value: a}
		}
	}
	p.mark = mark
	if e := p.expression(); e != nil {
		return e
	}
	p.mark = mark
	return nil
}

// star_named_expressions: ','.star_named_expression+ [',']
func (p *parser) starNamedExpressions() []Expr {
	p.enter()
	defer p.leave()
	e := p.starNamedExpression()
	if e == nil {
		return nil
	}
	out := []Expr{e}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		e := p.starNamedExpression()
		if e == nil {
			p.mark = m
			break
		}
		out = append(out, e)
	}
	p.expect(opComma)
	return out
}

// star_named_expression: '*' bitwise_or | named_expression
func (p *parser) starNamedExpression() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opStar) != nil {
		if a := p.bitwiseOr(); a != nil {
			return &Starred{Pos: p.pos(line, col), Value: a}
		}
	}
	p.mark = mark
	if e := p.namedExpression(); e != nil {
		return e
	}
	p.mark = mark
	return nil
}

// assignment_expression: NAME ':=' ~ expression
// (The cut only ends this rule, which has one alternative.)
func (p *parser) assignmentExpression() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if n := p.nameTok(); n != nil && p.expect(opWalrus) != nil {
		if v := p.expression(); v != nil {
			return &NamedExpr{Pos: p.pos(line, col), Target: p.newName(n, Store), Value: v}
		}
	}
	p.mark = mark
	return nil
}

// named_expression:
//
//	| assignment_expression
//	| invalid_named_expression
//	| expression !':='
func (p *parser) namedExpression() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if e := p.assignmentExpression(); e != nil {
		return e
	}
	p.mark = mark
	if p.invalid {
		p.invalidNamedExpression()
		p.mark = mark
	}
	if e := p.expression(); e != nil && !p.peek(opWalrus) {
		return e
	}
	p.mark = mark
	return nil
}

// disjunction (memo): conjunction ('or' conjunction)+ | conjunction
func (p *parser) disjunction() Expr {
	if r, ok := p.memoGet(mDisjunction); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.boolOp(Or)
	if res == nil {
		p.mark = start
	}
	p.memoSet(mDisjunction, start, res)
	if res == nil {
		return nil
	}
	return res
}

// conjunction (memo): inversion ('and' inversion)+ | inversion
func (p *parser) conjunction() Expr {
	if r, ok := p.memoGet(mConjunction); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.boolOp(And)
	if res == nil {
		p.mark = start
	}
	p.memoSet(mConjunction, start, res)
	if res == nil {
		return nil
	}
	return res
}

func (p *parser) boolOp(o BoolOperator) Expr {
	p.enter()
	defer p.leave()
	line, col := p.start()
	sub, kw := p.conjunction, kwOr
	if o == And {
		sub, kw = p.inversion, kwAnd
	}
	a := sub()
	if a == nil {
		return nil
	}
	values := []Expr{a}
	for {
		m := p.mark
		if p.expect(kw) == nil {
			break
		}
		b := sub()
		if b == nil {
			p.mark = m
			break
		}
		values = append(values, b)
	}
	if len(values) == 1 {
		return a
	}
	return &BoolOp{Pos: p.pos(line, col), Op: o, Values: values}
}

// inversion (memo): 'not' inversion | comparison
func (p *parser) inversion() Expr {
	if r, ok := p.memoGet(mInversion); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.inversionRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mInversion, start, nil)
		return nil
	}
	p.memoSet(mInversion, start, res)
	return res
}

func (p *parser) inversionRaw() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwNot) != nil {
		if a := p.inversion(); a != nil {
			return &UnaryOp{Pos: p.pos(line, col), Op: Not, Operand: a}
		}
	}
	p.mark = mark
	return p.comparison()
}

// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
func (p *parser) comparison() Expr {
	p.enter()
	defer p.leave()
	line, col := p.start()
	a := p.bitwiseOr()
	if a == nil {
		return nil
	}
	var ops []CmpOperator
	var comps []Expr
	for {
		o, b := p.compareOpPair()
		if b == nil {
			break
		}
		ops = append(ops, o)
		comps = append(comps, b)
	}
	if ops == nil {
		return a
	}
	return &Compare{Pos: p.pos(line, col), Left: a, Ops: ops, Comparators: comps}
}

// compare_op_bitwise_or_pair, in the grammar's order: == != <= < >= > not-in
// in is-not is.
func (p *parser) compareOpPair() (CmpOperator, Expr) {
	p.enter()
	defer p.leave()
	mark := p.mark
	t := p.tok()
	if t.kind != tOp && t.kind != tName {
		return 0, nil
	}
	var o CmpOperator
	switch t.op {
	case opEqEqual:
		o = Eq
	case opNotEqual:
		o = NotEq
	case opLessEq:
		o = LtE
	case opLess:
		o = Lt
	case opGreatEq:
		o = GtE
	case opGreater:
		o = Gt
	case kwNot:
		p.mark++
		if p.expect(kwIn) == nil {
			p.mark = mark
			return 0, nil
		}
		if b := p.bitwiseOr(); b != nil {
			return NotIn, b
		}
		p.mark = mark
		return 0, nil
	case kwIn:
		o = In
	case kwIs:
		p.mark++
		if p.expect(kwNot) != nil {
			if b := p.bitwiseOr(); b != nil {
				return IsNot, b
			}
		}
		p.mark = mark + 1
		if b := p.bitwiseOr(); b != nil {
			return Is, b
		}
		p.mark = mark
		return 0, nil
	default:
		return 0, nil
	}
	p.mark++
	if b := p.bitwiseOr(); b != nil {
		return o, b
	}
	p.mark = mark
	return 0, nil
}

// binary is a left-recursive binary-operator rule as a loop.
func (p *parser) binary(rule memoRule, sub func() Expr, ops func(op) (Operator, bool)) Expr {
	if r, ok := p.memoGet(rule); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	p.enter()
	defer p.leave()
	start := p.mark
	line, col := p.start()
	a := sub()
	if a == nil {
		p.mark = start
		p.memoSet(rule, start, nil)
		return nil
	}
	for {
		m := p.mark
		t := p.tok()
		if t.kind != tOp {
			break
		}
		o, ok := ops(t.op)
		if !ok {
			break
		}
		p.mark++
		b := sub()
		if b == nil {
			p.mark = m
			break
		}
		a = &BinOp{Pos: p.pos(line, col), Left: a, Op: o, Right: b}
	}
	p.memoSet(rule, start, a)
	return a
}

func orOps(o op) (Operator, bool)  { return BitOr, o == opVbar }
func xorOps(o op) (Operator, bool) { return BitXor, o == opCircum }
func andOps(o op) (Operator, bool) { return BitAnd, o == opAmper }
func shiftOps(o op) (Operator, bool) {
	switch o {
	case opLShift:
		return LShift, true
	case opRShift:
		return RShift, true
	}
	return 0, false
}
func sumOps(o op) (Operator, bool) {
	switch o {
	case opPlus:
		return Add, true
	case opMinus:
		return Sub, true
	}
	return 0, false
}
func termOps(o op) (Operator, bool) {
	switch o {
	case opStar:
		return Mult, true
	case opSlash:
		return Div, true
	case opDSlash:
		return FloorDiv, true
	case opPercent:
		return Mod, true
	case opAt:
		return MatMult, true
	}
	return 0, false
}

// bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor
func (p *parser) bitwiseOr() Expr { return p.binary(mBitwiseOr, p.bitwiseXor, orOps) }

// bitwise_xor: bitwise_xor '^' bitwise_and | bitwise_and
func (p *parser) bitwiseXor() Expr { return p.binary(mBitwiseXor, p.bitwiseAnd, xorOps) }

// bitwise_and: bitwise_and '&' shift_expr | shift_expr
func (p *parser) bitwiseAnd() Expr { return p.binary(mBitwiseAnd, p.shiftExpr, andOps) }

// shift_expr: shift_expr ('<<' | '>>') sum | sum
func (p *parser) shiftExpr() Expr { return p.binary(mShiftExpr, p.sum, shiftOps) }

// sum: sum ('+' | '-') term | term
func (p *parser) sum() Expr { return p.binary(mSum, p.term, sumOps) }

// term: term ('*' | '/' | '//' | '%' | '@') factor | factor
func (p *parser) term() Expr { return p.binary(mTerm, p.factor, termOps) }

// factor (memo): '+' factor | '-' factor | '~' factor | power
func (p *parser) factor() Expr {
	if r, ok := p.memoGet(mFactor); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.factorRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mFactor, start, nil)
		return nil
	}
	p.memoSet(mFactor, start, res)
	return res
}

func (p *parser) factorRaw() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	t := p.tok()
	if t.kind == tOp {
		var o UnaryOperator
		ok := true
		switch t.op {
		case opPlus:
			o = UAdd
		case opMinus:
			o = USub
		case opTilde:
			o = Invert
		default:
			ok = false
		}
		if ok {
			p.mark++
			if a := p.factor(); a != nil {
				return &UnaryOp{Pos: p.pos(line, col), Op: o, Operand: a}
			}
			p.mark = mark
			return nil
		}
	}
	return p.power()
}

// power: await_primary '**' factor | await_primary
func (p *parser) power() Expr {
	p.enter()
	defer p.leave()
	line, col := p.start()
	a := p.awaitPrimary()
	if a == nil {
		return nil
	}
	m := p.mark
	if p.expect(opDStar) != nil {
		if b := p.factor(); b != nil {
			return &BinOp{Pos: p.pos(line, col), Left: a, Op: Pow, Right: b}
		}
	}
	p.mark = m
	return a
}

// await_primary (memo): AWAIT primary | primary
func (p *parser) awaitPrimary() Expr {
	if r, ok := p.memoGet(mAwaitPrimary); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.awaitPrimaryRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mAwaitPrimary, start, nil)
		return nil
	}
	p.memoSet(mAwaitPrimary, start, res)
	return res
}

func (p *parser) awaitPrimaryRaw() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwAwait) != nil {
		if a := p.primary(); a != nil {
			return &Await{Pos: p.pos(line, col), Value: a}
		}
	}
	p.mark = mark
	return p.primary()
}

// primary (left-recursive):
//
//	| primary '.' NAME
//	| primary genexp
//	| primary '(' [arguments] ')'
//	| primary '[' slices ']'
//	| atom
func (p *parser) primary() Expr {
	if r, ok := p.memoGet(mPrimary); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	p.enter()
	defer p.leave()
	start := p.mark
	line, col := p.start()
	a := p.atom()
	if a == nil {
		p.mark = start
		p.memoSet(mPrimary, start, nil)
		return nil
	}
	for {
		if n := p.trailer(a, line, col, false); n != nil {
			a = n
			continue
		}
		break
	}
	p.memoSet(mPrimary, start, a)
	return a
}

// trailer tries primary's (or t_primary's) suffixes after a, in the
// grammar's order; for t_primary each must be followed by t_lookahead.
func (p *parser) trailer(a Expr, line, col int, tprimary bool) Expr {
	mark := p.mark
	// '.' NAME
	if p.expect(opDot) != nil {
		if n := p.nameTok(); n != nil && (!tprimary || p.tLookahead()) {
			return &Attribute{Pos: p.pos(line, col), Value: a, Attr: p.identifier(n), Ctx: Load}
		}
	}
	p.mark = mark
	if tprimary {
		// '[' slices ']' comes second in t_primary
		if s := p.subscript(); s != nil && p.tLookahead() {
			return &Subscript{Pos: p.pos(line, col), Value: a, Slice: s, Ctx: Load}
		}
		p.mark = mark
	}
	// genexp (in the second pass its invalid_comprehension alternative
	// also looks into '[' and '{')
	if g := p.genexp(); g != nil && (!tprimary || p.tLookahead()) {
		return &Call{Pos: p.pos(line, col), Func: a, Args: []Expr{g}}
	}
	p.mark = mark
	// '(' [arguments] ')'
	if p.expect(opLpar) != nil {
		args := p.arguments()
		if p.expect(opRpar) != nil && (!tprimary || p.tLookahead()) {
			c := &Call{Pos: p.pos(line, col), Func: a}
			if args != nil {
				c.Args, c.Keywords = args.args, args.keywords
			}
			return c
		}
	}
	p.mark = mark
	if !tprimary {
		if s := p.subscript(); s != nil {
			return &Subscript{Pos: p.pos(line, col), Value: a, Slice: s, Ctx: Load}
		}
		p.mark = mark
	}
	return nil
}

// subscript is '[' slices ']'.
func (p *parser) subscript() Expr {
	mark := p.mark
	if p.expect(opLsqb) != nil {
		if s := p.slices(); s != nil && p.expect(opRsqb) != nil {
			return s
		}
	}
	p.mark = mark
	return nil
}

// slices:
//
//	| slice !','
//	| ','.(slice | starred_expression)+ [',']
func (p *parser) slices() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if s := p.slice(); s != nil && !p.peek(opComma) {
		return s
	}
	p.mark = mark
	item := func() Expr {
		m := p.mark
		if s := p.slice(); s != nil {
			return s
		}
		p.mark = m
		if s := p.starredExpression(); s != nil {
			return s
		}
		p.mark = m
		return nil
	}
	e := item()
	if e == nil {
		return nil
	}
	elts := []Expr{e}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		e := item()
		if e == nil {
			p.mark = m
			break
		}
		elts = append(elts, e)
	}
	p.expect(opComma)
	return &Tuple{Pos: p.pos(line, col), Elts: elts}
}

// slice:
//
//	| [expression] ':' [expression] [':' [expression]]
//	| named_expression
func (p *parser) slice() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	lower := p.expression()
	if p.expect(opColon) != nil {
		upper := p.expression()
		var step Expr
		m := p.mark
		if p.expect(opColon) != nil {
			step = p.expression()
		} else {
			p.mark = m
		}
		return &Slice{Pos: p.pos(line, col), Lower: lower, Upper: upper, Step: step}
	}
	p.mark = mark
	if e := p.namedExpression(); e != nil {
		return e
	}
	p.mark = mark
	return nil
}

// atom:
//
//	| NAME
//	| 'True' | 'False' | 'None'
//	| &(STRING|FSTRING_START) strings
//	| NUMBER
//	| &'(' (tuple | group | genexp)
//	| &'[' (list | listcomp)
//	| &'{' (dict | set | dictcomp | setcomp)
//	| '...'
func (p *parser) atom() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	t := p.tok()
	switch t.kind {
	case tName:
		switch t.op {
		case opNone:
			p.mark++
			return p.newName(t, Load)
		case kwTrue:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: true}
		case kwFalse:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: false}
		case kwNone:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: nil}
		}
		return nil
	case tString, tFStringStart:
		return p.strings()
	case tNumber:
		p.mark++
		return p.number(t)
	case tOp:
		switch t.op {
		case opLpar:
			if e := p.tuple(); e != nil {
				return e
			}
			p.mark = mark
			if e := p.group(); e != nil {
				return e
			}
			p.mark = mark
			if e := p.genexp(); e != nil {
				return e
			}
			p.mark = mark
		case opLsqb:
			if e := p.list(); e != nil {
				return e
			}
			p.mark = mark
			if e := p.listcomp(); e != nil {
				return e
			}
			p.mark = mark
		case opLbrace:
			if e := p.dict(); e != nil {
				return e
			}
			p.mark = mark
			if e := p.set(); e != nil {
				return e
			}
			p.mark = mark
			if e := p.dictcomp(); e != nil {
				return e
			}
			p.mark = mark
			if e := p.setcomp(); e != nil {
				return e
			}
			p.mark = mark
		case opEllipsis:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: Ellipsis}
		}
	}
	return nil
}

// group: '(' (yield_expr | named_expression) ')' | invalid_group
func (p *parser) group() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLpar) != nil {
		e := p.yieldExpr()
		if e == nil {
			e = p.namedExpression()
		}
		if e != nil && p.expect(opRpar) != nil {
			return e
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidGroup()
		p.mark = mark
	}
	return nil
}

// lambdef: 'lambda' [lambda_params] ':' expression
func (p *parser) lambdef() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwLambda) != nil {
		args := p.lambdaParams()
		if p.expect(opColon) != nil {
			if body := p.expression(); body != nil {
				if args == nil {
					args = &Arguments{}
				}
				return &Lambda{Pos: p.pos(line, col), Args: args, Body: body}
			}
		}
	}
	p.mark = mark
	return nil
}

// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
func (p *parser) tuple() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLpar) == nil {
		return nil
	}
	var elts []Expr
	m := p.mark
	if e := p.starNamedExpression(); e != nil && p.expect(opComma) != nil {
		elts = append(elts, e)
		elts = append(elts, p.starNamedExpressions()...)
	} else {
		p.mark = m
	}
	if p.expect(opRpar) != nil {
		return &Tuple{Pos: p.pos(line, col), Elts: elts}
	}
	p.mark = mark
	return nil
}

// list: '[' [star_named_expressions] ']'
func (p *parser) list() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLsqb) != nil {
		elts := p.starNamedExpressions()
		if p.expect(opRsqb) != nil {
			return &List{Pos: p.pos(line, col), Elts: elts}
		}
	}
	p.mark = mark
	return nil
}

// set: '{' star_named_expressions '}'
func (p *parser) set() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLbrace) != nil {
		if elts := p.starNamedExpressions(); elts != nil && p.expect(opRbrace) != nil {
			return &Set{Pos: p.pos(line, col), Elts: elts}
		}
	}
	p.mark = mark
	return nil
}

// dict:
//
//	| '{' [double_starred_kvpairs] '}'
//	| '{' invalid_double_starred_kvpairs '}'
func (p *parser) dict() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLbrace) != nil {
		keys, values := p.doubleStarredKVPairs()
		if p.expect(opRbrace) != nil {
			return &Dict{Pos: p.pos(line, col), Keys: keys, Values: values}
		}
	}
	p.mark = mark
	// CPython's generated parser skips in the first pass only the
	// alternatives that are an invalid_* rule alone; this one has the
	// brace before it, so it runs in both passes.
	if p.expect(opLbrace) != nil {
		p.invalidDoubleStarredKVPairs()
	}
	p.mark = mark
	return nil
}

// double_starred_kvpairs: ','.double_starred_kvpair+ [',']
func (p *parser) doubleStarredKVPairs() ([]Expr, []Expr) {
	p.enter()
	defer p.leave()
	k, v, ok := p.doubleStarredKVPair()
	if !ok {
		return nil, nil
	}
	keys, values := []Expr{k}, []Expr{v}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		k, v, ok := p.doubleStarredKVPair()
		if !ok {
			p.mark = m
			break
		}
		keys, values = append(keys, k), append(values, v)
	}
	p.expect(opComma)
	return keys, values
}

// double_starred_kvpair: '**' bitwise_or | kvpair
func (p *parser) doubleStarredKVPair() (Expr, Expr, bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opDStar) != nil {
		if v := p.bitwiseOr(); v != nil {
			return nil, v, true
		}
	}
	p.mark = mark
	return p.kvpair()
}

// kvpair: expression ':' expression
func (p *parser) kvpair() (Expr, Expr, bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if k := p.expression(); k != nil && p.expect(opColon) != nil {
		if v := p.expression(); v != nil {
			return k, v, true
		}
	}
	p.mark = mark
	return nil, nil, false
}

// for_if_clauses: for_if_clause+
func (p *parser) forIfClauses() []*Comprehension {
	p.enter()
	defer p.leave()
	var out []*Comprehension
	for {
		c := p.forIfClause()
		if c == nil {
			break
		}
		out = append(out, c)
	}
	return out
}

// for_if_clause:
//
//	| ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//	| 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//	| invalid_for_target
func (p *parser) forIfClause() *Comprehension {
	p.enter()
	defer p.leave()
	mark := p.mark
	for _, async := range []bool{true, false} {
		p.mark = mark
		if async && p.expect(kwAsync) == nil {
			continue
		}
		if p.expect(kwFor) == nil {
			continue
		}
		target := p.starTargets()
		if target == nil || p.expect(kwIn) == nil {
			continue
		}
		iter := p.disjunction()
		if iter == nil {
			p.mark = mark
			return nil // the cut
		}
		var ifs []Expr
		for {
			m := p.mark
			if p.expect(kwIf) == nil {
				break
			}
			c := p.disjunction()
			if c == nil {
				p.mark = m
				break
			}
			ifs = append(ifs, c)
		}
		return &Comprehension{Target: target, Iter: iter, Ifs: ifs, IsAsync: async}
	}
	p.mark = mark
	if p.invalid {
		p.invalidForTarget()
		p.mark = mark
	}
	return nil
}

// listcomp: '[' named_expression for_if_clauses ']' | invalid_comprehension
func (p *parser) listcomp() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLsqb) != nil {
		if elt := p.namedExpression(); elt != nil {
			if gens := p.forIfClauses(); gens != nil && p.expect(opRsqb) != nil {
				return &ListComp{Pos: p.pos(line, col), Elt: elt, Generators: gens}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidComprehension()
		p.mark = mark
	}
	return nil
}

// setcomp: '{' named_expression for_if_clauses '}' | invalid_comprehension
func (p *parser) setcomp() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLbrace) != nil {
		if elt := p.namedExpression(); elt != nil {
			if gens := p.forIfClauses(); gens != nil && p.expect(opRbrace) != nil {
				return &SetComp{Pos: p.pos(line, col), Elt: elt, Generators: gens}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidComprehension()
		p.mark = mark
	}
	return nil
}

// genexp:
//
//	| '(' (assignment_expression | expression !':=') for_if_clauses ')'
//	| invalid_comprehension
func (p *parser) genexp() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLpar) != nil {
		m := p.mark
		elt := p.assignmentExpression()
		if elt == nil {
			p.mark = m
			if e := p.expression(); e != nil && !p.peek(opWalrus) {
				elt = e
			} else {
				p.mark = m
			}
		}
		if elt != nil {
			if gens := p.forIfClauses(); gens != nil && p.expect(opRpar) != nil {
				return &GeneratorExp{Pos: p.pos(line, col), Elt: elt, Generators: gens}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidComprehension()
		p.mark = mark
	}
	return nil
}

// dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension
func (p *parser) dictcomp() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLbrace) != nil {
		if k, v, ok := p.kvpair(); ok {
			if gens := p.forIfClauses(); gens != nil && p.expect(opRbrace) != nil {
				return &DictComp{Pos: p.pos(line, col), Key: k, Value: v, Generators: gens}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidDictComprehension()
		p.mark = mark
	}
	return nil
}

// arguments (memo): args [','] &')' | invalid_arguments
func (p *parser) arguments() *callArgs {
	if r, ok := p.memoGet(mArguments); ok {
		if r == nil {
			return nil
		}
		return r.(*callArgs)
	}
	start := p.mark
	res := p.argumentsRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mArguments, start, nil)
		return nil
	}
	p.memoSet(mArguments, start, res)
	return res
}

func (p *parser) argumentsRaw() *callArgs {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.args(); a != nil {
		p.expect(opComma)
		if p.peek(opRpar) {
			return a
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidArguments()
		p.mark = mark
	}
	return nil
}

// positionalArg is (starred_expression | (assignment_expression |
// expression !':=') !'=').
func (p *parser) positionalArg() Expr {
	mark := p.mark
	if s := p.starredExpression(); s != nil {
		return s
	}
	p.mark = mark
	e := p.assignmentExpression()
	if e == nil {
		p.mark = mark
		if x := p.expression(); x != nil && !p.peek(opWalrus) {
			e = x
		}
	}
	if e != nil && !p.peek(opEqual) {
		return e
	}
	p.mark = mark
	return nil
}

// args:
//
//	| ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs]
//	| kwargs
func (p *parser) args() *callArgs {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if e := p.positionalArg(); e != nil {
		pos := []Expr{e}
		for {
			m := p.mark
			if p.expect(opComma) == nil {
				break
			}
			e := p.positionalArg()
			if e == nil {
				p.mark = m
				break
			}
			pos = append(pos, e)
		}
		m := p.mark
		var kws []keywordOrStarred
		if p.expect(opComma) != nil {
			if kws = p.kwargs(); kws == nil {
				p.mark = m
			}
		}
		a := &callArgs{args: pos}
		for _, k := range kws {
			if k.kw != nil {
				a.keywords = append(a.keywords, k.kw)
			} else {
				a.args = append(a.args, k.starred)
			}
		}
		a.pos = p.pos(line, col)
		return a
	}
	p.mark = mark
	if kws := p.kwargs(); kws != nil {
		a := &callArgs{}
		for _, k := range kws {
			if k.kw != nil {
				a.keywords = append(a.keywords, k.kw)
			} else {
				a.args = append(a.args, k.starred)
			}
		}
		a.pos = p.pos(line, col)
		return a
	}
	p.mark = mark
	return nil
}

// kwargs:
//
//	| ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+
//	| ','.kwarg_or_starred+
//	| ','.kwarg_or_double_starred+
func (p *parser) kwargs() []keywordOrStarred {
	p.enter()
	defer p.leave()
	mark := p.mark
	gather := func(item func() (keywordOrStarred, bool)) []keywordOrStarred {
		k, ok := item()
		if !ok {
			return nil
		}
		out := []keywordOrStarred{k}
		for {
			m := p.mark
			if p.expect(opComma) == nil {
				break
			}
			k, ok := item()
			if !ok {
				p.mark = m
				break
			}
			out = append(out, k)
		}
		return out
	}
	if a := gather(p.kwargOrStarred); a != nil && p.expect(opComma) != nil {
		if b := gather(p.kwargOrDoubleStarred); b != nil {
			return append(a, b...)
		}
	}
	p.mark = mark
	if a := gather(p.kwargOrStarred); a != nil {
		return a
	}
	p.mark = mark
	if b := gather(p.kwargOrDoubleStarred); b != nil {
		return b
	}
	p.mark = mark
	return nil
}

// starred_expression: invalid_starred_expression | '*' expression
func (p *parser) starredExpression() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidStarredExpression()
		p.mark = mark
	}
	line, col := p.start()
	if p.expect(opStar) != nil {
		if e := p.expression(); e != nil {
			return &Starred{Pos: p.pos(line, col), Value: e}
		}
	}
	p.mark = mark
	return nil
}

// kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
func (p *parser) kwargOrStarred() (keywordOrStarred, bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidKwarg()
		p.mark = mark
	}
	line, col := p.start()
	if n := p.nameTok(); n != nil && p.expect(opEqual) != nil {
		if e := p.expression(); e != nil {
			return keywordOrStarred{kw: &Keyword{Pos: p.pos(line, col), Arg: p.identifier(n), Value: e}}, true
		}
	}
	p.mark = mark
	if s := p.starredExpression(); s != nil {
		return keywordOrStarred{starred: s}, true
	}
	p.mark = mark
	return keywordOrStarred{}, false
}

// kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression
func (p *parser) kwargOrDoubleStarred() (keywordOrStarred, bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidKwarg()
		p.mark = mark
	}
	line, col := p.start()
	if n := p.nameTok(); n != nil && p.expect(opEqual) != nil {
		if e := p.expression(); e != nil {
			return keywordOrStarred{kw: &Keyword{Pos: p.pos(line, col), Arg: p.identifier(n), Value: e}}, true
		}
	}
	p.mark = mark
	if p.expect(opDStar) != nil {
		if e := p.expression(); e != nil {
			return keywordOrStarred{kw: &Keyword{Pos: p.pos(line, col), Value: e}}, true
		}
	}
	p.mark = mark
	return keywordOrStarred{}, false
}

// ------------------------------------------------------------- targets

// star_targets:
//
//	| star_target !','
//	| star_target (',' star_target)* [',']
func (p *parser) starTargets() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	a := p.starTarget()
	if a == nil {
		return nil
	}
	if !p.peek(opComma) {
		return a
	}
	elts := []Expr{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		b := p.starTarget()
		if b == nil {
			p.mark = m
			break
		}
		elts = append(elts, b)
	}
	p.expect(opComma)
	_ = mark
	return &Tuple{Pos: p.pos(line, col), Elts: elts, Ctx: Store}
}

// star_targets_list_seq: ','.star_target+ [',']
func (p *parser) starTargetsListSeq() []Expr {
	p.enter()
	defer p.leave()
	a := p.starTarget()
	if a == nil {
		return nil
	}
	out := []Expr{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		b := p.starTarget()
		if b == nil {
			p.mark = m
			break
		}
		out = append(out, b)
	}
	p.expect(opComma)
	return out
}

// star_targets_tuple_seq:
//
//	| star_target (',' star_target)+ [',']
//	| star_target ','
func (p *parser) starTargetsTupleSeq() []Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	a := p.starTarget()
	if a == nil {
		return nil
	}
	out := []Expr{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		b := p.starTarget()
		if b == nil {
			p.mark = m
			break
		}
		out = append(out, b)
	}
	if len(out) > 1 {
		p.expect(opComma)
		return out
	}
	if p.expect(opComma) != nil {
		return out
	}
	p.mark = mark
	return nil
}

// star_target (memo): '*' (!'*' star_target) | target_with_star_atom
func (p *parser) starTarget() Expr {
	if r, ok := p.memoGet(mStarTarget); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.starTargetRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mStarTarget, start, nil)
		return nil
	}
	p.memoSet(mStarTarget, start, res)
	return res
}

func (p *parser) starTargetRaw() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opStar) != nil && !p.peek(opStar) {
		if a := p.starTarget(); a != nil {
			return &Starred{Pos: p.pos(line, col), Value: setContext(a, Store), Ctx: Store}
		}
	}
	p.mark = mark
	return p.targetWithStarAtom()
}

// target_with_star_atom (memo):
//
//	| t_primary '.' NAME !t_lookahead
//	| t_primary '[' slices ']' !t_lookahead
//	| star_atom
func (p *parser) targetWithStarAtom() Expr {
	if r, ok := p.memoGet(mTargetWithStarAtom); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.subscriptAttributeTarget(Store)
	if res == nil {
		p.mark = start
		res = p.starAtom()
	}
	if res == nil {
		p.mark = start
		p.memoSet(mTargetWithStarAtom, start, nil)
		return nil
	}
	p.memoSet(mTargetWithStarAtom, start, res)
	return res
}

// subscriptAttributeTarget is the shared pair of alternatives
// t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead.
func (p *parser) subscriptAttributeTarget(ctx ExprContext) Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if a := p.tPrimary(); a != nil && p.expect(opDot) != nil {
		if n := p.nameTok(); n != nil && !p.tLookahead() {
			return &Attribute{Pos: p.pos(line, col), Value: a, Attr: p.identifier(n), Ctx: ctx}
		}
	}
	p.mark = mark
	if a := p.tPrimary(); a != nil {
		if s := p.subscript(); s != nil && !p.tLookahead() {
			return &Subscript{Pos: p.pos(line, col), Value: a, Slice: s, Ctx: ctx}
		}
	}
	p.mark = mark
	return nil
}

// star_atom:
//
//	| NAME
//	| '(' target_with_star_atom ')'
//	| '(' [star_targets_tuple_seq] ')'
//	| '[' [star_targets_list_seq] ']'
func (p *parser) starAtom() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if n := p.nameTok(); n != nil {
		return p.newName(n, Store)
	}
	if p.expect(opLpar) != nil {
		if a := p.targetWithStarAtom(); a != nil && p.expect(opRpar) != nil {
			return setContext(a, Store)
		}
	}
	p.mark = mark
	if p.expect(opLpar) != nil {
		m := p.mark
		elts := p.starTargetsTupleSeq()
		if elts == nil {
			p.mark = m
		}
		if p.expect(opRpar) != nil {
			return &Tuple{Pos: p.pos(line, col), Elts: elts, Ctx: Store}
		}
	}
	p.mark = mark
	if p.expect(opLsqb) != nil {
		m := p.mark
		elts := p.starTargetsListSeq()
		if elts == nil {
			p.mark = m
		}
		if p.expect(opRsqb) != nil {
			return &List{Pos: p.pos(line, col), Elts: elts, Ctx: Store}
		}
	}
	p.mark = mark
	return nil
}

// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
func (p *parser) singleTarget() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if t := p.singleSubscriptAttributeTarget(); t != nil {
		return t
	}
	p.mark = mark
	if n := p.nameTok(); n != nil {
		return p.newName(n, Store)
	}
	if p.expect(opLpar) != nil {
		if t := p.singleTarget(); t != nil && p.expect(opRpar) != nil {
			return t
		}
	}
	p.mark = mark
	return nil
}

// single_subscript_attribute_target:
//
//	| t_primary '.' NAME !t_lookahead
//	| t_primary '[' slices ']' !t_lookahead
func (p *parser) singleSubscriptAttributeTarget() Expr {
	return p.subscriptAttributeTarget(Store)
}

// t_primary (left-recursive):
//
//	| t_primary '.' NAME &t_lookahead
//	| t_primary '[' slices ']' &t_lookahead
//	| t_primary genexp &t_lookahead
//	| t_primary '(' [arguments] ')' &t_lookahead
//	| atom &t_lookahead
func (p *parser) tPrimary() Expr {
	if r, ok := p.memoGet(mTPrimary); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	p.enter()
	defer p.leave()
	start := p.mark
	line, col := p.start()
	a := p.atom()
	if a == nil || !p.tLookahead() {
		p.mark = start
		p.memoSet(mTPrimary, start, nil)
		return nil
	}
	for {
		if n := p.trailer(a, line, col, true); n != nil {
			a = n
			continue
		}
		break
	}
	p.memoSet(mTPrimary, start, a)
	return a
}

// t_lookahead: '(' | '[' | '.'
func (p *parser) tLookahead() bool {
	t := p.tok()
	return t.kind == tOp && (t.op == opLpar || t.op == opLsqb || t.op == opDot)
}

// del_targets: ','.del_target+ [',']
func (p *parser) delTargets() []Expr {
	p.enter()
	defer p.leave()
	a := p.delTarget()
	if a == nil {
		return nil
	}
	out := []Expr{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		b := p.delTarget()
		if b == nil {
			p.mark = m
			break
		}
		out = append(out, b)
	}
	p.expect(opComma)
	return out
}

// del_target (memo):
//
//	| t_primary '.' NAME !t_lookahead
//	| t_primary '[' slices ']' !t_lookahead
//	| del_t_atom
func (p *parser) delTarget() Expr {
	if r, ok := p.memoGet(mDelTarget); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	start := p.mark
	res := p.subscriptAttributeTarget(Del)
	if res == nil {
		p.mark = start
		res = p.delTAtom()
	}
	if res == nil {
		p.mark = start
		p.memoSet(mDelTarget, start, nil)
		return nil
	}
	p.memoSet(mDelTarget, start, res)
	return res
}

// del_t_atom:
//
//	| NAME
//	| '(' del_target ')'
//	| '(' [del_targets] ')'
//	| '[' [del_targets] ']'
func (p *parser) delTAtom() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if n := p.nameTok(); n != nil {
		return p.newName(n, Del)
	}
	if p.expect(opLpar) != nil {
		if a := p.delTarget(); a != nil && p.expect(opRpar) != nil {
			return setContext(a, Del)
		}
	}
	p.mark = mark
	if p.expect(opLpar) != nil {
		m := p.mark
		elts := p.delTargets()
		if elts == nil {
			p.mark = m
		}
		if p.expect(opRpar) != nil {
			return &Tuple{Pos: p.pos(line, col), Elts: elts, Ctx: Del}
		}
	}
	p.mark = mark
	if p.expect(opLsqb) != nil {
		m := p.mark
		elts := p.delTargets()
		if elts == nil {
			p.mark = m
		}
		if p.expect(opRsqb) != nil {
			return &List{Pos: p.pos(line, col), Elts: elts, Ctx: Del}
		}
	}
	p.mark = mark
	return nil
}

// setContext returns a copy of e with context ctx, as CPython's
// _PyPegen_set_expr_context does (nodes may be shared through the memo,
// so they are not changed in place).
func setContext(e Expr, ctx ExprContext) Expr {
	switch n := e.(type) {
	case *Name:
		c := *n
		c.Ctx = ctx
		return &c
	case *Attribute:
		c := *n
		c.Ctx = ctx
		return &c
	case *Subscript:
		c := *n
		c.Ctx = ctx
		return &c
	case *Starred:
		c := *n
		c.Ctx = ctx
		c.Value = setContext(n.Value, ctx)
		return &c
	case *List:
		c := *n
		c.Ctx = ctx
		c.Elts = setContextAll(n.Elts, ctx)
		return &c
	case *Tuple:
		c := *n
		c.Ctx = ctx
		c.Elts = setContextAll(n.Elts, ctx)
		return &c
	}
	return e
}

func setContextAll(elts []Expr, ctx ExprContext) []Expr {
	if elts == nil {
		return nil
	}
	out := make([]Expr, len(elts))
	for i, e := range elts {
		out[i] = setContext(e, ctx)
	}
	return out
}
