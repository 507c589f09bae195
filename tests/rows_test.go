package tests

import (
	"strings"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// TestMeasuredRows runs the catalogue's G2 and G8 rows with a few cases
// each: G2 holds under every policy with porcupine deciding every history
// and some history overlapping, and G8 holds under eml with every stop
// waiting for a safe point of some thread and the core thread advancing
// between stops -- evidence that the measurement measured something.
func TestMeasuredRows(t *testing.T) {
	cells := Catalogue(CatalogueOptions{Checks: 10, Search: 10, Seed: 1, ShrinkTime: 1, Guarantees: []Guarantee{G2Row, G8Row}}, nil)
	if len(cells) != 2*len(eml.Policies()) {
		t.Fatalf("%d cells, want G2 and G8 under every policy", len(cells))
	}
	for _, c := range cells {
		t.Logf("%s under %v: %s (%d runs, %d switched): %s", c.Guarantee.ID, c.Policy, c.Found, c.Runs, c.Switched, c.Detail)
		if c.Found != c.Expected {
			t.Errorf("%s under %v: found %v, want %v\n%s", c.Guarantee.ID, c.Policy, c.Found, c.Expected, c.Counterexample)
		}
		if c.Switched == 0 {
			t.Errorf("%s under %v: no run switched threads", c.Guarantee.ID, c.Policy)
		}
		if c.Guarantee.ID == "G2" && strings.Contains(c.Detail, "in 0 the operations") {
			t.Errorf("G2 under %v: no history overlapped: %s", c.Policy, c.Detail)
		}
		if c.Guarantee.ID == "G8" && c.Policy == eml.PolicyEML && strings.Contains(c.Detail, "waited for: 0;") {
			t.Errorf("G8 under eml: no promotion waited for a safe point: the stops parked nobody: %s", c.Detail)
		}
	}
	// The negative control: with gh-151518's bug (a stopper does not
	// let the threads the last stop parked run first) two stops can come
	// with no iteration of the core thread between them.
	bad := Cell{Guarantee: G8Row, Policy: eml.PolicyEML, Expected: Holds}
	restore := setRapidFlags(map[string]string{"rapid.seed": "1", "rapid.nofailfile": "true", "rapid.shrinktime": "1ms"})
	defer restore()
	runG8(&bad, 200, eml.Bugs{NoResumeTurn: true})
	if bad.Found != Broken {
		t.Errorf("G8 with eml.Bugs.NoResumeTurn: found %v in %d runs, want broken: %s", bad.Found, bad.Runs, bad.Detail)
	}
	t.Logf("with NoResumeTurn: %s after %d runs: %s", bad.Found, bad.Runs, bad.Detail)
}
