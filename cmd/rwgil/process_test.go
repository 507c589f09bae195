package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rwgil/rwgil/tests"
)

// Tests that need rwgil as a process of its own: signals, standard input,
// and output that cannot be written (issue 12, items 12, 13 and 15).

// buildRwgil builds the command into a temporary directory.
func buildRwgil(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rwgil")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a running rwgil with its output collected as it comes.
type proc struct {
	t        *testing.T
	cmd      *exec.Cmd
	mu       sync.Mutex
	out, err bytes.Buffer
	done     chan struct{}
	stdin    io.WriteCloser // startStdin's only
}

func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	return startProc(t, bin, false, args...)
}

// startStdin is start with a pipe to the process's stdin (proc.stdin).
func startStdin(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	return startProc(t, bin, true, args...)
}

func startProc(t *testing.T, bin string, withStdin bool, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, cmd: exec.Command(bin, args...), done: make(chan struct{})}
	if withStdin {
		p.stdin, _ = p.cmd.StdinPipe()
	}
	stdout, _ := p.cmd.StdoutPipe()
	stderr, _ := p.cmd.StderrPipe()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, c := range []struct {
		r io.Reader
		b *bytes.Buffer
	}{{stdout, &p.out}, {stderr, &p.err}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := bufio.NewReader(c.r)
			buf := make([]byte, 4096)
			for {
				n, err := r.Read(buf)
				p.mu.Lock()
				c.b.Write(buf[:n])
				p.mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		_ = p.cmd.Wait()
	})
	return p
}

// waitFor waits up to a minute for s in the process's stdout or stderr.
func (p *proc) waitFor(s string) {
	p.t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		p.mu.Lock()
		found := strings.Contains(p.out.String(), s) || strings.Contains(p.err.String(), s)
		p.mu.Unlock()
		if found {
			return
		}
		if time.Now().After(deadline) {
			out, errOut := p.output()
			p.t.Fatalf("waited a minute for %q\nstdout:\n%s\nstderr:\n%s", s, out, errOut)
		}
	}
}

// waitForCount waits up to a minute for n occurrences of s in the
// process's stderr.
func (p *proc) waitForCount(s string, n int) {
	p.t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		_, errOut := p.output()
		if strings.Count(errOut, s) >= n {
			return
		}
		if time.Now().After(deadline) {
			out, errOut := p.output()
			p.t.Fatalf("waited a minute for %d of %q\nstdout:\n%s\nstderr:\n%s", n, s, out, errOut)
		}
	}
}

// waitForDump sends SIGQUIT until the thread dump it prints shows want
// (a thread may not have reached its wait at the first).
func (p *proc) waitForDump(want string) {
	p.t.Helper()
	for dumps := 1; ; dumps++ {
		p.signal(syscall.SIGQUIT)
		p.waitForCount("rwgil run: SIGQUIT: where each thread is:", dumps)
		if _, errOut := p.output(); strings.Contains(errOut, want) {
			return
		}
		if dumps == 50 {
			_, errOut := p.output()
			p.t.Fatalf("50 dumps, and none showed %q:\n%s", want, errOut)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *proc) signal(sig os.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatal(err)
	}
}

func (p *proc) output() (string, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String(), p.err.String()
}

// exit waits for the process to end and returns its status.
func (p *proc) exit() int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(time.Minute):
		out, errOut := p.output()
		p.t.Fatalf("still running a minute on\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	err := p.cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		p.t.Fatal(err)
	}
	return 0
}

