package tests

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// g1Witness is G1 seen from inside the unported call: witness.alone()
// (tests/witness.go) looks at every other thread four times during the
// call -- at its start, after yielding, after a blocking section and
// after yielding again -- and none may be attached. The counts of G1's
// own row see a broken exclusion only when it happens to corrupt an
// update; the witness sees any thread running beside the call.
var g1Witness = Guarantee{
	ID:      "G1",
	Title:   "an unported call is atomic: no other thread is attached while it runs",
	Ops:     []Op{OpWitness, OpPlus1, OpPorted, OpBlocking, OpPairsPeek, OpLegacy},
	Threads: 3, MaxOps: 3,
	Expect: map[eml.Policy]Verdict{eml.PolicyEML: Holds, eml.PolicyGIL: Holds, eml.PolicySticky: Holds, eml.PolicyFree: Broken, eml.PolicyAdaptive: Holds},
	// The witness sees a thread beside the call only if the schedule
	// stopped that thread in the middle of its work, which rapid's
	// sparse switches rarely do.
	Chooser: func(t *rapid.T) schedule.Chooser {
		return schedule.Random(rapid.Uint64().Draw(t, "seed"))
	},
	Check: func(p Program, o *Outcome) error {
		if err := finished(o); err != nil {
			return err
		}
		if o.Crowded != 0 {
			return fmt.Errorf("witness.alone() found another thread attached %d times: core or extension code ran during an unported call", o.Crowded)
		}
		return nil
	},
}

// TestG1ExclusiveCall checks g1Witness in deterministic mode: under eml,
// gil and sticky no schedule rapid tries may show the witness company;
// under free one must (or the witness could not see anything). Real mode
// is left out: there a thread that attaches as the world stops is
// attached for an instant before it finds the stop and parks, running
// nothing, and the witness would count it; a Sequencer never runs
// anything between the two.
func TestG1ExclusiveCall(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			if g1Witness.Expect[p] == Holds {
				checkHolds(t, g1Witness, p, Deterministic)
			} else {
				checkBroken(t, g1Witness, p, Deterministic)
			}
		})
	}
}
