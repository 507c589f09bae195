package syntax

import "bytes"

// CompileError returns the *Error CPython 3.12 reports for a mistake found
// after parsing -- by the symbol table or the code generator ("'return'
// outside function") -- at span p of the module parsed from src. It is a
// SyntaxError whose Offset and EndOffset are p's columns plus one, counted
// in bytes: CPython reports its compile-time errors in bytes where it
// reports the parser's in characters, and the caret line it prints shows
// it. Text is the source line as Parse gives it for its own errors, so
// that Format prints what CPython prints. An EndColOffset of -1 means the
// error has no end column (EndOffset 0), as for CPython's future-import
// errors.
func CompileError(filename string, src []byte, p Pos, msg string) *Error {
	e := &Error{Kind: KindSyntaxError, Filename: filename, Line: p.Lineno, Offset: p.ColOffset + 1,
		EndLine: p.EndLineno, EndOffset: p.EndColOffset + 1, Msg: msg}
	text, _, perr := prepareSource(filename, src)
	if perr != nil {
		return e
	}
	pr := &parser{filename: filename, src: text}
	pr.bom = bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	pr.addedNL = len(src) == 0 || (src[len(src)-1] != '\n' && src[len(src)-1] != '\r')
	pr.lines = lineStarts(text)
	e.Text, e.textNL = pr.errorLine(e.Line)
	return e
}
