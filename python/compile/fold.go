package compile

// This file is CPython 3.12's AST optimizer (Python/ast_opt.c), the part
// of it that changes the code: constant folding of unary and binary
// operators, tuples, subscripts and `in` tests on literals, `__debug__`,
// `not` over `is`/`in`, and '%s' % (x,) formatting turned into an
// f-string. Folding never removes a call, so it never moves a safe point.
// It gives up (leaves the expression alone) where CPython does -- on an
// operation that raises, or whose result would be too large -- and also
// where rwgil could compute a result that differs from CPython's by a
// rounding (float powers, int/float mixes beyond 2**53): the eval loop
// computes those at run time instead.

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/syntax"
)

// The limits of ast_opt.c on folded values.
const (
	maxIntSize        = 128  // bits
	maxCollectionSize = 256  // items
	maxStrSize        = 4096 // characters
	maxTotalItems     = 1024 // items in nested tuples
)

// tupleConst is a folded tuple constant in the tree (a Constant's Value):
// its items are Constant values.
type tupleConst []any

type folder struct{}

func (f folder) body(list []syntax.Stmt) {
	hadDoc := len(list) > 0 && isDocstring(list[0])
	for _, s := range list {
		f.stmt(s)
	}
	if !hadDoc && len(list) > 0 && isDocstring(list[0]) {
		// Folding made a string constant out of the first statement:
		// it is still no docstring.
		st := list[0].(*syntax.ExprStmt)
		st.Value = &syntax.JoinedStr{Pos: st.Pos, Values: []syntax.Expr{st.Value}}
	}
}

func (f folder) exprs(list []syntax.Expr) {
	for i, e := range list {
		if e != nil {
			list[i] = f.expr(e)
		}
	}
}

func (f folder) arguments(a *syntax.Arguments) {
	if a == nil {
		return
	}
	f.exprs(a.KwDefaults)
	f.exprs(a.Defaults)
}

func (f folder) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.FunctionDef:
		f.arguments(s.Args)
		f.body(s.Body)
		f.exprs(s.DecoratorList)
	case *syntax.AsyncFunctionDef:
		f.arguments(s.Args)
		f.body(s.Body)
		f.exprs(s.DecoratorList)
	case *syntax.ClassDef:
		f.exprs(s.Bases)
		for _, k := range s.Keywords {
			k.Value = f.expr(k.Value)
		}
		f.body(s.Body)
		f.exprs(s.DecoratorList)
	case *syntax.Return:
		if s.Value != nil {
			s.Value = f.expr(s.Value)
		}
	case *syntax.Delete:
		f.exprs(s.Targets)
	case *syntax.Assign:
		f.exprs(s.Targets)
		s.Value = f.expr(s.Value)
	case *syntax.AugAssign:
		s.Target = f.expr(s.Target)
		s.Value = f.expr(s.Value)
	case *syntax.AnnAssign:
		s.Target = f.expr(s.Target)
		if s.Value != nil {
			s.Value = f.expr(s.Value)
		}
	case *syntax.For:
		s.Target = f.expr(s.Target)
		s.Iter = f.iter(f.expr(s.Iter))
		f.body(s.Body)
		f.body(s.Orelse)
	case *syntax.AsyncFor:
		s.Target = f.expr(s.Target)
		s.Iter = f.expr(s.Iter)
		f.body(s.Body)
		f.body(s.Orelse)
	case *syntax.While:
		s.Test = f.expr(s.Test)
		f.body(s.Body)
		f.body(s.Orelse)
	case *syntax.If:
		s.Test = f.expr(s.Test)
		f.body(s.Body)
		f.body(s.Orelse)
	case *syntax.With:
		for _, it := range s.Items {
			it.ContextExpr = f.expr(it.ContextExpr)
			if it.OptionalVars != nil {
				it.OptionalVars = f.expr(it.OptionalVars)
			}
		}
		f.body(s.Body)
	case *syntax.AsyncWith:
		f.body(s.Body)
	case *syntax.Raise:
		if s.Exc != nil {
			s.Exc = f.expr(s.Exc)
		}
		if s.Cause != nil {
			s.Cause = f.expr(s.Cause)
		}
	case *syntax.Try:
		f.body(s.Body)
		for _, h := range s.Handlers {
			if h.Type != nil {
				h.Type = f.expr(h.Type)
			}
			f.body(h.Body)
		}
		f.body(s.Orelse)
		f.body(s.Finalbody)
	case *syntax.Assert:
		s.Test = f.expr(s.Test)
		if s.Msg != nil {
			s.Msg = f.expr(s.Msg)
		}
	case *syntax.ExprStmt:
		s.Value = f.expr(s.Value)
	}
}

