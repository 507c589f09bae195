package stdlib_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/cpython"
	"github.com/rwgil/rwgil/schedule"
)

var updateInterp = flag.Bool("stdlib.update-interpreters", false, "rewrite testdata/interpreters_cases.out with the output of CPython 3.13 or later ($RWGIL_PYTHON)")

// runInterp runs src as rwgil run would, with isolation checked and
// objects tracked, and returns its stdout, stderr, uncaught exception and
// what closing the runtime (and so every interpreter) reported.
func runInterp(t *testing.T, policy eml.Policy, name string, src []byte) (stdout, stderr, exc string, closeErr error) {
	t.Helper()
	var out, errb bytes.Buffer
	rt, err := core.NewRuntime(core.Config{Policy: policy, Stdout: &out, Stderr: &errb, CheckIsolation: true, TrackObjects: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := python.RegisterModules(rt); err != nil {
		t.Fatal(err)
	}
	code, err := compile.Compile(name, src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := rt.Exec(code)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), res.Exception, rt.Close()
}

// TestInterpretersCases runs testdata/interpreters_cases.py, which
// imports CPython 3.13's test.support.interpreters where there is no
// concurrent.interpreters, under every policy and compares its output
// with CPython's (checked in; -stdlib.update-interpreters regenerates it).
func TestInterpretersCases(t *testing.T) {
	const name = "interpreters_cases"
	if *updateInterp {
		py, err := cpython.Find()
		if err != nil {
			t.Fatal(err)
		}
		if py.Minor < 13 {
			t.Fatalf("%s has no _interpreters module: set $%s to CPython 3.13 or later", py, cpython.EnvVar)
		}
		res, err := py.RunFile("testdata", name+".py", cpython.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.ExitStatus != 0 || res.Stderr != "" {
			t.Fatalf("%s: exit %d\n%s", py, res.ExitStatus, res.Stderr)
		}
		if err := os.WriteFile(filepath.Join("testdata", name+".out"), []byte(res.Stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile(filepath.Join("testdata", name+".py"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", name+".out"))
	if err != nil {
		t.Fatal(err)
	}
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicySticky, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			out, errs, exc, cerr := runInterp(t, policy, name+".py", src)
			if exc != "" || errs != "" {
				t.Fatalf("raised:\n%s%s", errs, exc)
			}
			if out != string(want) {
				t.Errorf("stdout differs from CPython's:\n%s", lineDiff(string(want), out))
			}
			if cerr != nil {
				t.Errorf("Close: %v; want no leak and no isolation violation", cerr)
			}
		})
	}
}

// lineDiff names the first line where got differs from want.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl
		}
	}
	return "(same lines)"
}

// TestInterpretersBeyondCPython313 checks what CPython 3.13 does not
// have or does differently (3.14's call with arguments and a result,
// rwgil's lock options and interpreter-support declarations, the checks
// on what is not shareable), each with its expected line.
func TestInterpretersBeyondCPython313(t *testing.T) {
	src := `import concurrent.interpreters as I
import interpreters
from concurrent import interpreters as J
print(I is interpreters, I is J, I.NotShareableError.__mro__[1].__name__)
a = I.create(policy="gil")
def f(x, y=2, *, z=3):
    return (x, y, z, x * 10**30)
print(a.call(f, 5, z=9))
for bad in ([1],), {}, bytearray(b"x"):
    try:
        a.call(f, bad)
    except TypeError as e:
        print(type(e).__name__, e)
def lst():
    return [1]
try:
    a.call(lst)
except I.ExecutionFailed as e:
    print(e.excinfo.formatted)
k = 10
def closure():
    return k
def outer():
    def inner():
        return k + z
    z = 1
    return inner
try:
    a.call(outer())
except I.NotShareableError as e:
    print("closure:", str(e).split("> ", 1)[1])
try:
    a.exec(42)
except TypeError as e:
    print(e)
try:
    I.create(policy="bogus")
except ValueError as e:
    print(str(e).split(" (")[0])
b = I.create(share_lock_with=a)
try:
    I.create(policy="gil", share_lock_with=a)
except ValueError as e:
    print(e)
for who, interp in (("own lock", a), ("shared lock", b)):
    for mod in ("legacy_counter", "legacy_pairs", "ported_counter", "threading"):
        try:
            interp.exec("import " + mod)
            print(who, mod, "imported")
        except I.ExecutionFailed as e:
            print(who, mod, e.excinfo.formatted)
import legacy_pairs
print("main imports legacy_pairs")
print(a.call(pow, 2, 3) if False else a.is_running(), b.is_running())
b.close()
a.close()
print(len(I.list_all()))
`
	want := `True True TypeError
(5, 2, 9, 5000000000000000000000000000000)
NotShareableError [1] does not support cross-interpreter data
NotShareableError {} does not support cross-interpreter data
NotShareableError bytearray(b'x') does not support cross-interpreter data
NotShareableError: [1] does not support cross-interpreter data
closure: has a closure: only functions without free variables can cross interpreters
Interpreter.exec() argument must be a string or a function, not int
unknown policy "bogus"
policy and share_lock_with cannot both be given: an interpreter sharing a lock has that lock's policy
own lock legacy_counter ImportError: module legacy_counter does not support loading in subinterpreters
own lock legacy_pairs ImportError: module legacy_pairs does not support loading in subinterpreters
own lock ported_counter imported
own lock threading imported
shared lock legacy_counter imported
shared lock legacy_pairs ImportError: module legacy_pairs does not support loading in subinterpreters
shared lock ported_counter imported
shared lock threading imported
main imports legacy_pairs
False False
1
`
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyFree} {
		t.Run(policy.String(), func(t *testing.T) {
			out, errs, exc, cerr := runInterp(t, policy, "beyond.py", []byte(src))
			if exc != "" || errs != "" {
				t.Fatalf("raised:\n%s%s\nstdout:\n%s", errs, exc, out)
			}
			if out != want {
				t.Errorf("stdout:\n%s", lineDiff(want, out))
			}
			if cerr != nil {
				t.Errorf("Close: %v; want no leak and no isolation violation", cerr)
			}
		})
	}
}

// TestMoldenPool runs docs/examples/interpreters/molden_pool.py: four
// child interpreters under gil, each with its own GIL and a thread, do
// the parent's tasks; the parent's heartbeat thread runs while the parent
// waits, so its lock was free.
func TestMoldenPool(t *testing.T) {
	path := filepath.Join("..", "docs", "examples", "interpreters", "molden_pool.py")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "12 tasks done by 4 child interpreters, answers right: True\n" +
		"tasks per child: [3, 3, 3, 3]\n" +
		"the parent's heartbeat ran while it waited: True\n" +
		"interpreters left: [0]\n"
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML} {
		t.Run(policy.String(), func(t *testing.T) {
			out, errs, exc, cerr := runInterp(t, policy, path, src)
			if exc != "" || errs != "" {
				t.Fatalf("raised:\n%s%s", errs, exc)
			}
			if out != want {
				t.Errorf("stdout:\n%s", lineDiff(want, out))
			}
			if cerr != nil {
				t.Errorf("Close: %v", cerr)
			}
		})
	}
}

