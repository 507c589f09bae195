package syntax

// The invalid_* rules of CPython 3.12's grammar: they run only in the
// second pass, recognize a mistake, and raise its message; when they do
// not match they fail without consuming anything (callers reset the mark).

func lastComprehensionItem(c *Comprehension) Expr {
	if len(c.Ifs) > 0 {
		return c.Ifs[len(c.Ifs)-1]
	}
	return c.Iter
}

// invalid_arguments:
//
//	| ((','.(starred_expression | (assignment_expression | expression !':=') !'=')+ ',' kwargs) | kwargs) ',' '*'
//	| expression for_if_clauses ',' [args | expression for_if_clauses]
//	| NAME '=' expression for_if_clauses
//	| (args ',')? NAME '=' &(',' | ')')
//	| args for_if_clauses
//	| args ',' expression for_if_clauses
//	| args ',' args
func (p *parser) invalidArguments() {
	p.enter()
	defer p.leave()
	mark := p.mark
	// ((','.(positional)+ ',' kwargs) | kwargs) ',' '*'
	{
		ok := false
		if p.positionalArg() != nil {
			for {
				m := p.mark
				if p.expect(opComma) == nil || p.positionalArg() == nil {
					p.mark = m
					break
				}
			}
			ok = p.expect(opComma) != nil && p.kwargs() != nil
		}
		if !ok {
			p.mark = mark
			ok = p.kwargs() != nil
		}
		if ok && p.expect(opComma) != nil {
			if star := p.expect(opStar); star != nil {
				p.raiseAt(tokPos(star), "iterable argument unpacking follows keyword argument unpacking")
			}
		}
	}
	p.mark = mark
	if a := p.expression(); a != nil {
		if b := p.forIfClauses(); b != nil && p.expect(opComma) != nil {
			m := p.mark
			if p.args() == nil {
				p.mark = m
				if p.expression() == nil || p.forIfClauses() == nil {
					p.mark = m
				}
			}
			p.raiseRange(a.Position(), lastComprehensionItem(b[len(b)-1]).Position(), "Generator expression must be parenthesized")
		}
	}
	p.mark = mark
	if a := p.nameTok(); a != nil {
		if b := p.expect(opEqual); b != nil && p.expression() != nil && p.forIfClauses() != nil {
			p.raiseRange(tokPos(a), tokPos(b), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
		}
	}
	p.mark = mark
	{
		m := p.mark
		if p.args() == nil || p.expect(opComma) == nil {
			p.mark = m
		}
		if a := p.nameTok(); a != nil {
			if b := p.expect(opEqual); b != nil && (p.peek(opComma) || p.peek(opRpar)) {
				p.raiseRange(tokPos(a), tokPos(b), "expected argument value expression")
			}
		}
	}
	p.mark = mark
	if a := p.args(); a != nil {
		if b := p.forIfClauses(); b != nil {
			// _PyPegen_nonparen_genexp_in_call
			if len(a.args) > 1 {
				p.raiseRange(a.args[len(a.args)-1].Position(), lastComprehensionItem(b[len(b)-1]).Position(), "Generator expression must be parenthesized")
			}
		}
	}
	p.mark = mark
	if p.args() != nil && p.expect(opComma) != nil {
		if a := p.expression(); a != nil {
			if b := p.forIfClauses(); b != nil {
				p.raiseRange(a.Position(), lastComprehensionItem(b[len(b)-1]).Position(), "Generator expression must be parenthesized")
			}
		}
	}
	p.mark = mark
	if a := p.args(); a != nil && p.expect(opComma) != nil && p.args() != nil {
		// _PyPegen_arguments_parsing_error
		msg := "positional argument follows keyword argument"
		for _, k := range a.keywords {
			if k.Arg == "" {
				msg = "positional argument follows keyword argument unpacking"
			}
		}
		p.raiseLast(KindSyntaxError, msg)
	}
	p.mark = mark
}

// invalid_kwarg:
//
//	| ('True'|'False'|'None') '='
//	| NAME '=' expression for_if_clauses
//	| !(NAME '=') expression '='
//	| '**' expression '=' expression
func (p *parser) invalidKwarg() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if t := p.tok(); t.kind == tName && (t.op == kwTrue || t.op == kwFalse || t.op == kwNone) {
		p.mark++
		if b := p.expect(opEqual); b != nil {
			p.raiseRange(tokPos(t), tokPos(b), "cannot assign to "+t.text)
		}
	}
	p.mark = mark
	if a := p.nameTok(); a != nil {
		if b := p.expect(opEqual); b != nil && p.expression() != nil && p.forIfClauses() != nil {
			p.raiseRange(tokPos(a), tokPos(b), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
		}
	}
	p.mark = mark
	nameEq := p.nameTok() != nil && p.expect(opEqual) != nil
	p.mark = mark
	if !nameEq {
		if a := p.expression(); a != nil {
			if b := p.expect(opEqual); b != nil {
				p.raiseRange(a.Position(), tokPos(b), "expression cannot contain assignment, perhaps you meant \"==\"?")
			}
		}
	}
	p.mark = mark
	if a := p.expect(opDStar); a != nil && p.expression() != nil && p.expect(opEqual) != nil {
		if b := p.expression(); b != nil {
			p.raiseRange(tokPos(a), b.Position(), "cannot assign to keyword argument unpacking")
		}
	}
	p.mark = mark
}

// invalid_starred_expression: '*' expression '=' expression
func (p *parser) invalidStarredExpression() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(opStar); a != nil && p.expression() != nil && p.expect(opEqual) != nil {
		if b := p.expression(); b != nil {
			p.raiseRange(tokPos(a), b.Position(), "cannot assign to iterable argument unpacking")
		}
	}
	p.mark = mark
}

