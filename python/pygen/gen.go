package pygen

import (
	"strings"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// Prog is a generated program.
type Prog struct {
	body []*stmt
}

// Source is the program as Python source text.
func (p *Prog) Source() string {
	var pr printer
	for _, s := range p.body {
		pr.stmt(s)
	}
	return pr.b.String()
}

// Wrap puts a program in a try statement that prints an exception
// escaping it as `Type: message` (and then ends normally), so that a
// program's output includes how it failed.
func Wrap(src string) string {
	var b strings.Builder
	b.WriteString("try:\n")
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = []string{"pass"}
	}
	for _, l := range lines {
		if l != "" {
			b.WriteString("    ")
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString("except Exception as exc:\n")
	b.WriteString("    print(type(exc).__name__ + \":\", exc)\n")
	return b.String()
}

// Program generates programs: a handful of module-level statements, with
// functions, loops, conditionals and try statements nested at most two
// deep.
func Program() *rapid.Generator[*Prog] {
	return rapid.Custom(func(t *rapid.T) *Prog {
		g := &gen{t: t}
		g.sc = newModuleScope()
		body := g.stmts(rapid.IntRange(2, 10).Draw(t, "statements"), 0)
		prune(body)
		return &Prog{body: body}
	})
}

// Name pools. A name's type never changes: the module's variables, the
// variables of functions, of loops and of lambdas each have their own.
var (
	moduleNames = [numTypes][]string{
		tInt: {"a", "b", "c"}, tFloat: {"x", "y"}, tStr: {"s", "t"}, tBool: {"ok"},
		tList: {"nums", "vals"}, tTuple: {"pair"}, tDict: {"d"},
	}
	funcNames = [numTypes][]string{
		tInt: {"n", "m", "total"}, tFloat: {"z"}, tStr: {"word"}, tBool: {"found"},
		tList: {"items"}, tTuple: {"tup"}, tDict: {"table"},
	}
	moduleLoopInt, moduleLoopStr = []string{"i", "k"}, []string{"ch"}
	funcLoopInt, funcLoopStr     = []string{"j"}, []string{"letter"}
)

// scope is what the code being generated may read and assign.
type scope struct {
	// vars are the names assigned so far (so possibly bound), by type.
	vars [numTypes][]string
	// pool are the names the scope may assign, by type.
	pool            [numTypes][]string
	loopInt, loopSt []string
	isFunc          bool
	outer           *scope
}

func newModuleScope() *scope {
	s := &scope{pool: moduleNames, loopInt: moduleLoopInt, loopSt: moduleLoopStr}
	return s
}

func (s *scope) declare(t typ, name string) {
	for _, n := range s.vars[t] {
		if n == name {
			return
		}
	}
	s.vars[t] = append(s.vars[t], name)
}

// readable are the names of type t that code in this scope may read.
func (s *scope) readable(t typ) []string {
	out := append([]string(nil), s.vars[t]...)
	if s.outer != nil {
		for _, n := range s.outer.readable(t) {
			if !contains(out, n) && !contains(s.pool[t], n) {
				out = append(out, n)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// gen draws a program from rapid.
type gen struct {
	t     *rapid.T
	sc    *scope
	funcs []*funcDef
	// fn is the function whose body is being generated.
	fn *funcDef
	// loops is how many loops enclose the code being generated (in the
	// current function), nest how many compound statements.
	loops, nest int
	// inF > 0 inside an f-string's replacement field.
	inF int
	// whiles numbers the hidden while counters.
	whiles int
	// noCalls > 0 where code runs once per item (a key function, a
	// comprehension's element): no calls of generated functions there,
	// whose side effects would then repeat unboundedly.
	noCalls int
}

func (g *gen) intn(n int) int {
	if n <= 1 {
		return 0
	}
	return rapid.IntRange(0, n-1).Draw(g.t, "n")
}

func (g *gen) chance(k, n int) bool { return g.intn(n) < k }

// pick chooses an index by weight.
func (g *gen) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := g.intn(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

func (g *gen) oneOf(list []string) string { return list[g.intn(len(list))] }

// ---- literals ----

var (
	intLits = []string{"0", "1", "2", "3", "4", "5", "7", "10", "12", "42", "100", "255",
		"1000", "65536", "123456789", "2147483647", "10000000000", "0x1f", "0b101", "0o17", "1_000"}
	floatLits = []string{"0.5", "1.5", "2.25", "3.0", "0.1", "0.2", "1e3", "2.5e-3", "100.0",
		"1e16", "7.75", "1e300", "0.0"}
	// strLits are (value, printed) pairs; the plain ones print the same
	// in either quote and hold no backslash, so they go inside f-strings.
	plainStrs = []string{"", "a", "ab", "abc", "hello", "x y", "Zoë", "☕", "a,b,c", "  pad  ",
		"42", "-7", "3.5", "AbC", "k"}
	otherStrs = []string{"tab\there", "it's", "say \"hi\"", "line\nbreak"}
	dictKeys  = []string{"a", "b", "k", "x"}
	// numericStrs are what int() and float() of a str usually get.
	numericStrs = []string{"42", "-7", " 12 ", "1_000", "0", "+3"}
)

// exactPowBases are the float literals whose squares and cubes are
// exact (at most 17 significant bits), and 1e300, whose overflow both
// detect alike.
var exactPowBases = []string{"0.5", "1.5", "2.25", "3.0", "1e3", "100.0", "7.75", "0.0", "1e300"}

func (g *gen) exactPowBase() *expr {
	return &expr{kind: kLit, typ: tFloat, text: g.oneOf(exactPowBases), lit: floatAV}
}

func (g *gen) lit(t typ) *expr {
	switch t {
	case tInt:
		text := g.oneOf(intLits[:g.pickRange(len(intLits))])
		return &expr{kind: kLit, typ: tInt, text: text, lit: intAV(intLitBits(text))}
	case tFloat:
		return &expr{kind: kLit, typ: tFloat, text: g.oneOf(floatLits), lit: floatAV}
	case tStr:
		return g.strLit()
	case tBool:
		return &expr{kind: kLit, typ: tBool, text: g.oneOf([]string{"True", "False"}), lit: boolAV}
	case tNone:
		return &expr{kind: kLit, typ: tNone, text: "None", lit: noneAV}
	}
	panic("pygen: no literal of type " + t.String())
}

// pickRange favours the first, small, ints.
func (g *gen) pickRange(n int) int {
	if g.chance(3, 4) {
		return 10
	}
	return n
}

func intLitBits(text string) int {
	n := 0
	for _, c := range strings.ReplaceAll(text, "_", "") {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	if strings.HasPrefix(text, "0x") || strings.HasPrefix(text, "0b") || strings.HasPrefix(text, "0o") {
		return 8
	}
	return bitLen(n)
}

func (g *gen) strLit() *expr {
	s := g.oneOf(plainStrs)
	if g.inF == 0 && g.chance(1, 6) {
		s = g.oneOf(otherStrs)
	}
	return strLitOf(s)
}

func strLitOf(s string) *expr {
	q := byte('"')
	if strings.Contains(s, `"`) {
		q = '\''
	}
	v := strAV(utf8.RuneCountInString(s))
	v.str = s
	return &expr{kind: kLit, typ: tStr, text: pyStr(s, q), lit: v}
}

func smallInt(n int) *expr {
	if n < 0 {
		return &expr{kind: kUnary, typ: tInt, text: "-", kids: []*expr{smallInt(-n)}}
	}
	text := itoa(n)
	return &expr{kind: kLit, typ: tInt, text: text, lit: intAV(bitLen(n))}
}

func name(t typ, n string) *expr { return &expr{kind: kName, typ: t, text: n} }

// leaf is a literal or a variable of type t.
func (g *gen) leaf(t typ) *expr {
	if vars := g.sc.readable(t); len(vars) > 0 && g.chance(3, 5) {
		return name(t, g.oneOf(vars))
	}
	switch t {
	case tList:
		return g.listLit()
	case tTuple:
		return g.tupleLit()
	case tDict:
		return g.dictLit()
	case tAny:
		return g.leaf(g.scalarType())
	}
	return g.lit(t)
}

func (g *gen) scalarType() typ {
	return []typ{tInt, tInt, tFloat, tStr, tStr, tBool, tNone}[g.intn(7)]
}

func (g *gen) anyType() typ {
	return []typ{tInt, tInt, tFloat, tStr, tStr, tBool, tNone, tList, tTuple, tDict}[g.intn(10)]
}

func (g *gen) listLit() *expr {
	e := &expr{kind: kList, typ: tList}
	for i := g.intn(5); i > 0; i-- {
		e.kids = append(e.kids, g.lit(tInt))
	}
	return e
}

func (g *gen) tupleLit() *expr {
	e := &expr{kind: kTuple, typ: tTuple}
	for i := g.intn(4); i > 0; i-- {
		e.kids = append(e.kids, g.lit(g.scalarType()))
	}
	return e
}

func (g *gen) dictLit() *expr {
	e := &expr{kind: kDict, typ: tDict}
	keys := append([]string(nil), dictKeys...)
	for i := g.intn(4); i > 0; i-- {
		k := keys[g.intn(len(keys))]
		e.kids = append(e.kids, strLitOf(k), g.lit(tInt))
	}
	return e
}

// ---- expressions ----

// expr generates an expression of type t, at most d levels deep.
func (g *gen) expr(t typ, d int) *expr {
	if d <= 0 || g.chance(1, 4) {
		return g.leaf(t)
	}
	d--
	if g.chance(1, 12) {
		return &expr{kind: kIfExp, typ: t, kids: []*expr{g.expr(t, d), g.expr(tBool, d), g.expr(t, d)}}
	}
	if f := g.userFunc(t); f != nil && g.noCalls == 0 && g.chance(1, 5) {
		return g.callUser(f, d)
	}
	switch t {
	case tInt:
		return g.intExpr(d)
	case tFloat:
		return g.floatExpr(d)
	case tStr:
		return g.strExpr(d)
	case tBool:
		return g.boolExpr(d)
	case tNone:
		return g.lit(tNone)
	case tList:
		return g.listExpr(d)
	case tTuple:
		return g.tupleExpr(d)
	case tDict:
		return g.dictExpr(d)
	}
	return g.anyExpr(d)
}

func bin(t typ, op string, l, r *expr) *expr {
	return &expr{kind: kBin, typ: t, text: op, kids: []*expr{l, r}}
}

func call(t typ, fn string, args ...*expr) *expr {
	return &expr{kind: kCall, typ: t, text: fn, kids: args}
}

func method(t typ, recv *expr, m string, args ...*expr) *expr {
	return &expr{kind: kMethod, typ: t, text: m, kids: append([]*expr{recv}, args...)}
}

// seq is an expression of a sized type: str, list, tuple or dict.
func (g *gen) seq(d int) *expr {
	return g.expr([]typ{tStr, tList, tTuple, tDict}[g.intn(4)], d)
}

func (g *gen) intExpr(d int) *expr {
	switch g.pick(10, 2, 2, 3, 3, 2, 2, 2, 2, 2, 2, 1) {
	case 0:
		op := g.oneOf([]string{"+", "-", "*", "//", "%", "&", "|", "^", ">>", "+", "-", "*"})
		return bin(tInt, op, g.expr(tInt, d), g.expr(tInt, d))
	case 1:
		return bin(tInt, "**", g.expr(tInt, d), smallInt(g.intn(4)))
	case 2:
		if g.chance(1, 2) {
			return bin(tInt, "<<", g.expr(tInt, d), smallInt(g.intn(9)))
		}
		return &expr{kind: kUnary, typ: tInt, text: g.oneOf([]string{"-", "~", "+"}), kids: []*expr{g.expr(tInt, d)}}
	case 3:
		return call(tInt, "len", g.seq(d))
	case 4:
		switch g.intn(5) {
		case 0:
			return call(tInt, "abs", g.expr(tInt, d))
		case 1:
			return call(tInt, g.oneOf([]string{"min", "max"}), g.expr(tInt, d), g.expr(tInt, d))
		case 2:
			return call(tInt, g.oneOf([]string{"min", "max"}), g.expr(tList, d))
		case 3:
			return call(tInt, "sum", g.expr(tList, d))
		default:
			return call(tInt, g.oneOf([]string{"min", "max"}), g.expr(tInt, d), g.expr(tInt, d), g.expr(tInt, d))
		}
	case 5:
		switch g.intn(4) {
		case 0:
			return call(tInt, "int", g.expr(tFloat, d))
		case 1:
			return call(tInt, "int", g.expr(tBool, d))
		case 2:
			return call(tInt, "int", g.expr(tStr, d))
		default:
			return call(tInt, "int", strLitOf(g.oneOf(numericStrs)))
		}
	case 6:
		return call(tInt, "round", g.expr(tFloat, d))
	case 7:
		return &expr{kind: kIndex, typ: tInt, kids: []*expr{g.expr(tList, d), g.index(d)}}
	case 8:
		if g.chance(1, 2) {
			return &expr{kind: kIndex, typ: tInt, kids: []*expr{g.expr(tDict, d), g.dictKey(d)}}
		}
		return method(tInt, g.expr(tDict, d), "get", g.dictKey(d), g.expr(tInt, d))
	case 9:
		s := g.expr(tStr, d)
		return method(tInt, s, g.oneOf([]string{"find", "count", "find", "count", "index"}), g.expr(tStr, d))
	case 10:
		if g.chance(1, 2) {
			return call(tInt, "ord", &expr{kind: kIndex, typ: tStr, kids: []*expr{g.expr(tStr, d), smallInt(0)}})
		}
		l := g.expr(tList, d)
		return method(tInt, l, g.oneOf([]string{"index", "count"}), g.expr(tInt, d))
	default:
		dm := call(tTuple, "divmod", g.expr(tInt, d), g.expr(tInt, d))
		return &expr{kind: kIndex, typ: tInt, kids: []*expr{dm, smallInt(g.intn(2))}}
	}
}

// index is an int expression for a subscript: usually small.
func (g *gen) index(d int) *expr {
	if g.chance(2, 3) {
		return smallInt(g.intn(5) - 2)
	}
	return g.expr(tInt, d)
}

func (g *gen) dictKey(d int) *expr {
	if g.chance(3, 4) {
		return strLitOf(g.oneOf(dictKeys))
	}
	return g.expr(tStr, d)
}

func (g *gen) floatExpr(d int) *expr {
	num := func() *expr {
		if g.chance(1, 3) {
			return g.expr(tInt, d)
		}
		return g.expr(tFloat, d)
	}
	switch g.pick(8, 3, 2, 3, 2, 2) {
	case 0:
		op := g.oneOf([]string{"+", "-", "*", "/", "//", "%", "+", "*"})
		return bin(tFloat, op, g.expr(tFloat, d), num())
	case 1:
		return bin(tFloat, "/", g.expr(tInt, d), g.expr(tInt, d))
	case 2:
		// A float power of a base whose powers are exact: CPython calls
		// glibc's pow, which is within an ulp but not correctly rounded,
		// and rwgil rounds correctly (core/floatpow.go), so an arbitrary
		// base would differ in the last digit about once in a thousand
		// powers (docs/python.md). These bases have at most 17 significant
		// bits, so that x**3 fits a double; 1e300 overflows as in CPython.
		exp := smallInt(g.intn(5) - 1)
		base := g.exactPowBase()
		if g.chance(1, 3) {
			base = bin(tFloat, g.oneOf([]string{"+", "-"}), base, g.exactPowBase())
		}
		return bin(tFloat, "**", base, exp)
	case 3:
		switch g.intn(3) {
		case 0:
			return call(tFloat, "float", g.expr(tInt, d))
		case 1:
			return call(tFloat, "float", g.expr(tStr, d))
		default:
			return call(tFloat, "float", strLitOf(g.oneOf(append([]string{"3.5", "1e3", "inf", "-0.0"}, numericStrs...))))
		}
	case 4:
		return call(tFloat, "round", g.expr(tFloat, d), smallInt(g.intn(4)))
	default:
		if g.chance(1, 2) {
			return call(tFloat, "abs", g.expr(tFloat, d))
		}
		return call(tFloat, g.oneOf([]string{"min", "max"}), g.expr(tFloat, d), num())
	}
}

var specs = map[typ][]string{
	tInt:   {"", ">6", "<4", "^7", "05d", "+d", ",", "x", "#x", "b", "o", "_", ".2f", "e", "c"},
	tFloat: {"", ".2f", "8.3f", "e", ".1e", "g", "%", ".0%", "+.1f", ">10", "010.2f", ",", ".3g", "d"},
	tStr:   {"", ">8", "<6", "^9", "*^9", ".2", "s", "d"},
	tBool:  {"", "d", ">6"},
	tAny:   {"", ">10", "<8"},
}

func (g *gen) strExpr(d int) *expr {
	switch g.pick(6, 2, 3, 3, 4, 3, 2, 3, 2, 2) {
	case 0:
		return bin(tStr, "+", g.expr(tStr, d), g.expr(tStr, d))
	case 1:
		return bin(tStr, "*", g.expr(tStr, d), smallInt(g.intn(4)))
	case 2:
		return &expr{kind: kIndex, typ: tStr, kids: []*expr{g.expr(tStr, d), g.index(d)}}
	case 3:
		return g.slice(tStr, d)
	case 4:
		return call(tStr, g.oneOf([]string{"str", "repr", "str"}), g.expr(g.anyType(), d))
	case 5:
		if g.inF > 0 {
			return call(tStr, "str", g.expr(tInt, d))
		}
		return g.fstring(d)
	case 6:
		if g.chance(1, 2) {
			return g.percent(d)
		}
		return g.format(d)
	case 7:
		s := g.expr(tStr, d)
		switch g.intn(5) {
		case 0:
			return method(tStr, s, "replace", g.expr(tStr, d), g.expr(tStr, d))
		case 1:
			return method(tStr, s, g.oneOf([]string{"center", "ljust", "rjust", "zfill"}), smallInt(g.intn(12)))
		case 2:
			return method(tStr, strLitOf(g.oneOf([]string{"", "-", ", "})), "join", s)
		default:
			return method(tStr, s, g.oneOf([]string{"upper", "lower", "strip", "title", "swapcase"}))
		}
	case 8:
		return call(tStr, g.oneOf([]string{"chr", "hex", "bin", "oct"}), g.expr(tInt, d))
	default:
		return call(tStr, g.oneOf([]string{"min", "max"}), g.expr(tStr, d), g.expr(tStr, d))
	}
}

// slice is a slice of a str or list.
func (g *gen) slice(t typ, d int) *expr {
	bound := func() *expr {
		if g.chance(1, 3) {
			return nil
		}
		return g.index(d)
	}
	var step *expr
	if g.chance(1, 3) {
		step = smallInt([]int{-1, 2, -2, 3, 0, 1}[g.intn(6)])
	}
	return &expr{kind: kSlice, typ: t, kids: []*expr{g.expr(t, d), bound(), bound(), step}}
}

// fstring is an f-string of one to three fields.
func (g *gen) fstring(d int) *expr {
	g.inF++
	defer func() { g.inF-- }()
	e := &expr{kind: kFString, typ: tStr}
	texts := []string{"", "x=", " ", ", ", "|", "value: ", "-", " and "}
	for i := g.intn(3) + 1; i > 0; i-- {
		if t := g.oneOf(texts); t != "" {
			e.parts = append(e.parts, fpart{text: t})
		}
		t := g.anyType()
		if t == tDict || t == tList || t == tTuple {
			t = tAny
		}
		p := fpart{e: g.expr(t, d)}
		switch g.intn(6) {
		case 0:
			p.conv = "r"
		case 1:
			p.conv = g.oneOf([]string{"s", "a"})
		}
		if g.chance(1, 2) {
			st := t
			if p.conv != "" {
				st = tStr
			}
			if s, ok := specs[st]; ok {
				p.spec = g.oneOf(s)
			}
		}
		e.parts = append(e.parts, p)
	}
	if g.chance(1, 2) {
		e.parts = append(e.parts, fpart{text: g.oneOf(texts[1:])})
	}
	return e
}

// percent is printf-style formatting with one or two arguments.
func (g *gen) percent(d int) *expr {
	type conv struct {
		spec string
		t    typ
	}
	convs := []conv{{"%d", tInt}, {"%5d", tInt}, {"%-4d", tInt}, {"%05d", tInt}, {"%x", tInt},
		{"%s", tAny}, {"%r", tAny}, {"%.2f", tFloat}, {"%8.3f", tFloat}, {"%e", tFloat},
		{"%-6s", tStr}, {"%s", tStr}, {"%d", tFloat}, {"%d", tStr}}
	var texts []string
	var args []*expr
	for i := g.intn(2) + 1; i > 0; i-- {
		c := convs[g.intn(len(convs))]
		texts = append(texts, c.spec)
		t := c.t
		if t == tAny {
			t = g.scalarType()
		}
		args = append(args, g.expr(t, d))
	}
	f := strLitOf(strings.Join(texts, g.oneOf([]string{" ", ", ", "|"})))
	var arg *expr
	if len(args) == 1 && args[0].typ != tTuple && g.chance(1, 2) {
		arg = args[0]
	} else {
		arg = &expr{kind: kTuple, typ: tTuple, kids: args}
	}
	return &expr{kind: kPercent, typ: tStr, kids: []*expr{f, arg}}
}

// format is str.format with one or two fields.
func (g *gen) format(d int) *expr {
	var fields []string
	var args []*expr
	for i := g.intn(2) + 1; i > 0; i-- {
		t := g.scalarType()
		field := "{}"
		if s, ok := specs[t]; ok && g.chance(1, 2) {
			if sp := g.oneOf(s); sp != "" {
				field = "{:" + sp + "}"
			}
		}
		fields = append(fields, field)
		args = append(args, g.expr(t, d))
	}
	f := strLitOf(strings.Join(fields, g.oneOf([]string{" ", " = ", ","})))
	return method(tStr, f, "format", args...)
}

var cmpOps = []string{"<", "<=", ">", ">=", "==", "!="}

func (g *gen) boolExpr(d int) *expr {
	switch g.pick(6, 2, 3, 2, 3, 2, 2) {
	case 0:
		t := []typ{tInt, tInt, tFloat, tStr, tList, tTuple}[g.intn(6)]
		r := t
		if t == tInt && g.chance(1, 3) {
			r = tFloat
		}
		return &expr{kind: kCmp, typ: tBool, kids: []*expr{g.expr(t, d), g.expr(r, d)}, cmpOps: []string{g.oneOf(cmpOps)}}
	case 1:
		return &expr{kind: kCmp, typ: tBool, kids: []*expr{g.expr(tInt, d), g.expr(tInt, d), g.expr(tInt, d)},
			cmpOps: []string{g.oneOf(cmpOps), g.oneOf(cmpOps)}}
	case 2:
		op := g.oneOf([]string{"in", "not in"})
		switch g.intn(4) {
		case 0:
			return &expr{kind: kCmp, typ: tBool, kids: []*expr{g.expr(tStr, d), g.expr(tStr, d)}, cmpOps: []string{op}}
		case 1:
			return &expr{kind: kCmp, typ: tBool, kids: []*expr{g.expr(tInt, d), g.expr(tList, d)}, cmpOps: []string{op}}
		case 2:
			return &expr{kind: kCmp, typ: tBool, kids: []*expr{g.dictKey(d), g.expr(tDict, d)}, cmpOps: []string{op}}
		default:
			return &expr{kind: kCmp, typ: tBool, kids: []*expr{g.expr(g.scalarType(), d), g.expr(tTuple, d)}, cmpOps: []string{op}}
		}
	case 3:
		// `x is None`, where x is a name or a call: CPython warns about
		// `is` with a literal (SyntaxWarning), constant-folded ones too.
		op := g.oneOf([]string{"is", "is not"})
		x := g.expr(g.anyType(), d)
		switch x.kind {
		case kName, kCall, kMethod:
		default:
			x = method(tAny, g.dictLit(), "get", g.dictKey(d))
		}
		return &expr{kind: kCmp, typ: tBool, kids: []*expr{x, g.lit(tNone)}, cmpOps: []string{op}}
	case 4:
		if g.chance(1, 3) {
			return &expr{kind: kUnary, typ: tBool, text: "not", kids: []*expr{g.expr(tBool, d)}}
		}
		e := &expr{kind: kBool, typ: tBool, text: g.oneOf([]string{"and", "or"})}
		for i := g.intn(2) + 2; i > 0; i-- {
			e.kids = append(e.kids, g.expr(tBool, d))
		}
		return e
	case 5:
		if g.chance(1, 2) {
			types := g.oneOf([]string{"int", "str", "float", "(int, float)", "list", "bool"})
			return &expr{kind: kCall, typ: tBool, text: "isinstance", kids: []*expr{g.expr(g.anyType(), d), {kind: kName, typ: tAny, text: types}}}
		}
		return call(tBool, "bool", g.expr(g.anyType(), d))
	default:
		if g.chance(1, 2) {
			return call(tBool, g.oneOf([]string{"any", "all"}), g.expr(tList, d))
		}
		if g.chance(1, 2) {
			return method(tBool, g.expr(tStr, d), g.oneOf([]string{"startswith", "endswith"}), g.expr(tStr, d))
		}
		return method(tBool, g.expr(tStr, d), g.oneOf([]string{"isdigit", "isalpha"}))
	}
}

// keyLambda is a key function for sorted, min or max: a lambda of v.
func (g *gen) keyLambda(d int) *expr {
	saved := g.sc
	g.sc = &scope{outer: saved, isFunc: true}
	g.sc.declare(tInt, "v")
	g.noCalls++
	body := g.expr(tInt, d)
	g.noCalls--
	g.sc = saved
	return &expr{kind: kLambda, typ: tAny, params: []string{"v"}, kids: []*expr{body}}
}

func (g *gen) listExpr(d int) *expr {
	switch g.pick(3, 2, 2, 4, 3, 2, 3) {
	case 0:
		return g.listLit()
	case 1:
		return bin(tList, "+", g.expr(tList, d), g.expr(tList, d))
	case 2:
		return bin(tList, "*", g.expr(tList, d), smallInt(g.intn(4)))
	case 3:
		e := call(tList, "sorted", g.expr(tList, d))
		switch g.intn(3) {
		case 0:
			e.kids = append(e.kids, g.lit(tBool))
			e.kw = []string{"reverse"}
		case 1:
			e.kids = append(e.kids, g.keyLambda(d))
			e.kw = []string{"key"}
		}
		return e
	case 4:
		return g.slice(tList, d)
	case 5:
		return call(tList, "list", call(tList, "range", smallInt(g.intn(maxIter+1))))
	default:
		// [expr for el in iterable if cond]
		saved := g.sc
		var iter *expr
		if g.chance(1, 2) {
			iter = call(tList, "range", smallInt(g.intn(maxIter+1)))
		} else {
			iter = g.expr(tList, d)
		}
		g.sc = &scope{outer: saved, isFunc: saved.isFunc}
		g.sc.declare(tInt, "el")
		g.noCalls++
		elem := g.expr(tInt, d)
		var cond *expr
		if g.chance(1, 2) {
			cond = g.expr(tBool, d)
		}
		g.noCalls--
		g.sc = saved
		return &expr{kind: kListComp, typ: tList, params: []string{"el"}, kids: []*expr{elem, iter, cond}}
	}
}

func (g *gen) tupleExpr(d int) *expr {
	switch g.pick(4, 1, 1, 1, 1) {
	case 0:
		e := &expr{kind: kTuple, typ: tTuple}
		for i := g.intn(3) + 1; i > 0; i-- {
			e.kids = append(e.kids, g.expr(g.scalarType(), d))
		}
		return e
	case 1:
		return bin(tTuple, "+", g.expr(tTuple, d), g.expr(tTuple, d))
	case 2:
		return call(tTuple, "tuple", g.expr(tList, d))
	case 3:
		t := tInt
		if g.chance(1, 3) {
			t = tFloat
		}
		return call(tTuple, "divmod", g.expr(t, d), g.expr(tInt, d))
	default:
		e := g.slice(tTuple, d)
		return e
	}
}

func (g *gen) dictExpr(d int) *expr {
	if g.chance(1, 2) {
		return g.dictLit()
	}
	return call(tDict, "dict", g.expr(tDict, d))
}

// illTyped are operations that raise TypeError, by operand types.
var illTyped = []struct {
	l  typ
	op string
	r  typ
}{
	{tStr, "+", tInt}, {tInt, "+", tStr}, {tList, "+", tStr}, {tList, "-", tList},
	{tStr, "-", tStr}, {tStr, "*", tStr}, {tList, "*", tList}, {tDict, "+", tDict},
	{tNone, "+", tInt}, {tStr, "/", tInt}, {tInt, "@", tInt}, {tFloat, "%", tStr},
	{tTuple, "+", tList}, {tStr, "**", tInt}, {tFloat, "&", tInt}, {tBool, "+", tNone},
	{tInt, "<", tStr}, {tList, "<", tInt}, {tDict, "<", tDict}, {tNone, "<", tNone},
	{tStr, ">=", tFloat}, {tTuple, "<", tStr},
}

// anyExpr is an expression of any type, ill-typed ones included.
func (g *gen) anyExpr(d int) *expr {
	switch g.pick(20, 2, 2, 2, 1, 1) {
	case 0:
		return g.expr(g.anyType(), d)
	case 1:
		op := illTyped[g.intn(len(illTyped))]
		l, r := g.expr(op.l, d), g.expr(op.r, d)
		if strings.ContainsAny(op.op[:1], "<>=!") {
			return &expr{kind: kCmp, typ: tAny, kids: []*expr{l, r}, cmpOps: []string{op.op}}
		}
		return bin(tAny, op.op, l, r)
	case 2:
		return &expr{kind: kIndex, typ: tAny, kids: []*expr{g.expr(tTuple, d), g.index(d)}}
	case 3:
		return method(tAny, g.expr(tDict, d), "get", g.dictKey(d))
	case 4:
		if g.chance(1, 2) {
			return method(tAny, g.expr(tStr, d), "split")
		}
		return call(tAny, "sorted", g.expr(tStr, d))
	default:
		// Not subscriptable, not callable, no len.
		switch g.intn(3) {
		case 0:
			// Not a literal: CPython warns about subscripting one.
			// (A call: a constant, even a folded one like (1 + 3)[0],
			// makes CPython warn.)
			base := call(tInt, "abs", g.expr(tInt, d))
			return &expr{kind: kIndex, typ: tAny, kids: []*expr{base, smallInt(0)}}
		case 1:
			return call(tAny, "len", g.expr(tInt, d))
		default:
			return call(tAny, "len", g.expr(tFloat, d))
		}
	}
}

// ---- functions ----

// userFunc is a function defined so far that returns t, or nil.
func (g *gen) userFunc(t typ) *funcDef {
	var fs []*funcDef
	for _, f := range g.funcs {
		if f.ret == t && f != g.fn {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return nil
	}
	return fs[g.intn(len(fs))]
}

// callUser calls f with arguments of its parameters' types: positional
// for the required ones; a defaulted one left out, positional, or by
// keyword.
func (g *gen) callUser(f *funcDef, d int) *expr {
	e := &expr{kind: kCall, typ: f.ret, text: f.name, fn: f}
	var kwArgs []*expr
	byKeyword := false
	for _, p := range f.params {
		if p.def != nil {
			switch g.intn(3) {
			case 0:
				byKeyword = true
				continue
			case 1:
				byKeyword = true
				kwArgs = append(kwArgs, g.expr(p.typ, d))
				e.kw = append(e.kw, p.name)
				continue
			}
		}
		if byKeyword {
			kwArgs = append(kwArgs, g.expr(p.typ, d))
			e.kw = append(e.kw, p.name)
			continue
		}
		e.kids = append(e.kids, g.expr(p.typ, d))
	}
	e.kids = append(e.kids, kwArgs...)
	return e
}

var paramNames = map[typ][]string{tInt: {"n", "m"}, tStr: {"word"}, tFloat: {"z"}, tList: {"items"}}
var lambdaParams = map[typ]string{tInt: "q", tStr: "w"}

// def generates a function definition or a lambda bound to a name.
func (g *gen) def() *stmt {
	f := &funcDef{name: "f" + itoa(len(g.funcs)), ret: []typ{tInt, tInt, tStr, tFloat, tList, tBool}[g.intn(6)]}
	f.isLambda = g.chance(1, 3)
	outer := g.sc
	g.sc = &scope{outer: outer, pool: funcNames, loopInt: funcLoopInt, loopSt: funcLoopStr, isFunc: true}
	used := map[string]bool{}
	nparams := g.intn(3)
	for i := 0; i < nparams; i++ {
		t := []typ{tInt, tInt, tStr, tFloat, tList}[g.intn(5)]
		var pn string
		if f.isLambda {
			if t != tInt && t != tStr {
				t = tInt
			}
			pn = lambdaParams[t]
		} else {
			pn = g.oneOf(paramNames[t])
		}
		if used[pn] {
			continue
		}
		used[pn] = true
		p := param{name: pn, typ: t}
		if len(f.params) > 0 && f.params[len(f.params)-1].def != nil || g.chance(1, 3) {
			if t == tList {
				p.def = g.listLit()
			} else {
				p.def = g.lit(t)
			}
		}
		f.params = append(f.params, p)
		g.sc.declare(t, pn)
	}
	if f.isLambda {
		f.lambda = g.expr(f.ret, 2)
	} else {
		savedFn, savedLoops := g.fn, g.loops
		g.fn, g.loops = f, 0
		if g.chance(1, 3) {
			if vars := outer.vars[tInt]; len(vars) > 0 {
				n := g.oneOf(vars)
				f.body = append(f.body, &stmt{kind: sGlobal, names: []string{n}})
				g.sc.pool[tInt] = append(append([]string(nil), g.sc.pool[tInt]...), n)
				g.sc.declare(tInt, n)
			}
		}
		f.body = append(f.body, g.stmts(g.intn(3)+1, 1)...)
		f.body = append(f.body, &stmt{kind: sReturn, value: g.expr(f.ret, 2)})
		g.fn, g.loops = savedFn, savedLoops
	}
	g.sc = outer
	g.funcs = append(g.funcs, f)
	return &stmt{kind: sDef, fn: f}
}

// ---- statements ----

// stmts generates n statements at nesting level nest.
func (g *gen) stmts(n, nest int) []*stmt {
	savedNest := g.nest
	g.nest = nest
	defer func() { g.nest = savedNest }()
	var out []*stmt
	for i := 0; i < n; i++ {
		s := g.stmt()
		out = append(out, s)
		// Show what an assignment did, often: a wrong value then shows
		// even if nothing prints it later.
		if (s.kind == sAssign || s.kind == sAug) && g.chance(1, 2) {
			t := s.targets[0]
			if t.kind == kTuple {
				t = t.kids[0]
			}
			out = append(out, &stmt{kind: sExpr, value: call(tNone, "print", t)})
		}
	}
	return out
}

func (g *gen) assignable(t typ) string { return g.oneOf(g.sc.pool[t]) }

// assignType is a type a statement can assign a variable of.
func (g *gen) assignType() typ {
	return []typ{tInt, tInt, tInt, tFloat, tStr, tStr, tBool, tList, tList, tTuple, tDict}[g.intn(11)]
}

func (g *gen) stmt() *stmt {
	compound := g.nest < 2
	w := []int{
		10, // 0 assignment
		4,  // 1 augmented assignment
		8,  // 2 print
		2,  // 3 tuple assignment / chain
		3,  // 4 subscript assignment, del
		2,  // 5 list methods
		0,  // 6 if
		0,  // 7 for
		0,  // 8 while
		0,  // 9 try
		0,  // 10 def
		2,  // 11 call of a function, assert
		0,  // 12 break, continue, return
	}
	if compound {
		w[6], w[7], w[8], w[9] = 3, 3, 1, 3
	}
	if g.nest == 0 && g.fn == nil && len(g.funcs) < 3 {
		w[10] = 3
	}
	if g.loops > 0 || g.fn != nil {
		w[12] = 2
	}
	const d = 2
	switch g.pick(w...) {
	case 0:
		t := g.assignType()
		v := g.expr(t, d)
		n := g.assignable(t)
		g.sc.declare(t, n)
		return &stmt{kind: sAssign, targets: []*expr{name(t, n)}, value: v}
	case 1:
		return g.augAssign(d)
	case 2:
		return g.print(d)
	case 3:
		t1, t2 := g.assignType(), g.assignType()
		if g.chance(1, 3) {
			// a chain: x = y = value
			n1, n2 := g.sc.pool[t1][0], g.sc.pool[t1][len(g.sc.pool[t1])-1]
			v := g.expr(t1, d)
			g.sc.declare(t1, n1)
			g.sc.declare(t1, n2)
			if n1 == n2 {
				return &stmt{kind: sAssign, targets: []*expr{name(t1, n1)}, value: v}
			}
			return &stmt{kind: sAssign, targets: []*expr{name(t1, n1), name(t1, n2)}, value: v}
		}
		n1, n2 := g.assignable(t1), g.assignable(t2)
		if n1 == n2 {
			n2 = g.sc.pool[t2][0]
			if n1 == n2 {
				return &stmt{kind: sAssign, targets: []*expr{name(t1, n1)}, value: g.expr(t1, d)}
			}
		}
		v := &expr{kind: kTuple, typ: tTuple, kids: []*expr{g.expr(t1, d), g.expr(t2, d)}}
		g.sc.declare(t1, n1)
		g.sc.declare(t2, n2)
		return &stmt{kind: sAssign, targets: []*expr{{kind: kTuple, typ: tTuple, kids: []*expr{name(t1, n1), name(t2, n2)}}}, value: v}
	case 4:
		return g.subscriptStmt(d)
	case 5:
		lists := g.sc.vars[tList]
		if len(lists) == 0 {
			return g.print(d)
		}
		l := name(tList, g.oneOf(lists))
		switch g.intn(4) {
		case 0, 1:
			return &stmt{kind: sExpr, value: method(tNone, l, "append", g.expr(tInt, d))}
		case 2:
			return &stmt{kind: sExpr, value: method(tNone, l, g.oneOf([]string{"sort", "reverse"}))}
		default:
			return &stmt{kind: sExpr, value: call(tNone, "print", method(tInt, l, "pop"))}
		}
	case 6:
		return g.ifStmt(d)
	case 7:
		return g.forStmt(d)
	case 8:
		g.whiles++
		s := &stmt{kind: sWhile, counter: "_w" + itoa(g.whiles), limit: g.intn(maxIter) + 1}
		g.loops++
		s.body = g.stmts(g.intn(3)+1, g.nest+1)
		g.loops--
		return s
	case 9:
		return g.tryStmt(d)
	case 10:
		return g.def()
	case 11:
		if g.chance(1, 5) {
			return &stmt{kind: sAssert, cond: g.expr(tBool, d), value: strLitOf(g.oneOf([]string{"check failed", "bad value"}))}
		}
		f := g.userFunc(g.assignType())
		if f == nil {
			return g.print(d)
		}
		return &stmt{kind: sExpr, value: call(tNone, "print", g.callUser(f, d))}
	default:
		if g.fn != nil && (g.loops == 0 || g.chance(1, 2)) {
			return &stmt{kind: sIf, cond: g.expr(tBool, d), body: []*stmt{{kind: sReturn, value: g.expr(g.fn.ret, d)}}}
		}
		k := sBreak
		if g.chance(1, 2) {
			k = sContinue
		}
		return &stmt{kind: sIf, cond: g.expr(tBool, d), body: []*stmt{{kind: k}}}
	}
}

var augOps = map[typ][]string{
	tInt:   {"+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", ">>=", "**=", "<<=", "+=", "-="},
	tFloat: {"+=", "-=", "*=", "/=", "//=", "%="},
	tStr:   {"+=", "*="},
	tList:  {"+=", "*="},
}

func (g *gen) augAssign(d int) *stmt {
	t := []typ{tInt, tInt, tInt, tFloat, tStr, tList}[g.intn(6)]
	vars := g.sc.vars[t]
	var target *expr
	switch {
	case t == tInt && g.chance(1, 4) && len(g.sc.vars[tDict]) > 0:
		target = &expr{kind: kIndex, typ: tInt, kids: []*expr{name(tDict, g.oneOf(g.sc.vars[tDict])), g.dictKey(0)}}
	case t == tInt && g.chance(1, 4) && len(g.sc.vars[tList]) > 0:
		target = &expr{kind: kIndex, typ: tInt, kids: []*expr{name(tList, g.oneOf(g.sc.vars[tList])), g.index(0)}}
	case len(vars) > 0:
		target = name(t, g.oneOf(vars))
		if !contains(g.sc.pool[t], target.text) {
			// A module variable read in a function: assigning it would
			// make it local; aug-assign one of the function's own.
			target = name(t, g.assignable(t))
		}
	case g.chance(1, 10):
		// Now and then one that may not be bound yet: a NameError.
		target = name(t, g.assignable(t))
	default:
		return g.print(d)
	}
	op := g.oneOf(augOps[t])
	var v *expr
	switch {
	case op == "**=":
		v = smallInt(g.intn(4))
	case op == "<<=":
		v = smallInt(g.intn(9))
	case op == "*=" && t != tInt && t != tFloat:
		v = smallInt(g.intn(4))
	case t == tFloat && g.chance(1, 3):
		v = g.expr(tInt, d)
	default:
		v = g.expr(t, d)
	}
	return &stmt{kind: sAug, targets: []*expr{target}, op: op, value: v}
}

func (g *gen) subscriptStmt(d int) *stmt {
	lists, dicts := g.sc.vars[tList], g.sc.vars[tDict]
	switch {
	case len(dicts) > 0 && g.chance(1, 2):
		dn := name(tDict, g.oneOf(dicts))
		key := g.dictKey(d)
		if g.chance(1, 4) {
			return &stmt{kind: sDel, targets: []*expr{{kind: kIndex, typ: tInt, kids: []*expr{dn, key}}}}
		}
		return &stmt{kind: sAssign, targets: []*expr{{kind: kIndex, typ: tInt, kids: []*expr{dn, key}}}, value: g.expr(tInt, d)}
	case len(lists) > 0:
		ln := name(tList, g.oneOf(lists))
		switch g.intn(4) {
		case 0:
			return &stmt{kind: sDel, targets: []*expr{{kind: kIndex, typ: tInt, kids: []*expr{ln, g.index(d)}}}}
		case 1:
			sl := &expr{kind: kSlice, typ: tList, kids: []*expr{ln, g.index(d), g.index(d), nil}}
			return &stmt{kind: sAssign, targets: []*expr{sl}, value: g.listLit()}
		default:
			return &stmt{kind: sAssign, targets: []*expr{{kind: kIndex, typ: tInt, kids: []*expr{ln, g.index(d)}}}, value: g.expr(tInt, d)}
		}
	}
	return g.print(d)
}

// print prints one to three expressions, sometimes with sep or end.
func (g *gen) print(d int) *stmt {
	e := call(tNone, "print")
	for i := g.intn(3) + 1; i > 0; i-- {
		t := tAny
		if g.chance(1, 2) {
			t = g.anyType()
		}
		e.kids = append(e.kids, g.expr(t, d))
	}
	if g.chance(1, 8) {
		e.kids = append(e.kids, strLitOf(g.oneOf([]string{"", "-", " | "})))
		e.kw = []string{"sep"}
	}
	return &stmt{kind: sExpr, value: e}
}

func (g *gen) ifStmt(d int) *stmt {
	s := &stmt{kind: sIf, cond: g.expr(tBool, d)}
	s.body = g.stmts(g.intn(3)+1, g.nest+1)
	switch g.intn(3) {
	case 0:
		s.orelse = g.stmts(g.intn(2)+1, g.nest+1)
	case 1:
		el := &stmt{kind: sIf, elif: true, cond: g.expr(tBool, d)}
		el.body = g.stmts(g.intn(2)+1, g.nest+1)
		if g.chance(1, 2) {
			el.orelse = g.stmts(1, g.nest+1)
		}
		s.orelse = []*stmt{el}
	}
	return s
}

// forStmt loops over a short iterable: range(k), a literal, or a slice
// of at most three items.
func (g *gen) forStmt(d int) *stmt {
	s := &stmt{kind: sFor}
	var iter *expr
	var vt typ = tInt
	switch g.intn(5) {
	case 0, 1:
		iter = call(tList, "range", smallInt(g.intn(maxIter+1)))
		if g.chance(1, 3) {
			iter = call(tList, "range", smallInt(g.intn(3)-1), smallInt(g.intn(3)+2))
		}
	case 2:
		iter = g.listLit()
	case 3:
		vt = tStr
		iter = strLitOf(g.oneOf([]string{"ab", "xyz", "", "hey!"}))
	default:
		if lists := g.sc.readable(tList); len(lists) > 0 && g.chance(1, 2) {
			iter = &expr{kind: kSlice, typ: tList, kids: []*expr{name(tList, g.oneOf(lists)), nil, smallInt(3), nil}}
		} else if strs := g.sc.readable(tStr); len(strs) > 0 {
			vt = tStr
			iter = &expr{kind: kSlice, typ: tStr, kids: []*expr{name(tStr, g.oneOf(strs)), nil, smallInt(3), nil}}
		} else {
			iter = g.listLit()
		}
	}
	var v string
	if vt == tStr {
		v = g.oneOf(g.sc.loopSt)
	} else {
		v = g.oneOf(g.sc.loopInt)
	}
	g.sc.declare(vt, v)
	s.targets = []*expr{name(vt, v)}
	s.value = iter
	g.loops++
	s.body = g.stmts(g.intn(3)+1, g.nest+1)
	g.loops--
	if g.chance(1, 4) {
		s.orelse = g.stmts(1, g.nest+1)
	}
	return s
}

var excNames = []string{"ZeroDivisionError", "TypeError", "ValueError", "IndexError", "KeyError",
	"OverflowError", "AttributeError", "NameError", "ArithmeticError", "LookupError", "Exception"}

func (g *gen) tryStmt(d int) *stmt {
	s := &stmt{kind: sTry}
	s.body = g.stmts(g.intn(3)+1, g.nest+1)
	if g.chance(5, 6) {
		for i := g.intn(3) + 1; i > 0; i-- {
			if e := g.oneOf(excNames); !contains(s.excs, e) {
				s.excs = append(s.excs, e)
			}
		}
		report := call(tNone, "print", strLitOf("caught"),
			&expr{kind: kName, typ: tStr, text: "type(err).__name__"}, name(tAny, "err"))
		s.handler = []*stmt{{kind: sExpr, value: report}}
		if g.chance(1, 3) {
			s.handler = append(s.handler, g.stmts(1, g.nest+1)...)
		}
		if g.chance(1, 4) {
			s.orelse = g.stmts(1, g.nest+1)
		}
	}
	if len(s.excs) == 0 || g.chance(1, 4) {
		s.final = g.stmts(1, g.nest+1)
	}
	return s
}

// Builtins are the built-in functions generated programs call (a test
// checks the list against the generator's output), for harnesses that
// must know the interpreter under test has them all.
var Builtins = []string{"abs", "all", "any", "bin", "bool", "chr", "dict", "divmod", "float", "hex", "int", "isinstance",
	"len", "list", "max", "min", "oct", "ord", "print", "range", "repr", "round", "sorted", "str", "sum", "tuple"}