// TestSitbonExample runs docs/examples/interpreters/sitbon.py, Sitbon's
// Ensure across interpreters through the sitbon extension, in each
// EnsureAcross mode: error refuses with both interpreters named,
// recursive runs the code on the shared lock, and deadlock is found
// deadlocked by the deterministic scheduler, its report naming the lock
// and the holder.
func TestSitbonExample(t *testing.T) {
	path := filepath.Join("..", "docs", "examples", "interpreters", "sitbon.py")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, err := compile.Compile(path, src)
	if err != nil {
		t.Fatal(err)
	}
	own := "own lock: ran in interpreter 1\n"
	for _, c := range []struct {
		mode core.EnsureMode
		want string
	}{
		{core.EnsureError, own + `shared lock: refused: core: Ensure for interpreter 2 on thread "MainThread" of interpreter 0: the calling thread holds the lock the interpreter shares (interpreter 0's lock; Config.EnsureAcross is error)` + "\ndone\n"},
		{core.EnsureRecursive, own + "shared lock: ran in interpreter 2\ndone\n"},
	} {
		t.Run(c.mode.String(), func(t *testing.T) {
			var out, errb bytes.Buffer
			rt, err := core.NewRuntime(core.Config{Policy: eml.PolicyGIL, EnsureAcross: c.mode, Stdout: &out, Stderr: &errb, CheckIsolation: true, TrackObjects: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := python.RegisterModules(rt); err != nil {
				t.Fatal(err)
			}
			res, err := rt.Exec(code)
			if err != nil {
				t.Fatal(err)
			}
			if res.Exception != "" || errb.Len() > 0 || out.String() != c.want {
				t.Errorf("exception %q, stderr %q, stdout:\n%s", res.Exception, errb.String(), lineDiff(c.want, out.String()))
			}
			if err := rt.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
	t.Run("deadlock", func(t *testing.T) {
		res, err := schedule.RunProgram(code, schedule.Random(1), schedule.Config{
			Runtime: core.Config{Policy: eml.PolicyGIL, EnsureAcross: core.EnsureDeadlock}, Setup: python.RegisterModules})
		if err != nil {
			t.Fatal(err)
		}
		if res.Aborted == nil {
			t.Fatalf("the run ended (stdout %q); want the scheduler to find it deadlocked", res.Stdout)
		}
		msg := res.Aborted.Error()
		if res.Stdout != own || !strings.Contains(msg, "deadlock") || !strings.Contains(msg, `the lock of interpreter 0, held by thread "MainThread" of interpreter 0 on the same goroutine`) {
			t.Fatalf("stdout %q, report: %s\nwant the own-lock line, then a deadlock naming the lock of interpreter 0 held by MainThread", res.Stdout, msg)
		}
	})
}
