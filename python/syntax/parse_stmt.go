package syntax

// Statements: the rules of Grammar/python.gram from "file" to the match
// statement, in the grammar's order. Each function is named after its
// rule; a nil result means the rule failed and the mark is where it was.

// file: [statements] ENDMARKER
func (p *parser) file() *Module {
	var body []Stmt
	for {
		s := p.statement()
		if s == nil {
			break
		}
		body = append(body, s...)
		// The parser never comes back into a finished top-level
		// statement, so its memo entries can go.
		p.trimMemo()
	}
	if p.expectKind(tEndmarker) != nil {
		return &Module{Body: body}
	}
	return nil
}

// statements: statement+
func (p *parser) statements() []Stmt {
	var out []Stmt
	for {
		s := p.statement()
		if s == nil {
			break
		}
		out = append(out, s...)
	}
	return out
}

// statement: compound_stmt | simple_stmts
func (p *parser) statement() []Stmt {
	p.enter()
	defer p.leave()
	if s := p.compoundStmt(); s != nil {
		return []Stmt{s}
	}
	return p.simpleStmts()
}

// simple_stmts:
//
//	| simple_stmt !';' NEWLINE
//	| ';'.simple_stmt+ [';'] NEWLINE
func (p *parser) simpleStmts() []Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if s := p.simpleStmt(); s != nil && !p.peek(opSemi) && p.expectKind(tNewline) != nil {
		return []Stmt{s}
	}
	p.mark = mark
	var out []Stmt
	s := p.simpleStmt()
	if s == nil {
		p.mark = mark
		return nil
	}
	out = append(out, s)
	for {
		m := p.mark
		if p.expect(opSemi) == nil {
			break
		}
		s := p.simpleStmt()
		if s == nil {
			p.mark = m
			break
		}
		out = append(out, s)
	}
	p.expect(opSemi)
	if p.expectKind(tNewline) != nil {
		return out
	}
	p.mark = mark
	return nil
}

// simple_stmt (memo):
//
//	| assignment
//	| &"type" type_alias
//	| star_expressions
//	| &'return' return_stmt
//	| &('import' | 'from') import_stmt
//	| &'raise' raise_stmt
//	| 'pass'
//	| &'del' del_stmt
//	| &'yield' yield_stmt
//	| &'assert' assert_stmt
//	| 'break'
//	| 'continue'
//	| &'global' global_stmt
//	| &'nonlocal' nonlocal_stmt
func (p *parser) simpleStmt() Stmt {
	if r, ok := p.memoGet(mSimpleStmt); ok {
		if r == nil {
			return nil
		}
		return r.(Stmt)
	}
	start := p.mark
	res := p.simpleStmtRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mSimpleStmt, start, nil)
		return nil
	}
	p.memoSet(mSimpleStmt, start, res)
	return res
}

func (p *parser) simpleStmtRaw() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if s := p.assignment(); s != nil {
		return s
	}
	p.mark = mark
	if t := p.tok(); t.kind == tName && t.op == opNone && t.text == "type" {
		if s := p.typeAlias(); s != nil {
			return s
		}
		p.mark = mark
	}
	if e := p.starExpressions(); e != nil {
		return &ExprStmt{Pos: p.pos(line, col), Value: e}
	}
	p.mark = mark
	t := p.tok()
	if t.kind != tName {
		return nil
	}
	var s Stmt
	switch t.op {
	case kwReturn:
		s = p.returnStmt()
	case kwImport, kwFrom:
		s = p.importStmt()
	case kwRaise:
		s = p.raiseStmt()
	case kwPass:
		p.mark++
		return &Pass{p.pos(line, col)}
	case kwDel:
		s = p.delStmt()
	case kwYield:
		s = p.yieldStmt()
	case kwAssert:
		s = p.assertStmt()
	case kwBreak:
		p.mark++
		return &Break{p.pos(line, col)}
	case kwContinue:
		p.mark++
		return &Continue{p.pos(line, col)}
	case kwGlobal:
		s = p.globalStmt()
	case kwNonlocal:
		s = p.nonlocalStmt()
	}
	if s == nil {
		p.mark = mark
	}
	return s
}

