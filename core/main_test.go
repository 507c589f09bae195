package core

import (
	"flag"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// defaultChecks is the rapid budget per property when neither
// -rapid.checks nor RAPID_CHECKS says otherwise. Soak with
// go test ./core -rapid.checks=2000.
const defaultChecks = "50"

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := os.Getenv("RAPID_CHECKS") != ""
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
	if !explicit {
		_ = flag.Set("rapid.checks", defaultChecks)
	}
	goleak.VerifyTestMain(m)
}
