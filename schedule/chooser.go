package schedule

import (
	"fmt"
	"math/rand/v2"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/internal/mutant"
)

// A Chooser takes the Scheduler's decisions. At each choice point there
// are p.N >= 2 alternatives, numbered by the Scheduler so that 0 is always
// the default: the running thread goes on (when it can), the GIL holder
// keeps the GIL. A Chooser that always answers 0 switches only when it
// must.
type Chooser interface {
	// Choose returns a number in [0, p.N).
	Choose(p Point) int
}

// Point is a choice point.
type Point struct {
	// N is the number of alternatives, at least 2; alternative 0 is the
	// default.
	N int
	// Stay: alternative 0 is "go on as before" (the running task goes
	// on, the GIL holder keeps the GIL), so any other answer preempts.
	// Otherwise the deciding task has stopped and one of the others must
	// run.
	Stay bool
	// By is the id of the task deciding: the one at whose scheduling
	// point, stop or safe point the choice comes (-1 if none). Scheduler
	// tasks are numbered in creation order, the same in every run of a
	// program up to the choice.
	By int
	// Tasks, when the choice is which task runs next, holds each
	// alternative's task id; nil for a GIL handoff (0 keeps the GIL, 1
	// hands it over). The slice is the Scheduler's: a Chooser reads it
	// only during Choose.
	Tasks []int
	// Local (only under Options.Reduce) says that the deciding task, at
	// a switch point between two instructions, is about to run an
	// instruction that touches only its own state (eml.Step.Local): a
	// switch here is equivalent to the same switch one instruction later,
	// so an explorer need not take it.
	Local bool
}

