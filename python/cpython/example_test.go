package cpython_test

import (
	"errors"
	"fmt"

	"github.com/rwgil/rwgil/python/cpython"
)

// Run a program under CPython 3.12+ when one is installed, and fall back
// (or skip) when none is.
func ExampleFind() {
	py, err := cpython.Find()
	if errors.Is(err, cpython.ErrNotFound) {
		fmt.Println("no CPython 3.12+:", err)
		return
	}
	res, err := py.RunBatch([]cpython.Program{{File: "a.py", Source: "print(6 * 7)\n"}}, cpython.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(res[0].Stdout)
}
