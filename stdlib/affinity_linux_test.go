package stdlib_test

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"unsafe"

	"github.com/rwgil/rwgil/eml"
)

// threadMask is the processor placement of the OS thread tid.
func threadMask(t *testing.T, tid int) []uint64 {
	t.Helper()
	mask := make([]uint64, 1024/64)
	_, _, e := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, uintptr(tid), uintptr(len(mask)*8), uintptr(unsafe.Pointer(&mask[0])))
	if e == syscall.ESRCH {
		return nil // the thread ended meanwhile
	}
	if e != 0 {
		t.Fatalf("sched_getaffinity(%d): %v", tid, e)
	}
	return mask
}

// processMasks is the placement of every OS thread of this process, by
// thread id.
func processMasks(t *testing.T) map[int][]uint64 {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Skipf("no /proc/self/task: %v", err)
	}
	masks := map[int][]uint64{}
	for _, e := range ents {
		var tid int
		for _, c := range e.Name() {
			tid = tid*10 + int(c-'0')
		}
		if m := threadMask(t, tid); m != nil {
			masks[tid] = m
		}
	}
	return masks
}

func countCPUs(mask []uint64) int {
	n := 0
	for _, w := range mask {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

// TestSchedSetaffinityStaysWithThePythonThread: under every policy, a
// Python thread's os.sched_setaffinity(0, {cpu}) places the thread, not
// whatever OS thread its goroutine ran on at the moment -- the placement
// reads back the same after 50 sleeps, each a chance for an unlocked
// goroutine to wake on another OS thread -- and once the program is over
// no OS thread of this process keeps a placement: the threads' own ended
// with them, and the main thread's (which ran on this test's goroutine)
// was given its first placement back.
func TestSchedSetaffinityStaysWithThePythonThread(t *testing.T) {
	before := processMasks(t)
	var all []uint64
	for _, m := range before {
		all = m
		break
	}
	if countCPUs(all) < 2 {
		t.Skipf("this process may run on %d processor: a placement cannot be told from none", countCPUs(all))
	}
	for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
		t.Run(p.String(), func(t *testing.T) {
			out, stderr, status := runRwgil(t, p, filepath.Join("affinity_stays.py"))
			if status != 0 || stderr != "" {
				t.Fatalf("exit status %d\n%s", status, stderr)
			}
			if want := "reads that found a thread elsewhere: 0 of 250\n"; out != want {
				t.Errorf("got %q, want %q: a pinned Python thread ran on an OS thread placed elsewhere", out, want)
			}
			for tid, m := range processMasks(t) {
				if !slices.Equal(m, all) {
					t.Errorf("after the program, OS thread %d may run on %d processors, the others on %d: a Python thread's placement outlived it", tid, countCPUs(m), countCPUs(all))
				}
			}
		})
	}
}