// Random returns a Chooser drawing each decision uniformly from a PRNG
// seeded with seed: the same seed gives the same schedule.
func Random(seed uint64) Chooser {
	return &randomChooser{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

type randomChooser struct{ r *rand.Rand }

func (c *randomChooser) Choose(p Point) int { return c.r.IntN(p.N) }

// Rapid returns a Chooser that draws each decision from t, so that the
// schedule is part of rapid's input: a failing schedule is replayed with
// the test case, and shrinks with it. The draws panic the way rapid ends
// a test case; the Scheduler hands that panic back to the driver, which
// raises it on t's goroutine.
//
// The draws are laid out so that the shrinker can take a schedule apart
// one switch at a time without the rest changing meaning:
//
//   - Each draw names a task, not a position in the list of
//     alternatives: "go on as before" or "run task k now". So a switch
//     and its switch back vanish together when the shrinker zeroes the
//     first (the switch back then names the running task: go on),
//     instead of the second turning into a switch elsewhere. If task k
//     cannot run then, the next task after k that can (in task order,
//     cyclically) runs: every draw that names another task is a real
//     switch.
//   - Each task has its own streams of draws, indexed by its own choice
//     points, drawn in blocks when the task is first seen. So a task's
//     decisions do not move when another task takes more or fewer steps:
//     a thread shrunk to no work leaves the others' schedule in place.
//
// That is what lets a failing schedule shrink to its few essential
// switches and the program around it to its fewest threads.
func Rapid(t *rapid.T) Chooser { return &rapidChooser{t: t} }

type rapidChooser struct {
	t *rapid.T
	// streams[2*id] is task id's stream for choices where it could go
	// on, streams[2*id+1] for choices it makes as it stops (park, exit):
	// kept apart because a task stops a few times in its life, and those
	// few decisions should keep their place however long it runs.
	streams []rapidStream
}

// rapidStream is one stream of draws and how many it has used.
type rapidStream struct {
	draws []int
	next  int
}

const (
	// A Rapid draw is in [0, rapidStay+rapidTasks): below rapidStay it
	// means "go on", from rapidStay up "run task v-rapidStay" (tasks
	// numbered past rapidTasks are reached modulo). The range is fixed --
	// it must not depend on the run, or a shrunk value would change
	// meaning with it -- and mostly "go on": rapid favours small values,
	// so about one draw in five names a task, and each such draw is a
	// switch unless it names the running task -- often enough to reach
	// races, rarely enough that a schedule has few switches to shrink
	// away.
	rapidStay  = 48
	rapidTasks = 16
	// A task's streams are drawn when the task is first seen, in task
	// order, rapidFirst draws for its running stream and rapidStops for
	// its stopping one, then rapidMore at a time as either runs out.
	rapidFirst = 32
	rapidStops = 4
	rapidMore  = 16
)

func (c *rapidChooser) draw(n int, label string) []int {
	v := make([]int, n)
	for i := range v {
		v[i] = rapid.IntRange(0, rapidStay+rapidTasks-1).Draw(c.t, label)
	}
	return v
}

// stream returns the stream for a choice of task id, drawing the first
// blocks of every task up to id not seen yet.
func (c *rapidChooser) stream(id int, stay bool) *rapidStream {
	for len(c.streams) <= 2*id+1 {
		t := len(c.streams) / 2
		c.streams = append(c.streams,
			rapidStream{draws: c.draw(rapidFirst, fmt.Sprintf("task %d", t))},
			rapidStream{draws: c.draw(rapidStops, fmt.Sprintf("task %d stops", t))})
	}
	if stay {
		return &c.streams[2*id]
	}
	return &c.streams[2*id+1]
}

func (c *rapidChooser) Choose(p Point) int {
	st := c.stream(max(p.By, 0), p.Stay)
	if st.next == len(st.draws) {
		st.draws = append(st.draws, c.draw(rapidMore, fmt.Sprintf("task %d", p.By))...)
	}
	v := st.draws[st.next]
	st.next++
	switch {
	case v < rapidStay, p.Stay && mutant.On(mutant.RapidNeverSwitches):
		return 0
	case p.Tasks == nil: // a GIL handoff: any "run" draw hands it over
		return 1 + (v-rapidStay)%(p.N-1)
	}
	// "Run task k": k if it can run; the deciding task itself means go
	// on; a task that cannot run now gives way to the next one that can,
	// in task order (cyclically), so that the draw is still a switch.
	want := v - rapidStay
	best, bestDist := 0, rapidTasks+1
	for i, id := range p.Tasks {
		if p.Stay && i == 0 {
			if id%rapidTasks == want {
				return 0
			}
			continue
		}
		if d := (id%rapidTasks - want + rapidTasks) % rapidTasks; d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}

// Replay returns a Chooser that follows a recorded schedule (what
// Scheduler.Choices returned), and answers 0 past its end.
func Replay(choices []int) Chooser { return ReplayChoices(NewChoices(choices)) }

// ReplayChoices is Replay for a run-length encoded schedule (a parsed
// schedule file), which it follows without expanding.
func ReplayChoices(c Choices) *ReplayChooser {
	return &ReplayChooser{runs: c.Runs(), total: c.Len()}
}

// ReplayChooser follows a recorded schedule; after the run, Past and Left
// say how well the schedule fitted it.
type ReplayChooser struct {
	runs  []ChoiceRun
	run   int   // the run the next choice comes from
	used  int64 // choices of runs[run] already taken
	total int64 // choices in the schedule
	taken int64 // choices taken from it
	past  int64 // choices asked for past its end (answered 0)
}

// Past is how many choices the run asked for after the schedule ran out
// (each answered 0).
func (c *ReplayChooser) Past() int64 { return c.past }

// Left is how many choices of the schedule the run never asked for.
func (c *ReplayChooser) Left() int64 { return c.total - c.taken }

// Choose implements Chooser.
func (c *ReplayChooser) Choose(p Point) int {
	if c.run >= len(c.runs) {
		c.past++
		return 0
	}
	c.taken++
	r := c.runs[c.run]
	if c.used++; c.used == r.Count {
		c.run, c.used = c.run+1, 0
	}
	return r.Choice
}