// compound_stmt:
//
//	| &('def' | '@' | ASYNC) function_def
//	| &'if' if_stmt
//	| &('class' | '@') class_def
//	| &('with' | ASYNC) with_stmt
//	| &('for' | ASYNC) for_stmt
//	| &'try' try_stmt
//	| &'while' while_stmt
//	| match_stmt
func (p *parser) compoundStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	t := p.tok()
	if t.kind == tName || t.kind == tOp {
		switch t.op {
		case kwDef, opAt, kwAsync:
			if s := p.functionDef(); s != nil {
				return s
			}
			p.mark = mark
		}
		if t.op == kwIf {
			if s := p.ifStmt(); s != nil {
				return s
			}
			p.mark = mark
		}
		if t.op == kwClass || t.op == opAt {
			if s := p.classDef(); s != nil {
				return s
			}
			p.mark = mark
		}
		if t.op == kwWith || t.op == kwAsync {
			if s := p.withStmt(); s != nil {
				return s
			}
			p.mark = mark
		}
		if t.op == kwFor || t.op == kwAsync {
			if s := p.forStmt(); s != nil {
				return s
			}
			p.mark = mark
		}
		if t.op == kwTry {
			if s := p.tryStmt(); s != nil {
				return s
			}
			p.mark = mark
		}
		if t.op == kwWhile {
			if s := p.whileStmt(); s != nil {
				return s
			}
			p.mark = mark
		}
	}
	if s := p.matchStmt(); s != nil {
		return s
	}
	p.mark = mark
	return nil
}

// assignment:
//
//	| NAME ':' expression ['=' annotated_rhs]
//	| ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
//	| (star_targets '=')+ annotated_rhs !'=' [TYPE_COMMENT]
//	| single_target augassign ~ annotated_rhs
//	| invalid_assignment
func (p *parser) assignment() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	// NAME ':' expression ['=' annotated_rhs]
	if n := p.nameTok(); n != nil {
		if p.expect(opColon) != nil {
			if ann := p.expression(); ann != nil {
				var val Expr
				m := p.mark
				if p.expect(opEqual) != nil {
					if val = p.annotatedRHS(); val == nil {
						p.mark = m
					}
				}
				return &AnnAssign{Pos: p.pos(line, col), Target: p.newName(n, Store), Annotation: ann, Value: val, Simple: true}
			}
		}
	}
	p.mark = mark
	// ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
	{
		var target Expr
		if p.expect(opLpar) != nil {
			if t := p.singleTarget(); t != nil && p.expect(opRpar) != nil {
				target = t
			}
		}
		if target == nil {
			p.mark = mark
			target = p.singleSubscriptAttributeTarget()
		}
		if target != nil && p.expect(opColon) != nil {
			if ann := p.expression(); ann != nil {
				var val Expr
				m := p.mark
				if p.expect(opEqual) != nil {
					if val = p.annotatedRHS(); val == nil {
						p.mark = m
					}
				}
				return &AnnAssign{Pos: p.pos(line, col), Target: target, Annotation: ann, Value: val, Simple: false}
			}
		}
	}
	p.mark = mark
	// (star_targets '=')+ annotated_rhs !'=' [TYPE_COMMENT]
	{
		var targets []Expr
		for {
			m := p.mark
			t := p.starTargets()
			if t == nil || p.expect(opEqual) == nil {
				p.mark = m
				break
			}
			targets = append(targets, t)
		}
		if targets != nil {
			if v := p.annotatedRHS(); v != nil && !p.peek(opEqual) {
				return &Assign{Pos: p.pos(line, col), Targets: targets, Value: v}
			}
		}
	}
	p.mark = mark
	// single_target augassign ~ annotated_rhs
	if t := p.singleTarget(); t != nil {
		if op, ok := p.augassign(); ok {
			v := p.annotatedRHS()
			if v == nil {
				// the cut: no other alternative is tried
				p.mark = mark
				return nil
			}
			return &AugAssign{Pos: p.pos(line, col), Target: t, Op: op, Value: v}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidAssignment()
		p.mark = mark
	}
	return nil
}

// annotated_rhs: yield_expr | star_expressions
func (p *parser) annotatedRHS() Expr {
	p.enter()
	defer p.leave()
	if e := p.yieldExpr(); e != nil {
		return e
	}
	return p.starExpressions()
}

