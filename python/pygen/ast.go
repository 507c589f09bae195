package pygen

import (
	"strings"
)

// typ is the static type of a generated expression or variable.
type typ uint8

const (
	tInt typ = iota
	tFloat
	tStr
	tBool
	tNone
	tList  // a list of ints
	tTuple // a tuple of anything
	tDict  // a dict from strs to ints
	tAny   // anything: only printed, compared for equality, tested
	numTypes
)

var typNames = [...]string{"int", "float", "str", "bool", "NoneType", "list", "tuple", "dict", "any"}

func (t typ) String() string { return typNames[t] }

// kind is what an expression node is.
type kind uint8

const (
	kLit      kind = iota // text is the literal's source
	kName                 // text is the name
	kUnary                // text is "-", "+", "~" or "not"
	kBin                  // text is the operator; kids are the operands
	kCmp                  // kids are the operands, cmpOps the operators
	kBool                 // text is "and" or "or"; kids are the operands
	kIfExp                // kids: body, condition, else
	kCall                 // text is the callee; kids the arguments, the last len(kw) by keyword
	kMethod               // kids[0] is the receiver, text the method; kids[1:] the arguments
	kIndex                // kids: base, index
	kSlice                // kids: base, lower, upper, step (each may be nil)
	kList                 // kids are the items
	kTuple                // kids are the items
	kDict                 // kids are key, value, key, value, ...
	kFString              // parts
	kPercent              // kids: format string literal, argument tuple or value
	kLambda               // params; kids[0] is the body
	kListComp             // kids: element, iterable, condition (may be nil); params[0] the variable
)

// expr is an expression node.
type expr struct {
	kind   kind
	typ    typ
	text   string
	kids   []*expr
	kw     []string // kCall: keyword names of the last len(kw) arguments
	cmpOps []string // kCmp
	params []string // kLambda, kListComp
	parts  []fpart  // kFString
	// lit is the abstract value of a literal; fn the function a kCall
	// calls, when it is a generated one.
	lit av
	fn  *funcDef
}

// fpart is a piece of an f-string: literal text, or a replacement field.
type fpart struct {
	text string // literal text (unescaped), when e is nil
	e    *expr
	conv string // "", "r", "s" or "a"
	spec string // the format spec, "" for none
}

// skind is what a statement node is.
type skind uint8

const (
	sAssign skind = iota // targets = value (several targets: a chain)
	sAug                 // targets[0] op= value
	sExpr                // value
	sIf                  // if cond: body, elif (orelse is one sIf with elif set), else: orelse
	sFor                 // for target in iter: body
	sWhile               // hidden counter: counter = 0; while counter < limit: counter += 1; body
	sBreak
	sContinue
	sTry // try: body; except (excs) as err: handler; else: orelse; finally: final
	sDef // fn
	sReturn
	sPass
	sDel // targets
	sAssert
	sGlobal // names
)

// stmt is a statement node.
type stmt struct {
	kind    skind
	targets []*expr
	value   *expr
	op      string // sAug: the operator, e.g. "+="
	cond    *expr
	body    []*stmt
	orelse  []*stmt
	elif    bool // sIf: printed as elif of the enclosing if
	handler []*stmt
	final   []*stmt
	excs    []string
	counter string // sWhile
	limit   int    // sWhile
	fn      *funcDef
	names   []string // sGlobal
	// pruned marks a statement the bounds analysis replaced by pass.
	pruned bool
}

// funcDef is a generated function: a def, or a lambda bound to a name.
type funcDef struct {
	name     string
	params   []param
	ret      typ
	body     []*stmt // a def's body (ends with a return)
	lambda   *expr   // a lambda's body
	isLambda bool
}

// param is a function's parameter.
type param struct {
	name string
	typ  typ
	def  *expr // default value, or nil
}

// Precedences, lowest first, as in the Python grammar.
const (
	pLambda = iota
	pIfExp
	pOr
	pAnd
	pNot
	pCmp
	pBitOr
	pBitXor
	pBitAnd
	pShift
	pArith
	pTerm
	pUnary
	pPower
	pPrimary
	pAtom
)

var binPrec = map[string]int{
	"|": pBitOr, "^": pBitXor, "&": pBitAnd, "<<": pShift, ">>": pShift,
	"+": pArith, "-": pArith, "*": pTerm, "/": pTerm, "//": pTerm, "%": pTerm, "@": pTerm,
	"**": pPower,
}

func (e *expr) prec() int {
	switch e.kind {
	case kLambda:
		return pLambda
	case kIfExp:
		return pIfExp
	case kBool:
		if e.text == "or" {
			return pOr
		}
		return pAnd
	case kUnary:
		if e.text == "not" {
			return pNot
		}
		return pUnary
	case kCmp:
		return pCmp
	case kBin:
		return binPrec[e.text]
	case kPercent:
		return pTerm
	case kCall, kMethod, kIndex, kSlice:
		return pPrimary
	}
	return pAtom
}

