package tests

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/schedule"
)

// stickyProgram is G9's program: two threads each do `before += 1` k
// times, are joined, then the main thread imports legacy_counter -- an
// unported module, which turns sticky's GIL on -- and two threads each do
// `after += 1` k times. It prints "G9 before after".
func stickyProgram(k int) string {
	phase := func(name string) string {
		return fmt.Sprintf(`    BUILD_LIST 0
    STORE_NAME hs
    LOAD_NAME range
    LOAD_CONST 2
    CALL 1
    GET_ITER
start_%[1]s:
    FOR_ITER started_%[1]s
    POP_TOP
    LOAD_NAME hs
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME bump_%[1]s
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD start_%[1]s
started_%[1]s:
`, name) + joinAll("hs", "_"+name)
	}
	bump := func(name string) string {
		return fmt.Sprintf(`
func bump_%[1]s()
    LOAD_NAME range
    LOAD_CONST %[2]d
    CALL 1
    GET_ITER
loop:
    FOR_ITER done
    POP_TOP
    LOAD_GLOBAL %[1]s
    LOAD_CONST 1
    BINARY_OP +=
    STORE_GLOBAL %[1]s
    JUMP_BACKWARD loop
done:
    RETURN_CONST None
end
`, name, k)
	}
	return `module
    IMPORT_NAME thread
    STORE_NAME thread
    LOAD_CONST 0
    STORE_NAME before
    LOAD_CONST 0
    STORE_NAME after
    LOAD_CONST @bump_before
    MAKE_FUNCTION 0
    STORE_NAME bump_before
    LOAD_CONST @bump_after
    MAKE_FUNCTION 0
    STORE_NAME bump_after
` + phase("before") + `    IMPORT_NAME legacy_counter
    STORE_NAME legacy_counter
` + phase("after") + `    LOAD_NAME print
    LOAD_CONST "G9"
    LOAD_NAME before
    LOAD_NAME after
    CALL 3
    POP_TOP
    RETURN_CONST None
end
` + bump("before") + bump("after")
}

// g9Counts parses the program's "G9 before after" line.
func g9Counts(t interface{ Fatalf(string, ...any) }, stdout string) (before, after int) {
	if _, err := fmt.Sscanf(stdout, "G9 %d %d", &before, &after); err != nil {
		t.Fatalf("unexpected output %q", stdout)
	}
	return before, after
}

// TestG9StickyFreeThenGIL: under sticky, `+= 1` loses updates before the
// first unported import -- the runtime is free-threaded -- and never
// after it, when the GIL is on. Deterministic mode: rapid must find a
// schedule losing an update before the import (and shrink it), and no
// schedule may lose one after. Real mode: a run with many increments
// loses some before the import and none after.
func TestG9StickyFreeThenGIL(t *testing.T) {
	const k = 2
	code, err := bytecode.Assemble("g9.rwa", []byte(stickyProgram(k)))
	if err != nil {
		t.Fatal(err)
	}
	cfg := schedule.Config{Runtime: core.Config{Policy: eml.PolicySticky}, Setup: extensions.RegisterBundled}
	t.Run("deterministic/free before the import", func(t *testing.T) {
		var shrunk *schedule.Result
		expectFailure(t, shrinkTime, func(rt *rapid.T) {
			res, err := schedule.RunProgram(code, schedule.Rapid(rt), cfg)
			if err != nil {
				rt.Fatal(err)
			}
			if before, _ := g9Counts(rt, res.Stdout); before != 2*k {
				shrunk = res
				rt.Fatalf("before the import: %d of %d updates", before, 2*k)
			}
		})
		t.Logf("sticky lost an update before the import; shrunk schedule (%d switches):\n%s%s", shrunk.Preemptions, schedule.FormatChoices(shrunk.Choices), shrunk.Table(30))
	})
	t.Run("deterministic/GIL after the import", func(t *testing.T) {
		switched := 0
		rapid.Check(t, func(rt *rapid.T) {
			res, err := schedule.RunProgram(code, schedule.Rapid(rt), cfg)
			if err != nil {
				rt.Fatal(err)
			}
			if _, after := g9Counts(rt, res.Stdout); after != 2*k {
				rt.Fatalf("after the import: %d of %d updates, with the GIL on; schedule:\n%s", after, 2*k, res.Table(30))
			}
			if res.Switches > 0 {
				switched++
			}
		})
		if switched == 0 {
			t.Error("no schedule switched the GIL between the threads after the import")
		}
	})
	t.Run("real", func(t *testing.T) {
		const big = 20000
		code, err := bytecode.Assemble("g9.rwa", []byte(stickyProgram(big)))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		attempt := 1
		for ; attempt == 1 || time.Since(start) < realBudget; attempt++ {
			out, err := runCode(code, core.Config{Policy: eml.PolicySticky})
			if err != nil {
				t.Fatal(err)
			}
			before, after := g9Counts(t, out)
			if after != 2*big {
				t.Fatalf("after the import: %d of %d updates, with the GIL on", after, 2*big)
			}
			if before < 2*big {
				t.Logf("attempt %d: %d of %d updates before the import, all %d after", attempt, before, 2*big, after)
				return
			}
		}
		t.Errorf("%d runs in %v of two threads doing %d `+= 1` each never lost an update before the import: sticky did not run the threads in parallel", attempt-1, time.Since(start).Round(time.Millisecond), big)
	})
}