var augOps = map[op]Operator{
	opPlusEq: Add, opMinusEq: Sub, opStarEq: Mult, opAtEq: MatMult,
	opSlashEq: Div, opPercEq: Mod, opAmperEq: BitAnd, opVbarEq: BitOr,
	opCircEq: BitXor, opLShiftEq: LShift, opRShiftEq: RShift,
	opDStarEq: Pow, opDSlashEq: FloorDiv,
}

// augassign: '+=' | '-=' | ...
func (p *parser) augassign() (Operator, bool) {
	t := p.tok()
	if t.kind == tOp {
		if o, ok := augOps[t.op]; ok {
			p.mark++
			return o, true
		}
	}
	return 0, false
}

// return_stmt: 'return' [star_expressions]
func (p *parser) returnStmt() Stmt {
	p.enter()
	defer p.leave()
	line, col := p.start()
	if p.expect(kwReturn) == nil {
		return nil
	}
	v := p.starExpressions()
	return &Return{Pos: p.pos(line, col), Value: v}
}

// raise_stmt:
//
//	| 'raise' expression ['from' expression]
//	| 'raise'
func (p *parser) raiseStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwRaise) != nil {
		if e := p.expression(); e != nil {
			var cause Expr
			m := p.mark
			if p.expect(kwFrom) != nil {
				if cause = p.expression(); cause == nil {
					p.mark = m
				}
			}
			return &Raise{Pos: p.pos(line, col), Exc: e, Cause: cause}
		}
	}
	p.mark = mark
	if p.expect(kwRaise) != nil {
		return &Raise{Pos: p.pos(line, col)}
	}
	p.mark = mark
	return nil
}

// global_stmt: 'global' ','.NAME+
func (p *parser) globalStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwGlobal) != nil {
		if names := p.nameList(); names != nil {
			return &Global{Pos: p.pos(line, col), Names: names}
		}
	}
	p.mark = mark
	return nil
}

// nonlocal_stmt: 'nonlocal' ','.NAME+
func (p *parser) nonlocalStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwNonlocal) != nil {
		if names := p.nameList(); names != nil {
			return &Nonlocal{Pos: p.pos(line, col), Names: names}
		}
	}
	p.mark = mark
	return nil
}

func (p *parser) nameList() []string {
	n := p.nameTok()
	if n == nil {
		return nil
	}
	names := []string{p.identifier(n)}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		n := p.nameTok()
		if n == nil {
			p.mark = m
			break
		}
		names = append(names, p.identifier(n))
	}
	return names
}

// del_stmt:
//
//	| 'del' del_targets &(';' | NEWLINE)
//	| invalid_del_stmt
func (p *parser) delStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwDel) != nil {
		if targets := p.delTargets(); targets != nil && (p.peek(opSemi) || p.peekKind(tNewline)) {
			return &Delete{Pos: p.pos(line, col), Targets: targets}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidDelStmt()
		p.mark = mark
	}
	return nil
}

// yield_stmt: yield_expr
func (p *parser) yieldStmt() Stmt {
	p.enter()
	defer p.leave()
	line, col := p.start()
	if y := p.yieldExpr(); y != nil {
		return &ExprStmt{Pos: p.pos(line, col), Value: y}
	}
	return nil
}

// assert_stmt: 'assert' expression [',' expression]
func (p *parser) assertStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwAssert) != nil {
		if test := p.expression(); test != nil {
			var msg Expr
			m := p.mark
			if p.expect(opComma) != nil {
				if msg = p.expression(); msg == nil {
					p.mark = m
				}
			}
			return &Assert{Pos: p.pos(line, col), Test: test, Msg: msg}
		}
	}
	p.mark = mark
	return nil
}

// import_stmt: invalid_import | import_name | import_from
func (p *parser) importStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidImport()
		p.mark = mark
	}
	if s := p.importName(); s != nil {
		return s
	}
	p.mark = mark
	if s := p.importFrom(); s != nil {
		return s
	}
	p.mark = mark
	return nil
}

// import_name: 'import' dotted_as_names
func (p *parser) importName() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwImport) != nil {
		if names := p.dottedAsNames(); names != nil {
			return &Import{Pos: p.pos(line, col), Names: names}
		}
	}
	p.mark = mark
	return nil
}