func isLegacyName(e Expr) bool {
	n, ok := e.(*Name)
	return ok && (n.Id == "print" || n.Id == "exec")
}

// invalid_legacy_expression: NAME !'(' star_expressions
func (p *parser) invalidLegacyExpression() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.nameTok(); a != nil && !p.peek(opLpar) {
		if b := p.starExpressions(); b != nil {
			if a.text == "print" || a.text == "exec" {
				p.raiseRange(tokPos(a), b.Position(), "Missing parentheses in call to '"+a.text+"'. Did you mean "+a.text+"(...)?")
			}
		}
	}
	p.mark = mark
}

// invalid_expression:
//
//	| !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
//	| disjunction 'if' disjunction !('else'|':')
//	| 'lambda' [lambda_params] ':' &FSTRING_MIDDLE
func (p *parser) invalidExpression() {
	p.enter()
	defer p.leave()
	mark := p.mark
	excluded := false
	if t := p.tok(); t.kind == tName && t.op == opNone {
		// CPython's SOFT_KEYWORD token compares only the name's length
		// of characters, so a prefix of a soft keyword ("m", "ca") counts.
		if isSoftKeywordPrefix(t.text) {
			excluded = true
		} else {
			p.mark++
			excluded = p.peekKind(tString)
			p.mark = mark
		}
	}
	if !excluded {
		if a := p.disjunction(); a != nil {
			if b := p.expressionWithoutInvalid(); b != nil {
				if !isLegacyName(a) && p.toks[p.mark-1].level != 0 {
					p.raiseRange(a.Position(), b.Position(), "invalid syntax. Perhaps you forgot a comma?")
				}
			}
		}
	}
	p.mark = mark
	if a := p.disjunction(); a != nil && p.expect(kwIf) != nil {
		if b := p.disjunction(); b != nil && !p.peek(kwElse) && !p.peek(opColon) {
			p.raiseRange(a.Position(), b.Position(), "expected 'else' after 'if' expression")
		}
	}
	p.mark = mark
	if a := p.expect(kwLambda); a != nil {
		m := p.mark
		if p.lambdaParams() == nil {
			p.mark = m
		}
		if b := p.expect(opColon); b != nil {
			if p.peekKind(tFStringMiddle) {
				p.raiseRange(tokPos(a), tokPos(b), "f-string: lambda expressions are not allowed without parentheses")
			}
		}
	}
	p.mark = mark
}

// invalid_named_expression (memo):
//
//	| expression ':=' expression
//	| NAME '=' bitwise_or !('='|':=')
//	| !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
func (p *parser) invalidNamedExpression() {
	if _, ok := p.memoGet(mInvalidNamedExpression); ok {
		return
	}
	start := p.mark
	p.invalidNamedExpressionRaw()
	p.mark = start
	p.memoSet(mInvalidNamedExpression, start, nil)
}

func (p *parser) invalidNamedExpressionRaw() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expression(); a != nil && p.expect(opWalrus) != nil && p.expression() != nil {
		p.raiseAt(a.Position(), "cannot use assignment expressions with "+exprName(a))
	}
	p.mark = mark
	if a := p.nameTok(); a != nil && p.expect(opEqual) != nil {
		if b := p.bitwiseOr(); b != nil && !p.peek(opEqual) && !p.peek(opWalrus) {
			p.raiseRange(tokPos(a), b.Position(), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
		}
	}
	p.mark = mark
	excluded := false
	if p.list() != nil {
		excluded = true
	}
	p.mark = mark
	if !excluded && p.tuple() != nil {
		excluded = true
	}
	p.mark = mark
	if !excluded && p.genexp() != nil {
		excluded = true
	}
	p.mark = mark
	if t := p.tok(); t.kind == tName && (t.op == kwTrue || t.op == kwNone || t.op == kwFalse) {
		excluded = true
	}
	if !excluded {
		if a := p.bitwiseOr(); a != nil && p.expect(opEqual) != nil {
			if p.bitwiseOr() != nil && !p.peek(opEqual) && !p.peek(opWalrus) {
				p.raiseAt(a.Position(), "cannot assign to "+exprName(a)+" here. Maybe you meant '==' instead of '='?")
			}
		}
	}
	p.mark = mark
}

// invalid_assignment:
//
//	| invalid_ann_assign_target ':' expression
//	| star_named_expression ',' star_named_expressions* ':' expression
//	| expression ':' expression
//	| (star_targets '=')* star_expressions '='
//	| (star_targets '=')* yield_expr '='
//	| star_expressions augassign (yield_expr | star_expressions)
func (p *parser) invalidAssignment() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.invalidAnnAssignTarget(); a != nil && p.expect(opColon) != nil && p.expression() != nil {
		p.raiseAt(a.Position(), "only single target (not "+exprName(a)+") can be annotated")
	}
	p.mark = mark
	if a := p.starNamedExpression(); a != nil && p.expect(opComma) != nil {
		for p.starNamedExpressions() != nil {
		}
		if p.expect(opColon) != nil && p.expression() != nil {
			p.raiseAt(a.Position(), "only single target (not tuple) can be annotated")
		}
	}
	p.mark = mark
	if a := p.expression(); a != nil && p.expect(opColon) != nil && p.expression() != nil {
		p.raiseAt(a.Position(), "illegal target for annotation")
	}
	p.mark = mark
	p.skipStarTargetsEq()
	if a := p.starExpressions(); a != nil && p.expect(opEqual) != nil {
		p.raiseInvalidTarget(targetsStar, a)
	}
	p.mark = mark
	p.skipStarTargetsEq()
	if a := p.yieldExpr(); a != nil && p.expect(opEqual) != nil {
		p.raiseAt(a.Position(), "assignment to yield expression not possible")
	}
	p.mark = mark
	if a := p.starExpressions(); a != nil {
		if _, ok := p.augassign(); ok {
			if p.yieldExpr() != nil || p.starExpressions() != nil {
				p.raiseAt(a.Position(), "'"+exprName(a)+"' is an illegal expression for augmented assignment")
			}
		}
	}
	p.mark = mark
}

