package experiments

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/rwgil/rwgil/eml"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestLockDemo: the demonstration's own atomicity column must say what the
// policies promise: nobody runs during an unported call under eml and gil,
// and under free somebody does (the demo would be lying otherwise).
func TestLockDemo(t *testing.T) {
	cfg := LockDemoConfig{
		Policies: []eml.Policy{eml.PolicyEML, eml.PolicyGIL, eml.PolicyFree},
		Threads:  2, Duration: 50 * time.Millisecond, PromoteEvery: 5,
	}
	var freeViolations uint64
	start := time.Now()
	attempt := 1
	for ; freeViolations == 0 && (attempt == 1 || time.Since(start) < 60*time.Second); attempt++ {
		rows, err := LockDemo(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(cfg.Policies) {
			t.Fatalf("%d rows for %d policies", len(rows), len(cfg.Policies))
		}
		for _, r := range rows {
			if r.Steps == 0 || r.Promotions == 0 {
				t.Errorf("%s: %d steps and %d promotions; want both > 0", r.Policy, r.Steps, r.Promotions)
			}
			switch r.Policy {
			case "eml", "gil":
				if r.Violations != 0 {
					t.Errorf("%s: %d steps ran during an unported call", r.Policy, r.Violations)
				}
			case "free":
				freeViolations += r.Violations
			}
		}
		if rows[0].Speedup != 1 || rows[0].Stops != rows[0].Promotions {
			t.Errorf("eml row %+v: want speedup 1 and one stop per promotion", rows[0])
		}
		var buf bytes.Buffer
		if err := WriteLockDemoTable(&buf, rows); err != nil || !strings.Contains(buf.String(), "violations") {
			t.Errorf("table: %v\n%s", err, &buf)
		}
	}
	if freeViolations == 0 {
		t.Errorf("free: in %d runs over %v no step ever ran during an unported call; the demo shows no concurrency", attempt-1, time.Since(start).Round(time.Millisecond))
	}
}

func TestLockDemoCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rows, err := LockDemo(ctx, LockDemoConfig{Duration: time.Hour})
	if err == nil || len(rows) != 0 {
		t.Fatalf("cancelled demo returned %d rows, err %v; want none and the context's error", len(rows), err)
	}
}
