package core

import (
	"testing"

	"github.com/rwgil/rwgil/eml"
)

// BenchmarkNewRuntime is the cost of making and closing a runtime: what
// the schedule explorer pays for every schedule it runs (each is a fresh
// runtime). docs/testing.md records its figures.
func BenchmarkNewRuntime(b *testing.B) {
	for _, pol := range []eml.Policy{eml.PolicyEML, eml.PolicyFree} {
		b.Run(pol.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rt, err := NewRuntime(Config{Policy: pol})
				if err != nil {
					b.Fatal(err)
				}
				if err := rt.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
