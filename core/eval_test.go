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

// evalCases are the programs of TestEval: the few that only assembled
// bytecode can run as they need, here programs that set
// Config.RecursionLimit (a Python program would need
// sys.setrecursionlimit). The Python-level programs that were here moved
// to the CPython corpus (python/compile/testdata/corpus, whose README
// lists them), which runs them through the compiler under the gil and eml
// policies.
var evalCases = []evalCase{
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
}
