package python_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python/compile"
)

// loopPy is core's BenchmarkEval loop written in Python; loopRwa is the
// hand-written bytecode of the same loop (core/bench_test.go's loopSrc).
// Both call loop(N) once; N is substituted.
const loopPy = `
def loop(n):
    i = 0
    acc = 0
    while i < n:
        acc = (acc + i * 3) % 1000003
        i = i + 1
    return acc

loop(N)
`

const loopRwa = `
module
    LOAD_CONST @loop
    MAKE_FUNCTION 0
    STORE_NAME loop
    LOAD_NAME loop
    LOAD_CONST N
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func loop(n)
    locals i, acc
    LOAD_CONST 0
    STORE_FAST i
    LOAD_CONST 0
    STORE_FAST acc
top:
    LOAD_FAST i
    LOAD_FAST n
    COMPARE_OP <
    POP_JUMP_IF_FALSE done
    LOAD_FAST acc
    LOAD_FAST i
    LOAD_CONST 3
    BINARY_OP *
    BINARY_OP +
    LOAD_CONST 1000003
    BINARY_OP %
    STORE_FAST acc
    LOAD_FAST i
    LOAD_CONST 1
    BINARY_OP +
    STORE_FAST i
    JUMP_BACKWARD top
done:
    LOAD_FAST acc
    RETURN_VALUE
end
`

// loopBody counts the instructions one iteration of code's loop runs:
// those from the target of its JUMP_BACKWARD to the JUMP_BACKWARD, less
// any skipped by a forward jump inside (none here).
func loopBody(code *bytecode.Code) int {
	for i, in := range code.Instrs {
		if in.Op == bytecode.JumpBackward {
			return i - int(in.Arg) + 1
		}
	}
	return 0
}

func loopCode(t testing.TB, code *bytecode.Code) *bytecode.Code {
	for _, k := range code.Consts {
		if c, ok := k.(*bytecode.Code); ok && c.Name == "loop" {
			return c
		}
	}
	t.Fatal("no loop function")
	return nil
}

// TestLoopMatchesHandWritten: the Python loop compiles to as many
// instructions per iteration as the hand-written one (CPython's while puts
// the test at the bottom of the loop too, so the shape differs, the count
// does not).
func TestLoopMatchesHandWritten(t *testing.T) {
	py, err := compile.Compile("loop.py", []byte(strings.Replace(loopPy, "N", "10", 1)))
	if err != nil {
		t.Fatal(err)
	}
	rwa, err := bytecode.Assemble("loop.rwa", []byte(strings.Replace(loopRwa, "LOAD_CONST N", "LOAD_CONST 10", 1)))
	if err != nil {
		t.Fatal(err)
	}
	p, r := loopBody(loopCode(t, py)), loopBody(loopCode(t, rwa))
	if p != r || p == 0 {
		t.Errorf("the Python loop runs %d instructions per iteration, the hand-written one %d", p, r)
	}
}

// BenchmarkLoop runs the loop compiled from Python and hand-written, side
// by side: one op is one iteration.
func BenchmarkLoop(b *testing.B) {
	for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML} {
		for _, src := range []string{"python", "rwa"} {
			b.Run(fmt.Sprintf("%v/%s", p, src), func(b *testing.B) {
				n := fmt.Sprint(b.N)
				var code *bytecode.Code
				var err error
				if src == "python" {
					code, err = compile.Compile("loop.py", []byte(strings.Replace(loopPy, "N", n, 1)))
				} else {
					code, err = bytecode.Assemble("loop.rwa", []byte(strings.Replace(loopRwa, "LOAD_CONST N", "LOAD_CONST "+n, 1)))
				}
				if err != nil {
					b.Fatal(err)
				}
				rt, err := core.NewRuntime(core.Config{Policy: p, Stdout: io.Discard})
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				res, err := rt.Exec(code)
				b.StopTimer()
				if err != nil || res.Failed() {
					b.Fatal(err, res)
				}
				if err := rt.Close(); err != nil {
					b.Fatal(err)
				}
			})
		}
	}
}
