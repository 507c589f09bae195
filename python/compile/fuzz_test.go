package compile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/python/syntax"
)

// compileSeeds are the programs the fuzzer and TestCompileCorpora start
// from: the parser's valid and invalid programs, the CPython corpus, the
// error programs and listings of this package, and the examples.
func compileSeeds(tb testing.TB) []string {
	tb.Helper()
	var files []string
	for _, g := range []string{
		"../syntax/testdata/valid/*.py", "../syntax/testdata/invalid/*.py",
		"testdata/corpus/*.py", "testdata/errors/*.py", "testdata/dis/*.py",
		"../../docs/examples/*.py", "../../docs/examples/*/*.py",
	} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 100 {
		tb.Fatalf("only %d seed programs", len(files))
	}
	return files
}

// checkCompile compiles src and checks the bar: no panic, and either a
// code object or a *syntax.Error whose position lies inside the file.
func checkCompile(t *testing.T, src []byte) {
	t.Helper()
	code, err := Compile("fuzz.py", src)
	if err == nil {
		if code == nil {
			t.Fatal("Compile returned neither code nor an error")
		}
		if err := code.Validate(); err != nil {
			t.Fatalf("Compile returned invalid code: %v", err)
		}
		_ = Listing(code, src)
		return
	}
	var se *syntax.Error
	if !errors.As(err, &se) {
		t.Fatalf("Compile returned %T %v, want a *syntax.Error", err, err)
	}
	if strings.Contains(se.Msg, "internal compiler error") {
		t.Fatalf("%v\nsource:\n%s", err, src)
	}
	// Python ends lines at \r\n, \r and \n.
	norm := bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	lines := bytes.Count(norm, []byte("\n")) + 1
	if se.Kind != syntax.KindMemoryError && (se.Line < 1 || se.Line > lines+1) {
		t.Fatalf("error %v at line %d, outside the file's %d lines", err, se.Line, lines)
	}
	_ = se.Format()
}

// TestCompileCorpora compiles every seed program: none makes the compiler
// fail with anything but a syntax error, and none reaches an internal
// error.
func TestCompileCorpora(t *testing.T) {
	for _, path := range compileSeeds(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(path), func(t *testing.T) { checkCompile(t, src) })
	}
}

// FuzzCompile: go test -fuzz FuzzCompile ./python/compile. Whatever the
// input, Compile returns valid code or a *syntax.Error inside the file,
// and never panics.
func FuzzCompile(f *testing.F) {
	for _, path := range compileSeeds(f) {
		if b, err := os.ReadFile(path); err == nil && len(b) <= 4096 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkCompile(t, src) })
}

// TestLimits: inputs at rwgil's limits give code or a *syntax.Error that
// names the limit, never an internal error.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		src  string
		fail string // "" = compiles
	}{
		{"f = " + strings.Repeat("lambda: ", 100) + "1\n", ""},
		{"f = " + strings.Repeat("lambda: ", 101) + "1\n", "nested more than 100 deep"},
		{"x = " + strings.Repeat("(", 150) + "1," + strings.Repeat("),", 149) + ")\n", ""},
		{"x = [" + strings.Repeat("1, ", 100000) + "]\n", ""},
		{"f(" + strings.Repeat("a, ", 10000) + ")\n", ""},
		{"x = {" + strings.Repeat("a: b, ", 10000) + "}\n", ""},
		{"x = " + strings.Repeat("a + ", 2998) + "a\n", ""},
		// Deeper than CPython's compiler takes: its RecursionError (see
		// TestDepthLimit).
		{"x = " + strings.Repeat("a + ", 100000) + "a\n", "maximum recursion depth exceeded during compilation"},
		{"x = 0x" + strings.Repeat("f", 9000) + "\n", "more than 32768 bits"},
		{"with " + strings.Repeat("a, ", 25) + "a:\n    pass\n", "too many statically nested blocks"},
	} {
		code, err := Compile("limits.py", []byte(tc.src))
		switch {
		case tc.fail == "" && err != nil:
			t.Errorf("%.40q...: %v", tc.src, err)
		case tc.fail != "" && (err == nil || !strings.Contains(err.Error(), tc.fail)):
			t.Errorf("%.40q...: got %v, want an error saying %q", tc.src, err, tc.fail)
		case err == nil:
			if verr := code.Validate(); verr != nil {
				t.Errorf("%.40q...: invalid code: %v", tc.src, verr)
			}
		}
	}
}
