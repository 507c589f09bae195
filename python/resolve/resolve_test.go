package resolve

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/syntax"
)

// cpyScope is one scope of CPython's symbol table as
// testdata/symtable_dump.py writes it.
type cpyScope struct {
	kind, name string
	line       int
	symbols    map[string][2]int // name -> scope, flags
	order      []string
	children   []*cpyScope
}

func parseDump(t *testing.T, text string) *cpyScope {
	t.Helper()
	var stack []*cpyScope
	var root *cpyScope
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("bad dump line %q", line)
		}
		if indent%2 == 0 && (f[0] == "module" || f[0] == "class" || f[0] == "function") && !strings.HasPrefix(f[2], "0x") {
			depth := indent / 2
			n, _ := strconv.Atoi(f[2])
			s := &cpyScope{kind: f[0], name: f[1], line: n, symbols: map[string][2]int{}}
			stack = stack[:depth]
			if depth == 0 {
				root = s
			} else {
				p := stack[depth-1]
				p.children = append(p.children, s)
			}
			stack = append(stack, s)
			continue
		}
		sc, _ := strconv.Atoi(f[1])
		fl, _ := strconv.ParseInt(f[2], 0, 64)
		cur := stack[len(stack)-1]
		cur.symbols[f[0]] = [2]int{sc, int(fl)}
		cur.order = append(cur.order, f[0])
	}
	return root
}

// The CPython flags compared with ours: the rest describe CPython's own
// inlining bookkeeping (DEF_COMP_CELL) or type parameters.
const comparedFlags = DefGlobal | DefLocal | DefParam | DefNonlocal | Use | DefImport | DefAnnot

func compareScope(t *testing.T, file string, mine *Scope, cpy *cpyScope) {
	t.Helper()
	where := fmt.Sprintf("%s: scope %s (line %d)", file, cpy.name, cpy.line)
	if mine.Kind.String() != cpy.kind || mine.Name != cpy.name {
		t.Errorf("%s: got scope %s %s, CPython has %s %s", where, mine.Kind, mine.Name, cpy.kind, cpy.name)
		return
	}
	for _, name := range cpy.order {
		v := cpy.symbols[name]
		cflags := Flags(v[1])
		sym := mine.Lookup(name)
		if sym == nil {
			if cflags&DefCompIter != 0 {
				continue // copied from an inlined comprehension: rwgil keeps it there
			}
			t.Errorf("%s: symbol %s missing (CPython: %s, flags %#x)", where, name, Binding(v[0]), v[1])
			continue
		}
		want := Binding(v[0])
		if sym.Binding != want && !(want == Cell && cflags&0x800 != 0 && sym.Binding == Local) {
			t.Errorf("%s: symbol %s is %s, CPython says %s", where, name, sym.Binding, want)
		}
		if sym.Flags&comparedFlags != cflags&comparedFlags && cflags&DefCompIter == 0 {
			t.Errorf("%s: symbol %s has flags %#x, CPython %#x", where, name, sym.Flags&comparedFlags, cflags&comparedFlags)
		}
	}
	for _, sym := range mine.Symbols() {
		if _, ok := cpy.symbols[sym.Name]; !ok {
			t.Errorf("%s: extra symbol %s (%s)", where, sym.Name, sym.Binding)
		}
	}
	if len(mine.Children) != len(cpy.children) {
		t.Errorf("%s: %d children, CPython has %d", where, len(mine.Children), len(cpy.children))
		return
	}
	for i := range mine.Children {
		compareScope(t, file, mine.Children[i], cpy.children[i])
	}
}

// TestScopesMatchCPython resolves each program of testdata/scopes and
// compares every scope and symbol with CPython 3.12's symtable, checked
// in beside it (regenerate: python3.12 testdata/symtable_dump.py).
func TestScopesMatchCPython(t *testing.T) {
	files, _ := filepath.Glob("testdata/scopes/*.py")
	if len(files) == 0 {
		t.Fatal("no testdata/scopes programs")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dump, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".symtable")
		if err != nil {
			t.Fatalf("%s: %v (run python3.12 testdata/symtable_dump.py)", path, err)
		}
		mod, err := syntax.Parse(path, src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		table, err := Resolve(path, src, mod)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		compareScope(t, filepath.Base(path), table.Module, parseDump(t, string(dump)))
	}
}

func TestMangle(t *testing.T) {
	for _, c := range []struct{ private, name, want string }{
		{"C", "__x", "_C__x"},
		{"_C", "__x", "_C__x"},
		{"__", "__x", "__x"},
		{"", "__x", "__x"},
		{"C", "__x__", "__x__"},
		{"C", "_x", "_x"},
		{"C", "__a.b", "__a.b"},
		{"C", "__", "__"},
	} {
		if got := Mangle(c.private, c.name); got != c.want {
			t.Errorf("Mangle(%q, %q) = %q, want %q", c.private, c.name, got, c.want)
		}
	}
}

// TestCapturingComprehensionIsInlined: a comprehension whose variable a
// closure inside it captures is inlined too, as in CPython 3.12 (the
// compiler makes the variable's cell afresh each time it starts, with
// MAKE_CELL): f's only child is the lambda, as CPython's symtable says,
// y stays f's plain local, and x is a cell of the comprehension.
func TestCapturingComprehensionIsInlined(t *testing.T) {
	src := []byte("def f(r, y):\n    a = [lambda: x for x in r if y]\n    b = [x for x in r if y]\n    return a, b\n")
	mod, err := syntax.Parse("c.py", src)
	if err != nil {
		t.Fatal(err)
	}
	table, err := Resolve("c.py", src, mod)
	if err != nil {
		t.Fatal(err)
	}
	f := table.Module.Children[0]
	if len(f.Children) != 1 || f.Children[0].Kind != FunctionScope || f.Children[0].Name != "lambda" {
		t.Fatalf("f's children: want the lambda alone (both comprehensions inlined), got %d", len(f.Children))
	}
	if b := f.BindingOf("y"); b != Local {
		t.Errorf("y in f is %s, want local (no function captures it)", b)
	}
	comp := table.Scope(mod.Body[0].(*syntax.FunctionDef).Body[0].(*syntax.Assign).Value)
	if comp == nil || !comp.Inlined {
		t.Fatalf("the capturing comprehension: want an inlined scope, got %v", comp)
	}
	if b := comp.BindingOf("x"); b != Cell {
		t.Errorf("x in the comprehension is %s, want cell", b)
	}
}
