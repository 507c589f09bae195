package core

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/rwgil/rwgil/core/bytecode"
)

// The memory budget: Config.MaxMemory bytes for a runtime's objects, so
// that a program that asks for too much -- list(range(10**9)), an endless
// append loop -- raises MemoryError and the process lives on, instead of
// dying in Go's "fatal error: out of memory".
//
// One mechanism does the accounting, for every kind of object:
//
//   - track and untrack (every constructor and every Dealloc) charge and
//     credit an object's size: its type's basic size plus what its
//     memSize method reports (the bytes of a str, the items of a tuple,
//     the words of a big int, the storage of a list, dict or set). An
//     object's memSize must report the same at both times; mutable
//     storage is kept in step with memResize instead.
//   - memCheck(n) raises MemoryError if n more bytes would take the
//     runtime over its budget. Code about to make a large allocation
//     whose size a program controls (a list's growth, a repetition, a
//     join, a hash table's resize, a frame) calls it first; a new object
//     type with a payload (bytes, say) does the same before building one.
//   - An allocation that was never checked but takes the runtime over
//     budget (a chain of small objects, each below any check) sets a
//     MemoryError pending on the thread; it is raised at the thread's next
//     safe point, as CPython raises an asynchronous exception.
//
// Charges go through a per-thread reserve taken from the runtime's total
// in chunks, so the common allocation touches no shared memory. Sizes are
// estimates of Go's memory (headers, slices of 16-byte interfaces), not
// exact; the default budget leaves room for the collector's overhead.
// Under the immortal and none reference-count strategies nothing is ever
// deallocated, so nothing would be credited back: the budget is not
// enforced there.

// memChunk is how much a thread reserves from the runtime's total at a
// time.
const memChunk = 256 << 10

// slotSize is the size of an Object in a slice (an interface).
const slotSize = 16

// memBudget is a runtime's budget: limit bytes (0: none), used of them
// (charged or reserved by threads); machine is the machine's memory (or
// the cgroup's limit), which bounds one allocation when there is no
// budget.
type memBudget struct {
	limit   int64
	machine int64
	used    atomic.Int64
	peak    atomic.Int64
}

// memSizer is implemented by objects with a payload beyond their type's
// basic size; memSize must not change while the object is alive (mutable
// storage uses memResize).
type memSizer interface {
	memSize() int64
}

// DefaultMaxMemory is the budget a runtime gets when Config.MaxMemory is
// 0: a quarter of the machine's memory, or of the cgroup's limit when that
// is lower (the Go collector may need twice the live heap, and the
// estimate leaves more room), and 4 GiB where neither can be read. The
// machine is read once per process: reading /proc and /sys for every
// runtime was 8% of each schedule the explorers of package schedule run
// (each builds a runtime afresh).
func DefaultMaxMemory() int64 { return defaultMaxMemory() }

var defaultMaxMemory = sync.OnceValue(func() int64 {
	total := systemMemory()
	if total <= 0 {
		return 4 << 30
	}
	return total / 4
})

// machineMemory is systemMemory, or 1 TiB where it cannot be read; it is
// read once per process.
var machineMemory = sync.OnceValue(func() int64 {
	if n := systemMemory(); n > 0 {
		return n
	}
	return 1 << 40
})

// systemMemory returns the machine's memory or the cgroup's limit,
// whichever is lower, or 0 if neither can be read.
func systemMemory() int64 {
	var total int64
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				if err == nil {
					total = kb << 10
				}
			}
		}
		f.Close()
	}
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		limit, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
		if err == nil && limit > 0 && (total == 0 || limit < total) {
			total = limit
		}
	}
	return total
}

// FormatBytes prints a size as rwgil's messages do: "512 B", "1.5 MiB".
func FormatBytes(n int64) string {
	const units = "KMGTPE"
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, u := float64(n)/1024, 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %ciB", f, units[u])
}

