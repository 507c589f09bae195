package lib_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/lib"
	"github.com/rwgil/rwgil/stdlib"
)

// TestEveryModuleImports imports each module under each policy and checks
// that its body ran: every name its __all__ lists is bound. The programs
// that check what the modules do against CPython are in the corpus
// (python/compile/testdata/corpus: heapq_scheduler, bisect_grades,
// string_template, copy_structures, contextlib_tools, types_generic_alias,
// typing_hints, dataclasses_fields, abc_shapes).
func TestEveryModuleImports(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		for _, name := range lib.Names() {
			t.Run(policy.String()+"/"+name, func(t *testing.T) {
				var out, errb strings.Builder
				src := fmt.Sprintf("import %s as m\nprint(sorted(n for n in m.__all__ if not hasattr(m, n)), m.__name__)\n", name)
				status := python.Run(core.Config{Policy: policy, Stdout: &out, Stderr: &errb}, "import_"+name+".py", []byte(src))
				want := "[] " + name + "\n"
				if status != 0 || out.String() != want {
					t.Fatalf("exit status %d\nstdout: %q, want %q\nstderr:\n%s", status, out.String(), want, errb.String())
				}
			})
		}
	}
}

// TestRegisterTwice: a second Register in the same runtime fails and
// names the module, and the runtime stays usable.
func TestRegisterTwice(t *testing.T) {
	var out strings.Builder
	rt, err := core.NewRuntime(core.Config{Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	if err := lib.Register(rt); err != nil {
		t.Fatal(err)
	}
	err = lib.Register(rt)
	if err == nil || !strings.Contains(err.Error(), lib.Names()[0]) {
		t.Fatalf("second Register: got %v, want an error naming %q", err, lib.Names()[0])
	}
	res, err := python.Exec(rt, "after.py", []byte("import bisect\nprint(bisect.bisect([1, 2, 3], 2))\n"))
	if err != nil || res.Failed() || out.String() != "2\n" {
		t.Fatalf("the runtime is not usable after the failed Register: %v %v, stdout %q", err, res, out.String())
	}
}

// An embedder that makes its own runtime registers the Python-written
// modules beside the Go-written ones (python.RegisterModules does both).
func ExampleRegister() {
	rt, err := core.NewRuntime(core.Config{Stdout: os.Stdout})
	if err != nil {
		panic(err)
	}
	if err := stdlib.Register(rt); err != nil {
		panic(err)
	}
	if err := lib.Register(rt); err != nil {
		panic(err)
	}
	src := `
import heapq, copy
h = [5, 1, 4]
heapq.heapify(h)
print(h, heapq.heappop(h), copy.deepcopy({"k": [h]}))
`
	if _, err := python.Exec(rt, "example.py", []byte(src)); err != nil {
		panic(err)
	}
	if err := rt.Close(); err != nil {
		panic(err)
	}
	// Output:
	// [4, 5] 1 {'k': [[4, 5]]}
}

// TestReRefusesBacktracking: the constructs Go's regexp lacks are refused
// when the pattern compiles, with a re.error naming the construct, never
// matched wrongly.
func TestReRefusesBacktracking(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`(a)\1`, "backreferences"},
		{`(?P<x>a)(?P=x)`, "backreferences"},
		{`a(?=b)`, "lookahead"},
		{`a(?!b)`, "lookahead"},
		{`(?<=a)b`, "lookbehind"},
		{`(?<!a)b`, "lookbehind"},
		{`(?>ab)`, "atomic groups"},
		{`(a)?(?(1)b|c)`, "conditional groups"},
	} {
		t.Run(c.pattern, func(t *testing.T) {
			var out, errb strings.Builder
			src := fmt.Sprintf("import re\ntry:\n    re.compile(%q)\nexcept re.error as e:\n    print(e)\n", c.pattern)
			status := python.Run(core.Config{Stdout: &out, Stderr: &errb}, "re_refuse.py", []byte(src))
			if status != 0 || !strings.Contains(out.String(), "does not support "+c.want) {
				t.Fatalf("re.compile(%q): exit %d, printed %q (stderr %q); want a re.error saying rwgil does not support %s",
					c.pattern, status, out.String(), errb.String(), c.want)
			}
		})
	}
}
