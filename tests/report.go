package tests

import (
	"fmt"
	"strings"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/schedule"
)

// Scenario is the program's scenario as source: each thread that does
// something, and its statements.
func (p Program) Scenario() string {
	var b strings.Builder
	for i, ops := range p.Threads {
		if len(ops) == 0 {
			continue
		}
		fmt.Fprintf(&b, "Thread-%d:", i+1)
		for j, o := range ops {
			if j > 0 {
				b.WriteString(";")
			}
			b.WriteString(" " + OpSource(o, 1000*(i+1)+j))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Report replays the counterexample prog under choices with the
// scheduler's log on, checks g again, and returns the report that
// explains it (schedule.Explain); replay is the command line that
// replays it, for the report's last line.
func Report(g Guarantee, p eml.Policy, prog Program, cfg core.Config, choices []int, replay string, instructions bool) (string, error) {
	cfg.Policy = p
	o, err := RunScheduled(prog, schedule.Replay(choices), cfg, schedule.Options{MaxSteps: 1_000_000, Log: true})
	if err != nil {
		return "", err
	}
	broke := g.Check(prog, o)
	if broke == nil {
		return "", fmt.Errorf("tests: %s under %v: the schedule replays without breaking the guarantee", g.ID, p)
	}
	return schedule.Explain(o.Sched, schedule.ReportInput{
		Scenario:     prog.Scenario(),
		Source:       []byte(prog.Source()),
		Broke:        broke,
		Replay:       replay,
		Instructions: instructions,
	}), nil
}
