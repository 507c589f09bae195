//go:build linux

package stdlib

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestStrerrorMatchesCPython: OSError messages carry glibc's strerror
// text, as CPython's do. testdata/strerror.txt is CPython 3.12's
// os.strerror for errno 1..133 on Linux (regenerate: python3.12 -c
// "import os; [print(f'{i}\t{os.strerror(i)}') for i in range(1, 134)]").
func TestStrerrorMatchesCPython(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "strerror.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		num, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		e, err := strconv.Atoi(num)
		if err != nil {
			t.Fatal(err)
		}
		n++
		if got := strerror(syscall.Errno(e)); got != want {
			t.Errorf("strerror(%d) = %q, CPython: %q", e, got, want)
		}
	}
	if n < 133 {
		t.Fatalf("testdata/strerror.txt has %d entries, want 133", n)
	}
}
