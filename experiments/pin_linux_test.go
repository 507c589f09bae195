package experiments_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"unsafe"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/experiments"
	"github.com/rwgil/rwgil/python/cpython"
)

// TestConvoyPinned runs E5 with Pin under rwgil policies (and a CPython,
// when one is found): the convoy server places its own threads with
// os.sched_setaffinity under each, and once the runs are over no OS
// thread of this process -- where rwgil's servers ran -- keeps a
// placement (the select server's main thread ran on the harness's
// goroutine).
func TestConvoyPinned(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the convoy")
	}
	if n := len(allowedCPUs(t)); n < 2 {
		t.Skipf("this process may run on %d processor; the server pins to processors 0 and 1", n)
	}
	targets := []experiments.Target{experiments.PolicyTarget(eml.PolicyGIL), experiments.PolicyTarget(eml.PolicyFree)}
	if py, err := cpython.Find(); err == nil {
		ct, err := experiments.CPythonTarget(context.Background(), py.Path)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, ct)
	} else {
		t.Logf("no CPython beside rwgil: %v", err)
	}
	before := allowedCPUs(t)
	rows, err := experiments.E5(context.Background(), experiments.E5Config{Targets: targets, Pin: true, Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2*len(targets) {
		t.Errorf("%d rows, want %d targets x 2 variants", len(rows), len(targets))
	}
	for _, r := range rows {
		if !(r.Slowdown > 0) || !(r.P50us > 0) {
			t.Errorf("%s, %s server: slowdown %v, p50 %v us: want positive figures", r.Target, r.Variant, r.Slowdown, r.P50us)
		}
	}
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Skipf("no /proc/self/task: %v", err)
	}
	for _, e := range ents {
		tid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if m, ok := threadCPUs(tid); ok && !slices.Equal(m, before) {
			t.Errorf("after the pinned runs OS thread %d may run on processors %v, the process on %v: a server thread's placement outlived it", tid, m, before)
		}
	}
}

// threadCPUs is the processors the OS thread tid may run on (false: it
// ended meanwhile).
func threadCPUs(tid int) ([]int, bool) {
	var mask [1024 / 64]uint64
	_, _, e := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, uintptr(tid), unsafe.Sizeof(mask), uintptr(unsafe.Pointer(&mask)))
	if e != 0 {
		return nil, false
	}
	var cpus []int
	for c := range len(mask) * 64 {
		if mask[c/64]&(1<<(c%64)) != 0 {
			cpus = append(cpus, c)
		}
	}
	return cpus, true
}

func allowedCPUs(t *testing.T) []int {
	cpus, ok := threadCPUs(0)
	if !ok {
		t.Skip("sched_getaffinity failed")
	}
	return cpus
}
