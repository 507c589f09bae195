package experiments

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// TestSpeedInstructions: the figures are the count at 2N less the count
// at N, over the reference CPython's, under each target and benchmark;
// a failing or silent valgrind is an error that names the command.
// testdata/fakevalgrind.sh stands in for valgrind (the real one takes
// minutes: `rwgil bench speed -callgrind` is its end-to-end run).
func TestSpeedInstructions(t *testing.T) {
	fake, err := filepath.Abs("testdata/fakevalgrind.sh")
	if err != nil {
		t.Fatal(err)
	}
	cfg := InstructionsConfig{
		Rwgil:    "/nonexistent/rwgil",
		CPython:  []Target{{Name: "cpython", CPython: "/nonexistent/python3", GILEnabled: true}},
		Benches:  []string{"fib", "intloop"},
		Valgrind: fake,
	}
	rows, err := SpeedInstructions(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	k := map[string]int64{"eml": 3, "gil": 2, "cpython": 1}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6 (two benchmarks, three targets): %+v", len(rows), rows)
	}
	for _, r := range rows {
		n := int64(instructionSizes[r.Bench])
		if want := k[r.Target] * n * 1000; r.Instructions != want || r.Ratio != float64(k[r.Target]) || r.N != int(n) {
			t.Errorf("%s under %s: %d instructions, ratio %v, N %d; want %d, %d, %d", r.Bench, r.Target, r.Instructions, r.Ratio, r.N, want, k[r.Target], n)
		}
	}
	table := InstructionsTable(rows)
	if got, want := table.Cells[len(table.Cells)-1], []string{"geomean", "3.00", "2.00", "1.00"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("geomean row %v, want %v", got, want)
	}

	for _, tc := range []struct{ mode, want string }{
		{"fail", "the command failed"},
		{"silent", "no instruction count"},
	} {
		t.Setenv("FAKE_VALGRIND", tc.mode)
		_, err := SpeedInstructions(context.Background(), cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "/nonexistent/rwgil run -policy eml") {
			t.Errorf("valgrind %s: error %v, want one with %q naming the command", tc.mode, err, tc.want)
		}
	}
	t.Setenv("FAKE_VALGRIND", "")

	bad := cfg
	bad.Targets = []Target{{Name: "eml+prio", Policy: eml.PolicyEML, Priorities: true}}
	if _, err := SpeedInstructions(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "only a policy") {
		t.Errorf("a target with priorities: error %v, want one saying only a policy can be passed", err)
	}
	bad = cfg
	bad.CPython = nil
	if _, err := SpeedInstructions(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "-cpython") {
		t.Errorf("no CPython: error %v, want one asking for -cpython", err)
	}
}
