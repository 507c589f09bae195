package core

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/eml"
)

// execFile assembles testdata/exec/name.
func execFile(t *testing.T, name string) *bytecode.Code {
	t.Helper()
	return execFileIn(t, "exec", name)
}

// execFileIn assembles testdata/dir/name.
func execFileIn(t *testing.T, dir, name string) *bytecode.Code {
	t.Helper()
	path := filepath.Join("testdata", dir, name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	code, err := bytecode.Assemble(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// TestExec runs the programs of testdata/exec through Runtime.Exec under
// every policy and checks what the Result says: the uncaught exception
// (text, type, message, frames), the thread errors, the output, and that
// the runtime closes clean afterwards.
func TestExec(t *testing.T) {
	for _, p := range eml.Policies() {
		t.Run(p.String(), func(t *testing.T) {
			var out, errOut bytes.Buffer
			rt, err := NewRuntime(Config{Policy: p, Stdout: &out, Stderr: &errOut, TrackObjects: true})
			if err != nil {
				t.Fatal(err)
			}

			res, err := rt.Exec(execFile(t, "raises.rwa"))
			if err != nil {
				t.Fatalf("Exec(raises.rwa): %v", err)
			}
			wantTB := []TraceEntry{
				{"raises.rwa", 10, "<module>"}, {"raises.rwa", 16, "outer"}, {"raises.rwa", 23, "inner"},
			}
			if res.ExceptionType != "KeyError" || res.ExceptionMessage != "'missing'" || !reflect.DeepEqual(res.Traceback, wantTB) {
				t.Errorf("raises.rwa: got %s(%s) at %v\nwant KeyError('missing') at %v", res.ExceptionType, res.ExceptionMessage, res.Traceback, wantTB)
			}
			wantText := "Traceback (most recent call last):\n" +
				"  File \"raises.rwa\", line 10, in <module>\n" +
				"  File \"raises.rwa\", line 16, in outer\n" +
				"  File \"raises.rwa\", line 23, in inner\n" +
				"KeyError: 'missing'\n"
			if res.Exception != wantText || !res.Failed() {
				t.Errorf("raises.rwa: Exception is\n%s\nwant\n%s(Failed %v)", res.Exception, wantText, res.Failed())
			}
			if len(res.ThreadErrors) != 0 {
				t.Errorf("raises.rwa: thread errors %q, want none", res.ThreadErrors)
			}

			res, err = rt.Exec(execFile(t, "threads.rwa"))
			if err != nil {
				t.Fatalf("Exec(threads.rwa): %v", err)
			}
			if res.Failed() || res.Exception != "" {
				t.Errorf("threads.rwa: the main thread ended normally, but Result says %q", res.Exception)
			}
			if len(res.ThreadErrors) != 2 {
				t.Fatalf("threads.rwa: %d thread errors, want 2: %q", len(res.ThreadErrors), res.ThreadErrors)
			}
			for _, r := range res.ThreadErrors {
				if !strings.HasPrefix(r, "Exception in thread Thread-") || !strings.HasSuffix(r, "ZeroDivisionError: division by zero\n") {
					t.Errorf("threads.rwa: thread error %q", r)
				}
				if !strings.Contains(errOut.String(), r) {
					t.Errorf("threads.rwa: thread error %q was not printed to Stderr (%q)", r, errOut.String())
				}
			}

			// The same __main__: done was set by threads.rwa.
			res, err = rt.Exec(execFile(t, "again.rwa"))
			if err != nil || res.Failed() || len(res.ThreadErrors) != 0 {
				t.Errorf("again.rwa: %v, %+v", err, res)
			}
			if got, want := out.String(), "fine\nTrue\n"; got != want {
				t.Errorf("stdout %q, want %q", got, want)
			}

			// A code object that does not validate does not run.
			bad := &bytecode.Code{Name: "<module>", Filename: "bad", Instrs: []bytecode.Instr{{Op: bytecode.JumpForward, Arg: 7}}}
			if res, err := rt.Exec(bad); err == nil || res != nil || !strings.Contains(err.Error(), "invalid code object") {
				t.Errorf("Exec(invalid code) = %+v, %v; want nil and an invalid code object error", res, err)
			}

			if err := rt.Close(); err != nil {
				t.Fatalf("Close after the Execs: %v", err)
			}
			if res, err := rt.Exec(execFile(t, "again.rwa")); !errors.Is(err, ErrRuntimeClosed) || res != nil {
				t.Errorf("Exec after Close = %+v, %v; want ErrRuntimeClosed", res, err)
			}
		})
	}
}

// TestNullMarkerRuns: a null marker on the stack when an argument raises
// is dropped by the handler's unwinding, never dereferenced, under every
// policy and both safe-point placements (the misuses of the marker are
// rejected by Validate: core/bytecode's TestNullMarker).
func TestNullMarkerRuns(t *testing.T) {
	src, err := os.ReadFile("bytecode/testdata/nullmarker/ok_nested.rwa")
	if err != nil {
		t.Fatal(err)
	}
	code, err := bytecode.Assemble("ok_nested.rwa", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range eml.Policies() {
		for _, sp := range []SafePointMode{SafePointsCalls, SafePointsEvery} {
			out := runProgram(t, Config{Policy: p, SafePoints: sp}, code)
			if string(out) != "A-b\ncaught\n" {
				t.Errorf("%v/%v: printed %q", p, sp, out)
			}
		}
	}
}