func (f folder) comprehensions(gens []*syntax.Comprehension) {
	for _, g := range gens {
		g.Target = f.expr(g.Target)
		g.Iter = f.iter(f.expr(g.Iter))
		f.exprs(g.Ifs)
	}
}

// expr folds e's children, then e, and returns what replaces e.
func (f folder) expr(e syntax.Expr) syntax.Expr {
	switch e := e.(type) {
	case *syntax.BoolOp:
		f.exprs(e.Values)
	case *syntax.BinOp:
		e.Left = f.expr(e.Left)
		e.Right = f.expr(e.Right)
		return foldBinOp(e)
	case *syntax.UnaryOp:
		e.Operand = f.expr(e.Operand)
		return foldUnaryOp(e)
	case *syntax.Lambda:
		f.arguments(e.Args)
		e.Body = f.expr(e.Body)
	case *syntax.IfExp:
		e.Test = f.expr(e.Test)
		e.Body = f.expr(e.Body)
		e.Orelse = f.expr(e.Orelse)
	case *syntax.Dict:
		f.exprs(e.Keys)
		f.exprs(e.Values)
	case *syntax.Set:
		f.exprs(e.Elts)
	case *syntax.ListComp:
		e.Elt = f.expr(e.Elt)
		f.comprehensions(e.Generators)
	case *syntax.SetComp:
		e.Elt = f.expr(e.Elt)
		f.comprehensions(e.Generators)
	case *syntax.DictComp:
		e.Key = f.expr(e.Key)
		e.Value = f.expr(e.Value)
		f.comprehensions(e.Generators)
	case *syntax.GeneratorExp:
		e.Elt = f.expr(e.Elt)
		f.comprehensions(e.Generators)
	case *syntax.Await:
		e.Value = f.expr(e.Value)
	case *syntax.Yield:
		if e.Value != nil {
			e.Value = f.expr(e.Value)
		}
	case *syntax.YieldFrom:
		e.Value = f.expr(e.Value)
	case *syntax.Compare:
		e.Left = f.expr(e.Left)
		f.exprs(e.Comparators)
		if n := len(e.Ops) - 1; n >= 0 && (e.Ops[n] == syntax.In || e.Ops[n] == syntax.NotIn) {
			e.Comparators[n] = f.iter(e.Comparators[n])
		}
	case *syntax.Call:
		e.Func = f.expr(e.Func)
		f.exprs(e.Args)
		for _, k := range e.Keywords {
			k.Value = f.expr(k.Value)
		}
	case *syntax.FormattedValue:
		e.Value = f.expr(e.Value)
		if e.FormatSpec != nil {
			e.FormatSpec = f.expr(e.FormatSpec)
		}
	case *syntax.JoinedStr:
		f.exprs(e.Values)
	case *syntax.Attribute:
		e.Value = f.expr(e.Value)
	case *syntax.Subscript:
		e.Value = f.expr(e.Value)
		e.Slice = f.expr(e.Slice)
		return foldSubscript(e)
	case *syntax.Starred:
		e.Value = f.expr(e.Value)
	case *syntax.Slice:
		for _, p := range []*syntax.Expr{&e.Lower, &e.Upper, &e.Step} {
			if *p != nil {
				*p = f.expr(*p)
			}
		}
	case *syntax.List:
		f.exprs(e.Elts)
	case *syntax.Tuple:
		f.exprs(e.Elts)
		if e.Ctx == syntax.Load {
			if t, ok := constTuple(e.Elts); ok && tupleDepth(t) <= bytecode.MaxNesting {
				return &syntax.Constant{Pos: e.Pos, Value: t}
			}
		}
	case *syntax.Name:
		if e.Ctx == syntax.Load && e.Id == "__debug__" {
			return &syntax.Constant{Pos: e.Pos, Value: true}
		}
	case *syntax.NamedExpr:
		e.Value = f.expr(e.Value)
	}
	return e
}

