package core

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// The recursion limit and the Go stack. Each Python call is a Go call of
// the eval loop (generators and callbacks from Go code make that the
// simplest design to keep), so a Python recursion is a Go recursion, and
// Go kills the process -- "goroutine stack exceeds 1000000000-byte limit"
// -- when a goroutine's stack passes runtime/debug.SetMaxStack. So the
// recursion limit may not exceed what that stack holds: NewRuntime
// refuses a Config.RecursionLimit above MaxRecursionLimit, and says why.
//
// goStackPerCall is the Go stack one level of Python recursion may take,
// with room to spare: measured, a plain Python-to-Python call takes about
// 2.6 KiB and one through a Go function's callback (sorted's key) about
// 5.2 KiB. TestRecursionFitsTheGoStack checks the worst paths known
// against it, with the Go stack limit lowered.
const goStackPerCall = 16 << 10

var goMaxStack = sync.OnceValue(func() int64 {
	// Reading the limit means setting it; put it back at once.
	n := debug.SetMaxStack(1 << 30)
	debug.SetMaxStack(n)
	return int64(n)
})

// MaxRecursionLimit is the largest Config.RecursionLimit the Go stack can
// hold: the goroutine stack limit (runtime/debug.SetMaxStack, 1 GiB by
// default on 64-bit machines, read at the first call) over goStackPerCall.
func MaxRecursionLimit() int { return maxRecursionFor(goMaxStack()) }

func maxRecursionFor(stack int64) int { return int(stack / goStackPerCall) }

// recursionLimitError says why limit is too large.
func recursionLimitError(limit int) error {
	return fmt.Errorf("recursion limit %d is more than the Go stack can hold: at most %d (%s)", limit, MaxRecursionLimit(), RecursionStackNote())
}

// RecursionStackNote explains MaxRecursionLimit, for error messages.
func RecursionStackNote() string {
	return fmt.Sprintf("each level of Python recursion may take up to %s of Go stack, and Go stops a goroutine's stack at %d bytes; runtime/debug.SetMaxStack, called before the first runtime is made, moves that limit", FormatBytes(goStackPerCall), goMaxStack())
}
