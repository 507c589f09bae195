package experiments_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/experiments"
)

// figures is the figure each experiment's rows must carry under its plain
// name (issue: slowdown for E5, speedup for E2, ratio for E1 and E7,
// throughput for E3, p50_us/p99_us for E4).
var figures = map[string][]string{
	"cost":      {"ratio"},
	"scaling":   {"speedup"},
	"amdahl":    {"throughput", "speedup", "bound"},
	"safepoint": {"p50_us", "p99_us"},
	"convoy":    {"slowdown", "p50_us", "p99_us"},
	"handoff":   {"throughput", "ratio"},
	"refcount":  {"ratio"},
	// E8's rows are of two kinds, each with its own figures.
	"interpreters/scaling":     {"speedup", "throughput"},
	"interpreters/cost":        {"us"},
	"interpreters/unsupported": {},
}

// TestExperimentsQuick runs every experiment at its quick size and checks
// the shape of what it reports -- never its figures' values, which are
// the machine's.
func TestExperimentsQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every experiment")
	}
	for _, e := range experiments.All() {
		t.Run(e.Name, func(t *testing.T) {
			// Under -race only the experiment with concurrency of the
			// harness's own (the convoy's server, client and watcher)
			// runs: the others' shape is checked by the plain run, and
			// each costs minutes under the race detector.
			if raceEnabled && e.Name != "convoy" {
				t.Skip("checked without -race; convoy runs under it")
			}
			o := experiments.Options{Quick: true, Repeat: 1, Threads: []int{1, 2}}
			tab, err := e.Run(context.Background(), o)
			if err != nil {
				t.Fatalf("%s: %v", e.Name, err)
			}
			if tab.Name != e.Name || tab.Title == "" || tab.Claim == "" {
				t.Errorf("name %q (want %q), title %q, claim %q: all must be set", tab.Name, e.Name, tab.Title, tab.Claim)
			}
			if len(tab.Cells) == 0 {
				t.Fatalf("no rows")
			}
			for i, row := range tab.Cells {
				if len(row) != len(tab.Columns) {
					t.Errorf("row %d has %d cells, want %d (columns %q): %q", i, len(row), len(tab.Columns), tab.Columns, row)
				}
				for j, c := range row {
					if c == "" {
						t.Errorf("row %d, column %q is empty", i, tab.Columns[j])
					}
				}
			}
			var buf bytes.Buffer
			if err := experiments.WriteRows(&buf, tab); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				var row map[string]any
				if err := json.Unmarshal([]byte(line), &row); err != nil {
					t.Fatalf("row %q is not JSON: %v", line, err)
				}
				if row["experiment"] != e.Name {
					t.Errorf("row %q: experiment is %v, want %q", line, row["experiment"], e.Name)
				}
				if _, ok := row["policy"].(string); !ok {
					t.Errorf("row %q names no policy", line)
				}
				if row["policy"] == "gil" {
					if _, ok := row["priorities"].(bool); !ok {
						t.Errorf("gil row %q does not say whether priorities were on", line)
					}
				}
				if _, ok := row["threads"].(float64); !ok {
					t.Errorf("row %q names no thread count", line)
				}
				fs := figures[e.Name]
				if k, ok := row["kind"].(string); ok {
					if kf, ok := figures[e.Name+"/"+k]; ok {
						fs = kf
					} else {
						t.Errorf("row %q: kind %q has no figures to check", line, k)
					}
				}
				for _, f := range fs {
					v, ok := row[f].(float64)
					if !ok || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
						t.Errorf("row %q: figure %q is %v, want a finite number >= 0", line, f, row[f])
					}
				}
			}
			var text bytes.Buffer
			if err := experiments.WriteText(&text, tab); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text.String(), tab.Claim) {
				t.Errorf("the text table does not print the claim %q beside the figures", tab.Claim)
			}
			if tab.Plot == nil {
				t.Errorf("%s draws no plot", e.Name)
			} else {
				file := filepath.Join(t.TempDir(), e.Name+".svg")
				if err := tab.Plot.Save(file); err != nil {
					t.Fatal(err)
				}
				if fi, err := os.Stat(file); err != nil || fi.Size() == 0 {
					t.Errorf("plot %s not written: %v", file, err)
				}
			}
		})
	}
}

// TestExperimentsPageCurrent checks that docs/experiments.md was produced
// by the current experiment definitions (not that its numbers are).
func TestExperimentsPageCurrent(t *testing.T) {
	page, err := os.ReadFile("../docs/experiments.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := experiments.FingerprintLine(); !strings.Contains(string(page), want) {
		t.Errorf("docs/experiments.md is stale: it lacks %q; regenerate it with the command at its top", want)
	}
	for _, e := range experiments.All() {
		if !strings.Contains(string(page), "## "+e.Title) {
			t.Errorf("docs/experiments.md has no section %q", e.Title)
		}
	}
}

// TestRunErrors: a workload that is missing, or that fails, is an error
// that says so, with the workload's traceback.
func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	gil := experiments.PolicyTarget(eml.PolicyGIL)
	if _, err := experiments.Run(ctx, gil, "no_such.py"); err == nil || !strings.Contains(err.Error(), `no workload "no_such.py"`) {
		t.Errorf("missing workload: got %v, want an error naming it", err)
	}
	_, err := experiments.Run(ctx, gil, "suite.py", "no_such_bench")
	if !errors.Is(err, experiments.ErrWorkload) || !strings.Contains(err.Error(), "SystemExit") && !strings.Contains(err.Error(), "usage") {
		t.Errorf("failing workload: got %v, want ErrWorkload with its usage message", err)
	}
}

// TestSpread checks the summary of rounds.
func TestSpread(t *testing.T) {
	for _, c := range []struct {
		in      []float64
		med, lo float64
		hi      float64
		printed string
	}{
		{[]float64{2}, 2, 2, 2, "2.00"},
		{[]float64{3, 1, 2}, 2, 1, 3, "2.00 (1.00-3.00)"},
		{[]float64{4, 1, 2, 3}, 2.5, 1, 4, "2.50 (1.00-4.00)"},
	} {
		s := experiments.SpreadOf(c.in)
		if s.Median != c.med || s.Min != c.lo || s.Max != c.hi || s.String() != c.printed {
			t.Errorf("SpreadOf(%v) = %+v printed %q, want median %v, range %v-%v, printed %q", c.in, s, s.String(), c.med, c.lo, c.hi, c.printed)
		}
	}
}
