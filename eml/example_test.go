package eml_test

import (
	"errors"
	"fmt"
	"sync"

	"github.com/rwgil/rwgil/eml"
)

// Two core threads run in shared mode; one of them calls into an unported
// extension, which promotes it: the other parks at its next safe point
// until the call returns.
func Example() {
	l, _ := eml.New(eml.Config{Policy: eml.PolicyEML})
	core, legacy := l.Register("core"), l.Register("legacy-caller")

	var wg sync.WaitGroup
	ready, done := make(chan struct{}), make(chan struct{})
	wg.Add(1)
	go func() { // a core thread: attach, poll at every step, detach
		defer wg.Done()
		_ = core.Attach()
		close(ready)
		for {
			select {
			case <-done:
				_ = core.Detach()
				return
			default:
				_ = core.Poll() // a safe point: parks here while legacy-caller is exclusive
			}
		}
	}()

	<-ready
	_ = legacy.Attach()
	_ = legacy.Promote() // dispatch to an unported function: stop the world
	fmt.Println("exclusive: depth", legacy.Depth())
	_ = legacy.Demote() // back in core: restart the world
	_ = legacy.Detach()
	close(done)
	wg.Wait()

	s := l.Stats()
	fmt.Println("promotions:", s.Promotions, "stops:", s.Stops, "core thread parked:", s.Parks)
	// Output:
	// exclusive: depth 1
	// promotions: 1 stops: 1 core thread parked: 1
}

// Under the GIL attaching is taking the lock: a second thread waits, arms
// the holder's drop deadline, and gets the GIL when the holder reaches a
// safe point after the switch interval -- or at once when the holder
// releases it around blocking work.
func Example_gil() {
	l, _ := eml.New(eml.Config{Policy: eml.PolicyGIL})
	a, b := l.Register("a"), l.Register("b")

	_ = a.Attach()
	fmt.Println("a holds the GIL:", a.HoldsGIL())

	got := make(chan struct{})
	go func() {
		_ = b.Attach() // waits: a holds the GIL
		close(got)
		_ = b.Detach()
	}()
	_ = a.Blocking(func() { <-got }) // a releases the GIL while it blocks; b takes it
	fmt.Println("a holds the GIL again:", a.HoldsGIL())
	_ = a.Detach()

	fmt.Println("switches:", l.Stats().Switches)
	// Output:
	// a holds the GIL: true
	// a holds the GIL again: true
	// switches: 2
}

// Misuse is an error value that names the thread and the mistake, and
// changes nothing.
func ExampleThread_Demote() {
	l, _ := eml.New(eml.Config{})
	th := l.Register("worker")
	_ = th.Attach()
	err := th.Demote()
	fmt.Println(err)
	fmt.Println(errors.Is(err, eml.ErrNotPromoted))
	// Output:
	// eml: Demote on thread "worker": thread is not promoted
	// true
}

// Sticky is free-threaded until an unported module is imported, then the
// GIL for the rest of the run.
func ExampleThread_EnableGIL() {
	l, _ := eml.New(eml.Config{Policy: eml.PolicySticky})
	th := l.Register("importer")
	_ = th.Attach()
	fmt.Println("before:", th.HoldsGIL())
	_ = th.EnableGIL("legacy_counter")
	s := l.Stats()
	fmt.Println("after:", th.HoldsGIL(), s.GILEnabled, s.GILReason)
	_ = th.Detach()
	// Output:
	// before: false
	// after: true true legacy_counter
}
