package syntax

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Dump returns the tree under n in the format of CPython 3.12's
// ast.dump(node, include_attributes=True, indent=indent), so that it can be
// compared with CPython's own output. A negative indent gives the
// one-line form (CPython's indent=None).
func Dump(n Node, indent int) string {
	d := dumper{indent: indent}
	d.write(n, 0)
	return d.b.String()
}

// dumper writes as ast.dump's _format does, straight into one buffer (a
// deep tree would make building each node's text from its children's
// quadratic).
type dumper struct {
	indent int
	b      strings.Builder
}

// field is one name=value of a node; omit says CPython leaves it out (an
// optional field whose value is None).
type field struct {
	name  string
	value any
	omit  bool
}

// simple says what _format says of a value: scalars, empty lists and
// nodes with nothing to print are simple.
func simple(v any) bool {
	switch x := v.(type) {
	case Node:
		if isNilNode(x) {
			return true
		}
		_, fields, pos := nodeFields(x)
		if pos != nil {
			return false
		}
		for _, f := range fields {
			if !f.omit {
				return false
			}
		}
		return true
	case list:
		return len(x) == 0
	}
	return true
}

func (d *dumper) write(v any, level int) {
	prefix, sep := "", ", "
	if d.indent >= 0 {
		level++
		pad := strings.Repeat(" ", d.indent*level)
		prefix = "\n" + pad
		sep = ",\n" + pad
	}
	switch x := v.(type) {
	case Node:
		if isNilNode(x) {
			d.b.WriteString("None")
			return
		}
		name, fields, pos := nodeFields(x)
		var shown []field
		allSimple := true
		for _, f := range fields {
			if !f.omit {
				shown = append(shown, f)
				allSimple = allSimple && simple(f.value)
			}
		}
		if pos != nil {
			shown = append(shown, field{name: "lineno", value: pos.Lineno}, field{name: "col_offset", value: pos.ColOffset},
				field{name: "end_lineno", value: pos.EndLineno}, field{name: "end_col_offset", value: pos.EndColOffset})
		}
		d.b.WriteString(name)
		d.b.WriteByte('(')
		oneLine := allSimple && len(shown) <= 3
		if !oneLine {
			d.b.WriteString(prefix)
		}
		for i, f := range shown {
			if i > 0 {
				if oneLine {
					d.b.WriteString(", ")
				} else {
					d.b.WriteString(sep)
				}
			}
			d.b.WriteString(f.name)
			d.b.WriteByte('=')
			d.write(f.value, level)
		}
		d.b.WriteByte(')')
	case list:
		if len(x) == 0 {
			d.b.WriteString("[]")
			return
		}
		d.b.WriteByte('[')
		d.b.WriteString(prefix)
		for i, e := range x {
			if i > 0 {
				d.b.WriteString(sep)
			}
			d.write(e, level)
		}
		d.b.WriteByte(']')
	case ctxName:
		d.b.WriteString(string(x))
		d.b.WriteString("()")
	default:
		d.b.WriteString(pyRepr(v))
	}
}

// list is a sequence field's value.
type list []any

// ctxName is an enum value (expr_context, operators), printed as "Load()".
type ctxName string

func isNilNode(n Node) bool {
	switch x := n.(type) {
	case *Arg:
		return x == nil
	case *Arguments:
		return x == nil
	case *JoinedStr:
		return x == nil
	}
	return n == nil
}

func exprs(es []Expr) list {
	out := make(list, len(es))
	for i, e := range es {
		if e == nil {
			out[i] = nil
		} else {
			out[i] = e
		}
	}
	return out
}

