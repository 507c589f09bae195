package stdlib

import (
	"runtime"
	"sync"
	"syscall"
	"unsafe"

	"github.com/rwgil/rwgil/core"
)

// os.sched_setaffinity and os.sched_getaffinity, Linux's processor
// placement, with CPython's semantics: pid 0 is the calling thread, any
// other pid the thread (or process) the kernel knows by that id.
//
// A Python thread of rwgil is a goroutine, which Go's scheduler moves
// between OS threads; a placement made for "the calling thread" would stay
// with whatever OS thread the goroutine happened to be on. So the first
// os.sched_setaffinity(0, ...) of a Python thread locks the thread's
// goroutine to its OS thread (runtime.LockOSThread) and remembers that OS
// thread's placement; from then on the Python thread and its OS thread are
// one, as in CPython, and a later sched_getaffinity(0) reads the thread's
// own placement back. When the Python thread closes (core.Thread.OnClose,
// on its goroutine), the OS thread gets its first placement back and the
// goroutine is unlocked, so that the Go code that goes on on it -- an
// embedder's, after Exec's main thread -- runs where it ran before.

func osAffinityFuncs() []nativeFunc {
	return []nativeFunc{
		{"sched_setaffinity", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(th.RaiseType("TypeError"), "posix.sched_setaffinity() takes no keyword arguments")
			}
			if len(args) != 2 {
				return nil, th.Raisef(th.RaiseType("TypeError"), "sched_setaffinity() takes exactly 2 arguments (%d given)", len(args))
			}
			pid, err := pidArg(th, args[0])
			if err != nil {
				return nil, err
			}
			mask, err := cpuMask(th, args[1])
			if err != nil {
				return nil, err
			}
			if pid == 0 {
				if err := pinCallingThread(th); err != nil {
					return nil, sockErrno(th, err.(syscall.Errno))
				}
			}
			if e := schedSetaffinity(pid, mask); e != 0 {
				return nil, sockErrno(th, e)
			}
			return th.Runtime().None, nil
		}},
		{"sched_getaffinity", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(kw) > 0 {
				return nil, th.Raise(th.RaiseType("TypeError"), "posix.sched_getaffinity() takes no keyword arguments")
			}
			if len(args) != 1 {
				return nil, th.Raisef(th.RaiseType("TypeError"), "posix.sched_getaffinity() takes exactly one argument (%d given)", len(args))
			}
			pid, err := pidArg(th, args[0])
			if err != nil {
				return nil, err
			}
			mask, e := schedGetaffinity(pid)
			if e != 0 {
				return nil, sockErrno(th, e)
			}
			s := th.NewSet()
			for cpu := range len(mask) * 64 {
				if mask[cpu/64]&(1<<(cpu%64)) == 0 {
					continue
				}
				n := th.NewInt(int64(cpu))
				err := th.SetAdd(s, n)
				th.Decref(n)
				if err != nil {
					th.Decref(s)
					return nil, err
				}
			}
			return s, nil
		}},
	}
}

// pidArg converts a pid argument as CPython's pid_t converter does (a C
// int).
func pidArg(th *core.Thread, o core.Object) (int, error) {
	v, err := th.IntArg("sched_setaffinity", o)
	if err != nil {
		if core.IsExceptionNamed(err, "OverflowError") {
			th.Discard(err)
			return 0, th.Raise(th.RaiseType("OverflowError"), "Python int too large to convert to C long")
		}
		return 0, err
	}
	switch {
	case v > 1<<31-1:
		return 0, th.Raise(th.RaiseType("OverflowError"), "signed integer is greater than maximum")
	case v < -1<<31:
		return 0, th.Raise(th.RaiseType("OverflowError"), "signed integer is less than minimum")
	}
	return int(v), nil
}

// cpuMask reads an iterable of processor numbers into a kernel CPU set.
func cpuMask(th *core.Thread, o core.Object) ([]uint64, error) {
	it, err := th.Iter(o)
	if err != nil {
		return nil, err
	}
	defer th.Decref(it)
	mask := make([]uint64, 1024/64)
	for {
		item, ok, err := th.Next(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return mask, nil
		}
		var cpu int64
		switch v := item.(type) {
		case *core.Int:
			n, fits := v.Int64()
			if !fits {
				th.Decref(item)
				return nil, th.Raise(th.RaiseType("OverflowError"), "Python int too large to convert to C long")
			}
			cpu = n
		case *core.Bool:
			if v == th.Runtime().True {
				cpu = 1
			}
		default:
			name := item.Type().Name()
			th.Decref(item)
			return nil, th.Raisef(th.RaiseType("TypeError"), "expected an iterator of ints, but iterator yielded <class '%s'>", name)
		}
		th.Decref(item)
		switch {
		case cpu < 0:
			return nil, th.Raise(th.RaiseType("ValueError"), "negative CPU number")
		case cpu > 1<<31-2:
			return nil, th.Raise(th.RaiseType("OverflowError"), "CPU number too large")
		}
		for int(cpu/64) >= len(mask) {
			mask = append(mask, make([]uint64, len(mask))...)
		}
		mask[cpu/64] |= 1 << (cpu % 64)
	}
}

// pinnedThread is a Python thread that placed itself: its goroutine is
// locked to the OS thread tid, whose placement was saved.
type pinnedThread struct {
	tid   int
	saved []uint64
}

// pinned are the Python threads that called sched_setaffinity(0, ...).
var pinned sync.Map // *core.Thread -> *pinnedThread

// pinCallingThread makes th's goroutine and its OS thread one, the first
// time th places itself, and arranges for th's close to undo it.
func pinCallingThread(th *core.Thread) error {
	if _, ok := pinned.Load(th); ok {
		return nil
	}
	runtime.LockOSThread()
	saved, e := schedGetaffinity(0)
	if e != 0 {
		runtime.UnlockOSThread()
		return e
	}
	p := &pinnedThread{tid: syscall.Gettid(), saved: saved}
	pinned.Store(th, p)
	th.OnClose(func() {
		pinned.Delete(th)
		// Only on the pinned goroutine, still on its OS thread: a thread
		// state closed by another goroutine leaves that one alone (the
		// pinned goroutine's end then ends its OS thread, as Go ends
		// every OS thread a goroutine exits locked to).
		if syscall.Gettid() == p.tid {
			schedSetaffinity(0, p.saved)
			runtime.UnlockOSThread()
		}
	})
	return nil
}

// schedSetaffinity is sched_setaffinity(2).
func schedSetaffinity(pid int, mask []uint64) syscall.Errno {
	_, _, e := syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, uintptr(pid), uintptr(len(mask)*8), uintptr(unsafe.Pointer(&mask[0])))
	return e
}

// schedGetaffinity is sched_getaffinity(2), with a set as large as the
// kernel's (it refuses a smaller one with EINVAL).
func schedGetaffinity(pid int) ([]uint64, syscall.Errno) {
	for words := 1024 / 64; ; words *= 2 {
		mask := make([]uint64, words)
		_, _, e := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, uintptr(pid), uintptr(words*8), uintptr(unsafe.Pointer(&mask[0])))
		if e != syscall.EINVAL || words >= 1<<16 {
			return mask, e
		}
	}
}
