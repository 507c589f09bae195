package stdlib_test

import (
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// runSource runs a Python program under policy and returns its stdout
// and stderr.
func runSource(t *testing.T, policy eml.Policy, src string) (string, string) {
	t.Helper()
	var out, errb strings.Builder
	status := python.Run(core.Config{Policy: policy, Stdout: &out, Stderr: &errb}, "prog.py", []byte(src))
	if status != 0 && errb.Len() == 0 {
		t.Fatalf("exit status %d with no message", status)
	}
	return out.String(), errb.String()
}

// TestOSEnvironReadOnly: os.environ is a read-only mapping in rwgil (a
// documented difference): assigning raises TypeError and changes nothing.
func TestOSEnvironReadOnly(t *testing.T) {
	t.Setenv("RWGIL_TEST_VAR", "value")
	out, stderr := runSource(t, eml.PolicyGIL, `
import os
print(os.environ["RWGIL_TEST_VAR"], os.getenv("RWGIL_TEST_VAR"))
try:
    os.environ["RWGIL_TEST_VAR"] = "other"
except TypeError as e:
    print("TypeError")
print(os.environ["RWGIL_TEST_VAR"])
`)
	if want := "value value\nTypeError\nvalue\n"; out != want || stderr != "" {
		t.Errorf("got %q (stderr %q), want %q", out, stderr, want)
	}
}
