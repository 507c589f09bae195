package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal's terminal end (Linux's /dev/ptmx).
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, ptmx.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skipf("unlockpt: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, ptmx.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skipf("ptsname: %v", e)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("opening the terminal end: %v", err)
	}
	t.Cleanup(func() { pts.Close() })
	return pts
}

// TestIsTerminal: main hands every command its stdout and stderr wrapped
// in a checkedWriter; the progress lines and the colours must still see
// the file beneath. A pseudo-terminal is a terminal, wrapped or not; a
// regular file and /dev/null (a character device) are not; and bench's
// progress line is decided by the writer it is given.
func TestIsTerminal(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, c := range []struct {
		name string
		f    *os.File
		want bool
	}{{"a regular file", file, false}, {os.DevNull, null, false}, {"a pseudo-terminal", openPTY(t), true}} {
		if got := isTerminal(c.f); got != c.want {
			t.Errorf("isTerminal(%s) = %v, want %v", c.name, got, c.want)
		}
		if got := isTerminal(&checkedWriter{w: c.f}); got != c.want {
			t.Errorf("isTerminal(checkedWriter around %s) = %v, want %v, as for the file itself", c.name, got, c.want)
		}
		if got := newBenchProgress(&checkedWriter{w: c.f}).tty; got != c.want {
			t.Errorf("bench's progress line on %s: tty = %v, want %v", c.name, got, c.want)
		}
	}
}
