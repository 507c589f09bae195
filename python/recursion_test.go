package python_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/cpython"
)

// Recursion (issue 12, item 4): the recursion limit is bounded by what the
// Go stack holds, and a RecursionError traceback collapses repeated frames
// as CPython's does.

// TestRecursionFitsTheGoStack runs every way a Python program recurses
// that goes through a different path of Go code -- a plain call, a Go
// function's callback (sorted's key, map), a class's __init__, __repr__
// under repr(), __hash__ under a dict lookup, a generator's resumption,
// a with statement's __enter__, and the Go recursion of repr and == on
// nested lists -- to the recursion limit that core allows for a Go stack
// of 32 MiB, with the Go stack limited to that. Each must end in
// RecursionError, caught; had a level taken more Go stack than core
// budgets for it (goStackPerCall, 16 KiB), the test binary would die of
// "goroutine stack exceeds 33554432-byte limit".
func TestRecursionFitsTheGoStack(t *testing.T) {
	const stack = 32 << 20
	limit := stack / (16 << 10) // as core.maxRecursionFor computes it
	old := debug.SetMaxStack(stack)
	defer debug.SetMaxStack(old)
	files, err := filepath.Glob("testdata/recursion/stack/*.py")
	if err != nil || len(files) < 9 {
		t.Fatalf("the programs of testdata/recursion/stack: %v %v", files, err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			status := python.Run(core.Config{RecursionLimit: limit, Stdout: &out, Stderr: &errOut}, path, src)
			if status != 0 || !strings.Contains(out.String(), ": maximum recursion depth exceeded") {
				t.Errorf("exit status %d; printed %q; stderr:\n%s", status, out.String(), errOut.String())
			}
		})
	}
}

var recursionUpdate = flag.Bool("recursion.update", false, "rewrite testdata/recursion/*.err with CPython 3.12's output")

// TestRecursionTraceback compares the tracebacks of testdata/recursion
// with CPython's, checked in as *.err (regenerate with
// go test ./python -run TestRecursionTraceback -recursion.update): a
// frame repeated more than three times in a row prints three times and
// "[Previous line repeated N more times]", and the module's frame counts
// against the limit of 1000 (996 more times, as in CPython).
func TestRecursionTraceback(t *testing.T) {
	const dir = "testdata/recursion"
	files, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no programs in %s: %v", dir, err)
	}
	var py *cpython.Interpreter
	if *recursionUpdate {
		if py, err = cpython.Find(); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range files {
		file := filepath.Base(path)
		errPath := strings.TrimSuffix(path, ".py") + ".err"
		t.Run(file, func(t *testing.T) {
			if py != nil {
				res, err := py.RunFile(dir, file, cpython.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(errPath, []byte(res.Stderr), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(errPath)
			if err != nil {
				t.Fatalf("%v (regenerate with -recursion.update)", err)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			python.Run(core.Config{Stdout: &out, Stderr: &errOut}, path, src)
			got := strings.ReplaceAll(errOut.String(), `File "`+dir+"/", `File "`)
			if got != string(want) {
				t.Errorf("stderr differs\nCPython 3.12:\n%s\nrwgil:\n%s", want, got)
			}
		})
	}
}
