package experiments

import (
	"context"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// TestWorkload: every policy runs both variants; only the unported
// variant promotes, only eml (and adaptive, until it switches) stops the world for it, only gil-like
// policies switch the GIL, and the ratios are to the gil row.
func TestWorkload(t *testing.T) {
	rows, err := Workload(context.Background(), WorkloadConfig{Threads: 2, Iterations: 4000, CallEvery: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2*len(eml.Policies()) {
		t.Fatalf("%d rows, want 2 variants x %d policies", len(rows), len(eml.Policies()))
	}
	for _, r := range rows {
		unported := r.Variant == "unported"
		if r.ItersPerSec <= 0 || r.VsGIL <= 0 {
			t.Errorf("%s/%s: %.0f iterations/s, %.2fx gil", r.Variant, r.Policy, r.ItersPerSec, r.VsGIL)
		}
		if unported != (r.Promotions == 2*4000/100) {
			t.Errorf("%s/%s: %d promotions, want %d", r.Variant, r.Policy, r.Promotions, map[bool]int{true: 80}[unported])
		}
		wantStops := uint64(0)
		if r.Policy == "eml" && unported {
			wantStops = r.Promotions
		}
		switch {
		case r.Policy == "adaptive" && unported:
			// eml until its model switches to the GIL: every stop is a
			// promotion's, and the first ones stop.
			if r.Stops == 0 || r.Stops > r.Promotions {
				t.Errorf("%s/%s: %d stops for %d promotions, want 1 to %d", r.Variant, r.Policy, r.Stops, r.Promotions, r.Promotions)
			}
		case r.Policy != "sticky" && r.Stops != wantStops: // sticky stops once, to turn the GIL on
			t.Errorf("%s/%s: %d stops for %d promotions, want %d", r.Variant, r.Policy, r.Stops, r.Promotions, wantStops)
		}
		if r.Policy == "gil" && r.VsGIL != 1 {
			t.Errorf("the gil row's ratio to itself is %.2f", r.VsGIL)
		}
	}
}
