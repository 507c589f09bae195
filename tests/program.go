package tests

import (
	"fmt"
	"strings"

	"pgregory.net/rapid"
)

// Op is one operation a generated thread performs: a core built-in, one
// of the FAQ's sequences, or a call into a bundled module.
type Op uint8

const (
	// OpLegacy is legacy_counter.increment(): an unported call doing a
	// slow read-modify-write of module state (G1).
	OpLegacy Op = iota
	// OpPorted is ported_counter.increment(): the same, ported, under a
	// lock of its own (G4).
	OpPorted
	// OpPlus1 is `plain += 1` on a global: no safe point inside (G3).
	OpPlus1
	// OpPlusCall is `called += one()`: the call is a safe point (G3).
	OpPlusCall
	// OpPairsAdd is legacy_pairs.add(x): an unported call that keeps two
	// structures in step only at its end (G1).
	OpPairsAdd
	// OpPairsPeek reads legacy_pairs.items[-1] and looks it up in
	// legacy_pairs.index with no safe point between; a miss -- the two
	// out of step, so an add was seen half-done -- appends to torn (G1).
	OpPairsPeek
	// OpBlocking is blocking_io.read(0): two halves of an unported call
	// around a blocking section (G1, G5).
	OpBlocking
	// OpCallback is callback.apply(ident, [1, 2]): an unported call that
	// calls back into Python (G5).
	OpCallback
	// OpReentrant is reentrant.call(legacy_counter.increment): a nested
	// promotion (G1, G5).
	OpReentrant
	// OpTimer is timer.wait(timer.start(ident, 2)): an extension's own
	// goroutine calling back in through Ensure, twice (G5).
	OpTimer
	// OpFaulty calls faulty.update(x), which panics half-way, and catches
	// the RuntimeError, appending to faults (G7).
	OpFaulty
	// OpWitness is witness.alone(): an unported call that counts the
	// other threads it finds attached while it runs (G1; tests/witness.go).
	OpWitness
	numOps
)

var opNames = [...]string{
	OpLegacy: "legacy_counter.increment()", OpPorted: "ported_counter.increment()",
	OpPlus1: "plain += 1", OpPlusCall: "called += one()",
	OpPairsAdd: "legacy_pairs.add(x)", OpPairsPeek: "peek at legacy_pairs",
	OpBlocking: "blocking_io.read(0)", OpCallback: "callback.apply(ident, [1, 2])",
	OpReentrant: "reentrant.call(legacy_counter.increment)", OpTimer: "timer.wait(timer.start(ident, 2))",
	OpFaulty:  "faulty.update(x), caught",
	OpWitness: "witness.alone()",
}

