package syntax

import (
	"fmt"
	"strings"
)

// Kind is the Python exception class of an Error.
type Kind int

// The kinds of Error. IndentationError and TabError are SyntaxError's
// subclasses in Python; MemoryError is what CPython raises when the source
// nests too deeply for its parser's stack, RecursionError when the tree
// nests too deeply for its compiler (python/compile checks that).
const (
	KindSyntaxError Kind = iota
	KindIndentationError
	KindTabError
	KindMemoryError
	KindRecursionError
)

// String returns the Python class name, such as "IndentationError".
func (k Kind) String() string {
	switch k {
	case KindIndentationError:
		return "IndentationError"
	case KindTabError:
		return "TabError"
	case KindMemoryError:
		return "MemoryError"
	case KindRecursionError:
		return "RecursionError"
	}
	return "SyntaxError"
}

// Error is a syntax error, with the attributes CPython 3.12 gives the
// SyntaxError it raises for the same source: Line and EndLine count from 1;
// Offset and EndOffset count characters (not bytes) from 1, and are what
// CPython reports even where that looks odd (EndOffset is 0 or -1 for some
// errors, as in CPython).
type Error struct {
	Kind     Kind
	Filename string
	// Line and Offset locate the error's start.
	Line, Offset int
	// EndLine and EndOffset locate its end (exclusive).
	EndLine, EndOffset int
	// Msg is CPython's message, such as "expected ':'".
	Msg string
	// Text is the source line Line, without its newline.
	Text string
	// textNL says the source line ended in a newline (CPython measures
	// the line with it when it clips the caret line).
	textNL bool
	// noPos says CPython reports no position for this error (an encoding
	// problem): Format prints the message alone.
	noPos bool
}

// SourceText is the SyntaxError's text attribute: the source line with
// its newline if it had one, as CPython gives it.
func (e *Error) SourceText() string {
	if e.textNL {
		return e.Text + "\n"
	}
	return e.Text
}

// Error formats the error as "file:line:col: message", col being Offset
// (at least 1).
func (e *Error) Error() string {
	col := e.Offset
	if col < 1 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Filename, e.Line, col, e.Msg)
}

// Format returns the error as CPython 3.12 prints an uncaught SyntaxError
// (IndentationError, TabError) when it runs a file: the file and line, the
// source line without its indentation, a caret line under the error's span,
// and "Kind: message", each line ending in a newline.
func (e *Error) Format() string {
	var b strings.Builder
	if e.Kind == KindMemoryError || e.Kind == KindRecursionError || e.noPos {
		fmt.Fprintf(&b, "%s: %s\n", e.Kind, e.Msg)
		return b.String()
	}
	fmt.Fprintf(&b, "  File \"%s\", line %d\n", e.Filename, e.Line)
	offset, endOffset := e.Offset, e.EndOffset
	lineSize := len(e.Text)
	if e.textNL {
		lineSize++
	}
	if e.Kind != KindSyntaxError {
		// CPython ignores the end of SyntaxError's subclasses.
		endOffset = -1
	} else if e.EndLine > e.Line {
		endOffset = lineSize
	}
	if endOffset > lineSize+1 {
		endOffset = lineSize + 1
	}
	text := e.Text
	printErrorText(&b, offset, endOffset, text)
	fmt.Fprintf(&b, "%s: %s\n", e.Kind, e.Msg)
	return b.String()
}

// printErrorText writes the source line and the caret line as CPython's
// print_error_text does; offsets are 1-based characters.
func printErrorText(b *strings.Builder, offset, endOffset int, text string) {
	carets := 1
	if endOffset > 0 && endOffset > offset {
		carets = endOffset - offset
	}
	r := []rune(text)
	offset--
	for len(r) > 0 && (r[0] == ' ' || r[0] == '\t' || r[0] == '\f') {
		r = r[1:]
		offset--
	}
	if offset > len(r) {
		offset = len(r)
	}
	b.WriteString("    ")
	b.WriteString(string(r))
	b.WriteString("\n")
	if offset < 0 {
		return
	}
	b.WriteString("    ")
	b.WriteString(strings.Repeat(" ", offset))
	b.WriteString(strings.Repeat("^", carets))
	b.WriteString("\n")
}
