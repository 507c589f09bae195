package eml

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Policy is the locking design a [Lock] models.
type Policy uint8

const (
	// PolicyEML is Coghlan's extension module lock: shared while in core,
	// exclusive (stop-the-world) for the duration of an unported call.
	PolicyEML Policy = iota
	// PolicyGIL is the classic global interpreter lock with a switch
	// interval and forced switching (CPython 3.2 to 3.12).
	PolicyGIL
	// PolicySticky is CPython 3.13t: free-threaded until an unported module
	// is imported ([Thread.EnableGIL]), then the GIL for good.
	PolicySticky
	// PolicyFree has no global lock at all; promotion protects nothing.
	PolicyFree
	// PolicyAdaptive starts as PolicyEML and switches, through a
	// stop-the-world, to the GIL while its measured stops cost more than
	// a GIL would, and back after an inhibit period (docs/eml.md).
	PolicyAdaptive
)

var policyNames = [...]string{PolicyEML: "eml", PolicyGIL: "gil", PolicySticky: "sticky", PolicyFree: "free", PolicyAdaptive: "adaptive"}

// Policies lists every policy, in the order tables print them.
func Policies() []Policy {
	return []Policy{PolicyEML, PolicyGIL, PolicySticky, PolicyFree, PolicyAdaptive}
}

// String returns the policy's name as ParsePolicy accepts it.
func (p Policy) String() string {
	if int(p) < len(policyNames) {
		return policyNames[p]
	}
	return fmt.Sprintf("Policy(%d)", p)
}

// ParsePolicy parses "eml", "gil", "sticky", "free" or "adaptive".
func ParsePolicy(s string) (Policy, error) {
	for i, n := range policyNames {
		if s == n {
			return Policy(i), nil
		}
	}
	return 0, fmt.Errorf("unknown policy %q (want one of %s)", s, strings.Join(policyNames[:], ", "))
}

// MutexKind is the blocking primitive under the GIL and the stop-the-world
// mutex, after Antoine Pitrou's and Sitbon's 2009 measurements of GIL
// hand-off on different primitives.
type MutexKind uint8

const (
	// MutexSync is Go's sync.Mutex: spins briefly, then parks on a runtime
	// semaphore; a releaser may barge back in.
	MutexSync MutexKind = iota
	// MutexEvent is a condition-variable hand-off, like the event-object
	// GIL: waiters queue in order and the releaser hands ownership straight
	// to the first one.
	MutexEvent
	// MutexSpin spins with a scheduler yield between attempts.
	MutexSpin
	// MutexSpinPark spins a bounded number of times, then parks, like a
	// Windows critical section.
	MutexSpinPark
)

var mutexNames = [...]string{MutexSync: "mutex", MutexEvent: "event", MutexSpin: "spin", MutexSpinPark: "spinpark"}

// MutexKinds lists every mutex kind, in the order tables print them.
func MutexKinds() []MutexKind { return []MutexKind{MutexSync, MutexEvent, MutexSpin, MutexSpinPark} }

// String returns the kind's name as ParseMutex accepts it.
func (k MutexKind) String() string {
	if int(k) < len(mutexNames) {
		return mutexNames[k]
	}
	return fmt.Sprintf("MutexKind(%d)", k)
}

// ParseMutex parses "mutex", "event", "spin" or "spinpark".
func ParseMutex(s string) (MutexKind, error) {
	for i, n := range mutexNames {
		if s == n {
			return MutexKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown mutex kind %q (want one of %s)", s, strings.Join(mutexNames[:], ", "))
}

// DefaultSwitchInterval is CPython's default sys.getswitchinterval().
const DefaultSwitchInterval = 5 * time.Millisecond

// Config configures a [Lock]. The zero value is the eml policy on sync.Mutex
// with real goroutines.
type Config struct {
	Policy Policy
	// SwitchInterval is how long a GIL waiter waits before the holder must
	// drop the GIL at its next safe point. Zero means DefaultSwitchInterval.
	SwitchInterval time.Duration
	// Mutex is the primitive under the GIL and the stop-the-world mutex.
	Mutex MutexKind
	// Priorities lets a thread that attaches right after Blocking (an
	// I/O-bound thread) ask the GIL holder for an immediate drop.
	Priorities bool
	// Scheduler decides who runs when threads wait; nil means real
	// goroutines ([RealScheduler]).
	Scheduler Scheduler
	// Trace emits runtime/trace regions for exclusive sections, parks and
	// GIL waits, so that `go tool trace` shows who held what, when.
	Trace bool
	// ParkWith, if set, is a Lock whose parking lot the new Lock's Mutex
	// waiters share (nil: a lot of its own). A Mutex parks its waiters in
	// the lot of the waiting thread's Lock and its Unlock wakes them from
	// the lot of the unlocking thread's, so threads of two Locks can share
	// a Mutex only if the Locks share a lot: the interpreters of one
	// process, each with a lock of its own, do. It must have the same
	// Scheduler.
	ParkWith *Lock
}

// Sentinel errors for misuse of a [Thread]; the errors returned wrap them
// with the operation and the thread's name.
var (
	ErrDetached    = errors.New("thread is detached")
	ErrAttached    = errors.New("thread is attached")
	ErrNotPromoted = errors.New("thread is not promoted")
	ErrPromoted    = errors.New("thread is promoted")
	ErrClosed      = errors.New("thread is closed")
)
