package bytecode

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// numbered prefixes each line of text with its number, for failure output.
func numbered(text string) string {
	var b strings.Builder
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, line)
	}
	return b.String()
}

func negZero() float64 { return math.Copysign(0, -1) }

func nan(bits uint64) float64 { return math.Float64frombits(bits) }

func bigInt(s string) *big.Int {
	z, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad big int literal in a test: " + s)
	}
	return z
}