// skipStarTargetsEq is (star_targets '=')*.
func (p *parser) skipStarTargetsEq() {
	for {
		m := p.mark
		if p.starTargets() == nil || p.expect(opEqual) == nil {
			p.mark = m
			return
		}
	}
}

// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
func (p *parser) invalidAnnAssignTarget() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if e := p.list(); e != nil {
		return e
	}
	p.mark = mark
	if e := p.tuple(); e != nil {
		return e
	}
	p.mark = mark
	if p.expect(opLpar) != nil {
		if e := p.invalidAnnAssignTarget(); e != nil && p.expect(opRpar) != nil {
			return e
		}
	}
	p.mark = mark
	return nil
}

// invalid_del_stmt: 'del' star_expressions
func (p *parser) invalidDelStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(kwDel) != nil {
		if a := p.starExpressions(); a != nil {
			p.raiseInvalidTarget(targetsDel, a)
		}
	}
	p.mark = mark
}

// invalid_block: NEWLINE !INDENT
func (p *parser) invalidBlock() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block")
	}
	p.mark = mark
}

// invalid_comprehension:
//
//	| ('[' | '(' | '{') starred_expression for_if_clauses
//	| ('[' | '{') star_named_expression ',' star_named_expressions for_if_clauses
//	| ('[' | '{') star_named_expression ',' for_if_clauses
func (p *parser) invalidComprehension() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLsqb) != nil || p.expect(opLpar) != nil || p.expect(opLbrace) != nil {
		if a := p.starredExpression(); a != nil && p.forIfClauses() != nil {
			p.raiseAt(a.Position(), "iterable unpacking cannot be used in comprehension")
		}
	}
	p.mark = mark
	if p.expect(opLsqb) != nil || p.expect(opLbrace) != nil {
		if a := p.starNamedExpression(); a != nil && p.expect(opComma) != nil {
			if b := p.starNamedExpressions(); b != nil && p.forIfClauses() != nil {
				p.raiseRange(a.Position(), b[len(b)-1].Position(), "did you forget parentheses around the comprehension target?")
			}
		}
	}
	p.mark = mark
	if p.expect(opLsqb) != nil || p.expect(opLbrace) != nil {
		if a := p.starNamedExpression(); a != nil {
			if b := p.expect(opComma); b != nil && p.forIfClauses() != nil {
				p.raiseRange(a.Position(), tokPos(b), "did you forget parentheses around the comprehension target?")
			}
		}
	}
	p.mark = mark
}

// invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
func (p *parser) invalidDictComprehension() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLbrace) != nil {
		if a := p.expect(opDStar); a != nil && p.bitwiseOr() != nil && p.forIfClauses() != nil && p.expect(opRbrace) != nil {
			p.raiseAt(tokPos(a), "dict unpacking cannot be used in dict comprehension")
		}
	}
	p.mark = mark
}

// invalid_parameters (and invalid_lambda_parameters when lam):
//
//	| "/" ','
//	| (slash_no_default | slash_with_default) param_maybe_default* '/'
//	| slash_no_default? param_no_default* invalid_parameters_helper param_no_default
//	| param_no_default* '(' param_no_default+ ','? ')'
//	  (lambda: lambda_param_no_default* '(' ','.lambda_param+ ','? ')')
//	| (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default) param_maybe_default* '/'
//	| param_maybe_default+ '/' '*'
func (p *parser) invalidParameters(lam bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(opSlash); a != nil && p.expect(opComma) != nil {
		p.raiseAt(tokPos(a), "at least one argument must precede /")
	}
	p.mark = mark
	if p.slashNoDefault(lam) != nil || p.slashWithDefaultAt(mark, lam) {
		p.paramMaybeDefaults(lam)
		if a := p.expect(opSlash); a != nil {
			p.raiseAt(tokPos(a), "/ may appear only once")
		}
	}
	p.mark = mark
	{
		m := p.mark
		if p.slashNoDefault(lam) == nil {
			p.mark = m
		}
		p.paramNoDefaults(lam)
		if p.invalidParametersHelper(lam) {
			if a := p.paramNoDefault(lam); a != nil {
				p.raiseAt(a.Pos, "parameter without a default follows parameter with a default")
			}
		}
	}
	p.mark = mark
	p.paramNoDefaults(lam)
	if a := p.expect(opLpar); a != nil {
		ok := false
		if lam {
			if p.param(lam) != nil {
				ok = true
				for {
					m := p.mark
					if p.expect(opComma) == nil || p.param(lam) == nil {
						p.mark = m
						break
					}
				}
			}
		} else {
			ok = p.paramNoDefaults(lam) != nil
		}
		if ok {
			p.expect(opComma)
			if b := p.expect(opRpar); b != nil {
				msg := "Function parameters cannot be parenthesized"
				if lam {
					msg = "Lambda expression parameters cannot be parenthesized"
				}
				p.raiseRange(tokPos(a), tokPos(b), msg)
			}
		}
	}
	p.mark = mark
	{
		m := p.mark
		if p.slashNoDefault(lam) == nil && !p.slashWithDefaultAt(m, lam) {
			p.mark = m
		}
		p.paramMaybeDefaults(lam)
		if p.expect(opStar) != nil {
			if p.expect(opComma) != nil || p.paramNoDefault(lam) != nil {
				p.paramMaybeDefaults(lam)
				if a := p.expect(opSlash); a != nil {
					p.raiseAt(tokPos(a), "/ must be ahead of *")
				}
			}
		}
	}
	p.mark = mark
	if p.paramMaybeDefaults(lam) != nil && p.expect(opSlash) != nil {
		if a := p.expect(opStar); a != nil {
			p.raiseAt(tokPos(a), "expected comma between / and *")
		}
	}
	p.mark = mark
}

