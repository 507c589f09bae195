package pygen

import (
	"sort"
	"strings"
	"testing"
)

// features lists what a program's tree holds: node kinds, operators,
// statement forms and called built-ins.
func features(body []*stmt, seen map[string]bool) {
	var ex func(e *expr)
	ex = func(e *expr) {
		if e == nil {
			return
		}
		switch e.kind {
		case kBin:
			seen["binary "+e.text] = true
		case kUnary:
			seen["unary "+e.text] = true
		case kCmp:
			for _, op := range e.cmpOps {
				seen["compare "+op] = true
			}
			if len(e.cmpOps) > 1 {
				seen["comparison chain"] = true
			}
		case kBool:
			seen["boolean "+e.text] = true
		case kIfExp:
			seen["conditional expression"] = true
		case kCall:
			if e.fn != nil {
				seen["call of a generated function"] = true
				if len(e.kw) > 0 {
					seen["keyword argument"] = true
				}
			} else {
				seen["call "+e.text] = true
			}
		case kMethod:
			seen["method "+e.text] = true
		case kIndex:
			seen["subscript"] = true
		case kSlice:
			seen["slice"] = true
			if e.kids[3] != nil {
				seen["slice with a step"] = true
			}
		case kFString:
			seen["f-string"] = true
			for _, p := range e.parts {
				if p.conv != "" {
					seen["f-string conversion"] = true
				}
				if p.spec != "" {
					seen["f-string format spec"] = true
				}
				ex(p.e)
			}
		case kPercent:
			seen["% formatting"] = true
		case kLambda:
			seen["key lambda"] = true
		case kListComp:
			seen["list comprehension"] = true
		case kList, kTuple, kDict:
			seen["display "+e.typ.String()] = true
		}
		for _, k := range e.kids {
			ex(k)
		}
	}
	var st func(ss []*stmt)
	st = func(ss []*stmt) {
		for _, s := range ss {
			if s.pruned {
				seen["pruned statement"] = true
				continue
			}
			names := map[skind]string{sAssign: "assignment", sAug: "augmented assignment", sExpr: "expression statement",
				sIf: "if", sFor: "for", sWhile: "while", sBreak: "break", sContinue: "continue", sTry: "try",
				sDef: "def", sReturn: "return", sDel: "del", sAssert: "assert", sGlobal: "global"}
			seen[names[s.kind]] = true
			switch s.kind {
			case sAug:
				seen["augmented "+s.op] = true
			case sAssign:
				if len(s.targets) > 1 {
					seen["chained assignment"] = true
				}
				if s.targets[0].kind == kTuple {
					seen["tuple assignment"] = true
				}
				if s.targets[0].kind == kSlice {
					seen["slice assignment"] = true
				}
			case sIf:
				if len(s.orelse) == 1 && s.orelse[0].elif {
					seen["elif"] = true
				}
			case sFor:
				if len(s.orelse) > 0 {
					seen["for else"] = true
				}
			case sTry:
				if len(s.final) > 0 {
					seen["finally"] = true
				}
				if len(s.orelse) > 0 {
					seen["try else"] = true
				}
			case sDef:
				if s.fn.isLambda {
					seen["lambda"] = true
					ex(s.fn.lambda)
				}
				for _, p := range s.fn.params {
					if p.def != nil {
						seen["default parameter"] = true
					}
				}
				st(s.fn.body)
			}
			for _, t := range s.targets {
				ex(t)
			}
			ex(s.value)
			ex(s.cond)
			st(s.body)
			st(s.orelse)
			st(s.handler)
			st(s.final)
		}
	}
	st(body)
}

// TestCoverage checks that the generator reaches everything it claims to
// generate, in 2,000 programs.
func TestCoverage(t *testing.T) {
	seen := map[string]bool{}
	g := Program()
	for i := 0; i < 2000; i++ {
		features(g.Example(i).body, seen)
	}
	var want []string
	for _, op := range []string{"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"} {
		want = append(want, "binary "+op)
	}
	for _, op := range []string{"-", "+", "~", "not"} {
		want = append(want, "unary "+op)
	}
	for _, op := range append(append([]string(nil), cmpOps...), "in", "not in", "is", "is not") {
		want = append(want, "compare "+op)
	}
	for _, op := range []string{"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="} {
		want = append(want, "augmented "+op)
	}
	builtin := map[string]bool{}
	for _, fn := range Builtins {
		want = append(want, "call "+fn)
		builtin[fn] = true
	}
	for k := range seen {
		if fn, ok := strings.CutPrefix(k, "call "); ok && !builtin[fn] && fn != "of a generated function" {
			t.Errorf("programs call %s, which Builtins does not list", fn)
		}
	}
	want = append(want, "boolean and", "boolean or", "comparison chain", "conditional expression",
		"call of a generated function", "keyword argument", "subscript", "slice", "slice with a step",
		"f-string", "f-string conversion", "f-string format spec", "% formatting", "method format",
		"key lambda", "list comprehension", "display list", "display tuple", "display dict",
		"assignment", "augmented assignment", "chained assignment", "tuple assignment",
		"slice assignment", "expression statement", "if", "elif", "for", "for else", "while",
		"break", "continue", "try", "finally", "try else", "def", "lambda", "default parameter",
		"return", "del", "assert", "global", "method append", "method get", "method replace")
	var missing []string
	for _, w := range want {
		if !seen[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		var all []string
		for k := range seen {
			all = append(all, k)
		}
		sort.Strings(all)
		t.Errorf("2,000 programs never contain: %s\nthey contain: %s", strings.Join(missing, "; "), strings.Join(all, "; "))
	}
}

// TestDeterministic checks that a seed always gives the same program.
func TestDeterministic(t *testing.T) {
	g := Program()
	for i := 0; i < 50; i++ {
		if a, b := g.Example(i).Source(), g.Example(i).Source(); a != b {
			t.Fatalf("seed %d gave two programs:\n%s\n----\n%s", i, a, b)
		}
	}
}