// iter turns a list display iterated over (or tested with in) into a
// tuple, a constant one if it can be (CPython's fold_iter). Set displays
// stay sets: rwgil has no frozenset constants.
func (f folder) iter(e syntax.Expr) syntax.Expr {
	l, ok := e.(*syntax.List)
	if !ok {
		return e
	}
	for _, x := range l.Elts {
		if _, star := x.(*syntax.Starred); star {
			return e
		}
	}
	if t, ok := constTuple(l.Elts); ok && tupleDepth(t) <= bytecode.MaxNesting {
		return &syntax.Constant{Pos: l.Pos, Value: t}
	}
	return &syntax.Tuple{Pos: l.Pos, Elts: l.Elts, Ctx: l.Ctx}
}

func constTuple(elts []syntax.Expr) (tupleConst, bool) {
	t := make(tupleConst, len(elts))
	for i, x := range elts {
		k, ok := x.(*syntax.Constant)
		if !ok {
			return nil, false
		}
		t[i] = k.Value
	}
	return t, true
}

func foldUnaryOp(e *syntax.UnaryOp) syntax.Expr {
	k, ok := e.Operand.(*syntax.Constant)
	if !ok {
		// not (a is b) is a is not b; likewise for in. (== and < are
		// left alone: their negations are not the same operators.)
		if cmp, ok := e.Operand.(*syntax.Compare); ok && e.Op == syntax.Not && len(cmp.Ops) == 1 {
			inv := map[syntax.CmpOperator]syntax.CmpOperator{syntax.Is: syntax.IsNot, syntax.IsNot: syntax.Is,
				syntax.In: syntax.NotIn, syntax.NotIn: syntax.In}
			if op, ok := inv[cmp.Ops[0]]; ok {
				cmp.Ops[0] = op
				return cmp
			}
		}
		return e
	}
	var v any
	switch e.Op {
	case syntax.Not:
		t, ok := constTruth(k.Value)
		if !ok {
			return e
		}
		v = !t
	case syntax.USub, syntax.UAdd, syntax.Invert:
		x, isInt := intValue(k.Value)
		switch {
		case isInt:
			switch e.Op {
			case syntax.USub:
				v = normInt(new(big.Int).Neg(x))
			case syntax.UAdd:
				v = normInt(x)
			default:
				v = normInt(new(big.Int).Not(x))
			}
		default:
			fl, isFloat := k.Value.(float64)
			if !isFloat || e.Op == syntax.Invert {
				return e
			}
			if e.Op == syntax.USub {
				v = -fl
			} else {
				v = fl
			}
		}
	default:
		return e
	}
	return &syntax.Constant{Pos: e.Pos, Value: v}
}

// intValue returns an int or bool constant as a big.Int.
func intValue(v any) (*big.Int, bool) {
	switch x := v.(type) {
	case bool:
		if x {
			return big.NewInt(1), true
		}
		return big.NewInt(0), true
	case int64:
		return big.NewInt(x), true
	case *big.Int:
		return x, true
	}
	return nil, false
}

// normInt returns x as the tree's int constant: an int64 when it fits.
func normInt(x *big.Int) any {
	if x.IsInt64() {
		return x.Int64()
	}
	return x
}

// exactFloat converts an int constant to a float when that is exact and
// Python would do it the same way (|x| <= 2**53).
func exactFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case bool, int64, *big.Int:
		b, _ := intValue(x)
		if b.BitLen() <= 53 {
			f, _ := new(big.Float).SetInt(b).Float64()
			return f, true
		}
	}
	return 0, false
}

func foldBinOp(e *syntax.BinOp) syntax.Expr {
	lk, ok := e.Left.(*syntax.Constant)
	if !ok {
		return e
	}
	if s, isStr := lk.Value.(string); isStr && e.Op == syntax.Mod {
		if t, ok := e.Right.(*syntax.Tuple); ok {
			if js := optimizeFormat(e, s, t.Elts); js != nil {
				return js
			}
			return e
		}
	}
	rk, ok := e.Right.(*syntax.Constant)
	if !ok {
		return e
	}
	if v, ok := binaryConst(e.Op, lk.Value, rk.Value); ok {
		return &syntax.Constant{Pos: e.Pos, Value: v}
	}
	return e
}

