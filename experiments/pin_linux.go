package experiments

import (
	"fmt"
	"syscall"
	"unsafe"
)

// Pin places the thread or process id on processor cpu alone, with
// sched_setaffinity (0 is the calling thread). Linux only.
func Pin(id, cpu int) error {
	if cpu < 0 || cpu >= 1024 {
		return fmt.Errorf("experiments: no processor %d", cpu)
	}
	var mask [1024 / 64]uint64
	mask[cpu/64] = 1 << (cpu % 64)
	_, _, errno := syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, uintptr(id), unsafe.Sizeof(mask), uintptr(unsafe.Pointer(&mask)))
	if errno != 0 {
		return fmt.Errorf("experiments: pinning %d to processor %d: %w", id, cpu, errno)
	}
	return nil
}
