package core

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// knownBugs lists the TestEval cases that fail because of a bug in core,
// by case name, with a line on the bug. Each is skipped until the bug is
// fixed: then delete its entry.
var knownBugs = map[string]string{}

// evalCPython makes TestEvalCPython check every expectation of TestEval
// against what python3 does with the case's Python program.
var evalCPython = flag.Bool("eval.cpython", false, "TestEvalCPython: check TestEval's expectations against python3")

// evalCase is one program of TestEval: a Python program, its translation
// to rwgil bytecode, and what CPython does with the Python program.
type evalCase struct {
	name string
	// py is the equivalent Python program. Its line numbers are those of
	// the .line directives in rwa, and both run as file name+".py", so
	// that tracebacks can be compared line for line.
	py  string
	rwa string
	// out is what the program prints.
	out string
	// tb is the uncaught exception the program ends with, exactly as
	// CPython prints it (no source lines: the file does not exist); ""
	// if the program ends normally.
	tb string
	// stderr lists substrings of what the program writes to stderr (the
	// tracebacks of threads that end with an exception); when empty,
	// stderr must be empty.
	stderr []string
	// limit is Config.RecursionLimit (sys.setrecursionlimit for CPython).
	limit int
	// differs says why rwgil deliberately differs from CPython on this
	// program: out and tb are then rwgil's, and TestEvalCPython skips it.
	differs string
}

func (c *evalCase) file() string { return c.name + ".py" }

// evalResult is what a program did under rwgil.
type evalResult struct {
	out, stderr string
	// exc is the uncaught exception, nil if the program ended normally.
	exc *evalExc
	// goErr is an error that was not a Python exception.
	goErr error
}

// evalExc holds what TestEval checks of an uncaught exception.
type evalExc struct {
	typ, msg  string
	tb        []TraceEntry
	formatted string
}

// runEval runs code as __main__ on a fresh runtime for cfg, waits for the
// threads it starts, and returns what it printed and the uncaught
// exception it ended with, if any (read, then dropped while the thread is
// attached). The runtime must close with no leaks and no refcount reports.
// A program that does not finish in 30s fails the test.
func runEval(t testing.TB, cfg Config, code *bytecode.Code) evalResult {
	t.Helper()
	var out, errOut bytes.Buffer
	cfg.Stdout, cfg.Stderr, cfg.TrackObjects = &out, &errOut, true
	rt, err := NewRuntime(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var res evalResult
	done := make(chan struct{})
	go func() {
		defer close(done)
		r, err := rt.Exec(code)
		if err != nil {
			res.goErr = err
			return
		}
		if r.Exception != "" {
			res.exc = &evalExc{typ: r.ExceptionType, msg: r.ExceptionMessage, tb: r.Traceback, formatted: r.Exception}
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("the program did not finish in 30s (deadlock?); so far it printed %q", out.String())
	}
	if res.goErr != nil {
		t.Errorf("Go error: %v", res.goErr)
	}
	if err := rt.Close(); err != nil {
		t.Errorf("runtime Close: %v", err)
	}
	res.out, res.stderr = out.String(), errOut.String()
	return res
}

// traceLine is one "File" line of a Python traceback.
var traceLine = regexp.MustCompile(`^  File "(.*)", line (\d+), in (.*)$`)

// parseTraceback reads the last exception of a traceback as CPython
// prints it: its type, message and entries, outermost first.
func parseTraceback(tb string) (typ, msg string, entries []TraceEntry) {
	if i := strings.LastIndex(tb, "Traceback (most recent call last):\n"); i >= 0 {
		tb = tb[i:]
	}
	lines := strings.Split(strings.TrimSuffix(tb, "\n"), "\n")
	for _, l := range lines {
		if m := traceLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[2])
			entries = append(entries, TraceEntry{File: m[1], Line: n, Func: m[3]})
		}
	}
	last := lines[len(lines)-1]
	typ, msg, _ = strings.Cut(last, ": ")
	return typ, msg, entries
}

// evalConfig is a named configuration TestEval runs every case under.
type evalConfig struct {
	name string
	cfg  Config
}

// evalConfigs are the configurations TestEval runs every case under:
// every policy, and two of them with a safe point at every instruction.
func evalConfigs() []evalConfig {
	var out []evalConfig
	for _, p := range eml.Policies() {
		out = append(out, evalConfig{p.String(), Config{Policy: p}})
	}
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL} {
		out = append(out, evalConfig{p.String() + "+every", Config{Policy: p, SafePoints: SafePointsEvery}})
	}
	return out
}

// TestEval runs each program of evalCases under every policy (and with
// safe points everywhere), and compares what it prints and the exception
// it ends with against what CPython does with the equivalent Python
// program.
func TestEval(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range evalCases {
		if seen[c.name] {
			t.Fatalf("two cases named %s", c.name)
		}
		seen[c.name] = true
	}
	for name := range knownBugs {
		if !seen[name] {
			t.Errorf("knownBugs names %s, which is no case", name)
		}
	}
	for i := range evalCases {
		c := &evalCases[i]
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, err := bytecode.Assemble(c.file(), []byte(strings.TrimPrefix(c.rwa, "\n")))
			if err != nil {
				t.Fatalf("%s does not assemble: %v", c.name, err)
			}
			if bug, ok := knownBugs[c.name]; ok {
				t.Skip("core bug: " + bug)
			}
			for _, k := range evalConfigs() {
				cfg := k.cfg
				cfg.RecursionLimit = c.limit
				t.Run(k.name, func(t *testing.T) {
					checkEval(t, c, runEval(t, cfg, code))
				})
			}
		})
	}
}

// checkEval compares what a case did under rwgil with what it should do.
func checkEval(t *testing.T, c *evalCase, got evalResult) {
	t.Helper()
	who := "CPython"
	if c.differs != "" {
		who = "rwgil (differs: " + c.differs + ")"
	}
	if got.out != c.out {
		t.Errorf("%s: stdout differs\n%s prints:\n%s\nrwgil prints:\n%s\nPython program:\n%s",
			c.name, who, indent(c.out), indent(got.out), indent(strings.TrimPrefix(c.py, "\n")))
	}
	switch {
	case c.tb == "" && got.exc != nil:
		t.Errorf("%s: unexpected uncaught exception\n%s ends normally; rwgil ends with:\n%s",
			c.name, who, indent(got.exc.formatted))
	case c.tb != "" && got.exc == nil:
		t.Errorf("%s: no uncaught exception\n%s ends with:\n%s", c.name, who, indent(c.tb))
	case c.tb != "":
		typ, msg, entries := parseTraceback(c.tb)
		e := got.exc
		if e.typ != typ || e.msg != msg {
			t.Errorf("%s: exception\n%s: %s: %q\nrwgil:   %s: %q", c.name, who, typ, msg, e.typ, e.msg)
		}
		if fmt.Sprint(e.tb) != fmt.Sprint(entries) {
			t.Errorf("%s: traceback entries (outermost first)\n%s: %v\nrwgil:   %v", c.name, who, entries, e.tb)
		}
		if e.formatted != c.tb {
			t.Errorf("%s: formatted traceback\n%s prints:\n%s\nrwgil prints:\n%s", c.name, who, indent(c.tb), indent(e.formatted))
		}
	}
	for _, s := range c.stderr {
		if !strings.Contains(got.stderr, s) {
			t.Errorf("%s: stderr lacks %q; rwgil wrote:\n%s", c.name, s, indent(got.stderr))
		}
	}
	if len(c.stderr) == 0 && got.stderr != "" {
		t.Errorf("%s: unexpected stderr:\n%s", c.name, indent(got.stderr))
	}
}

// indent indents a block of text for a failure message.
func indent(s string) string {
	if s == "" {
		return "    (nothing)"
	}
	return "    " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n    ")
}

// cpythonRunner runs the Python programs it reads as JSON on stdin, each
// in a fresh __main__ namespace with stdout and stderr captured, and
// writes what each printed and the traceback it ended with as JSON. A
// module "thread" gives them rwgil's thread module on top of threading.
const cpythonRunner = `
import io, json, sys, threading, time, traceback, types

thread = types.ModuleType("thread")
def start(fn, *args):
    t = threading.Thread(target=fn, args=args)
    t.start()
    return t
thread.start = start
thread.join = lambda h: h.join()
thread.Lock = threading.Lock
thread.RLock = threading.RLock
thread.get_ident = threading.get_ident
thread.sleep = time.sleep
sys.modules["thread"] = thread

results = []
for c in json.load(sys.stdin):
    out, err, tb = io.StringIO(), io.StringIO(), ""
    saved, limit = (sys.stdout, sys.stderr), sys.getrecursionlimit()
    sys.stdout, sys.stderr = out, err
    try:
        code = compile(c["src"], c["file"], "exec")
        if c["limit"]:
            sys.setrecursionlimit(c["limit"])
        exec(code, {"__name__": "__main__"})
    except BaseException as e:
        e.__traceback__ = e.__traceback__.tb_next
        tb = "".join(traceback.format_exception(e))
    finally:
        sys.stdout, sys.stderr = saved
        sys.setrecursionlimit(limit)
    results.append({"out": out.getvalue(), "tb": tb, "stderr": err.getvalue()})
json.dump(results, sys.stdout)
`