// slashWithDefaultAt tries slash_with_default from mark.
func (p *parser) slashWithDefaultAt(mark int, lam bool) bool {
	p.mark = mark
	if p.slashWithDefault(lam) != nil {
		return true
	}
	p.mark = mark
	return false
}

// invalid_parameters_helper: slash_with_default | param_with_default+
func (p *parser) invalidParametersHelper(lam bool) bool {
	mark := p.mark
	if p.slashWithDefault(lam) != nil {
		return true
	}
	p.mark = mark
	if p.paramWithDefaults(lam) != nil {
		return true
	}
	p.mark = mark
	return false
}

// invalid_star_etc (and invalid_lambda_star_etc):
//
//	| '*' (')' | ',' (')' | '**'))     (lambda: '*' (':' | ',' (':' | '**')))
//	| '*' param '='
//	| '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',')
func (p *parser) invalidStarEtc(lam bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	end := opRpar
	if lam {
		end = opColon
	}
	if a := p.expect(opStar); a != nil {
		ok := p.expect(end) != nil
		if !ok && p.expect(opComma) != nil {
			ok = p.expect(end) != nil || p.expect(opDStar) != nil
		}
		if ok {
			if lam {
				p.raiseLast(KindSyntaxError, "named arguments must follow bare *")
			}
			p.raiseAt(tokPos(a), "named arguments must follow bare *")
		}
	}
	p.mark = mark
	if p.expect(opStar) != nil && p.param(lam) != nil {
		if a := p.expect(opEqual); a != nil {
			p.raiseAt(tokPos(a), "var-positional argument cannot have default value")
		}
	}
	p.mark = mark
	if p.expect(opStar) != nil && (p.paramNoDefault(lam) != nil || p.expect(opComma) != nil) {
		p.paramMaybeDefaults(lam)
		if a := p.expect(opStar); a != nil && (p.paramNoDefault(lam) != nil || p.expect(opComma) != nil) {
			p.raiseAt(tokPos(a), "* argument may appear only once")
		}
	}
	p.mark = mark
}

// invalid_kwds (and invalid_lambda_kwds):
//
//	| '**' param '='
//	| '**' param ',' param
//	| '**' param ',' ('*'|'**'|'/')
func (p *parser) invalidKwds(lam bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opDStar) != nil && p.param(lam) != nil {
		if a := p.expect(opEqual); a != nil {
			p.raiseAt(tokPos(a), "var-keyword argument cannot have default value")
		}
	}
	p.mark = mark
	if p.expect(opDStar) != nil && p.param(lam) != nil && p.expect(opComma) != nil {
		if a := p.param(lam); a != nil {
			p.raiseAt(a.Pos, "arguments cannot follow var-keyword argument")
		}
	}
	p.mark = mark
	if p.expect(opDStar) != nil && p.param(lam) != nil && p.expect(opComma) != nil {
		t := p.tok()
		if t.kind == tOp && (t.op == opStar || t.op == opDStar || t.op == opSlash) {
			p.raiseAt(tokPos(t), "arguments cannot follow var-keyword argument")
		}
	}
	p.mark = mark
}

// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
func (p *parser) invalidWithItem() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expression() != nil && p.expect(kwAs) != nil {
		if a := p.expression(); a != nil && (p.peek(opComma) || p.peek(opRpar) || p.peek(opColon)) {
			p.raiseInvalidTarget(targetsStar, a)
		}
	}
	p.mark = mark
}

// invalid_for_target: ASYNC? 'for' star_expressions
func (p *parser) invalidForTarget() {
	p.enter()
	defer p.leave()
	mark := p.mark
	p.expect(kwAsync)
	if p.expect(kwFor) != nil {
		if a := p.starExpressions(); a != nil {
			p.raiseInvalidTarget(targetsFor, a)
		}
	}
	p.mark = mark
}

// invalid_group: '(' starred_expression ')' | '(' '**' expression ')'
func (p *parser) invalidGroup() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLpar) != nil {
		if a := p.starredExpression(); a != nil && p.expect(opRpar) != nil {
			p.raiseAt(a.Position(), "cannot use starred expression here")
		}
	}
	p.mark = mark
	if p.expect(opLpar) != nil {
		if a := p.expect(opDStar); a != nil && p.expression() != nil && p.expect(opRpar) != nil {
			p.raiseAt(tokPos(a), "cannot use double starred expression here")
		}
	}
	p.mark = mark
}

