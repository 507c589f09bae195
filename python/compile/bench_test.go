package compile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/syntax"
)

// bigProgram returns a program of exactly lines lines that uses most of
// the language: functions with every kind of parameter, loops, try with
// handlers and finally, comprehensions, f-strings, lambdas, classes with
// super() and with statements.
func bigProgram(lines int) []byte {
	var b strings.Builder
	n := 0
	emit := func(format string, args ...any) {
		if n < lines {
			fmt.Fprintf(&b, format+"\n", args...)
			n++
		}
	}
	for i := 0; n < lines; i++ {
		emit("def func%d(a, b=2, *args, k=3, **kw):", i)
		emit("    '''doc %d'''", i)
		emit("    total = 0")
		emit("    for x in range(a):")
		emit("        if x %% 3 == 0 and x > b:")
		emit("            total += x * %d", i)
		emit("        elif x < 2 or not b:")
		emit("            continue")
		emit("    try:")
		emit("        d = {k: v for k, v in kw.items() if v}")
		emit("    except (KeyError, ValueError) as e:")
		emit("        raise RuntimeError(f'bad {e!r:>10}') from e")
		emit("    finally:")
		emit("        total -= 1")
		emit("    return [y ** 2 for y in args], lambda z: z + total, total")
		emit("class K%d(object):", i)
		emit("    attr = %d", i)
		emit("    def m(self, q):")
		emit("        with open(q) as fh:")
		emit("            self.v = fh.read()[1:-1]")
		emit("        return super().m(q) + self.attr")
		emit("")
	}
	return []byte(b.String())
}

// BenchmarkCompile10k compiles a 10,000-line program (docs/python.md
// records the figure): go test ./python/compile -run X -bench 10k
// -benchmem. BenchmarkParse10k is the parser's share of it. Beside the
// wall time they report cpu-ms/op, the CPU time of one compile, which
// other processes on a shared machine do not inflate.
func BenchmarkCompile10k(b *testing.B) {
	benchmark10k(b, func(src []byte) error { _, err := Compile("big.py", src); return err })
}

func BenchmarkParse10k(b *testing.B) {
	benchmark10k(b, func(src []byte) error { _, err := syntax.Parse("big.py", src); return err })
}

func benchmark10k(b *testing.B, f func([]byte) error) {
	src := bigProgram(10000)
	b.SetBytes(int64(len(src)))
	start := cpuTime()
	for b.Loop() {
		if err := f(src); err != nil {
			b.Fatal(err)
		}
	}
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(used.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func TestBigProgramCompiles(t *testing.T) {
	src := bigProgram(10000)
	if n := strings.Count(string(src), "\n"); n != 10000 {
		t.Fatalf("bigProgram made %d lines", n)
	}
	if _, err := Compile("big.py", src); err != nil {
		t.Fatal(err)
	}
}
