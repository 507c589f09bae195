package core

// Table-driven tests of the object model against CPython's semantics.
//
// testdata/semantics/cases.txt holds Python expressions with the result
// CPython 3.11 gave for each (the repr, or the exception's type and
// message); testdata/semantics/gen.py made it (see its header to
// regenerate). TestPySemantics parses each expression with the small
// parser below, evaluates it through core's Go API -- BinaryOp, Compare,
// GetItem, LoadMethod, Call and the builtins module -- and compares the
// repr of the result, or the exception, with CPython's.
//
// Where rwgil differs from CPython on purpose, pySemanticsOverrides holds
// rwgil's answer; where core has a bug, pyKnownBugs holds rwgil's current
// (wrong) answer, so that the suite stays green until it is fixed and then
// asks for the entry to be removed.

import (
	"bufio"
	"errors"
	"fmt"
	"math/big"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// pySemanticsOverrides maps an expression to rwgil's expected answer where
// rwgil deliberately differs from CPython.
var pySemanticsOverrides = map[string]string{
	// rwgil differs: sets iterate (and print) in insertion order.
	`{3, 1, 2}`: `{3, 1, 2}`,
	// rwgil differs: no complex numbers, so a negative base to a
	// fractional power raises instead of returning a complex.
	`(-8) ** (1/3)`: `!ValueError: negative number cannot be raised to a fractional power`,
	`(-2.0) ** 0.5`: `!ValueError: negative number cannot be raised to a fractional power`,
	// rwgil differs: no complex numbers (complex() raises TypeError).
	`pow(-8, 1/3)`: `!ValueError: negative number cannot be raised to a fractional power`,
	`complex(1)`:   `!TypeError: complex numbers are not supported by rwgil`,
	// rwgil differs: sets iterate (and print) in insertion order.
	`{'a': 1}.keys() | {'b'}`: `{'a', 'b'}`,
	// rwgil differs: range bounds are int64.
	`range(2**64)[0]`: `!OverflowError: range(): Python int too large to convert to C ssize_t`,
}

// pyKnownBugs maps an expression to rwgil's current answer where it is a
// bug of core. A case listed here is skipped while rwgil still gives that
// answer, and fails once it gives CPython's: then remove the entry. Add
// an entry, with a comment naming where the fix belongs, only for a bug
// that cannot be fixed at once.
var pyKnownBugs = map[string]string{}

// pyCase is one line of cases.txt.
type pyCase struct {
	line       int
	expr, want string
}

// pyLoadCases reads and unescapes cases.txt.
func pyLoadCases(t *testing.T, path string) []pyCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []pyCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rawExpr, rawWant, ok := strings.Cut(line, "\t")
		if !ok || strings.Contains(rawWant, "\t") {
			t.Fatalf("%s:%d: want exactly one tab: %q", path, n, line)
		}
		expr, err1 := pyUnescapeField(rawExpr)
		want, err2 := pyUnescapeField(rawWant)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		cases = append(cases, pyCase{line: n, expr: expr, want: want})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// pyUnescapeField undoes gen.py's escaping: \\ \t \n \r.
func pyUnescapeField(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) {
			return "", fmt.Errorf("field ends in a lone backslash: %q", s)
		}
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", fmt.Errorf("bad escape \\%c in %q", s[i], s)
		}
	}
	return b.String(), nil
}

// TestPySemantics evaluates every case of cases.txt on one thread of a
// runtime that tracks its objects, as a subtest named by the expression,
// and checks each for leaks as well as for its answer; closing the
// runtime at the end must report nothing.
func TestPySemantics(t *testing.T) {
	cases := pyLoadCases(t, "testdata/semantics/cases.txt")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	known := map[string]bool{}
	for _, c := range cases {
		known[c.expr] = true
	}
	for _, m := range []map[string]string{pySemanticsOverrides, pyKnownBugs} {
		for expr := range m {
			if !known[expr] {
				t.Errorf("stale override or known bug: %q is not a case of cases.txt", expr)
			}
		}
	}
	for expr := range pyKnownBugs {
		if _, ok := pySemanticsOverrides[expr]; ok {
			t.Errorf("%q is both an override and a known bug", expr)
		}
	}

	rt, err := NewRuntime(Config{TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("pysemantics")
	if err := th.Attach(); err != nil {
		t.Fatal(err)
	}
	ev := &pyEvaluator{th: th}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			th.live.publish() // Stats reads what running threads last published
			liveBefore, reportsBefore := rt.Stats().Live, len(rt.Reports())
			got, err := ev.run(c.expr)
			if err != nil {
				t.Fatalf("line %d: %s: %v", c.line, c.expr, err)
			}
			th.live.publish()
			if d := pyLiveDiff(liveBefore, rt.Stats().Live); d != "" {
				t.Errorf("%s: live objects changed (a leak or an early free): %s", c.expr, d)
			}
			if reps := rt.Reports(); len(reps) > reportsBefore {
				t.Errorf("%s: refcount misuse reported: %v", c.expr, reps[reportsBefore:])
			}
			if o, ok := pySemanticsOverrides[c.expr]; ok {
				if got != o {
					t.Errorf("%s (an override)\n  CPython:        %s\n  rwgil expected: %s\n  rwgil:          %s", c.expr, c.want, o, got)
				}
				return
			}
			if bug, ok := pyKnownBugs[c.expr]; ok {
				switch got {
				case bug:
					t.Skipf("known core bug: %s\n  CPython: %s\n  rwgil:   %s", c.expr, c.want, got)
				case c.want:
					t.Errorf("%s: rwgil now gives CPython's answer %s: remove it from pyKnownBugs", c.expr, got)
				default:
					t.Errorf("%s: known bug changed\n  CPython:        %s\n  rwgil recorded: %s\n  rwgil now:      %s", c.expr, c.want, bug, got)
				}
				return
			}
			if got != c.want {
				t.Errorf("%s\n  CPython: %s\n  rwgil:   %s", c.expr, c.want, got)
			}
		})
	}
	if err := th.Detach(); err != nil {
		t.Error(err)
	}
	if err := th.Close(); err != nil {
		t.Error(err)
	}
	if err := rt.Close(); err != nil {
		t.Errorf("Runtime.Close: %v", err)
	}
}

