package compile

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
)

var update = flag.Bool("update", false, "TestListings: rewrite testdata/dis/*.dis from the compiler's output")

// TestListings compiles each program of testdata/dis and compares its
// listing (`rwgil dis` output) with the checked-in NAME.dis: the shapes
// that matter (G3, safe points, comprehension inlining, cleanup on exits)
// are reviewed there. go test ./python/compile -run TestListings -update
// rewrites them.
func TestListings(t *testing.T) {
	files, _ := filepath.Glob("testdata/dis/*.py")
	if len(files) == 0 {
		t.Fatal("no testdata/dis programs")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		code, err := Compile(filepath.Base(path), src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		got := Listing(code, src)
		golden := strings.TrimSuffix(path, ".py") + ".dis"
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s: listing differs from %s (run with -update and review the diff)\n%s", path, golden, lineDiff(string(want), got))
		}
		// The listing is .rwa text: it assembles to the same instructions.
		again, err := bytecode.Assemble(filepath.Base(path), []byte(got))
		if err != nil {
			t.Errorf("%s: the listing does not assemble: %v", path, err)
		} else if a, b := stripPositions(bytecode.Disassemble(again)), stripPositions(bytecode.Disassemble(code)); a != b {
			t.Errorf("%s: the listing assembles to other code\n%s", path, lineDiff(b, a))
		}
	}
}

// stripPositions drops .pos and .line directives from a disassembly.
func stripPositions(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, ".pos ") || strings.HasPrefix(t, ".line ") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, a, b)
		}
	}
	return "(same lines)"
}

// function finds the code object named name among code's constants.
func function(code *bytecode.Code, name string) *bytecode.Code {
	if code.Name == name {
		return code
	}
	for _, k := range code.Consts {
		if c, ok := k.(*bytecode.Code); ok {
			if f := function(c, name); f != nil {
				return f
			}
		}
	}
	return nil
}

func safePoints(code *bytecode.Code) []string {
	var out []string
	for _, in := range code.Instrs {
		if in.Op.Info().SafePoint {
			out = append(out, in.Op.String())
		}
	}
	return out
}

// TestAugmentedAssignmentHasNoSafePoint checks guarantee G3's compiler
// half for every operator and every kind of target: `t op= 1` compiles
// with no safe point inside (so under the GIL no switch can fall between
// the load and the store), and `t op= one()` with exactly one, the call.
func TestAugmentedAssignmentHasNoSafePoint(t *testing.T) {
	ops := []string{"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"}
	targets := []struct{ setup, target string }{
		{"global counter", "counter"},
		{"counter = 0", "counter"},
		{"nonlocal_cell = 0\n    def inner():\n        return nonlocal_cell", "nonlocal_cell"},
		{"", "obj.attr"},
		{"", "d[key]"},
		{"", "L[1:2]"},
	}
	for _, op := range ops {
		for _, tg := range targets {
			for _, rhs := range []string{"1", "one()"} {
				src := fmt.Sprintf("def f(obj, d, key, L):\n    %s\n    %s %s= %s\n", tg.setup, tg.target, op, rhs)
				code, err := Compile("g3.py", []byte(src))
				if err != nil {
					t.Fatalf("%v\n%s", err, src)
				}
				sp := safePoints(function(code, "f"))
				want := 0
				if rhs != "1" {
					want = 1
				}
				if len(sp) != want {
					t.Errorf("%s %s= %s (%s): safe points %v, want %d\n%s", tg.target, op, rhs, tg.setup, sp, want, Listing(code, []byte(src)))
				}
			}
		}
	}
}

// TestComprehensionsAreInlined: a list, set or dict comprehension has no
// call of its own (no safe point where it starts), at module, class and
// function level, and its variable does not leak into the enclosing
// scope's name; a generator expression is a function called once.
func TestComprehensionsAreInlined(t *testing.T) {
	for _, src := range []string{
		"r = [x for x in xs]\n",
		"r = {x for x in xs if x}\n",
		"r = {k: v for k, v in xs}\n",
		"def f(xs):\n    return [[y for y in x] for x in xs]\n",
		"class C:\n    r = [x for x in xs]\n",
	} {
		code, err := Compile("c.py", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var all []*bytecode.Code
		var walk func(*bytecode.Code)
		walk = func(c *bytecode.Code) {
			all = append(all, c)
			for _, k := range c.Consts {
				if sub, ok := k.(*bytecode.Code); ok {
					walk(sub)
				}
			}
		}
		walk(code)
		for _, c := range all {
			if strings.Contains(c.Name, "comp") {
				t.Errorf("%q: a code object %q for a comprehension", src, c.Name)
			}
			if strings.HasPrefix(src, "class") && c.Name == "<module>" {
				continue // the call of __build_class__
			}
			if sp := safePoints(c); len(sp) > 0 && sp[0] != "JUMP_BACKWARD" {
				t.Errorf("%q: %s has safe points %v, want only the loop's JUMP_BACKWARD", src, c.Name, sp)
			}
			for _, in := range c.Instrs {
				if in.Op == bytecode.StoreName || in.Op == bytecode.StoreGlobal {
					if n := c.Names[in.Arg]; n == "x" || n == "y" || n == "k" || n == "v" {
						t.Errorf("%q: the comprehension variable %s is stored as a name", src, n)
					}
				}
			}
		}
	}
	code, err := Compile("g.py", []byte("r = list(x for x in xs)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g := function(code, "<genexpr>"); g == nil || !g.Generator {
		t.Errorf("a generator expression is not a generator function:\n%s", bytecode.Disassemble(code))
	}
}