func stmts(ss []Stmt) list {
	out := make(list, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func patterns(ps []Pattern) list {
	out := make(list, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

func typeParams(ts []TypeParam) list {
	out := make(list, len(ts))
	for i, t := range ts {
		out[i] = t
	}
	return out
}

func strs(ss []string) list {
	out := make(list, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func args(as []*Arg) list {
	out := make(list, len(as))
	for i, a := range as {
		out[i] = a
	}
	return out
}

func opt(name string, e Expr) field  { return field{name, e, e == nil} }
func optS(name, s string) field      { return field{name, s, s == ""} }
func req(name string, v any) field   { return field{name: name, value: v} }
func reqE(name string, e Expr) field { return field{name: name, value: nodeOrNil(e)} }
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nodeOrNil(e Expr) any {
	if e == nil {
		return nil
	}
	return e
}

func argOpt(name string, a *Arg) field {
	if a == nil {
		return field{name, nil, true}
	}
	return field{name: name, value: a}
}

// nodeFields returns a node's CPython class name, its fields in ASDL
// order, and its span (nil for the nodes without one).
func nodeFields(n Node) (string, []field, *Pos) {
	switch x := n.(type) {
	case *Module:
		return "Module", []field{req("body", stmts(x.Body)), req("type_ignores", list{})}, nil
	case *FunctionDef:
		return "FunctionDef", []field{req("name", x.Name), req("args", x.Args), req("body", stmts(x.Body)),
			req("decorator_list", exprs(x.DecoratorList)), opt("returns", x.Returns), req("type_params", typeParams(x.TypeParams))}, &x.Pos
	case *AsyncFunctionDef:
		return "AsyncFunctionDef", []field{req("name", x.Name), req("args", x.Args), req("body", stmts(x.Body)),
			req("decorator_list", exprs(x.DecoratorList)), opt("returns", x.Returns), req("type_params", typeParams(x.TypeParams))}, &x.Pos
	case *ClassDef:
		kws := make(list, len(x.Keywords))
		for i, k := range x.Keywords {
			kws[i] = k
		}
		return "ClassDef", []field{req("name", x.Name), req("bases", exprs(x.Bases)), req("keywords", kws),
			req("body", stmts(x.Body)), req("decorator_list", exprs(x.DecoratorList)), req("type_params", typeParams(x.TypeParams))}, &x.Pos
	case *Return:
		return "Return", []field{opt("value", x.Value)}, &x.Pos
	case *Delete:
		return "Delete", []field{req("targets", exprs(x.Targets))}, &x.Pos
	case *Assign:
		return "Assign", []field{req("targets", exprs(x.Targets)), reqE("value", x.Value)}, &x.Pos
	case *TypeAlias:
		return "TypeAlias", []field{reqE("name", x.Name), req("type_params", typeParams(x.TypeParams)), reqE("value", x.Value)}, &x.Pos
	case *AugAssign:
		return "AugAssign", []field{reqE("target", x.Target), req("op", ctxName(x.Op.String())), reqE("value", x.Value)}, &x.Pos
	case *AnnAssign:
		return "AnnAssign", []field{reqE("target", x.Target), reqE("annotation", x.Annotation), opt("value", x.Value),
			req("simple", b2i(x.Simple))}, &x.Pos
	case *For:
		return "For", []field{reqE("target", x.Target), reqE("iter", x.Iter), req("body", stmts(x.Body)), req("orelse", stmts(x.Orelse))}, &x.Pos
	case *AsyncFor:
		return "AsyncFor", []field{reqE("target", x.Target), reqE("iter", x.Iter), req("body", stmts(x.Body)), req("orelse", stmts(x.Orelse))}, &x.Pos
	case *While:
		return "While", []field{reqE("test", x.Test), req("body", stmts(x.Body)), req("orelse", stmts(x.Orelse))}, &x.Pos
	case *If:
		return "If", []field{reqE("test", x.Test), req("body", stmts(x.Body)), req("orelse", stmts(x.Orelse))}, &x.Pos
	case *With:
		items := make(list, len(x.Items))
		for i, w := range x.Items {
			items[i] = w
		}
		return "With", []field{req("items", items), req("body", stmts(x.Body))}, &x.Pos
	case *AsyncWith:
		items := make(list, len(x.Items))
		for i, w := range x.Items {
			items[i] = w
		}
		return "AsyncWith", []field{req("items", items), req("body", stmts(x.Body))}, &x.Pos
	case *Match:
		cases := make(list, len(x.Cases))
		for i, c := range x.Cases {
			cases[i] = c
		}
		return "Match", []field{reqE("subject", x.Subject), req("cases", cases)}, &x.Pos
	case *Raise:
		return "Raise", []field{opt("exc", x.Exc), opt("cause", x.Cause)}, &x.Pos
	case *Try, *TryStar:
		name := "Try"
		t, ok := x.(*Try)
		if !ok {
			ts := x.(*TryStar)
			t = &Try{Pos: ts.Pos, Body: ts.Body, Handlers: ts.Handlers, Orelse: ts.Orelse, Finalbody: ts.Finalbody}
			name = "TryStar"
		}
		hs := make(list, len(t.Handlers))
		for i, h := range t.Handlers {
			hs[i] = h
		}
		return name, []field{req("body", stmts(t.Body)), req("handlers", hs), req("orelse", stmts(t.Orelse)),
			req("finalbody", stmts(t.Finalbody))}, &t.Pos
	case *Assert:
		return "Assert", []field{reqE("test", x.Test), opt("msg", x.Msg)}, &x.Pos
	case *Import:
		names := make(list, len(x.Names))
		for i, a := range x.Names {
			names[i] = a
		}
		return "Import", []field{req("names", names)}, &x.Pos
	case *ImportFrom:
		names := make(list, len(x.Names))
		for i, a := range x.Names {
			names[i] = a
		}
		return "ImportFrom", []field{optS("module", x.Module), req("names", names), req("level", x.Level)}, &x.Pos
	case *Global:
		return "Global", []field{req("names", strs(x.Names))}, &x.Pos
	case *Nonlocal:
		return "Nonlocal", []field{req("names", strs(x.Names))}, &x.Pos
	case *ExprStmt:
		return "Expr", []field{reqE("value", x.Value)}, &x.Pos
	case *Pass:
		return "Pass", nil, &x.Pos
	case *Break:
		return "Break", nil, &x.Pos
	case *Continue:
		return "Continue", nil, &x.Pos

	case *BoolOp:
		return "BoolOp", []field{req("op", ctxName(x.Op.String())), req("values", exprs(x.Values))}, &x.Pos
	case *NamedExpr:
		return "NamedExpr", []field{reqE("target", x.Target), reqE("value", x.Value)}, &x.Pos
	case *BinOp:
		return "BinOp", []field{reqE("left", x.Left), req("op", ctxName(x.Op.String())), reqE("right", x.Right)}, &x.Pos
	case *UnaryOp:
		return "UnaryOp", []field{req("op", ctxName(x.Op.String())), reqE("operand", x.Operand)}, &x.Pos
	case *Lambda:
		return "Lambda", []field{req("args", x.Args), reqE("body", x.Body)}, &x.Pos
	case *IfExp:
		return "IfExp", []field{reqE("test", x.Test), reqE("body", x.Body), reqE("orelse", x.Orelse)}, &x.Pos
	case *Dict:
		return "Dict", []field{req("keys", exprs(x.Keys)), req("values", exprs(x.Values))}, &x.Pos
	case *Set:
		return "Set", []field{req("elts", exprs(x.Elts))}, &x.Pos
	case *ListComp:
		return "ListComp", []field{reqE("elt", x.Elt), req("generators", comps(x.Generators))}, &x.Pos
	case *SetComp:
		return "SetComp", []field{reqE("elt", x.Elt), req("generators", comps(x.Generators))}, &x.Pos
	case *DictComp:
		return "DictComp", []field{reqE("key", x.Key), reqE("value", x.Value), req("generators", comps(x.Generators))}, &x.Pos
	case *GeneratorExp:
		return "GeneratorExp", []field{reqE("elt", x.Elt), req("generators", comps(x.Generators))}, &x.Pos
	case *Await:
		return "Await", []field{reqE("value", x.Value)}, &x.Pos
	case *Yield:
		return "Yield", []field{opt("value", x.Value)}, &x.Pos
	case *YieldFrom:
		return "YieldFrom", []field{reqE("value", x.Value)}, &x.Pos
	case *Compare:
		ops := make(list, len(x.Ops))
		for i, o := range x.Ops {
			ops[i] = ctxName(o.String())
		}
		return "Compare", []field{reqE("left", x.Left), req("ops", ops), req("comparators", exprs(x.Comparators))}, &x.Pos
	case *Call:
		kws := make(list, len(x.Keywords))
		for i, k := range x.Keywords {
			kws[i] = k
		}
		return "Call", []field{reqE("func", x.Func), req("args", exprs(x.Args)), req("keywords", kws)}, &x.Pos
	case *FormattedValue:
		return "FormattedValue", []field{reqE("value", x.Value), req("conversion", x.Conversion), opt("format_spec", x.FormatSpec)}, &x.Pos
	case *JoinedStr:
		return "JoinedStr", []field{req("values", exprs(x.Values))}, &x.Pos
	case *Constant:
		return "Constant", []field{req("value", constValue{x.Value}), optS("kind", x.Kind)}, &x.Pos
	case *Attribute:
		return "Attribute", []field{reqE("value", x.Value), req("attr", x.Attr), req("ctx", ctxName(x.Ctx.String()))}, &x.Pos
	case *Subscript:
		return "Subscript", []field{reqE("value", x.Value), reqE("slice", x.Slice), req("ctx", ctxName(x.Ctx.String()))}, &x.Pos
	case *Starred:
		return "Starred", []field{reqE("value", x.Value), req("ctx", ctxName(x.Ctx.String()))}, &x.Pos
	case *Name:
		return "Name", []field{req("id", x.Id), req("ctx", ctxName(x.Ctx.String()))}, &x.Pos
	case *List:
		return "List", []field{req("elts", exprs(x.Elts)), req("ctx", ctxName(x.Ctx.String()))}, &x.Pos
	case *Tuple:
		return "Tuple", []field{req("elts", exprs(x.Elts)), req("ctx", ctxName(x.Ctx.String()))}, &x.Pos
	case *Slice:
		return "Slice", []field{opt("lower", x.Lower), opt("upper", x.Upper), opt("step", x.Step)}, &x.Pos

	case *Comprehension:
		return "comprehension", []field{reqE("target", x.Target), reqE("iter", x.Iter), req("ifs", exprs(x.Ifs)),
			req("is_async", b2i(x.IsAsync))}, nil
	case *ExceptHandler:
		return "ExceptHandler", []field{opt("type", x.Type), optS("name", x.Name), req("body", stmts(x.Body))}, &x.Pos
	case *Arguments:
		return "arguments", []field{req("posonlyargs", args(x.PosOnlyArgs)), req("args", args(x.Args)),
			argOpt("vararg", x.VarArg), req("kwonlyargs", args(x.KwOnlyArgs)), req("kw_defaults", exprs(x.KwDefaults)),
			argOpt("kwarg", x.KwArg), req("defaults", exprs(x.Defaults))}, nil
	case *Arg:
		return "arg", []field{req("arg", x.Arg), opt("annotation", x.Annotation)}, &x.Pos
	case *Keyword:
		return "keyword", []field{optS("arg", x.Arg), reqE("value", x.Value)}, &x.Pos
	case *Alias:
		return "alias", []field{req("name", x.Name), optS("asname", x.Asname)}, &x.Pos
	case *WithItem:
		return "withitem", []field{reqE("context_expr", x.ContextExpr), opt("optional_vars", x.OptionalVars)}, nil
	case *MatchCase:
		f := field{"guard", nodeOrNil(x.Guard), x.Guard == nil}
		return "match_case", []field{req("pattern", x.Pattern), f, req("body", stmts(x.Body))}, nil

	case *MatchValue:
		return "MatchValue", []field{reqE("value", x.Value)}, &x.Pos
	case *MatchSingleton:
		return "MatchSingleton", []field{req("value", constValue{x.Value})}, &x.Pos
	case *MatchSequence:
		return "MatchSequence", []field{req("patterns", patterns(x.Patterns))}, &x.Pos
	case *MatchMapping:
		return "MatchMapping", []field{req("keys", exprs(x.Keys)), req("patterns", patterns(x.Patterns)), optS("rest", x.Rest)}, &x.Pos
	case *MatchClass:
		return "MatchClass", []field{reqE("cls", x.Cls), req("patterns", patterns(x.Patterns)), req("kwd_attrs", strs(x.KwdAttrs)),
			req("kwd_patterns", patterns(x.KwdPatterns))}, &x.Pos
	case *MatchStar:
		return "MatchStar", []field{optS("name", x.Name)}, &x.Pos
	case *MatchAs:
		f := field{"pattern", x.Pattern, x.Pattern == nil}
		if x.Pattern == nil {
			f.value = nil
		}
		return "MatchAs", []field{f, optS("name", x.Name)}, &x.Pos
	case *MatchOr:
		return "MatchOr", []field{req("patterns", patterns(x.Patterns))}, &x.Pos

	case *TypeVar:
		return "TypeVar", []field{req("name", x.Name), opt("bound", x.Bound)}, &x.Pos
	case *ParamSpec:
		return "ParamSpec", []field{req("name", x.Name)}, &x.Pos
	case *TypeVarTuple:
		return "TypeVarTuple", []field{req("name", x.Name)}, &x.Pos
	}
	return "?", nil, nil
}

func comps(cs []*Comprehension) list {
	out := make(list, len(cs))
	for i, c := range cs {
		out[i] = c
	}
	return out
}

// constValue wraps a Constant's value for printing with Python's repr.
type constValue struct{ v any }

// pyRepr returns Python's repr of a dumped value.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case constValue:
		return pyRepr(x.v)
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case *big.Int:
		return x.String()
	case float64:
		return floatRepr(x, true)
	case complex128:
		return complexRepr(x)
	case string:
		return strRepr(x)
	case []byte:
		return bytesRepr(x)
	case EllipsisType:
		return "Ellipsis"
	}
	return "?"
}

// floatRepr formats f as Python's repr(float) does: the shortest digits
// that read back as f, in fixed notation for exponents from -4 to 15 (with
// ".0" for whole numbers when addDot0), else in exponent notation
// ("1e+16").
func floatRepr(f float64, addDot0 bool) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±xx
	neg := false
	if e[0] == '-' {
		neg = true
		e = e[1:]
	}
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1
	var s string
	if decpt <= -4 || decpt > 16 {
		s = digits[:1]
		if len(digits) > 1 {
			s += "." + digits[1:]
		}
		x := decpt - 1
		sign := "+"
		if x < 0 {
			sign = "-"
			x = -x
		}
		xs := strconv.Itoa(x)
		if len(xs) < 2 {
			xs = "0" + xs
		}
		s += "e" + sign + xs
	} else {
		switch {
		case decpt <= 0:
			s = "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			s = digits + strings.Repeat("0", decpt-len(digits))
			if addDot0 {
				s += ".0"
			}
		default:
			s = digits[:decpt] + "." + digits[decpt:]
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

func complexRepr(c complex128) string {
	re, im := real(c), imag(c)
	if re == 0 && !math.Signbit(re) {
		return floatRepr(im, false) + "j"
	}
	res := floatRepr(re, false)
	ims := floatRepr(im, false)
	if !strings.HasPrefix(ims, "-") {
		ims = "+" + ims
	}
	return "(" + res + ims + "j)"
}

// strRepr formats s as Python's repr(str) does. s is generalized UTF-8
// (lone surrogates allowed, as in Constant.Value).
func strRepr(s string) string {
	b := []byte(s)
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var out strings.Builder
	out.WriteByte(quote)
	for i := 0; i < len(b); {
		r, size := decodeRune(b[i:])
		if r == 0xFFFD && size == 1 {
			r = rune(b[i])
		}
		i += size
		switch {
		case r == rune(quote) || r == '\\':
			out.WriteByte('\\')
			out.WriteRune(r)
		case r == '\t':
			out.WriteString("\\t")
		case r == '\n':
			out.WriteString("\\n")
		case r == '\r':
			out.WriteString("\\r")
		case r < 0x20 || r == 0x7f:
			out.WriteString("\\x" + hex2(byte(r)))
		case r < 0x7f:
			out.WriteByte(byte(r))
		case isPrintable(r) && !(r >= 0xD800 && r <= 0xDFFF):
			out.WriteRune(r)
		case r < 0x100:
			out.WriteString("\\x" + hex2(byte(r)))
		case r < 0x10000:
			out.WriteString("\\u" + strings.ToLower(hex4(r)))
		default:
			h := strconv.FormatInt(int64(r), 16)
			out.WriteString("\\U" + strings.Repeat("0", 8-len(h)) + h)
		}
	}
	out.WriteByte(quote)
	return out.String()
}

// bytesRepr formats b as Python's repr(bytes) does.
func bytesRepr(b []byte) string {
	quote := byte('\'')
	if bytesIndex(b, '\'') && !bytesIndex(b, '"') {
		quote = '"'
	}
	var out strings.Builder
	out.WriteByte('b')
	out.WriteByte(quote)
	for _, c := range b {
		switch {
		case c == quote || c == '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		case c == '\t':
			out.WriteString("\\t")
		case c == '\n':
			out.WriteString("\\n")
		case c == '\r':
			out.WriteString("\\r")
		case c < 0x20 || c >= 0x7f:
			out.WriteString("\\x" + hex2(c))
		default:
			out.WriteByte(c)
		}
	}
	out.WriteByte(quote)
	return out.String()
}

func bytesIndex(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}
