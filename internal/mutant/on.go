//go:build mutant

package mutant

import (
	"fmt"
	"os"
	"sync"
)

// Compiled reports whether this build has the mutants in it (the
// `mutant` build tag).
const Compiled = true

var selected = sync.OnceValue(func() string {
	s := os.Getenv(Env)
	if s != "" && !Known(s) {
		panic(fmt.Sprintf("mutant: %s=%q names no mutant (see internal/mutant.All)", Env, s))
	}
	return s
})

// On reports whether the mutant name is the one RWGIL_MUTANT selects.
func On(name string) bool { return selected() == name }
