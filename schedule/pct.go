package schedule

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// PCT returns a Chooser for probabilistic concurrency testing (Burckhardt,
// Kothari, Musuvathi and Nagarakatte, "A Randomized Scheduler with
// Probabilistic Guarantees of Finding Bugs", ASPLOS 2010), seeded with
// seed, for bugs of depth depth (>= 1) in runs of about steps choice
// points (>= 1).
//
// Every task gets a random priority when it is first seen, above all of
// 1..depth-1; depth-1 change points are drawn uniformly, without
// repetition, from the choice points 1..steps. At each choice the
// runnable task of highest priority runs; at the i-th change point the
// task deciding (Point.By) drops to priority i, below every task that has
// not dropped, and the choice is taken with its new priority. A bug of
// depth d -- one that needs d ordering constraints between steps to
// happen -- is then found with probability at least 1/(n·k^(d-1)) per
// run, for n tasks and k choice points (Bound): unlike a uniformly random
// chooser, which spends its switches where they do not matter, PCT's few
// switches land anywhere in the run with equal chance.
//
// A GIL hand-off (Point.Tasks nil) is taken when the holder's priority is
// below that of a task that was runnable at the last choice of which task
// runs, or when a change point falls on it: a holder that has dropped lets
// the others have the GIL.
//
// steps is an estimate; choice points past it simply have no change
// point. RunPCT measures it with a run that never switches.
func PCT(seed uint64, depth, steps int) *PCTChooser {
	depth, steps = max(depth, 1), max(steps, 1)
	c := &PCTChooser{
		r:     rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d)),
		depth: depth, steps: steps,
		prio: map[int]float64{},
	}
	// depth-1 distinct change points in 1..steps (fewer if steps is
	// smaller).
	seen := map[int]bool{}
	for len(c.changes) < min(depth-1, steps) {
		k := 1 + c.r.IntN(steps)
		if !seen[k] {
			seen[k] = true
			c.changes = append(c.changes, k)
		}
	}
	slices.Sort(c.changes)
	return c
}

// PCTChooser is PCT's Chooser; after a run, Bound says what it
// guaranteed.
type PCTChooser struct {
	r            *rand.Rand
	depth, steps int
	// changes are the change points, ascending: the choice numbers
	// (from 1) at which the deciding task's priority drops.
	changes []int
	next    int // the first change point not reached
	// prio is each task's priority; initial ones are in [depth, depth+1).
	prio map[int]float64
	n    int // choices made
	last []int
	// dropped lists the change points taken: which task dropped at which
	// choice.
	dropped []PCTChange
}

// PCTChange is a change point PCT took: at choice Choice (from 1), task
// Task's priority dropped.
type PCTChange struct {
	Choice, Task int
}

// priority returns task id's priority, giving a new task a random one
// above every dropped priority. Ties, of probability zero, break by id.
func (c *PCTChooser) priority(id int) float64 {
	p, ok := c.prio[id]
	if !ok {
		p = float64(c.depth) + c.r.Float64()
		c.prio[id] = p
	}
	return p
}

// Choose implements Chooser.
func (c *PCTChooser) Choose(p Point) int {
	c.n++
	for _, id := range p.Tasks {
		c.priority(id)
	}
	if p.By >= 0 {
		c.priority(p.By)
	}
	changed := false
	if c.next < len(c.changes) && c.changes[c.next] == c.n {
		c.next++
		if p.By >= 0 {
			c.prio[p.By] = float64(c.next) // the i-th change point: priority i
			c.dropped = append(c.dropped, PCTChange{Choice: c.n, Task: p.By})
			changed = true
		}
	}
	if p.Tasks == nil { // a GIL hand-off: 1 hands it over
		if changed {
			return 1
		}
		mine := c.prio[p.By]
		for _, id := range c.last {
			if id != p.By && c.prio[id] > mine {
				return 1
			}
		}
		return 0
	}
	c.last = append(c.last[:0], p.Tasks...)
	best := 0
	for i, id := range p.Tasks {
		if c.prio[id] > c.prio[p.Tasks[best]] {
			best = i
		}
	}
	return best
}

// Changes returns the change points the run reached.
func (c *PCTChooser) Changes() []PCTChange { return append([]PCTChange(nil), c.dropped...) }

// PCTBound is what a PCT run guaranteed: a bug of depth Depth in a
// program of Tasks tasks and Steps choice points is found with
// probability at least P per run.
type PCTBound struct {
	Depth, Tasks, Steps int
	P                   float64
}

// Bound returns the run's guarantee, from the tasks it saw and the
// larger of the choice points it made and the estimate it was given.
func (c *PCTChooser) Bound() PCTBound {
	n := max(len(c.prio), 1)
	k := max(c.n, c.steps)
	return PCTBound{Depth: c.depth, Tasks: n, Steps: k, P: 1 / (float64(n) * math.Pow(float64(k), float64(c.depth-1)))}
}

func (b PCTBound) String() string {
	if b.Depth == 1 {
		return fmt.Sprintf("PCT depth 1: a bug of depth 1 is found with probability at least 1/n = 1/%d per run (n = %d threads)", b.Tasks, b.Tasks)
	}
	return fmt.Sprintf("PCT depth %d: a bug of depth %d is found with probability at least 1/(n·k^%d) = 1/%.0f per run (n = %d threads, k = %d choice points)",
		b.Depth, b.Depth, b.Depth-1, 1/b.P, b.Tasks, b.Steps)
}