// import_from:
//
//	| 'from' ('.' | '...')* dotted_name 'import' import_from_targets
//	| 'from' ('.' | '...')+ 'import' import_from_targets
func (p *parser) importFrom() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(kwFrom) != nil {
		level := p.dots()
		if name := p.dottedName(); name != "" {
			if p.expect(kwImport) != nil {
				if targets := p.importFromTargets(); targets != nil {
					return &ImportFrom{Pos: p.pos(line, col), Module: name, Names: targets, Level: level}
				}
			}
		}
	}
	p.mark = mark
	if p.expect(kwFrom) != nil {
		level := p.dots()
		if level > 0 && p.expect(kwImport) != nil {
			if targets := p.importFromTargets(); targets != nil {
				return &ImportFrom{Pos: p.pos(line, col), Names: targets, Level: level}
			}
		}
	}
	p.mark = mark
	return nil
}

func (p *parser) dots() int {
	n := 0
	for {
		if p.expect(opDot) != nil {
			n++
		} else if p.expect(opEllipsis) != nil {
			n += 3
		} else {
			return n
		}
	}
}

// import_from_targets:
//
//	| '(' import_from_as_names [','] ')'
//	| import_from_as_names !','
//	| '*'
//	| invalid_import_from_targets
func (p *parser) importFromTargets() []*Alias {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLpar) != nil {
		if names := p.importFromAsNames(); names != nil {
			p.expect(opComma)
			if p.expect(opRpar) != nil {
				return names
			}
		}
	}
	p.mark = mark
	if names := p.importFromAsNames(); names != nil && !p.peek(opComma) {
		return names
	}
	p.mark = mark
	line, col := p.start()
	if p.expect(opStar) != nil {
		return []*Alias{{Pos: p.pos(line, col), Name: "*"}}
	}
	p.mark = mark
	if p.invalid {
		p.invalidImportFromTargets()
		p.mark = mark
	}
	return nil
}

// import_from_as_names: ','.import_from_as_name+
func (p *parser) importFromAsNames() []*Alias {
	p.enter()
	defer p.leave()
	a := p.importFromAsName()
	if a == nil {
		return nil
	}
	out := []*Alias{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		a := p.importFromAsName()
		if a == nil {
			p.mark = m
			break
		}
		out = append(out, a)
	}
	return out
}

// import_from_as_name: NAME ['as' NAME]
func (p *parser) importFromAsName() *Alias {
	p.enter()
	defer p.leave()
	line, col := p.start()
	n := p.nameTok()
	if n == nil {
		return nil
	}
	as := ""
	m := p.mark
	if p.expect(kwAs) != nil {
		if a := p.nameTok(); a != nil {
			as = p.identifier(a)
		} else {
			p.mark = m
		}
	}
	return &Alias{Pos: p.pos(line, col), Name: p.identifier(n), Asname: as}
}

// dotted_as_names: ','.dotted_as_name+
func (p *parser) dottedAsNames() []*Alias {
	p.enter()
	defer p.leave()
	a := p.dottedAsName()
	if a == nil {
		return nil
	}
	out := []*Alias{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		a := p.dottedAsName()
		if a == nil {
			p.mark = m
			break
		}
		out = append(out, a)
	}
	return out
}

// dotted_as_name: dotted_name ['as' NAME]
func (p *parser) dottedAsName() *Alias {
	p.enter()
	defer p.leave()
	line, col := p.start()
	name := p.dottedName()
	if name == "" {
		return nil
	}
	as := ""
	m := p.mark
	if p.expect(kwAs) != nil {
		if a := p.nameTok(); a != nil {
			as = p.identifier(a)
		} else {
			p.mark = m
		}
	}
	return &Alias{Pos: p.pos(line, col), Name: name, Asname: as}
}

// dotted_name: dotted_name '.' NAME | NAME  (left-recursive, memoized)
func (p *parser) dottedName() string {
	if r, ok := p.memoGet(mDottedName); ok {
		if r == nil {
			return ""
		}
		return r.(string)
	}
	start := p.mark
	n := p.nameTok()
	if n == nil {
		p.memoSet(mDottedName, start, nil)
		return ""
	}
	name := p.identifier(n)
	for {
		m := p.mark
		if p.expect(opDot) == nil {
			break
		}
		n := p.nameTok()
		if n == nil {
			p.mark = m
			break
		}
		name += "." + p.identifier(n)
	}
	p.memoSet(mDottedName, start, name)
	return name
}

