package core

import (
	"testing"
	"time"

	"github.com/rwgil/rwgil/eml"
)

// TestWatchdogEnsureDeadlock: under EnsureAcross = deadlock, a thread
// holding the GIL interpreters 0 and 1 share ensures interpreter 1 and
// waits for ever. The lock's counters show nothing (the holder is
// attached) and no dump can be taken (it needs the GIL), so the watchdog
// reports the wait as EnsureFrom wrote it: both interpreters, both
// threads, the lock. Detaching the holder from here (as an Interrupt
// would end a wait) ends it, and everything closes.
func TestWatchdogEnsureDeadlock(t *testing.T) {
	errOut := &lockedBuffer{}
	a, err := NewRuntime(Config{Policy: eml.PolicyGIL, EnsureAcross: EnsureDeadlock, Stderr: errOut})
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.NewInterpreter(InterpreterConfig{ShareLockWith: a})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() { defer close(watched); a.watch(50*time.Millisecond, stop) }()
	holder := a.NewThread("holder")
	ensured := make(chan *Thread, 1)
	go func() {
		if err := holder.Attach(); err != nil {
			t.Error(err)
		}
		th, err := b.EnsureFrom(holder, nil)
		if err != nil {
			t.Error(err)
		}
		ensured <- th
	}()
	waitFor(t, errOut, "Nothing can end it")
	want := `rwgil: a deadlock, for 50ms or more: thread "foreign" of interpreter 1 waits for the lock of interpreter 0, held by thread "holder" of interpreter 0 on the same goroutine (Ensure across interpreters sharing a lock); the holder is at (no Python frame). Nothing can end it: Config.EnsureAcross is deadlock, CPython 2.x's behaviour (rwgil run -ensure-across error or recursive avoids it)` + "\n"
	if got := errOut.String(); got != want {
		t.Errorf("the watchdog printed\n%s\nwant\n%s", got, want)
	}
	select {
	case th := <-ensured:
		t.Fatalf("EnsureFrom returned %v under the deadlock mode", th)
	default:
	}
	if err := holder.Detach(); err != nil {
		t.Fatal(err)
	}
	th := <-ensured
	if err := th.ReleaseFrom(); err != nil {
		t.Fatal(err)
	}
	close(stop)
	<-watched
	if err := holder.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
