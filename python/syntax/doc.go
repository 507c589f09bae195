// Package syntax reads Python 3.12 source: a scanner turns the bytes into
// tokens, a hand-written recursive-descent parser turns the tokens into an
// abstract syntax tree that mirrors CPython 3.12's ast module, and every
// mistake becomes a *Error with the kind (SyntaxError, IndentationError,
// TabError), position and message CPython 3.12 reports.
package syntax
