package python_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// An embedder runs Python source in a runtime it made, and reads how the
// program ended from the Result.
func ExampleExec() {
	rt, err := core.NewRuntime(core.Config{Policy: eml.PolicyGIL, Stdout: os.Stdout})
	if err != nil {
		panic(err)
	}
	src := `
def squares(n):
    return [i * i for i in range(n)]

print(squares(5))
print({"total": sum(squares(5))})
`
	res, err := python.Exec(rt, "squares.py", []byte(src))
	if err != nil {
		panic(err) // the source did not compile: a *syntax.Error
	}
	fmt.Println("failed:", res.Failed())
	if err := rt.Close(); err != nil {
		panic(err)
	}
	// Output:
	// [0, 1, 4, 9, 16]
	// {'total': 30}
	// failed: false
}

// Run is `rwgil run`: here a program that does not compile, reported as
// CPython reports it, with exit status 2.
func ExampleRun() {
	var stderr strings.Builder
	status := python.Run(core.Config{Stdout: os.Stdout, Stderr: &stderr}, "prog.py", []byte("def f():\n    pass\nreturn 1\n"))
	fmt.Print(stderr.String())
	fmt.Println("exit status", status)
	// Output:
	//   File "prog.py", line 3
	//     return 1
	//     ^^^^^^^^
	// SyntaxError: 'return' outside function
	// exit status 2
}
