package bytecode

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzAssemble: Assemble never panics; an error is a *SyntaxError that
// points into the file; a success disassembles to text that assembles to
// an equal code object and disassembles to the same text.
//
//	go test -fuzz FuzzAssemble ./core/bytecode
//
// The seed corpus is testdata/fuzz/FuzzAssemble: valid programs and near
// misses.
func FuzzAssemble(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Assemble("fuzz.rwa", src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("expected a *SyntaxError, got %T: %v", err, err)
			}
			lines := bytes.Split(src, []byte("\n"))
			if se.File != "fuzz.rwa" || se.Line < 1 || se.Line > len(lines) || se.Col < 1 || se.Col > len(lines[se.Line-1])+1 {
				t.Fatalf("error position outside the file (%d lines): %v", len(lines), err)
			}
			return
		}
		text := Disassemble(c)
		back, err := Assemble("fuzz.rwa", []byte(text))
		if err != nil {
			t.Fatalf("the disassembly does not assemble: %v\n%s", err, numbered(text))
		}
		if d := diffCode(c, back); d != "" {
			t.Fatalf("round trip changed the code object: %s\n%s", d, numbered(text))
		}
		if again := Disassemble(back); again != text {
			t.Fatalf("text round trip differs:\nexpected:\n%s\ngot:\n%s", text, again)
		}
	})
}
