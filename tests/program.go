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
	numOps
)

var opNames = [...]string{
	OpLegacy: "legacy_counter.increment()", OpPorted: "ported_counter.increment()",
	OpPlus1: "plain += 1", OpPlusCall: "called += one()",
	OpPairsAdd: "legacy_pairs.add(x)", OpPairsPeek: "peek at legacy_pairs",
	OpBlocking: "blocking_io.read(0)", OpCallback: "callback.apply(ident, [1, 2])",
	OpReentrant: "reentrant.call(legacy_counter.increment)", OpTimer: "timer.wait(timer.start(ident, 2))",
	OpFaulty: "faulty.update(x), caught",
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

// Source renders the program as .rwa assembly.
func (p Program) Source() string {
	var b strings.Builder
	b.WriteString(prelude)
	if p.Barrier {
		b.WriteString("    BUILD_LIST 0\n    STORE_NAME ready\n    BUILD_LIST 0\n    STORE_NAME order\n")
	}
	for i := range p.Threads {
		fmt.Fprintf(&b, "    LOAD_CONST @worker%d\n    MAKE_FUNCTION 0\n    STORE_NAME worker%d\n", i+1, i+1)
	}
	for i := range p.Threads {
		fmt.Fprintf(&b, `    LOAD_NAME handles
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME worker%d
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
`, i+1)
	}
	if p.Barrier {
		b.WriteString(joinAll("handles", "_barrier") + "    LOAD_NAME print\n    LOAD_CONST \"ORDER\"\n    LOAD_NAME order\n    CALL 2\n    POP_TOP\n")
		b.WriteString(strings.Replace(epilogue, joinAll("handles", ""), "", 1))
	} else {
		b.WriteString(epilogue)
	}
	for i, ops := range p.Threads {
		fmt.Fprintf(&b, "\nfunc worker%d()\n", i+1)
		if p.Barrier {
			fmt.Fprintf(&b, barrierSource, len(p.Threads))
		}
		for j, o := range ops {
			if p.Barrier {
				fmt.Fprintf(&b, "    LOAD_GLOBAL order\n    LOAD_METHOD append\n    LOAD_CONST %d\n    CALL_METHOD 1\n    POP_TOP\n", i+1)
			}
			b.WriteString(opSource(o, 1000*(i+1)+j))
		}
		b.WriteString("    RETURN_CONST None\nend\n")
	}
	return b.String()
}

// barrierSource starts a worker of a Barrier program: it counts itself in
// and spins (at a backward jump, a safe point, so that stops and GIL
// hand-offs go on) until all %d workers have.
const barrierSource = `    LOAD_GLOBAL ready
    LOAD_METHOD append
    LOAD_CONST 1
    CALL_METHOD 1
    POP_TOP
barrier:
    LOAD_GLOBAL len
    LOAD_GLOBAL ready
    CALL 1
    LOAD_CONST %d
    COMPARE_OP <
    POP_JUMP_IF_FALSE released
    JUMP_BACKWARD barrier
released:
`

// opSource is the assembly of one operation; x is a value unique to it.
func opSource(o Op, x int) string {
	switch o {
	case OpLegacy:
		return "    LOAD_GLOBAL legacy_counter\n    LOAD_METHOD increment\n    CALL_METHOD 0\n    POP_TOP\n"
	case OpPorted:
		return "    LOAD_GLOBAL ported_counter\n    LOAD_METHOD increment\n    CALL_METHOD 0\n    POP_TOP\n"
	case OpPlus1:
		return "    LOAD_GLOBAL plain\n    LOAD_CONST 1\n    BINARY_OP +=\n    STORE_GLOBAL plain\n"
	case OpPlusCall:
		return "    LOAD_GLOBAL called\n    LOAD_GLOBAL one\n    CALL 0\n    BINARY_OP +=\n    STORE_GLOBAL called\n"
	case OpPairsAdd:
		return fmt.Sprintf("    LOAD_GLOBAL legacy_pairs\n    LOAD_METHOD add\n    LOAD_CONST %d\n    CALL_METHOD 1\n    POP_TOP\n", x)
	case OpPairsPeek:
		return "    LOAD_GLOBAL peek\n    CALL 0\n    POP_TOP\n"
	case OpBlocking:
		return "    LOAD_GLOBAL blocking_io\n    LOAD_METHOD read\n    LOAD_CONST 0\n    CALL_METHOD 1\n    POP_TOP\n"
	case OpCallback:
		return "    LOAD_GLOBAL callback\n    LOAD_METHOD apply\n    LOAD_GLOBAL ident\n    LOAD_CONST 1\n    LOAD_CONST 2\n    BUILD_LIST 2\n    CALL_METHOD 2\n    POP_TOP\n"
	case OpReentrant:
		return "    LOAD_GLOBAL reentrant\n    LOAD_METHOD call\n    LOAD_GLOBAL legacy_counter\n    LOAD_ATTR increment\n    CALL_METHOD 1\n    POP_TOP\n"
	case OpTimer:
		return "    LOAD_GLOBAL timer\n    LOAD_METHOD wait\n    LOAD_GLOBAL timer\n    LOAD_METHOD start\n    LOAD_GLOBAL ident\n    LOAD_CONST 2\n    CALL_METHOD 2\n    CALL_METHOD 1\n    POP_TOP\n"
	case OpFaulty:
		return fmt.Sprintf("    LOAD_GLOBAL attempt\n    LOAD_CONST %d\n    CALL 1\n    POP_TOP\n", x)
	}
	panic(fmt.Sprintf("tests: no source for %v", o))
}

// prelude imports the modules, sets up the shared state and the helper
// functions, and begins starting the threads.
const prelude = `module
    IMPORT_NAME thread
    STORE_NAME thread
    IMPORT_NAME legacy_counter
    STORE_NAME legacy_counter
    IMPORT_NAME ported_counter
    STORE_NAME ported_counter
    IMPORT_NAME legacy_pairs
    STORE_NAME legacy_pairs
    IMPORT_NAME blocking_io
    STORE_NAME blocking_io
    IMPORT_NAME callback
    STORE_NAME callback
    IMPORT_NAME reentrant
    STORE_NAME reentrant
    IMPORT_NAME timer
    STORE_NAME timer
    IMPORT_NAME faulty
    STORE_NAME faulty
    LOAD_CONST 0
    STORE_NAME plain
    LOAD_CONST 0
    STORE_NAME called
    BUILD_LIST 0
    STORE_NAME torn
    BUILD_LIST 0
    STORE_NAME faults
    LOAD_CONST @one
    MAKE_FUNCTION 0
    STORE_NAME one
    LOAD_CONST @ident
    MAKE_FUNCTION 0
    STORE_NAME ident
    LOAD_CONST @peek
    MAKE_FUNCTION 0
    STORE_NAME peek
    LOAD_CONST @attempt
    MAKE_FUNCTION 0
    STORE_NAME attempt
    BUILD_LIST 0
    STORE_NAME handles
`

// joinAll is the assembly of `for h in <list>: thread.join(h)` in a
// module body; suffix keeps its labels apart from another join's.
func joinAll(list, suffix string) string {
	return fmt.Sprintf(`    LOAD_NAME %[1]s
    GET_ITER
join%[2]s:
    FOR_ITER joined%[2]s
    STORE_NAME h
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME h
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD join%[2]s
joined%[2]s:
`, list, suffix)
}

// epilogue joins the threads and prints the outcome line, then defines
// the helpers; the workers follow it.
var epilogue = joinAll("handles", "") + `    LOAD_NAME blocking_io
    LOAD_METHOD counts
    CALL_METHOD 0
    UNPACK_SEQUENCE 2
    STORE_NAME started
    STORE_NAME finished
    LOAD_NAME print
    LOAD_CONST "OUTCOME"
    LOAD_NAME legacy_counter
    LOAD_METHOD value
    CALL_METHOD 0
    LOAD_NAME ported_counter
    LOAD_METHOD value
    CALL_METHOD 0
    LOAD_NAME plain
    LOAD_NAME called
    LOAD_NAME len
    LOAD_NAME torn
    CALL 1
    LOAD_NAME started
    LOAD_NAME finished
    LOAD_NAME timer
    LOAD_METHOD fired
    CALL_METHOD 0
    LOAD_NAME len
    LOAD_NAME faults
    CALL 1
    CALL 10
    POP_TOP
    RETURN_CONST None
end

func one()
    RETURN_CONST 1
end

func ident(x)
    LOAD_FAST x
    RETURN_VALUE
end

; peek(): items[-1] in index, read with no safe point between
func peek()
    locals items
    LOAD_GLOBAL legacy_pairs
    LOAD_ATTR items
    STORE_FAST items
    LOAD_GLOBAL len
    LOAD_FAST items
    CALL 1
    POP_JUMP_IF_FALSE fine
    LOAD_FAST items
    LOAD_CONST -1
    BINARY_SUBSCR
    LOAD_GLOBAL legacy_pairs
    LOAD_ATTR index
    CONTAINS_OP 0
    POP_JUMP_IF_TRUE fine
    LOAD_GLOBAL torn
    LOAD_METHOD append
    LOAD_CONST 1
    CALL_METHOD 1
    POP_TOP
fine:
    RETURN_CONST None
end

; attempt(x): faulty.update(x), which panics half-way; count the
; RuntimeError it raises
func attempt(x)
    SETUP_EXCEPT caught
    LOAD_GLOBAL faulty
    LOAD_METHOD update
    LOAD_FAST x
    CALL_METHOD 1
    POP_TOP
    POP_BLOCK
    RETURN_CONST None
caught:
    LOAD_GLOBAL RuntimeError
    CHECK_EXC_MATCH
    POP_JUMP_IF_FALSE other
    POP_TOP
    LOAD_GLOBAL faults
    LOAD_METHOD append
    LOAD_CONST 1
    CALL_METHOD 1
    POP_TOP
    POP_EXCEPT
    RETURN_CONST None
other:
    RERAISE
end
`