// invalid_import: 'import' dotted_name 'from' dotted_name
func (p *parser) invalidImport() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(kwImport); a != nil && p.dottedName() != "" && p.expect(kwFrom) != nil && p.dottedName() != "" {
		p.raiseFrom(tokPos(a), "Did you mean to use 'from ... import ...' instead?")
	}
	p.mark = mark
}

// invalid_import_from_targets: import_from_as_names ',' NEWLINE
func (p *parser) invalidImportFromTargets() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.importFromAsNames() != nil && p.expect(opComma) != nil && p.expectKind(tNewline) != nil {
		p.raiseLast(KindSyntaxError, "trailing comma not allowed without surrounding parentheses")
	}
	p.mark = mark
}

// withHead is [ASYNC] 'with' and the items of either with form, as the
// with rules' invalid alternatives spell them: ','.(expression ['as'
// star_target])+ without parentheses, or '(' ','.(expressions ['as'
// star_target])+ ','? ')' with them. It returns the 'with' token.
func (p *parser) withHead(paren bool) *token {
	p.expect(kwAsync)
	w := p.expect(kwWith)
	if w == nil {
		return nil
	}
	if paren && p.expect(opLpar) == nil {
		return nil
	}
	item := func() bool {
		var e Expr
		if paren {
			e = p.expressions()
		} else {
			e = p.expression()
		}
		if e == nil {
			return false
		}
		m := p.mark
		if p.expect(kwAs) == nil || p.starTarget() == nil {
			p.mark = m
		}
		return true
	}
	if !item() {
		return nil
	}
	for {
		m := p.mark
		if p.expect(opComma) == nil || !item() {
			p.mark = m
			break
		}
	}
	if paren {
		p.expect(opComma)
		if p.expect(opRpar) == nil {
			return nil
		}
	}
	return w
}

// invalid_with_stmt:
//
//	| [ASYNC] 'with' ','.(expression ['as' star_target])+ NEWLINE
//	| [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' NEWLINE
func (p *parser) invalidWithStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	for _, paren := range []bool{false, true} {
		p.mark = mark
		if p.withHead(paren) != nil && p.expectKind(tNewline) != nil {
			p.raiseLast(KindSyntaxError, "expected ':'")
		}
	}
	p.mark = mark
}

// invalid_with_stmt_indent: the with heads followed by ':' NEWLINE !INDENT.
func (p *parser) invalidWithStmtIndent() {
	p.enter()
	defer p.leave()
	mark := p.mark
	for _, paren := range []bool{false, true} {
		p.mark = mark
		if w := p.withHead(paren); w != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
			p.raiseLast(KindIndentationError, "expected an indented block after 'with' statement on line "+itoa(w.line))
		}
	}
	p.mark = mark
}

// invalid_try_stmt:
//
//	| 'try' ':' NEWLINE !INDENT
//	| 'try' ':' block !('except' | 'finally')
//	| 'try' ':' block* except_block+ 'except' '*' expression ['as' NAME] ':'
//	| 'try' ':' block* except_star_block+ 'except' [expression ['as' NAME]] ':'
func (p *parser) invalidTryStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(kwTry); a != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after 'try' statement on line "+itoa(a.line))
	}
	p.mark = mark
	if p.expect(kwTry) != nil && p.expect(opColon) != nil && p.block() != nil && !p.peek(kwExcept) && !p.peek(kwFinally) {
		p.raiseLast(KindSyntaxError, "expected 'except' or 'finally' block")
	}
	p.mark = mark
	if p.expect(kwTry) != nil && p.expect(opColon) != nil {
		for p.block() != nil {
		}
		n := 0
		for p.exceptBlock() != nil {
			n++
		}
		if n > 0 {
			if a := p.expect(kwExcept); a != nil {
				if b := p.expect(opStar); b != nil && p.expression() != nil {
					p.asName()
					if p.expect(opColon) != nil {
						p.raiseRange(tokPos(a), tokPos(b), "cannot have both 'except' and 'except*' on the same 'try'")
					}
				}
			}
		}
	}
	p.mark = mark
	if p.expect(kwTry) != nil && p.expect(opColon) != nil {
		for p.block() != nil {
		}
		n := 0
		for p.exceptStarBlock() != nil {
			n++
		}
		if n > 0 {
			if a := p.expect(kwExcept); a != nil {
				m := p.mark
				if p.expression() != nil {
					p.asName()
				} else {
					p.mark = m
				}
				if p.expect(opColon) != nil {
					p.raiseAt(tokPos(a), "cannot have both 'except' and 'except*' on the same 'try'")
				}
			}
		}
	}
	p.mark = mark
}

// invalid_except_stmt:
//
//	| 'except' '*'? expression ',' expressions ['as' NAME ] ':'
//	| 'except' '*'? expression ['as' NAME ] NEWLINE
//	| 'except' NEWLINE
//	| 'except' '*' (NEWLINE | ':')
func (p *parser) invalidExceptStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(kwExcept) != nil {
		p.expect(opStar)
		if a := p.expression(); a != nil && p.expect(opComma) != nil && p.expressions() != nil {
			p.asName()
			if p.expect(opColon) != nil {
				p.raiseFrom(a.Position(), "multiple exception types must be parenthesized")
			}
		}
	}
	p.mark = mark
	if p.expect(kwExcept) != nil {
		p.expect(opStar)
		if p.expression() != nil {
			p.asName()
			if p.expectKind(tNewline) != nil {
				p.raiseLast(KindSyntaxError, "expected ':'")
			}
		}
	}
	p.mark = mark
	if p.expect(kwExcept) != nil && p.expectKind(tNewline) != nil {
		p.raiseLast(KindSyntaxError, "expected ':'")
	}
	p.mark = mark
	if p.expect(kwExcept) != nil && p.expect(opStar) != nil && (p.expectKind(tNewline) != nil || p.expect(opColon) != nil) {
		p.raiseLast(KindSyntaxError, "expected one or more exception types")
	}
	p.mark = mark
}

