// Package syntax reads Python 3.12 source: a scanner turns the bytes into
// tokens, a recursive-descent parser turns the tokens into an abstract
// syntax tree that mirrors CPython 3.12's ast module, and every mistake
// becomes a *Error with the kind, position and message CPython 3.12 gives.
//
// # Tokens
//
// The scanner follows CPython's tokenizer (Parser/tokenizer.c): INDENT and
// DEDENT from a stack of indentation columns (a tab moves to the next
// multiple of 8; a line whose indentation compares differently with tabs
// counted as 1 column is a TabError), NEWLINE only where a logical line
// ends (not inside brackets, not after a backslash), and the f-string
// tokens of PEP 701 (FSTRING_START, FSTRING_MIDDLE, FSTRING_END, with the
// replacement fields' expressions tokenized as ordinary code, so that they
// may nest quotes and f-strings). Source is UTF-8 (a byte order mark is
// skipped) or Latin-1 when a PEP 263 coding comment says so; newlines may
// be "\n", "\r\n" or "\r".
//
// # The tree
//
// Parse returns a *Module whose nodes (ast.go) are CPython's, field for
// field: FunctionDef.Name, .Args, .Body, .DecoratorList, .Returns; a
// Python expression statement is an ExprStmt (the Go name Expr is the
// interface). Every node that has a position in CPython has one here, in
// its embedded Pos: lines from 1, columns from 0 counted in UTF-8 bytes,
// end exclusive, exactly as ast.parse reports them. Dump prints a tree as
// ast.dump(tree, include_attributes=True, indent=...) does, which is how
// the tests compare trees with CPython's.
//
// Literals are decoded: a Constant's Value is nil (None), bool, int64 or
// *big.Int, float64, complex128, string (UTF-8; a lone surrogate written
// as an escape is kept as its 3-byte generalized UTF-8 form), []byte, or
// Ellipsis. Adjacent literals are joined as CPython joins them. An f-string
// is a JoinedStr of str Constants and FormattedValues; a format spec is
// itself a JoinedStr; "{x=}" gives the Constant "x=" followed by the
// FormattedValue, with conversion 'r' unless there is a spec or another
// conversion. Names are NFKC-normalized, as CPython normalizes them.
//
// # Parsing and errors
//
// The parser follows CPython 3.12's PEG grammar (Grammar/python.gram)
// rule for rule, alternatives in the grammar's order, the same rules
// memoized, and runs CPython's two passes: the first with the language's
// rules only, and, if it fails, a second with the grammar's invalid_*
// rules enabled, which recognize common mistakes and raise their own
// messages ("expected ':'", "cannot assign to literal here. Maybe you
// meant '==' instead of '='?", "'(' was never closed", ...). When neither
// pass names the mistake, the error is "invalid syntax" at the last token
// the first pass read. After a parser error the rest of the source is
// tokenized, and a tokenizer error found there (an unterminated string, a
// bad number) takes precedence, as in CPython. Following the grammar this
// closely is what makes the messages and their positions CPython's: many
// depend on how far CPython's parser looked ahead.
//
// An Error's Line and Offset are CPython's SyntaxError.lineno and .offset
// (1-based, in characters), EndLine and EndOffset its end_lineno and
// end_offset, and Msg its msg, including CPython's oddities (an end offset
// of 0 or -1 for some errors). Error() formats "file:line:col: message";
// Format() prints the error as CPython prints an uncaught SyntaxError, with
// the source line and a caret line.
//
// The parser leaves to the symbol table and the compiler the errors
// CPython raises after parsing: 'return' outside function, 'yield'
// outside function, nonlocal at module level or without a binding,
// 'break' outside loop, duplicate parameter names, keyword argument
// repeated, assignment to __debug__, irrefutable match patterns, and the
// like. Async functions, match statements and type parameters are parsed
// into their nodes, as CPython parses them.
//
// Where rwgil differs from CPython 3.12.1, knowingly:
//   - Source in an encoding other than UTF-8 or Latin-1 is rejected with
//     "encoding problem: NAME".
//   - Offsets always count characters, as compile(text, ...) reports them;
//     CPython running a file with non-ASCII text and no coding comment
//     reports some parser errors' offsets in bytes.
//   - Warnings (SyntaxWarning for invalid escape sequences, for a keyword
//     right after a number) are not reported.
//   - f"{x:{y=}}" makes CPython 3.12.1 fail with a ValueError (its debug
//     text is missing); here it gives the Constant "y=" like any other
//     "=" field.
//   - The depth at which the parser's recursion limit is reached differs
//     from CPython's (the functions nest differently), though the limit
//     and the error are the same.
//
// Nesting is bounded as in CPython: 200 levels of brackets ("too many
// nested parentheses"), 100 levels of indentation, 150 nested f-strings,
// and 6000 levels of the parser's recursion (an Error of kind
// KindMemoryError, "Parser stack overflowed - Python source too complex
// to parse"), so that no input overflows the Go stack. Chains such as
// a.b.c... or 1+2+3... are parsed by loops, not recursion, and may give
// trees far deeper than that, as in CPython (whose compiler then raises
// RecursionError): code that walks a tree recursively should bound its
// depth. A source larger than MaxSourceSize is rejected.
//
// # Checked against CPython
//
// testdata/valid holds programs covering the grammar, each with the
// ast.dump CPython 3.12.1 gives; testdata/invalid holds programs with one
// mistake each and the error CPython 3.12.1 raises and prints. Both are
// regenerated by
//
//	go generate ./python/syntax     (go test -run 'TestValid|TestInvalid' -update)
//
// which needs a python3 >= 3.12 (see python/cpython); without one the
// tests use the checked-in files. TestDifferential (go test -run
// TestDifferential -diff mutants ./python/syntax) compares thousands of
// one-edit mutants of the corpus with CPython. FuzzParse checks that no
// input panics and that every error lies inside the file.
//
// # Speed
//
// Parsing is linear in the source's length: the memo makes the
// backtracking cheap, and a finished top-level statement's memo entries
// are dropped. BenchmarkParse parses a 10,000-line program (170 KB, the
// valid corpus repeated) in about 0.1 s of CPU time (0.34 s of wall time
// on the project's shared, loaded 2-core machine), allocating 27 MB in
// 126,000 allocations:
//
//	go test -run XXX -bench Parse -benchmem ./python/syntax
package syntax

//go:generate go test -run ^(TestValid|TestInvalid)$ -update
