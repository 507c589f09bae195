package schedule_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// counterProgram is the legacy_counter story as a program: one thread
// for each entry of increments, calling legacy_counter.increment() that
// many times, then "value = V of N" printed.
func counterProgram(increments ...int) string {
	var b strings.Builder
	b.WriteString(`module
    IMPORT_NAME thread
    STORE_NAME thread
    IMPORT_NAME legacy_counter
    STORE_NAME legacy_counter
    LOAD_CONST @worker
    MAKE_FUNCTION 0
    STORE_NAME worker
    BUILD_LIST 0
    STORE_NAME handles
`)
	total := 0
	for _, n := range increments {
		total += n
		fmt.Fprintf(&b, `    LOAD_NAME handles
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME worker
    LOAD_CONST %d
    CALL_METHOD 2
    CALL_METHOD 1
    POP_TOP
`, n)
	}
	fmt.Fprintf(&b, `    LOAD_NAME handles
    GET_ITER
join:
    FOR_ITER joined
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD join
joined:
    LOAD_NAME print
    LOAD_CONST "value ="
    LOAD_NAME legacy_counter
    LOAD_METHOD value
    CALL_METHOD 0
    LOAD_CONST "of"
    LOAD_CONST %d
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func worker(n)
    LOAD_NAME range
    LOAD_FAST n
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    POP_TOP
    LOAD_GLOBAL legacy_counter
    LOAD_METHOD increment
    CALL_METHOD 0
    POP_TOP
    JUMP_BACKWARD loop
done:
    RETURN_CONST None
end
`, total)
	return b.String()
}

// evenly is threads threads of per increments each.
func evenly(threads, per int) []int {
	n := make([]int, threads)
	for i := range n {
		n[i] = per
	}
	return n
}

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// assemble assembles a program or fails the test.
func assemble(t tb, name, src string) *bytecode.Code {
	t.Helper()
	code, err := bytecode.Assemble(name, []byte(src))
	if err != nil {
		t.Fatalf("%s does not assemble: %v", name, err)
	}
	return code
}

// readProgram assembles a file.
func readProgram(t testing.TB, path string) *bytecode.Code {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return assemble(t, path, string(src))
}

// run runs code under c with the bundled modules, failing the test if
// the runtime cannot be made.
func run(t tb, code *bytecode.Code, c schedule.Chooser, p eml.Policy, opts schedule.Options) *schedule.Result {
	t.Helper()
	res, err := schedule.RunProgram(code, c, schedule.Config{
		Runtime: core.Config{Policy: p},
		Setup:   extensions.RegisterBundled,
		Options: opts,
	})
	if err != nil {
		t.Fatalf("RunProgram: %v", err)
	}
	return res
}

// lost parses the counter program's output: how many updates were lost.
func lost(t tb, res *schedule.Result) int {
	t.Helper()
	var got, want int
	if _, err := fmt.Sscanf(res.Stdout, "value = %d of %d", &got, &want); err != nil {
		t.Fatalf("unexpected output %q (exception %q, aborted %v)", res.Stdout, res.Exception, res.Aborted)
	}
	return want - got
}
