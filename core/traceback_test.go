package core

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/python/syntax"
)

// TestSourceLines: the source line and caret line of a traceback entry
// are CPython 3.12's for each case of testdata/traceback/cases.json
// (gen.py regenerates it with python3.12): binary operators and
// subscripts with their ~^ anchors, parentheses, spans over several
// lines, wide characters, tabs, trailing white space, Latin-1 sources,
// and spans that cover the whole line (no caret line).
func TestSourceLines(t *testing.T) {
	data, err := os.ReadFile("testdata/traceback/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Src  string
		Line int
		Pos  [4]int32 // CPython's co_positions order: line, end line, col, end col
		Out  string
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	rt, _ := testRuntime(t, Config{CaretAnchors: syntax.CaretAnchors})
	dir := t.TempDir()
	for i, c := range cases {
		file := filepath.Join(dir, "case"+strconv.Itoa(i)+".py")
		if err := os.WriteFile(file, []byte(c.Src), 0o644); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		pos := bytecode.Position{Line: c.Pos[0], EndLine: c.Pos[1], Col: c.Pos[2], EndCol: c.Pos[3]}
		rt.writeSourceLine(&b, TraceEntry{File: file, Line: c.Line, Func: "f"}, pos)
		if b.String() != c.Out {
			t.Errorf("case %d %q at %v:\nCPython 3.12 prints:\n%s\nrwgil prints:\n%s", i, c.Src, pos, c.Out, b.String())
		}
	}
	// Config.Source stands in for the disk.
	rt2, _ := testRuntime(t, Config{Source: func(name string) ([]byte, bool) {
		return []byte("x = 1\n  y = [] [0]\n"), name == "<stdin>" || name == "given.py"
	}})
	for _, file := range []string{"given.py", "<stdin>", filepath.Join(dir, "case0.py")} {
		var b strings.Builder
		rt2.writeSourceLine(&b, TraceEntry{File: file, Line: 2}, bytecode.Position{Line: 2, EndLine: 2, Col: 6, EndCol: 12})
		want := "    y = [] [0]\n        ^^^^^^\n"
		switch file {
		case filepath.Join(dir, "case0.py"):
			want = "" // Source said no: the disk is not read
		case "<stdin>":
			want = "" // as in CPython, "<...>" names no file, whatever Source says
		}
		if b.String() != want {
			t.Errorf("Source, %s: expected %q, got %q", file, want, b.String())
		}
	}
	// Without a file, or past its end, or for "<stdin>", no line.
	for _, e := range []TraceEntry{{File: filepath.Join(dir, "missing.py"), Line: 1}, {File: filepath.Join(dir, "case0.py"), Line: 9}, {File: "<stdin>", Line: 1}} {
		var b strings.Builder
		rt.writeSourceLine(&b, e, bytecode.Position{})
		if b.Len() != 0 {
			t.Errorf("%v: expected no source line, got %q", e, b.String())
		}
	}
}
