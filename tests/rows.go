package tests

import (
	"fmt"
	"strings"

	"github.com/anishathalye/porcupine"
	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/schedule"
)

// The catalogue's rows that are not made of generated Programs: G2,
// whose programs are operations on a shared list and dict judged by
// porcupine (g2.go), G8, one program of promotions measured from
// inside its stops, and G10, programs of interpreters sending values to
// each other under the isolation checker (g10.go). Each is checked under rapid's deterministic
// schedules like the other rows, with the same seed and case counts.

// G2Row is G2 as a catalogue row: the FAQ's atomic built-in operations
// are linearizable. A case is a program of g2DrawProgram run under
// g2Schedules schedules; each run's history must be one porcupine finds
// linearizable.
var G2Row = Guarantee{
	ID:     "G2",
	Title:  "the FAQ's atomic built-in operations are linearizable (porcupine's verdict on every history)",
	Expect: every(Holds),
}

// G8Row is G8 as a catalogue row: a promotion waits for bounded safe
// points, and a stream of promotions does not starve a core thread. It
// must hold under eml; the other policies stop nobody (gil and sticky
// hold the GIL already, free protects nothing), and are measured only.
var G8Row = Guarantee{
	ID:     "G8",
	Title:  "a promotion waits for a bounded count of safe points; a stream of promotions does not starve a core thread",
	Expect: map[eml.Policy]Verdict{eml.PolicyEML: Holds},
}

// measuredRows are the rows Catalogue measures itself, with where each
// goes among Guarantees (before the row of that index: docs/design.md's
// order).
var measuredRows = []struct {
	row    Guarantee
	before string
	run    func(c *Cell, checks int)
}{
	{G2Row, "G3a", runG2Cell},
	{G8Row, "", runG8Cell},
	{G10Row, "", runG10Cell},
}

// measured returns the function that checks a measured row's cell, or
// nil for a row of generated Programs.
func measured(id string) func(c *Cell, checks int) {
	for _, m := range measuredRows {
		if m.row.ID == id {
			return m.run
		}
	}
	return nil
}

// catalogueRows is every row, in docs/design.md's order.
func catalogueRows() []Guarantee {
	var out []Guarantee
	for _, g := range Guarantees {
		for _, m := range measuredRows {
			if m.before == g.ID {
				out = append(out, m.row)
			}
		}
		out = append(out, g)
	}
	for _, m := range measuredRows {
		if m.before == "" {
			out = append(out, m.row)
		}
	}
	return out
}

// runG2Cell checks G2 under c.Policy: checks programs, each under
// g2Schedules rapid-drawn schedules, every history handed to porcupine.
// Runs counts the runs, Switched those that preempted a thread; Detail
// says how many histories porcupine found linearizable and how many had
// operations of different threads overlap (where porcupine had orders to
// choose between).
func runG2Cell(c *Cell, checks int) {
	var linear, overlapped, unknown int
	tb := &recorder{name: "G2/" + c.Policy.String()}
	restore := setRapidFlags(map[string]string{"rapid.checks": fmt.Sprint(checks)})
	defer restore()
	var last string
	rapid.Check(tb, func(r *rapid.T) {
		p := g2DrawProgram(r)
		for i := range g2Schedules {
			cs, preemptions := g2RunScheduled(r, c.Policy, p)
			c.Runs++
			if preemptions > 0 {
				c.Switched++
			}
			if cs.overlapped {
				overlapped++
			}
			if len(cs.errs) > 0 {
				last = fmt.Sprintf("program:\n%voperations failed:\n  %s\n", p, strings.Join(cs.errs, "\n  "))
				r.Fatalf("%s", last)
			}
			switch porcupine.CheckOperationsTimeout(g2Model, cs.history, g2CheckTimeout) {
			case porcupine.Ok:
				linear++
			case porcupine.Unknown:
				unknown++
			default:
				last = fmt.Sprintf("program:\n%vporcupine: the history is not linearizable (schedule %d of the case: %s)\nhistory (time call..return, thread, operation -> result):\n%s",
					p, i+1, cs.schedule, g2FormatHistory(cs.history))
				r.Fatalf("%s", last)
			}
		}
	})
	c.Found = Holds
	if tb.failed {
		c.Found = Broken
		c.Counterexample = last
		if last == "" {
			c.Counterexample = strings.Join(tb.report, "\n") + "\n"
		}
	}
	c.Detail = fmt.Sprintf("porcupine found %d of %d histories linearizable (%d gave up, inconclusive); in %d the operations of different threads overlapped", linear, c.Runs, unknown, overlapped)
}

// G8Source is G8's program: a core thread counts loop iterations (one
// safe point each, at the loop's backward jump); once it runs, the main
// thread takes one sample and starts two promoters that make
// g8Promotions unported calls each -- witness.sample(globals()), each a
// stop of the world under eml, which records the iteration count and the
// lock's count of parks from inside the call -- and joins them. It
// prints "G8 [iterations...] [parks...]".
var G8Source = fmt.Sprintf(`import thread
import witness

stop = False
started = False
iterations = 0


def core_thread():
    global started, iterations
    started = True
    while not stop:
        iterations += 1


def promoter():
    for _ in range(%d):
        witness.sample(globals())


c = thread.start(core_thread)
while not started:
    pass
witness.sample(globals())
hs = [thread.start(promoter), thread.start(promoter)]
for h in hs:
    thread.join(h)
stop = True
thread.join(c)
print("G8", witness.samples(), witness.parks())
`, g8Promotions)

