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

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := os.Getenv("RAPID_CHECKS") != ""
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	if !explicit {
		_ = flag.Set("rapid.checks", defaultChecks)
	}
	goleak.VerifyTestMain(m)
}
