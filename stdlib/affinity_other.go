//go:build !linux

package stdlib

// os.sched_setaffinity and os.sched_getaffinity are Linux's: elsewhere the
// os module has neither, as CPython's has not.
func osAffinityFuncs() []nativeFunc { return nil }