// block (memo):
//
//	| NEWLINE INDENT statements DEDENT
//	| simple_stmts
//	| invalid_block
func (p *parser) block() []Stmt {
	if r, ok := p.memoGet(mBlock); ok {
		if r == nil {
			return nil
		}
		return r.([]Stmt)
	}
	start := p.mark
	res := p.blockRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mBlock, start, nil)
		return nil
	}
	p.memoSet(mBlock, start, res)
	return res
}

func (p *parser) blockRaw() []Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expectKind(tNewline) != nil && p.expectKind(tIndent) != nil {
		if body := p.statements(); body != nil && p.expectKind(tDedent) != nil {
			return body
		}
	}
	p.mark = mark
	if s := p.simpleStmts(); s != nil {
		return s
	}
	p.mark = mark
	if p.invalid {
		p.invalidBlock()
		p.mark = mark
	}
	return nil
}

// decorators: ('@' named_expression NEWLINE)+
func (p *parser) decorators() []Expr {
	p.enter()
	defer p.leave()
	var out []Expr
	for {
		m := p.mark
		if p.expect(opAt) == nil {
			break
		}
		e := p.namedExpression()
		if e == nil || p.expectKind(tNewline) == nil {
			p.mark = m
			break
		}
		out = append(out, e)
	}
	return out
}

// class_def: decorators class_def_raw | class_def_raw
func (p *parser) classDef() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if d := p.decorators(); d != nil {
		if c := p.classDefRaw(); c != nil {
			c.DecoratorList = d
			return c
		}
	}
	p.mark = mark
	if c := p.classDefRaw(); c != nil {
		return c
	}
	p.mark = mark
	return nil
}

// class_def_raw:
//
//	| invalid_class_def_raw
//	| 'class' NAME [type_params] ['(' [arguments] ')'] ':' block
func (p *parser) classDefRaw() *ClassDef {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidClassDefRaw()
		p.mark = mark
	}
	line, col := p.start()
	if p.expect(kwClass) != nil {
		if n := p.nameTok(); n != nil {
			tp := p.typeParamsOpt()
			var args *callArgs
			ok := true
			m := p.mark
			if p.expect(opLpar) != nil {
				args = p.arguments()
				if p.expect(opRpar) == nil {
					p.mark = m
					args = nil
				} else if args == nil {
					args = &callArgs{}
				}
			}
			if ok && p.expect(opColon) != nil {
				if body := p.block(); body != nil {
					c := &ClassDef{Pos: p.pos(line, col), Name: p.identifier(n), Body: body, TypeParams: tp}
					if args != nil {
						c.Bases, c.Keywords = args.args, args.keywords
					}
					return c
				}
			}
		}
	}
	p.mark = mark
	return nil
}

// function_def: decorators function_def_raw | function_def_raw
func (p *parser) functionDef() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if d := p.decorators(); d != nil {
		if f := p.functionDefRaw(); f != nil {
			switch f := f.(type) {
			case *FunctionDef:
				f.DecoratorList = d
			case *AsyncFunctionDef:
				f.DecoratorList = d
			}
			return f
		}
	}
	p.mark = mark
	if f := p.functionDefRaw(); f != nil {
		return f
	}
	p.mark = mark
	return nil
}

// function_def_raw:
//
//	| invalid_def_raw
//	| 'def' NAME [type_params] &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
//	| ASYNC 'def' NAME [type_params] &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
func (p *parser) functionDefRaw() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidDefRaw()
		p.mark = mark
	}
	for _, async := range []bool{false, true} {
		p.mark = mark
		line, col := p.start()
		if async && p.expect(kwAsync) == nil {
			continue
		}
		if p.expect(kwDef) == nil {
			continue
		}
		n := p.nameTok()
		if n == nil {
			continue
		}
		tp := p.typeParamsOpt()
		p.forced(opLpar, "(")
		params := p.params()
		if p.expect(opRpar) == nil {
			continue
		}
		var returns Expr
		m := p.mark
		if p.expect(opRArrow) != nil {
			if returns = p.expression(); returns == nil {
				p.mark = m
			}
		}
		p.forced(opColon, ":")
		body := p.block()
		if body == nil {
			continue
		}
		if params == nil {
			params = &Arguments{}
		}
		if async {
			return &AsyncFunctionDef{Pos: p.pos(line, col), Name: p.identifier(n), Args: params, Body: body, Returns: returns, TypeParams: tp}
		}
		return &FunctionDef{Pos: p.pos(line, col), Name: p.identifier(n), Args: params, Body: body, Returns: returns, TypeParams: tp}
	}
	p.mark = mark
	return nil
}

