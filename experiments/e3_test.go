package experiments

import (
	"context"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// TestE3Phases: E3's phase-change run reports, for each of eml, gil and
// adaptive, one row per phase with a throughput, adaptive's switch counts
// (a switch back only after a switch there), and the notes that set
// adaptive against the better of the two, at each f and in each phase,
// and count its switches at each f.
func TestE3Phases(t *testing.T) {
	var ts []Target
	for _, p := range []eml.Policy{eml.PolicyEML, eml.PolicyGIL, eml.PolicyAdaptive} {
		ts = append(ts, PolicyTarget(p))
	}
	rows, err := E3(context.Background(), E3Config{Targets: ts, Fractions: []float64{0, 0.5}, Threads: 2, Quick: true, Rounds: 1})
	if err != nil {
		t.Fatal(err)
	}
	phases := map[string]int{}
	for _, r := range rows {
		if r.Phase == 0 {
			continue
		}
		phases[r.Target]++
		if r.Throughput <= 0 || r.Fraction != e3DefaultPhases[r.Phase-1] {
			t.Errorf("%s phase %d: f %g, throughput %.0f", r.Target, r.Phase, r.Fraction, r.Throughput)
		}
		if r.ToEML > r.ToGIL || r.Target != "adaptive" && r.ToGIL != 0 {
			t.Errorf("%s phase %d: %d switches to the GIL and %d back", r.Target, r.Phase, r.ToGIL, r.ToEML)
		}
	}
	for _, r := range rows {
		// The Amdahl rows count adaptive's switches too (and nobody
		// else's).
		if r.Phase == 0 && (r.ToEML > r.ToGIL || r.Target != "adaptive" && r.ToGIL+r.ToGIL1 != 0) {
			t.Errorf("%s at f = %g: %d switches to the GIL (%d on one thread) and %d back", r.Target, r.Fraction, r.ToGIL, r.ToGIL1, r.ToEML)
		}
	}
	for _, tg := range ts {
		if phases[tg.Name] != len(e3DefaultPhases) {
			t.Errorf("%s: %d phase rows, want %d", tg.Name, phases[tg.Name], len(e3DefaultPhases))
		}
	}
	notes := strings.Join(e3Table(rows).Notes, "\n")
	for _, want := range []string{"better of eml and gil on one thread, by f: 0: ", "on 2 threads, by f: 0: ", "Phase change on 2 threads, f = 0 then 0.5 then 0", "In each phase adaptive reaches ", "adaptive's switches to the GIL in a run (median), on one thread/on 2, by f: 0: "} {
		if !strings.Contains(notes, want) {
			t.Errorf("E3's notes lack %q:\n%s", want, notes)
		}
	}
}
