package syntax

// The match statement and its patterns (PEP 634).

// match_stmt:
//
//	| "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
//	| invalid_match_stmt
func (p *parser) matchStmt() Stmt {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.soft("match") != nil {
		if subject := p.subjectExpr(); subject != nil && p.expect(opColon) != nil &&
			p.expectKind(tNewline) != nil && p.expectKind(tIndent) != nil {
			var cases []*MatchCase
			for {
				c := p.caseBlock()
				if c == nil {
					break
				}
				cases = append(cases, c)
			}
			if cases != nil && p.expectKind(tDedent) != nil {
				return &Match{Pos: p.pos(line, col), Subject: subject, Cases: cases}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidMatchStmt()
		p.mark = mark
	}
	return nil
}

// subject_expr:
//
//	| star_named_expression ',' star_named_expressions?
//	| named_expression
func (p *parser) subjectExpr() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if v := p.starNamedExpression(); v != nil && p.expect(opComma) != nil {
		elts := append([]Expr{v}, p.starNamedExpressions()...)
		return &Tuple{Pos: p.pos(line, col), Elts: elts}
	}
	p.mark = mark
	if e := p.namedExpression(); e != nil {
		return e
	}
	p.mark = mark
	return nil
}

// case_block:
//
//	| invalid_case_block
//	| "case" patterns guard? ':' block
func (p *parser) caseBlock() *MatchCase {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidCaseBlock()
		p.mark = mark
	}
	if p.soft("case") != nil {
		if pat := p.patterns(); pat != nil {
			guard := p.guardOpt()
			if p.expect(opColon) != nil {
				if body := p.block(); body != nil {
					return &MatchCase{Pattern: pat, Guard: guard, Body: body}
				}
			}
		}
	}
	p.mark = mark
	return nil
}

// guard: 'if' named_expression
func (p *parser) guardOpt() Expr {
	m := p.mark
	if p.expect(kwIf) != nil {
		if e := p.namedExpression(); e != nil {
			return e
		}
	}
	p.mark = m
	return nil
}

// patterns: open_sequence_pattern | pattern
func (p *parser) patterns() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if ps := p.openSequencePattern(); ps != nil {
		return &MatchSequence{Pos: p.pos(line, col), Patterns: ps}
	}
	p.mark = mark
	return p.pattern()
}

// pattern: as_pattern | or_pattern
func (p *parser) pattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.asPattern(); a != nil {
		return a
	}
	p.mark = mark
	return p.orPattern()
}

// as_pattern: or_pattern 'as' pattern_capture_target | invalid_as_pattern
func (p *parser) asPattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if pat := p.orPattern(); pat != nil && p.expect(kwAs) != nil {
		if t := p.patternCaptureTarget(); t != "" {
			return &MatchAs{Pos: p.pos(line, col), Pattern: pat, Name: t}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidAsPattern()
		p.mark = mark
	}
	return nil
}

// or_pattern: '|'.closed_pattern+
func (p *parser) orPattern() Pattern {
	p.enter()
	defer p.leave()
	line, col := p.start()
	a := p.closedPattern()
	if a == nil {
		return nil
	}
	ps := []Pattern{a}
	for {
		m := p.mark
		if p.expect(opVbar) == nil {
			break
		}
		b := p.closedPattern()
		if b == nil {
			p.mark = m
			break
		}
		ps = append(ps, b)
	}
	if len(ps) == 1 {
		return a
	}
	return &MatchOr{Pos: p.pos(line, col), Patterns: ps}
}

// closed_pattern (memo):
//
//	| literal_pattern | capture_pattern | wildcard_pattern | value_pattern
//	| group_pattern | sequence_pattern | mapping_pattern | class_pattern
func (p *parser) closedPattern() Pattern {
	if r, ok := p.memoGet(mClosedPattern); ok {
		if r == nil {
			return nil
		}
		return r.(Pattern)
	}
	start := p.mark
	res := p.closedPatternRaw()
	if res == nil {
		p.mark = start
		p.memoSet(mClosedPattern, start, nil)
		return nil
	}
	p.memoSet(mClosedPattern, start, res)
	return res
}