// TestEvalCPython checks the expectations of TestEval against python3
// (3.11): each case's Python program must print what the case says and
// end with the traceback it says. Run with -eval.cpython.
func TestEvalCPython(t *testing.T) {
	if !*evalCPython {
		t.Skip("run with -eval.cpython to check TestEval's expectations against python3")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	type program struct {
		File  string `json:"file"`
		Src   string `json:"src"`
		Limit int    `json:"limit"`
	}
	type result struct{ Out, Tb, Stderr string }
	var progs []program
	for _, c := range evalCases {
		progs = append(progs, program{c.file(), strings.TrimPrefix(c.py, "\n"), c.limit})
	}
	in, err := json.Marshal(progs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", cpythonRunner)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outJSON, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	var results []result
	if err := json.Unmarshal(outJSON, &results); err != nil || len(results) != len(evalCases) {
		t.Fatalf("python3 answered %d results (%v) for %d programs", len(results), err, len(evalCases))
	}
	for i, c := range evalCases {
		r := results[i]
		if c.differs != "" {
			continue
		}
		if r.Out != c.out {
			t.Errorf("%s: CPython prints %#q, the case says %#q", c.name, r.Out, c.out)
		}
		if r.Tb != c.tb {
			t.Errorf("%s: CPython ends with %#q, the case says %#q", c.name, r.Tb, c.tb)
		}
		for _, s := range c.stderr {
			if !strings.Contains(r.Stderr, s) {
				t.Errorf("%s: CPython's stderr lacks %q:\n%s", c.name, s, indent(r.Stderr))
			}
		}
		if len(c.stderr) == 0 && r.Stderr != "" {
			t.Errorf("%s: CPython writes to stderr:\n%s", c.name, indent(r.Stderr))
		}
	}
}

// evalCases are the programs of TestEval, by topic: exceptions, recursion,
// calls, classes, other instructions, and the thread module.
var evalCases = []evalCase{
	// ---- exceptions ----
	{
		name: "exc_catch_class",
		py: `
try:
    raise ValueError("bad")
except ValueError as e:
    print("caught", e)
print("after")
`,
		rwa: `
module
    SETUP_EXCEPT handler
    LOAD_NAME ValueError
    LOAD_CONST "bad"
    CALL 1
    RAISE_VARARGS 1
handler:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "caught"
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD after
nomatch:
    RERAISE
after:
    LOAD_NAME print
    LOAD_CONST "after"
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "caught bad\nafter\n",
	},
	{
		name: "exc_catch_tuple",
		py: `
try:
    d = {}
    d["k"]
except (TypeError, KeyError) as e:
    print("caught", repr(e))
`,
		rwa: `
module
    SETUP_EXCEPT handler
    BUILD_MAP 0
    STORE_NAME d
    LOAD_NAME d
    LOAD_CONST "k"
    BINARY_SUBSCR
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    LOAD_NAME KeyError
    BUILD_TUPLE 2
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "caught"
    LOAD_NAME repr
    LOAD_NAME e
    CALL 1
    CALL 2
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "caught KeyError('k')\n",
	},
	{
		name: "exc_catch_base_class",
		py: `
try:
    [1, 2][5]
except LookupError as e:
    print(type(e).__name__, e)
try:
    1 / 0
except ArithmeticError as e:
    print(type(e).__name__, e)
try:
    {}["k"]
except Exception as e:
    print(type(e).__name__, e)
`,
		rwa: `
module
    SETUP_EXCEPT h1
    LOAD_CONST 1
    LOAD_CONST 2
    BUILD_LIST 2
    LOAD_CONST 5
    BINARY_SUBSCR
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME LookupError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    LOAD_CONST 1
    LOAD_CONST 0
    BINARY_OP /
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t3
h2:
    LOAD_NAME ArithmeticError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t3
r2:
    RERAISE
t3:
    SETUP_EXCEPT h3
    BUILD_MAP 0
    LOAD_CONST "k"
    BINARY_SUBSCR
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h3:
    LOAD_NAME Exception
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r3
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r3:
    RERAISE
end
`,
		out: "IndexError list index out of range\nZeroDivisionError division by zero\nKeyError 'k'\n",
	},
	{
		name: "exc_no_match_reraise",
		py: `
def f():
    try:
        raise KeyError("x")
    except ValueError:
        print("wrong")
f()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 6
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    .line 2
    SETUP_EXCEPT handler
    .line 3
    LOAD_GLOBAL KeyError
    LOAD_CONST "x"
    CALL 1
    RAISE_VARARGS 1
    .line 4
handler:
    LOAD_GLOBAL ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 5
    LOAD_GLOBAL print
    LOAD_CONST "wrong"
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
    .line 4
nomatch:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_no_match_reraise.py", line 6, in <module>
  File "exc_no_match_reraise.py", line 3, in f
KeyError: 'x'
`,
	},
	{
		name: "exc_nested_try",
		py: `
try:
    try:
        raise ValueError("inner")
    except TypeError:
        print("wrong handler")
    print("not reached")
except ValueError as e:
    print("outer caught", e)
try:
    try:
        raise TypeError("t")
    except TypeError as e:
        print("inner caught", e)
    print("after inner")
except Exception:
    print("wrong")
print("done")
`,
		rwa: `
module
    SETUP_EXCEPT outer1
    SETUP_EXCEPT inner1
    LOAD_NAME ValueError
    LOAD_CONST "inner"
    CALL 1
    RAISE_VARARGS 1
inner1:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE reraise1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "wrong handler"
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD after1
reraise1:
    RERAISE
after1:
    LOAD_NAME print
    LOAD_CONST "not reached"
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD second
outer1:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE reraise2
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "outer caught"
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD second
reraise2:
    RERAISE
second:
    SETUP_EXCEPT outer2
    SETUP_EXCEPT inner2
    LOAD_NAME TypeError
    LOAD_CONST "t"
    CALL 1
    RAISE_VARARGS 1
inner2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE reraise3
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "inner caught"
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD after2
reraise3:
    RERAISE
after2:
    LOAD_NAME print
    LOAD_CONST "after inner"
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD done
outer2:
    LOAD_NAME Exception
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE reraise4
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "wrong"
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD done
reraise4:
    RERAISE
done:
    LOAD_NAME print
    LOAD_CONST "done"
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "outer caught inner\ninner caught t\nafter inner\ndone\n",
	},
	{
		name: "exc_raise_in_except",
		py: `
def f():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
f()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 6
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    .line 2
    SETUP_EXCEPT handler
    .line 3
    LOAD_CONST 1
    LOAD_CONST 0
    BINARY_OP /
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
    .line 4
handler:
    LOAD_GLOBAL ZeroDivisionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 5
    LOAD_GLOBAL ValueError
    LOAD_CONST "while handling"
    CALL 1
    RAISE_VARARGS 1
    .line 4
nomatch:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_raise_in_except.py", line 3, in f
ZeroDivisionError: division by zero

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "exc_raise_in_except.py", line 6, in <module>
  File "exc_raise_in_except.py", line 5, in f
ValueError: while handling
`,
	},
	{
		name: "exc_raise_from",
		py: `
def lookup(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise ValueError("no " + k) from e
lookup({}, "a")
`,
		rwa: `
module
    .line 1
    LOAD_CONST @lookup
    MAKE_FUNCTION 0
    STORE_NAME lookup
    .line 6
    LOAD_NAME lookup
    BUILD_MAP 0
    LOAD_CONST "a"
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func lookup(d, k)
    locals e
    .line 2
    SETUP_EXCEPT handler
    .line 3
    LOAD_FAST d
    LOAD_FAST k
    BINARY_SUBSCR
    POP_BLOCK
    RETURN_VALUE
    .line 4
handler:
    LOAD_GLOBAL KeyError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_FAST e
    .line 5
    LOAD_GLOBAL ValueError
    LOAD_CONST "no "
    LOAD_FAST k
    BINARY_OP +
    CALL 1
    LOAD_FAST e
    RAISE_VARARGS 2
    .line 4
nomatch:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_raise_from.py", line 3, in lookup
KeyError: 'a'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "exc_raise_from.py", line 6, in <module>
  File "exc_raise_from.py", line 5, in lookup
ValueError: no a
`,
	},
	{
		name: "exc_raise_from_none",
		py: `
try:
    {}["k"]
except KeyError:
    raise ValueError("clean") from None
`,
		rwa: `
module
    .line 1
    SETUP_EXCEPT handler
    .line 2
    BUILD_MAP 0
    LOAD_CONST "k"
    BINARY_SUBSCR
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
    .line 3
handler:
    LOAD_NAME KeyError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 4
    LOAD_NAME ValueError
    LOAD_CONST "clean"
    CALL 1
    LOAD_CONST None
    RAISE_VARARGS 2
    .line 3
nomatch:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_raise_from_none.py", line 4, in <module>
ValueError: clean
`,
	},
	{
		name: "exc_cause_context_attributes",
		py: `
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        raise ValueError("v") from k
except ValueError as v:
    print(repr(v.__cause__), repr(v.__context__), v.__cause__ is v.__context__)
`,
		rwa: `
module
    SETUP_EXCEPT outer
    SETUP_EXCEPT inner
    LOAD_NAME KeyError
    LOAD_CONST "k"
    CALL 1
    RAISE_VARARGS 1
inner:
    LOAD_NAME KeyError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE reraise1
    STORE_NAME k
    LOAD_NAME ValueError
    LOAD_CONST "v"
    CALL 1
    LOAD_NAME k
    RAISE_VARARGS 2
reraise1:
    RERAISE
outer:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE reraise2
    STORE_NAME v
    LOAD_NAME print
    LOAD_NAME repr
    LOAD_NAME v
    LOAD_ATTR __cause__
    CALL 1
    LOAD_NAME repr
    LOAD_NAME v
    LOAD_ATTR __context__
    CALL 1
    LOAD_NAME v
    LOAD_ATTR __cause__
    LOAD_NAME v
    LOAD_ATTR __context__
    IS_OP 0
    CALL 3
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
reraise2:
    RERAISE
end
`,
		out: "KeyError('k') KeyError('k') True\n",
	},
	{
		name: "exc_bare_reraise_in_handler",
		py: `
def f():
    try:
        raise ValueError("orig")
    except ValueError:
        print("handling")
        raise
f()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 7
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    .line 2
    SETUP_EXCEPT handler
    .line 3
    LOAD_GLOBAL ValueError
    LOAD_CONST "orig"
    CALL 1
    RAISE_VARARGS 1
    .line 4
handler:
    LOAD_GLOBAL ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 5
    LOAD_GLOBAL print
    LOAD_CONST "handling"
    CALL 1
    POP_TOP
    .line 6
    RAISE_VARARGS 0
    .line 4
nomatch:
    RERAISE
end
`,
		out: "handling\n",
		tb: `Traceback (most recent call last):
  File "exc_bare_reraise_in_handler.py", line 7, in <module>
  File "exc_bare_reraise_in_handler.py", line 3, in f
ValueError: orig
`,
	},
	{
		name: "exc_bare_raise_no_active",
		py: `
print("start")
raise
`,
		rwa: `
module
    .line 1
    LOAD_NAME print
    LOAD_CONST "start"
    CALL 1
    POP_TOP
    .line 2
    RAISE_VARARGS 0
end
`,
		out: "start\n",
		tb: `Traceback (most recent call last):
  File "exc_bare_raise_no_active.py", line 2, in <module>
RuntimeError: No active exception to reraise
`,
	},
	{
		name: "exc_bare_raise_after_handler",
		py: `
try:
    raise ValueError("x")
except ValueError:
    pass
try:
    raise
except RuntimeError as e:
    print(e)
`,
		rwa: `
module
    SETUP_EXCEPT h1
    LOAD_NAME ValueError
    LOAD_CONST "x"
    CALL 1
    RAISE_VARARGS 1
h1:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD second
r1:
    RERAISE
second:
    SETUP_EXCEPT h2
    RAISE_VARARGS 0
h2:
    LOAD_NAME RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "No active exception to reraise\n",
	},
	{
		name: "exc_bare_raise_restores_outer",
		py: `
try:
    raise ValueError("outer")
except ValueError:
    try:
        raise TypeError("inner")
    except TypeError:
        pass
    raise
`,
		rwa: `
module
    .line 1
    SETUP_EXCEPT h1
    .line 2
    LOAD_NAME ValueError
    LOAD_CONST "outer"
    CALL 1
    RAISE_VARARGS 1
    .line 3
h1:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    POP_TOP
    .line 4
    SETUP_EXCEPT h2
    .line 5
    LOAD_NAME TypeError
    LOAD_CONST "inner"
    CALL 1
    RAISE_VARARGS 1
    .line 6
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    POP_TOP
    POP_EXCEPT
    .line 8
    RAISE_VARARGS 0
    .line 6
r2:
    RERAISE
    .line 3
r1:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_bare_raise_restores_outer.py", line 2, in <module>
ValueError: outer
`,
	},
	{
		name: "exc_raise_class_vs_instance",
		py: `
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args, str(e) == "")
try:
    raise ValueError("a", 2)
except ValueError as e:
    print(repr(e), e.args, e, e.args[1])
`,
		rwa: `
module
    SETUP_EXCEPT h1
    LOAD_NAME ValueError
    RAISE_VARARGS 1
h1:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME repr
    LOAD_NAME e
    CALL 1
    LOAD_NAME e
    LOAD_ATTR args
    LOAD_NAME str
    LOAD_NAME e
    CALL 1
    LOAD_CONST ""
    COMPARE_OP ==
    CALL 3
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD second
r1:
    RERAISE
second:
    SETUP_EXCEPT h2
    LOAD_NAME ValueError
    LOAD_CONST "a"
    LOAD_CONST 2
    CALL 2
    RAISE_VARARGS 1
h2:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME repr
    LOAD_NAME e
    CALL 1
    LOAD_NAME e
    LOAD_ATTR args
    LOAD_NAME e
    LOAD_NAME e
    LOAD_ATTR args
    LOAD_CONST 1
    BINARY_SUBSCR
    CALL 4
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "ValueError() () True\nValueError('a', 2) ('a', 2) ('a', 2) 2\n",
	},
	{
		name: "exc_raise_non_exception",
		py: `
x = 42
raise x
`,
		rwa: `
module
    .line 1
    LOAD_CONST 42
    STORE_NAME x
    .line 2
    LOAD_NAME x
    RAISE_VARARGS 1
end
`,
		tb: `Traceback (most recent call last):
  File "exc_raise_non_exception.py", line 2, in <module>
TypeError: exceptions must derive from BaseException
`,
	},
	{
		name: "exc_raise_non_exception_class",
		py: `
class NotExc:
    pass
for x in [NotExc, NotExc(), "text", int]:
    try:
        raise x
    except TypeError as e:
        print(e)
`,
		rwa: `
module
    LOAD_CONST "NotExc"
    LOAD_CONST ()
    BUILD_MAP 0
    BUILD_CLASS
    STORE_NAME NotExc
    LOAD_NAME NotExc
    LOAD_NAME NotExc
    CALL 0
    LOAD_CONST "text"
    LOAD_NAME int
    BUILD_LIST 4
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME x
    SETUP_EXCEPT handler
    LOAD_NAME x
    RAISE_VARARGS 1
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_BACKWARD loop
nomatch:
    RERAISE
done:
    RETURN_CONST None
end
`,
		out: strings.Repeat("exceptions must derive from BaseException\n", 4),
	},
	{
		name: "exc_raise_from_non_exception",
		py: `
try:
    raise ValueError("x") from 5
except TypeError as e:
    print(e)
`,
		rwa: `
module
    SETUP_EXCEPT handler
    LOAD_NAME ValueError
    LOAD_CONST "x"
    CALL 1
    LOAD_CONST 5
    RAISE_VARARGS 2
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "exception causes must derive from BaseException\n",
	},
	{
		name: "exc_traceback_three_frames",
		py: `
def a():
    b()
def b():
    c()
def c():
    raise ValueError("deep")
a()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @a
    MAKE_FUNCTION 0
    STORE_NAME a
    .line 3
    LOAD_CONST @b
    MAKE_FUNCTION 0
    STORE_NAME b
    .line 5
    LOAD_CONST @c
    MAKE_FUNCTION 0
    STORE_NAME c
    .line 7
    LOAD_NAME a
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func a()
    .line 2
    LOAD_GLOBAL b
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func b()
    .line 4
    LOAD_GLOBAL c
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func c()
    .line 6
    LOAD_GLOBAL ValueError
    LOAD_CONST "deep"
    CALL 1
    RAISE_VARARGS 1
end
`,
		tb: `Traceback (most recent call last):
  File "exc_traceback_three_frames.py", line 7, in <module>
  File "exc_traceback_three_frames.py", line 2, in a
  File "exc_traceback_three_frames.py", line 4, in b
  File "exc_traceback_three_frames.py", line 6, in c
ValueError: deep
`,
	},
	{
		name: "exc_catch_and_continue",
		py: `
def risky(n):
    if n > 2:
        raise ValueError("too big: " + str(n))
    return 10 // (n - 1)
def safe(n):
    try:
        return risky(n)
    except ValueError as e:
        return str(e)
    except ZeroDivisionError:
        return "div"
for i in range(5):
    print(safe(i))
print("done")
`,
		rwa: `
module
    LOAD_CONST @risky
    MAKE_FUNCTION 0
    STORE_NAME risky
    LOAD_CONST @safe
    MAKE_FUNCTION 0
    STORE_NAME safe
    LOAD_NAME range
    LOAD_CONST 5
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME i
    LOAD_NAME print
    LOAD_NAME safe
    LOAD_NAME i
    CALL 1
    CALL 1
    POP_TOP
    JUMP_BACKWARD loop
done:
    LOAD_NAME print
    LOAD_CONST "done"
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func risky(n)
    LOAD_FAST n
    LOAD_CONST 2
    COMPARE_OP >
    POP_JUMP_IF_FALSE ok
    LOAD_GLOBAL ValueError
    LOAD_CONST "too big: "
    LOAD_GLOBAL str
    LOAD_FAST n
    CALL 1
    BINARY_OP +
    CALL 1
    RAISE_VARARGS 1
ok:
    LOAD_CONST 10
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP -
    BINARY_OP //
    RETURN_VALUE
end

func safe(n)
    locals e
    SETUP_EXCEPT handler
    LOAD_GLOBAL risky
    LOAD_FAST n
    CALL 1
    POP_BLOCK
    RETURN_VALUE
handler:
    LOAD_GLOBAL ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE second
    STORE_FAST e
    LOAD_GLOBAL str
    LOAD_FAST e
    CALL 1
    POP_EXCEPT
    RETURN_VALUE
second:
    LOAD_GLOBAL ZeroDivisionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    POP_EXCEPT
    LOAD_CONST "div"
    RETURN_VALUE
nomatch:
    RERAISE
end
`,
		out: "-10\ndiv\n10\ntoo big: 3\ntoo big: 4\ndone\n",
	},
	{
		name: "exc_loop_handler_keeps_iterator",
		py: `
out = []
for i in range(4):
    try:
        out.append(10 // (i - 2))
    except ZeroDivisionError:
        out.append("skip")
print(out)
`,
		rwa: `
module
    BUILD_LIST 0
    STORE_NAME out
    LOAD_NAME range
    LOAD_CONST 4
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME i
    SETUP_EXCEPT handler
    LOAD_NAME out
    LOAD_METHOD append
    LOAD_CONST 10
    LOAD_NAME i
    LOAD_CONST 2
    BINARY_OP -
    BINARY_OP //
    CALL_METHOD 1
    POP_TOP
    POP_BLOCK
    JUMP_BACKWARD loop
handler:
    LOAD_NAME ZeroDivisionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    LOAD_NAME out
    LOAD_METHOD append
    LOAD_CONST "skip"
    CALL_METHOD 1
    POP_TOP
    POP_EXCEPT
    JUMP_BACKWARD loop
nomatch:
    RERAISE
done:
    LOAD_NAME print
    LOAD_NAME out
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "[-5, -10, 'skip', 10]\n",
	},
	{
		name: "exc_stack_unwound_in_expression",
		py: `
def f():
    raise ValueError("in arg")
try:
    x = [1, "two", (3,), f()]
except ValueError as e:
    print("caught", e)
print("ok")
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    SETUP_EXCEPT handler
    LOAD_CONST 1
    LOAD_CONST "two"
    LOAD_CONST (3,)
    LOAD_NAME f
    CALL 0
    BUILD_LIST 4
    STORE_NAME x
    POP_BLOCK
    JUMP_FORWARD after
handler:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "caught"
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD after
nomatch:
    RERAISE
after:
    LOAD_NAME print
    LOAD_CONST "ok"
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func f()
    LOAD_GLOBAL ValueError
    LOAD_CONST "in arg"
    CALL 1
    RAISE_VARARGS 1
end
`,
		out: "caught in arg\nok\n",
	},
	{
		name: "exc_return_in_try",
		py: `
def f(x):
    try:
        return 10 // x
    except ZeroDivisionError:
        return -1
print(f(2), f(0), f(5))
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST 2
    CALL 1
    LOAD_NAME f
    LOAD_CONST 0
    CALL 1
    LOAD_NAME f
    LOAD_CONST 5
    CALL 1
    CALL 3
    POP_TOP
    RETURN_CONST None
end

func f(x)
    SETUP_EXCEPT handler
    LOAD_CONST 10
    LOAD_FAST x
    BINARY_OP //
    POP_BLOCK
    RETURN_VALUE
handler:
    LOAD_GLOBAL ZeroDivisionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    RETURN_CONST -1
nomatch:
    RERAISE
end
`,
		out: "5 -1 2\n",
	},
	{
		name: "exc_finally_both_paths",
		py: `
def f(x):
    try:
        print("body", 10 // x)
    finally:
        print("finally")
f(5)
try:
    f(0)
except ZeroDivisionError:
    print("caught")
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_NAME f
    LOAD_CONST 5
    CALL 1
    POP_TOP
    SETUP_EXCEPT handler
    LOAD_NAME f
    LOAD_CONST 0
    CALL 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME ZeroDivisionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "caught"
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func f(x)
    SETUP_EXCEPT finally
    LOAD_GLOBAL print
    LOAD_CONST "body"
    LOAD_CONST 10
    LOAD_FAST x
    BINARY_OP //
    CALL 2
    POP_TOP
    POP_BLOCK
    LOAD_GLOBAL print
    LOAD_CONST "finally"
    CALL 1
    POP_TOP
    RETURN_CONST None
finally:
    LOAD_GLOBAL print
    LOAD_CONST "finally"
    CALL 1
    POP_TOP
    RERAISE
end
`,
		out: "body 2\nfinally\nfinally\ncaught\n",
	},
	{
		name: "exc_user_class_caught_by_base",
		py: `
class AppError(Exception):
    pass
class DbError(AppError):
    pass
try:
    raise DbError("conn lost", 3)
except AppError as e:
    print(type(e).__name__, e.args, isinstance(e, Exception), isinstance(e, DbError))
try:
    raise AppError("app")
except DbError:
    print("wrong")
except Exception as e:
    print("base", repr(e))
`,
		rwa: `
module
    LOAD_CONST "AppError"
    LOAD_NAME Exception
    BUILD_TUPLE 1
    BUILD_MAP 0
    BUILD_CLASS
    STORE_NAME AppError
    LOAD_CONST "DbError"
    LOAD_NAME AppError
    BUILD_TUPLE 1
    BUILD_MAP 0
    BUILD_CLASS
    STORE_NAME DbError
    SETUP_EXCEPT h1
    LOAD_NAME DbError
    LOAD_CONST "conn lost"
    LOAD_CONST 3
    CALL 2
    RAISE_VARARGS 1
h1:
    LOAD_NAME AppError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME e
    LOAD_ATTR args
    LOAD_NAME isinstance
    LOAD_NAME e
    LOAD_NAME Exception
    CALL 2
    LOAD_NAME isinstance
    LOAD_NAME e
    LOAD_NAME DbError
    CALL 2
    CALL 4
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD second
r1:
    RERAISE
second:
    SETUP_EXCEPT h2
    LOAD_NAME AppError
    LOAD_CONST "app"
    CALL 1
    RAISE_VARARGS 1
h2:
    LOAD_NAME DbError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE h2b
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "wrong"
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
h2b:
    LOAD_NAME Exception
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "base"
    LOAD_NAME repr
    LOAD_NAME e
    CALL 1
    CALL 2
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "DbError ('conn lost', 3) True True\nbase AppError('app')\n",
	},
	{
		name: "exc_user_class_init_str",
		py: `
class HttpError(Exception):
    def __init__(self, code):
        self.code = code
    def __str__(self):
        return "HTTP " + str(self.code)
try:
    raise HttpError(404)
except Exception as e:
    print(e, e.code, e.args)
`,
		rwa: `
module
    LOAD_CONST "HttpError"
    LOAD_NAME Exception
    BUILD_TUPLE 1
    LOAD_CONST "__init__"
    LOAD_CONST @HttpError.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "__str__"
    LOAD_CONST @HttpError.__str__
    MAKE_FUNCTION 0
    BUILD_MAP 2
    BUILD_CLASS
    STORE_NAME HttpError
    SETUP_EXCEPT handler
    LOAD_NAME HttpError
    LOAD_CONST 404
    CALL 1
    RAISE_VARARGS 1
handler:
    LOAD_NAME Exception
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    LOAD_NAME e
    LOAD_ATTR code
    LOAD_NAME e
    LOAD_ATTR args
    CALL 3
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func HttpError.__init__(self, code)
    LOAD_FAST code
    LOAD_FAST self
    STORE_ATTR code
    RETURN_CONST None
end

func HttpError.__str__(self)
    LOAD_CONST "HTTP "
    LOAD_GLOBAL str
    LOAD_FAST self
    LOAD_ATTR code
    CALL 1
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "HTTP 404 404 (404,)\n",
	},
	{
		name: "exc_user_uncaught",
		py: `
class MyError(Exception):
    pass
def f():
    raise MyError("boom")
f()
`,
		rwa: `
module
    .line 1
    LOAD_CONST "MyError"
    LOAD_NAME Exception
    BUILD_TUPLE 1
    BUILD_MAP 0
    BUILD_CLASS
    STORE_NAME MyError
    .line 3
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 5
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    .line 4
    LOAD_GLOBAL MyError
    LOAD_CONST "boom"
    CALL 1
    RAISE_VARARGS 1
end
`,
		tb: `Traceback (most recent call last):
  File "exc_user_uncaught.py", line 5, in <module>
  File "exc_user_uncaught.py", line 4, in f
MyError: boom
`,
	},
	{
		name: "exc_except_non_exception_class",
		py: `
try:
    try:
        raise ValueError("v")
    except int:
        print("wrong")
except TypeError as e:
    print(e)
`,
		rwa: `
module
    SETUP_EXCEPT outer
    SETUP_EXCEPT inner
    LOAD_NAME ValueError
    LOAD_CONST "v"
    CALL 1
    RAISE_VARARGS 1
inner:
    LOAD_NAME int
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "wrong"
    CALL 1
    POP_TOP
    POP_EXCEPT
    POP_BLOCK
    RETURN_CONST None
r1:
    RERAISE
outer:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "catching classes that do not inherit from BaseException is not allowed\n",
	},
	{
		name: "exc_bare_raise_after_callee_handled",
		py: `
def inner():
    try:
        raise KeyError("inner")
    except KeyError:
        return "handled"
def outer():
    try:
        raise ValueError("outer")
    except ValueError:
        print(inner())
        raise
outer()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @inner
    MAKE_FUNCTION 0
    STORE_NAME inner
    .line 6
    LOAD_CONST @outer
    MAKE_FUNCTION 0
    STORE_NAME outer
    .line 12
    LOAD_NAME outer
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func inner()
    .line 2
    SETUP_EXCEPT handler
    .line 3
    LOAD_GLOBAL KeyError
    LOAD_CONST "inner"
    CALL 1
    RAISE_VARARGS 1
    .line 4
handler:
    LOAD_GLOBAL KeyError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 5
    RETURN_CONST "handled"
    .line 4
nomatch:
    RERAISE
end

func outer()
    .line 7
    SETUP_EXCEPT handler
    .line 8
    LOAD_GLOBAL ValueError
    LOAD_CONST "outer"
    CALL 1
    RAISE_VARARGS 1
    .line 9
handler:
    LOAD_GLOBAL ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 10
    LOAD_GLOBAL print
    LOAD_GLOBAL inner
    CALL 0
    CALL 1
    POP_TOP
    .line 11
    RAISE_VARARGS 0
    .line 9
nomatch:
    RERAISE
end
`,
		out: "handled\n",
		tb: `Traceback (most recent call last):
  File "exc_bare_raise_after_callee_handled.py", line 12, in <module>
  File "exc_bare_raise_after_callee_handled.py", line 8, in outer
ValueError: outer
`,
	},
	{
		name: "exc_return_from_handler_ends_handling",
		py: `
def f():
    try:
        raise ValueError("x")
    except ValueError:
        return "returned from handler"
print(f())
try:
    raise
except RuntimeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_NAME print
    LOAD_NAME f
    CALL 0
    CALL 1
    POP_TOP
    SETUP_EXCEPT handler
    RAISE_VARARGS 0
handler:
    LOAD_NAME RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func f()
    SETUP_EXCEPT handler
    LOAD_GLOBAL ValueError
    LOAD_CONST "x"
    CALL 1
    RAISE_VARARGS 1
handler:
    LOAD_GLOBAL ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    RETURN_CONST "returned from handler"
nomatch:
    RERAISE
end
`,
		out: "returned from handler\nNo active exception to reraise\n",
	},
	{
		name: "exc_context_across_frames",
		py: `
def fail():
    raise TypeError("in callee")
try:
    raise ValueError("first")
except ValueError:
    fail()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @fail
    MAKE_FUNCTION 0
    STORE_NAME fail
    .line 3
    SETUP_EXCEPT handler
    .line 4
    LOAD_NAME ValueError
    LOAD_CONST "first"
    CALL 1
    RAISE_VARARGS 1
    .line 5
handler:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    .line 6
    LOAD_NAME fail
    CALL 0
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
    .line 5
nomatch:
    RERAISE
end

func fail()
    .line 2
    LOAD_GLOBAL TypeError
    LOAD_CONST "in callee"
    CALL 1
    RAISE_VARARGS 1
end
`,
		tb: `Traceback (most recent call last):
  File "exc_context_across_frames.py", line 4, in <module>
ValueError: first

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "exc_context_across_frames.py", line 6, in <module>
  File "exc_context_across_frames.py", line 2, in fail
TypeError: in callee
`,
	},
	{
		name: "exc_traceback_through_builtin_callback",
		py: `
class V:
    def __lt__(self, other):
        raise TypeError("no order")
sorted([V(), V()])
`,
		rwa: `
module
    .line 1
    LOAD_CONST "V"
    LOAD_CONST ()
    LOAD_CONST "__lt__"
    LOAD_CONST @V.__lt__
    MAKE_FUNCTION 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME V
    .line 4
    LOAD_NAME sorted
    LOAD_NAME V
    CALL 0
    LOAD_NAME V
    CALL 0
    BUILD_LIST 2
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func V.__lt__(self, other)
    .name "__lt__"
    .line 3
    LOAD_GLOBAL TypeError
    LOAD_CONST "no order"
    CALL 1
    RAISE_VARARGS 1
end
`,
		tb: `Traceback (most recent call last):
  File "exc_traceback_through_builtin_callback.py", line 4, in <module>
  File "exc_traceback_through_builtin_callback.py", line 3, in __lt__
TypeError: no order
`,
	},
	{
		name: "exc_raise_caught_instance_again",
		py: `
try:
    raise ValueError("first")
except ValueError as e:
    err = e
raise err
`,
		rwa: `
module
    .line 1
    SETUP_EXCEPT handler
    .line 2
    LOAD_NAME ValueError
    LOAD_CONST "first"
    CALL 1
    RAISE_VARARGS 1
    .line 3
handler:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    .line 4
    LOAD_NAME e
    STORE_NAME err
    POP_EXCEPT
    .line 5
    LOAD_NAME err
    RAISE_VARARGS 1
    .line 3
nomatch:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_raise_caught_instance_again.py", line 5, in <module>
  File "exc_raise_caught_instance_again.py", line 2, in <module>
ValueError: first
`,
	},
	{
		name: "exc_context_cycle",
		py: `
try:
    raise ValueError("a")
except ValueError as a:
    try:
        raise TypeError("b")
    except TypeError:
        raise a
`,
		rwa: `
module
    .line 1
    SETUP_EXCEPT h1
    .line 2
    LOAD_NAME ValueError
    LOAD_CONST "a"
    CALL 1
    RAISE_VARARGS 1
    .line 3
h1:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME a
    .line 4
    SETUP_EXCEPT h2
    .line 5
    LOAD_NAME TypeError
    LOAD_CONST "b"
    CALL 1
    RAISE_VARARGS 1
    .line 6
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    POP_TOP
    .line 7
    LOAD_NAME a
    RAISE_VARARGS 1
    .line 6
r2:
    RERAISE
    .line 3
r1:
    RERAISE
end
`,
		tb: `Traceback (most recent call last):
  File "exc_context_cycle.py", line 5, in <module>
TypeError: b

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "exc_context_cycle.py", line 7, in <module>
  File "exc_context_cycle.py", line 2, in <module>
ValueError: a
`,
	},

	// ---- recursion ----
	{
		name: "rec_catchable_then_recurse_again",
		py: `
def down(n):
    return down(n + 1)
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
try:
    down(0)
except RecursionError as e:
    print("caught", type(e).__name__, e)
print(count(100))
try:
    down(0)
except RuntimeError:
    print("caught again as RuntimeError")
print(count(500))
`,
		rwa: `
module
    LOAD_CONST @down
    MAKE_FUNCTION 0
    STORE_NAME down
    LOAD_CONST @count
    MAKE_FUNCTION 0
    STORE_NAME count
    SETUP_EXCEPT h1
    LOAD_NAME down
    LOAD_CONST 0
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD next1
h1:
    LOAD_NAME RecursionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "caught"
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME e
    CALL 3
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD next1
r1:
    RERAISE
next1:
    LOAD_NAME print
    LOAD_NAME count
    LOAD_CONST 100
    CALL 1
    CALL 1
    POP_TOP
    SETUP_EXCEPT h2
    LOAD_NAME down
    LOAD_CONST 0
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD next2
h2:
    LOAD_NAME RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "caught again as RuntimeError"
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD next2
r2:
    RERAISE
next2:
    LOAD_NAME print
    LOAD_NAME count
    LOAD_CONST 500
    CALL 1
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func down(n)
    LOAD_GLOBAL down
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP +
    CALL 1
    RETURN_VALUE
end

func count(n)
    LOAD_FAST n
    LOAD_CONST 0
    COMPARE_OP ==
    POP_JUMP_IF_FALSE more
    RETURN_CONST 0
more:
    LOAD_CONST 1
    LOAD_GLOBAL count
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP -
    CALL 1
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "caught RecursionError maximum recursion depth exceeded\n100\ncaught again as RuntimeError\n500\n",
	},
	{
		name:  "rec_config_limit",
		limit: 50,
		py: `
depth = 0
def dive(n):
    global depth
    depth = n
    dive(n + 1)
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
try:
    dive(1)
except RecursionError:
    print("caught", depth > 40, depth <= 50)
print(count(30))
try:
    count(60)
except RecursionError:
    print("count(60) is too deep")
`,
		rwa: `
module
    LOAD_CONST 0
    STORE_NAME depth
    LOAD_CONST @dive
    MAKE_FUNCTION 0
    STORE_NAME dive
    LOAD_CONST @count
    MAKE_FUNCTION 0
    STORE_NAME count
    SETUP_EXCEPT h1
    LOAD_NAME dive
    LOAD_CONST 1
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD next1
h1:
    LOAD_NAME RecursionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "caught"
    LOAD_NAME depth
    LOAD_CONST 40
    COMPARE_OP >
    LOAD_NAME depth
    LOAD_CONST 50
    COMPARE_OP <=
    CALL 3
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD next1
r1:
    RERAISE
next1:
    LOAD_NAME print
    LOAD_NAME count
    LOAD_CONST 30
    CALL 1
    CALL 1
    POP_TOP
    SETUP_EXCEPT h2
    LOAD_NAME count
    LOAD_CONST 60
    CALL 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h2:
    LOAD_NAME RecursionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "count(60) is too deep"
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end

func dive(n)
    LOAD_FAST n
    STORE_GLOBAL depth
    LOAD_GLOBAL dive
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP +
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func count(n)
    LOAD_FAST n
    LOAD_CONST 0
    COMPARE_OP ==
    POP_JUMP_IF_FALSE more
    RETURN_CONST 0
more:
    LOAD_CONST 1
    LOAD_GLOBAL count
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP -
    CALL 1
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "caught True True\n30\ncount(60) is too deep\n",
	},
	{
		name:  "rec_deep_limit_no_go_stack_overflow",
		limit: 4000,
		py: `
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
print(count(3000))
try:
    count(5000)
except RecursionError:
    print("caught")
`,
		rwa: `
module
    LOAD_CONST @count
    MAKE_FUNCTION 0
    STORE_NAME count
    LOAD_NAME print
    LOAD_NAME count
    LOAD_CONST 3000
    CALL 1
    CALL 1
    POP_TOP
    SETUP_EXCEPT handler
    LOAD_NAME count
    LOAD_CONST 5000
    CALL 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME RecursionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "caught"
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func count(n)
    LOAD_FAST n
    LOAD_CONST 0
    COMPARE_OP ==
    POP_JUMP_IF_FALSE more
    RETURN_CONST 0
more:
    LOAD_CONST 1
    LOAD_GLOBAL count
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP -
    CALL 1
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "3000\ncaught\n",
	},
	{
		name: "rec_via_dunder_methods",
		py: `
class R:
    def __repr__(self):
        return repr(self)
class Loop:
    def __call__(self, n):
        return self(n + 1)
try:
    repr(R())
except RecursionError as e:
    print("repr:", type(e).__name__)
try:
    Loop()(0)
except RecursionError as e:
    print("call:", type(e).__name__)
print(repr([1, 2]))
`,
		rwa: `
module
    LOAD_CONST "R"
    LOAD_CONST ()
    LOAD_CONST "__repr__"
    LOAD_CONST @R.__repr__
    MAKE_FUNCTION 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME R
    LOAD_CONST "Loop"
    LOAD_CONST ()
    LOAD_CONST "__call__"
    LOAD_CONST @Loop.__call__
    MAKE_FUNCTION 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME Loop
    SETUP_EXCEPT h1
    LOAD_NAME repr
    LOAD_NAME R
    CALL 0
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD next
h1:
    LOAD_NAME RecursionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "repr:"
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD next
r1:
    RERAISE
next:
    SETUP_EXCEPT h2
    LOAD_NAME Loop
    CALL 0
    LOAD_CONST 0
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD last
h2:
    LOAD_NAME RecursionError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_CONST "call:"
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD last
r2:
    RERAISE
last:
    LOAD_NAME print
    LOAD_NAME repr
    LOAD_CONST 1
    LOAD_CONST 2
    BUILD_LIST 2
    CALL 1
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func R.__repr__(self)
    LOAD_GLOBAL repr
    LOAD_FAST self
    CALL 1
    RETURN_VALUE
end

func Loop.__call__(self, n)
    LOAD_FAST self
    LOAD_FAST n
    LOAD_CONST 1
    BINARY_OP +
    CALL 1
    RETURN_VALUE
end
`,
		out: "repr: RecursionError\ncall: RecursionError\n[1, 2]\n",
	},

	// ---- calls ----
	{
		name: "call_positional_keyword_defaults",
		py: `
def f(a, b=10, c=20):
    return a + b * 2 + c * 3
print(f(1), f(1, 2), f(1, 2, 3), f(1, c=5), f(c=1, b=2, a=3), f(1, b=0))
`,
		rwa: `
module
    LOAD_CONST (10, 20)
    LOAD_CONST @f
    MAKE_FUNCTION 1
    STORE_NAME f
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST 1
    CALL 1
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    CALL 2
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    CALL 3
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 5
    KW_NAMES ("c",)
    CALL 2
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    KW_NAMES ("c", "b", "a")
    CALL 3
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 0
    KW_NAMES ("b",)
    CALL 2
    CALL 6
    POP_TOP
    RETURN_CONST None
end

func f(a, b, c)
    LOAD_FAST a
    LOAD_FAST b
    LOAD_CONST 2
    BINARY_OP *
    BINARY_OP +
    LOAD_FAST c
    LOAD_CONST 3
    BINARY_OP *
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "81 65 14 36 10 61\n",
	},
	{
		name: "call_varargs",
		py: `
def f(a, *rest):
    return (a, rest)
def g(*args):
    return len(args)
print(f(1))
print(f(1, 2, 3))
print(g(), g(1, 2), g(*[4, 5, 6]))
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_CONST @g
    MAKE_FUNCTION 0
    STORE_NAME g
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST 1
    CALL 1
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    CALL 3
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME g
    CALL 0
    LOAD_NAME g
    LOAD_CONST 1
    LOAD_CONST 2
    CALL 2
    LOAD_NAME g
    LOAD_CONST 4
    LOAD_CONST 5
    LOAD_CONST 6
    BUILD_LIST 3
    CALL_EX 0
    CALL 3
    POP_TOP
    RETURN_CONST None
end

func f(a, *rest)
    LOAD_FAST a
    LOAD_FAST rest
    BUILD_TUPLE 2
    RETURN_VALUE
end

func g(*args)
    LOAD_GLOBAL len
    LOAD_FAST args
    CALL 1
    RETURN_VALUE
end
`,
		out: "(1, ())\n(1, (2, 3))\n0 2 3\n",
	},
	{
		name: "call_ex_tuple_and_dict",
		py: `
def f(a, b, c=0):
    return [a, b, c]
args = (1, 2)
print(f(*args))
print(f(*[1], **{"b": 5, "c": 6}))
print(f(*(), **{"a": 7, "b": 8}))
print(*("x", "y"), **{"sep": "-"})
`,
		rwa: `
module
    LOAD_CONST (0,)
    LOAD_CONST @f
    MAKE_FUNCTION 1
    STORE_NAME f
    LOAD_CONST (1, 2)
    STORE_NAME args
    LOAD_NAME print
    LOAD_NAME f
    LOAD_NAME args
    CALL_EX 0
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST 1
    BUILD_LIST 1
    LOAD_CONST "b"
    LOAD_CONST 5
    LOAD_CONST "c"
    LOAD_CONST 6
    BUILD_MAP 2
    CALL_EX 1
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST ()
    LOAD_CONST "a"
    LOAD_CONST 7
    LOAD_CONST "b"
    LOAD_CONST 8
    BUILD_MAP 2
    CALL_EX 1
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST ("x", "y")
    LOAD_CONST "sep"
    LOAD_CONST "-"
    BUILD_MAP 1
    CALL_EX 1
    POP_TOP
    RETURN_CONST None
end

func f(a, b, c)
    LOAD_FAST a
    LOAD_FAST b
    LOAD_FAST c
    BUILD_LIST 3
    RETURN_VALUE
end
`,
		out: "[1, 2, 0]\n[1, 5, 6]\n[7, 8, 0]\nx-y\n",
	},
	{
		name: "call_too_many_arguments",
		py: `
def f(a, b, c):
    return a
def g():
    return 0
def h(a):
    return a
for fn, args in [(f, (1, 2, 3, 4)), (g, (1,)), (h, (1, 2))]:
    try:
        fn(*args)
    except TypeError as e:
        print(e)
try:
    h(1, 2)
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_CONST @g
    MAKE_FUNCTION 0
    STORE_NAME g
    LOAD_CONST @h
    MAKE_FUNCTION 0
    STORE_NAME h
    LOAD_NAME f
    LOAD_CONST (1, 2, 3, 4)
    BUILD_TUPLE 2
    LOAD_NAME g
    LOAD_CONST (1,)
    BUILD_TUPLE 2
    LOAD_NAME h
    LOAD_CONST (1, 2)
    BUILD_TUPLE 2
    BUILD_LIST 3
    GET_ITER
loop:
    FOR_ITER done
    UNPACK_SEQUENCE 2
    STORE_NAME fn
    STORE_NAME args
    SETUP_EXCEPT handler
    LOAD_NAME fn
    LOAD_NAME args
    CALL_EX 0
    POP_TOP
    POP_BLOCK
    JUMP_BACKWARD loop
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_BACKWARD loop
nomatch:
    RERAISE
done:
    SETUP_EXCEPT h2
    LOAD_NAME h
    LOAD_CONST 1
    LOAD_CONST 2
    CALL 2
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end

func f(a, b, c)
    LOAD_FAST a
    RETURN_VALUE
end

func g()
    RETURN_CONST 0
end

func h(a)
    LOAD_FAST a
    RETURN_VALUE
end
`,
		out: "f() takes 3 positional arguments but 4 were given\n" +
			"g() takes 0 positional arguments but 1 was given\n" +
			"h() takes 1 positional argument but 2 were given\n" +
			"h() takes 1 positional argument but 2 were given\n",
	},
	{
		name: "call_too_many_arguments_with_defaults",
		py: `
def k(a, b=1):
    return a
try:
    k(1, 2, 3)
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST (1,)
    LOAD_CONST @k
    MAKE_FUNCTION 1
    STORE_NAME k
    SETUP_EXCEPT handler
    LOAD_NAME k
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    CALL 3
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func k(a, b)
    LOAD_FAST a
    RETURN_VALUE
end
`,
		out: "k() takes from 1 to 2 positional arguments but 3 were given\n",
	},
	{
		name: "call_missing_arguments",
		py: `
def f(a, b, c):
    return a
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f(1, 2)
except TypeError as e:
    print(e)
try:
    f(c=3)
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    SETUP_EXCEPT h1
    LOAD_NAME f
    LOAD_CONST 1
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    CALL 2
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t3
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t3
r2:
    RERAISE
t3:
    SETUP_EXCEPT h3
    LOAD_NAME f
    LOAD_CONST 3
    KW_NAMES ("c",)
    CALL 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h3:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r3
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r3:
    RERAISE
end

func f(a, b, c)
    LOAD_FAST a
    RETURN_VALUE
end
`,
		out: "f() missing 2 required positional arguments: 'b' and 'c'\n" +
			"f() missing 1 required positional argument: 'c'\n" +
			"f() missing 2 required positional arguments: 'a' and 'b'\n",
	},
	{
		name: "call_missing_three_arguments",
		py: `
def f(a, b, c):
    return a
try:
    f()
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    SETUP_EXCEPT handler
    LOAD_NAME f
    CALL 0
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func f(a, b, c)
    LOAD_FAST a
    RETURN_VALUE
end
`,
		out: "f() missing 3 required positional arguments: 'a', 'b', and 'c'\n",
	},
	{
		name: "call_missing_argument_uncaught",
		py: `
def f(a, b):
    return a + b
def g():
    return f(1)
g()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 3
    LOAD_CONST @g
    MAKE_FUNCTION 0
    STORE_NAME g
    .line 5
    LOAD_NAME g
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f(a, b)
    .line 2
    LOAD_FAST a
    LOAD_FAST b
    BINARY_OP +
    RETURN_VALUE
end

func g()
    .line 4
    LOAD_GLOBAL f
    LOAD_CONST 1
    CALL 1
    RETURN_VALUE
end
`,
		tb: `Traceback (most recent call last):
  File "call_missing_argument_uncaught.py", line 5, in <module>
  File "call_missing_argument_uncaught.py", line 4, in g
TypeError: f() missing 1 required positional argument: 'b'
`,
	},
	{
		name: "call_keyword_errors",
		py: `
def f(a, b):
    return a
def r(a, *rest):
    return rest
try:
    f(1, 2, d=4)
except TypeError as e:
    print(e)
try:
    f(1, a=2)
except TypeError as e:
    print(e)
try:
    f(*(1,), **{"a": 2})
except TypeError as e:
    print(e)
try:
    r(1, 2, rest=3)
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_CONST @r
    MAKE_FUNCTION 0
    STORE_NAME r
    SETUP_EXCEPT h1
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 4
    KW_NAMES ("d",)
    CALL 3
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    LOAD_NAME f
    LOAD_CONST 1
    LOAD_CONST 2
    KW_NAMES ("a",)
    CALL 2
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t3
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t3
r2:
    RERAISE
t3:
    SETUP_EXCEPT h3
    LOAD_NAME f
    LOAD_CONST (1,)
    LOAD_CONST "a"
    LOAD_CONST 2
    BUILD_MAP 1
    CALL_EX 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t4
h3:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r3
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t4
r3:
    RERAISE
t4:
    SETUP_EXCEPT h4
    LOAD_NAME r
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    KW_NAMES ("rest",)
    CALL 3
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h4:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r4
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r4:
    RERAISE
end

func f(a, b)
    LOAD_FAST a
    RETURN_VALUE
end

func r(a, *rest)
    LOAD_FAST rest
    RETURN_VALUE
end
`,
		out: "f() got an unexpected keyword argument 'd'\n" +
			"f() got multiple values for argument 'a'\n" +
			"f() got multiple values for argument 'a'\n" +
			"r() got an unexpected keyword argument 'rest'\n",
	},
	{
		name: "call_ex_first_unexpected_keyword",
		py: `
def f(a):
    return a
try:
    f(1, **{"p": 1, "q": 2, "r": 3, "s": 4, "t": 5, "u": 6})
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    SETUP_EXCEPT handler
    LOAD_NAME f
    LOAD_CONST (1,)
    LOAD_CONST "p"
    LOAD_CONST 1
    LOAD_CONST "q"
    LOAD_CONST 2
    LOAD_CONST "r"
    LOAD_CONST 3
    LOAD_CONST "s"
    LOAD_CONST 4
    LOAD_CONST "t"
    LOAD_CONST 5
    LOAD_CONST "u"
    LOAD_CONST 6
    BUILD_MAP 6
    CALL_EX 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func f(a)
    LOAD_FAST a
    RETURN_VALUE
end
`,
		out: "f() got an unexpected keyword argument 'p'\n",
	},
	{
		name: "call_method_keywords_and_bound_methods",
		py: `
class Scaler:
    def __init__(self, factor):
        self.factor = factor
    def apply(self, x, offset=0):
        return x * self.factor + offset
s = Scaler(3)
print(s.apply(2), s.apply(2, offset=1), s.apply(offset=2, x=1))
m = s.apply
print(m(5), Scaler.apply(s, 1, 1))
`,
		rwa: `
module
    LOAD_CONST "Scaler"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @Scaler.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "apply"
    LOAD_CONST (0,)
    LOAD_CONST @Scaler.apply
    MAKE_FUNCTION 1
    BUILD_MAP 2
    BUILD_CLASS
    STORE_NAME Scaler
    LOAD_NAME Scaler
    LOAD_CONST 3
    CALL 1
    STORE_NAME s
    LOAD_NAME print
    LOAD_NAME s
    LOAD_METHOD apply
    LOAD_CONST 2
    CALL_METHOD 1
    LOAD_NAME s
    LOAD_METHOD apply
    LOAD_CONST 2
    LOAD_CONST 1
    KW_NAMES ("offset",)
    CALL_METHOD 2
    LOAD_NAME s
    LOAD_METHOD apply
    LOAD_CONST 2
    LOAD_CONST 1
    KW_NAMES ("offset", "x")
    CALL_METHOD 2
    CALL 3
    POP_TOP
    LOAD_NAME s
    LOAD_ATTR apply
    STORE_NAME m
    LOAD_NAME print
    LOAD_NAME m
    LOAD_CONST 5
    CALL 1
    LOAD_NAME Scaler
    LOAD_ATTR apply
    LOAD_NAME s
    LOAD_CONST 1
    LOAD_CONST 1
    CALL 3
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func Scaler.__init__(self, factor)
    LOAD_FAST factor
    LOAD_FAST self
    STORE_ATTR factor
    RETURN_CONST None
end

func Scaler.apply(self, x, offset)
    LOAD_FAST x
    LOAD_FAST self
    LOAD_ATTR factor
    BINARY_OP *
    LOAD_FAST offset
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "6 7 5\n15 4\n",
	},
	{
		name: "call_mutable_default",
		py: `
def f(x, acc=[]):
    acc.append(x)
    return acc
f(1)
print(f(2), f(3, []), f(4))
`,
		rwa: `
module
    BUILD_LIST 0
    BUILD_TUPLE 1
    LOAD_CONST @f
    MAKE_FUNCTION 1
    STORE_NAME f
    LOAD_NAME f
    LOAD_CONST 1
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME f
    LOAD_CONST 2
    CALL 1
    LOAD_NAME f
    LOAD_CONST 3
    BUILD_LIST 0
    CALL 2
    LOAD_NAME f
    LOAD_CONST 4
    CALL 1
    CALL 3
    POP_TOP
    RETURN_CONST None
end

func f(x, acc)
    LOAD_FAST acc
    LOAD_METHOD append
    LOAD_FAST x
    CALL_METHOD 1
    POP_TOP
    LOAD_FAST acc
    RETURN_VALUE
end
`,
		out: "[1, 2, 4] [3] [1, 2, 4]\n",
	},
	{
		name: "call_not_callable",
		py: `
x = 5
try:
    x()
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST 5
    STORE_NAME x
    SETUP_EXCEPT handler
    LOAD_NAME x
    CALL 0
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "'int' object is not callable\n",
	},

	// ---- classes ----
	{
		name: "class_init_method_repr",
		py: `
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"
p = Point(1, 2)
q = p.moved(3, dy=4)
print(p, q, [p, q])
print(p.x, q.y, isinstance(p, Point), type(q) is Point)
`,
		rwa: `
module
    LOAD_CONST "Point"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @Point.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "moved"
    LOAD_CONST @Point.moved
    MAKE_FUNCTION 0
    LOAD_CONST "__repr__"
    LOAD_CONST @Point.__repr__
    MAKE_FUNCTION 0
    BUILD_MAP 3
    BUILD_CLASS
    STORE_NAME Point
    LOAD_NAME Point
    LOAD_CONST 1
    LOAD_CONST 2
    CALL 2
    STORE_NAME p
    LOAD_NAME p
    LOAD_METHOD moved
    LOAD_CONST 3
    LOAD_CONST 4
    KW_NAMES ("dy",)
    CALL_METHOD 2
    STORE_NAME q
    LOAD_NAME print
    LOAD_NAME p
    LOAD_NAME q
    LOAD_NAME p
    LOAD_NAME q
    BUILD_LIST 2
    CALL 3
    POP_TOP
    LOAD_NAME print
    LOAD_NAME p
    LOAD_ATTR x
    LOAD_NAME q
    LOAD_ATTR y
    LOAD_NAME isinstance
    LOAD_NAME p
    LOAD_NAME Point
    CALL 2
    LOAD_NAME type
    LOAD_NAME q
    CALL 1
    LOAD_NAME Point
    IS_OP 0
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func Point.__init__(self, x, y)
    LOAD_FAST x
    LOAD_FAST self
    STORE_ATTR x
    LOAD_FAST y
    LOAD_FAST self
    STORE_ATTR y
    RETURN_CONST None
end

func Point.moved(self, dx, dy)
    LOAD_GLOBAL Point
    LOAD_FAST self
    LOAD_ATTR x
    LOAD_FAST dx
    BINARY_OP +
    LOAD_FAST self
    LOAD_ATTR y
    LOAD_FAST dy
    BINARY_OP +
    CALL 2
    RETURN_VALUE
end

func Point.__repr__(self)
    LOAD_CONST "Point("
    LOAD_GLOBAL repr
    LOAD_FAST self
    LOAD_ATTR x
    CALL 1
    BINARY_OP +
    LOAD_CONST ", "
    BINARY_OP +
    LOAD_GLOBAL repr
    LOAD_FAST self
    LOAD_ATTR y
    CALL 1
    BINARY_OP +
    LOAD_CONST ")"
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "Point(1, 2) Point(4, 6) [Point(1, 2), Point(4, 6)]\n1 6 True True\n",
	},
	{
		name: "class_eq_hash_as_dict_keys",
		py: `
class K:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
    def __hash__(self):
        return hash(self.v)
d = {}
d[K(1)] = "a"
d[K(1)] = "b"
d[K(2)] = "c"
print(len(d), d[K(1)], d[K(2)], K(2) in d, K(3) in d)
print(K(1) == K(1), K(1) != K(1), K(1) != K(2), len({K(5), K(5), K(6)}))
`,
		rwa: `
module
    LOAD_CONST "K"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @K.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "__eq__"
    LOAD_CONST @K.__eq__
    MAKE_FUNCTION 0
    LOAD_CONST "__hash__"
    LOAD_CONST @K.__hash__
    MAKE_FUNCTION 0
    BUILD_MAP 3
    BUILD_CLASS
    STORE_NAME K
    BUILD_MAP 0
    STORE_NAME d
    LOAD_CONST "a"
    LOAD_NAME d
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    STORE_SUBSCR
    LOAD_CONST "b"
    LOAD_NAME d
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    STORE_SUBSCR
    LOAD_CONST "c"
    LOAD_NAME d
    LOAD_NAME K
    LOAD_CONST 2
    CALL 1
    STORE_SUBSCR
    LOAD_NAME print
    LOAD_NAME len
    LOAD_NAME d
    CALL 1
    LOAD_NAME d
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    BINARY_SUBSCR
    LOAD_NAME d
    LOAD_NAME K
    LOAD_CONST 2
    CALL 1
    BINARY_SUBSCR
    LOAD_NAME K
    LOAD_CONST 2
    CALL 1
    LOAD_NAME d
    CONTAINS_OP 0
    LOAD_NAME K
    LOAD_CONST 3
    CALL 1
    LOAD_NAME d
    CONTAINS_OP 0
    CALL 5
    POP_TOP
    LOAD_NAME print
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    COMPARE_OP ==
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    COMPARE_OP !=
    LOAD_NAME K
    LOAD_CONST 1
    CALL 1
    LOAD_NAME K
    LOAD_CONST 2
    CALL 1
    COMPARE_OP !=
    LOAD_NAME len
    LOAD_NAME K
    LOAD_CONST 5
    CALL 1
    LOAD_NAME K
    LOAD_CONST 5
    CALL 1
    LOAD_NAME K
    LOAD_CONST 6
    CALL 1
    BUILD_SET 3
    CALL 1
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func K.__init__(self, v)
    LOAD_FAST v
    LOAD_FAST self
    STORE_ATTR v
    RETURN_CONST None
end

func K.__eq__(self, other)
    LOAD_FAST self
    LOAD_ATTR v
    LOAD_FAST other
    LOAD_ATTR v
    COMPARE_OP ==
    RETURN_VALUE
end

func K.__hash__(self)
    LOAD_GLOBAL hash
    LOAD_FAST self
    LOAD_ATTR v
    CALL 1
    RETURN_VALUE
end
`,
		out: "2 b c True False\nTrue False True 2\n",
	},
	{
		name: "class_lt_used_by_sorted",
		py: `
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return "V" + str(self.v)
vs = [V(3), V(1), V(2)]
print(sorted(vs), min(vs), max(vs))
vs.sort()
print(vs, V(1) < V(2), V(2) > V(1))
`,
		rwa: `
module
    LOAD_CONST "V"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @V.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "__lt__"
    LOAD_CONST @V.__lt__
    MAKE_FUNCTION 0
    LOAD_CONST "__repr__"
    LOAD_CONST @V.__repr__
    MAKE_FUNCTION 0
    BUILD_MAP 3
    BUILD_CLASS
    STORE_NAME V
    LOAD_NAME V
    LOAD_CONST 3
    CALL 1
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    LOAD_NAME V
    LOAD_CONST 2
    CALL 1
    BUILD_LIST 3
    STORE_NAME vs
    LOAD_NAME print
    LOAD_NAME sorted
    LOAD_NAME vs
    CALL 1
    LOAD_NAME min
    LOAD_NAME vs
    CALL 1
    LOAD_NAME max
    LOAD_NAME vs
    CALL 1
    CALL 3
    POP_TOP
    LOAD_NAME vs
    LOAD_METHOD sort
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME print
    LOAD_NAME vs
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    LOAD_NAME V
    LOAD_CONST 2
    CALL 1
    COMPARE_OP <
    LOAD_NAME V
    LOAD_CONST 2
    CALL 1
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    COMPARE_OP >
    CALL 3
    POP_TOP
    RETURN_CONST None
end

func V.__init__(self, v)
    LOAD_FAST v
    LOAD_FAST self
    STORE_ATTR v
    RETURN_CONST None
end

func V.__lt__(self, other)
    LOAD_FAST self
    LOAD_ATTR v
    LOAD_FAST other
    LOAD_ATTR v
    COMPARE_OP <
    RETURN_VALUE
end

func V.__repr__(self)
    LOAD_CONST "V"
    LOAD_GLOBAL str
    LOAD_FAST self
    LOAD_ATTR v
    CALL 1
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "[V1, V2, V3] V1 V3\n[V1, V2, V3] True True\n",
	},
	{
		name: "class_len_getitem_truth",
		py: `
class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0 or i >= self.n:
            raise IndexError("out of range")
        return i * 10
s = Seq(3)
print(len(s), s[0], s[2], bool(s), bool(Seq(0)))
if Seq(0):
    print("wrong")
else:
    print("empty is false")
try:
    s[3]
except IndexError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST "Seq"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @Seq.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "__len__"
    LOAD_CONST @Seq.__len__
    MAKE_FUNCTION 0
    LOAD_CONST "__getitem__"
    LOAD_CONST @Seq.__getitem__
    MAKE_FUNCTION 0
    BUILD_MAP 3
    BUILD_CLASS
    STORE_NAME Seq
    LOAD_NAME Seq
    LOAD_CONST 3
    CALL 1
    STORE_NAME s
    LOAD_NAME print
    LOAD_NAME len
    LOAD_NAME s
    CALL 1
    LOAD_NAME s
    LOAD_CONST 0
    BINARY_SUBSCR
    LOAD_NAME s
    LOAD_CONST 2
    BINARY_SUBSCR
    LOAD_NAME bool
    LOAD_NAME s
    CALL 1
    LOAD_NAME bool
    LOAD_NAME Seq
    LOAD_CONST 0
    CALL 1
    CALL 1
    CALL 5
    POP_TOP
    LOAD_NAME Seq
    LOAD_CONST 0
    CALL 1
    POP_JUMP_IF_FALSE empty
    LOAD_NAME print
    LOAD_CONST "wrong"
    CALL 1
    POP_TOP
    JUMP_FORWARD after
empty:
    LOAD_NAME print
    LOAD_CONST "empty is false"
    CALL 1
    POP_TOP
after:
    SETUP_EXCEPT handler
    LOAD_NAME s
    LOAD_CONST 3
    BINARY_SUBSCR
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME IndexError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func Seq.__init__(self, n)
    LOAD_FAST n
    LOAD_FAST self
    STORE_ATTR n
    RETURN_CONST None
end

func Seq.__len__(self)
    LOAD_FAST self
    LOAD_ATTR n
    RETURN_VALUE
end

func Seq.__getitem__(self, i)
    LOAD_FAST i
    LOAD_CONST 0
    COMPARE_OP <
    POP_JUMP_IF_TRUE bad
    LOAD_FAST i
    LOAD_FAST self
    LOAD_ATTR n
    COMPARE_OP >=
    POP_JUMP_IF_FALSE ok
bad:
    LOAD_GLOBAL IndexError
    LOAD_CONST "out of range"
    CALL 1
    RAISE_VARARGS 1
ok:
    LOAD_FAST i
    LOAD_CONST 10
    BINARY_OP *
    RETURN_VALUE
end
`,
		out: "3 0 20 True False\nempty is false\nout of range\n",
	},
	{
		name: "class_getitem_sequence_iteration",
		py: `
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError("out of range")
        return i * 10
for x in Seq():
    print(x)
print(list(Seq()), 20 in Seq())
`,
		rwa: `
module
    LOAD_CONST "Seq"
    LOAD_CONST ()
    LOAD_CONST "__getitem__"
    LOAD_CONST @Seq.__getitem__
    MAKE_FUNCTION 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME Seq
    LOAD_NAME Seq
    CALL 0
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME x
    LOAD_NAME print
    LOAD_NAME x
    CALL 1
    POP_TOP
    JUMP_BACKWARD loop
done:
    LOAD_NAME print
    LOAD_NAME list
    LOAD_NAME Seq
    CALL 0
    CALL 1
    LOAD_CONST 20
    LOAD_NAME Seq
    CALL 0
    CONTAINS_OP 0
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func Seq.__getitem__(self, i)
    LOAD_FAST i
    LOAD_CONST 3
    COMPARE_OP >=
    POP_JUMP_IF_FALSE ok
    LOAD_GLOBAL IndexError
    LOAD_CONST "out of range"
    CALL 1
    RAISE_VARARGS 1
ok:
    LOAD_FAST i
    LOAD_CONST 10
    BINARY_OP *
    RETURN_VALUE
end
`,
		out: "0\n10\n20\n[0, 10, 20] True\n",
	},
	{
		name: "class_iter_next_drive_for_iter",
		py: `
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n = self.n - 1
        return self.n + 1
for i in Countdown(3):
    print(i)
print(list(Countdown(2)), sum(Countdown(4)))
it = iter(Countdown(1))
print(next(it), next(it, "end"))
`,
		rwa: `
module
    LOAD_CONST "Countdown"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @Countdown.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "__iter__"
    LOAD_CONST @Countdown.__iter__
    MAKE_FUNCTION 0
    LOAD_CONST "__next__"
    LOAD_CONST @Countdown.__next__
    MAKE_FUNCTION 0
    BUILD_MAP 3
    BUILD_CLASS
    STORE_NAME Countdown
    LOAD_NAME Countdown
    LOAD_CONST 3
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME i
    LOAD_NAME print
    LOAD_NAME i
    CALL 1
    POP_TOP
    JUMP_BACKWARD loop
done:
    LOAD_NAME print
    LOAD_NAME list
    LOAD_NAME Countdown
    LOAD_CONST 2
    CALL 1
    CALL 1
    LOAD_NAME sum
    LOAD_NAME Countdown
    LOAD_CONST 4
    CALL 1
    CALL 1
    CALL 2
    POP_TOP
    LOAD_NAME iter
    LOAD_NAME Countdown
    LOAD_CONST 1
    CALL 1
    CALL 1
    STORE_NAME it
    LOAD_NAME print
    LOAD_NAME next
    LOAD_NAME it
    CALL 1
    LOAD_NAME next
    LOAD_NAME it
    LOAD_CONST "end"
    CALL 2
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func Countdown.__init__(self, start)
    LOAD_FAST start
    LOAD_FAST self
    STORE_ATTR n
    RETURN_CONST None
end

func Countdown.__iter__(self)
    LOAD_FAST self
    RETURN_VALUE
end

func Countdown.__next__(self)
    LOAD_FAST self
    LOAD_ATTR n
    LOAD_CONST 0
    COMPARE_OP <=
    POP_JUMP_IF_FALSE more
    LOAD_GLOBAL StopIteration
    RAISE_VARARGS 1
more:
    LOAD_FAST self
    LOAD_ATTR n
    LOAD_CONST 1
    BINARY_OP -
    LOAD_FAST self
    STORE_ATTR n
    LOAD_FAST self
    LOAD_ATTR n
    LOAD_CONST 1
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "3\n2\n1\n[2, 1] 10\n1 end\n",
	},
	{
		name: "class_call_add_radd_contains",
		py: `
class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        if isinstance(other, V):
            return V(self.v + other.v)
        return V(self.v + other)
    def __radd__(self, other):
        return V(other + self.v)
    def __call__(self, x, y=0):
        return self.v * x + y
    def __contains__(self, x):
        return x <= self.v
    def __repr__(self):
        return "V(" + str(self.v) + ")"
print(V(1) + V(2), V(1) + 5, 5 + V(2), sum([V(1), V(2), V(3)]))
x = V(1)
x += V(10)
print(x, x(2), x(2, y=1))
print(3 in V(5), 7 in V(5), 7 not in V(5), 3 not in V(5))
`,
		rwa: `
module
    LOAD_CONST "V"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @V.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "__add__"
    LOAD_CONST @V.__add__
    MAKE_FUNCTION 0
    LOAD_CONST "__radd__"
    LOAD_CONST @V.__radd__
    MAKE_FUNCTION 0
    LOAD_CONST "__call__"
    LOAD_CONST (0,)
    LOAD_CONST @V.__call__
    MAKE_FUNCTION 1
    LOAD_CONST "__contains__"
    LOAD_CONST @V.__contains__
    MAKE_FUNCTION 0
    LOAD_CONST "__repr__"
    LOAD_CONST @V.__repr__
    MAKE_FUNCTION 0
    BUILD_MAP 6
    BUILD_CLASS
    STORE_NAME V
    LOAD_NAME print
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    LOAD_NAME V
    LOAD_CONST 2
    CALL 1
    BINARY_OP +
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    LOAD_CONST 5
    BINARY_OP +
    LOAD_CONST 5
    LOAD_NAME V
    LOAD_CONST 2
    CALL 1
    BINARY_OP +
    LOAD_NAME sum
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    LOAD_NAME V
    LOAD_CONST 2
    CALL 1
    LOAD_NAME V
    LOAD_CONST 3
    CALL 1
    BUILD_LIST 3
    CALL 1
    CALL 4
    POP_TOP
    LOAD_NAME V
    LOAD_CONST 1
    CALL 1
    STORE_NAME x
    LOAD_NAME x
    LOAD_NAME V
    LOAD_CONST 10
    CALL 1
    BINARY_OP +=
    STORE_NAME x
    LOAD_NAME print
    LOAD_NAME x
    LOAD_NAME x
    LOAD_CONST 2
    CALL 1
    LOAD_NAME x
    LOAD_CONST 2
    LOAD_CONST 1
    KW_NAMES ("y",)
    CALL 2
    CALL 3
    POP_TOP
    LOAD_NAME print
    LOAD_CONST 3
    LOAD_NAME V
    LOAD_CONST 5
    CALL 1
    CONTAINS_OP 0
    LOAD_CONST 7
    LOAD_NAME V
    LOAD_CONST 5
    CALL 1
    CONTAINS_OP 0
    LOAD_CONST 7
    LOAD_NAME V
    LOAD_CONST 5
    CALL 1
    CONTAINS_OP 1
    LOAD_CONST 3
    LOAD_NAME V
    LOAD_CONST 5
    CALL 1
    CONTAINS_OP 1
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func V.__init__(self, v)
    LOAD_FAST v
    LOAD_FAST self
    STORE_ATTR v
    RETURN_CONST None
end

func V.__add__(self, other)
    LOAD_GLOBAL isinstance
    LOAD_FAST other
    LOAD_GLOBAL V
    CALL 2
    POP_JUMP_IF_FALSE plain
    LOAD_GLOBAL V
    LOAD_FAST self
    LOAD_ATTR v
    LOAD_FAST other
    LOAD_ATTR v
    BINARY_OP +
    CALL 1
    RETURN_VALUE
plain:
    LOAD_GLOBAL V
    LOAD_FAST self
    LOAD_ATTR v
    LOAD_FAST other
    BINARY_OP +
    CALL 1
    RETURN_VALUE
end

func V.__radd__(self, other)
    LOAD_GLOBAL V
    LOAD_FAST other
    LOAD_FAST self
    LOAD_ATTR v
    BINARY_OP +
    CALL 1
    RETURN_VALUE
end

func V.__call__(self, x, y)
    LOAD_FAST self
    LOAD_ATTR v
    LOAD_FAST x
    BINARY_OP *
    LOAD_FAST y
    BINARY_OP +
    RETURN_VALUE
end

func V.__contains__(self, x)
    LOAD_FAST x
    LOAD_FAST self
    LOAD_ATTR v
    COMPARE_OP <=
    RETURN_VALUE
end

func V.__repr__(self)
    LOAD_CONST "V("
    LOAD_GLOBAL str
    LOAD_FAST self
    LOAD_ATTR v
    CALL 1
    BINARY_OP +
    LOAD_CONST ")"
    BINARY_OP +
    RETURN_VALUE
end
`,
		out: "V(3) V(6) V(7) V(6)\nV(11) 22 23\nTrue False True False\n",
	},
	{
		name: "class_single_inheritance",
		py: `
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.sound
    def describe(self):
        return self.name + " says " + self.speak()
class Dog(Animal):
    def speak(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name):
        self.name = name + " jr"
class Cat(Animal):
    sound = "meow"
print(Animal("generic").describe())
print(Dog("rex").describe())
print(Puppy("rex").describe())
print(Cat("tom").describe())
print(isinstance(Puppy("a"), Animal), isinstance(Animal("a"), Dog), issubclass(Puppy, Dog), issubclass(Cat, Dog))
`,
		rwa: `
module
    LOAD_CONST "Animal"
    LOAD_CONST ()
    LOAD_CONST "sound"
    LOAD_CONST "..."
    LOAD_CONST "__init__"
    LOAD_CONST @Animal.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "speak"
    LOAD_CONST @Animal.speak
    MAKE_FUNCTION 0
    LOAD_CONST "describe"
    LOAD_CONST @Animal.describe
    MAKE_FUNCTION 0
    BUILD_MAP 4
    BUILD_CLASS
    STORE_NAME Animal
    LOAD_CONST "Dog"
    LOAD_NAME Animal
    BUILD_TUPLE 1
    LOAD_CONST "speak"
    LOAD_CONST @Dog.speak
    MAKE_FUNCTION 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME Dog
    LOAD_CONST "Puppy"
    LOAD_NAME Dog
    BUILD_TUPLE 1
    LOAD_CONST "__init__"
    LOAD_CONST @Puppy.__init__
    MAKE_FUNCTION 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME Puppy
    LOAD_CONST "Cat"
    LOAD_NAME Animal
    BUILD_TUPLE 1
    LOAD_CONST "sound"
    LOAD_CONST "meow"
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME Cat
    LOAD_NAME print
    LOAD_NAME Animal
    LOAD_CONST "generic"
    CALL 1
    LOAD_METHOD describe
    CALL_METHOD 0
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME Dog
    LOAD_CONST "rex"
    CALL 1
    LOAD_METHOD describe
    CALL_METHOD 0
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME Puppy
    LOAD_CONST "rex"
    CALL 1
    LOAD_METHOD describe
    CALL_METHOD 0
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME Cat
    LOAD_CONST "tom"
    CALL 1
    LOAD_METHOD describe
    CALL_METHOD 0
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME isinstance
    LOAD_NAME Puppy
    LOAD_CONST "a"
    CALL 1
    LOAD_NAME Animal
    CALL 2
    LOAD_NAME isinstance
    LOAD_NAME Animal
    LOAD_CONST "a"
    CALL 1
    LOAD_NAME Dog
    CALL 2
    LOAD_NAME issubclass
    LOAD_NAME Puppy
    LOAD_NAME Dog
    CALL 2
    LOAD_NAME issubclass
    LOAD_NAME Cat
    LOAD_NAME Dog
    CALL 2
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func Animal.__init__(self, name)
    LOAD_FAST name
    LOAD_FAST self
    STORE_ATTR name
    RETURN_CONST None
end

func Animal.speak(self)
    LOAD_FAST self
    LOAD_ATTR sound
    RETURN_VALUE
end

func Animal.describe(self)
    LOAD_FAST self
    LOAD_ATTR name
    LOAD_CONST " says "
    BINARY_OP +
    LOAD_FAST self
    LOAD_METHOD speak
    CALL_METHOD 0
    BINARY_OP +
    RETURN_VALUE
end

func Dog.speak(self)
    RETURN_CONST "woof"
end

func Puppy.__init__(self, name)
    LOAD_FAST name
    LOAD_CONST " jr"
    BINARY_OP +
    LOAD_FAST self
    STORE_ATTR name
    RETURN_CONST None
end
`,
		out: "generic says ...\nrex says woof\nrex jr says woof\ntom says meow\nTrue False True False\n",
	},
	{
		name: "class_attributes_vs_instance_attributes",
		py: `
class C:
    count = 0
c = C()
d = C()
print(c.count, C.count)
c.count = 5
print(c.count, d.count, C.count)
C.count = 7
print(c.count, d.count)
del c.count
print(c.count)
C.extra = "new"
print(d.extra)
d.own = 1
del d.own
print(hasattr(d, "own"), hasattr(C, "extra"))
`,
		rwa: `
module
    LOAD_CONST "C"
    LOAD_CONST ()
    LOAD_CONST "count"
    LOAD_CONST 0
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME C
    LOAD_NAME C
    CALL 0
    STORE_NAME c
    LOAD_NAME C
    CALL 0
    STORE_NAME d
    LOAD_NAME print
    LOAD_NAME c
    LOAD_ATTR count
    LOAD_NAME C
    LOAD_ATTR count
    CALL 2
    POP_TOP
    LOAD_CONST 5
    LOAD_NAME c
    STORE_ATTR count
    LOAD_NAME print
    LOAD_NAME c
    LOAD_ATTR count
    LOAD_NAME d
    LOAD_ATTR count
    LOAD_NAME C
    LOAD_ATTR count
    CALL 3
    POP_TOP
    LOAD_CONST 7
    LOAD_NAME C
    STORE_ATTR count
    LOAD_NAME print
    LOAD_NAME c
    LOAD_ATTR count
    LOAD_NAME d
    LOAD_ATTR count
    CALL 2
    POP_TOP
    LOAD_NAME c
    DELETE_ATTR count
    LOAD_NAME print
    LOAD_NAME c
    LOAD_ATTR count
    CALL 1
    POP_TOP
    LOAD_CONST "new"
    LOAD_NAME C
    STORE_ATTR extra
    LOAD_NAME print
    LOAD_NAME d
    LOAD_ATTR extra
    CALL 1
    POP_TOP
    LOAD_CONST 1
    LOAD_NAME d
    STORE_ATTR own
    LOAD_NAME d
    DELETE_ATTR own
    LOAD_NAME print
    LOAD_NAME hasattr
    LOAD_NAME d
    LOAD_CONST "own"
    CALL 2
    LOAD_NAME hasattr
    LOAD_NAME C
    LOAD_CONST "extra"
    CALL 2
    CALL 2
    POP_TOP
    RETURN_CONST None
end
`,
		out: "0 0\n5 0 0\n5 7\n7\nnew\nFalse True\n",
	},
	{
		name: "class_attribute_errors",
		py: `
class C:
    value = 1
c = C()
x = 5
try:
    c.missing_attr
except AttributeError as e:
    print(e)
try:
    C.missing_attr
except AttributeError as e:
    print(e)
try:
    del c.value
except AttributeError as e:
    print(e)
try:
    x.real_part = 1
except AttributeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST "C"
    LOAD_CONST ()
    LOAD_CONST "value"
    LOAD_CONST 1
    BUILD_MAP 1
    BUILD_CLASS
    STORE_NAME C
    LOAD_NAME C
    CALL 0
    STORE_NAME c
    LOAD_CONST 5
    STORE_NAME x
    SETUP_EXCEPT h1
    LOAD_NAME c
    LOAD_ATTR missing_attr
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME AttributeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    LOAD_NAME C
    LOAD_ATTR missing_attr
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t3
h2:
    LOAD_NAME AttributeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t3
r2:
    RERAISE
t3:
    SETUP_EXCEPT h3
    LOAD_NAME c
    DELETE_ATTR value
    POP_BLOCK
    JUMP_FORWARD t4
h3:
    LOAD_NAME AttributeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r3
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t4
r3:
    RERAISE
t4:
    SETUP_EXCEPT h4
    LOAD_CONST 1
    LOAD_NAME x
    STORE_ATTR real_part
    POP_BLOCK
    RETURN_CONST None
h4:
    LOAD_NAME AttributeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r4
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r4:
    RERAISE
end
`,
		out: "'C' object has no attribute 'missing_attr'\n" +
			"type object 'C' has no attribute 'missing_attr'\n" +
			"'C' object has no attribute 'value'\n" +
			"'int' object has no attribute 'real_part'\n",
	},
	{
		name: "class_uncaught_in_method",
		py: `
class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, n):
        if n > self.balance:
            raise ValueError("insufficient funds")
        self.balance = self.balance - n
a = Account(10)
a.withdraw(3)
print(a.balance)
a.withdraw(50)
`,
		rwa: `
module
    .line 1
    LOAD_CONST "Account"
    LOAD_CONST ()
    LOAD_CONST "__init__"
    LOAD_CONST @Account.__init__
    MAKE_FUNCTION 0
    LOAD_CONST "withdraw"
    LOAD_CONST @Account.withdraw
    MAKE_FUNCTION 0
    BUILD_MAP 2
    BUILD_CLASS
    STORE_NAME Account
    .line 8
    LOAD_NAME Account
    LOAD_CONST 10
    CALL 1
    STORE_NAME a
    .line 9
    LOAD_NAME a
    LOAD_METHOD withdraw
    LOAD_CONST 3
    CALL_METHOD 1
    POP_TOP
    .line 10
    LOAD_NAME print
    LOAD_NAME a
    LOAD_ATTR balance
    CALL 1
    POP_TOP
    .line 11
    LOAD_NAME a
    LOAD_METHOD withdraw
    LOAD_CONST 50
    CALL_METHOD 1
    POP_TOP
    RETURN_CONST None
end

func Account.__init__(self, balance)
    .name "__init__"
    .line 3
    LOAD_FAST balance
    LOAD_FAST self
    STORE_ATTR balance
    RETURN_CONST None
end

func Account.withdraw(self, n)
    .name "withdraw"
    .line 5
    LOAD_FAST n
    LOAD_FAST self
    LOAD_ATTR balance
    COMPARE_OP >
    POP_JUMP_IF_FALSE ok
    .line 6
    LOAD_GLOBAL ValueError
    LOAD_CONST "insufficient funds"
    CALL 1
    RAISE_VARARGS 1
    .line 7
ok:
    LOAD_FAST self
    LOAD_ATTR balance
    LOAD_FAST n
    BINARY_OP -
    LOAD_FAST self
    STORE_ATTR balance
    RETURN_CONST None
end
`,
		out: "7\n",
		tb: `Traceback (most recent call last):
  File "class_uncaught_in_method.py", line 11, in <module>
  File "class_uncaught_in_method.py", line 6, in withdraw
ValueError: insufficient funds
`,
	},
	{
		name: "class_isinstance_builtin_types",
		py: `
print(isinstance(1, int), isinstance(True, int), isinstance("s", (int, str)))
print(isinstance([], (int, dict)), isinstance(None, object), isinstance(ValueError("x"), Exception))
`,
		rwa: `
module
    LOAD_NAME print
    LOAD_NAME isinstance
    LOAD_CONST 1
    LOAD_NAME int
    CALL 2
    LOAD_NAME isinstance
    LOAD_CONST True
    LOAD_NAME int
    CALL 2
    LOAD_NAME isinstance
    LOAD_CONST "s"
    LOAD_NAME int
    LOAD_NAME str
    BUILD_TUPLE 2
    CALL 2
    CALL 3
    POP_TOP
    LOAD_NAME print
    LOAD_NAME isinstance
    BUILD_LIST 0
    LOAD_NAME int
    LOAD_NAME dict
    BUILD_TUPLE 2
    CALL 2
    LOAD_NAME isinstance
    LOAD_CONST None
    LOAD_NAME object
    CALL 2
    LOAD_NAME isinstance
    LOAD_NAME ValueError
    LOAD_CONST "x"
    CALL 1
    LOAD_NAME Exception
    CALL 2
    CALL 3
    POP_TOP
    RETURN_CONST None
end
`,
		out: "True True True\nFalse True True\n",
	},

	// ---- other instructions ----
	{
		name: "op_unpack_sequence_and_swap",
		py: `
a, b = (1, 2)
print(a, b)
x, y, z = [3, 4, 5]
print(x, y, z)
p, q = "hi"
print(p, q)
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
for k, v in [("one", 1), ("two", 2)]:
    print(k, v)
`,
		rwa: `
module
    LOAD_CONST (1, 2)
    UNPACK_SEQUENCE 2
    STORE_NAME a
    STORE_NAME b
    LOAD_NAME print
    LOAD_NAME a
    LOAD_NAME b
    CALL 2
    POP_TOP
    LOAD_CONST 3
    LOAD_CONST 4
    LOAD_CONST 5
    BUILD_LIST 3
    UNPACK_SEQUENCE 3
    STORE_NAME x
    STORE_NAME y
    STORE_NAME z
    LOAD_NAME print
    LOAD_NAME x
    LOAD_NAME y
    LOAD_NAME z
    CALL 3
    POP_TOP
    LOAD_CONST "hi"
    UNPACK_SEQUENCE 2
    STORE_NAME p
    STORE_NAME q
    LOAD_NAME print
    LOAD_NAME p
    LOAD_NAME q
    CALL 2
    POP_TOP
    ; a, b = b, a
    LOAD_NAME b
    LOAD_NAME a
    SWAP 2
    STORE_NAME a
    STORE_NAME b
    LOAD_NAME print
    LOAD_NAME a
    LOAD_NAME b
    CALL 2
    POP_TOP
    LOAD_CONST (1, 2, 3)
    UNPACK_SEQUENCE 3
    STORE_NAME a
    STORE_NAME b
    STORE_NAME c
    ; a, b, c = c, a, b
    LOAD_NAME c
    LOAD_NAME a
    LOAD_NAME b
    SWAP 3
    STORE_NAME a
    STORE_NAME b
    STORE_NAME c
    LOAD_NAME print
    LOAD_NAME a
    LOAD_NAME b
    LOAD_NAME c
    CALL 3
    POP_TOP
    LOAD_CONST ("one", 1)
    LOAD_CONST ("two", 2)
    BUILD_LIST 2
    GET_ITER
loop:
    FOR_ITER done
    UNPACK_SEQUENCE 2
    STORE_NAME k
    STORE_NAME v
    LOAD_NAME print
    LOAD_NAME k
    LOAD_NAME v
    CALL 2
    POP_TOP
    JUMP_BACKWARD loop
done:
    RETURN_CONST None
end
`,
		out: "1 2\n3 4 5\nh i\n2 1\n3 1 2\none 1\ntwo 2\n",
	},
	{
		name: "op_unpack_sequence_value_errors",
		py: `
for seq in [[1, 2], (1, 2, 3, 4), "abc"]:
    try:
        a, b, c = seq
        print(a, b, c)
    except ValueError as e:
        print(e)
`,
		rwa: `
module
    LOAD_CONST 1
    LOAD_CONST 2
    BUILD_LIST 2
    LOAD_CONST (1, 2, 3, 4)
    LOAD_CONST "abc"
    BUILD_LIST 3
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME seq
    SETUP_EXCEPT handler
    LOAD_NAME seq
    UNPACK_SEQUENCE 3
    STORE_NAME a
    STORE_NAME b
    STORE_NAME c
    LOAD_NAME print
    LOAD_NAME a
    LOAD_NAME b
    LOAD_NAME c
    CALL 3
    POP_TOP
    POP_BLOCK
    JUMP_BACKWARD loop
handler:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_BACKWARD loop
nomatch:
    RERAISE
done:
    RETURN_CONST None
end
`,
		out: "not enough values to unpack (expected 3, got 2)\ntoo many values to unpack (expected 3)\na b c\n",
	},
	{
		name: "op_unpack_non_iterable",
		py: `
try:
    a, b = 5
except TypeError as e:
    print(e)
`,
		rwa: `
module
    SETUP_EXCEPT handler
    LOAD_CONST 5
    UNPACK_SEQUENCE 2
    STORE_NAME a
    STORE_NAME b
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "cannot unpack non-iterable int object\n",
	},
	{
		name: "op_build_map_and_set",
		py: `
d = {"a": 1, "b": 2, "a": 3}
print(d, len(d))
print({}, {1: "x", (1, 2): [3]})
s = {3, 1, 2, 3}
print(len(s), sorted(s), 2 in s, set() == s)
try:
    {[1], 2}
except TypeError as e:
    print(e)
try:
    {"k": 1, [1]: 2}
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST "a"
    LOAD_CONST 1
    LOAD_CONST "b"
    LOAD_CONST 2
    LOAD_CONST "a"
    LOAD_CONST 3
    BUILD_MAP 3
    STORE_NAME d
    LOAD_NAME print
    LOAD_NAME d
    LOAD_NAME len
    LOAD_NAME d
    CALL 1
    CALL 2
    POP_TOP
    LOAD_NAME print
    BUILD_MAP 0
    LOAD_CONST 1
    LOAD_CONST "x"
    LOAD_CONST (1, 2)
    LOAD_CONST 3
    BUILD_LIST 1
    BUILD_MAP 2
    CALL 2
    POP_TOP
    LOAD_CONST 3
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    BUILD_SET 4
    STORE_NAME s
    LOAD_NAME print
    LOAD_NAME len
    LOAD_NAME s
    CALL 1
    LOAD_NAME sorted
    LOAD_NAME s
    CALL 1
    LOAD_CONST 2
    LOAD_NAME s
    CONTAINS_OP 0
    BUILD_SET 0
    LOAD_NAME s
    COMPARE_OP ==
    CALL 4
    POP_TOP
    SETUP_EXCEPT h1
    LOAD_CONST 1
    BUILD_LIST 1
    LOAD_CONST 2
    BUILD_SET 2
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    LOAD_CONST "k"
    LOAD_CONST 1
    LOAD_CONST 1
    BUILD_LIST 1
    LOAD_CONST 2
    BUILD_MAP 2
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "{'a': 3, 'b': 2} 2\n{} {1: 'x', (1, 2): [3]}\n3 [1, 2, 3] True False\n" +
			"unhashable type: 'list'\nunhashable type: 'list'\n",
	},
	{
		name: "op_list_append_comprehension",
		py: `
squares = [x * x for x in range(6) if x % 2 == 0]
print(squares)
pairs = [(i, j) for i in range(2) for j in "ab"]
print(pairs)
`,
		rwa: `
module
    BUILD_LIST 0
    LOAD_NAME range
    LOAD_CONST 6
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME x
    LOAD_NAME x
    LOAD_CONST 2
    BINARY_OP %
    LOAD_CONST 0
    COMPARE_OP ==
    POP_JUMP_IF_FALSE skip
    LOAD_NAME x
    LOAD_NAME x
    BINARY_OP *
    LIST_APPEND 2
skip:
    JUMP_BACKWARD loop
done:
    STORE_NAME squares
    LOAD_NAME print
    LOAD_NAME squares
    CALL 1
    POP_TOP
    BUILD_LIST 0
    LOAD_NAME range
    LOAD_CONST 2
    CALL 1
    GET_ITER
outer:
    FOR_ITER outer_done
    STORE_NAME i
    LOAD_CONST "ab"
    GET_ITER
inner:
    FOR_ITER inner_done
    STORE_NAME j
    LOAD_NAME i
    LOAD_NAME j
    BUILD_TUPLE 2
    LIST_APPEND 3
    JUMP_BACKWARD inner
inner_done:
    JUMP_BACKWARD outer
outer_done:
    STORE_NAME pairs
    LOAD_NAME print
    LOAD_NAME pairs
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "[0, 4, 16]\n[(0, 'a'), (0, 'b'), (1, 'a'), (1, 'b')]\n",
	},
	{
		name: "op_binary_slice_store_slice",
		py: `
l = [0, 1, 2, 3, 4, 5]
print(l[1:3], l[:2], l[4:], l[-2:], l[:-4], l[:], l[10:], l[3:1])
s = "hello"
t = (1, 2, 3)
print(s[1:4], s[:-1], t[1:], t[:0])
l[1:3] = ["a", "b", "c"]
print(l)
l[:2] = []
print(l)
l[len(l):] = (9,)
print(l)
`,
		rwa: `
module
    LOAD_CONST 0
    LOAD_CONST 1
    LOAD_CONST 2
    LOAD_CONST 3
    LOAD_CONST 4
    LOAD_CONST 5
    BUILD_LIST 6
    STORE_NAME l
    LOAD_NAME print
    LOAD_NAME l
    LOAD_CONST 1
    LOAD_CONST 3
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST None
    LOAD_CONST 2
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST 4
    LOAD_CONST None
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST -2
    LOAD_CONST None
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST None
    LOAD_CONST -4
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST None
    LOAD_CONST None
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST 10
    LOAD_CONST None
    BINARY_SLICE
    LOAD_NAME l
    LOAD_CONST 3
    LOAD_CONST 1
    BINARY_SLICE
    CALL 8
    POP_TOP
    LOAD_CONST "hello"
    STORE_NAME s
    LOAD_CONST (1, 2, 3)
    STORE_NAME t
    LOAD_NAME print
    LOAD_NAME s
    LOAD_CONST 1
    LOAD_CONST 4
    BINARY_SLICE
    LOAD_NAME s
    LOAD_CONST None
    LOAD_CONST -1
    BINARY_SLICE
    LOAD_NAME t
    LOAD_CONST 1
    LOAD_CONST None
    BINARY_SLICE
    LOAD_NAME t
    LOAD_CONST None
    LOAD_CONST 0
    BINARY_SLICE
    CALL 4
    POP_TOP
    LOAD_CONST "a"
    LOAD_CONST "b"
    LOAD_CONST "c"
    BUILD_LIST 3
    LOAD_NAME l
    LOAD_CONST 1
    LOAD_CONST 3
    STORE_SLICE
    LOAD_NAME print
    LOAD_NAME l
    CALL 1
    POP_TOP
    BUILD_LIST 0
    LOAD_NAME l
    LOAD_CONST None
    LOAD_CONST 2
    STORE_SLICE
    LOAD_NAME print
    LOAD_NAME l
    CALL 1
    POP_TOP
    LOAD_CONST (9,)
    LOAD_NAME l
    LOAD_NAME len
    LOAD_NAME l
    CALL 1
    LOAD_CONST None
    STORE_SLICE
    LOAD_NAME print
    LOAD_NAME l
    CALL 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "[1, 2] [0, 1] [4, 5] [4, 5] [0, 1] [0, 1, 2, 3, 4, 5] [] []\n" +
			"ell hell (2, 3) ()\n" +
			"[0, 'a', 'b', 'c', 3, 4, 5]\n['b', 'c', 3, 4, 5]\n['b', 'c', 3, 4, 5, 9]\n",
	},
	{
		name: "op_slice_type_errors",
		py: `
t = (1, 2, 3)
n = 5
try:
    t[0:1] = [5]
except TypeError as e:
    print(e)
try:
    n[1:2]
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST (1, 2, 3)
    STORE_NAME t
    LOAD_CONST 5
    STORE_NAME n
    SETUP_EXCEPT h1
    LOAD_CONST 5
    BUILD_LIST 1
    LOAD_NAME t
    LOAD_CONST 0
    LOAD_CONST 1
    STORE_SLICE
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    LOAD_NAME n
    LOAD_CONST 1
    LOAD_CONST 2
    BINARY_SLICE
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h2:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "'tuple' object does not support item assignment\n'int' object is not subscriptable\n",
	},
	{
		name: "op_copy_chained_comparison",
		py: `
for x in [0, 2, 5]:
    print(x, 1 < x < 3)
`,
		rwa: `
module
    LOAD_CONST 0
    LOAD_CONST 2
    LOAD_CONST 5
    BUILD_LIST 3
    GET_ITER
loop:
    FOR_ITER done
    STORE_NAME x
    LOAD_NAME print
    LOAD_NAME x
    ; 1 < x < 3, as CPython compiles it
    LOAD_CONST 1
    LOAD_NAME x
    SWAP 2
    COPY 2
    COMPARE_OP <
    POP_JUMP_IF_FALSE short
    LOAD_CONST 3
    COMPARE_OP <
    JUMP_FORWARD print
short:
    POP_TOP
    LOAD_CONST False
print:
    CALL 2
    POP_TOP
    JUMP_BACKWARD loop
done:
    RETURN_CONST None
end
`,
		out: "0 False\n2 True\n5 False\n",
	},
	{
		name: "op_is_and_contains",
		py: `
x = None
y = [1]
z = y
print(x is None, x is not None, y is z, y is [1], y is not z)
print(1 in y, 2 in y, 2 not in y, "b" in "abc", "k" in {"k": 1}, 3 in (1, 2), 3 not in {3})
`,
		rwa: `
module
    LOAD_CONST None
    STORE_NAME x
    LOAD_CONST 1
    BUILD_LIST 1
    STORE_NAME y
    LOAD_NAME y
    STORE_NAME z
    LOAD_NAME print
    LOAD_NAME x
    LOAD_CONST None
    IS_OP 0
    LOAD_NAME x
    LOAD_CONST None
    IS_OP 1
    LOAD_NAME y
    LOAD_NAME z
    IS_OP 0
    LOAD_NAME y
    LOAD_CONST 1
    BUILD_LIST 1
    IS_OP 0
    LOAD_NAME y
    LOAD_NAME z
    IS_OP 1
    CALL 5
    POP_TOP
    LOAD_NAME print
    LOAD_CONST 1
    LOAD_NAME y
    CONTAINS_OP 0
    LOAD_CONST 2
    LOAD_NAME y
    CONTAINS_OP 0
    LOAD_CONST 2
    LOAD_NAME y
    CONTAINS_OP 1
    LOAD_CONST "b"
    LOAD_CONST "abc"
    CONTAINS_OP 0
    LOAD_CONST "k"
    LOAD_CONST "k"
    LOAD_CONST 1
    BUILD_MAP 1
    CONTAINS_OP 0
    LOAD_CONST 3
    LOAD_CONST (1, 2)
    CONTAINS_OP 0
    LOAD_CONST 3
    LOAD_CONST 3
    BUILD_SET 1
    CONTAINS_OP 1
    CALL 7
    POP_TOP
    RETURN_CONST None
end
`,
		out: "True False True False False\nTrue False True True True False False\n",
	},
	{
		name: "op_contains_non_container",
		py: `
n = 5
try:
    1 in n
except TypeError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST 5
    STORE_NAME n
    SETUP_EXCEPT handler
    LOAD_CONST 1
    LOAD_NAME n
    CONTAINS_OP 0
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME TypeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "argument of type 'int' is not iterable\n",
	},
	{
		name: "op_pop_jump_if_none",
		py: `
def describe(x):
    if x is None:
        return "none"
    if x is not None:
        return "value " + str(x)
print(describe(None), describe(0), describe(False))
`,
		rwa: `
module
    LOAD_CONST @describe
    MAKE_FUNCTION 0
    STORE_NAME describe
    LOAD_NAME print
    LOAD_NAME describe
    LOAD_CONST None
    CALL 1
    LOAD_NAME describe
    LOAD_CONST 0
    CALL 1
    LOAD_NAME describe
    LOAD_CONST False
    CALL 1
    CALL 3
    POP_TOP
    RETURN_CONST None
end

func describe(x)
    LOAD_FAST x
    POP_JUMP_IF_NOT_NONE notnone
    RETURN_CONST "none"
notnone:
    LOAD_FAST x
    POP_JUMP_IF_NONE unreachable
    LOAD_CONST "value "
    LOAD_GLOBAL str
    LOAD_FAST x
    CALL 1
    BINARY_OP +
    RETURN_VALUE
unreachable:
    RETURN_CONST None
end
`,
		out: "none value 0 value False\n",
	},
	{
		name: "op_delete_fast_then_read",
		py: `
def f():
    x = 1
    print(x)
    del x
    return x
f()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 6
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    locals x
    .line 2
    LOAD_CONST 1
    STORE_FAST x
    .line 3
    LOAD_GLOBAL print
    LOAD_FAST x
    CALL 1
    POP_TOP
    .line 4
    DELETE_FAST x
    .line 5
    LOAD_FAST x
    RETURN_VALUE
end
`,
		out: "1\n",
		tb: `Traceback (most recent call last):
  File "op_delete_fast_then_read.py", line 6, in <module>
  File "op_delete_fast_then_read.py", line 5, in f
UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
`,
	},
	{
		name: "op_delete_fast_twice",
		py: `
def f():
    x = 1
    del x
    try:
        del x
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(f())
`,
		rwa: `
module
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    LOAD_NAME print
    LOAD_NAME f
    CALL 0
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func f()
    locals x, e
    LOAD_CONST 1
    STORE_FAST x
    DELETE_FAST x
    SETUP_EXCEPT handler
    DELETE_FAST x
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_GLOBAL NameError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_FAST e
    LOAD_GLOBAL type
    LOAD_FAST e
    CALL 1
    LOAD_ATTR __name__
    LOAD_CONST ": "
    BINARY_OP +
    LOAD_GLOBAL str
    LOAD_FAST e
    CALL 1
    BINARY_OP +
    RETURN_VALUE
nomatch:
    RERAISE
end
`,
		out: "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value\n",
	},
	{
		name: "op_load_global_name_error",
		py: `
def f():
    return undefined_thing
print("start")
f()
`,
		rwa: `
module
    .line 1
    LOAD_CONST @f
    MAKE_FUNCTION 0
    STORE_NAME f
    .line 3
    LOAD_NAME print
    LOAD_CONST "start"
    CALL 1
    POP_TOP
    .line 4
    LOAD_NAME f
    CALL 0
    POP_TOP
    RETURN_CONST None
end

func f()
    .line 2
    LOAD_GLOBAL undefined_thing
    RETURN_VALUE
end
`,
		out: "start\n",
		tb: `Traceback (most recent call last):
  File "op_load_global_name_error.py", line 4, in <module>
  File "op_load_global_name_error.py", line 2, in f
NameError: name 'undefined_thing' is not defined
`,
	},
	{
		name: "op_globals_read_write_delete",
		py: `
counter = 0
def bump(n):
    global counter
    counter = counter + n
    return counter
def read():
    return counter
bump(2)
bump(3)
print(counter, read())
def make():
    global created
    created = "yes"
make()
print(created)
def remove():
    global created
    del created
remove()
try:
    print(created)
except NameError as e:
    print(e)
try:
    del created
except NameError as e:
    print(e)
`,
		rwa: `
module
    LOAD_CONST 0
    STORE_NAME counter
    LOAD_CONST @bump
    MAKE_FUNCTION 0
    STORE_NAME bump
    LOAD_CONST @read
    MAKE_FUNCTION 0
    STORE_NAME read
    LOAD_NAME bump
    LOAD_CONST 2
    CALL 1
    POP_TOP
    LOAD_NAME bump
    LOAD_CONST 3
    CALL 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME counter
    LOAD_NAME read
    CALL 0
    CALL 2
    POP_TOP
    LOAD_CONST @make
    MAKE_FUNCTION 0
    STORE_NAME make
    LOAD_NAME make
    CALL 0
    POP_TOP
    LOAD_NAME print
    LOAD_NAME created
    CALL 1
    POP_TOP
    LOAD_CONST @remove
    MAKE_FUNCTION 0
    STORE_NAME remove
    LOAD_NAME remove
    CALL 0
    POP_TOP
    SETUP_EXCEPT h1
    LOAD_NAME print
    LOAD_NAME created
    CALL 1
    POP_TOP
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME NameError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    DELETE_NAME created
    POP_BLOCK
    RETURN_CONST None
h2:
    LOAD_NAME NameError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end

func bump(n)
    LOAD_GLOBAL counter
    LOAD_FAST n
    BINARY_OP +
    STORE_GLOBAL counter
    LOAD_GLOBAL counter
    RETURN_VALUE
end

func read()
    LOAD_GLOBAL counter
    RETURN_VALUE
end

func make()
    LOAD_CONST "yes"
    STORE_GLOBAL created
    RETURN_CONST None
end

func remove()
    DELETE_GLOBAL created
    RETURN_CONST None
end
`,
		out: "5 5\nyes\nname 'created' is not defined\nname 'created' is not defined\n",
	},
	{
		name: "op_import_name_and_from",
		py: `
import thread
import thread as t2
print(thread.__name__, t2 is thread)
from thread import Lock
print(Lock is thread.Lock)
try:
    import nope
except ImportError as e:
    print(type(e).__name__, e)
try:
    from thread import nothing_here
except ImportError as e:
    print(type(e).__name__, str(e).startswith("cannot import name 'nothing_here' from 'thread'"))
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    IMPORT_NAME thread
    STORE_NAME t2
    LOAD_NAME print
    LOAD_NAME thread
    LOAD_ATTR __name__
    LOAD_NAME t2
    LOAD_NAME thread
    IS_OP 0
    CALL 2
    POP_TOP
    IMPORT_NAME thread
    IMPORT_FROM Lock
    STORE_NAME Lock
    POP_TOP
    LOAD_NAME print
    LOAD_NAME Lock
    LOAD_NAME thread
    LOAD_ATTR Lock
    IS_OP 0
    CALL 1
    POP_TOP
    SETUP_EXCEPT h1
    IMPORT_NAME nope
    STORE_NAME nope
    POP_BLOCK
    JUMP_FORWARD t2
h1:
    LOAD_NAME ImportError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r1
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME e
    CALL 2
    POP_TOP
    POP_EXCEPT
    JUMP_FORWARD t2
r1:
    RERAISE
t2:
    SETUP_EXCEPT h2
    IMPORT_NAME thread
    IMPORT_FROM nothing_here
    STORE_NAME nothing_here
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
h2:
    LOAD_NAME ImportError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE r2
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME type
    LOAD_NAME e
    CALL 1
    LOAD_ATTR __name__
    LOAD_NAME str
    LOAD_NAME e
    CALL 1
    LOAD_METHOD startswith
    LOAD_CONST "cannot import name 'nothing_here' from 'thread'"
    CALL_METHOD 1
    CALL 2
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
r2:
    RERAISE
end
`,
		out: "thread True\nTrue\nModuleNotFoundError No module named 'nope'\nImportError True\n",
	},
	{
		name: "op_import_missing_uncaught",
		py: `
print("start")
import nope
`,
		rwa: `
module
    .line 1
    LOAD_NAME print
    LOAD_CONST "start"
    CALL 1
    POP_TOP
    .line 2
    IMPORT_NAME nope
    STORE_NAME nope
    RETURN_CONST None
end
`,
		out: "start\n",
		tb: `Traceback (most recent call last):
  File "op_import_missing_uncaught.py", line 2, in <module>
ModuleNotFoundError: No module named 'nope'
`,
	},
	{
		name: "op_import_from_missing_message",
		py: `
from thread import nothing_here
`,
		rwa: `
module
    .line 1
    IMPORT_NAME thread
    IMPORT_FROM nothing_here
    STORE_NAME nothing_here
    POP_TOP
    RETURN_CONST None
end
`,
		tb: `Traceback (most recent call last):
  File "op_import_from_missing_message.py", line 1, in <module>
ImportError: cannot import name 'nothing_here' from 'thread' (unknown location)
`,
	},
	{
		name: "op_dict_views_are_lists",
		py: `
d = {"a": 1, "b": 2}
print(d.keys(), d.values(), d.items())
`,
		rwa: `
module
    LOAD_CONST "a"
    LOAD_CONST 1
    LOAD_CONST "b"
    LOAD_CONST 2
    BUILD_MAP 2
    STORE_NAME d
    LOAD_NAME print
    LOAD_NAME d
    LOAD_METHOD keys
    CALL_METHOD 0
    LOAD_NAME d
    LOAD_METHOD values
    CALL_METHOD 0
    LOAD_NAME d
    LOAD_METHOD items
    CALL_METHOD 0
    CALL 3
    POP_TOP
    RETURN_CONST None
end
`,
		out: "dict_keys(['a', 'b']) dict_values([1, 2]) dict_items([('a', 1), ('b', 2)])\n",
	},

	// ---- the thread module ----
	{
		name: "thread_start_join_with_arguments",
		py: `
import thread
results = []
def work(a, b, scale=1):
    results.append((a + b) * scale)
h1 = thread.start(work, 1, 2)
h2 = thread.start(work, 10, 20, 3)
thread.join(h1)
h2.join()
print(sorted(results))
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    BUILD_LIST 0
    STORE_NAME results
    LOAD_CONST (1,)
    LOAD_CONST @work
    MAKE_FUNCTION 1
    STORE_NAME work
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME work
    LOAD_CONST 1
    LOAD_CONST 2
    CALL_METHOD 3
    STORE_NAME h1
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME work
    LOAD_CONST 10
    LOAD_CONST 20
    LOAD_CONST 3
    CALL_METHOD 4
    STORE_NAME h2
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h1
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME h2
    LOAD_METHOD join
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME print
    LOAD_NAME sorted
    LOAD_NAME results
    CALL 1
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func work(a, b, scale)
    LOAD_GLOBAL results
    LOAD_METHOD append
    LOAD_FAST a
    LOAD_FAST b
    BINARY_OP +
    LOAD_FAST scale
    BINARY_OP *
    CALL_METHOD 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "[3, 90]\n",
	},
	{
		name: "thread_exception_goes_to_stderr",
		py: `
import thread
def bad(msg):
    raise ValueError(msg)
h = thread.start(bad, "boom")
thread.join(h)
print("main continues")
`,
		rwa: `
module
    .line 1
    IMPORT_NAME thread
    STORE_NAME thread
    .line 2
    LOAD_CONST @bad
    MAKE_FUNCTION 0
    STORE_NAME bad
    .line 4
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME bad
    LOAD_CONST "boom"
    CALL_METHOD 2
    STORE_NAME h
    .line 5
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    .line 6
    LOAD_NAME print
    LOAD_CONST "main continues"
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func bad(msg)
    .line 3
    LOAD_GLOBAL ValueError
    LOAD_FAST msg
    CALL 1
    RAISE_VARARGS 1
end
`,
		out:    "main continues\n",
		stderr: []string{"Exception in thread Thread-", "Traceback (most recent call last):\n", "  File \"thread_exception_goes_to_stderr.py\", line 3, in bad\nValueError: boom\n"},
	},
	{
		name: "thread_lock_blocking_and_not",
		py: `
import thread
lock = thread.Lock()
print(lock.acquire(), lock.locked())
print(lock.acquire(False), lock.acquire(blocking=False), lock.acquire(timeout=0.01), lock.acquire(True, 0.01))
lock.release()
print(lock.locked(), lock.acquire(False))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print(e)
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_NAME thread
    LOAD_METHOD Lock
    CALL_METHOD 0
    STORE_NAME lock
    LOAD_NAME print
    LOAD_NAME lock
    LOAD_METHOD acquire
    CALL_METHOD 0
    LOAD_NAME lock
    LOAD_METHOD locked
    CALL_METHOD 0
    CALL 2
    POP_TOP
    LOAD_NAME print
    LOAD_NAME lock
    LOAD_METHOD acquire
    LOAD_CONST False
    CALL_METHOD 1
    LOAD_NAME lock
    LOAD_METHOD acquire
    LOAD_CONST False
    KW_NAMES ("blocking",)
    CALL_METHOD 1
    LOAD_NAME lock
    LOAD_METHOD acquire
    LOAD_CONST 0.01
    KW_NAMES ("timeout",)
    CALL_METHOD 1
    LOAD_NAME lock
    LOAD_METHOD acquire
    LOAD_CONST True
    LOAD_CONST 0.01
    CALL_METHOD 2
    CALL 4
    POP_TOP
    LOAD_NAME lock
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME print
    LOAD_NAME lock
    LOAD_METHOD locked
    CALL_METHOD 0
    LOAD_NAME lock
    LOAD_METHOD acquire
    LOAD_CONST False
    CALL_METHOD 1
    CALL 2
    POP_TOP
    LOAD_NAME lock
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    SETUP_EXCEPT handler
    LOAD_NAME lock
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "True True\nFalse False False False\nFalse True\nrelease unlocked lock\n",
	},
	{
		name: "thread_lock_held_by_another_thread",
		py: `
import thread
lock = thread.Lock()
seen = []
def try_it():
    seen.append(lock.acquire(False))
    seen.append(lock.acquire(timeout=0.01))
lock.acquire()
h = thread.start(try_it)
thread.join(h)
lock.release()
h = thread.start(try_it)
thread.join(h)
print(seen, lock.locked())
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_NAME thread
    LOAD_METHOD Lock
    CALL_METHOD 0
    STORE_NAME lock
    BUILD_LIST 0
    STORE_NAME seen
    LOAD_CONST @try_it
    MAKE_FUNCTION 0
    STORE_NAME try_it
    LOAD_NAME lock
    LOAD_METHOD acquire
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME try_it
    CALL_METHOD 1
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME lock
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME try_it
    CALL_METHOD 1
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME seen
    LOAD_NAME lock
    LOAD_METHOD locked
    CALL_METHOD 0
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func try_it()
    LOAD_GLOBAL seen
    LOAD_METHOD append
    LOAD_GLOBAL lock
    LOAD_METHOD acquire
    LOAD_CONST False
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    LOAD_GLOBAL seen
    LOAD_METHOD append
    LOAD_GLOBAL lock
    LOAD_METHOD acquire
    LOAD_CONST 0.01
    KW_NAMES ("timeout",)
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "[False, False, True, False] True\n",
	},
	{
		name: "thread_lock_protects_counter",
		py: `
import thread
lock = thread.Lock()
total = 0
def work(n):
    global total
    for i in range(n):
        lock.acquire()
        total += 1
        lock.release()
hs = []
for i in range(4):
    hs.append(thread.start(work, 300))
for h in hs:
    thread.join(h)
print(total)
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_NAME thread
    LOAD_METHOD Lock
    CALL_METHOD 0
    STORE_NAME lock
    LOAD_CONST 0
    STORE_NAME total
    LOAD_CONST @work
    MAKE_FUNCTION 0
    STORE_NAME work
    BUILD_LIST 0
    STORE_NAME hs
    LOAD_NAME range
    LOAD_CONST 4
    CALL 1
    GET_ITER
spawn:
    FOR_ITER spawned
    STORE_NAME i
    LOAD_NAME hs
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME work
    LOAD_CONST 300
    CALL_METHOD 2
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD spawn
spawned:
    LOAD_NAME hs
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
    LOAD_NAME total
    CALL 1
    POP_TOP
    RETURN_CONST None
end

func work(n)
    locals i
    LOAD_GLOBAL range
    LOAD_FAST n
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    STORE_FAST i
    LOAD_GLOBAL lock
    LOAD_METHOD acquire
    CALL_METHOD 0
    POP_TOP
    LOAD_GLOBAL total
    LOAD_CONST 1
    BINARY_OP +=
    STORE_GLOBAL total
    LOAD_GLOBAL lock
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    JUMP_BACKWARD loop
done:
    RETURN_CONST None
end
`,
		out: "1200\n",
	},
	{
		name: "thread_rlock_reentry_and_release_errors",
		py: `
import thread
r = thread.RLock()
print(r.acquire(), r.acquire())
seen = []
def other():
    seen.append(r.acquire(False))
    try:
        r.release()
    except RuntimeError as e:
        seen.append(str(e))
h = thread.start(other)
thread.join(h)
r.release()
r.release()
h = thread.start(other)
thread.join(h)
print(seen)
try:
    r.release()
except RuntimeError as e:
    print(e)
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_NAME thread
    LOAD_METHOD RLock
    CALL_METHOD 0
    STORE_NAME r
    LOAD_NAME print
    LOAD_NAME r
    LOAD_METHOD acquire
    CALL_METHOD 0
    LOAD_NAME r
    LOAD_METHOD acquire
    CALL_METHOD 0
    CALL 2
    POP_TOP
    BUILD_LIST 0
    STORE_NAME seen
    LOAD_CONST @other
    MAKE_FUNCTION 0
    STORE_NAME other
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME other
    CALL_METHOD 1
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME r
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME r
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME other
    CALL_METHOD 1
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME seen
    CALL 1
    POP_TOP
    SETUP_EXCEPT handler
    LOAD_NAME r
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end

func other()
    locals e
    LOAD_GLOBAL seen
    LOAD_METHOD append
    LOAD_GLOBAL r
    LOAD_METHOD acquire
    LOAD_CONST False
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    SETUP_EXCEPT handler
    LOAD_GLOBAL r
    LOAD_METHOD release
    CALL_METHOD 0
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_GLOBAL RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_FAST e
    LOAD_GLOBAL seen
    LOAD_METHOD append
    LOAD_GLOBAL str
    LOAD_FAST e
    CALL 1
    CALL_METHOD 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "True True\n[False, 'cannot release un-acquired lock', True]\ncannot release un-acquired lock\n",
	},
	{
		name: "thread_get_ident_differs",
		py: `
import thread
me = thread.get_ident()
ids = []
def record():
    ids.append(thread.get_ident())
h1 = thread.start(record)
thread.join(h1)
h2 = thread.start(record)
thread.join(h2)
print(me == thread.get_ident(), ids[0] != me, ids[1] != me, len(ids))
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_NAME thread
    LOAD_METHOD get_ident
    CALL_METHOD 0
    STORE_NAME me
    BUILD_LIST 0
    STORE_NAME ids
    LOAD_CONST @record
    MAKE_FUNCTION 0
    STORE_NAME record
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME record
    CALL_METHOD 1
    STORE_NAME h1
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h1
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME record
    CALL_METHOD 1
    STORE_NAME h2
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h2
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME print
    LOAD_NAME me
    LOAD_NAME thread
    LOAD_METHOD get_ident
    CALL_METHOD 0
    COMPARE_OP ==
    LOAD_NAME ids
    LOAD_CONST 0
    BINARY_SUBSCR
    LOAD_NAME me
    COMPARE_OP !=
    LOAD_NAME ids
    LOAD_CONST 1
    BINARY_SUBSCR
    LOAD_NAME me
    COMPARE_OP !=
    LOAD_NAME len
    LOAD_NAME ids
    CALL 1
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func record()
    LOAD_GLOBAL ids
    LOAD_METHOD append
    LOAD_GLOBAL thread
    LOAD_METHOD get_ident
    CALL_METHOD 0
    CALL_METHOD 1
    POP_TOP
    RETURN_CONST None
end
`,
		out: "True True True 2\n",
	},
	{
		name: "thread_sleep",
		py: `
import thread
print(thread.sleep(0), thread.sleep(0.001))
try:
    thread.sleep(-1)
except ValueError as e:
    print(e)
`,
		rwa: `
module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_NAME print
    LOAD_NAME thread
    LOAD_METHOD sleep
    LOAD_CONST 0
    CALL_METHOD 1
    LOAD_NAME thread
    LOAD_METHOD sleep
    LOAD_CONST 0.001
    CALL_METHOD 1
    CALL 2
    POP_TOP
    SETUP_EXCEPT handler
    LOAD_NAME thread
    LOAD_METHOD sleep
    LOAD_CONST -1
    CALL_METHOD 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
handler:
    LOAD_NAME ValueError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE nomatch
    STORE_NAME e
    LOAD_NAME print
    LOAD_NAME e
    CALL 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
nomatch:
    RERAISE
end
`,
		out: "None None\nsleep length must be non-negative\n",
	},
}
