package compile

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/syntax"
)

// TestDepthLimit: a tree nested deeper than CPython's compiler takes is
// its RecursionError "maximum recursion depth exceeded during
// compilation", at the same depth as CPython 3.12 (the last that compiles
// and the first that does not, measured with python3.12 for each shape),
// and a much deeper tree gets the same error before any pass that
// recurses (four million operands overflowed the Go stack in the folder:
// a crash; issue 12).
func TestDepthLimit(t *testing.T) {
	sum := func(n int) string { return strings.TrimSuffix(strings.Repeat("1+", n), "+") }
	cases := []struct {
		name     string
		program  func(n int) string
		ok, fail int // CPython 3.12: the most operands that compile, the fewest that do not
	}{
		{"x = 1+1+...", func(n int) string { return "x = " + sum(n) + "\n" }, 2999, 3000},
		{"print(1+1+...)", func(n int) string { return "print(" + sum(n) + ")\n" }, 2998, 2999},
		{"in def and if", func(n int) string { return "def f():\n    if 1:\n        x = " + sum(n) + "\n" }, 2997, 2998},
		{"under a unary minus", func(n int) string { return "x = -(" + sum(n) + ")\n" }, 2998, 2999},
		// Four million overflowed the Go stack in the folder; this many
		// shows the check comes first, at a tenth of the parse's cost.
		{"300,000 operands", func(n int) string { return "x = " + sum(n) + "\n" }, 0, 300_000},
	}
	const want = "RecursionError: maximum recursion depth exceeded during compilation\n"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.ok > 0 {
				if _, err := Compile("deep.py", []byte(c.program(c.ok))); err != nil {
					t.Errorf("%d operands: CPython compiles it, rwgil: %v", c.ok, err)
				}
			}
			_, err := Compile("deep.py", []byte(c.program(c.fail)))
			var se *syntax.Error
			if !errors.As(err, &se) || se.Format() != want {
				t.Errorf("%d operands:\n  want: %q (CPython)\n  got:  %v", c.fail, want, fmt.Sprint(err))
			}
		})
	}
}