// invalid_finally_stmt: 'finally' ':' NEWLINE !INDENT
func (p *parser) invalidFinallyStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(kwFinally); a != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after 'finally' statement on line "+itoa(a.line))
	}
	p.mark = mark
}

// invalid_except_stmt_indent:
//
//	| 'except' expression ['as' NAME ] ':' NEWLINE !INDENT
//	| 'except' ':' NEWLINE !INDENT
func (p *parser) invalidExceptStmtIndent() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(kwExcept); a != nil && p.expression() != nil {
		p.asName()
		if p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
			p.raiseLast(KindIndentationError, "expected an indented block after 'except' statement on line "+itoa(a.line))
		}
	}
	p.mark = mark
	if a := p.expect(kwExcept); a != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after 'except' statement on line "+itoa(a.line))
	}
	p.mark = mark
}

// invalid_except_star_stmt_indent: 'except' '*' expression ['as' NAME ] ':' NEWLINE !INDENT
func (p *parser) invalidExceptStarStmtIndent() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(kwExcept); a != nil && p.expect(opStar) != nil && p.expression() != nil {
		p.asName()
		if p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
			p.raiseLast(KindIndentationError, "expected an indented block after 'except*' statement on line "+itoa(a.line))
		}
	}
	p.mark = mark
}

// invalid_match_stmt:
//
//	| "match" subject_expr NEWLINE
//	| "match" subject_expr ':' NEWLINE !INDENT
func (p *parser) invalidMatchStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.soft("match") != nil && p.subjectExpr() != nil && p.expectKind(tNewline) != nil {
		p.raiseLast(KindSyntaxError, "expected ':'")
	}
	p.mark = mark
	if a := p.soft("match"); a != nil && p.subjectExpr() != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after 'match' statement on line "+itoa(a.line))
	}
	p.mark = mark
}

// invalid_case_block:
//
//	| "case" patterns guard? NEWLINE
//	| "case" patterns guard? ':' NEWLINE !INDENT
func (p *parser) invalidCaseBlock() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.soft("case") != nil && p.patterns() != nil {
		p.guardOpt()
		if p.expectKind(tNewline) != nil {
			p.raiseLast(KindSyntaxError, "expected ':'")
		}
	}
	p.mark = mark
	if a := p.soft("case"); a != nil && p.patterns() != nil {
		p.guardOpt()
		if p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
			p.raiseLast(KindIndentationError, "expected an indented block after 'case' statement on line "+itoa(a.line))
		}
	}
	p.mark = mark
}

// invalid_as_pattern:
//
//	| or_pattern 'as' "_"
//	| or_pattern 'as' !NAME expression
func (p *parser) invalidAsPattern() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.orPattern() != nil && p.expect(kwAs) != nil {
		if a := p.soft("_"); a != nil {
			p.raiseAt(tokPos(a), "cannot use '_' as a target")
		}
	}
	p.mark = mark
	if p.orPattern() != nil && p.expect(kwAs) != nil && !p.peekName() {
		if a := p.expression(); a != nil {
			p.raiseAt(a.Position(), "invalid pattern target")
		}
	}
	p.mark = mark
}

// invalid_class_pattern: name_or_attr '(' invalid_class_argument_pattern
// invalid_class_argument_pattern: [positional_patterns ','] keyword_patterns ',' positional_patterns
func (p *parser) invalidClassPattern() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.nameOrAttr() != nil && p.expect(opLpar) != nil {
		m := p.mark
		if p.positionalPatterns() == nil || p.expect(opComma) == nil {
			p.mark = m
		}
		if _, _, ok := p.keywordPatterns(); ok && p.expect(opComma) != nil {
			if a := p.positionalPatterns(); a != nil {
				p.raiseRange(a[0].Position(), a[len(a)-1].Position(), "positional patterns follow keyword patterns")
			}
		}
	}
	p.mark = mark
}

// invalidColonBlock is the shape shared by invalid_if_stmt,
// invalid_elif_stmt and invalid_while_stmt: kw named_expression NEWLINE
// ("expected ':'"), and kw named_expression ':' NEWLINE !INDENT.
func (p *parser) invalidColonBlock(kw op, what string) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(kw) != nil && p.namedExpression() != nil && p.expectKind(tNewline) != nil {
		p.raiseLast(KindSyntaxError, "expected ':'")
	}
	p.mark = mark
	if a := p.expect(kw); a != nil && p.namedExpression() != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after '"+what+"' statement on line "+itoa(a.line))
	}
	p.mark = mark
}

func (p *parser) invalidIfStmt()    { p.invalidColonBlock(kwIf, "if") }
func (p *parser) invalidElifStmt()  { p.invalidColonBlock(kwElif, "elif") }
func (p *parser) invalidWhileStmt() { p.invalidColonBlock(kwWhile, "while") }

// invalid_else_stmt: 'else' ':' NEWLINE !INDENT
func (p *parser) invalidElseStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expect(kwElse); a != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after 'else' statement on line "+itoa(a.line))
	}
	p.mark = mark
}