// pyLiveDiff describes how the live-object counts changed, by type.
func pyLiveDiff(before, after map[string]int64) string {
	var parts []string
	for name, n := range after {
		if d := n - before[name]; d != 0 {
			parts = append(parts, fmt.Sprintf("%s %+d", name, d))
		}
	}
	for name, n := range before {
		if _, ok := after[name]; !ok && n != 0 {
			parts = append(parts, fmt.Sprintf("%s %+d", name, -n))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// ---- The evaluator ----

// pyEvaluator evaluates parsed expressions on a thread, through core's Go
// API. Reference ownership, throughout:
//
//   - eval returns a NEW reference to its result, which the caller must
//     drop with Decref, or a nil object and an error. The immortal objects
//     (None, True, False, small ints, builtins) need no reference, and
//     Decref on them does nothing, so they are returned as they are.
//   - An error returned by core is a *Exception that OWNS one reference to
//     the exception: whoever stops propagating it (run) reads it and then
//     drops it with Discard. Errors pass up unchanged otherwise.
//   - Operands are BORROWED by core's operations (BinaryOp, Compare, Call,
//     ...): eval evaluates them to new references, calls the operation,
//     and drops them afterwards, error or not. NewList and NewTuple are
//     the exception: they TAKE OVER the references in their items.
//   - LoadMethod returns new references to the function and to self (or
//     nil): a method call drops both after Call.
//   - A lambda's environment OWNS a reference to each argument bound in it
//     while its call runs; looking a name up returns a new reference. When
//     the call returns, the references are dropped and the environment is
//     closed: a lambda that outlives the call whose parameters it can see
//     raises NameError if it reads one, rather than touch a freed object.
//
// TestPySemantics checks every case for leaks (the live-object counts by
// type before and after) and for refcount misuse reports, so a slip here
// shows up as a failure of the case that made it.
type pyEvaluator struct {
	th *Thread
}

// run parses and evaluates src, returning repr of the result or
// "!Type: message" for an exception. A non-nil error is a failure of the
// test itself (a parse error, a Go error, a panic).
func (ev *pyEvaluator) run(src string) (out string, err error) {
	n, err := pyParse(src)
	if err != nil {
		return "", fmt.Errorf("parse: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	th := ev.th
	v, err := ev.eval(n, nil)
	if err == nil {
		s, rerr := th.Repr(v)
		th.Decref(v)
		if rerr == nil {
			return s, nil
		}
		err = rerr
	}
	var e *Exception
	if !errors.As(err, &e) {
		return "", fmt.Errorf("not a Python exception: %T %v", err, err)
	}
	out = "!" + e.TypeName()
	if msg := e.Message(); msg != "" {
		out += ": " + msg
	}
	th.Discard(err)
	return out, nil
}

// pyEnv is the environment of a lambda call (see the ownership rules).
type pyEnv struct {
	vars   map[string]Object // owned references
	parent *pyEnv
	closed bool // the call returned: vars were dropped
}

func (ev *pyEvaluator) lookup(name string, env *pyEnv) (Object, error) {
	th := ev.th
	for e := env; e != nil; e = e.parent {
		if v, ok := e.vars[name]; ok {
			if e.closed {
				return nil, th.Raisef(th.rt.types.exc.NameError, "lambda parameter '%s' used after its call returned", name)
			}
			th.Incref(v)
			return v, nil
		}
	}
	return th.loadGlobal(th.rt.builtins.dict, th.rt.Intern(name))
}

// evalAll evaluates exprs to new references; on an error it drops those
// already made.
func (ev *pyEvaluator) evalAll(exprs []pyExpr, env *pyEnv) ([]Object, error) {
	out := make([]Object, 0, len(exprs))
	for _, x := range exprs {
		v, err := ev.eval(x, env)
		if err != nil {
			ev.th.decrefAll(out)
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// eval evaluates n in env (nil at top level): a new reference.
func (ev *pyEvaluator) eval(n pyExpr, env *pyEnv) (Object, error) {
	th := ev.th
	switch n := n.(type) {
	case *pyConst:
		switch n.kind {
		case pyConstNone:
			return th.rt.None, nil
		case pyConstTrue:
			return th.rt.True, nil
		case pyConstFalse:
			return th.rt.False, nil
		case pyConstInt:
			return th.NewBigInt(n.i), nil
		case pyConstFloat:
			return th.NewFloat(n.f), nil
		case pyConstBytes:
			b := make([]byte, 0, len(n.s))
			for _, r := range n.s {
				b = append(b, byte(r))
			}
			return th.NewBytes(b), nil
		default:
			return th.NewStr(n.s), nil
		}

	case *pyName:
		return ev.lookup(n.name, env)

	case *pyTupleExpr:
		items, err := ev.evalAll(n.items, env)
		if err != nil {
			return nil, err
		}
		return th.NewTuple(items), nil

	case *pyListExpr:
		items, err := ev.evalAll(n.items, env)
		if err != nil {
			return nil, err
		}
		return th.NewList(items), nil

	case *pySetExpr:
		s := th.NewSet()
		for _, x := range n.items {
			v, err := ev.eval(x, env)
			if err != nil {
				th.Decref(s)
				return nil, err
			}
			err = th.SetAdd(s, v)
			th.Decref(v)
			if err != nil {
				th.Decref(s)
				return nil, err
			}
		}
		return s, nil

	case *pyDictExpr:
		d := th.NewDict()
		for i := range n.keys {
			kv, err := ev.evalAll([]pyExpr{n.keys[i], n.values[i]}, env)
			if err != nil {
				th.Decref(d)
				return nil, err
			}
			err = th.DictSet(d, kv[0], kv[1])
			th.decrefAll(kv)
			if err != nil {
				th.Decref(d)
				return nil, err
			}
		}
		return d, nil

	case *pyUnary:
		x, err := ev.eval(n.x, env)
		if err != nil {
			return nil, err
		}
		defer th.Decref(x)
		if n.not {
			t, err := th.Truth(x)
			if err != nil {
				return nil, err
			}
			return th.rt.Bool(!t), nil
		}
		return th.UnaryOp(n.op, x)

	case *pyBinary:
		xy, err := ev.evalAll([]pyExpr{n.x, n.y}, env)
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(xy)
		return th.BinaryOp(n.op, xy[0], xy[1])

	case *pyBoolOp:
		x, err := ev.eval(n.x, env)
		if err != nil {
			return nil, err
		}
		t, err := th.Truth(x)
		if err != nil {
			th.Decref(x)
			return nil, err
		}
		if t != n.and { // or: a true x; and: a false x
			return x, nil
		}
		th.Decref(x)
		return ev.eval(n.y, env)

	case *pyCompare:
		return ev.evalCompare(n, env)

	case *pyCall:
		return ev.evalCall(n, env)

	case *pyAttr:
		x, err := ev.eval(n.x, env)
		if err != nil {
			return nil, err
		}
		defer th.Decref(x)
		return th.GetAttr(x, n.name)

	case *pySubscript:
		xk, err := ev.evalAll([]pyExpr{n.x, n.key}, env)
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(xk)
		return th.GetItem(xk[0], xk[1])

	case *pySlice:
		x, err := ev.eval(n.x, env)
		if err != nil {
			return nil, err
		}
		defer th.Decref(x)
		var bounds [2]Object // nil: an open end
		defer func() { th.decrefAll(bounds[:]) }()
		for i, b := range []pyExpr{n.lo, n.hi} {
			if b == nil {
				continue
			}
			if bounds[i], err = ev.eval(b, env); err != nil {
				return nil, err
			}
		}
		return th.GetSlice(x, bounds[0], bounds[1])

	case *pyLambda:
		return ev.makeLambda(n, env), nil
	}
	return nil, fmt.Errorf("pysemantics: cannot evaluate %T", n)
}

// evalCompare evaluates a chain a op1 b op2 c ... as Python does: each
// operand once, stopping at the first false comparison, whose result is
// the chain's.
func (ev *pyEvaluator) evalCompare(n *pyCompare, env *pyEnv) (Object, error) {
	th := ev.th
	left, err := ev.eval(n.first, env)
	if err != nil {
		return nil, err
	}
	for i, op := range n.ops {
		right, err := ev.eval(n.rest[i], env)
		if err != nil {
			th.Decref(left)
			return nil, err
		}
		r, err := ev.compare(op, left, right)
		th.Decref(left)
		left = right
		if err != nil || i == len(n.ops)-1 {
			th.Decref(left)
			return r, err
		}
		t, err := th.Truth(r)
		if err != nil || !t {
			th.Decref(left)
			if err != nil {
				th.Decref(r)
				return nil, err
			}
			return r, nil
		}
		th.Decref(r)
	}
	panic("unreachable: a comparison has at least one operator")
}

// compare applies one comparison operator to borrowed operands.
func (ev *pyEvaluator) compare(op pyCmpOp, a, b Object) (Object, error) {
	th := ev.th
	switch op.kind {
	case pyCmpRich:
		return th.Compare(a, b, op.rich)
	case pyCmpIn, pyCmpNotIn:
		in, err := th.Contains(b, a)
		if err != nil {
			return nil, err
		}
		return th.rt.Bool(in == (op.kind == pyCmpIn)), nil
	default: // is, is not
		return th.rt.Bool((a == b) == (op.kind == pyCmpIs)), nil
	}
}

// evalCall evaluates a call. A call of an attribute is a method call made
// the way the eval loop makes it: LoadMethod, then Call with self first.
func (ev *pyEvaluator) evalCall(n *pyCall, env *pyEnv) (Object, error) {
	th := ev.th
	var fn, self Object
	if a, ok := n.fn.(*pyAttr); ok {
		x, err := ev.eval(a.x, env)
		if err != nil {
			return nil, err
		}
		fn, self, err = th.LoadMethod(x, a.name)
		th.Decref(x) // self, if any, is a reference of its own
		if err != nil {
			return nil, err
		}
	} else {
		var err error
		if fn, err = ev.eval(n.fn, env); err != nil {
			return nil, err
		}
	}
	defer th.Decref(fn)
	defer th.XDecref(self)

	args, err := ev.evalAll(n.args, env)
	if err != nil {
		return nil, err
	}
	defer th.decrefAll(args)
	var kw map[string]Object
	if len(n.kwnames) > 0 {
		kwvalues, err := ev.evalAll(n.kwvalues, env)
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(kwvalues)
		kw = make(map[string]Object, len(kwvalues))
		for i, name := range n.kwnames {
			kw[name] = kwvalues[i]
		}
	}
	if self != nil {
		args = append([]Object{self}, args...)
	}
	return th.Call(fn, args, kw)
}

// makeLambda makes a built-in function that evaluates n's body with its
// parameters bound (see the ownership rules): a new reference. It binds
// to instances when found on a class, as a Python function does, so that
// type('A', (), {'__eq__': lambda s, o: True}) defines a method.
func (ev *pyEvaluator) makeLambda(n *pyLambda, env *pyEnv) Object {
	b := ev.th.NewBuiltin("<lambda>", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		// Bind as a Python function would, with CPython's messages.
		exc := &th.rt.types.exc
		if len(args) > len(n.params) {
			return nil, th.Raisef(exc.TypeError, "<lambda>() takes %d positional argument%s but %d %s given",
				len(n.params), plural(len(n.params)), len(args), map[bool]string{true: "was", false: "were"}[len(args) == 1])
		}
		bound := make([]Object, len(n.params))
		copy(bound, args)
		for _, k := range th.keywordNames(kw) {
			i := -1
			for j, p := range n.params {
				if p == k {
					i = j
				}
			}
			switch {
			case i < 0:
				return nil, th.Raisef(exc.TypeError, "<lambda>() got an unexpected keyword argument '%s'", k)
			case bound[i] != nil:
				return nil, th.Raisef(exc.TypeError, "<lambda>() got multiple values for argument '%s'", k)
			}
			bound[i] = kw[k]
		}
		var missing []string
		for i, v := range bound {
			if v == nil {
				missing = append(missing, "'"+n.params[i]+"'")
			}
		}
		if len(missing) > 0 {
			list := strings.Join(missing, ", ")
			if len(missing) == 2 {
				list = missing[0] + " and " + missing[1]
			} else if len(missing) > 2 {
				list = strings.Join(missing[:len(missing)-1], ", ") + ", and " + missing[len(missing)-1]
			}
			return nil, th.Raisef(exc.TypeError, "<lambda>() missing %d required positional argument%s: %s", len(missing), plural(len(missing)), list)
		}
		call := &pyEnv{vars: make(map[string]Object, len(args)), parent: env}
		for i, p := range n.params {
			th.Incref(bound[i])
			call.vars[p] = bound[i]
		}
		defer func() {
			for _, v := range call.vars {
				th.Decref(v)
			}
			call.closed = true
		}()
		sub := &pyEvaluator{th: th}
		return sub.eval(n.body, call)
	})
	b.method = true
	return b
}

// TestPySemanticsParser checks the test's own parser: the tree shapes
// that precedence decides, and that malformed input is refused rather
// than half-parsed.
func TestPySemanticsParser(t *testing.T) {
	shapes := map[string]string{
		"-2 ** 2":             "(- (2 ** 2))",
		"2 ** -1":             "(2 ** (- 1))",
		"2 ** 3 ** 2":         "(2 ** (3 ** 2))",
		"1 - 2 - 3":           "((1 - 2) - 3)",
		"1 | 2 ^ 3 & 4 << 5":  "(1 | (2 ^ (3 & (4 << 5))))",
		"not 1 == 2":          "(not (1 == 2))",
		"1 < 2 < 3":           "(1 < 2 < 3)",
		"a not in b is not c": "(a not in b is not c)",
		"0 or 1 and 2":        "(0 or (1 and 2))",
		"(1,)":                "(tuple 1)",
		"(1)":                 "1",
		"{}":                  "(dict)",
		"{1}":                 "(set 1)",
		"x.f(1, k=2)[3][4:]":  "(slice (index (call (. x f) 1 k=2) 3) 4 _)",
		"lambda a, b: a + b":  "(lambda a b (a + b))",
	}
	for src, want := range shapes {
		n, err := pyParse(src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if got := pyDump(n); got != want {
			t.Errorf("%s: parsed as %s, want %s", src, got, want)
		}
	}
	for _, src := range []string{"", "1 +", "(1, 2", "1 2", "[1,, 2]", "f(k=1, 2)", "'abc", "1j", "x[1:2:3]", "a = 1"} {
		if n, err := pyParse(src); err == nil {
			t.Errorf("%q: parsed as %s, want an error", src, pyDump(n))
		}
	}
}

// TestPySemanticsLambdaEscape checks the evaluator's rule for a lambda
// that outlives the call whose parameters it sees: reading one raises
// NameError, and nothing leaks or is freed twice.
func TestPySemanticsLambdaEscape(t *testing.T) {
	rt, err := NewRuntime(Config{TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	th := rt.NewThread("pysemantics")
	if err := th.Attach(); err != nil {
		t.Fatal(err)
	}
	ev := &pyEvaluator{th: th}
	for src, want := range map[string]string{
		"(lambda x: (lambda: x)())([1])": "[1]",
		"(lambda x: lambda: x)([1])()":   "!NameError: lambda parameter 'x' used after its call returned",
		"(lambda: 1)(2)":                 "!TypeError: <lambda>() takes 0 positional arguments but 1 was given",
	} {
		got, err := ev.run(src)
		if err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %q", src, got, err, want)
		}
	}
	if err := th.Detach(); err != nil {
		t.Error(err)
	}
	if err := th.Close(); err != nil {
		t.Error(err)
	}
	if err := rt.Close(); err != nil {
		t.Errorf("Runtime.Close: %v", err)
	}
}

// pyDump prints a tree in prefix form, for TestPySemanticsParser.
func pyDump(n pyExpr) string {
	dumpAll := func(xs []pyExpr) string {
		var parts []string
		for _, x := range xs {
			parts = append(parts, " "+pyDump(x))
		}
		return strings.Join(parts, "")
	}
	opt := func(x pyExpr) string {
		if x == nil {
			return "_"
		}
		return pyDump(x)
	}
	switch n := n.(type) {
	case *pyConst:
		switch n.kind {
		case pyConstInt:
			return n.i.String()
		case pyConstFloat:
			return strconv.FormatFloat(n.f, 'g', -1, 64)
		case pyConstStr:
			return strconv.Quote(n.s)
		case pyConstBytes:
			return "b" + strconv.Quote(n.s)
		}
		return [...]string{pyConstNone: "None", pyConstTrue: "True", pyConstFalse: "False"}[n.kind]
	case *pyName:
		return n.name
	case *pyTupleExpr:
		return "(tuple" + dumpAll(n.items) + ")"
	case *pyListExpr:
		return "(list" + dumpAll(n.items) + ")"
	case *pySetExpr:
		return "(set" + dumpAll(n.items) + ")"
	case *pyDictExpr:
		s := "(dict"
		for i := range n.keys {
			s += " " + pyDump(n.keys[i]) + ":" + pyDump(n.values[i])
		}
		return s + ")"
	case *pyUnary:
		if n.not {
			return "(not " + pyDump(n.x) + ")"
		}
		return "(" + unaryInfo[n.op].symbol + " " + pyDump(n.x) + ")"
	case *pyBinary:
		return "(" + pyDump(n.x) + " " + n.op.String() + " " + pyDump(n.y) + ")"
	case *pyBoolOp:
		op := "or"
		if n.and {
			op = "and"
		}
		return "(" + pyDump(n.x) + " " + op + " " + pyDump(n.y) + ")"
	case *pyCompare:
		s := "(" + pyDump(n.first)
		for i, op := range n.ops {
			sym := [...]string{pyCmpIn: "in", pyCmpNotIn: "not in", pyCmpIs: "is", pyCmpIsNot: "is not"}[op.kind]
			if op.kind == pyCmpRich {
				sym = op.rich.String()
			}
			s += " " + sym + " " + pyDump(n.rest[i])
		}
		return s + ")"
	case *pyCall:
		s := "(call " + pyDump(n.fn) + dumpAll(n.args)
		for i, k := range n.kwnames {
			s += " " + k + "=" + pyDump(n.kwvalues[i])
		}
		return s + ")"
	case *pyAttr:
		return "(. " + pyDump(n.x) + " " + n.name + ")"
	case *pySubscript:
		return "(index " + pyDump(n.x) + " " + pyDump(n.key) + ")"
	case *pySlice:
		return "(slice " + pyDump(n.x) + " " + opt(n.lo) + " " + opt(n.hi) + ")"
	case *pyLambda:
		return "(lambda " + strings.Join(n.params, " ") + " " + pyDump(n.body) + ")"
	}
	return fmt.Sprintf("<%T>", n)
}

// ---- The parser ----
//
// A recursive-descent parser for the subset of Python expressions that
// cases.txt uses, with Python's precedence, lowest first: lambda, or, and,
// not, comparisons (in, not in, is, is not, <, <=, ==, !=, >, >=; chained),
// |, ^, &, << >>, + -, * / // %, unary + - ~, ** (right-associative; its
// right operand may be unary: 2**-1), then calls, subscripts, slices and
// attributes, then atoms.

// pyExpr is a node of the syntax tree.
type pyExpr interface{ pyNode() }

type pyConstKind uint8

const (
	pyConstNone pyConstKind = iota
	pyConstTrue
	pyConstFalse
	pyConstInt
	pyConstFloat
	pyConstStr
	pyConstBytes
)

type (
	pyConst struct {
		kind pyConstKind
		i    *big.Int
		f    float64
		s    string
	}
	pyName      struct{ name string }
	pyTupleExpr struct{ items []pyExpr }
	pyListExpr  struct{ items []pyExpr }
	pySetExpr   struct{ items []pyExpr }
	pyDictExpr  struct{ keys, values []pyExpr }
	pyUnary     struct {
		not bool // not x; otherwise op
		op  UnaryOp
		x   pyExpr
	}
	pyBinary struct {
		op   BinOp
		x, y pyExpr
	}
	pyBoolOp struct {
		and  bool // and; otherwise or
		x, y pyExpr
	}
	pyCompare struct {
		first pyExpr
		ops   []pyCmpOp
		rest  []pyExpr
	}
	pyCall struct {
		fn       pyExpr
		args     []pyExpr
		kwnames  []string
		kwvalues []pyExpr
	}
	pyAttr struct {
		x    pyExpr
		name string
	}
	pySubscript struct{ x, key pyExpr }
	pySlice     struct{ x, lo, hi pyExpr } // lo, hi nil: open
	pyLambda    struct {
		params []string
		body   pyExpr
	}
)

func (*pyConst) pyNode()     {}
func (*pyName) pyNode()      {}
func (*pyTupleExpr) pyNode() {}
func (*pyListExpr) pyNode()  {}
func (*pySetExpr) pyNode()   {}
func (*pyDictExpr) pyNode()  {}
func (*pyUnary) pyNode()     {}
func (*pyBinary) pyNode()    {}
func (*pyBoolOp) pyNode()    {}
func (*pyCompare) pyNode()   {}
func (*pyCall) pyNode()      {}
func (*pyAttr) pyNode()      {}
func (*pySubscript) pyNode() {}
func (*pySlice) pyNode()     {}
func (*pyLambda) pyNode()    {}

type pyCmpKind uint8

const (
	pyCmpRich pyCmpKind = iota
	pyCmpIn
	pyCmpNotIn
	pyCmpIs
	pyCmpIsNot
)

type pyCmpOp struct {
	kind pyCmpKind
	rich CompareOp
}

type pyTokKind uint8

const (
	pyTokEOF pyTokKind = iota
	pyTokInt
	pyTokFloat
	pyTokStr
	pyTokBytes
	pyTokName
	pyTokOp
)

type pyTok struct {
	kind pyTokKind
	text string // the source text; for a string, its decoded value
	pos  int
}

// pyOps are the operators and delimiters, longest first.
var pyOps = []string{"**", "//", "<<", ">>", "<=", ">=", "==", "!=",
	"+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">",
	"(", ")", "[", "]", "{", "}", ",", ":", ".", "="}

// pyTokenize splits src into tokens.
func pyTokenize(src string) ([]pyTok, error) {
	var toks []pyTok
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ':
			i++
		case c == 'b' && i+1 < len(src) && (src[i+1] == '\'' || src[i+1] == '"'):
			s, j, err := pyScanString(src, i+1)
			if err != nil {
				return nil, err
			}
			for _, r := range s {
				if r > 0xff {
					return nil, fmt.Errorf("bytes can only contain ASCII literal characters: %q", s)
				}
			}
			toks = append(toks, pyTok{pyTokBytes, s, i})
			i = j
		case c == '_' || isPyLetter(c):
			j := i
			for j < len(src) && (src[j] == '_' || isPyLetter(src[j]) || isPyDigit(src[j])) {
				j++
			}
			toks = append(toks, pyTok{pyTokName, src[i:j], i})
			i = j
		case isPyDigit(c) || c == '.' && i+1 < len(src) && isPyDigit(src[i+1]):
			tok, j, err := pyScanNumber(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i = j
		case c == '\'' || c == '"':
			s, j, err := pyScanString(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, pyTok{pyTokStr, s, i})
			i = j
		default:
			op := ""
			for _, o := range pyOps {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, fmt.Errorf("unexpected %q at %d", src[i:], i)
			}
			toks = append(toks, pyTok{pyTokOp, op, i})
			i += len(op)
		}
	}
	return append(toks, pyTok{pyTokEOF, "", len(src)}), nil
}

func isPyLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isPyDigit(c byte) bool  { return c >= '0' && c <= '9' }

// pyScanNumber scans an int or float literal at src[i:].
func pyScanNumber(src string, i int) (pyTok, int, error) {
	j := i
	digits := func(ok func(byte) bool) {
		for j < len(src) && (ok(src[j]) || src[j] == '_') {
			j++
		}
	}
	if src[j] == '0' && j+1 < len(src) && strings.ContainsRune("xXoObB", rune(src[j+1])) {
		j += 2
		digits(func(c byte) bool { return isPyDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' })
		return pyTok{pyTokInt, src[i:j], i}, j, nil
	}
	kind := pyTokInt
	digits(isPyDigit)
	if j < len(src) && src[j] == '.' {
		kind = pyTokFloat
		j++
		digits(isPyDigit)
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isPyDigit(src[k]) {
			kind = pyTokFloat
			j = k
			digits(isPyDigit)
		}
	}
	if j < len(src) && (src[j] == 'j' || src[j] == 'J') {
		return pyTok{}, 0, fmt.Errorf("complex literals are not supported: %q", src[i:j+1])
	}
	return pyTok{kind, src[i:j], i}, j, nil
}

// pyScanString scans a '...' or "..." literal at src[i:] and decodes its
// escapes; the result is UTF-8 (\xhh is the code point U+00hh, as in
// Python 3).
func pyScanString(src string, i int) (string, int, error) {
	q := src[i]
	var b strings.Builder
	j := i + 1
	for {
		if j >= len(src) {
			return "", 0, fmt.Errorf("unterminated string at %d", i)
		}
		c := src[j]
		if c == q {
			return b.String(), j + 1, nil
		}
		if c != '\\' {
			b.WriteByte(c)
			j++
			continue
		}
		if j+1 >= len(src) {
			return "", 0, fmt.Errorf("unterminated string at %d", i)
		}
		e := src[j+1]
		j += 2
		hex := func(n int) error {
			if j+n > len(src) {
				return fmt.Errorf("truncated \\%c escape", e)
			}
			v, err := strconv.ParseUint(src[j:j+n], 16, 32)
			if err != nil {
				return fmt.Errorf("bad \\%c escape: %v", e, err)
			}
			b.WriteRune(rune(v))
			j += n
			return nil
		}
		var err error
		switch e {
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x':
			err = hex(2)
		case 'u':
			err = hex(4)
		case 'U':
			err = hex(8)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := rune(e - '0')
			for k := 0; k < 2 && j < len(src) && src[j] >= '0' && src[j] <= '7'; k++ {
				v = v*8 + rune(src[j]-'0')
				j++
			}
			b.WriteRune(v)
		default:
			b.WriteByte('\\') // an unknown escape stays as it is
			b.WriteByte(e)
		}
		if err != nil {
			return "", 0, err
		}
	}
}

// pyParser parses a token list.
type pyParser struct {
	toks []pyTok
	pos  int
}

// pyParse parses one expression, which must use all of src.
func pyParse(src string) (pyExpr, error) {
	toks, err := pyTokenize(src)
	if err != nil {
		return nil, err
	}
	p := &pyParser{toks: toks}
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != pyTokEOF {
		return nil, fmt.Errorf("unexpected %q at %d", t.text, t.pos)
	}
	return n, nil
}

func (p *pyParser) peek() pyTok { return p.toks[p.pos] }

func (p *pyParser) next() pyTok {
	t := p.toks[p.pos]
	if t.kind != pyTokEOF {
		p.pos++
	}
	return t
}

// isOp reports whether the next token is the operator op.
func (p *pyParser) isOp(op string) bool {
	t := p.peek()
	return t.kind == pyTokOp && t.text == op
}

// isKeyword reports whether the next token is the name kw.
func (p *pyParser) isKeyword(kw string) bool {
	t := p.peek()
	return t.kind == pyTokName && t.text == kw
}

// accept consumes the operator op if it is next.
func (p *pyParser) accept(op string) bool {
	if p.isOp(op) {
		p.pos++
		return true
	}
	return false
}

func (p *pyParser) expect(op string) error {
	if p.accept(op) {
		return nil
	}
	t := p.peek()
	return fmt.Errorf("want %q, got %q at %d", op, t.text, t.pos)
}

// expr := lambda | or_test
func (p *pyParser) expr() (pyExpr, error) {
	if !p.isKeyword("lambda") {
		return p.orTest()
	}
	p.next()
	var params []string
	for !p.isOp(":") {
		t := p.next()
		if t.kind != pyTokName {
			return nil, fmt.Errorf("bad lambda parameter %q at %d", t.text, t.pos)
		}
		params = append(params, t.text)
		if !p.accept(",") {
			break
		}
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	body, err := p.expr()
	if err != nil {
		return nil, err
	}
	return &pyLambda{params: params, body: body}, nil
}

func (p *pyParser) orTest() (pyExpr, error) {
	x, err := p.andTest()
	for err == nil && p.isKeyword("or") {
		p.next()
		var y pyExpr
		if y, err = p.andTest(); err == nil {
			x = &pyBoolOp{and: false, x: x, y: y}
		}
	}
	return x, err
}

func (p *pyParser) andTest() (pyExpr, error) {
	x, err := p.notTest()
	for err == nil && p.isKeyword("and") {
		p.next()
		var y pyExpr
		if y, err = p.notTest(); err == nil {
			x = &pyBoolOp{and: true, x: x, y: y}
		}
	}
	return x, err
}

func (p *pyParser) notTest() (pyExpr, error) {
	if p.isKeyword("not") {
		p.next()
		x, err := p.notTest()
		if err != nil {
			return nil, err
		}
		return &pyUnary{not: true, x: x}, nil
	}
	return p.comparison()
}

var pyRichOps = map[string]CompareOp{"<": CmpLt, "<=": CmpLe, "==": CmpEq, "!=": CmpNe, ">": CmpGt, ">=": CmpGe}

// compOp consumes a comparison operator if one is next.
func (p *pyParser) compOp() (pyCmpOp, bool) {
	t := p.peek()
	if t.kind == pyTokOp {
		if op, ok := pyRichOps[t.text]; ok {
			p.next()
			return pyCmpOp{kind: pyCmpRich, rich: op}, true
		}
		return pyCmpOp{}, false
	}
	if t.kind != pyTokName {
		return pyCmpOp{}, false
	}
	after := p.toks[min(p.pos+1, len(p.toks)-1)]
	switch {
	case t.text == "in":
		p.next()
		return pyCmpOp{kind: pyCmpIn}, true
	case t.text == "not" && after.kind == pyTokName && after.text == "in":
		p.pos += 2
		return pyCmpOp{kind: pyCmpNotIn}, true
	case t.text == "is" && after.kind == pyTokName && after.text == "not":
		p.pos += 2
		return pyCmpOp{kind: pyCmpIsNot}, true
	case t.text == "is":
		p.next()
		return pyCmpOp{kind: pyCmpIs}, true
	}
	return pyCmpOp{}, false
}

func (p *pyParser) comparison() (pyExpr, error) {
	x, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	var c *pyCompare
	for {
		op, ok := p.compOp()
		if !ok {
			break
		}
		y, err := p.binary(0)
		if err != nil {
			return nil, err
		}
		if c == nil {
			c = &pyCompare{first: x}
		}
		c.ops = append(c.ops, op)
		c.rest = append(c.rest, y)
	}
	if c == nil {
		return x, nil
	}
	return c, nil
}

// pyBinLevels are the left-associative binary operators by precedence,
// lowest first.
var pyBinLevels = []map[string]BinOp{
	{"|": OpOr},
	{"^": OpXor},
	{"&": OpAnd},
	{"<<": OpLShift, ">>": OpRShift},
	{"+": OpAdd, "-": OpSub},
	{"*": OpMul, "/": OpTrueDiv, "//": OpFloorDiv, "%": OpMod},
}

// binary parses the operators of pyBinLevels[level:] and tighter.
func (p *pyParser) binary(level int) (pyExpr, error) {
	if level == len(pyBinLevels) {
		return p.factor()
	}
	x, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		op, ok := pyBinLevels[level][t.text]
		if t.kind != pyTokOp || !ok {
			return x, nil
		}
		p.next()
		y, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		x = &pyBinary{op: op, x: x, y: y}
	}
}

// factor := ('+'|'-'|'~') factor | power
func (p *pyParser) factor() (pyExpr, error) {
	var op UnaryOp
	switch {
	case p.accept("-"):
		op = OpNeg
	case p.accept("+"):
		op = OpPos
	case p.accept("~"):
		op = OpInvert
	default:
		return p.power()
	}
	x, err := p.factor()
	if err != nil {
		return nil, err
	}
	return &pyUnary{op: op, x: x}, nil
}

// power := primary ['**' factor]
func (p *pyParser) power() (pyExpr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	if !p.accept("**") {
		return x, nil
	}
	y, err := p.factor()
	if err != nil {
		return nil, err
	}
	return &pyBinary{op: OpPow, x: x, y: y}, nil
}

// primary := atom (call | subscript | slice | attribute)*
func (p *pyParser) primary() (pyExpr, error) {
	x, err := p.atom()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.accept("."):
			t := p.next()
			if t.kind != pyTokName {
				return nil, fmt.Errorf("want an attribute name at %d", t.pos)
			}
			x = &pyAttr{x: x, name: t.text}
		case p.accept("("):
			if x, err = p.callArgs(x); err != nil {
				return nil, err
			}
		case p.accept("["):
			if x, err = p.subscript(x); err != nil {
				return nil, err
			}
		default:
			return x, nil
		}
	}
}

// callArgs parses the arguments of a call after its '('.
func (p *pyParser) callArgs(fn pyExpr) (pyExpr, error) {
	c := &pyCall{fn: fn}
	for !p.isOp(")") {
		t := p.peek()
		if t.kind == pyTokName && p.toks[p.pos+1].kind == pyTokOp && p.toks[p.pos+1].text == "=" {
			p.pos += 2
			v, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.kwnames = append(c.kwnames, t.text)
			c.kwvalues = append(c.kwvalues, v)
		} else {
			if len(c.kwnames) > 0 {
				return nil, fmt.Errorf("positional argument after keyword argument at %d", t.pos)
			}
			v, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, v)
		}
		if !p.accept(",") {
			break
		}
	}
	return c, p.expect(")")
}

// subscript parses x[key] or x[lo:hi] after the '['.
func (p *pyParser) subscript(x pyExpr) (pyExpr, error) {
	var lo, hi pyExpr
	var err error
	if !p.isOp(":") {
		if lo, err = p.expr(); err != nil {
			return nil, err
		}
		if !p.isOp(":") {
			return &pySubscript{x: x, key: lo}, p.expect("]")
		}
	}
	p.next() // ':'
	if !p.isOp("]") {
		if hi, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return &pySlice{x: x, lo: lo, hi: hi}, p.expect("]")
}

// items parses comma-separated expressions up to close (consumed); it
// reports whether there was a comma (which makes (x,) a tuple).
func (p *pyParser) items(close string) (xs []pyExpr, comma bool, err error) {
	for !p.isOp(close) {
		x, err := p.expr()
		if err != nil {
			return nil, false, err
		}
		xs = append(xs, x)
		if !p.accept(",") {
			break
		}
		comma = true
	}
	return xs, comma, p.expect(close)
}

func (p *pyParser) atom() (pyExpr, error) {
	t := p.next()
	switch t.kind {
	case pyTokInt:
		return pyIntConst(t.text)
	case pyTokFloat:
		f, err := strconv.ParseFloat(strings.ReplaceAll(t.text, "_", ""), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) { // 1e500 is inf, as in Python
			return nil, err
		}
		return &pyConst{kind: pyConstFloat, f: f}, nil
	case pyTokStr:
		return &pyConst{kind: pyConstStr, s: t.text}, nil
	case pyTokBytes:
		return &pyConst{kind: pyConstBytes, s: t.text}, nil
	case pyTokName:
		switch t.text {
		case "None":
			return &pyConst{kind: pyConstNone}, nil
		case "True":
			return &pyConst{kind: pyConstTrue}, nil
		case "False":
			return &pyConst{kind: pyConstFalse}, nil
		case "and", "or", "not", "in", "is", "lambda", "if", "else", "for":
			return nil, fmt.Errorf("unexpected keyword %q at %d", t.text, t.pos)
		}
		return &pyName{name: t.text}, nil
	case pyTokOp:
		switch t.text {
		case "(":
			xs, comma, err := p.items(")")
			if err != nil {
				return nil, err
			}
			if len(xs) == 1 && !comma {
				return xs[0], nil // parenthesized expression
			}
			return &pyTupleExpr{items: xs}, nil
		case "[":
			xs, _, err := p.items("]")
			if err != nil {
				return nil, err
			}
			return &pyListExpr{items: xs}, nil
		case "{":
			return p.dictOrSet()
		}
	}
	return nil, fmt.Errorf("unexpected %q at %d", t.text, t.pos)
}

// dictOrSet parses a dict or set display after its '{'.
func (p *pyParser) dictOrSet() (pyExpr, error) {
	if p.accept("}") {
		return &pyDictExpr{}, nil
	}
	first, err := p.expr()
	if err != nil {
		return nil, err
	}
	if !p.accept(":") {
		set := &pySetExpr{items: []pyExpr{first}}
		if p.accept(",") {
			rest, _, err := p.items("}")
			if err != nil {
				return nil, err
			}
			set.items = append(set.items, rest...)
			return set, nil
		}
		return set, p.expect("}")
	}
	d := &pyDictExpr{}
	key := first
	for {
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		d.keys = append(d.keys, key)
		d.values = append(d.values, v)
		if !p.accept(",") || p.isOp("}") {
			break
		}
		if key, err = p.expr(); err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
	}
	return d, p.expect("}")
}

// pyIntConst parses an int literal: decimal, or 0x/0o/0b, with
// underscores.
func pyIntConst(text string) (pyExpr, error) {
	base, digits := 10, text
	if len(text) > 2 && text[0] == '0' {
		switch text[1] {
		case 'x', 'X':
			base, digits = 16, text[2:]
		case 'o', 'O':
			base, digits = 8, text[2:]
		case 'b', 'B':
			base, digits = 2, text[2:]
		}
	}
	i, ok := new(big.Int).SetString(strings.ReplaceAll(digits, "_", ""), base)
	if !ok {
		return nil, fmt.Errorf("bad int literal %q", text)
	}
	return &pyConst{kind: pyConstInt, i: i}, nil
}
