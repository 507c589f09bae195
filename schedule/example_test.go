package schedule_test

import (
	"fmt"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// Two threads each call legacy_counter.increment() once -- a slow
// read-modify-write that an unported module trusts to be atomic. Under
// free nothing makes it so: the first seed whose schedule switches
// threads inside it is 9, and replaying the recorded choices loses the
// same update again. Under eml the call is atomic whatever the schedule.
func ExampleRunProgram() {
	code, err := bytecode.Assemble("lost.rwa", []byte(counterProgram(1, 1)))
	if err != nil {
		panic(err)
	}
	cfg := func(p eml.Policy) schedule.Config {
		return schedule.Config{Runtime: core.Config{Policy: p}, Setup: extensions.RegisterBundled}
	}
	var lost *schedule.Result
	for seed := uint64(1); lost == nil; seed++ {
		res, err := schedule.RunProgram(code, schedule.Random(seed), cfg(eml.PolicyFree))
		if err != nil {
			panic(err)
		}
		if res.Stdout != "value = 2 of 2\n" {
			fmt.Printf("free, seed %d: %s", seed, res.Stdout)
			lost = res
		}
	}
	again, _ := schedule.RunProgram(code, schedule.Replay(lost.Choices), cfg(eml.PolicyFree))
	fmt.Printf("free, replayed: %s", again.Stdout)
	lostUnderEML := 0
	for seed := uint64(1); seed <= 50; seed++ {
		res, _ := schedule.RunProgram(code, schedule.Random(seed), cfg(eml.PolicyEML))
		if res.Stdout != "value = 2 of 2\n" {
			lostUnderEML++
		}
	}
	fmt.Printf("eml, seeds 1-50: %d runs lost an update\n", lostUnderEML)
	// Output:
	// free, seed 9: value = 1 of 2
	// free, replayed: value = 1 of 2
	// eml, seeds 1-50: 0 runs lost an update
}
