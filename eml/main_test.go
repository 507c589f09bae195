package eml

import (
	"flag"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// defaultChecks is the rapid budget per property when neither
// -rapid.checks nor RAPID_CHECKS says otherwise: enough to find the
// counterexamples the tests assert, small enough for CI under -race.
// Soak with: go test ./eml -rapid.checks=2000
const defaultChecks = "40"

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := os.Getenv("RAPID_CHECKS") != ""
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	if !explicit {
		_ = flag.Set("rapid.checks", defaultChecks)
	}
	goleak.VerifyTestMain(m)
}

// yieldingScheduler is the real scheduler posing as a custom one, so the
// tests run the code paths a deterministic scheduler takes (a Yield at
// every safe point, spinning locks that park) on real goroutines.
type yieldingScheduler struct{ RealScheduler }
