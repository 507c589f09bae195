package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/rwgil/rwgil/eml"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestCLI(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		stdout     string // substring expected on stdout ("" = must be empty)
		stderr     string // substring expected on stderr ("" = must be empty)
		stdoutSome bool   // stdout must be non-empty but is not checked further
	}{
		{args: nil, code: 2, stderr: "Usage: rwgil <command>"},
		{args: []string{"help"}, code: 0, stdout: "demo"},
		{args: []string{"--help"}, code: 0, stdout: "Commands:"},
		{args: []string{"help", "demo"}, code: 0, stdout: "-policy"},
		{args: []string{"help", "nope"}, code: 2, stderr: `unknown command "nope"`},
		{args: []string{"help", "a", "b"}, code: 2, stderr: "too many arguments"},
		{args: []string{"bogus"}, code: 2, stderr: `unknown command "bogus"`},
		{args: []string{"demo", "-h"}, code: 0, stdout: "Usage: rwgil demo"},
		{args: []string{"demo", "-policy", "nogil"}, code: 2, stderr: `unknown policy "nogil"`},
		{args: []string{"demo", "-mutex", "futex"}, code: 2, stderr: `unknown mutex kind "futex"`},
		{args: []string{"demo", "-threads", "x"}, code: 2, stderr: "-threads"},
		{args: []string{"demo", "-threads", "-3"}, code: 2, stderr: "-threads must be positive"},
		{args: []string{"demo", "-duration", "0s"}, code: 2, stderr: "-duration must be positive"},
		{args: []string{"demo", "stray"}, code: 2, stderr: `unexpected argument "stray"`},
		{args: []string{"demo", "-lock", "-duration", "20ms", "-policy", "eml,free"}, code: 0, stdout: "violations"},
		{args: []string{"demo", "-iterations", "0"}, code: 2, stderr: "-iterations must be positive"},
		{args: []string{"demo", "-checks", "-1"}, code: 2, stderr: "-checks must be positive"},
		{args: []string{"demo", "-markdown"}, code: 2, stderr: "-markdown goes with -atomicity"},
		{args: []string{"demo", "-atomicity", "-checks", "3"}, code: 0, stdout: "Every cell is as docs/design.md says", stderr: "guarantees: G1 under eml"},
		{args: []string{"demo", "-checks", "3", "-iterations", "5000", "-threads", "2"}, code: 0, stdout: "Where to look next", stderr: "workload: eml, core-only"},
		{args: []string{"bench"}, code: 2, stderr: "name an experiment, all, or list"},
		{args: []string{"bench", "-h"}, code: 0, stdout: "Usage: rwgil bench"},
		{args: []string{"bench", "list"}, code: 0, stdout: "amdahl        e3"},
		{args: []string{"bench", "list"}, code: 0, stdout: "speed"},
		{args: []string{"bench", "speed"}, code: 2, stderr: "name the CPython to compare with: -cpython PATH"},
		{args: []string{"bench", "speed", "-callgrind"}, code: 2, stderr: "name the CPython to compare with: -cpython PATH"},
		{args: []string{"bench", "e1", "-callgrind"}, code: 2, stderr: "-callgrind goes with speed"},
		{args: []string{"bench", "speed", "-repeat", "-1"}, code: 2, stderr: "want a positive number of rounds"},
		{args: []string{"bench", "nope"}, code: 2, stderr: `no experiment "nope"`},
		{args: []string{"bench", "cost", "-threads", "0"}, code: 2, stderr: "want thread counts from 1 to 1024"},
		{args: []string{"bench", "cost", "-repeat", "-1"}, code: 2, stderr: "want a positive number of rounds"},
		{args: []string{"bench", "cost", "-policies", "nogil"}, code: 2, stderr: `unknown policy "nogil"`},
		{args: []string{"bench", "all", "-plot", "x.svg"}, code: 2, stderr: "name one experiment"},
		{args: []string{"bench", "cost", "-plot", "x.gif"}, code: 2, stderr: "want a .svg or .png"},
		{args: []string{"bench", "cost", "-plots", "d"}, code: 2, stderr: "-plots goes with -markdown"},
		{args: []string{"bench", "cost", "-cpython", "/nonexistent/python"}, code: 2, stderr: "-cpython"},
		{args: []string{"bench", "convoy-client", "-port", "0"}, code: 2, stderr: "want the server's port"},
		{args: []string{"bench", "handoff", "-quick", "-json"}, code: 0, stdout: `"experiment":"handoff"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			expect := func(name string, got *bytes.Buffer, want string) {
				switch {
				case want == "" && got.Len() > 0:
					t.Errorf("%s = %q, want nothing", name, got)
				case !strings.Contains(got.String(), want):
					t.Errorf("%s = %q, want it to contain %q", name, got, want)
				}
			}
			expect("stdout", &stdout, tc.stdout)
			expect("stderr", &stderr, tc.stderr)
			if code == 2 && strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 && tc.args != nil {
				t.Errorf("a usage mistake must be reported on one line, got:\n%s", &stderr)
			}
		})
	}
}

// TestDemoJSON: rwgil demo -json prints the matrix and the workload
// table as one JSON object, every cell as docs/design.md says.
func TestDemoJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "-json", "-checks", "5", "-iterations", "5000", "-threads", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, &stderr)
	}
	var out struct {
		Seed       uint64 `json:"seed"`
		Guarantees []struct {
			Guarantee, Policy, Expected, Found string
			Runs                               int
		} `json:"guarantees"`
		Workload []struct {
			Policy      string  `json:"policy"`
			Variant     string  `json:"variant"`
			ItersPerSec float64 `json:"iterations_per_sec"`
			Promotions  uint64  `json:"promotions"`
		} `json:"workload"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, &stdout)
	}
	if n := len(eml.Policies()); len(out.Guarantees) < 20 || len(out.Workload) != 2*n {
		t.Fatalf("got %d cells and %d workload rows, want every guarantee row and 2 variants x %d policies", len(out.Guarantees), len(out.Workload), n)
	}
	for _, c := range out.Guarantees {
		if c.Found != c.Expected || c.Runs == 0 {
			t.Errorf("%s under %s: found %s in %d runs, docs/design.md says %s (seed %d)", c.Guarantee, c.Policy, c.Found, c.Runs, c.Expected, out.Seed)
		}
	}
	for _, r := range out.Workload {
		if r.ItersPerSec <= 0 || (r.Variant == "unported") != (r.Promotions > 0) {
			t.Errorf("%s/%s: %.0f iterations/s, %d promotions", r.Policy, r.Variant, r.ItersPerSec, r.Promotions)
		}
	}
}

// TestLockDemoJSON: rwgil demo -lock -json prints one row per policy.
func TestLockDemoJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "-lock", "-json", "-duration", "20ms", "-threads", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, &stderr)
	}
	var rows []struct {
		Policy     string  `json:"policy"`
		Steps      uint64  `json:"steps"`
		Speedup    float64 `json:"speedup_vs_eml"`
		Promotions uint64  `json:"promotions"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rows); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, &stdout)
	}
	if n := len(eml.Policies()); len(rows) != n {
		t.Fatalf("got %d rows, want one per policy (%d)", len(rows), n)
	}
	for _, r := range rows {
		if r.Steps == 0 || r.Promotions == 0 {
			t.Errorf("%s: %d steps, %d promotions; want both > 0", r.Policy, r.Steps, r.Promotions)
		}
	}
	if rows[0].Policy != "eml" || rows[0].Speedup != 1 {
		t.Errorf("first row %+v, want eml with speedup 1", rows[0])
	}
}