// invalid_for_stmt:
//
//	| [ASYNC] 'for' star_targets 'in' star_expressions NEWLINE
//	| [ASYNC] 'for' star_targets 'in' star_expressions ':' NEWLINE !INDENT
func (p *parser) invalidForStmt() {
	p.enter()
	defer p.leave()
	mark := p.mark
	p.expect(kwAsync)
	if p.expect(kwFor) != nil && p.starTargets() != nil && p.expect(kwIn) != nil && p.starExpressions() != nil && p.expectKind(tNewline) != nil {
		p.raiseLast(KindSyntaxError, "expected ':'")
	}
	p.mark = mark
	p.expect(kwAsync)
	if a := p.expect(kwFor); a != nil && p.starTargets() != nil && p.expect(kwIn) != nil && p.starExpressions() != nil &&
		p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after 'for' statement on line "+itoa(a.line))
	}
	p.mark = mark
}

// invalid_def_raw: [ASYNC] 'def' NAME [type_params] '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT
func (p *parser) invalidDefRaw() {
	p.enter()
	defer p.leave()
	mark := p.mark
	p.expect(kwAsync)
	if a := p.expect(kwDef); a != nil && p.nameTok() != nil {
		p.typeParamsOpt()
		if p.expect(opLpar) != nil {
			m := p.mark
			if p.params() == nil {
				p.mark = m
			}
			if p.expect(opRpar) != nil {
				m := p.mark
				if p.expect(opRArrow) == nil || p.expression() == nil {
					p.mark = m
				}
				if p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
					p.raiseLast(KindIndentationError, "expected an indented block after function definition on line "+itoa(a.line))
				}
			}
		}
	}
	p.mark = mark
}

// invalid_class_def_raw:
//
//	| 'class' NAME [type_params] ['(' [arguments] ')'] NEWLINE
//	| 'class' NAME [type_params] ['(' [arguments] ')'] ':' NEWLINE !INDENT
func (p *parser) invalidClassDefRaw() {
	p.enter()
	defer p.leave()
	mark := p.mark
	head := func() *token {
		a := p.expect(kwClass)
		if a == nil || p.nameTok() == nil {
			return nil
		}
		p.typeParamsOpt()
		m := p.mark
		if p.expect(opLpar) != nil {
			p.arguments()
			if p.expect(opRpar) == nil {
				p.mark = m
			}
		}
		return a
	}
	if head() != nil && p.expectKind(tNewline) != nil {
		p.raiseLast(KindSyntaxError, "expected ':'")
	}
	p.mark = mark
	if a := head(); a != nil && p.expect(opColon) != nil && p.expectKind(tNewline) != nil && !p.peekKind(tIndent) {
		p.raiseLast(KindIndentationError, "expected an indented block after class definition on line "+itoa(a.line))
	}
	p.mark = mark
}

// invalid_double_starred_kvpairs:
//
//	| ','.double_starred_kvpair+ ',' invalid_kvpair
//	| expression ':' '*' bitwise_or
//	| expression ':' &('}'|',')
func (p *parser) invalidDoubleStarredKVPairs() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if _, _, ok := p.doubleStarredKVPair(); ok {
		for {
			m := p.mark
			if p.expect(opComma) == nil {
				break
			}
			if _, _, ok := p.doubleStarredKVPair(); !ok {
				p.mark = m
				break
			}
		}
		if p.expect(opComma) != nil {
			p.invalidKVPair()
		}
	}
	p.mark = mark
	if p.expression() != nil && p.expect(opColon) != nil {
		if a := p.expect(opStar); a != nil && p.bitwiseOr() != nil {
			p.raiseFrom(tokPos(a), "cannot use a starred expression in a dictionary value")
		}
	}
	p.mark = mark
	if p.expression() != nil {
		if a := p.expect(opColon); a != nil && (p.peek(opRbrace) || p.peek(opComma)) {
			p.raiseAt(tokPos(a), "expression expected after dictionary key and ':'")
		}
	}
	p.mark = mark
}

// invalid_kvpair:
//
//	| expression !(':')
//	| expression ':' '*' bitwise_or
//	| expression ':' &('}'|',')
func (p *parser) invalidKVPair() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.expression(); a != nil && !p.peek(opColon) {
		ap := a.Position()
		p.raiseKnown(KindSyntaxError, ap.Lineno, ap.EndColOffset-1+1, ap.EndLineno, 0, "':' expected after dictionary key")
	}
	p.mark = mark
	if p.expression() != nil && p.expect(opColon) != nil {
		if a := p.expect(opStar); a != nil && p.bitwiseOr() != nil {
			p.raiseFrom(tokPos(a), "cannot use a starred expression in a dictionary value")
		}
	}
	p.mark = mark
	if p.expression() != nil {
		if a := p.expect(opColon); a != nil && (p.peek(opRbrace) || p.peek(opComma)) {
			p.raiseAt(tokPos(a), "expression expected after dictionary key and ':'")
		}
	}
	p.mark = mark
}

