package tests

import (
	"flag"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// defaultChecks is the rapid budget per property when neither
// -rapid.checks nor RAPID_CHECKS says otherwise: enough to find every
// counterexample the suite expects, small enough that the whole suite
// runs in CI's budget with -race. Soak with go test ./tests
// -rapid.checks=1000 (docs/testing.md).
const defaultChecks = "40"

// checksExplicit says -rapid.checks or RAPID_CHECKS was given: a soak's
// budget then holds for every property.
var checksExplicit bool

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := os.Getenv("RAPID_CHECKS") != ""
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	checksExplicit = explicit
	if !explicit {
		_ = flag.Set("rapid.checks", defaultChecks)
	}
	goleak.VerifyTestMain(m)
}