// ParseBytes parses a size: a number of bytes, or a number with a unit
// (B, KB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB: of 1024; K, M,
// G, T are the binary ones), such as "512MiB" or "1.5G".
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') && t[i-1] != '.' {
		i--
	}
	num, unit := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i:])
	mult := map[string]float64{
		"": 1, "B": 1,
		"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
		"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40,
		"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
	}[unit]
	f, err := strconv.ParseFloat(num, 64)
	if mult == 0 || err != nil || f < 0 {
		return 0, fmt.Errorf("invalid size %q: want a number of bytes, optionally with a unit (KiB, MiB, GiB, TiB, or KB, MB, GB, TB)", s)
	}
	if f*mult >= 1<<62 {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return int64(f * mult), nil
}

// defaultBasicSize is the basic size of a type with none of its own: a
// header and a few fields.
const defaultBasicSize = 64

// setBasicSizes gives the built-in types with many instances their real
// sizes.
func (rt *Runtime) setBasicSizes() {
	ty := &rt.types
	for t, n := range map[*Type]uintptr{
		ty.int_: unsafe.Sizeof(Int{}), ty.float: unsafe.Sizeof(Float{}), ty.str: unsafe.Sizeof(Str{}),
		ty.tuple: unsafe.Sizeof(Tuple{}), ty.list: unsafe.Sizeof(List{}), ty.dict: unsafe.Sizeof(Dict{}),
		ty.set: unsafe.Sizeof(Set{}), ty.function: unsafe.Sizeof(Function{}),
	} {
		t.basicSize = int64(n)
	}
}

// memOn reports whether the runtime enforces a budget.
func (rt *Runtime) memOn() bool { return rt.mem.limit > 0 }

// objSize is what an object is charged: its type's basic size and its
// payload.
func objSize(o Object) int64 {
	switch x := o.(type) {
	case *Int: // the commonest, first
		if x.big != nil {
			return x.typ.basicSize + int64(cap(x.big.Bits()))*8
		}
		return x.typ.basicSize
	case *Float:
		return x.typ.basicSize
	// The commonest sized objects, before the interface assertion.
	case *Str:
		return x.typ.basicSize + x.memSize()
	case *Tuple:
		return x.typ.basicSize + x.memSize()
	case *List:
		return x.typ.basicSize + x.memSize()
	case *Dict:
		return x.typ.basicSize + x.memSize()
	case memSizer:
		return o.Type().basicSize + x.memSize()
	}
	return o.Type().basicSize
}

// memCharge charges n bytes to the thread's reserve. It never fails: an
// allocation that was not checked first and goes over the budget makes
// a MemoryError pending instead.
func (th *Thread) memCharge(n int64) {
	th.memFree -= n
	if th.memFree < 0 {
		th.memRefill()
	}
}

// memRefill takes a chunk from the runtime's total for a reserve that ran
// out.
func (th *Thread) memRefill() {
	m := &th.rt.mem
	get := -th.memFree + memChunk
	used := m.used.Add(get)
	th.memFree += get
	if used > m.peak.Load() {
		m.peak.Store(used) // a racy maximum: Stats only
	}
	if m.limit > 0 && used-th.memFree > m.limit {
		th.async.Or(asyncMemory)
	}
}

// memCredit gives n bytes back to the thread's reserve, returning what is
// above two chunks to the runtime.
func (th *Thread) memCredit(n int64) {
	th.memFree += n
	if th.memFree > 2*memChunk {
		th.rt.mem.used.Add(memChunk - th.memFree)
		th.memFree = memChunk
	}
}

// memReturn gives the whole reserve back, and what the freelists held (a
// closing thread).
func (th *Thread) memReturn() {
	if th.memOn {
		th.memFree += int64(len(th.freeInts))*th.rt.types.int_.basicSize + int64(len(th.freeFloats))*th.rt.types.float.basicSize
	}
	th.freeInts, th.freeFloats = nil, nil
	th.rt.mem.used.Add(-th.memFree)
	th.memFree = 0
}