// runCode runs code with real goroutines and returns its stdout.
func runCode(code *bytecode.Code, cfg core.Config) (string, error) {
	var out, stderr syncBuffer
	cfg.Stdout, cfg.Stderr = &out, &stderr
	rt, err := core.NewRuntime(cfg)
	if err != nil {
		return "", err
	}
	if err := extensions.RegisterBundled(rt); err != nil {
		return "", errors.Join(err, rt.Close())
	}
	res, err := rt.Exec(code)
	if err == nil && res.Exception != "" {
		err = fmt.Errorf("the program raised:\n%s", res.Exception)
	}
	return out.String(), errors.Join(err, rt.Close())
}

// g8Program: one core thread counts loop iterations (one safe point
// each, at the backward jump) until three promoter threads, each making
// n unported calls, have been joined and the main thread sets stop. It
// prints "G8 iterations".
func g8Program(n int) string {
	return strings.ReplaceAll(`module
    IMPORT_NAME thread
    STORE_NAME thread
    IMPORT_NAME legacy_counter
    STORE_NAME legacy_counter
    LOAD_CONST False
    STORE_NAME stop
    LOAD_CONST 0
    STORE_NAME iterations
    LOAD_CONST @core_thread
    MAKE_FUNCTION 0
    STORE_NAME core_thread
    LOAD_CONST @promoter
    MAKE_FUNCTION 0
    STORE_NAME promoter
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME core_thread
    CALL_METHOD 1
    STORE_NAME c
    BUILD_LIST 0
    STORE_NAME hs
    LOAD_NAME range
    LOAD_CONST 3
    CALL 1
    GET_ITER
spawn:
    FOR_ITER spawned
    POP_TOP
    LOAD_NAME hs
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME promoter
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD spawn
spawned:
`+joinAll("hs", "")+`    LOAD_CONST True
    STORE_NAME stop
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME c
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "G8"
    LOAD_NAME iterations
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func core_thread()
loop:
    LOAD_GLOBAL stop
    POP_JUMP_IF_TRUE out
    LOAD_GLOBAL iterations
    LOAD_CONST 1
    BINARY_OP +=
    STORE_GLOBAL iterations
    JUMP_BACKWARD loop
out:
    RETURN_CONST None
end

func promoter()
    LOAD_NAME range
    LOAD_CONST N
    CALL 1
    GET_ITER
again:
    FOR_ITER finished
    POP_TOP
    LOAD_GLOBAL legacy_counter
    LOAD_METHOD increment
    CALL_METHOD 0
    POP_TOP
    JUMP_BACKWARD again
finished:
    RETURN_CONST None
end
`, "LOAD_CONST N", fmt.Sprintf("LOAD_CONST %d", n))
}

// TestG8PromotionsDoNotStarve: under eml, three threads making unported
// calls back to back -- a stream of promotions, each stopping the world --
// do not starve a core thread: it is brought to a safe point by every
// stop and runs to its next one before the next stop, so its loop
// (one safe point an iteration) advances about once per promotion. The
// test counts the core thread's iterations against the lock's stops,
// with real goroutines, and that no stop parks a thread more than once (a
// promotion waits for one safe point per running thread); the lock-level
// mechanism is checked by eml's TestPromotionStreamDoesNotStarve.
func TestG8PromotionsDoNotStarve(t *testing.T) {
	const n = 200
	code, err := bytecode.Assemble("g8.rwa", []byte(g8Program(n)))
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	rt, err := core.NewRuntime(core.Config{Policy: eml.PolicyEML, Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	if err := extensions.RegisterBundled(rt); err != nil {
		t.Fatal(err)
	}
	res, err := rt.Exec(code)
	if err != nil {
		t.Fatal(err)
	}
	st := rt.Lock().Stats()
	if res.Exception != "" {
		t.Fatalf("the program raised:\n%s", res.Exception)
	}
	if err := rt.Close(); err != nil {
		t.Fatal(err)
	}
	var iterations int
	if _, err := fmt.Sscanf(out.String(), "G8 %d", &iterations); err != nil {
		t.Fatalf("unexpected output %q", out.String())
	}
	t.Logf("%d promotions by legacy_counter, %d stops of the world, %d parks, core thread made %d iterations; time to safepoint %v",
		st.PromotionsBy["legacy_counter"], st.Stops, st.Parks, iterations, st.TimeToSafepoint)
	if st.Stops < 3*n {
		t.Fatalf("%d stops for %d unported calls: the calls did not stop the world", st.Stops, 3*n)
	}
	// Each stop parks the core thread at a safe point and lets it run to
	// the next before another stop: at least one iteration per stop once
	// it runs. Half leaves room for the stops before it starts.
	if iterations < int(st.Stops)/2 {
		t.Errorf("the core thread made %d iterations over %d stops: the promotions starved it", iterations, st.Stops)
	}
	// Bounded safe points: a stop parks each other running thread (the
	// core thread and two promoters) once, at its next safe point -- it
	// never needs a thread to pass several.
	if st.Parks > 3*st.Stops {
		t.Errorf("%d parks for %d stops: a stop parked a thread more than once", st.Parks, st.Stops)
	}
}

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
