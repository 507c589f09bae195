package pygen

// The bounds analysis: an abstract interpretation of a generated program
// that gives every value an upper bound on its size, so that no program
// builds a huge int, str or list (and so takes long or much memory to
// run). Loops run their bodies as often as they can run; both branches of
// an if and every part of a try are taken; a call runs the function's
// body with its arguments' bounds. A statement that could exceed a limit
// is pruned (printed as pass), and the analysis goes on without it.

// Limits on any value of a generated program.
const (
	maxBits  = 4000  // an int's bit length (about 1,200 digits)
	maxItems = 1000  // a str's or container's length
	maxRepr  = 20000 // the length of its repr
)

// av is the abstract value of an expression: upper bounds.
type av struct {
	// bits bounds an int's bit length, or a list's or dict's ints.
	bits int
	// n bounds a str's or container's length.
	n int
	// size bounds the length of its repr (and str).
	size int
	// str is a str literal's value (for printing inside f-strings).
	str string
}

func join(a, b av) av {
	return av{bits: max(a.bits, b.bits), n: max(a.n, b.n), size: max(a.size, b.size)}
}

func (a av) ok() bool { return a.bits <= maxBits && a.n <= maxItems && a.size <= maxRepr }

// intAV is an int of at most bits bits.
func intAV(bits int) av { return av{bits: bits, size: bits*31/100 + 3} }

// strAV is a str of at most n characters (repr: escapes take up to 10).
func strAV(n int) av { return av{n: n, size: 10*n + 2} }

func listAV(n, bits int) av { return av{n: n, bits: bits, size: n*(intAV(bits).size+2) + 2} }

var (
	floatAV = av{bits: 1025, size: 25} // bits: int() of a float
	boolAV  = av{bits: 1, size: 5}
	noneAV  = av{size: 4}
)

func bitLen(n int) int {
	b := 1
	for n > 1 {
		n >>= 1
		b++
	}
	return b
}

// state is the abstract state: each variable's bound.
type state map[string]av

func (s state) copy() state {
	c := state{}
	for k, v := range s {
		c[k] = v
	}
	return c
}

func (s state) joinWith(o state) {
	for k, v := range o {
		s[k] = join(s[k], v)
	}
}

// frame is one activation: its variables, the module's, and which of its
// names are declared global.
type frame struct {
	local   state
	module  state
	globals map[string]bool
	isFunc  bool
	ret     av
	// over is set when a value exceeded a limit.
	over bool
	// calls counts function activations, to bound the analysis itself.
	calls *int
}

func (f *frame) get(name string) av {
	if f.isFunc && !f.globals[name] {
		if v, ok := f.local[name]; ok {
			return v
		}
	}
	return f.module[name]
}

// aliases are the names of mutable containers that may be one object:
// `vals = nums`, or a list passed as a function's argument. Mutating one
// mutates all, so the analysis gives them one bound.
var aliases = [][]string{{"nums", "vals", "items"}, {"d", "table"}}

func (f *frame) set(name string, v av) {
	if !v.ok() {
		f.over = true
	}
	for _, group := range aliases {
		if contains(group, name) {
			for _, m := range group {
				f.local[m] = join(f.local[m], v)
				f.module[m] = join(f.module[m], v)
			}
			return
		}
	}
	if f.isFunc && !f.globals[name] {
		f.local[name] = join(f.local[name], v)
		return
	}
	f.module[name] = join(f.module[name], v)
}

// check records a value that exceeds a limit.
func (f *frame) check(v av) av {
	if !v.ok() {
		f.over = true
	}
	return v
}

// eval bounds e.
func (f *frame) eval(e *expr) av {
	return f.check(f.evalRaw(e))
}