// binaryConst computes l op r on constants as Python would, or reports
// false where CPython does not fold (or rwgil prefers the eval loop to).
func binaryConst(op syntax.Operator, l, r any) (any, bool) {
	li, lInt := intValue(l)
	ri, rInt := intValue(r)
	_, lBool := l.(bool)
	_, rBool := r.(bool)
	switch {
	case lInt && rInt:
		if lBool && rBool {
			lb, rb := l.(bool), r.(bool)
			switch op {
			case syntax.BitAnd:
				return lb && rb, true
			case syntax.BitOr:
				return lb || rb, true
			case syntax.BitXor:
				return lb != rb, true
			}
		}
		return intBinary(op, li, ri)
	case isNumber(l) && isNumber(r):
		lf, ok1 := exactFloat(l)
		rf, ok2 := exactFloat(r)
		if !ok1 || !ok2 {
			return nil, false
		}
		return floatBinary(op, lf, rf)
	}
	switch op {
	case syntax.Add:
		switch x := l.(type) {
		case string:
			if y, ok := r.(string); ok {
				return x + y, true
			}
		case tupleConst:
			if y, ok := r.(tupleConst); ok {
				out := append(append(tupleConst{}, x...), y...)
				return out, true
			}
		}
	case syntax.Mult:
		if lInt {
			return repeatConst(r, li)
		}
		if rInt {
			return repeatConst(l, ri)
		}
	}
	return nil, false
}

func isNumber(v any) bool {
	switch v.(type) {
	case bool, int64, *big.Int, float64:
		return true
	}
	return false
}

// repeatConst is seq * n for a str or tuple, within ast_opt.c's limits.
func repeatConst(seq any, n *big.Int) (any, bool) {
	switch s := seq.(type) {
	case string:
		if !utf8.ValidString(s) {
			return nil, false
		}
		size := utf8.RuneCountInString(s)
		if size == 0 {
			return "", true
		}
		if n.Sign() < 0 || !n.IsInt64() || n.Int64() > int64(maxStrSize/size) {
			return nil, false
		}
		return strings.Repeat(s, int(n.Int64())), true
	case tupleConst:
		size := len(s)
		if size == 0 {
			return tupleConst{}, true
		}
		if n.Sign() < 0 || !n.IsInt64() || n.Int64() > int64(maxCollectionSize/size) {
			return nil, false
		}
		k := int(n.Int64())
		if k > 0 && tupleItems(s) > maxTotalItems/k {
			return nil, false
		}
		out := make(tupleConst, 0, size*k)
		for i := 0; i < k; i++ {
			out = append(out, s...)
		}
		return out, true
	}
	return nil, false
}

// tupleDepth is how deeply tuples nest in t (1 for a flat tuple).
func tupleDepth(t tupleConst) int {
	d := 0
	for _, x := range t {
		if u, ok := x.(tupleConst); ok {
			d = max(d, tupleDepth(u))
		}
	}
	return d + 1
}

// tupleItems counts the items of a tuple and of the tuples in it.
func tupleItems(t tupleConst) int {
	n := len(t)
	for _, x := range t {
		if u, ok := x.(tupleConst); ok {
			n += tupleItems(u)
		}
	}
	return n
}

func intBinary(op syntax.Operator, a, b *big.Int) (any, bool) {
	z := new(big.Int)
	switch op {
	case syntax.Add:
		z.Add(a, b)
	case syntax.Sub:
		z.Sub(a, b)
	case syntax.Mult:
		if a.Sign() != 0 && b.Sign() != 0 && a.BitLen()+b.BitLen() > maxIntSize {
			return nil, false
		}
		z.Mul(a, b)
	case syntax.Div:
		if b.Sign() == 0 || a.BitLen() > 53 || b.BitLen() > 53 {
			return nil, false
		}
		fa, _ := new(big.Float).SetInt(a).Float64()
		fb, _ := new(big.Float).SetInt(b).Float64()
		return fa / fb, true
	case syntax.FloorDiv, syntax.Mod:
		if b.Sign() == 0 {
			return nil, false
		}
		q, r := new(big.Int).QuoRem(a, b, new(big.Int))
		if r.Sign() != 0 && (r.Sign() < 0) != (b.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
			r.Add(r, b)
		}
		if op == syntax.FloorDiv {
			z = q
		} else {
			z = r
		}
	case syntax.Pow:
		if b.Sign() < 0 {
			return nil, false // a float result: computed at run time
		}
		if a.Sign() != 0 && b.Sign() > 0 {
			if !b.IsInt64() || uint64(a.BitLen())*uint64(b.Int64()) > maxIntSize {
				return nil, false
			}
		}
		z.Exp(a, b, nil)
	case syntax.LShift:
		if b.Sign() < 0 {
			return nil, false
		}
		if a.Sign() != 0 && b.Sign() != 0 {
			if !b.IsInt64() || b.Int64() > maxIntSize || int64(a.BitLen()) > maxIntSize-b.Int64() {
				return nil, false
			}
		}
		z.Lsh(a, uint(b.Int64()))
	case syntax.RShift:
		if b.Sign() < 0 {
			return nil, false
		}
		if !b.IsInt64() || b.Int64() > int64(a.BitLen()) {
			if a.Sign() < 0 {
				return int64(-1), true
			}
			return int64(0), true
		}
		z.Rsh(a, uint(b.Int64()))
	case syntax.BitAnd:
		z.And(a, b)
	case syntax.BitOr:
		z.Or(a, b)
	case syntax.BitXor:
		z.Xor(a, b)
	default:
		return nil, false
	}
	if z.BitLen() > bytecode.MaxIntBits {
		return nil, false
	}
	return normInt(z), true
}

