package core_test

import (
	"fmt"
	"sync"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// An extension module's own goroutines share a counter and a queue
// through the native locking layer: a Lock for the counter, a Condition
// for the queue. Every wait detaches, so the waiters never hold up the
// extension module lock, whatever the policy.
func ExampleThread_NewLock() {
	rt, err := core.NewRuntime(core.Config{Policy: eml.PolicyFree})
	if err != nil {
		panic(err)
	}
	setup := rt.NewThread("setup")
	if err := setup.Attach(); err != nil {
		panic(err)
	}
	lock := setup.NewLock()
	cond := setup.NewCondition(setup.NewLock())
	var queue []int
	if err := setup.Detach(); err != nil {
		panic(err)
	}
	if err := setup.Close(); err != nil {
		panic(err)
	}

	counter := 0
	var wg sync.WaitGroup
	worker := func(name string, body func(th *core.Thread) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			th := rt.NewThread(name)
			if err := th.Attach(); err != nil {
				panic(err)
			}
			if err := body(th); err != nil {
				panic(err)
			}
			if err := th.Detach(); err != nil {
				panic(err)
			}
			if err := th.Close(); err != nil {
				panic(err)
			}
		}()
	}
	for p := range 2 {
		worker(fmt.Sprint("producer", p), func(th *core.Thread) error {
			for i := range 1000 {
				if _, err := lock.Acquire(th, true, core.Forever); err != nil {
					return err
				}
				counter++
				if err := lock.Release(th); err != nil {
					return err
				}
				if _, err := cond.Acquire(th, true, core.Forever); err != nil {
					return err
				}
				queue = append(queue, i)
				if err := cond.Notify(th, 1); err != nil {
					return err
				}
				if err := cond.Release(th); err != nil {
					return err
				}
			}
			return nil
		})
	}
	got := 0
	worker("consumer", func(th *core.Thread) error {
		if _, err := cond.Acquire(th, true, core.Forever); err != nil {
			return err
		}
		for got < 2000 {
			if _, err := cond.WaitFor(th, func() (bool, error) { return len(queue) > 0, nil }, core.Forever); err != nil {
				return err
			}
			got += len(queue)
			queue = queue[:0]
		}
		return cond.Release(th)
	})
	wg.Wait()
	fmt.Println("counter:", counter, "consumed:", got)
	if err := rt.Close(); err != nil {
		panic(err)
	}
	// Output: counter: 2000 consumed: 2000
}