// forced is the grammar's &&tok: the token must come next, or the parse
// fails with "expected 'tok'" at once, in either pass.
func (p *parser) forced(o op, text string) *token {
	if t := p.expect(o); t != nil {
		return t
	}
	p.raiseAt(tokPos(p.tok()), "expected '"+text+"'")
	return nil
}

// if_stmt:
//
//	| invalid_if_stmt
//	| 'if' named_expression ':' block elif_stmt
//	| 'if' named_expression ':' block [else_block]
func (p *parser) ifStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidIfStmt()
		p.mark = mark
	}
	return p.ifOrElif(kwIf)
}

// elif_stmt is if_stmt's rule with 'elif'.
func (p *parser) elifStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidElifStmt()
		p.mark = mark
	}
	return p.ifOrElif(kwElif)
}

func (p *parser) ifOrElif(kw op) Stmt {
	mark := p.mark
	line, col := p.start()
	if p.expect(kw) != nil {
		if test := p.namedExpression(); test != nil && p.expect(opColon) != nil {
			if body := p.block(); body != nil {
				if e := p.elifStmt(); e != nil {
					return &If{Pos: p.pos(line, col), Test: test, Body: body, Orelse: []Stmt{e}}
				}
			}
		}
	}
	p.mark = mark
	if p.expect(kw) != nil {
		if test := p.namedExpression(); test != nil && p.expect(opColon) != nil {
			if body := p.block(); body != nil {
				orelse := p.elseBlock()
				return &If{Pos: p.pos(line, col), Test: test, Body: body, Orelse: orelse}
			}
		}
	}
	p.mark = mark
	return nil
}

// else_block: invalid_else_stmt | 'else' &&':' block
func (p *parser) elseBlock() []Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidElseStmt()
		p.mark = mark
	}
	if p.expect(kwElse) != nil {
		p.forced(opColon, ":")
		if b := p.block(); b != nil {
			return b
		}
	}
	p.mark = mark
	return nil
}

// while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block]
func (p *parser) whileStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidWhileStmt()
		p.mark = mark
	}
	line, col := p.start()
	if p.expect(kwWhile) != nil {
		if test := p.namedExpression(); test != nil && p.expect(opColon) != nil {
			if body := p.block(); body != nil {
				orelse := p.elseBlock()
				return &While{Pos: p.pos(line, col), Test: test, Body: body, Orelse: orelse}
			}
		}
	}
	p.mark = mark
	return nil
}

// for_stmt:
//
//	| invalid_for_stmt
//	| 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//	| ASYNC 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//	| invalid_for_target
func (p *parser) forStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidForStmt()
		p.mark = mark
	}
	for _, async := range []bool{false, true} {
		p.mark = mark
		line, col := p.start()
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
		// the cut: from here on, a failure fails the rule
		iter := p.starExpressions()
		if iter == nil || p.expect(opColon) == nil {
			p.mark = mark
			return nil
		}
		body := p.block()
		if body == nil {
			p.mark = mark
			return nil
		}
		orelse := p.elseBlock()
		if async {
			return &AsyncFor{Pos: p.pos(line, col), Target: target, Iter: iter, Body: body, Orelse: orelse}
		}
		return &For{Pos: p.pos(line, col), Target: target, Iter: iter, Body: body, Orelse: orelse}
	}
	p.mark = mark
	if p.invalid {
		p.invalidForTarget()
		p.mark = mark
	}
	return nil
}

// with_stmt:
//
//	| invalid_with_stmt_indent
//	| 'with' '(' ','.with_item+ ','? ')' ':' block
//	| 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//	| ASYNC 'with' '(' ','.with_item+ ','? ')' ':' block
//	| ASYNC 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//	| invalid_with_stmt
func (p *parser) withStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidWithStmtIndent()
		p.mark = mark
	}
	for _, async := range []bool{false, true} {
		for _, paren := range []bool{true, false} {
			p.mark = mark
			line, col := p.start()
			if async && p.expect(kwAsync) == nil {
				continue
			}
			if p.expect(kwWith) == nil {
				continue
			}
			if paren && p.expect(opLpar) == nil {
				continue
			}
			items := p.withItems()
			if items == nil {
				continue
			}
			if paren {
				p.expect(opComma)
				if p.expect(opRpar) == nil {
					continue
				}
			}
			if p.expect(opColon) == nil {
				continue
			}
			body := p.block()
			if body == nil {
				continue
			}
			if async {
				return &AsyncWith{Pos: p.pos(line, col), Items: items, Body: body}
			}
			return &With{Pos: p.pos(line, col), Items: items, Body: body}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidWithStmt()
		p.mark = mark
	}
	return nil
}

