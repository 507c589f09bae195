package schedule_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// counterCheck fails a run of the counter program that lost an update.
func counterCheck(res *schedule.Result) error {
	if err := schedule.Ended(res); err != nil {
		return err
	}
	var got, want int
	if _, err := fmt.Sscanf(res.Stdout, "value = %d of %d", &got, &want); err != nil {
		return fmt.Errorf("unexpected output %q", res.Stdout)
	}
	if got != want {
		return fmt.Errorf("value = %d of %d: %d updates lost", got, want, want-got)
	}
	return nil
}

func explore(t *testing.T, code string, p eml.Policy, check func(*schedule.Result) error, opts schedule.ExploreOptions) *schedule.Exploration {
	t.Helper()
	run := schedule.ProgramRun(assemble(t, "prog.rwa", code), schedule.Config{Runtime: core.Config{Policy: p}, Setup: extensions.RegisterBundled}, check)
	e, err := schedule.Explore(run, schedule.Options{MaxSteps: 100_000}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestExploreFindsLostUpdate: under free two legacy_counter increments
// lose an update under some schedule with one preemption -- and under
// none without -- and the explorer finds it at bound 1, its schedule
// replays to the same failure. Under eml the call is atomic: every
// schedule up to 2 preemptions is explored, and none fails.
func TestExploreFindsLostUpdate(t *testing.T) {
	src := counterProgram(1, 1)
	e := explore(t, src, eml.PolicyFree, counterCheck, schedule.ExploreOptions{Preemptions: 3})
	if e.Failure == nil {
		t.Fatalf("no lost update found under free: %s", e.Summary(3))
	}
	if e.Preemptions != 1 || e.Bound != 0 {
		t.Errorf("the failure has %d preemptions, after bound %d was verified; want 1 after 0", e.Preemptions, e.Bound)
	}
	res := run(t, assemble(t, "prog.rwa", src), schedule.Replay(e.Choices), eml.PolicyFree, schedule.Options{})
	if counterCheck(res) == nil {
		t.Errorf("the failing schedule %v replays without the failure: %q", e.Choices, res.Stdout)
	}
	t.Logf("free: %v; %s", e.Failure, e.Summary(3))

	v := explore(t, src, eml.PolicyEML, counterCheck, schedule.ExploreOptions{Preemptions: 2})
	if !v.Complete || v.Failure != nil {
		t.Fatalf("eml: %s: %v", v.Summary(2), v.Failure)
	}
	if v.New[1] == 0 || v.New[2] == 0 {
		t.Errorf("eml: bounds 1 and 2 added no schedules: %v", v.New)
	}
	t.Logf("eml: %s; new schedules per bound %v", v.Summary(2), v.New)
}

// plusProgram is two threads of one `plain += 1` each, in assembly: the
// lost update needs a switch between a thread's LOAD_GLOBAL and its
// STORE_GLOBAL.
const plusProgram = `module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_CONST 0
    STORE_NAME plain
    LOAD_CONST @worker
    MAKE_FUNCTION 0
    STORE_NAME worker
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME worker
    CALL_METHOD 1
    STORE_NAME a
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME worker
    CALL_METHOD 1
    STORE_NAME b
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME a
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME b
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "value ="
    LOAD_NAME plain
    LOAD_CONST "of"
    LOAD_CONST 2
    CALL 4
    POP_TOP
    RETURN_CONST None
end

func worker()
    locals x
    LOAD_CONST 1
    STORE_FAST x
    LOAD_GLOBAL plain
    LOAD_FAST x
    BINARY_OP +=
    STORE_GLOBAL plain
    RETURN_CONST None
end
`

// TestExploreReduction: with the reduction the explorer runs fewer
// schedules than without, finds the same failure with the same number of
// preemptions, and verifies the same bounds under gil.
func TestExploreReduction(t *testing.T) {
	with := explore(t, plusProgram, eml.PolicyFree, counterCheck, schedule.ExploreOptions{Preemptions: 2})
	without := explore(t, plusProgram, eml.PolicyFree, counterCheck, schedule.ExploreOptions{Preemptions: 2, NoReduction: true})
	if with.Failure == nil || without.Failure == nil || with.Preemptions != without.Preemptions {
		t.Fatalf("with the reduction: %v (%d preemptions); without: %v (%d)", with.Failure, with.Preemptions, without.Failure, without.Preemptions)
	}
	gil := explore(t, plusProgram, eml.PolicyGIL, counterCheck, schedule.ExploreOptions{Preemptions: 2})
	gilAll := explore(t, plusProgram, eml.PolicyGIL, counterCheck, schedule.ExploreOptions{Preemptions: 2, NoReduction: true})
	if !gil.Complete || !gilAll.Complete {
		t.Fatalf("gil: %s / %s", gil.Summary(2), gilAll.Summary(2))
	}
	eml2 := explore(t, plusProgram, eml.PolicyEML, func(*schedule.Result) error { return nil }, schedule.ExploreOptions{Preemptions: 2})
	eml2All := explore(t, plusProgram, eml.PolicyEML, func(*schedule.Result) error { return nil }, schedule.ExploreOptions{Preemptions: 2, NoReduction: true})
	if eml2.Runs >= eml2All.Runs || eml2.Pruned == 0 {
		t.Errorf("the reduction saved nothing: %d schedules with it, %d without (%d pruned)", eml2.Runs, eml2All.Runs, eml2.Pruned)
	}
	t.Logf("free, first failure: %d schedules with the reduction, %d without", with.Runs, without.Runs)
	t.Logf("eml, all schedules up to 2 preemptions: %s; without the reduction: %s", eml2.Summary(2), eml2All.Summary(2))
	t.Logf("gil: %s", gil.Summary(2))
	if !strings.Contains(gil.Summary(2), "verified for all schedules up to 2 preemptions") {
		t.Errorf("summary %q", gil.Summary(2))
	}
}