func (p *parser) closedPatternRaw() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	for _, f := range []func() Pattern{
		p.literalPattern, p.capturePattern, p.wildcardPattern, p.valuePattern,
		p.groupPattern, p.sequencePattern, p.mappingPattern, p.classPattern,
	} {
		p.mark = mark
		if r := f(); r != nil {
			return r
		}
	}
	p.mark = mark
	return nil
}

// literal_pattern:
//
//	| signed_number !('+' | '-')
//	| complex_number
//	| strings
//	| 'None' | 'True' | 'False'
func (p *parser) literalPattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if e := p.literalExpr(); e != nil {
		if c, ok := e.(*Constant); ok {
			switch c.Value.(type) {
			case nil, bool:
				t := &p.toks[mark]
				if t.kind == tName && (t.op == kwNone || t.op == kwTrue || t.op == kwFalse) {
					return &MatchSingleton{Pos: p.pos(line, col), Value: c.Value}
				}
			}
		}
		return &MatchValue{Pos: p.pos(line, col), Value: e}
	}
	p.mark = mark
	return nil
}

// literal_expr:
//
//	| signed_number !('+' | '-')
//	| complex_number
//	| strings
//	| 'None' | 'True' | 'False'
func (p *parser) literalExpr() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if n := p.signedNumber(); n != nil && !p.peek(opPlus) && !p.peek(opMinus) {
		return n
	}
	p.mark = mark
	if c := p.complexNumber(); c != nil {
		return c
	}
	p.mark = mark
	if p.peekKind(tString) || p.peekKind(tFStringStart) {
		if s := p.strings(); s != nil {
			return s
		}
	}
	p.mark = mark
	t := p.tok()
	if t.kind == tName {
		switch t.op {
		case kwNone:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: nil}
		case kwTrue:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: true}
		case kwFalse:
			p.mark++
			return &Constant{Pos: tokPos(t), Value: false}
		}
	}
	return nil
}

// complex_number: signed_real_number ('+' | '-') imaginary_number
func (p *parser) complexNumber() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if real := p.signedRealNumber(); real != nil {
		t := p.tok()
		if t.kind == tOp && (t.op == opPlus || t.op == opMinus) {
			p.mark++
			if imag := p.imaginaryNumber(); imag != nil {
				o := Add
				if t.op == opMinus {
					o = Sub
				}
				return &BinOp{Pos: p.pos(line, col), Left: real, Op: o, Right: imag}
			}
		}
	}
	p.mark = mark
	return nil
}

// signed_number: NUMBER | '-' NUMBER
func (p *parser) signedNumber() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if t := p.expectKind(tNumber); t != nil {
		return p.number(t)
	}
	if p.expect(opMinus) != nil {
		if t := p.expectKind(tNumber); t != nil {
			return &UnaryOp{Pos: p.pos(line, col), Op: USub, Operand: p.number(t)}
		}
	}
	p.mark = mark
	return nil
}

// signed_real_number: real_number | '-' real_number
func (p *parser) signedRealNumber() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if r := p.realNumber(); r != nil {
		return r
	}
	if p.expect(opMinus) != nil {
		if r := p.realNumber(); r != nil {
			return &UnaryOp{Pos: p.pos(line, col), Op: USub, Operand: r}
		}
	}
	p.mark = mark
	return nil
}

// real_number: NUMBER (a real one; _PyPegen_ensure_real)
func (p *parser) realNumber() Expr {
	t := p.expectKind(tNumber)
	if t == nil {
		return nil
	}
	n := p.number(t)
	if _, ok := n.(*Constant).Value.(complex128); ok {
		p.raiseAt(n.Position(), "real number required in complex literal")
	}
	return n
}

