package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRunPython runs Python programs from the command line: the .py
// extension chooses the front end, a syntax error is printed as CPython
// prints it (with exit status 2), an uncaught exception as a traceback
// (exit status 1), and `rwgil dis` shows each instruction's source line.
func TestRunPython(t *testing.T) {
	hello := writeFile(t, "hello.py", []byte("def greet(name):\n    return f'hello, {name}'\n\nprint(greet('world'))\n"))
	raises := writeFile(t, "raises.py", []byte("def f():\n    return 1 // 0\n\nf()\n"))
	bad := writeFile(t, "bad.py", []byte("x = 1\nreturn x\n"))
	indent := writeFile(t, "indent.py", []byte("if x:\npass\n"))
	counter := "../../docs/examples/counter.py"
	legacy := "../../docs/examples/extensions/legacy_counter.py"
	for _, tc := range []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // substrings; "" = must be empty
	}{
		{"hello", []string{"run", hello}, 0, "hello, world\n", ""},
		{"uncaught exception", []string{"run", raises}, 1, "", "ZeroDivisionError: integer division or modulo by zero"},
		{"traceback names the function", []string{"run", raises}, 1, "", ", line 2, in f"},
		{"syntax error as CPython prints it", []string{"run", bad}, 2, "",
			"line 2\n    return x\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"},
		{"indentation error", []string{"run", indent}, 2, "", "IndentationError: expected an indented block after 'if' statement on line 1"},
		{"G3 under the GIL", []string{"run", "-policy", "gil", counter}, 0, "lost: 0", ""},
		{"bundled module", []string{"run", "-stats", legacy}, 0, "", "promotions by module: legacy_counter "},
		{"schedule table names source lines", []string{"run", "-policy", "free", "-schedule", "seed:3", "-show-schedule", legacy}, 0, "",
			"legacy_counter.increment()"},
		{"dis shows source lines", []string{"dis", hello}, 0, "; return f'hello, {name}'\n    LOAD_CONST \"hello, \"", ""},
		{"dis syntax error", []string{"dis", bad}, 2, "", "SyntaxError: 'return' outside function"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			for _, c := range []struct{ name, got, want string }{
				{"stdout", stdout.String(), tc.stdout}, {"stderr", stderr.String(), tc.stderr},
			} {
				if c.want == "" && c.got != "" && c.name == "stderr" {
					t.Errorf("%s = %q, want nothing", c.name, c.got)
				}
				if !strings.Contains(c.got, c.want) {
					t.Errorf("%s = %q, want it to contain %q", c.name, c.got, c.want)
				}
			}
			if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic:") {
				t.Errorf("a Go stack trace reached the user:\n%s", &stderr)
			}
		})
	}
}
