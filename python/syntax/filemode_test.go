package syntax

import (
	"errors"
	"testing"
)

// TestParseFilePositions checks where ParseFile's errors differ from
// Parse's: when CPython 3.12 runs a file, a parser error at the end of the
// file has offset 0 (compile() of the text gives the column after the
// last character), and a tokenizer error there keeps its column. The
// expected values are the SyntaxError attributes python3.12 reports
// running each source as a file, and compile()'s.
func TestParseFilePositions(t *testing.T) {
	tests := []struct {
		name, src           string
		fileOff, compileOff int
		fileEnd, compileEnd int
	}{
		{"try_at_eof", "try:\n    pass\n", 0, 9, -1, -1},
		{"if_block_at_eof", "if x:\n", 0, 6, -1, -1},
		{"else_block_at_eof", "if x:\n    pass\nelse:\n", 0, 6, -1, -1},
		{"class_block_at_eof", "class A:\n", 0, 9, -1, -1},
		{"not_at_eof", "try:\n    pass\nx=1\n", 1, 1, 2, 2},
		{"tokenizer_error_at_eof", "if x:\n        y = 1\n    z = 2\n", 10, 10, -1, -1},
		{"continuation_at_eof", "x = 1 + \\", 10, 10, -1, -1},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			name     string
			parse    func(string, []byte) (*Module, error)
			off, end int
		}{{"ParseFile", ParseFile, tt.fileOff, tt.fileEnd}, {"Parse", Parse, tt.compileOff, tt.compileEnd}} {
			_, err := mode.parse(tt.name+".py", []byte(tt.src))
			var se *Error
			if !errors.As(err, &se) {
				t.Errorf("%s %s: got %v, want a *Error", mode.name, tt.name, err)
				continue
			}
			if se.Offset != mode.off || se.EndOffset != mode.end {
				t.Errorf("%s %s: offset %d, end offset %d; want %d, %d (%s)", mode.name, tt.name, se.Offset, se.EndOffset, mode.off, mode.end, se.Msg)
			}
		}
	}
}
