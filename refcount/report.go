package refcount

import "fmt"

// ReportKind says what misuse a Report describes.
type ReportKind uint8

const (
	// UseAfterFree: an operation on an object whose count is poisoned,
	// because the object was already deallocated (or, under the atomic
	// strategy, is being deallocated).
	UseAfterFree ReportKind = iota + 1
	// NegativeCount: the true count of a live object went below zero:
	// more references were dropped than were ever taken. Under the
	// biased strategy this is often found only when the owner merges the
	// local and shared counts.
	NegativeCount
	// Uninitialized: an operation on a Count that Init or InitImmortal never
	// set up (a zero Count).
	Uninitialized
)

// String returns a short description such as "use after free".
func (k ReportKind) String() string {
	switch k {
	case UseAfterFree:
		return "use after free"
	case NegativeCount:
		return "negative reference count"
	case Uninitialized:
		return "uninitialized reference count"
	}
	return fmt.Sprintf("ReportKind(%d)", uint8(k))
}

// Report describes a misuse of reference counts. Each one is a fatal error
// of the program being run: New's report hook receives it, and when there is
// no hook the strategy panics with it. The operation that raised it is
// abandoned; a count that was poisoned stays poisoned.
type Report struct {
	// Kind says which misuse this is.
	Kind ReportKind
	// Strategy is the strategy that found it.
	Strategy Kind
	// Object is the object's Describe().
	Object string
	// Op is the operation that found the misuse: "incref", "decref" or
	// "merge" (a biased owner merging the counts of a queued object).
	Op string
	// By is the name of the Owner (thread) doing the operation.
	By string
}

// Error returns one line naming the misuse, the operation, the object, the
// thread and the strategy.
func (r *Report) Error() string {
	return fmt.Sprintf("refcount: %s: %s of %s by %s (%s counting)", r.Kind, r.Op, r.Object, r.By, r.Strategy)
}
