package experiments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/experiments"
)

// TestSpeedNeedsCPython: Speed compares with a CPython and says so when
// none is given.
func TestSpeedNeedsCPython(t *testing.T) {
	_, err := experiments.Speed(context.Background(), experiments.SpeedConfig{Quick: true})
	if err == nil || !strings.Contains(err.Error(), "-cpython") {
		t.Errorf("Speed without a CPython: got %v, want an error naming -cpython", err)
	}
}

// TestSpeedTable: one line per program, one column per target, and the
// geometric mean of each target's ratios to the CPython's.
func TestSpeedTable(t *testing.T) {
	var rows []experiments.SpeedRow
	for _, b := range []string{"fib", "intloop"} {
		rows = append(rows,
			experiments.SpeedRow{Bench: b, Target: "eml", Policy: "eml", Seconds: 1, Ratio: map[string]float64{"fib": 2, "intloop": 8}[b]},
			experiments.SpeedRow{Bench: b, Target: "cpython3.13.0", Policy: "cpython", Seconds: 0.1, Ratio: 1})
	}
	tab := experiments.SpeedTable(rows)
	if got := strings.Join(tab.Columns, ","); got != "bench,eml,cpython3.13.0" {
		t.Errorf("columns %s", got)
	}
	if len(tab.Cells) != 3 || tab.Cells[2][0] != "geomean" || tab.Cells[2][1] != "4.00" || tab.Cells[2][2] != "1.00" {
		t.Errorf("cells %q, want two programs and a geomean line of 4.00 and 1.00", tab.Cells)
	}
	if !strings.Contains(tab.Claim, "cpython3.13.0") || len(tab.Notes) != 1 || !strings.Contains(tab.Notes[0], "4.00x cpython3.13.0") {
		t.Errorf("claim %q, notes %q: want them to name the reference and eml's 4.00x", tab.Claim, tab.Notes)
	}
}