// imaginary_number: NUMBER (an imaginary one; _PyPegen_ensure_imaginary)
func (p *parser) imaginaryNumber() Expr {
	t := p.expectKind(tNumber)
	if t == nil {
		return nil
	}
	n := p.number(t)
	if _, ok := n.(*Constant).Value.(complex128); !ok {
		p.raiseAt(n.Position(), "imaginary number required in complex literal")
	}
	return n
}

// capture_pattern: pattern_capture_target
func (p *parser) capturePattern() Pattern {
	p.enter()
	defer p.leave()
	line, col := p.start()
	if t := p.patternCaptureTarget(); t != "" {
		return &MatchAs{Pos: p.pos(line, col), Name: t}
	}
	return nil
}

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
func (p *parser) patternCaptureTarget() string {
	p.enter()
	defer p.leave()
	mark := p.mark
	if t := p.tok(); t.kind == tName && t.text == "_" {
		return ""
	}
	if n := p.nameTok(); n != nil && !p.peek(opDot) && !p.peek(opLpar) && !p.peek(opEqual) {
		return p.identifier(n)
	}
	p.mark = mark
	return ""
}

// wildcard_pattern: "_"
func (p *parser) wildcardPattern() Pattern {
	line, col := p.start()
	if p.soft("_") != nil {
		return &MatchAs{Pos: p.pos(line, col)}
	}
	return nil
}

// value_pattern: attr !('.' | '(' | '=')
func (p *parser) valuePattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if a := p.attr(); a != nil && !p.peek(opDot) && !p.peek(opLpar) && !p.peek(opEqual) {
		return &MatchValue{Pos: p.pos(line, col), Value: a}
	}
	p.mark = mark
	return nil
}

// attr: name_or_attr '.' NAME  (left-recursive with name_or_attr)
func (p *parser) attr() Expr {
	if r, ok := p.memoGet(mAttr); ok {
		if r == nil {
			return nil
		}
		return r.(Expr)
	}
	p.enter()
	defer p.leave()
	start := p.mark
	line, col := p.start()
	n := p.nameTok()
	if n == nil {
		p.memoSet(mAttr, start, nil)
		return nil
	}
	var e Expr = p.newName(n, Load)
	count := 0
	for {
		m := p.mark
		if p.expect(opDot) == nil {
			break
		}
		a := p.nameTok()
		if a == nil {
			p.mark = m
			break
		}
		e = &Attribute{Pos: p.pos(line, col), Value: e, Attr: p.identifier(a), Ctx: Load}
		count++
	}
	if count == 0 {
		p.mark = start
		p.memoSet(mAttr, start, nil)
		return nil
	}
	p.memoSet(mAttr, start, e)
	return e
}

// name_or_attr: attr | NAME
func (p *parser) nameOrAttr() Expr {
	mark := p.mark
	if a := p.attr(); a != nil {
		return a
	}
	p.mark = mark
	if n := p.nameTok(); n != nil {
		return p.newName(n, Load)
	}
	return nil
}

// group_pattern: '(' pattern ')'
func (p *parser) groupPattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opLpar) != nil {
		if pat := p.pattern(); pat != nil && p.expect(opRpar) != nil {
			return pat
		}
	}
	p.mark = mark
	return nil
}

// sequence_pattern:
//
//	| '[' maybe_sequence_pattern? ']'
//	| '(' open_sequence_pattern? ')'
func (p *parser) sequencePattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLsqb) != nil {
		m := p.mark
		ps := p.maybeSequencePattern()
		if ps == nil {
			p.mark = m
		}
		if p.expect(opRsqb) != nil {
			return &MatchSequence{Pos: p.pos(line, col), Patterns: ps}
		}
	}
	p.mark = mark
	if p.expect(opLpar) != nil {
		m := p.mark
		ps := p.openSequencePattern()
		if ps == nil {
			p.mark = m
		}
		if p.expect(opRpar) != nil {
			return &MatchSequence{Pos: p.pos(line, col), Patterns: ps}
		}
	}
	p.mark = mark
	return nil
}

// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?
func (p *parser) openSequencePattern() []Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.maybeStarPattern(); a != nil && p.expect(opComma) != nil {
		m := p.mark
		rest := p.maybeSequencePattern()
		if rest == nil {
			p.mark = m
		}
		return append([]Pattern{a}, rest...)
	}
	p.mark = mark
	return nil
}

// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?
func (p *parser) maybeSequencePattern() []Pattern {
	p.enter()
	defer p.leave()
	a := p.maybeStarPattern()
	if a == nil {
		return nil
	}
	out := []Pattern{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		b := p.maybeStarPattern()
		if b == nil {
			p.mark = m
			break
		}
		out = append(out, b)
	}
	p.expect(opComma)
	return out
}

// maybe_star_pattern: star_pattern | pattern
func (p *parser) maybeStarPattern() Pattern {
	mark := p.mark
	if s := p.starPattern(); s != nil {
		return s
	}
	p.mark = mark
	return p.pattern()
}

// star_pattern (memo): '*' pattern_capture_target | '*' wildcard_pattern
func (p *parser) starPattern() Pattern {
	if r, ok := p.memoGet(mStarPattern); ok {
		if r == nil {
			return nil
		}
		return r.(Pattern)
	}
	p.enter()
	defer p.leave()
	start := p.mark
	line, col := p.start()
	var res Pattern
	if p.expect(opStar) != nil {
		if t := p.patternCaptureTarget(); t != "" {
			res = &MatchStar{Pos: p.pos(line, col), Name: t}
		} else if p.wildcardPattern() != nil {
			res = &MatchStar{Pos: p.pos(line, col)}
		}
	}
	if res == nil {
		p.mark = start
	}
	p.memoSet(mStarPattern, start, res)
	if res == nil {
		return nil
	}
	return res
}

// mapping_pattern:
//
//	| '{' '}'
//	| '{' double_star_pattern ','? '}'
//	| '{' items_pattern ',' double_star_pattern ','? '}'
//	| '{' items_pattern ','? '}'
func (p *parser) mappingPattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if p.expect(opLbrace) != nil && p.expect(opRbrace) != nil {
		return &MatchMapping{Pos: p.pos(line, col)}
	}
	p.mark = mark
	if p.expect(opLbrace) != nil {
		if rest := p.doubleStarPattern(); rest != "" {
			p.expect(opComma)
			if p.expect(opRbrace) != nil {
				return &MatchMapping{Pos: p.pos(line, col), Rest: rest}
			}
		}
	}
	p.mark = mark
	if p.expect(opLbrace) != nil {
		if keys, pats, ok := p.itemsPattern(); ok && p.expect(opComma) != nil {
			if rest := p.doubleStarPattern(); rest != "" {
				p.expect(opComma)
				if p.expect(opRbrace) != nil {
					return &MatchMapping{Pos: p.pos(line, col), Keys: keys, Patterns: pats, Rest: rest}
				}
			}
		}
	}
	p.mark = mark
	if p.expect(opLbrace) != nil {
		if keys, pats, ok := p.itemsPattern(); ok {
			p.expect(opComma)
			if p.expect(opRbrace) != nil {
				return &MatchMapping{Pos: p.pos(line, col), Keys: keys, Patterns: pats}
			}
		}
	}
	p.mark = mark
	return nil
}

// items_pattern: ','.key_value_pattern+
func (p *parser) itemsPattern() ([]Expr, []Pattern, bool) {
	p.enter()
	defer p.leave()
	k, v := p.keyValuePattern()
	if k == nil {
		return nil, nil, false
	}
	keys, pats := []Expr{k}, []Pattern{v}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		k, v := p.keyValuePattern()
		if k == nil {
			p.mark = m
			break
		}
		keys, pats = append(keys, k), append(pats, v)
	}
	return keys, pats, true
}

