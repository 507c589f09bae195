//go:build !mutant

package mutant

// Compiled reports whether this build has the mutants in it (the
// `mutant` build tag).
const Compiled = false

// On reports whether the mutant name is selected: never, without the
// `mutant` build tag.
func On(name string) bool { return false }