func (o Op) String() string {
	if o < numOps {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Program is a generated test program: each thread runs its operations
// in order; the main thread starts them all, joins them and prints the
// shared state (see Outcome).
type Program struct {
	Threads [][]Op
	// Barrier makes a program for a real-mode run: every worker waits at
	// a barrier until all have started (so that a search for a race does
	// not depend on the threads happening to start together), and
	// appends its number to a shared list before each operation, which
	// the main thread prints (Outcome.Order), so that a run can show that
	// the threads' operations interleaved.
	Barrier bool
}

// Count returns how many times the program performs op.
func (p Program) Count(op Op) int {
	n := 0
	for _, ops := range p.Threads {
		for _, o := range ops {
			if o == op {
				n++
			}
		}
	}
	return n
}

// Uses reports whether some thread performs op.
func (p Program) Uses(op Op) bool { return p.Count(op) > 0 }

// String lists the threads' operations, one thread a line.
func (p Program) String() string {
	var b strings.Builder
	for i, ops := range p.Threads {
		names := make([]string, len(ops))
		for j, o := range ops {
			names[j] = o.String()
		}
		fmt.Fprintf(&b, "Thread-%d: %s\n", i+1, strings.Join(names, "; "))
	}
	return b.String()
}

// DrawProgram draws a program of threads threads from t, each with up to
// maxOps operations drawn from ops. The thread count is fixed and a
// thread may draw no operations at all: the shrinker removes a thread
// from the story by emptying it, which leaves every other thread -- and
// its stream of scheduling draws, see schedule.Rapid -- in place, where
// drawing fewer threads would shift everything drawn after.
func DrawProgram(t *rapid.T, ops []Op, threads, maxOps int) Program {
	p := Program{Threads: make([][]Op, threads)}
	for i := range p.Threads {
		p.Threads[i] = rapid.SliceOfN(rapid.SampledFrom(ops), 0, maxOps).Draw(t, fmt.Sprintf("Thread-%d", i+1))
	}
	return p
}

// Source renders the program as Python source, which the front end
// (python/compile) compiles: each thread is a function worker1, worker2,
// ... whose body is its operations, one statement a line, so that a
// schedule's steps name source lines a reader recognises.
func (p Program) Source() string {
	var b strings.Builder
	b.WriteString(prelude)
	if p.Uses(OpWitness) {
		// Only where used, so that the other programs -- and their
		// schedules in docs/atomicity.md -- stay as they were.
		b.WriteString("import witness\n")
	}
	if p.Barrier {
		b.WriteString("\n\nready = []\norder = []\n")
	}
	for i, ops := range p.Threads {
		fmt.Fprintf(&b, "\n\ndef worker%d():\n    global plain, called\n", i+1)
		if p.Barrier {
			fmt.Fprintf(&b, "    ready.append(1)\n    while len(ready) < %d:  # every worker waits until all have started\n        pass\n", len(p.Threads))
		}
		for j, o := range ops {
			if p.Barrier {
				fmt.Fprintf(&b, "    order.append(%d)\n", i+1)
			}
			b.WriteString("    " + OpSource(o, 1000*(i+1)+j) + "\n")
		}
		if len(ops) == 0 && !p.Barrier {
			b.WriteString("    pass\n")
		}
	}
	b.WriteString("\n\nhandles = []\n")
	for i := range p.Threads {
		fmt.Fprintf(&b, "handles.append(thread.start(worker%d))\n", i+1)
	}
	b.WriteString(epilogue)
	if p.Uses(OpWitness) {
		b.WriteString("print(\"WITNESS\", witness.crowded())\n")
	}
	if p.Barrier {
		b.WriteString("print(\"ORDER\", order)\n")
	}
	b.WriteString(outcome)
	return b.String()
}

// OpSource is the Python statement of one operation; x is a value unique
// to it.
func OpSource(o Op, x int) string {
	switch o {
	case OpLegacy:
		return "legacy_counter.increment()"
	case OpPorted:
		return "ported_counter.increment()"
	case OpPlus1:
		return "plain += 1"
	case OpPlusCall:
		return "called += one()"
	case OpPairsAdd:
		return fmt.Sprintf("legacy_pairs.add(%d)", x)
	case OpPairsPeek:
		return "peek()"
	case OpBlocking:
		return "blocking_io.read(0)"
	case OpCallback:
		return "callback.apply(ident, [1, 2])"
	case OpReentrant:
		return "reentrant.call(legacy_counter.increment)"
	case OpTimer:
		return "timer.wait(timer.start(ident, 2))"
	case OpFaulty:
		return fmt.Sprintf("attempt(%d)", x)
	case OpWitness:
		return "witness.alone()"
	}
	panic(fmt.Sprintf("tests: no source for %v", o))
}

// prelude imports the modules, sets up the shared state and the helper
// functions.
const prelude = `import thread
import legacy_counter
import ported_counter
import legacy_pairs
import blocking_io
import callback
import reentrant
import timer
import faulty

plain = 0
called = 0
torn = []
faults = []


def one():
    return 1


def ident(x):
    return x


def peek():
    # legacy_pairs.items[-1] looked up in legacy_pairs.index, with no safe
    # point between: a miss means an add was seen half-done
    items = legacy_pairs.items
    if items and items[-1] not in legacy_pairs.index:
        torn.append(1)


def attempt(x):
    # faulty.update panics half-way: count the RuntimeError it raises
    try:
        faulty.update(x)
    except RuntimeError:
        faults.append(1)
`

// epilogue joins the threads.
const epilogue = `for h in handles:
    thread.join(h)
`

// outcome prints the shared state (Outcome.parse reads it).
const outcome = `started, finished = blocking_io.counts()
print("OUTCOME", legacy_counter.value(), ported_counter.value(), plain, called,
      len(torn), started, finished, timer.fired(), len(faults))
`
