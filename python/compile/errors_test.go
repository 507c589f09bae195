package compile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/syntax"
)

// TestCompileErrors compiles each program of testdata/errors and compares
// the error with the one CPython 3.12 reports, checked in beside it as
// NAME.err, and its printed form with what CPython prints, NAME.stderr
// (regenerate both: python3.12 testdata/errors_expected.py).
func TestCompileErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.py")
	if len(files) < 50 {
		t.Fatalf("only %d programs in testdata/errors", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".err")
			if err != nil {
				t.Fatalf("%v (run python3.12 testdata/errors_expected.py)", err)
			}
			_, cerr := Compile(filepath.Base(path), src)
			if got, w := describeError(cerr), strings.TrimSpace(string(want)); got != w {
				t.Errorf("%s:\n got: %s\nwant: %s (CPython 3.12)", path, got, w)
			}
			var se *syntax.Error
			if errors.As(cerr, &se) {
				// Printed as CPython prints it, caret line and all.
				printed, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".stderr")
				if err != nil {
					t.Fatalf("%v (run python3.12 testdata/errors_expected.py)", err)
				}
				if got := se.Format(); got != string(printed) {
					t.Errorf("%s: printed\n%s\nCPython prints\n%s", path, got, printed)
				}
			}
		})
	}
}

// describeError writes an error as errors_expected.py writes CPython's.
func describeError(err error) string {
	if err == nil {
		return "ok"
	}
	var se *syntax.Error
	if !errors.As(err, &se) {
		return fmt.Sprintf("not a *syntax.Error: %T %v", err, err)
	}
	return fmt.Sprintf("%s %d %d %d %d %s", se.Kind, se.Line, se.Offset, se.EndLine, se.EndOffset, se.Msg)
}
