package core

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// assembleFile assembles a program of testdata.
func assembleFile(t testing.TB, path string) *bytecode.Code {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, err := bytecode.Assemble(path, src)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// runOnce runs code as __main__ on a fresh runtime and returns what it
// printed, and when it started and ended; the runtime must close with no
// leak and no refcount report. It may run on any goroutine.
func runOnce(cfg Config, code *bytecode.Code) (out string, start, end time.Time, err error) {
	var buf bytes.Buffer
	cfg.Stdout, cfg.TrackObjects = &buf, true
	rt, err := NewRuntime(cfg)
	if err != nil {
		return "", start, end, err
	}
	th := rt.NewThread("main")
	start = time.Now()
	r, runErr := th.Run(code)
	end = time.Now()
	if runErr == nil {
		mustOK(th.Attach())
		th.Decref(r)
		mustOK(th.Detach())
	} else {
		var e *Exception
		if errors.As(runErr, &e) {
			runErr = errors.New(e.FormatTraceback())
			mustOK(th.Attach())
			th.Decref(e)
			mustOK(th.Detach())
		}
	}
	err = errors.Join(runErr, th.Close(), rt.Close())
	return buf.String(), start, end, err
}

// TestSharedCodeTwoRuntimes is issue 12 item 10's regression test: two
// runtimes run one assembled program at the same time. Validate once
// wrote StackSize into the shared code object, which -race reported
// against the eval loop's read of it; now a code object is only read.
// The test goes on (within a time budget) until the two runs have
// overlapped in time, so the race detector has had the chance it needs.
func TestSharedCodeTwoRuntimes(t *testing.T) {
	code := assembleFile(t, "testdata/code/shared.rwa")
	const want = "449985000\n"
	deadline := time.Now().Add(20 * time.Second)
	for round := 0; ; round++ {
		var wg sync.WaitGroup
		var outs [2]string
		var starts, ends [2]time.Time
		var errs [2]error
		var gate sync.WaitGroup
		gate.Add(1)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				gate.Wait()
				outs[i], starts[i], ends[i], errs[i] = runOnce(Config{Policy: eml.Policies()[i%len(eml.Policies())]}, code)
			}()
		}
		gate.Done()
		wg.Wait()
		for i := range 2 {
			if errs[i] != nil || outs[i] != want {
				t.Fatalf("runtime %d: expected output %q, got %q (error: %v)", i, want, outs[i], errs[i])
			}
		}
		if starts[0].Before(ends[1]) && starts[1].Before(ends[0]) {
			t.Logf("the runs overlapped in round %d", round)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the two runs never overlapped in %d rounds: the test did not test anything", round+1)
		}
	}
}

// TestCodeChangedAfterRun: a runtime runs the code object as it was at
// its first run. Changing it afterwards -- here into code that Validate
// would refuse, and that would index out of range if it ran -- changes
// nothing, and the original is left as the caller made it (the runtime
// never writes it).
func TestCodeChangedAfterRun(t *testing.T) {
	code := assembleFile(t, "testdata/code/shared.rwa")
	var buf bytes.Buffer
	_, th := testRuntime(t, Config{Stdout: &buf})
	mustOK(th.Detach())
	r, err := th.Run(code)
	if err != nil {
		t.Fatal(err)
	}
	mustOK(th.Attach())
	th.Decref(r)
	mustOK(th.Detach())
	before := code.Clone()
	tri := code.Consts[0].(*bytecode.Code)
	saved0, savedSize, saved5 := tri.Instrs[0].Arg, tri.StackSize, code.Instrs[5].Arg
	tri.Instrs[0].Arg = 99 // LOAD_CONST of no constant
	tri.StackSize = 0
	code.Instrs[5].Arg = 1 << 20
	r, err = th.Run(code)
	if err != nil {
		t.Fatalf("expected the first version to run again, got %v", err)
	}
	mustOK(th.Attach())
	th.Decref(r)
	if got := buf.String(); got != "449985000\n449985000\n" {
		t.Fatalf("expected the output twice, got %q", got)
	}
	// A fresh runtime sees the changed code and refuses it.
	_, th2 := testRuntime(t, Config{})
	mustOK(th2.Detach())
	if _, err := th2.Run(code); err == nil {
		t.Fatalf("expected a fresh runtime to refuse the changed code")
	} else if want := "core: invalid code object"; !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Fatalf("expected %q, got %v", want, err)
	}
	tri.Instrs[0].Arg, tri.StackSize, code.Instrs[5].Arg = saved0, savedSize, saved5
	if !reflect.DeepEqual(code, before) {
		t.Fatalf("the runtime changed the code object:\nbefore:\n%s\nafter:\n%s", bytecode.Disassemble(before), bytecode.Disassemble(code))
	}
}
