package stdlib_test

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
	"github.com/rwgil/rwgil/python/cpython"
)

//go:generate go test -run TestDataPrograms -stdlib.update

var update = flag.Bool("stdlib.update", false, "rewrite testdata/*.out with CPython's output")

// dataPrograms are the programs under testdata that check the data
// modules (struct, math, random, os, gc, json) against CPython: each
// NAME.py has NAME.out, CPython 3.12's stdout (`go generate ./stdlib`
// rewrites them). A line of output starting with "~" holds results of
// transcendental functions, which rwgil computes with Go's math library
// (docs/stdlib.md): its numbers are compared within a few ulps, the rest
// of the line exactly.
var dataPrograms = []string{"math_cases", "os_gc", "os_affinity", "random_seeded", "struct_cases", "json_cases"}

func runRwgil(t *testing.T, policy eml.Policy, file string) (stdout, stderr string, status int) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	status = python.Run(core.Config{Policy: policy, Stdout: &out, Stderr: &errb}, file, src)
	return out.String(), errb.String(), status
}

// TestDataPrograms runs every data program under gil, eml and free and
// compares its output with CPython's.
func TestDataPrograms(t *testing.T) {
	if *update {
		py, err := cpython.Find()
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range dataPrograms {
			res, err := py.RunFile("testdata", name+".py", cpython.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitStatus != 0 || res.Stderr != "" {
				t.Fatalf("%s under %s: exit %d\n%s", name, py, res.ExitStatus, res.Stderr)
			}
			if err := os.WriteFile(filepath.Join("testdata", name+".out"), []byte(res.Stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for _, name := range dataPrograms {
		want, err := os.ReadFile(filepath.Join("testdata", name+".out"))
		if err != nil {
			t.Fatal(err)
		}
		for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML, eml.PolicyFree} {
			t.Run(name+"/"+policy.String(), func(t *testing.T) {
				got, stderr, status := runRwgil(t, policy, name+".py")
				if status != 0 || stderr != "" {
					t.Fatalf("exit status %d, stderr:\n%s", status, stderr)
				}
				compareOutput(t, string(want), got)
			})
		}
	}
}

// compareOutput compares outputs line by line, "~" lines approximately.
func compareOutput(t *testing.T, want, got string) {
	t.Helper()
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Errorf("%d lines of output, want %d", len(gl), len(wl))
	}
	bad := 0
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] == gl[i] || strings.HasPrefix(wl[i], "~") && nearlyEqual(wl[i], gl[i]) {
			continue
		}
		t.Errorf("line %d:\n got: %s\nwant: %s", i+1, gl[i], wl[i])
		if bad++; bad > 20 {
			t.Fatal("too many differences")
		}
	}
}

var number = regexp.MustCompile(`-?(\d+\.\d*|\d*\.\d+|\d+)(e[-+]?\d+)?`)

// nearlyEqual reports whether two lines differ only in numbers that are
// within 4 ulps of each other.
func nearlyEqual(a, b string) bool {
	if number.ReplaceAllString(a, "#") != number.ReplaceAllString(b, "#") {
		return false
	}
	na, nb := number.FindAllString(a, -1), number.FindAllString(b, -1)
	for i := range na {
		x, err1 := strconv.ParseFloat(na[i], 64)
		y, err2 := strconv.ParseFloat(nb[i], 64)
		if err1 != nil || err2 != nil {
			return false
		}
		if x != y && math.Abs(x-y) > 4*ulp(math.Max(math.Abs(x), math.Abs(y))) {
			return false
		}
	}
	return true
}

func ulp(x float64) float64 { return math.Nextafter(x, math.Inf(1)) - x }

// runUntilInterleaved runs a threaded program whose output starts with
// want when the module under test kept its state right, and ends with
// "True" when the threads' work interleaved: once under gil and eml, and
// under free until the threads interleaved (the concurrency the test is
// about happened), for up to a time budget.
func runUntilInterleaved(t *testing.T, src, want string) {
	t.Helper()
	for _, policy := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML} {
		out, stderr := runSource(t, policy, src)
		if !strings.HasPrefix(out, want) || stderr != "" {
			t.Errorf("%v: output %q, stderr %q; want it to start with %q", policy, out, stderr, want)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for runs := 1; ; runs++ {
		out, stderr := runSource(t, eml.PolicyFree, src)
		if !strings.HasPrefix(out, want) || stderr != "" {
			t.Fatalf("free, run %d: output %q, stderr %q; want it to start with %q", runs, out, stderr, want)
		}
		if strings.HasSuffix(out, "True\n") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("free: the threads never interleaved in %d runs", runs)
		}
	}
}
