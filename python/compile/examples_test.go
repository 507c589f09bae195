package compile_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/rwgil/rwgil/python/cpython"
)

// exampleDir holds the Python versions of the example programs, and
// thread.py, the thread module for CPython.
var exampleDir = filepath.Join("..", "..", "docs", "examples")

// cpythonExamples are the examples of docs/examples that run under CPython
// too (with thread.py), and what CPython must print: what core's
// TestExamples asks of the .rwa versions, and for counter.py no lost
// update, since CPython 3.12's GIL switches only at backward jumps and
// calls and `counter += 1` has neither (docs/design.md, G3). The examples under
// docs/examples/extensions import rwgil's bundled modules and run under
// rwgil only.
var cpythonExamples = map[string]*regexp.Regexp{
	"counter.py":  regexp.MustCompile(`^counter = 80000 of 80000 lost: 0\n$`),
	"prodcons.py": regexp.MustCompile(`^consumed total = 499500 expected 499500; consumers: 2\n$`),
	"cpu.py":      regexp.MustCompile(`^\[55185, 313417\]\n$`),
	"builtins.py": regexp.MustCompile(`^8 summaries, distinct: 1 \[1, 3, 5, 7, 9\] 5 9\n$`),
}

// TestExamplesCPython runs docs/examples' Python programs under CPython
// with the thread shim (-corpus.cpython; CPython 3.12 or later), checking
// that the same files run under both and print what the .rwa versions do.
func TestExamplesCPython(t *testing.T) {
	if !*corpusCheck {
		t.Skip("run with -corpus.cpython to run docs/examples under CPython")
	}
	py, err := cpython.Find()
	if err != nil {
		t.Fatalf("cannot run the examples under CPython: %v", err)
	}
	for name, want := range cpythonExamples {
		t.Run(name, func(t *testing.T) {
			res, err := py.RunFile(exampleDir, name, cpython.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitStatus != 0 || res.Stderr != "" || !want.MatchString(res.Stdout) {
				t.Errorf("%s under %s: exit %d, stdout %q (want %s), stderr:\n%s",
					name, py, res.ExitStatus, res.Stdout, want, indent(res.Stderr))
			}
		})
	}
}