// printer writes source text.
type printer struct {
	b      strings.Builder
	indent int
	// quote is the quote character of the f-string being printed inside,
	// 0 outside one: string literals inside it use the other quote.
	quote byte
}

func (p *printer) line(s string) {
	p.b.WriteString(strings.Repeat("    ", p.indent))
	p.b.WriteString(s)
	p.b.WriteByte('\n')
}

// pyStr is s as a Python string literal in quote q.
func pyStr(s string, q byte) string {
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// expr prints e so that it parses as an operand of precedence at least min.
func (p *printer) expr(e *expr, min int) string {
	s := p.exprText(e)
	if e.prec() < min {
		return "(" + s + ")"
	}
	return s
}

func (p *printer) args(es []*expr, kw []string) string {
	var parts []string
	npos := len(es) - len(kw)
	for i, a := range es {
		s := p.expr(a, pIfExp)
		if a.kind == kLambda {
			s = p.exprText(a)
		}
		if i >= npos {
			s = kw[i-npos] + "=" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func (p *printer) exprText(e *expr) string {
	switch e.kind {
	case kLit:
		if p.quote != 0 && e.typ == tStr {
			// Inside an f-string: the other quote (valid before 3.12 too).
			return pyStr(e.lit.str, '\'')
		}
		return e.text
	case kName:
		return e.text
	case kUnary:
		if e.text == "not" {
			return "not " + p.expr(e.kids[0], pNot)
		}
		return e.text + p.expr(e.kids[0], pUnary)
	case kBin:
		pr := binPrec[e.text]
		if e.text == "**" {
			// Right-associative, and binds tighter than a unary operator
			// on its left: (-2) ** 2, 2 ** -1.
			return p.expr(e.kids[0], pPrimary) + " ** " + p.expr(e.kids[1], pUnary)
		}
		return p.expr(e.kids[0], pr) + " " + e.text + " " + p.expr(e.kids[1], pr+1)
	case kCmp:
		s := p.expr(e.kids[0], pCmp+1)
		for i, op := range e.cmpOps {
			s += " " + op + " " + p.expr(e.kids[i+1], pCmp+1)
		}
		return s
	case kBool:
		pr := e.prec()
		var parts []string
		for _, k := range e.kids {
			parts = append(parts, p.expr(k, pr+1))
		}
		return strings.Join(parts, " "+e.text+" ")
	case kIfExp:
		return p.expr(e.kids[0], pOr) + " if " + p.expr(e.kids[1], pOr) + " else " + p.expr(e.kids[2], pIfExp)
	case kCall:
		return e.text + "(" + p.args(e.kids, e.kw) + ")"
	case kMethod:
		recv := p.expr(e.kids[0], pPrimary)
		if e.kids[0].kind == kLit && (e.kids[0].typ == tInt || e.kids[0].typ == tFloat) {
			recv = "(" + recv + ")"
		}
		return recv + "." + e.text + "(" + p.args(e.kids[1:], nil) + ")"
	case kIndex:
		return p.expr(e.kids[0], pPrimary) + "[" + p.expr(e.kids[1], pIfExp) + "]"
	case kSlice:
		s := p.expr(e.kids[0], pPrimary) + "["
		part := func(k *expr) string {
			if k == nil {
				return ""
			}
			return p.expr(k, pIfExp)
		}
		s += part(e.kids[1]) + ":" + part(e.kids[2])
		if e.kids[3] != nil {
			s += ":" + part(e.kids[3])
		}
		return s + "]"
	case kList:
		return "[" + p.args(e.kids, nil) + "]"
	case kTuple:
		if len(e.kids) == 1 {
			return "(" + p.expr(e.kids[0], pIfExp) + ",)"
		}
		return "(" + p.args(e.kids, nil) + ")"
	case kDict:
		var parts []string
		for i := 0; i < len(e.kids); i += 2 {
			parts = append(parts, p.expr(e.kids[i], pIfExp)+": "+p.expr(e.kids[i+1], pIfExp))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case kFString:
		return p.fstring(e)
	case kPercent:
		return p.expr(e.kids[0], pTerm) + " % " + p.expr(e.kids[1], pTerm+1)
	case kLambda:
		return "lambda " + strings.Join(e.params, ", ") + ": " + p.expr(e.kids[0], pIfExp)
	case kListComp:
		s := "[" + p.expr(e.kids[0], pIfExp) + " for " + e.params[0] + " in " + p.expr(e.kids[1], pOr)
		if e.kids[2] != nil {
			s += " if " + p.expr(e.kids[2], pOr)
		}
		return s + "]"
	}
	panic("pygen: unknown expression kind")
}

func (p *printer) fstring(e *expr) string {
	saved := p.quote
	p.quote = '"'
	defer func() { p.quote = saved }()
	var b strings.Builder
	b.WriteString(`f"`)
	for _, part := range e.parts {
		if part.e == nil {
			t := strings.NewReplacer("{", "{{", "}", "}}", `\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`).Replace(part.text)
			b.WriteString(t)
			continue
		}
		s := p.expr(part.e, pIfExp)
		if part.e.kind == kLambda || part.e.kind == kIfExp || part.e.kind == kDict || strings.HasPrefix(s, "{") {
			s = "(" + p.exprText(part.e) + ")"
		}
		b.WriteString("{" + s)
		if part.conv != "" {
			b.WriteString("!" + part.conv)
		}
		if part.spec != "" {
			b.WriteString(":" + part.spec)
		}
		b.WriteString("}")
	}
	b.WriteString(`"`)
	return b.String()
}

func (p *printer) block(body []*stmt) {
	p.indent++
	if len(body) == 0 {
		p.line("pass")
	}
	for _, s := range body {
		p.stmt(s)
	}
	p.indent--
}

func (p *printer) stmt(s *stmt) {
	if s.pruned {
		p.line("pass")
		return
	}
	switch s.kind {
	case sAssign:
		var parts []string
		for _, t := range s.targets {
			parts = append(parts, p.target(t))
		}
		p.line(strings.Join(parts, " = ") + " = " + p.rhs(s.value))
	case sAug:
		p.line(p.target(s.targets[0]) + " " + s.op + " " + p.expr(s.value, pIfExp))
	case sExpr:
		p.line(p.exprText(s.value))
	case sIf:
		kw := "if "
		if s.elif {
			kw = "elif "
		}
		p.line(kw + p.expr(s.cond, pIfExp) + ":")
		p.block(s.body)
		switch {
		case len(s.orelse) == 1 && s.orelse[0].kind == sIf && s.orelse[0].elif && !s.orelse[0].pruned:
			p.stmt(s.orelse[0])
		case len(s.orelse) > 0:
			p.line("else:")
			p.block(s.orelse)
		}
	case sFor:
		p.line("for " + p.target(s.targets[0]) + " in " + p.expr(s.value, pIfExp) + ":")
		p.block(s.body)
		if len(s.orelse) > 0 {
			p.line("else:")
			p.block(s.orelse)
		}
	case sWhile:
		p.line(s.counter + " = 0")
		p.line("while " + s.counter + " < " + itoa(s.limit) + ":")
		p.indent++
		p.line(s.counter + " += 1")
		p.indent--
		p.block(s.body)
	case sBreak:
		p.line("break")
	case sContinue:
		p.line("continue")
	case sTry:
		p.line("try:")
		p.block(s.body)
		if len(s.excs) > 0 {
			exc := s.excs[0]
			if len(s.excs) > 1 {
				exc = "(" + strings.Join(s.excs, ", ") + ")"
			}
			p.line("except " + exc + " as err:")
			p.block(s.handler)
		}
		if len(s.orelse) > 0 {
			p.line("else:")
			p.block(s.orelse)
		}
		if len(s.final) > 0 || len(s.excs) == 0 {
			p.line("finally:")
			p.block(s.final)
		}
	case sDef:
		f := s.fn
		var ps []string
		for _, pa := range f.params {
			if pa.def != nil {
				ps = append(ps, pa.name+"="+p.expr(pa.def, pIfExp))
			} else {
				ps = append(ps, pa.name)
			}
		}
		if f.isLambda {
			head := "lambda"
			if len(ps) > 0 {
				head += " " + strings.Join(ps, ", ")
			}
			p.line(f.name + " = " + head + ": " + p.expr(f.lambda, pIfExp))
			return
		}
		p.line("def " + f.name + "(" + strings.Join(ps, ", ") + "):")
		p.block(f.body)
	case sReturn:
		p.line("return " + p.rhs(s.value))
	case sPass:
		p.line("pass")
	case sDel:
		var parts []string
		for _, t := range s.targets {
			parts = append(parts, p.target(t))
		}
		p.line("del " + strings.Join(parts, ", "))
	case sAssert:
		p.line("assert " + p.expr(s.cond, pIfExp) + ", " + p.expr(s.value, pIfExp))
	case sGlobal:
		p.line("global " + strings.Join(s.names, ", "))
	}
}

// rhs prints an assignment's or return's value: a bare tuple prints
// without parentheses, as people write `a, b = 1, 2`.
func (p *printer) rhs(e *expr) string {
	if e.kind == kTuple && len(e.kids) > 1 {
		return p.args(e.kids, nil)
	}
	return p.expr(e, pIfExp)
}

// target prints an assignment target: a name, subscript, slice, or a
// tuple of names (printed bare).
func (p *printer) target(e *expr) string {
	if e.kind == kTuple {
		var parts []string
		for _, k := range e.kids {
			parts = append(parts, p.target(k))
		}
		return strings.Join(parts, ", ")
	}
	return p.exprText(e)
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
