//go:build linux

package stdlib_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/cpython"
	"github.com/rwgil/rwgil/schedule"
)

// TestSocketCorpusAllPolicies runs the corpus programs of socket and
// select (echo servers on port 0 with threads, select over non-blocking
// sockets, the errors in CPython's words) under gil, eml, free and
// sticky, and compares with CPython 3.12's output.
func TestSocketCorpusAllPolicies(t *testing.T) {
	progs := corpusPrograms(t, "socket_", "select_")
	if len(progs) < 4 {
		t.Fatalf("found %d socket and select programs in the corpus, want at least 4", len(progs))
	}
	for _, path := range progs {
		wantOut, wantStatus := want(t, path)
		for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree, eml.PolicySticky} {
			t.Run(filepath.Base(path)+"/"+p.String(), func(t *testing.T) {
				out, errOut, status := runPy(t, path, p)
				if out != wantOut || status != wantStatus {
					t.Errorf("exit %d, want %d\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", status, wantStatus, wantOut, out, errOut)
				}
			})
		}
	}
}

// runSource runs a Python program given as text and returns its output.
func runSockSource(t *testing.T, policy eml.Policy, src string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = python.Run(core.Config{Policy: policy, Stdout: &out, Stderr: &errOut}, "prog.py", []byte(src))
	return out.String(), errOut.String(), status
}

// TestSocketLoopbackOnly: every address that is not loopback is refused
// with an OSError that says so, before any packet leaves.
func TestSocketLoopbackOnly(t *testing.T) {
	cases := []struct{ call, want string }{
		{"socket.socket().connect(('10.0.0.1', 80))", "OSError: connect(): '10.0.0.1' is not a loopback address (rwgil's socket module is loopback only"},
		{"socket.socket().bind(('0.0.0.0', 0))", "OSError: bind(): '0.0.0.0' is not a loopback address"},
		{"socket.socket().bind(('', 0))", "OSError: bind(): '' names every interface, not loopback"},
		{"socket.socket().connect(('example.com', 80))", "OSError: connect(): 'example.com' is not a loopback address (rwgil resolves no host names but 'localhost')"},
		{"socket.socket().sendto(b'x', ('8.8.8.8', 53))", "OSError: sendto(): '8.8.8.8' is not a loopback address"},
		{"socket.socket(socket.AF_INET6).connect(('2001:db8::1', 80))", "OSError: connect(): '2001:db8::1' is not a loopback address"},
		{"socket.create_connection(('192.168.1.1', 80))", "OSError: connect(): '192.168.1.1' is not a loopback address"},
		{"socket.gethostbyname('python.org')", "OSError: gethostbyname(): 'python.org' is not a loopback address"},
		{"socket.socket(socket.AF_UNIX)", "OSError: socket(): rwgil makes AF_UNIX sockets only with socket.socketpair()"},
		{"socket.socket(socket.AF_INET, socket.SOCK_RAW)", "OSError: socket(): rwgil makes only SOCK_STREAM and SOCK_DGRAM sockets, not type 3"},
	}
	for _, tc := range cases {
		t.Run(tc.call, func(t *testing.T) {
			_, stderr, status := runSockSource(t, eml.PolicyEML, "import socket\n"+tc.call+"\n")
			last := cpython.LastLine(stderr)
			if status != 1 || !strings.HasPrefix(last, tc.want) {
				t.Errorf("exit %d, last line of stderr:\n got: %s\nwant: %s...", status, last, tc.want)
			}
		})
	}
	// Loopback addresses other than 127.0.0.1 work: 127.0.0.0/8 and ::1.
	out, stderr, status := runSockSource(t, eml.PolicyEML, `import socket
for fam, host in [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET, "localhost"), (socket.AF_INET6, "::1"), (socket.AF_INET6, "localhost")]:
    with socket.socket(fam) as s:
        s.bind((host, 0))
        print(s.getsockname()[0])
`)
	if status != 0 || out != "127.0.0.1\n127.0.0.1\n::1\n::1\n" {
		t.Errorf("binding loopback addresses: exit %d, stdout %q, stderr:\n%s", status, out, stderr)
	}
}

