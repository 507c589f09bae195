package schedule_test

import (
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// TestPCTChoices checks PCT against its definition on drawn choice
// points: every answer is an alternative; without a change point the
// answer is the task of highest priority, which stays the same task
// whenever it is among the alternatives; at most depth-1 change points
// are taken, each dropping the deciding task below every task that has
// not dropped, so that it is not chosen again while one of those can run.
func TestPCTChoices(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		depth := rapid.IntRange(1, 4).Draw(t, "depth")
		steps := rapid.IntRange(1, 60).Draw(t, "steps")
		c := schedule.PCT(rapid.Uint64().Draw(t, "seed"), depth, steps)
		favourite := map[string]int{} // the winner among a set of tasks, while nothing dropped
		dropped := map[int]bool{}
		for i := 1; i <= steps+5; i++ {
			tasks := rapid.SliceOfNDistinct(rapid.IntRange(0, 5), 2, 6, rapid.ID[int]).Draw(t, "tasks")
			stay := rapid.Bool().Draw(t, "stay")
			p := schedule.Point{N: len(tasks), Tasks: tasks, By: tasks[0], Stay: stay}
			before := len(c.Changes())
			got := c.Choose(p)
			if got < 0 || got >= p.N {
				t.Fatalf("choice %d: answer %d, want one of 0..%d", i, got, p.N-1)
			}
			changes := c.Changes()
			if len(changes) > before {
				ch := changes[len(changes)-1]
				if ch.Choice != i || ch.Task != p.By {
					t.Fatalf("change point %+v at choice %d by task %d", ch, i, p.By)
				}
				dropped[p.By] = true
				clear(favourite) // priorities changed
			}
			if dropped[tasks[got]] {
				for _, id := range tasks {
					if !dropped[id] {
						t.Fatalf("choice %d chose task %d, which dropped, over task %d, which did not (tasks %v)", i, tasks[got], id, tasks)
					}
				}
			}
			key := fmtSet(tasks)
			if w, ok := favourite[key]; ok && w != tasks[got] {
				t.Fatalf("choice %d: among %v chose task %d, before task %d, with no change point between", i, tasks, tasks[got], w)
			}
			favourite[key] = tasks[got]
		}
		if n := len(c.Changes()); n > depth-1 {
			t.Fatalf("%d change points at depth %d", n, depth)
		}
	})
}

func fmtSet(ids []int) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	b := make([]byte, 0, len(s))
	for _, id := range s {
		b = append(b, byte('0'+id))
	}
	return string(b)
}

// TestPCTReplays runs the counter program twice under the same PCT seed,
// and once under a replay of its choices: the runs are the same; its
// bound counts the four threads.
func TestPCTReplays(t *testing.T) {
	code := assemble(t, "counter.rwa", counterProgram(evenly(3, 2)...))
	k, err := schedule.CountChoices(code, configFor(eml.PolicyFree))
	if err != nil {
		t.Fatal(err)
	}
	a := run(t, code, schedule.PCT(7, 3, k), eml.PolicyFree, schedule.Options{})
	b := run(t, code, schedule.PCT(7, 3, k), eml.PolicyFree, schedule.Options{})
	c := run(t, code, schedule.Replay(a.Choices), eml.PolicyFree, schedule.Options{})
	if !slices.Equal(a.Choices, b.Choices) || a.Stdout != b.Stdout || a.Stdout != c.Stdout || !slices.Equal(a.Choices, c.Choices) {
		t.Fatalf("PCT seed 7 ran differently:\n%v %q\n%v %q\nreplay %v %q", a.Choices, a.Stdout, b.Choices, b.Stdout, c.Choices, c.Stdout)
	}
	one := schedule.PCT(7, 1, k)
	run(t, code, one, eml.PolicyFree, schedule.Options{})
	if b := one.Bound(); b.Tasks != 4 || b.P != 0.25 {
		t.Errorf("PCT depth 1 bound %+v, want 4 tasks and 1/4", b)
	}
}

// configFor is RunProgram's configuration under p, with the bundled
// modules.
func configFor(p eml.Policy) schedule.Config {
	return schedule.Config{Runtime: core.Config{Policy: p}, Setup: extensions.RegisterBundled}
}

// TestRapidSwitches: every Rapid draw that names another task switches
// (the next runnable task if the one named cannot run), so a rapid
// schedule preempts at a good share of its choice points -- about one in
// five draws names a task -- rather than the one in eighty of a chooser
// whose draws often named a task that could not run. The share is
// measured over the cases rapid generates for the counter program, and
// must be above one in twenty.
func TestRapidSwitches(t *testing.T) {
	code := assemble(t, "counter.rwa", counterProgram(evenly(3, 2)...))
	var choices, preemptions int
	rapid.Check(t, func(rt *rapid.T) {
		res := run(rt, code, schedule.Rapid(rt), eml.PolicyFree, schedule.Options{})
		choices += len(res.Choices)
		preemptions += res.Preemptions
	})
	t.Logf("%d preemptions in %d choices: one in %.1f", preemptions, choices, float64(choices)/float64(max(preemptions, 1)))
	if preemptions*20 < choices {
		t.Errorf("%d preemptions in %d choices: fewer than one in twenty", preemptions, choices)
	}
}
