package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/goleak"
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
		{args: []string{"demo", "-duration", "20ms", "-policy", "eml,free"}, code: 0, stdout: "violations"},
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

func TestDemoJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "-json", "-duration", "20ms", "-threads", "2"}, &stdout, &stderr); code != 0 {
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
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want one per policy (4)", len(rows))
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