// g8Promotions is how many unported calls each of G8's promoters makes.
const g8Promotions = 3

// g8File names G8's program in its positions.
const g8File = "G8.py"

// g8Measure is what one run of G8's program showed.
type g8Measure struct {
	// worstParks is the most parks one stop made: the safe points that
	// promotion waited for (each parked thread reached one, at which it
	// parked). fewest is the fewest iterations the core thread made
	// between two consecutive unported calls.
	worstParks, fewest int
}

// runG8Cell runs G8's program under checks rapid-drawn schedules and
// measures, per run, the most safe points a stop waited for and the
// fewest loop iterations the core thread made between two unported
// calls. Under eml the guarantee is broken if some stop waited for more
// safe points than there are other threads, or if two stops came with no
// iteration between them.
func runG8Cell(c *Cell, checks int) { runG8(c, checks, eml.Bugs{}) }

// runG8 is runG8Cell with the lock's test-only bug switches set.
func runG8(c *Cell, checks int, bugs eml.Bugs) {
	code, err := compile.Compile(g8File, []byte(G8Source))
	if err != nil {
		c.Found, c.Counterexample = Broken, fmt.Sprintf("G8's program does not compile: %v\n", err)
		return
	}
	register := withWitness(python.RegisterModules)
	cfg := schedule.Config{Runtime: core.Config{Policy: c.Policy}, Options: schedule.Options{MaxSteps: 200_000},
		Setup: func(rt *core.Runtime) error {
			rt.Lock().SetBugs(bugs)
			return register(rt)
		}}
	const others = 3 // the main thread, the core thread, the other promoter
	worst, fewest := 0, -1
	tb := &recorder{name: "G8/" + c.Policy.String()}
	restore := setRapidFlags(map[string]string{"rapid.checks": fmt.Sprint(checks)})
	defer restore()
	var last string
	rapid.Check(tb, func(r *rapid.T) {
		res, err := schedule.RunProgram(code, schedule.Rapid(r), cfg)
		if err != nil {
			r.Fatal(err)
		}
		c.Runs++
		if res.Preemptions > 0 {
			c.Switched++
		}
		m, err := g8Parse(res)
		if err != nil {
			last = err.Error()
			r.Fatalf("%s", last)
		}
		worst = max(worst, m.worstParks)
		if fewest < 0 || m.fewest < fewest {
			fewest = m.fewest
		}
		if c.Expected != Holds {
			return
		}
		if m.worstParks > others || m.fewest < 1 {
			last = fmt.Sprintf("output %q: a stop waited for %d safe points (%d other threads); the core thread made %d iterations between two stops\nschedule: %s\n",
				strings.TrimSpace(res.Stdout), m.worstParks, others, m.fewest, schedule.FormatChoices(res.Choices))
			r.Fatalf("%s", last)
		}
	})
	c.Found = c.Expected
	if tb.failed {
		c.Found = Broken
		c.Counterexample = last
		if last == "" {
			c.Counterexample = strings.Join(tb.report, "\n") + "\n"
		}
	}
	c.Detail = fmt.Sprintf("the most safe points one promotion waited for: %d; the fewest core-thread iterations between two unported calls: %d", worst, fewest)
	if c.Policy == eml.PolicyAdaptive {
		// Its mode switches are stops of their own, between the samples.
		c.Detail = fmt.Sprintf("the most parks between two unported calls: %d (a promotion's safe points and the stops of the mode switches between the two calls); the fewest core-thread iterations between two unported calls: %d", worst, fewest)
	}
}

// g8Parse reads G8's output: the iteration counts and the lock's parks,
// sampled inside each unported call.
func g8Parse(res *schedule.Result) (g8Measure, error) {
	if err := schedule.Ended(res); err != nil {
		return g8Measure{}, err
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(res.Stdout), "G8 [")
	iters, parks, ok2 := strings.Cut(rest, "] [")
	if !ok || !ok2 {
		return g8Measure{}, fmt.Errorf("unexpected output %q", res.Stdout)
	}
	ints := func(s string) ([]int, error) {
		var out []int
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ']' }) {
			var v int
			if _, err := fmt.Sscan(f, &v); err != nil {
				return nil, fmt.Errorf("unexpected output %q", res.Stdout)
			}
			out = append(out, v)
		}
		return out, nil
	}
	is, err := ints(iters)
	if err != nil {
		return g8Measure{}, err
	}
	ps, err := ints(parks)
	if err != nil {
		return g8Measure{}, err
	}
	if want := 1 + 2*g8Promotions; len(is) != want || len(ps) != want {
		return g8Measure{}, fmt.Errorf("%d and %d samples from %d unported calls: %q", len(is), len(ps), want, res.Stdout)
	}
	m := g8Measure{fewest: -1}
	for i := 1; i < len(is); i++ {
		m.worstParks = max(m.worstParks, ps[i]-ps[i-1])
		if d := is[i] - is[i-1]; m.fewest < 0 || d < m.fewest {
			m.fewest = d
		}
	}
	return m, nil
}

// CellCount is how many cells Catalogue checks under policies (nil:
// every policy) with every row: a row's policies that docs/design.md
// judges, and every policy of a measured row.
func CellCount(policies []eml.Policy) int {
	if policies == nil {
		policies = eml.Policies()
	}
	n := 0
	for _, g := range catalogueRows() {
		for _, p := range policies {
			if g.Expect[p] != NotApplicable || measured(g.ID) != nil {
				n++
			}
		}
	}
	return n
}