// invalid_replacement_field: the f-string replacement field mistakes.
func (p *parser) invalidReplacementField() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLbrace) == nil {
		return
	}
	after := p.mark
	for _, c := range []struct {
		o    op
		text string
	}{{opEqual, "="}, {opExclam, "!"}, {opColon, ":"}, {opRbrace, "}"}} {
		p.mark = after
		if a := p.expect(c.o); a != nil {
			p.raiseAt(tokPos(a), "f-string: valid expression required before '"+c.text+"'")
		}
	}
	p.mark = after
	if p.annotatedRHS() == nil {
		p.mark = after
		p.raiseNext("f-string: expecting a valid expression after '{'")
	}
	// '{' annotated_rhs !('=' | '!' | ':' | '}')
	p.mark = after
	if p.annotatedRHS() != nil && !p.peek(opEqual) && !p.peek(opExclam) && !p.peek(opColon) && !p.peek(opRbrace) {
		p.raiseNext("f-string: expecting '=', or '!', or ':', or '}'")
	}
	// '{' annotated_rhs '=' !('!' | ':' | '}')
	p.mark = after
	if p.annotatedRHS() != nil && p.expect(opEqual) != nil && !p.peek(opExclam) && !p.peek(opColon) && !p.peek(opRbrace) {
		p.raiseNext("f-string: expecting '!', or ':', or '}'")
	}
	// '{' annotated_rhs '='? invalid_conversion_character
	p.mark = after
	if p.annotatedRHS() != nil {
		p.expect(opEqual)
		p.invalidConversionCharacter()
	}
	// '{' annotated_rhs '='? ['!' NAME] !(':' | '}')
	p.mark = after
	if p.annotatedRHS() != nil {
		p.expect(opEqual)
		p.bangName()
		if !p.peek(opColon) && !p.peek(opRbrace) {
			p.raiseNext("f-string: expecting ':' or '}'")
		}
	}
	// '{' annotated_rhs '='? ['!' NAME] ':' fstring_format_spec* !'}'
	p.mark = after
	if p.annotatedRHS() != nil {
		p.expect(opEqual)
		p.bangName()
		if p.expect(opColon) != nil {
			for {
				m := p.mark
				if p.fstringFormatSpec() == nil {
					p.mark = m
					break
				}
			}
			if !p.peek(opRbrace) {
				p.raiseNext("f-string: expecting '}', or format specs")
			}
		}
	}
	// '{' annotated_rhs '='? ['!' NAME] !'}'
	p.mark = after
	if p.annotatedRHS() != nil {
		p.expect(opEqual)
		p.bangName()
		if !p.peek(opRbrace) {
			p.raiseNext("f-string: expecting '}'")
		}
	}
	p.mark = mark
}

// bangName is ['!' NAME].
func (p *parser) bangName() {
	m := p.mark
	if p.expect(opExclam) == nil || p.nameTok() == nil {
		p.mark = m
	}
}

// invalid_conversion_character:
//
//	| '!' &(':' | '}')
//	| '!' !NAME
func (p *parser) invalidConversionCharacter() {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opExclam) != nil && (p.peek(opColon) || p.peek(opRbrace)) {
		p.raiseNext("f-string: missing conversion character")
	}
	p.mark = mark
	if p.expect(opExclam) != nil && !p.peekName() {
		p.raiseNext("f-string: invalid conversion character")
	}
	p.mark = mark
}

// ------------------------------------------------------------- helpers

type targetsType int

const (
	targetsStar targetsType = iota
	targetsDel
	targetsFor
)

// raiseInvalidTarget is RAISE_SYNTAX_ERROR_INVALID_TARGET.
func (p *parser) raiseInvalidTarget(tt targetsType, e Expr) {
	t := invalidTarget(e, tt)
	if t == nil {
		return
	}
	msg := "cannot assign to "
	if tt == targetsDel {
		msg = "cannot delete "
	}
	p.raiseAt(t.Position(), msg+exprName(t))
}

// invalidTarget is CPython's _PyPegen_get_invalid_target.
func invalidTarget(e Expr, tt targetsType) Expr {
	switch n := e.(type) {
	case nil:
		return nil
	case *List:
		for _, x := range n.Elts {
			if c := invalidTarget(x, tt); c != nil {
				return c
			}
		}
		return nil
	case *Tuple:
		for _, x := range n.Elts {
			if c := invalidTarget(x, tt); c != nil {
				return c
			}
		}
		return nil
	case *Starred:
		if tt == targetsDel {
			return e
		}
		return invalidTarget(n.Value, tt)
	case *Compare:
		if tt == targetsFor {
			if n.Ops[0] == In {
				return invalidTarget(n.Left, tt)
			}
			return nil
		}
		return e
	case *Name, *Subscript, *Attribute:
		return nil
	}
	return e
}

// exprName is CPython's _PyPegen_get_expr_name.
func exprName(e Expr) string {
	switch n := e.(type) {
	case *Attribute:
		return "attribute"
	case *Subscript:
		return "subscript"
	case *Starred:
		return "starred"
	case *Name:
		return "name"
	case *List:
		return "list"
	case *Tuple:
		return "tuple"
	case *Lambda:
		return "lambda"
	case *Call:
		return "function call"
	case *BoolOp, *BinOp, *UnaryOp:
		return "expression"
	case *GeneratorExp:
		return "generator expression"
	case *Yield, *YieldFrom:
		return "yield expression"
	case *Await:
		return "await expression"
	case *ListComp:
		return "list comprehension"
	case *SetComp:
		return "set comprehension"
	case *DictComp:
		return "dict comprehension"
	case *Dict:
		return "dict literal"
	case *Set:
		return "set display"
	case *JoinedStr, *FormattedValue:
		return "f-string expression"
	case *Constant:
		switch v := n.Value.(type) {
		case nil:
			return "None"
		case bool:
			if v {
				return "True"
			}
			return "False"
		case EllipsisType:
			return "ellipsis"
		}
		return "literal"
	case *Compare:
		return "comparison"
	case *IfExp:
		return "conditional expression"
	case *NamedExpr:
		return "named expression"
	}
	return "expression"
}
