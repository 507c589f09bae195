package compile_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// This file is the rwgil side of the tests that compare rwgil with CPython
// (TestCorpus, TestProperty): runRwgil is the one function they call to
// run Python under rwgil.

// rwgilResult is what a program did under rwgil, as `rwgil run` shows it.
type rwgilResult struct {
	stdout, stderr string
	// status is the exit status `rwgil run` would exit with: 0, 1 for an
	// uncaught exception, 2 for a program that does not compile.
	status int
}

// runRwgil runs the Python program dir/file as __main__ under rwgil with
// the named lock policy, with the bundled extension modules available, as
// `rwgil run -policy POLICY file` does from dir, and returns its stdout,
// stderr and exit status. The program is compiled under its path from the
// test's directory, so that tracebacks find their source lines, and the
// directory is then taken out of stderr's `File "..."` lines, as the
// expected files have it. The error is for a program rwgil could not run
// at all (not for a Python exception).
func runRwgil(dir, file, policy string) (rwgilResult, error) {
	p, err := eml.ParsePolicy(policy)
	if err != nil {
		return rwgilResult{}, err
	}
	return runRwgilConfig(dir, file, core.Config{Policy: p})
}

// runRwgilConfig is runRwgil with a runtime configuration of its own
// (cfg.Stdout and cfg.Stderr are set here).
func runRwgilConfig(dir, file string, cfg core.Config) (rwgilResult, error) {
	path := filepath.Join(dir, file)
	src, err := os.ReadFile(path)
	if err != nil {
		return rwgilResult{}, err
	}
	var stdout, stderr bytes.Buffer
	cfg.Stdout, cfg.Stderr = &stdout, &stderr
	status := python.Run(cfg, path, src)
	errText := strings.ReplaceAll(stderr.String(), `File "`+path+`"`, `File "`+file+`"`)
	return rwgilResult{stdout: stdout.String(), stderr: errText, status: status}, nil
}

// requireFrontEnd fails the test unless rwgil compiles and runs the
// program `1` under the GIL: everything after it would fail for the same
// reason.
func requireFrontEnd(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "one.py"), []byte("1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := runRwgil(dir, "one.py", "gil")
	if err == nil && got.status != 0 {
		err = errors.New("exit status " + strconv.Itoa(got.status) + ": " + got.stderr)
	}
	if err != nil {
		t.Fatalf("rwgil does not run the Python program `1`: %v", err)
	}
}
