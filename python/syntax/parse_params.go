package syntax

// Parameters of def and lambda. The grammar has two copies of these rules
// (params and lambda_params) that differ in annotations, in the token that
// ends the list (')' or ':') and in a few messages; here one copy serves
// both, told apart by lam.

type nameDefault struct {
	arg   *Arg
	value Expr // nil when there is no default
}

type slashWithDefault struct {
	plain    []*Arg
	defaults []nameDefault
}

type starEtc struct {
	vararg *Arg
	kwonly []nameDefault
	kwarg  *Arg
}

// params: invalid_parameters | parameters
func (p *parser) params() *Arguments {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidParameters(false)
		p.mark = mark
	}
	return p.parameters(false)
}

// lambda_params: invalid_lambda_parameters | lambda_parameters
func (p *parser) lambdaParams() *Arguments {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidParameters(true)
		p.mark = mark
	}
	return p.parameters(true)
}

// parameters:
//
//	| slash_no_default param_no_default* param_with_default* [star_etc]
//	| slash_with_default param_with_default* [star_etc]
//	| param_no_default+ param_with_default* [star_etc]
//	| param_with_default+ [star_etc]
//	| star_etc
func (p *parser) parameters(lam bool) *Arguments {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.slashNoDefault(lam); a != nil {
		b := p.paramNoDefaults(lam)
		c := p.paramWithDefaults(lam)
		d := p.starEtcOpt(lam)
		return makeArguments(a, nil, b, c, d)
	}
	p.mark = mark
	if a := p.slashWithDefault(lam); a != nil {
		b := p.paramWithDefaults(lam)
		c := p.starEtcOpt(lam)
		return makeArguments(nil, a, nil, b, c)
	}
	p.mark = mark
	if a := p.paramNoDefaults(lam); a != nil {
		b := p.paramWithDefaults(lam)
		c := p.starEtcOpt(lam)
		return makeArguments(nil, nil, a, b, c)
	}
	p.mark = mark
	if a := p.paramWithDefaults(lam); a != nil {
		b := p.starEtcOpt(lam)
		return makeArguments(nil, nil, nil, a, b)
	}
	p.mark = mark
	if a := p.starEtc(lam); a != nil {
		return makeArguments(nil, nil, nil, nil, a)
	}
	p.mark = mark
	return nil
}

// makeArguments is CPython's _PyPegen_make_arguments.
func makeArguments(slashNoDefault []*Arg, slashWithDefault *slashWithDefault, plain []*Arg, withDefaults []nameDefault, se *starEtc) *Arguments {
	a := &Arguments{}
	if slashNoDefault != nil {
		a.PosOnlyArgs = slashNoDefault
	} else if slashWithDefault != nil {
		a.PosOnlyArgs = append(a.PosOnlyArgs, slashWithDefault.plain...)
		for _, nd := range slashWithDefault.defaults {
			a.PosOnlyArgs = append(a.PosOnlyArgs, nd.arg)
		}
	}
	a.Args = append(a.Args, plain...)
	for _, nd := range withDefaults {
		a.Args = append(a.Args, nd.arg)
	}
	if slashWithDefault != nil {
		for _, nd := range slashWithDefault.defaults {
			a.Defaults = append(a.Defaults, nd.value)
		}
	}
	for _, nd := range withDefaults {
		a.Defaults = append(a.Defaults, nd.value)
	}
	if se != nil {
		a.VarArg = se.vararg
		for _, nd := range se.kwonly {
			a.KwOnlyArgs = append(a.KwOnlyArgs, nd.arg)
			a.KwDefaults = append(a.KwDefaults, nd.value)
		}
		a.KwArg = se.kwarg
	}
	return a
}

// paramEnd is the lookahead that ends a parameter list: ')' for def, ':'
// for lambda.
func (p *parser) paramEnd(lam bool) bool {
	if lam {
		return p.peek(opColon)
	}
	return p.peek(opRpar)
}

// slash_no_default: param_no_default+ '/' ',' | param_no_default+ '/' &')'
func (p *parser) slashNoDefault(lam bool) []*Arg {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.paramNoDefaults(lam); a != nil && p.expect(opSlash) != nil {
		if p.expect(opComma) != nil || p.paramEnd(lam) {
			return a
		}
	}
	p.mark = mark
	return nil
}

// slash_with_default: param_no_default* param_with_default+ '/' (',' | &')')
func (p *parser) slashWithDefault(lam bool) *slashWithDefault {
	p.enter()
	defer p.leave()
	mark := p.mark
	a := p.paramNoDefaults(lam)
	if b := p.paramWithDefaults(lam); b != nil && p.expect(opSlash) != nil {
		if p.expect(opComma) != nil || p.paramEnd(lam) {
			return &slashWithDefault{plain: a, defaults: b}
		}
	}
	p.mark = mark
	return nil
}

func (p *parser) starEtcOpt(lam bool) *starEtc {
	m := p.mark
	if s := p.starEtc(lam); s != nil {
		return s
	}
	p.mark = m
	return nil
}

