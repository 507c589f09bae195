package schedule_test

import (
	"flag"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// defaultChecks is the rapid budget per property when neither
// -rapid.checks nor RAPID_CHECKS says otherwise; soak with
// go test ./schedule -rapid.checks=1000 (docs/testing.md).
const defaultChecks = "100"

// fuzzMinimizeTime is how long the fuzzers minimize a new input when
// -fuzzminimizetime does not say: go test's default of a minute, spent on
// every input that finds new coverage, was most of FuzzEval's time -- its
// inputs are assembly text that nearly every deleted byte makes invalid,
// so a minute of minimizing shrinks little, and a worker ran no new input
// for a minute at a time (issue 13). A crasher is minimized for as long.
const fuzzMinimizeTime = "5s"

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := os.Getenv("RAPID_CHECKS") != ""
	minimize := false
	flag.Visit(func(f *flag.Flag) {
		explicit = explicit || f.Name == "rapid.checks"
		minimize = minimize || f.Name == "test.fuzzminimizetime"
	})
	if !explicit {
		_ = flag.Set("rapid.checks", defaultChecks)
	}
	if !minimize {
		_ = flag.Set("test.fuzzminimizetime", fuzzMinimizeTime)
	}
	goleak.VerifyTestMain(m)
}
