package cpython_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/cpython"
)

// interpreter returns the CPython the tests run, or skips.
func interpreter(t *testing.T) *cpython.Interpreter {
	t.Helper()
	py, err := cpython.Find()
	if errors.Is(err, cpython.ErrNotFound) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if py.Minor < cpython.MinMinor {
		t.Fatalf("Find returned %s, older than 3.%d", py, cpython.MinMinor)
	}
	return py
}

func TestLastLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"one", "one"},
		{"one\n", "one"},
		{"a\nb\n", "b"},
		{"Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: x\n", "ValueError: x"},
		{"a\nb\n\n", "b"},
	} {
		if got := cpython.LastLine(c.in); got != c.want {
			t.Errorf("LastLine(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestRunFile runs a script that prints, imports a module from
// Options.Path and ends with an uncaught exception, and one with a
// compile-time error.
func TestRunFile(t *testing.T) {
	py := interpreter(t)
	dir, lib := t.TempDir(), t.TempDir()
	write := func(dir, name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(lib, "helper.py", "def twice(x):\n    return 2 * x\n")
	write(dir, "prog.py", "import helper\nprint(helper.twice(21))\nprint(hash('abc') == hash('abc'))\n{}['k']\n")
	write(dir, "bad.py", "x = 1\nreturn x\n")

	res, err := py.RunFile(dir, "prog.py", cpython.Options{Path: []string{lib}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stdout != "42\nTrue\n" || res.ExitStatus != 1 || cpython.LastLine(res.Stderr) != "KeyError: 'k'" {
		t.Errorf("prog.py: got stdout %q, status %d, stderr %q", res.Stdout, res.ExitStatus, res.Stderr)
	}
	if want := `  File "prog.py", line 4, in <module>`; !strings.Contains(res.Stderr, want) {
		t.Errorf("prog.py: the traceback does not name the file as given (%q):\n%s", want, res.Stderr)
	}
	if _, err := os.Stat(filepath.Join(lib, "__pycache__")); err == nil {
		t.Errorf("importing helper wrote %s/__pycache__", lib)
	}

	res, err = py.RunFile(dir, "bad.py", cpython.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stdout != "" || res.ExitStatus != 1 || cpython.LastLine(res.Stderr) != "SyntaxError: 'return' outside function" {
		t.Errorf("bad.py: got stdout %q, status %d, stderr %q", res.Stdout, res.ExitStatus, res.Stderr)
	}
}

// TestRunBatch checks that a batch's programs run in fresh namespaces,
// each with its own output, and that each one's escaping exception is
// reported without stopping the others.
func TestRunBatch(t *testing.T) {
	py := interpreter(t)
	progs := []cpython.Program{
		{File: "a.py", Source: "x = 1\nprint('a', x, __name__)\n"},
		{File: "b.py", Source: "print('b', 'x' in globals())\nraise ValueError('no')\n"},
		{File: "c.py", Source: "print('c'\n"},
		{File: "d.py", Source: "import sys\nprint('d', file=sys.stderr)\nsys.setrecursionlimit(50)\nraise SystemExit(3)\n"},
		{File: "e.py", Source: "import sys\nprint(sys.getrecursionlimit() > 50)\n"},
	}
	res, err := py.RunBatch(progs, cpython.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []cpython.BatchResult{
		{Stdout: "a 1 __main__\n"},
		{Stdout: "b False\n", Error: "ValueError: no"},
		{Error: "SyntaxError: '(' was never closed"},
		{Stderr: "d\n", Error: "SystemExit: 3"},
		{Stdout: "True\n"},
	}
	for i := range want {
		if res[i] != want[i] {
			t.Errorf("%s: got %+v, want %+v", progs[i].File, res[i], want[i])
		}
	}
}
