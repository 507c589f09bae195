package tests

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/schedule"
)

// g8HandshakeProgram: a core thread counts loop iterations (one safe
// point each, at the backward jump) from the moment it says it has
// started; only then does the main thread start two promoters, each
// making n unported calls -- witness.sample(globals()), n stops of the
// world each, which record the iteration count from inside the stop --
// join them, and set stop. It prints "G8 [samples]".
func g8HandshakeProgram(n int) string {
	return strings.ReplaceAll(`module
    IMPORT_NAME thread
    STORE_NAME thread
    IMPORT_NAME witness
    STORE_NAME witness
    LOAD_CONST False
    STORE_NAME stop
    LOAD_CONST False
    STORE_NAME started
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
wait:
    LOAD_NAME started
    POP_JUMP_IF_TRUE go
    JUMP_BACKWARD wait
go:
    BUILD_LIST 0
    STORE_NAME hs
    LOAD_NAME hs
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME promoter
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME hs
    LOAD_METHOD append
    LOAD_NAME thread
    LOAD_METHOD start
    LOAD_NAME promoter
    CALL_METHOD 1
    CALL_METHOD 1
    POP_TOP
`+joinAll("hs", "")+`    LOAD_CONST True
    STORE_NAME stop
    LOAD_NAME thread
    LOAD_METHOD join
    LOAD_NAME c
    CALL_METHOD 1
    POP_TOP
    LOAD_NAME print
    LOAD_CONST "G8"
    LOAD_NAME witness
    LOAD_METHOD samples
    CALL_METHOD 0
    CALL 2
    POP_TOP
    RETURN_CONST None
end

func core_thread()
    LOAD_CONST True
    STORE_GLOBAL started
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
    LOAD_GLOBAL witness
    LOAD_METHOD sample
    LOAD_GLOBAL globals
    CALL 0
    CALL_METHOD 1
    POP_TOP
    JUMP_BACKWARD again
finished:
    RETURN_CONST None
end
`, "LOAD_CONST N", fmt.Sprintf("LOAD_CONST %d", n))
}

// TestG8ParkedThreadRunsBeforeNextStop: G8's mechanism under every
// schedule rapid tries. Every stop of the world parks the core thread at
// the safe point of its loop, and the next stop waits until the threads
// the last one parked have resumed, so the core thread runs on to its
// next safe point -- one iteration -- between any two stops, whatever the
// schedule: the iteration counts sampled inside consecutive stops must
// strictly increase. A stop that did not wait for the parked threads
// would suspend the core thread again before it ran; a safe point that
// did not park would leave the stopper waiting for ever, which the step
// bound turns into a failed run. (The real-mode
// TestG8PromotionsDoNotStarve counts the same over a whole run, with a
// margin.)
func TestG8ParkedThreadRunsBeforeNextStop(t *testing.T) {
	const n = 3
	code, err := bytecode.Assemble("g8.rwa", []byte(g8HandshakeProgram(n)))
	if err != nil {
		t.Fatal(err)
	}
	cfg := schedule.Config{
		Runtime: core.Config{Policy: eml.PolicyEML},
		Setup:   withWitness(python.RegisterModules),
		Options: schedule.Options{MaxSteps: 200_000},
	}
	if !checksExplicit {
		defer setRapidFlags(map[string]string{"rapid.checks": holdsChecks})()
	}
	tight, cases := 0, 0
	rapid.Check(t, func(rt *rapid.T) {
		res, err := schedule.RunProgram(code, schedule.Rapid(rt), cfg)
		if err != nil {
			rt.Fatal(err)
		}
		if res.Aborted != nil || res.Exception != "" {
			rt.Fatalf("the run did not finish: aborted %v, exception %q", res.Aborted, res.Exception)
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(res.Stdout), "G8 [")
		if !ok {
			rt.Fatalf("unexpected output %q", res.Stdout)
		}
		var samples []int
		for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == ']' }) {
			var v int
			if _, err := fmt.Sscan(f, &v); err != nil {
				rt.Fatalf("unexpected output %q", res.Stdout)
			}
			samples = append(samples, v)
		}
		if len(samples) != 2*n {
			rt.Fatalf("%d samples from %d unported calls: %v", len(samples), 2*n, samples)
		}
		cases++
		pressed := false
		for i := 1; i < len(samples); i++ {
			if samples[i] <= samples[i-1] {
				rt.Fatalf("the core thread made no iteration between stop %d and stop %d (iterations sampled in the stops: %v): a stop suspended it again before it ran\n%s%s",
					i, i+1, samples, schedule.FormatChoices(res.Choices), res.Table(30))
			}
			pressed = pressed || samples[i] == samples[i-1]+1
		}
		if pressed {
			tight++
		}
	})
	if t.Failed() {
		return
	}
	// Evidence that the schedules pressed the bound: runs where the core
	// thread made exactly one iteration between two stops.
	t.Logf("%d schedules, %d of them holding the core thread to one iteration between two stops", cases, tight)
	if tight == 0 {
		t.Errorf("in none of %d schedules was the core thread held to one iteration between two stops: the bound was never tested", cases)
	}
}
