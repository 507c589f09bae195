package core

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// lockedBuffer is a bytes.Buffer several goroutines may write.
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

// startExec runs a program of testdata/diagnose through Exec on its own
// goroutine, and waits until it has printed want.
func startExec(t *testing.T, cfg Config, file, want string) (*Runtime, *lockedBuffer, *lockedBuffer, <-chan *Result) {
	t.Helper()
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	cfg.Stdout, cfg.Stderr = out, errOut
	rt, err := NewRuntime(cfg)
	if err != nil {
		t.Fatal(err)
	}
	code := execFileIn(t, "diagnose", file)
	done := make(chan *Result, 1)
	go func() {
		res, err := rt.Exec(code)
		if err != nil {
			t.Errorf("Exec: %v", err)
		}
		done <- res
	}()
	waitFor(t, out, want)
	return rt, out, errOut, done
}

// waitFor waits up to 60s for b to contain want.
func waitFor(t *testing.T, b *lockedBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(b.String(), want); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 60s for %q; got %q", want, b.String())
		}
	}
}

// finish interrupts the program and checks that it ends with a
// KeyboardInterrupt raised on line, and that the runtime closes clean.
func finish(t *testing.T, rt *Runtime, done <-chan *Result, line int) {
	t.Helper()
	if !rt.Interrupt() {
		t.Fatal("Interrupt: no program running")
	}
	var res *Result
	select {
	case res = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the program did not end within 60s of Interrupt")
	}
	if res == nil {
		return
	}
	if res.ExceptionType != "KeyboardInterrupt" || len(res.Traceback) == 0 || res.Traceback[len(res.Traceback)-1].Line != line {
		t.Errorf("the program ended with %q; want KeyboardInterrupt at line %d", res.Exception, line)
	}
	if !strings.HasSuffix(res.Exception, "\nKeyboardInterrupt\n") {
		t.Errorf("traceback %q does not end as CPython's does", res.Exception)
	}
	if err := rt.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestWatchdog: a main thread that takes a lock it holds is blocked for
// ever; the watchdog prints where it is, in the words of a deterministic
// deadlock report, and an Interrupt ends the wait with KeyboardInterrupt,
// under every policy.
func TestWatchdog(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, _, errOut, done := startExec(t, Config{Policy: p, Watchdog: 200 * time.Millisecond}, "self_deadlock.rwa", "took it once")
			waitFor(t, errOut, "\n  File")
			want := "rwgil: every thread has been blocked for 200ms: a deadlock? (Config.Watchdog; rwgil run -watchdog 0 turns this off)\n" +
				"MainThread: blocked at <module>:17 CALL_METHOD, waiting for lock #1 held by MainThread (most recent call first):\n" +
				"  File \"self_deadlock.rwa\", line 17 in <module>\n"
			if got := errOut.String(); got != want {
				t.Errorf("the watchdog printed\n%s\nwant\n%s", got, want)
			}
			finish(t, rt, done, 17)
		})
	}
}

// TestDumpThreads: a thread counting in a loop and one waiting for a lock
// it holds are both read -- the running one stopped at a safe point --
// under every policy; no watchdog report, since one thread runs; an
// Interrupt ends the loop.
func TestDumpThreads(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			rt, _, errOut, done := startExec(t, Config{Policy: p, Watchdog: 100 * time.Millisecond}, "busy.rwa", "counting")
			var dump bytes.Buffer
			deadline := time.Now().Add(60 * time.Second)
			for !strings.Contains(dump.String(), "Thread-1: blocked") {
				// The second thread may not have reached its wait yet.
				if time.Now().After(deadline) {
					t.Fatalf("in 60s Thread-1 was never seen blocked:\n%s", dump.String())
				}
				dump.Reset()
				if err := rt.DumpThreads(&dump, 30*time.Second); err != nil {
					t.Fatal(err)
				}
			}
			re := regexp.MustCompile(`^MainThread: running at <module>:(2[7-9]|3[0-1]) [A-Z_]+.* \(most recent call first\):
  File "busy.rwa", line (2[7-9]|3[0-1]) in <module>
Thread-1: blocked at \(no Python frame\) in thread.acquire, waiting for lock #1 held by MainThread|Thread-1: blocked at .*waiting for lock #1 held by MainThread
`)
			if !re.MatchString(dump.String()) {
				t.Errorf("DumpThreads wrote\n%s", dump.String())
			}
			time.Sleep(300 * time.Millisecond)
			if strings.Contains(errOut.String(), "every thread") {
				t.Errorf("the watchdog reported a running program: %s", errOut.String())
			}
			finish(t, rt, done, 32)
		})
	}
}

// TestInterruptSleep: a main thread asleep for an hour wakes with
// KeyboardInterrupt.
func TestInterruptSleep(t *testing.T) {
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	rt, err := NewRuntime(Config{Stdout: out, Stderr: errOut})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *Result, 1)
	go func() {
		res, err := rt.Exec(execFileIn(t, "diagnose", "sleeper.rwa"))
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	for rt.execMain.Load() == nil {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	finish(t, rt, done, 6)
	if errOut.String() != "" {
		t.Errorf("stderr: %s", errOut.String())
	}
}
