package pygen_test

import (
	"fmt"
	"testing"

	"github.com/rwgil/rwgil/python/pygen"
	"pgregory.net/rapid"
)

// A property test draws programs from Program and runs each, wrapped,
// under the implementations it compares.
func ExampleProgram() {
	var t *testing.T // the test's
	rapid.Check(t, func(t *rapid.T) {
		src := pygen.Program().Draw(t, "program").Source()
		fmt.Print(pygen.Wrap(src)) // run it under CPython and rwgil; compare
	})
}

func ExampleWrap() {
	fmt.Print(pygen.Wrap("print(1 / 0)\n"))
	// Output:
	// try:
	//     print(1 / 0)
	// except Exception as exc:
	//     print(type(exc).__name__ + ":", exc)
}