func (f *frame) evalRaw(e *expr) av {
	kid := func(i int) av { return f.eval(e.kids[i]) }
	switch e.kind {
	case kLit:
		return e.lit
	case kName:
		return f.get(e.text)
	case kUnary:
		a := kid(0)
		if e.text == "not" {
			return boolAV
		}
		return join(a, intAV(a.bits+1))
	case kBin:
		a, b := kid(0), kid(1)
		switch e.typ {
		case tInt:
			switch e.text {
			case "+", "-", "|", "^", "&":
				return intAV(max(a.bits, b.bits) + 1)
			case "*":
				return intAV(a.bits + b.bits)
			case "//", "%", ">>":
				return intAV(max(a.bits, b.bits))
			case "**":
				return intAV(a.bits*litInt(e.kids[1]) + 1)
			case "<<":
				return intAV(a.bits + litInt(e.kids[1]))
			}
		case tStr:
			if e.text == "+" {
				return strAV(a.n + b.n)
			}
			if e.text == "*" {
				return strAV(a.n * max(litInt(e.kids[1]), 0))
			}
		case tList:
			if e.text == "+" {
				return listAV(a.n+b.n, max(a.bits, b.bits))
			}
			if e.text == "*" {
				return listAV(a.n*max(litInt(e.kids[1]), 0), a.bits)
			}
		case tTuple:
			return av{n: a.n + b.n, size: a.size + b.size}
		case tFloat:
			return floatAV
		}
		// An ill-typed operation: it raises.
		return join(a, b)
	case kCmp, kBool:
		var v av
		for i := range e.kids {
			v = join(v, kid(i))
		}
		if e.kind == kCmp {
			return boolAV
		}
		return v
	case kIfExp:
		kid(1)
		return join(kid(0), kid(2))
	case kCall:
		return f.call(e)
	case kMethod:
		return f.method(e)
	case kIndex:
		a := kid(0)
		kid(1)
		switch e.kids[0].typ {
		case tStr:
			return strAV(1)
		case tList, tDict:
			return intAV(a.bits)
		}
		return a // a tuple's item is no bigger than the tuple
	case kSlice:
		a := kid(0)
		for i := 1; i < 4; i++ {
			if e.kids[i] != nil {
				kid(i)
			}
		}
		return a
	case kList, kTuple, kDict:
		var v av
		bits, size := 0, 2
		for i := range e.kids {
			k := kid(i)
			v = join(v, k)
			bits = max(bits, k.bits)
			size += k.size + 4
		}
		n := len(e.kids)
		if e.kind == kDict {
			n /= 2
		}
		return av{n: n, bits: bits, size: size}
	case kFString:
		n := 0
		for _, p := range e.parts {
			if p.e == nil {
				n += len([]rune(p.text))
				continue
			}
			v := f.eval(p.e)
			n += v.size + specWidth(p.spec) + 30 // e, %, grouping add a few
		}
		return strAV(n)
	case kPercent:
		fmtv, args := kid(0), kid(1)
		return strAV(fmtv.n + args.size + 40)
	case kLambda:
		return noneAV
	case kListComp:
		it := kid(1)
		saved, had := f.local[e.params[0]], f.isFunc
		// The comprehension's variable is its own; bound it as a local.
		if !f.isFunc {
			f.isFunc, f.local, f.globals = true, state{}, map[string]bool{}
		}
		f.local[e.params[0]] = intAV(max(it.bits, 8))
		el := kid(0)
		if e.kids[2] != nil {
			kid(2)
		}
		if had {
			f.local[e.params[0]] = saved
		} else {
			f.isFunc = false
		}
		return listAV(it.n, el.bits)
	}
	return av{}
}

// specWidth is the width a format spec pads to, at most.
func specWidth(spec string) int {
	n, w := 0, 0
	for _, c := range spec {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
			w = max(w, n)
		} else {
			n = 0
		}
	}
	return w
}