// star_etc:
//
//	| invalid_star_etc
//	| '*' param_no_default param_maybe_default* [kwds]
//	| '*' param_no_default_star_annotation param_maybe_default* [kwds]   (def only)
//	| '*' ',' param_maybe_default+ [kwds]
//	| kwds
func (p *parser) starEtc(lam bool) *starEtc {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidStarEtc(lam)
		p.mark = mark
	}
	if p.expect(opStar) != nil {
		if a := p.paramNoDefault(lam); a != nil {
			b := p.paramMaybeDefaults(lam)
			c := p.kwdsOpt(lam)
			return &starEtc{vararg: a, kwonly: b, kwarg: c}
		}
	}
	p.mark = mark
	if !lam && p.expect(opStar) != nil {
		if a := p.paramNoDefaultStarAnnotation(); a != nil {
			b := p.paramMaybeDefaults(lam)
			c := p.kwdsOpt(lam)
			return &starEtc{vararg: a, kwonly: b, kwarg: c}
		}
	}
	p.mark = mark
	if p.expect(opStar) != nil && p.expect(opComma) != nil {
		if b := p.paramMaybeDefaults(lam); b != nil {
			c := p.kwdsOpt(lam)
			return &starEtc{kwonly: b, kwarg: c}
		}
	}
	p.mark = mark
	if a := p.kwds(lam); a != nil {
		return &starEtc{kwarg: a}
	}
	p.mark = mark
	return nil
}

func (p *parser) kwdsOpt(lam bool) *Arg {
	m := p.mark
	if k := p.kwds(lam); k != nil {
		return k
	}
	p.mark = m
	return nil
}

// kwds: invalid_kwds | '**' param_no_default
func (p *parser) kwds(lam bool) *Arg {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.invalid {
		p.invalidKwds(lam)
		p.mark = mark
	}
	if p.expect(opDStar) != nil {
		if a := p.paramNoDefault(lam); a != nil {
			return a
		}
	}
	p.mark = mark
	return nil
}

func (p *parser) paramNoDefaults(lam bool) []*Arg {
	var out []*Arg
	for {
		a := p.paramNoDefault(lam)
		if a == nil {
			return out
		}
		out = append(out, a)
	}
}

func (p *parser) paramWithDefaults(lam bool) []nameDefault {
	var out []nameDefault
	for {
		a, ok := p.paramWithDefault(lam)
		if !ok {
			return out
		}
		out = append(out, a)
	}
}

func (p *parser) paramMaybeDefaults(lam bool) []nameDefault {
	var out []nameDefault
	for {
		a, ok := p.paramMaybeDefault(lam)
		if !ok {
			return out
		}
		out = append(out, a)
	}
}

// param_no_default: param ',' | param &')'
func (p *parser) paramNoDefault(lam bool) *Arg {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.param(lam); a != nil {
		if p.expect(opComma) != nil {
			return a
		}
	}
	p.mark = mark
	if a := p.param(lam); a != nil && p.paramEnd(lam) {
		return a
	}
	p.mark = mark
	return nil
}

// param_no_default_star_annotation: param_star_annotation ',' | param_star_annotation &')'
func (p *parser) paramNoDefaultStarAnnotation() *Arg {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.paramStarAnnotation(); a != nil {
		if p.expect(opComma) != nil {
			return a
		}
	}
	p.mark = mark
	if a := p.paramStarAnnotation(); a != nil && p.peek(opRpar) {
		return a
	}
	p.mark = mark
	return nil
}

// param_with_default: param default ',' | param default &')'
func (p *parser) paramWithDefault(lam bool) (nameDefault, bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.param(lam); a != nil {
		if d := p.defaultValue(); d != nil && p.expect(opComma) != nil {
			return nameDefault{a, d}, true
		}
	}
	p.mark = mark
	if a := p.param(lam); a != nil {
		if d := p.defaultValue(); d != nil && p.paramEnd(lam) {
			return nameDefault{a, d}, true
		}
	}
	p.mark = mark
	return nameDefault{}, false
}

// param_maybe_default: param default? ',' | param default? &')'
func (p *parser) paramMaybeDefault(lam bool) (nameDefault, bool) {
	p.enter()
	defer p.leave()
	mark := p.mark
	if a := p.param(lam); a != nil {
		m := p.mark
		d := p.defaultValue()
		if d == nil {
			p.mark = m
		}
		if p.expect(opComma) != nil {
			return nameDefault{a, d}, true
		}
	}
	p.mark = mark
	if a := p.param(lam); a != nil {
		m := p.mark
		d := p.defaultValue()
		if d == nil {
			p.mark = m
		}
		if p.paramEnd(lam) {
			return nameDefault{a, d}, true
		}
	}
	p.mark = mark
	return nameDefault{}, false
}

// param: NAME annotation?  (lambda_param: NAME)
func (p *parser) param(lam bool) *Arg {
	p.enter()
	defer p.leave()
	line, col := p.start()
	n := p.nameTok()
	if n == nil {
		return nil
	}
	var ann Expr
	if !lam {
		m := p.mark
		if p.expect(opColon) != nil {
			if ann = p.expression(); ann == nil {
				p.mark = m
			}
		}
	}
	return &Arg{Pos: p.pos(line, col), Arg: p.identifier(n), Annotation: ann}
}

// param_star_annotation: NAME star_annotation
// star_annotation: ':' star_expression
func (p *parser) paramStarAnnotation() *Arg {
	p.enter()
	defer p.leave()
	mark := p.mark
	line, col := p.start()
	if n := p.nameTok(); n != nil && p.expect(opColon) != nil {
		if ann := p.starExpression(); ann != nil {
			return &Arg{Pos: p.pos(line, col), Arg: p.identifier(n), Annotation: ann}
		}
	}
	p.mark = mark
	return nil
}

// default: '=' expression | invalid_default
func (p *parser) defaultValue() Expr {
	p.enter()
	defer p.leave()
	mark := p.mark
	if p.expect(opEqual) != nil {
		if e := p.expression(); e != nil {
			return e
		}
	}
	p.mark = mark
	if p.invalid {
		// invalid_default: '=' &(')'|',')
		if a := p.expect(opEqual); a != nil && (p.peek(opRpar) || p.peek(opComma)) {
			p.raiseAt(tokPos(a), "expected default value expression")
		}
		p.mark = mark
	}
	return nil
}
