package compile_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
	"github.com/rwgil/rwgil/python"
)

// TestRunMatchesCPython runs the programs of testdata/run -- each about
// a part of the compiler's semantics: scopes, unwinding, evaluation order,
// generators, classes -- under the GIL and under eml, and compares what
// they print with CPython 3.12's output, checked in beside them
// (python3.12 testdata/run_expected.py regenerates).
func TestRunMatchesCPython(t *testing.T) {
	files, _ := filepath.Glob("testdata/run/*.py")
	if len(files) == 0 {
		t.Fatal("no testdata/run programs")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".stdout")
			if err != nil {
				t.Fatalf("%v (run python3.12 testdata/run_expected.py)", err)
			}
			for _, p := range []eml.Policy{eml.PolicyGIL, eml.PolicyEML} {
				var stdout, stderr strings.Builder
				status := python.Run(core.Config{Policy: p, Stdout: &stdout, Stderr: &stderr}, filepath.Base(path), src)
				if status != 0 || stdout.String() != string(want) {
					t.Errorf("%s under %v: exit status %d\nCPython prints:\n%s\nrwgil prints:\n%s\nstderr:\n%s",
						path, p, status, want, stdout.String(), stderr.String())
				}
			}
		})
	}
}