// TestSocketRefusedUnderSchedule: a deterministic schedule refuses real
// sockets with a clear error; select with nothing to watch sleeps on the
// virtual clock.
func TestSocketRefusedUnderSchedule(t *testing.T) {
	src := `import socket, select
print(select.select([], [], [], 5.0))
try:
    socket.socket()
except OSError as e:
    print(e)
try:
    socket.socketpair()
except OSError as e:
    print(e)
`
	code, err := compile.Compile("sched.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := schedule.RunProgram(code, schedule.Random(1), schedule.Config{
		Runtime: core.Config{Policy: eml.PolicyEML},
		Setup:   python.RegisterModules,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "([], [], [])\n" +
		"socket.socket(): real network I/O is refused under a deterministic schedule (the scheduler can neither see nor order it)\n" +
		"socket.socketpair(): real network I/O is refused under a deterministic schedule (the scheduler can neither see nor order it)\n"
	if res.Stdout != want {
		t.Errorf("stdout:\n got: %q\nwant: %q\nstderr:\n%s", res.Stdout, want, res.Stderr)
	}
}

// TestSocketRecvDetaches shows that a thread blocked in recv does not
// hold the lock: under gil (and eml) thread A calls recv on a socket
// with no data; once A is known to be inside recv -- it set a flag just
// before the call, with no safe point in between, and the lock counts
// the main thread as the only one attached -- the main thread runs
// Python code (which needs the GIL) for many steps while A is still
// blocked, and only then sends the byte A is waiting for. Were recv to
// hold the GIL while it waits, the main thread could never run again and
// the test would hang instead of passing.
func TestSocketRecvDetaches(t *testing.T) {
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML} {
		t.Run(policy.String(), func(t *testing.T) {
			rt, err := core.NewRuntime(core.Config{Policy: policy})
			if err != nil {
				t.Fatal(err)
			}
			if err := python.RegisterModules(rt); err != nil {
				t.Fatal(err)
			}
			main := rt.NewThread("main")
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(main.Attach())
			mod, err := main.Import("socket")
			must(err)
			pairFn, err := main.GetAttr(mod, "socketpair")
			must(err)
			pair, err := main.Call(pairFn, nil, nil)
			must(err)
			a, b := pair.(*core.Tuple).Item(0), pair.(*core.Tuple).Item(1)

			var entering, returned atomic.Bool
			var got atomic.Value
			done := make(chan struct{})
			go func() {
				defer close(done)
				th := rt.NewThread("A")
				if err := th.Attach(); err != nil {
					got.Store(err.Error())
					return
				}
				n := th.NewInt(1)
				entering.Store(true)
				r, err := th.CallMethod(a, "recv", n) // blocks: no data yet
				returned.Store(true)
				if err != nil {
					got.Store("error: " + err.Error())
				} else {
					s, _ := th.Repr(r)
					got.Store(s)
					th.Decref(r)
				}
				th.Decref(n)
				_ = th.Detach()
				_ = th.Close()
			}()

			// Wait, attached (yielding the GIL at safe points), until A is
			// inside recv: it has set the flag and is no longer attached.
			for !entering.Load() || rt.Lock().Stats().Attached != 1 {
				must(main.SafePoint())
				main.Yield()
			}
			// Run Python code on the main thread while A waits in recv.
			code, err := compile.Compile("work.py", []byte("total = 0\nfor i in range(20000):\n    total += i\n"))
			must(err)
			steps := 0
			for i := 0; i < 20; i++ {
				r, err := main.Run(code)
				must(err)
				main.Decref(r)
				steps++
			}
			if returned.Load() {
				t.Fatalf("recv returned (%v) before any data was sent", got.Load())
			}
			x := main.NewBytes([]byte("x"))
			r, err := main.CallMethod(b, "sendall", x)
			must(err)
			main.Decref(r)
			main.Decref(x)
			// Wait for A detached, so that it can take the lock.
			err = main.AllowThreads(func() { <-done })
			must(err)
			if g := got.Load(); g != "b'x'" {
				t.Errorf("A's recv returned %v, want b'x'", g)
			}
			t.Logf("the main thread ran %d programs while A was blocked in recv", steps)
			for _, o := range []core.Object{pair, pairFn, mod} {
				main.Decref(o)
			}
			must(main.Detach())
			must(main.Close())
			must(rt.Close())
		})
	}
}

// TestSocketStressFree: eight clients and eight handler threads echo
// 1600 messages at once, under free (no lock at all) as under eml and
// gil; testdata/socket_stress.out is CPython 3.12's output.
func TestSocketStressFree(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "socket_stress.out"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []eml.Policy{eml.PolicyFree, eml.PolicyEML, eml.PolicyGIL} {
		t.Run(p.String(), func(t *testing.T) {
			out, stderr, status := runRwgil(t, p, "socket_stress.py")
			if status != 0 || out != string(want) {
				t.Errorf("exit %d\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s", status, want, out, stderr)
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer that a test reads while a program
// writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSocketRecvInterruptible: the main thread blocked in recv (nothing
// will ever arrive) gets KeyboardInterrupt on an Interrupt (SIGINT), as
// in CPython; a recv that waited without looking would hang the test.
func TestSocketRecvInterruptible(t *testing.T) {
	src := `import socket
a, b = socket.socketpair()
try:
    print("waiting")
    a.recv(1)
    print("recv returned")
except KeyboardInterrupt:
    print("interrupted")
`
	code, err := compile.Compile("intr.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	rt, err := core.NewRuntime(core.Config{Policy: eml.PolicyGIL, Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	if err := python.RegisterModules(rt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		res, err := rt.Exec(code)
		if err == nil && res.Exception != "" {
			err = errors.New(res.Exception)
		}
		done <- err
	}()
	// Wait until the program has printed and its only thread is
	// detached: waiting in recv.
	for !strings.Contains(out.String(), "waiting") || rt.Lock().Stats().Attached != 0 {
		runtime.Gosched()
	}
	rt.Interrupt()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "waiting\ninterrupted\n" {
		t.Errorf("stdout %q, want %q", got, "waiting\ninterrupted\n")
	}
	if err := rt.Close(); err != nil {
		t.Error(err)
	}
}
