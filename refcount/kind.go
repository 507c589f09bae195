package refcount

import (
	"fmt"
	"strings"
)

// Kind names a reference-counting strategy. The zero Kind names none of
// them: New panics on it and ParseKind never returns it.
type Kind uint8

// The strategies, in the order Kinds lists them.
const (
	// Plain keeps one non-atomic count. It is valid only while one thread
	// runs at a time (the gil policy); core refuses it otherwise.
	Plain Kind = iota + 1
	// Atomic changes every count with an atomic read-modify-write (the
	// Gilectomy approach).
	Atomic
	// Biased gives each object an owner thread that counts without atomics
	// and lets every other thread count on a shared atomic count (PEP 703).
	Biased
	// Immortal makes every object immortal: counts never change and nothing
	// is ever deallocated. It measures the cost of the immortality check.
	Immortal
	// None does no counting at all; the Go collector reclaims objects and
	// Dealloc never runs (the 2008 "remove reference counting" proposal).
	None
)

var kindNames = [...]string{
	Plain:    "plain",
	Atomic:   "atomic",
	Biased:   "biased",
	Immortal: "immortal",
	None:     "none",
}

// Kinds returns every strategy, in a fixed order: plain, atomic, biased,
// immortal, none.
func Kinds() []Kind {
	return []Kind{Plain, Atomic, Biased, Immortal, None}
}

// String returns the strategy's name as ParseKind accepts it, or "Kind(n)"
// for a value that names no strategy.
func (k Kind) String() string {
	if k.valid() {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

func (k Kind) valid() bool {
	return k >= Plain && k <= None
}

// ParseKind returns the strategy named s. Names are lower case, as String
// writes them. The error for any other string names it and lists the valid
// names.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds() {
		if s == kindNames[k] {
			return k, nil
		}
	}
	names := make([]string, 0, len(kindNames))
	for _, k := range Kinds() {
		names = append(names, kindNames[k])
	}
	return 0, fmt.Errorf("refcount: unknown strategy %q (valid: %s)", s, strings.Join(names, ", "))
}
