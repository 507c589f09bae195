// Package pygen generates Python programs for property tests that compare
// rwgil with CPython: rapid generators of statement and expression trees,
// printed as source that is valid Python 3.12 and always terminates.
//
// A generated program works on ints, floats, strs, bools, None, tuples,
// lists and dicts: arithmetic with every operator, comparisons and their
// chains, boolean operators, conditional expressions, subscripts and
// slices, calls of built-ins (len, abs, min, max, sorted, str, repr, int,
// round, ...) and of str and list methods, f-strings with conversions and
// format specs, % formatting, assignments of every form, augmented
// assignments, if, for and while with small bounds, break and continue,
// try/except catching the errors the code can raise, functions (with
// defaults, keyword arguments and global) and lambdas. It prints what it
// computes, so that a wrong result shows.
//
// The trees are typed: every variable has one type for the whole program
// (its name says which), so most operations are well typed, and the ill
// typed ones are drawn on purpose from a table of operations that raise
// TypeError. Exceptions are part of the output: Wrap puts the program in a
// try statement that prints an escaping exception as `Type: message`.
//
// Termination and size are guaranteed by construction, not hoped for:
// loops run at most four times (for over range(k) or a short literal,
// while over a hidden counter the body cannot touch), functions call only
// functions defined before them (no recursion), and an abstract
// interpretation of the program bounds every int's bit length and every
// str's and container's length; a statement that could exceed the bounds
// (4,000 bits, 1,000 items) is replaced by pass before the program is
// printed. Programs never print anything whose text depends on addresses,
// hashes of strs or timing: no sets, no default reprs of functions.
package pygen
