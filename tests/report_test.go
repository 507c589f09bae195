package tests

import (
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// TestReports: the explorer finds each counterexample with the fewest
// preemptions, and its report shows the reads and writes with their
// values, only the threads that took part, the breaking switch marked,
// and a verdict in words.
func TestReports(t *testing.T) {
	for _, c := range []struct {
		id   string
		p    eml.Policy
		prog Program
		want []string
	}{
		{"G3a", eml.PolicyFree, Program{Threads: [][]Op{{}, {OpPlus1}, {OpPlus1}}}, []string{
			"| Thread-2 ", "| Thread-3 ", "LOAD_GLOBAL plain -> 0", "STORE_GLOBAL plain <- 1", "plain += 1",
			"<== this switch breaks it", "Thread-3 read plain = 0 after Thread-2 had read 0 and before it wrote 1: one update lost"}},
		{"G3b", eml.PolicyGIL, Program{Threads: [][]Op{{OpPlusCall}, {OpPlusCall}}}, []string{
			"LOAD_GLOBAL called -> 0", "STORE_GLOBAL called <- 1", "<== this switch breaks it", "one update lost"}},
		{"G1", eml.PolicyFree, Program{Threads: [][]Op{{OpPairsAdd}, {}, {OpPairsPeek}}}, []string{
			"calls legacy_pairs.add", "returns from legacy_pairs.add", "LOAD_ATTR items -> [1000]", "LOAD_ATTR index -> {}",
			"<== this switch breaks it", "Thread-3 read items = [1000], read index = {} while Thread-1 was inside legacy_pairs.add"}},
	} {
		g, _ := GuaranteeByID(c.id)
		code, _ := assemble(c.prog)
		check := func(res *schedule.Result) error {
			o := &Outcome{Stdout: res.Stdout, Exception: res.Exception, Aborted: res.Aborted, Sched: res}
			o.parse()
			return g.Check(c.prog, o)
		}
		e, err := schedule.Explore(schedule.ProgramRun(code, schedule.Config{Runtime: core.Config{Policy: c.p}, Setup: extensions.RegisterBundled}, check), schedule.Options{MaxSteps: 100000}, schedule.ExploreOptions{Preemptions: 2})
		if err != nil || e.Failure == nil {
			t.Fatal(err, e.Summary(2))
		}
		r, err := Report(g, c.p, c.prog, core.Config{}, e.Choices, "replay", false)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(r, w) {
				t.Errorf("%s under %v: the report lacks %q:\n%s", c.id, c.p, w, r)
			}
		}
		if strings.Contains(r, "| Thread-2 ") && c.id == "G1" {
			t.Errorf("G1: Thread-2 did nothing and has a column:\n%s", r)
		}
	}
}
