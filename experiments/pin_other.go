//go:build !linux

package experiments

import (
	"fmt"
	"runtime"
)

// Pin places the thread or process id on processor cpu alone, with
// sched_setaffinity (0 is the calling thread). Linux only: elsewhere it
// says so.
func Pin(id, cpu int) error {
	return fmt.Errorf("experiments: pinning needs Linux's sched_setaffinity, not %s", runtime.GOOS)
}