// key_value_pattern: (literal_expr | attr) ':' pattern
func (p *parser) keyValuePattern() (Expr, Pattern) {
	p.enter()
	defer p.leave()
	mark := p.mark
	key := p.literalExpr()
	if key == nil {
		p.mark = mark
		key = p.attr()
	}
	if key != nil && p.expect(opColon) != nil {
		if pat := p.pattern(); pat != nil {
			return key, pat
		}
	}
	p.mark = mark
	return nil, nil
}

// double_star_pattern: '**' pattern_capture_target
func (p *parser) doubleStarPattern() string {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opDStar) != nil {
		if t := p.patternCaptureTarget(); t != "" {
			return t
		}
	}
	p.mark = mark
	return ""
}

// class_pattern:
//
//	| name_or_attr '(' ')'
//	| name_or_attr '(' positional_patterns ','? ')'
//	| name_or_attr '(' keyword_patterns ','? ')'
//	| name_or_attr '(' positional_patterns ',' keyword_patterns ','? ')'
//	| invalid_class_pattern
func (p *parser) classPattern() Pattern {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if cls := p.nameOrAttr(); cls != nil && p.expect(opLpar) != nil && p.expect(opRpar) != nil {
		return &MatchClass{Pos: p.pos(line, col), Cls: cls}
	}
	p.mark = mark
	if cls := p.nameOrAttr(); cls != nil && p.expect(opLpar) != nil {
		if ps := p.positionalPatterns(); ps != nil {
			p.expect(opComma)
			if p.expect(opRpar) != nil {
				return &MatchClass{Pos: p.pos(line, col), Cls: cls, Patterns: ps}
			}
		}
	}
	p.mark = mark
	if cls := p.nameOrAttr(); cls != nil && p.expect(opLpar) != nil {
		if names, pats, ok := p.keywordPatterns(); ok {
			p.expect(opComma)
			if p.expect(opRpar) != nil {
				return &MatchClass{Pos: p.pos(line, col), Cls: cls, KwdAttrs: names, KwdPatterns: pats}
			}
		}
	}
	p.mark = mark
	if cls := p.nameOrAttr(); cls != nil && p.expect(opLpar) != nil {
		if ps := p.positionalPatterns(); ps != nil && p.expect(opComma) != nil {
			if names, pats, ok := p.keywordPatterns(); ok {
				p.expect(opComma)
				if p.expect(opRpar) != nil {
					return &MatchClass{Pos: p.pos(line, col), Cls: cls, Patterns: ps, KwdAttrs: names, KwdPatterns: pats}
				}
			}
		}
	}
	p.mark = mark
	if p.invalid {
		p.invalidClassPattern()
		p.mark = mark
	}
	return nil
}

// positional_patterns: ','.pattern+
func (p *parser) positionalPatterns() []Pattern {
	p.enter()
	defer p.leave()
	a := p.pattern()
	if a == nil {
		return nil
	}
	out := []Pattern{a}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		b := p.pattern()
		if b == nil {
			p.mark = m
			break
		}
		out = append(out, b)
	}
	return out
}

// keyword_patterns: ','.keyword_pattern+
// keyword_pattern: NAME '=' pattern
func (p *parser) keywordPatterns() ([]string, []Pattern, bool) {
	p.enter()
	defer p.leave()
	kw := func() (string, Pattern) {
		m := p.mark
		if n := p.nameTok(); n != nil && p.expect(opEqual) != nil {
			if pat := p.pattern(); pat != nil {
				return p.identifier(n), pat
			}
		}
		p.mark = m
		return "", nil
	}
	n, v := kw()
	if v == nil {
		return nil, nil, false
	}
	names, pats := []string{n}, []Pattern{v}
	for {
		m := p.mark
		if p.expect(opComma) == nil {
			break
		}
		n, v := kw()
		if v == nil {
			p.mark = m
			break
		}
		names, pats = append(names, n), append(pats, v)
	}
	return names, pats, true
}
