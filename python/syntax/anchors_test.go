package syntax

import "testing"

// TestCaretAnchors: the anchors of CPython 3.12's caret lines, for the
// segments whose tracebacks python3.12 was seen to print as the comment
// on each case shows (~ primary, ^ between the anchors).
func TestCaretAnchors(t *testing.T) {
	tests := []struct {
		segment         string
		leftEnd, rStart int
		ok              bool
	}{
		{"a + b * 2", 2, 3, true},         // ~~^~~~~~~
		{"(a)  //  0", 5, 7, true},        // ~~~~~^^~~~
		{"(a) + \"s\"", 4, 5, true},       // ~~~~^~~~~
		{"x ** 2", 2, 4, true},            // ~~^^~~
		{"x[0][1]", 4, 7, true},           // ~~~~^^^
		{"(a) [ 5 ]", 4, 9, true},         // ~~~~^^^^^
		{"x[\"中文\"]", 1, 11, true},        // ~^^^^^^^^ (bytes)
		{"d[1:2]", 1, 6, true},            // ~^^^^^
		{"f(x)", 0, 0, false},             // a call: plain ^^^^
		{"a < b", 0, 0, false},            // a comparison
		{"x = a + b", 0, 0, false},        // a statement, not an expression
		{"a +", 0, 0, false},              // does not parse
		{"-a ** 2", 0, 0, false},          // a unary operation at the top
		{"not_a_binop.attr", 0, 0, false}, // an attribute
	}
	for _, tc := range tests {
		l, r, ok := CaretAnchors(tc.segment)
		if ok != tc.ok || ok && (l != tc.leftEnd || r != tc.rStart) {
			t.Errorf("CaretAnchors(%q) = %d, %d, %v; expected %d, %d, %v", tc.segment, l, r, ok, tc.leftEnd, tc.rStart, tc.ok)
		}
	}
}
