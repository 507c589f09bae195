package schedule_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// fuzzMaxSteps bounds a fuzzed run: a program that loops is given up,
// which is not a failure.
const fuzzMaxSteps = 20_000

// FuzzEval: the eval loop on any code the assembler accepts (Assemble
// validates it: stack depths, jump targets, operands), run under the
// deterministic scheduler -- a seeded PRNG choosing, at most
// fuzzMaxSteps scheduling points, each policy in turn by the seed, the
// bundled modules importable -- never panics, reports no refcount
// misuse, and, when the program cannot make a reference cycle, leaks
// nothing. An exception, a deadlock or a run given up at the step bound
// are outcomes, not failures.
//
//	go test -fuzz FuzzEval -run '^$' ./schedule
//
// The seed corpus is testdata/fuzz/FuzzEval: the programs of
// docs/examples and the assembler's own fuzz corpus.
func FuzzEval(f *testing.F) {
	policies := eml.Policies()
	f.Fuzz(func(t *testing.T, src []byte, seed uint64) {
		if len(src) > 1<<14 {
			return
		}
		code, err := bytecode.Assemble("fuzz.rwa", src)
		if err != nil {
			return
		}
		cfg := schedule.Config{
			Runtime: core.Config{Policy: policies[seed%uint64(len(policies))], MaxMemory: 64 << 20},
			Setup:   extensions.RegisterBundled,
			Options: schedule.Options{MaxSteps: fuzzMaxSteps},
		}
		res, err := schedule.RunProgram(code, schedule.Random(seed), cfg)
		if err != nil {
			t.Fatalf("RunProgram: %v\n%s", err, bytecode.Disassemble(code))
		}
		if res.CloseErr == nil {
			return
		}
		if errors.Is(res.CloseErr, core.ErrRefcountReports) || res.Aborted == nil && res.Exception == "" && !mayCycle(code) {
			t.Fatalf("closing the runtime (policy %v, seed %d, aborted %v, exception %q): %v\n%s",
				cfg.Runtime.Policy, seed, res.Aborted, res.Exception, res.CloseErr, bytecode.Disassemble(code))
		}
	})
}

// mayCycle reports whether code (or code nested in its constants) can
// make a reference cycle, which leaks by design without a cycle
// collector: it stores anywhere but a fast local, calls anything (a
// method can store too: l.append(l)), makes a function or class, imports,
// adds to a container or yields.
func mayCycle(code *bytecode.Code) bool {
	for _, in := range code.Instrs {
		name := in.Op.String()
		if name != "STORE_FAST" && strings.HasPrefix(name, "STORE_") || in.Op == bytecode.LoadBuildClass {
			return true
		}
		for _, p := range []string{"CALL", "MAKE_", "IMPORT_", "LIST_", "SET_", "DICT_", "MAP_", "YIELD"} {
			if strings.HasPrefix(name, p) {
				return true
			}
		}
	}
	for _, c := range code.Consts {
		if nested, ok := c.(*bytecode.Code); ok && mayCycle(nested) {
			return true
		}
	}
	return false
}