// litInt is the value of a small int literal (the exponent of **, the
// shift of <<, the count of a repetition).
func litInt(e *expr) int {
	if e.kind == kUnary && e.text == "-" {
		return -litInt(e.kids[0])
	}
	if e.kind != kLit {
		return maxBits // not generated; bound it as the worst
	}
	n := 0
	for _, c := range e.text {
		if c < '0' || c > '9' {
			return maxBits
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// call bounds a call of a built-in or of a generated function.
func (f *frame) call(e *expr) av {
	args := make([]av, len(e.kids))
	for i, k := range e.kids {
		args[i] = f.eval(k)
	}
	all := av{}
	for _, a := range args {
		all = join(all, a)
	}
	if e.fn != nil {
		return f.callUser(e.fn, e, args)
	}
	switch e.text {
	case "len", "ord", "hash":
		return intAV(21)
	case "abs", "min", "max":
		if e.typ == tStr {
			return strAV(all.n)
		}
		return join(intAV(all.bits), all)
	case "sum":
		return intAV(all.bits + bitLen(all.n) + 1)
	case "int":
		if e.kids[0].typ == tStr {
			return intAV(all.n*4 + 4)
		}
		return intAV(max(all.bits, 1025))
	case "round":
		if len(e.kids) == 2 {
			return floatAV
		}
		return intAV(1025)
	case "float":
		return floatAV
	case "str", "repr", "ascii", "hex", "bin", "oct":
		return strAV(all.size + all.bits + 4)
	case "chr":
		return strAV(1)
	case "bool", "isinstance", "any", "all", "callable":
		return boolAV
	case "sorted", "list":
		if e.typ == tList {
			return listAV(all.n, all.bits)
		}
		return av{n: all.n, bits: all.bits, size: all.size + 4*all.n}
	case "tuple":
		return av{n: all.n, bits: all.bits, size: all.size + 2}
	case "range":
		return listAV(maxIter, 4)
	case "divmod":
		return av{n: 2, bits: all.bits, size: 2 * all.size}
	case "print":
		return noneAV
	}
	return all
}

// callUser runs a generated function's body on its arguments' bounds.
func (f *frame) callUser(fn *funcDef, e *expr, args []av) av {
	*f.calls++
	if *f.calls > 10000 {
		f.over = true
		return av{}
	}
	callee := &frame{local: state{}, module: f.module, globals: map[string]bool{}, isFunc: true, calls: f.calls}
	npos := len(e.kids) - len(e.kw)
	for i, p := range fn.params {
		var v av
		switch {
		case i < npos:
			v = args[i]
		case p.def != nil:
			v = f.eval(p.def)
		}
		for j, k := range e.kw {
			if k == p.name {
				v = args[npos+j]
			}
		}
		callee.local[p.name] = v
	}
	if fn.isLambda {
		r := callee.eval(fn.lambda)
		f.over = f.over || callee.over
		return r
	}
	callee.block(fn.body)
	f.over = f.over || callee.over
	return callee.ret
}

// method bounds a method call.
func (f *frame) method(e *expr) av {
	recv := f.eval(e.kids[0])
	args := av{}
	for _, k := range e.kids[1:] {
		args = join(args, f.eval(k))
	}
	switch e.text {
	case "upper", "lower", "title", "swapcase", "capitalize":
		return strAV(3 * recv.n)
	case "strip", "lstrip", "rstrip":
		return recv
	case "replace":
		return strAV((recv.n + 1) * (args.n + 1))
	case "join":
		return strAV(args.n*recv.n + args.size)
	case "split":
		return av{n: recv.n + 1, size: recv.size*2 + 4}
	case "find", "count", "index":
		return intAV(21)
	case "center", "ljust", "rjust", "zfill":
		return strAV(recv.n + litInt(e.kids[1]))
	case "startswith", "endswith", "isdigit", "isalpha":
		return boolAV
	case "get":
		return join(intAV(recv.bits), args)
	case "append":
		name := e.kids[0].text
		f.set(name, listAV(recv.n+1, max(recv.bits, args.bits)))
		return noneAV
	case "pop":
		return intAV(recv.bits)
	}
	return join(recv, args)
}

// maxIter is the most times a generated loop runs.
const maxIter = 4

// block bounds a list of statements, pruning those that exceed a limit.
func (f *frame) block(body []*stmt) {
	for _, s := range body {
		if s.pruned {
			continue
		}
		before := f.snapshot()
		f.over = false
		f.stmt(s)
		if f.over {
			s.pruned = true
			f.restore(before)
			f.over = false
		}
	}
}

type snapshot struct {
	local, module state
	ret           av
}

func (f *frame) snapshot() snapshot {
	return snapshot{f.local.copy(), f.module.copy(), f.ret}
}

func (f *frame) restore(s snapshot) {
	f.local, f.ret = s.local, s.ret
	// The module state is shared with callers: restore it in place.
	for k := range f.module {
		delete(f.module, k)
	}
	for k, v := range s.module {
		f.module[k] = v
	}
}

func (f *frame) assign(t *expr, v av) {
	switch t.kind {
	case kName:
		f.set(t.text, v)
	case kTuple:
		for _, k := range t.kids {
			// A tuple target takes one item of v.
			f.assign(k, join(v, av{}))
		}
	case kIndex:
		f.eval(t.kids[1])
		base := f.get(t.kids[0].text)
		if t.kids[0].typ == tDict {
			f.set(t.kids[0].text, av{n: base.n + 1, bits: max(base.bits, v.bits), size: base.size + v.size + 12})
		} else {
			f.set(t.kids[0].text, listAV(base.n, max(base.bits, v.bits)))
		}
	case kSlice:
		base := f.get(t.kids[0].text)
		f.set(t.kids[0].text, listAV(base.n+v.n, max(base.bits, v.bits)))
	}
}

func (f *frame) stmt(s *stmt) {
	switch s.kind {
	case sAssign:
		v := f.eval(s.value)
		for _, t := range s.targets {
			f.assign(t, v)
		}
	case sAug:
		// Bound `t op= v` as `t = t op v`.
		t := s.targets[0]
		e := &expr{kind: kBin, typ: t.typ, text: s.op[:len(s.op)-1], kids: []*expr{t, s.value}}
		f.assign(t, f.eval(e))
	case sExpr:
		f.eval(s.value)
	case sIf:
		f.eval(s.cond)
		other := f.fork()
		f.block(s.body)
		other.block(s.orelse)
		f.merge(other)
	case sFor, sWhile:
		if s.kind == sFor {
			it := f.eval(s.value)
			var v av
			switch s.value.typ {
			case tStr:
				v = strAV(1)
			default:
				v = intAV(max(it.bits, 8))
			}
			f.assign(s.targets[0], v)
		}
		for i := 0; i < maxIter; i++ {
			f.block(s.body)
		}
		f.block(s.orelse)
	case sTry:
		f.block(s.body)
		f.set("err", av{size: maxRepr / 10})
		f.block(s.handler)
		f.block(s.orelse)
		f.block(s.final)
	case sReturn:
		f.ret = join(f.ret, f.eval(s.value))
	case sAssert:
		f.eval(s.cond)
		f.eval(s.value)
	case sGlobal:
		for _, n := range s.names {
			f.globals[n] = true
		}
	case sDel:
		for _, t := range s.targets {
			if t.kind != kName {
				f.eval(t.kids[1])
			}
		}
	}
}

// fork copies the frame for another path through the program.
func (f *frame) fork() *frame {
	g := *f
	g.local = f.local.copy()
	g.module = f.module.copy()
	return &g
}

// merge joins another path's state into f's (the module state in place).
func (f *frame) merge(g *frame) {
	f.local.joinWith(g.local)
	for k, v := range g.module {
		f.module[k] = join(f.module[k], v)
	}
	f.ret = join(f.ret, g.ret)
	f.over = f.over || g.over
}

// prune runs the analysis over a program, pruning what could exceed the
// limits.
func prune(body []*stmt) {
	calls := 0
	f := &frame{local: state{}, module: state{}, globals: map[string]bool{}, calls: &calls}
	f.block(body)
}