func floatBinary(op syntax.Operator, a, b float64) (any, bool) {
	var r float64
	switch op {
	case syntax.Add:
		r = a + b
	case syntax.Sub:
		r = a - b
	case syntax.Mult:
		r = a * b
	case syntax.Div:
		if b == 0 {
			return nil, false
		}
		r = a / b
	case syntax.FloorDiv, syntax.Mod:
		if b == 0 {
			return nil, false
		}
		div, mod := floatDivmod(a, b)
		if op == syntax.FloorDiv {
			r = div
		} else {
			r = mod
		}
	default:
		return nil, false // ** and the bitwise operators: not folded
	}
	return r, true // overflow is inf, as in Python (only ** raises)
}

// floatDivmod is Python's divmod for floats (CPython's float_divmod).
func floatDivmod(a, b float64) (div, mod float64) {
	mod = math.Mod(a, b)
	div = (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			div--
		}
	} else {
		mod = math.Copysign(0, b)
	}
	if div != 0 {
		fl := math.Floor(div)
		if div-fl > 0.5 {
			fl++
		}
		div = fl
	} else {
		div = math.Copysign(0, a/b)
	}
	return div, mod
}

// foldSubscript folds constant[constant] for a tuple, or an ASCII str,
// indexed by an int.
func foldSubscript(e *syntax.Subscript) syntax.Expr {
	if e.Ctx != syntax.Load {
		return e
	}
	vk, ok1 := e.Value.(*syntax.Constant)
	ik, ok2 := e.Slice.(*syntax.Constant)
	if !ok1 || !ok2 {
		return e
	}
	idx, ok := intValue(ik.Value)
	if !ok || !idx.IsInt64() {
		return e
	}
	i := idx.Int64()
	var v any
	switch s := vk.Value.(type) {
	case tupleConst:
		if i < 0 {
			i += int64(len(s))
		}
		if i < 0 || i >= int64(len(s)) {
			return e
		}
		v = s[i]
	case string:
		for j := 0; j < len(s); j++ {
			if s[j] >= 0x80 {
				return e
			}
		}
		if i < 0 {
			i += int64(len(s))
		}
		if i < 0 || i >= int64(len(s)) {
			return e
		}
		v = s[i : i+1]
	default:
		return e
	}
	return &syntax.Constant{Pos: e.Pos, Value: v}
}

// optimizeFormat turns '...%s...' % (a, b) into the f-string f'...{a!s}...'
// when every conversion is %s, %r or %a with at most a width and a
// precision (CPython 3.12's optimize_format), or returns nil.
func optimizeFormat(e *syntax.BinOp, fmtStr string, elts []syntax.Expr) syntax.Expr {
	for _, x := range elts {
		if _, star := x.(*syntax.Starred); star {
			return nil
		}
	}
	if !utf8.ValidString(fmtStr) {
		return nil
	}
	f := []rune(fmtStr)
	pos, cnt := 0, 0
	var values []syntax.Expr
	for {
		// A literal run, with %% as %.
		start := pos
		for pos < len(f) {
			if f[pos] != '%' {
				pos++
			} else if pos+1 < len(f) && f[pos+1] == '%' {
				pos += 2
			} else {
				break
			}
		}
		if pos > start {
			lit := strings.ReplaceAll(string(f[start:pos]), "%%", "%")
			values = append(values, &syntax.Constant{Value: lit})
		}
		if pos >= len(f) {
			break
		}
		if cnt >= len(elts) {
			return nil // more conversions than items
		}
		pos++ // the %
		fv := parseFormat(f, &pos, elts[cnt])
		cnt++
		if fv == nil {
			return nil
		}
		values = append(values, fv)
	}
	if cnt < len(elts) {
		return nil // more items than conversions
	}
	return &syntax.JoinedStr{Pos: e.Pos, Values: values}
}

