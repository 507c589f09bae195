package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestExitWithBlockedThreads: a program whose main thread ends while a
// thread it started is blocked forever. A _thread thread or a daemon
// thread does not keep the process alive (CPython's expected stdout,
// stderr and status are checked in under testdata/exit; regenerate from
// cmd/rwgil with
//
//	python3.12 testdata/exit/F.py >testdata/exit/F.out 2>testdata/exit/F.err; echo $? >testdata/exit/F.status
//
// and cut the directory before testdata/ from F.err: CPython names the
// script by its absolute path). A non-daemon thread is waited for, as
// CPython waits for it, but the main thread's traceback comes first and
// SIGQUIT and SIGINT still work. Each run has proc's minute to end: a
// hang fails the test, it does not hang it.
func TestExitWithBlockedThreads(t *testing.T) {
	bin := buildRwgil(t)
	for _, name := range []string{"lowthread_raise", "lowthread_normal"} {
		t.Run(name, func(t *testing.T) {
			base := filepath.Join("testdata", "exit", name)
			want := func(ext string) string {
				b, err := os.ReadFile(base + ext)
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			status, err := strconv.Atoi(strings.TrimSpace(want(".status")))
			if err != nil {
				t.Fatal(err)
			}
			p := start(t, bin, "run", base+".py")
			if code := p.exit(); code != status {
				t.Errorf("exit status %d, want %d", code, status)
			}
			out, errOut := p.output()
			if out != want(".out") {
				t.Errorf("stdout:\n%s\nwant (CPython's):\n%s", out, want(".out"))
			}
			if errOut != want(".err") {
				t.Errorf("stderr:\n%s\nwant (CPython's):\n%s", errOut, want(".err"))
			}
		})
	}
	t.Run("a non-daemon thread: traceback, then the wait; SIGQUIT, SIGINT", func(t *testing.T) {
		prog := filepath.Join("testdata", "exit", "nondaemon_raise.py")
		p := start(t, bin, "run", prog)
		// Printed before the wait for the blocked thread, as CPython does.
		p.waitFor("ValueError: main thread gives up\n")
		p.signal(syscall.SIGQUIT)
		p.waitFor("Thread-1 (blocked): blocked at blocked:")
		p.signal(os.Interrupt)
		p.waitFor("interrupt again to exit at once")
		p.signal(os.Interrupt)
		p.expect(130, []string{"main ends\n"}, []string{
			"Traceback (most recent call last):\n  File \"" + prog + "\", line 19, in <module>\n    raise ValueError(\"main thread gives up\")\nValueError: main thread gives up\n",
			"rwgil run: SIGQUIT: where each thread is:\n",
			"rwgil run: interrupted again: exiting at once",
		})
	})
}
