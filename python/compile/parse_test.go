package compile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/syntax"
)

// compilerErrors are the compile-time errors of the corpus that CPython
// reports after parsing (in its symbol table or code generator): the
// parser accepts those programs, and the compiler must reject them.
var compilerErrors = []string{
	"'break' outside loop",
	"'continue' not properly in loop",
	"'return' outside function",
	"'yield' outside function",
	"can't use starred expression here",
	"duplicate argument ",
	"is assigned to before nonlocal declaration",
	"is parameter and global",
	"is used prior to global declaration",
	"multiple starred expressions in assignment",
	"no binding for nonlocal ",
	"nonlocal declaration not allowed at module level",
}

// TestCorpusParses runs python/syntax over the corpus: every program
// CPython compiles must parse; a program CPython rejects must either fail
// to parse, with exactly what CPython prints (file, line, source line,
// carets, message), or be rejected by CPython's later stages, which the
// compiler must match (TestCorpus checks that end to end).
func TestCorpusParses(t *testing.T) {
	for _, c := range loadCorpus(t) {
		src, err := os.ReadFile(filepath.Join(corpusDir, c.name+".py"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = syntax.Parse(c.name+".py", src)
		var se *syntax.Error
		switch {
		case err != nil && !errors.As(err, &se):
			t.Errorf("%s.py: Parse returned %T, not a *syntax.Error: %v", c.name, err, err)
		case !c.want.compileTime && err != nil:
			t.Errorf("%s.py: CPython compiles it; python/syntax says:\n%s", c.name, indent(se.Format()))
		case c.want.compileTime && err != nil:
			if got := se.Format(); got != c.want.stderr {
				t.Errorf("%s.py: python/syntax reports\n%s\nCPython prints\n%s", c.name, indent(got), indent(c.want.stderr))
			}
		case c.want.compileTime:
			last := c.want.lastLine()
			later := false
			for _, m := range compilerErrors {
				later = later || strings.Contains(last, m)
			}
			if !later {
				t.Errorf("%s.py: python/syntax accepts it, but CPython's parser rejects it: %s", c.name, last)
			}
		}
	}
}