func (p *proc) expect(status int, stdout, stderr []string) {
	p.t.Helper()
	code := p.exit()
	out, errOut := p.output()
	if code != status {
		p.t.Errorf("exit status %d, want %d", code, status)
	}
	for _, w := range stdout {
		if !strings.Contains(out, w) {
			p.t.Errorf("stdout lacks %q", w)
		}
	}
	for _, w := range stderr {
		if !strings.Contains(errOut, w) {
			p.t.Errorf("stderr lacks %q", w)
		}
	}
	if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic:") {
		p.t.Errorf("a Go stack trace reached the user")
	}
	if p.t.Failed() {
		p.t.Logf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

const (
	busyRwa      = "../../core/testdata/diagnose/busy.rwa"
	deadlockRwa  = "../../schedule/testdata/deadlock.rwa"
	interpGetPy  = "../../stdlib/testdata/interpreters_sigint_get.py"
	interpCallPy = "../../stdlib/testdata/interpreters_sigint_call.py"
)

func TestSignals(t *testing.T) {
	bin := buildRwgil(t)
	t.Run("SIGINT: KeyboardInterrupt, stats, status 130", func(t *testing.T) {
		p := start(t, bin, "run", "-stats", busyRwa)
		p.waitFor("counting")
		p.signal(os.Interrupt)
		p.expect(130, []string{"counting\n"}, []string{
			"Traceback (most recent call last):\n  File \"" + busyRwa + "\", line 32, in <module>\n    JUMP_BACKWARD loop\nKeyboardInterrupt\n",
			"--- rwgil stats: policy eml",
		})
		if _, errOut := p.output(); strings.Contains(errOut, "where each thread is") {
			t.Errorf("the program ended at once, but its threads were dumped:\n%s", errOut)
		}
	})
	t.Run("SIGQUIT prints the threads and the run goes on", func(t *testing.T) {
		p := start(t, bin, "run", "-policy", "free", busyRwa)
		p.waitFor("counting")
		// Thread-1 starts just before "counting" is printed, and on a
		// loaded machine a dump can come before it reaches its acquire
		// ("Thread-1: outside Python code"): ask again until one shows
		// it blocked. Each dump must come, and the run must go on.
		for dumps := 1; ; dumps++ {
			p.signal(syscall.SIGQUIT)
			p.waitForCount("Thread-1: ", dumps)
			_, errOut := p.output()
			if strings.Contains(errOut, "Thread-1: blocked at") {
				break
			}
			if dumps == 50 {
				t.Fatalf("50 dumps and Thread-1 never blocked in its acquire:\n%s", errOut)
			}
			time.Sleep(100 * time.Millisecond)
		}
		p.signal(os.Interrupt)
		p.expect(130, nil, []string{
			"rwgil run: SIGQUIT: where each thread is:\nMainThread: running at <module>:",
			"waiting for lock #1 held by MainThread",
			"KeyboardInterrupt",
		})
	})
	t.Run("SIGINT in a wait on an interpreter queue: KeyboardInterrupt from the get", func(t *testing.T) {
		p := start(t, bin, "run", interpGetPy)
		p.waitFor("waiting on the queue")
		// Send SIGINT once the main thread is seen in the wait (SIGQUIT's
		// dump says so), not before: an earlier one is raised before the get.
		p.waitForDump("MainThread: blocked at <module>:7 CALL_METHOD in concurrent.interpreters.Queue.get, waiting for interpreter queue 1 (not empty)")
		p.signal(os.Interrupt)
		p.expect(130, nil, []string{"File \"" + interpGetPy + "\", line 7, in <module>\n    q.get()\nKeyboardInterrupt\n"})
	})
	t.Run("SIGINT in a call to a child interpreter: raised when the run returns, as CPython", func(t *testing.T) {
		p := startStdin(t, bin, "run", interpCallPy)
		p.waitFor("calling")
		p.waitForDump("MainThread: blocked at <module>:17 CALL_METHOD in concurrent.interpreters.Interpreter.exec, waiting for interpreter 1 to finish a run")
		p.signal(os.Interrupt)
		// The run goes on: the interrupt is pending, not lost.
		p.waitFor("rwgil run: interrupted, but the program has not ended after 1s")
		if out, _ := p.output(); strings.Contains(out, "child: got") {
			t.Fatalf("the child's run ended before its queue was fed: %q", out)
		}
		if _, err := io.WriteString(p.stdin, "go\n"); err != nil {
			t.Fatal(err)
		}
		p.expect(130, []string{"calling\nchild: got 1\n"}, []string{"File \"" + interpCallPy + "\", line 17, in <module>\n    child.exec(\"print('child: got', q.get(), flush=True)\")\nKeyboardInterrupt\n"})
		if out, _ := p.output(); strings.Contains(out, "not reached") {
			t.Errorf("the main thread went on past the call: %q", out)
		}
	})
	t.Run("a real deadlock: the watchdog, then SIGINT twice", func(t *testing.T) {
		p := start(t, bin, "run", "-watchdog", "300ms", "-policy", "gil", deadlockRwa)
		p.waitFor("a deadlock?")
		p.waitFor("Thread-2: blocked")
		p.signal(os.Interrupt)
		p.waitFor("interrupt again to exit at once")
		p.signal(os.Interrupt)
		p.expect(130, nil, []string{
			"rwgil: every thread has been blocked for 300ms: a deadlock? (Config.Watchdog; rwgil run -watchdog 0 turns this off)\n" +
				"MainThread: blocked at <module>:40 CALL_METHOD, joining Thread-1 (most recent call first):\n" +
				"  File \"" + deadlockRwa + "\", line 40 in <module>\n" +
				"Thread-1: blocked at take:84 CALL_METHOD, waiting for lock #2 held by Thread-2 (most recent call first):\n" +
				"  File \"" + deadlockRwa + "\", line 84 in take\n" +
				"Thread-2: blocked at take:84 CALL_METHOD, waiting for lock #1 held by Thread-1 (most recent call first):\n",
			"rwgil run: interrupted, but the program has not ended after 1s",
			"rwgil run: interrupted again: exiting at once",
		})
	})
	t.Run("SIGINT under -schedule random saves the schedule so far", func(t *testing.T) {
		saved := filepath.Join(t.TempDir(), "so-far.schedule")
		p := start(t, bin, "run", "-schedule", "random", "-save-schedule", saved, busyRwa)
		p.waitFor("counting")
		p.signal(os.Interrupt)
		p.expect(130, []string{"counting\n"}, []string{
			"rwgil run: -schedule random: seed ",
			"rwgil run: interrupted after ",
			"replay with: rwgil run -policy eml -schedule replay:" + saved,
		})
		data, err := os.ReadFile(saved)
		if err != nil || !strings.Contains(string(data), "# program "+busyRwa) {
			t.Errorf("the saved schedule: %v\n%.300s", err, data)
		}
	})
	t.Run("demo interrupted prints what it finished", func(t *testing.T) {
		p := start(t, bin, "demo", "-checks", "2", "-iterations", "100000000")
		p.waitFor("workload: ")
		p.signal(os.Interrupt)
		cells := tests.CellCount(nil)
		p.expect(130, []string{"Which guarantee each policy keeps", "G7 "}, []string{fmt.Sprintf("rwgil demo: interrupted: %d of %d guarantee cells and 0 workload runs finished", cells, cells)})
	})
}

func TestStdinAndOutput(t *testing.T) {
	bin := buildRwgil(t)
	run := func(stdin io.Reader, stdout io.Writer, args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Stdin = stdin
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if stdout != nil {
			cmd.Stdout = stdout
		}
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			return ee.ExitCode(), out.String(), errOut.String()
		case err != nil:
			t.Fatal(err)
		}
		return 0, out.String(), errOut.String()
	}
	t.Run("run - reads Python from standard input", func(t *testing.T) {
		code, out, errOut := run(strings.NewReader("print('from', 'stdin')\n1 / 0\n"), nil, "run", "-")
		want := "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\nZeroDivisionError: division by zero\n"
		if code != 1 || out != "from stdin\n" || errOut != want {
			t.Errorf("exit %d, stdout %q, stderr %q; want 1, \"from stdin\\n\", %q (CPython's words for python3 -)", code, out, errOut, want)
		}
	})
	t.Run("run - reads .rwa from standard input", func(t *testing.T) {
		code, out, errOut := run(strings.NewReader("; a comment first\n"+helloRwa), nil, "run", "-")
		if code != 0 || out != "hello\n" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("input() reads standard input, EOFError at its end", func(t *testing.T) {
		prog := writeFile(t, "echo.py", []byte("while True:\n    print(input('> '))\n"))
		code, out, errOut := run(strings.NewReader("one\ntwo"), nil, "run", prog)
		want := "Traceback (most recent call last):\n  File \"" + prog + "\", line 2, in <module>\n    print(input('> '))\n          ^^^^^^^^^^^\nEOFError: EOF when reading a line\n"
		if code != 1 || out != "> one\n> two\n> " || errOut != want {
			t.Errorf("exit %d, stdout %q, stderr %q; want 1, %q, %q (CPython's)", code, out, errOut, "> one\n> two\n> ", want)
		}
	})
	t.Run("a program too large through a pipe", func(t *testing.T) {
		code, _, errOut := run(io.LimitReader(zeros{}, maxSource+10), nil, "run", "-")
		if code != 2 || errOut != "rwgil run: <stdin>: too large for a program: more than the limit of 67108864 bytes\n" {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	for _, args := range [][]string{
		{"run", "../../docs/examples/counter.rwa"},
		{"dis", "../../docs/examples/counter.rwa"},
		{"modules"},
		{"bench", "list"},
		{"help"},
		{"demo", "-atomicity", "-checks", "1", "-policy", "gil"},
	} {
		t.Run("> /dev/full: "+strings.Join(args, " "), func(t *testing.T) {
			code, _, errOut := run(nil, full, args...)
			want := "rwgil " + args[0] + ": writing standard output: write /dev/stdout: no space left on device\n"
			if code == 0 || !strings.HasSuffix(errOut, want) {
				t.Errorf("exit %d, stderr %q; want non-zero and a last line %q", code, errOut, want)
			}
		})
	}
}

// zeros reads as an endless run of newlines.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '\n'
	}
	return len(p), nil
}

// TestBenchConvoyProcessClient: rwgil bench convoy runs its client as a
// process of its own -- the rwgil binary again, `bench convoy-client` --
// which the package tests of experiments do not (they run it on a
// goroutine); with -pin the client is pinned and the server pins its
// threads. Every row comes back with its figures.
func TestBenchConvoyProcessClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rwgil and runs the convoy")
	}
	bin := buildRwgil(t)
	args := []string{"bench", "convoy", "-quick", "-policies", "gil", "-json"}
	if cpus, err := os.ReadFile("/sys/devices/system/cpu/online"); err == nil && strings.TrimSpace(string(cpus)) != "0" {
		args = append(args, "-pin")
	}
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("rwgil %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 4 { // gil and gil+prio, two server variants
		t.Fatalf("rwgil %s printed %d rows, want 4:\n%s", strings.Join(args, " "), len(lines), out)
	}
	for _, l := range lines {
		var row struct {
			Target   string  `json:"target"`
			Slowdown float64 `json:"slowdown"`
			P50us    float64 `json:"p50_us"`
		}
		if err := json.Unmarshal([]byte(l), &row); err != nil || row.Slowdown <= 0 || row.P50us <= 0 {
			t.Errorf("row %q: %+v, %v; want positive figures", l, row, err)
		}
	}
}