func (p *parser) withItems() []*WithItem {
	w := p.withItem()
	if w == nil {
		return nil
	}
	out := []*WithItem{w}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		w := p.withItem()
		if w == nil {
			p.mark = m
			break
		}
		out = append(out, w)
	}
	return out
}

// with_item:
//
//	| expression 'as' star_target &(',' | ')' | ':')
//	| invalid_with_item
//	| expression
func (p *parser) withItem() *WithItem {
	p.enter()
	defer p.leave()
	mark := p.mark
	if e := p.expression(); e != nil && p.expect(kwAs) != nil {
		if t := p.starTarget(); t != nil && (p.peek(opComma) || p.peek(opRpar) || p.peek(opColon)) {
			return &WithItem{ContextExpr: e, OptionalVars: t}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidWithItem()
		p.mark = mark
	}
	if e := p.expression(); e != nil {
		return &WithItem{ContextExpr: e}
	}
	p.mark = mark
	return nil
}

// try_stmt:
//
//	| invalid_try_stmt
//	| 'try' &&':' block finally_block
//	| 'try' &&':' block except_block+ [else_block] [finally_block]
//	| 'try' &&':' block except_star_block+ [else_block] [finally_block]
func (p *parser) tryStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidTryStmt()
		p.mark = mark
	}
	line, col := p.start()
	if p.expect(kwTry) != nil {
		p.forced(opColon, ":")
		if body := p.block(); body != nil {
			if f := p.finallyBlock(); f != nil {
				return &Try{Pos: p.pos(line, col), Body: body, Finalbody: f}
			}
		}
	}
	p.mark = mark
	if p.expect(kwTry) != nil {
		p.forced(opColon, ":")
		if body := p.block(); body != nil {
			var handlers []*ExceptHandler
			for {
				h := p.exceptBlock()
				if h == nil {
					break
				}
				handlers = append(handlers, h)
			}
			if handlers != nil {
				orelse := p.elseBlock()
				f := p.finallyBlock()
				return &Try{Pos: p.pos(line, col), Body: body, Handlers: handlers, Orelse: orelse, Finalbody: f}
			}
		}
	}
	p.mark = mark
	if p.expect(kwTry) != nil {
		p.forced(opColon, ":")
		if body := p.block(); body != nil {
			var handlers []*ExceptHandler
			for {
				h := p.exceptStarBlock()
				if h == nil {
					break
				}
				handlers = append(handlers, h)
			}
			if handlers != nil {
				orelse := p.elseBlock()
				f := p.finallyBlock()
				return &TryStar{Pos: p.pos(line, col), Body: body, Handlers: handlers, Orelse: orelse, Finalbody: f}
			}
		}
	}
	p.mark = mark
	return nil
}

// except_block:
//
//	| invalid_except_stmt_indent
//	| 'except' expression ['as' NAME] ':' block
//	| 'except' ':' block
//	| invalid_except_stmt
func (p *parser) exceptBlock() *ExceptHandler {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidExceptStmtIndent()
		p.mark = mark
	}
	line, col := p.start()
	if p.expect(kwExcept) != nil {
		if e := p.expression(); e != nil {
			name := p.asName()
			if p.expect(opColon) != nil {
				if b := p.block(); b != nil {
					return &ExceptHandler{Pos: p.pos(line, col), Type: e, Name: name, Body: b}
				}
			}
		}
	}
	p.mark = mark
	if p.expect(kwExcept) != nil && p.expect(opColon) != nil {
		if b := p.block(); b != nil {
			return &ExceptHandler{Pos: p.pos(line, col), Body: b}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidExceptStmt()
		p.mark = mark
	}
	return nil
}

// asName is ['as' NAME], returning the name or "".
func (p *parser) asName() string {
	m := p.mark
	if p.expect(kwAs) != nil {
		if n := p.nameTok(); n != nil {
			return p.identifier(n)
		}
	}
	p.mark = m
	return ""
}