// memCheck raises MemoryError if n more bytes would take the runtime over
// its budget. It charges nothing: the allocation that follows does.
//
// A runtime without a budget (MaxMemory < 0, or the immortal and none
// reference-count strategies) still refuses one allocation larger than
// the machine's memory: Go would die of it ("fatal error: out of
// memory"), and CPython answers such a request ([0] * 10**10) with
// MemoryError too.
func (th *Thread) memCheck(n int64) error {
	if n <= th.memFree {
		return nil
	}
	m := &th.rt.mem
	if !th.rt.memOn() {
		if n < 0 || n > m.machine {
			return th.machineMemoryError(n)
		}
		return nil
	}
	if n < 0 || m.used.Load()-th.memFree+n > m.limit {
		return th.memoryError(n)
	}
	return nil
}

// machineMemoryError is the MemoryError of an allocation of n bytes (-1:
// too large to say) larger than the machine's memory, in a runtime without
// a budget.
func (th *Thread) machineMemoryError(n int64) error {
	what := "an allocation"
	if n >= 0 {
		what = "an allocation of " + FormatBytes(n)
	}
	return th.Raisef(th.rt.types.exc.MemoryError, "%s is more than this machine's memory (%s)", what, FormatBytes(th.rt.mem.machine))
}

// memCheckItems is memCheck for a slice of n Objects.
func (th *Thread) memCheckItems(n int) error {
	if n > math.MaxInt64/slotSize {
		return th.memCheck(-1)
	}
	return th.memCheck(int64(n) * slotSize)
}

// maxSlice bounds the length of any slice of Objects rwgil makes.
const maxSlice = 1 << 40

// memResize keeps the charge of mutable storage in step: *charged becomes
// n, and the difference is charged or credited.
func (th *Thread) memResize(charged *int64, n int64) {
	if d := n - *charged; d > 0 {
		th.memCharge(d)
	} else if d < 0 {
		th.memCredit(-d)
	}
	*charged = n
}

// memoryError is the MemoryError of an allocation of n bytes (-1: too
// large to say) that does not fit.
func (th *Thread) memoryError(n int64) error {
	m := &th.rt.mem
	what := "an allocation"
	if n >= 0 {
		what = "an allocation of " + FormatBytes(n)
	}
	return th.Raisef(th.rt.types.exc.MemoryError, "%s would take the runtime past its memory budget of %s (%s in use; Config.MaxMemory, rwgil run -max-memory)",
		what, FormatBytes(m.limit), FormatBytes(max(m.used.Load()-th.memFree, 0)))
}

// frameSize is what a frame of bc costs: its locals and stack buffer.
func frameSize(bc *bytecode.Code) int64 {
	return int64(2*framePad+len(bc.Locals)+int(bc.StackSize))*slotSize + int64(unsafe.Sizeof(frame{}))
}

// chargeFrame charges a new frame; creditFrame gives the charge back when
// the frame is released (once).
func (th *Thread) chargeFrame(fr *frame) {
	if th.rt.memOn() {
		fr.charged = frameSize(fr.code.bc)
		th.memCharge(fr.charged)
	}
}

func (th *Thread) creditFrame(fr *frame) {
	if fr.charged != 0 {
		th.memCredit(fr.charged)
		fr.charged = 0
	}
}

// Asynchronous exceptions: raised at a thread's next safe point.
const (
	asyncMemory    = 1 << iota // the budget was exceeded by an unchecked allocation
	asyncInterrupt             // Runtime.Interrupt: KeyboardInterrupt
)

// raiseAsync raises the pending asynchronous exception, if any.
func (th *Thread) raiseAsync() error {
	bits := th.async.Load()
	switch {
	case bits&asyncInterrupt != 0:
		return th.checkInterrupt()
	case bits&asyncMemory != 0:
		th.async.And(^uint32(asyncMemory))
		m := &th.rt.mem
		if m.used.Load()-th.memFree <= m.limit {
			return nil // freed meanwhile
		}
		return th.memoryError(-1)
	}
	return nil
}