// parseFormat reads one %-conversion after its %; it returns nil for one
// that is not a simple %s, %r or %a.
func parseFormat(f []rune, ppos *int, arg syntax.Expr) syntax.Expr {
	const maxDigits = 3
	pos := *ppos
	var ch rune
	next := func() bool {
		if pos >= len(f) {
			return false
		}
		ch = f[pos]
		pos++
		return true
	}
	ljust := false
	for {
		if !next() {
			return nil
		}
		switch ch {
		case '-':
			ljust = true
			continue
		case '+', ' ', '#', '0':
			continue
		}
		break
	}
	width, prec := -1, -1
	if '0' <= ch && ch <= '9' {
		width = 0
		digits := 0
		for '0' <= ch && ch <= '9' {
			width = width*10 + int(ch-'0')
			if !next() {
				return nil
			}
			digits++
			if digits >= maxDigits {
				return nil
			}
		}
	}
	if ch == '.' {
		if !next() {
			return nil
		}
		prec = 0
		digits := 0
		for '0' <= ch && ch <= '9' {
			prec = prec*10 + int(ch-'0')
			if !next() {
				return nil
			}
			digits++
			if digits >= maxDigits {
				return nil
			}
		}
	}
	*ppos = pos
	var conv int
	switch ch {
	case 's':
		conv = syntax.ConvStr
	case 'r':
		conv = syntax.ConvRepr
	case 'a':
		conv = syntax.ConvASCII
	default:
		return nil
	}
	spec := ""
	if !ljust && width > 0 {
		spec = ">"
	}
	if width >= 0 {
		spec += strconv.Itoa(width)
	}
	if prec >= 0 {
		spec += "." + strconv.Itoa(prec)
	}
	fv := &syntax.FormattedValue{Pos: arg.Position(), Value: arg, Conversion: conv}
	if spec != "" {
		fv.FormatSpec = &syntax.Constant{Value: spec}
	}
	return fv
}

// constTruth is a constant's truth value.
func constTruth(v any) (bool, bool) {
	switch x := v.(type) {
	case nil:
		return false, true
	case bool:
		return x, true
	case int64:
		return x != 0, true
	case *big.Int:
		return x.Sign() != 0, true
	case float64:
		return x != 0, true
	case complex128:
		return x != 0, true
	case string:
		return x != "", true
	case []byte:
		return len(x) > 0, true
	case syntax.EllipsisType:
		return true, true
	case tupleConst:
		return len(x) > 0, true
	}
	return false, false
}

// constValue converts a tree constant to a bytecode constant.
func (c *compiler) constValue(k *syntax.Constant) bytecode.Const {
	v, msg := toConst(k.Value, 0)
	if msg != "" {
		c.unsupported(k.Pos, msg)
	}
	return v
}

func toConst(v any, depth int) (bytecode.Const, string) {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x, ""
	case *big.Int:
		if x.IsInt64() {
			return x.Int64(), ""
		}
		if x.BitLen() > bytecode.MaxIntBits {
			return nil, "integer literals of more than " + strconv.Itoa(bytecode.MaxIntBits) + " bits"
		}
		return x, ""
	case tupleConst:
		if depth >= bytecode.MaxNesting {
			return nil, "constant tuples nested more than " + strconv.Itoa(bytecode.MaxNesting) + " deep"
		}
		t := make(bytecode.Tuple, len(x))
		for i, item := range x {
			var msg string
			if t[i], msg = toConst(item, depth+1); msg != "" {
				return nil, msg
			}
		}
		return t, ""
	case []byte:
		return bytecode.Bytes(x), ""
	case complex128:
		return nil, "complex numbers"
	case syntax.EllipsisType:
		return bytecode.Ellipsis, ""
	}
	return nil, "this constant"
}
