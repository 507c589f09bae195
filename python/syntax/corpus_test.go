package syntax

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/cpython"
)

// The corpus: testdata/valid holds programs with the ast.dump CPython 3.12
// gives for each (NAME.ast), testdata/invalid holds programs with one
// mistake each and the SyntaxError CPython 3.12 raises and prints for each
// (NAME.err). "go test -update" (or "go generate") rewrites the expected
// files from a python3 >= 3.12; without -update the tests use the
// checked-in files and need no Python.

var update = flag.Bool("update", false, "rewrite testdata's expected files from CPython (needs python3 >= 3.12)")

// findPython returns the python3 >= 3.12 that python/cpython finds
// ($RWGIL_PYTHON, python3.12 on PATH, pyenv's versions, ...).
func findPython() ([]string, []string, error) {
	py, err := cpython.Find()
	if err != nil {
		return nil, nil, err
	}
	return []string{py.Path}, nil, nil
}

func regenerate(t *testing.T, mode string) {
	t.Helper()
	py, env, err := findPython()
	if err != nil {
		t.Fatalf("-update: %v", err)
	}
	dir, _ := filepath.Abs(filepath.Join("testdata", mode))
	script, _ := filepath.Abs(filepath.Join("testdata", "cpython.py"))
	cmd := exec.Command(py[0], script, mode, dir)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("-update: %s %s: %v\n%s", py[0], mode, err, out)
	}
}

func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.py"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in testdata/%s: %v", dir, err)
	}
	return files
}

// diffText reports the first line where want and got differ, with the
// lines around it from both.
func diffText(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	from := i - 8
	if from < 0 {
		from = 0
	}
	window := func(lines []string) string {
		to := i + 4
		if to > len(lines) {
			to = len(lines)
		}
		var b strings.Builder
		for j := from; j < to; j++ {
			mark := "  "
			if j == i {
				mark = "> "
			}
			fmt.Fprintf(&b, "%s%5d %s\n", mark, j+1, lines[j])
		}
		return b.String()
	}
	return fmt.Sprintf("first difference at line %d\nexpected (CPython):\n%sactual (rwgil):\n%s", i+1, window(wl), window(gl))
}

func TestValid(t *testing.T) {
	if *update {
		regenerate(t, "valid")
	}
	for _, path := range corpusFiles(t, "valid") {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".py"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".ast")
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(name, src)
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, err.(*Error).Format())
			}
			got := Dump(m, 1) + "\n"
			if got != string(want) {
				t.Errorf("%s: the tree differs from CPython's\n%s", name, diffText(string(want), got))
			}
		})
	}
}

// expectedError is a NAME.err file.
type expectedError struct {
	kind                             string
	line, offset, endLine, endOffset string
	msg, printed                     string
}

func readExpectedError(path string) (expectedError, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return expectedError{}, err
	}
	head, printed, ok := strings.Cut(string(data), "--- printed\n")
	if !ok {
		return expectedError{}, fmt.Errorf("%s: no '--- printed' line", path)
	}
	e := expectedError{printed: printed}
	for _, line := range strings.Split(strings.TrimRight(head, "\n"), "\n") {
		key, val, _ := strings.Cut(line, " ")
		switch key {
		case "kind":
			e.kind = val
		case "line":
			e.line = val
		case "offset":
			e.offset = val
		case "end_line":
			e.endLine = val
		case "end_offset":
			e.endOffset = val
		case "msg":
			e.msg = val
		}
	}
	return e, nil
}

// pyInt formats an error attribute as the .err file does ("None" where
// CPython has no position).
func pyInt(n int, none bool) string {
	if none {
		return "None"
	}
	return strconv.Itoa(n)
}

func TestInvalid(t *testing.T) {
	if *update {
		regenerate(t, "invalid")
	}
	for _, path := range corpusFiles(t, "invalid") {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".py"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := readExpectedError(strings.TrimSuffix(path, ".py") + ".err")
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(name, src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse returned %v, want CPython's %s: %s", err, want.kind, want.msg)
			}
			none := e.noPos || e.Kind == KindMemoryError
			got := expectedError{
				kind:      e.Kind.String(),
				line:      pyInt(e.Line, none),
				offset:    pyInt(e.Offset, none),
				endLine:   pyInt(e.EndLine, none),
				endOffset: pyInt(e.EndOffset, none),
				msg:       e.Msg,
				printed:   e.Format(),
			}
			if got != want {
				t.Errorf("%s:\nexpected (CPython): %s line %s offset %s end %s:%s %q\nactual (rwgil):     %s line %s offset %s end %s:%s %q\nexpected print:\n%sactual print:\n%s",
					name, want.kind, want.line, want.offset, want.endLine, want.endOffset, want.msg,
					got.kind, got.line, got.offset, got.endLine, got.endOffset, got.msg, want.printed, got.printed)
			}
		})
	}
}

// TestCorpusCheckedIn makes sure every corpus program has its expected
// file, so that a new case without one is noticed.
func TestCorpusCheckedIn(t *testing.T) {
	for dir, ext := range map[string]string{"valid": ".ast", "invalid": ".err"} {
		for _, path := range corpusFiles(t, dir) {
			if _, err := os.Stat(strings.TrimSuffix(path, ".py") + ext); err != nil {
				t.Errorf("%s has no %s file: run go test -run 'TestValid|TestInvalid' -update", path, ext)
			}
		}
	}
	if _, err := os.Stat(filepath.Join("testdata", "CPYTHON_VERSION")); err != nil {
		t.Error("testdata/CPYTHON_VERSION is missing")
	}
	_ = bytes.Equal
}