// except_star_block:
//
//	| invalid_except_star_stmt_indent
//	| 'except' '*' expression ['as' NAME] ':' block
//	| invalid_except_stmt
func (p *parser) exceptStarBlock() *ExceptHandler {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidExceptStarStmtIndent()
		p.mark = mark
	}
	line, col := p.start()
	if p.expect(kwExcept) != nil && p.expect(opStar) != nil {
		if e := p.expression(); e != nil {
			name := p.asName()
			if p.expect(opColon) != nil {
				if b := p.block(); b != nil {
					return &ExceptHandler{Pos: p.pos(line, col), Type: e, Name: name, Body: b}
				}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidExceptStmt()
		p.mark = mark
	}
	return nil
}

// finally_block: invalid_finally_stmt | 'finally' &&':' block
func (p *parser) finallyBlock() []Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidFinallyStmt()
		p.mark = mark
	}
	if p.expect(kwFinally) != nil {
		p.forced(opColon, ":")
		if b := p.block(); b != nil {
			return b
		}
	}
	p.mark = mark
	return nil
}

// type_alias: "type" NAME [type_params] '=' expression
func (p *parser) typeAlias() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.soft("type") != nil {
		if n := p.nameTok(); n != nil {
			tp := p.typeParamsOpt()
			if p.expect(opEqual) != nil {
				if v := p.expression(); v != nil {
					return &TypeAlias{Pos: p.pos(line, col), Name: p.newName(n, Store), TypeParams: tp, Value: v}
				}
			}
		}
	}
	p.mark = mark
	return nil
}

// typeParamsOpt is [type_params].
func (p *parser) typeParamsOpt() []TypeParam {
	m := p.mark
	if tp := p.typeParams(); tp != nil {
		return tp
	}
	p.mark = m
	return nil
}

// type_params: '[' type_param_seq ']'
// type_param_seq: ','.type_param+ [',']
func (p *parser) typeParams() []TypeParam {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLsqb) == nil {
		return nil
	}
	tp := p.typeParam()
	if tp == nil {
		p.mark = mark
		return nil
	}
	out := []TypeParam{tp}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		tp := p.typeParam()
		if tp == nil {
			p.mark = m
			break
		}
		out = append(out, tp)
	}
	p.expect(opComma)
	if p.expect(opRsqb) == nil {
		p.mark = mark
		return nil
	}
	return out
}

// type_param (memo):
//
//	| NAME [type_param_bound]
//	| '*' NAME ':' expression   (an error)
//	| '*' NAME
//	| '**' NAME ':' expression  (an error)
//	| '**' NAME
func (p *parser) typeParam() TypeParam {
	if r, ok := p.memoGet(mTypeParam); ok {
		if r == nil {
			return nil
		}
		return r.(TypeParam)
	}
	start := p.mark
	res := p.typeParamRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mTypeParam, start, nil)
		return nil
	}
	p.memoSet(mTypeParam, start, res)
	return res
}

func (p *parser) typeParamRaw() TypeParam {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if n := p.nameTok(); n != nil {
		var bound Expr
		m := p.mark
		if p.expect(opColon) != nil {
			if bound = p.expression(); bound == nil {
				p.mark = m
			}
		}
		return &TypeVar{Pos: p.pos(line, col), Name: p.identifier(n), Bound: bound}
	}
	p.mark = mark
	for _, star := range []op{opStar, opDStar} {
		p.mark = mark
		if p.expect(star) == nil {
			continue
		}
		n := p.nameTok()
		if n == nil {
			continue
		}
		m := p.mark
		if colon := p.expect(opColon); colon != nil {
			if e := p.expression(); e != nil {
				kind := "TypeVarTuple"
				if star == opDStar {
					kind = "ParamSpec"
				}
				if _, ok := e.(*Tuple); ok {
					p.raiseFrom(tokPos(colon), "cannot use constraints with "+kind)
				}
				p.raiseFrom(tokPos(colon), "cannot use bound with "+kind)
			}
		}
		p.mark = m
		if star == opStar {
			return &TypeVarTuple{Pos: p.pos(line, col), Name: p.identifier(n)}
		}
		return &ParamSpec{Pos: p.pos(line, col), Name: p.identifier(n)}
	}
	p.mark = mark
	return nil
}
