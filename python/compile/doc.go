// Package compile is the code generator of the Python front end: it turns
// a Python 3.12 module into rwgil bytecode (package core/bytecode), the
// way CPython 3.12's compiler turns it into CPython's, so that a program's
// safe points -- calls, backward jumps, function entry, resuming a
// generator -- fall where CPython's do.
//
// # The pipeline
//
// Compile parses the source (package syntax), builds the symbol table
// (package resolve), folds constants as CPython's AST optimizer does, and
// generates one code object per module, class body, function, lambda and
// generator expression. Every error -- the parser's, the symbol table's,
// the code generator's ('return' outside function, 'break' outside loop,
// keyword argument repeated, ...) -- is a *syntax.Error with CPython
// 3.12's message and position.
//
// # The model
//
// Each code object is generated into a list of instructions with
// symbolic operands (names, constants, labels) and CPython's source
// position for each (Code.Positions, used for traceback carets), then
// handed to bytecode.Builder, which interns the tables and validates the
// result. A few of CPython's flow-graph optimizations are applied as the
// instructions are emitted, where they change what the program looks like
// and never where a safe point falls: code after a return, raise, break
// or continue is dropped; a jump to the next instruction disappears; a
// constant condition becomes an unconditional jump or nothing; a tuple of
// constants is one constant; LOAD_CONST then RETURN_VALUE is RETURN_CONST;
// `x is None` in a condition is POP_JUMP_IF_NONE.
//
// Names compile to the instruction family their binding calls for:
// LOAD_FAST for a function's locals, LOAD_DEREF for cells and free
// variables (LOAD_CLASSDEREF in a class body), LOAD_GLOBAL for globals
// read from functions, LOAD_NAME in module and class bodies. Exceptions
// use rwgil's handler blocks (SETUP_EXCEPT, POP_BLOCK) rather than
// CPython's exception table; a return, break or continue that leaves a
// try, with or except block runs the cleanup inline first, as CPython's
// compiler does. List, set and dict comprehensions are inlined (PEP 709):
// their loop runs in the enclosing code object, with no call, and the
// variables they bind get hidden locals of their own, named like the
// variable when that name is free in the code object, else with a ".N"
// suffix no Python name can have. docs/python.md shows the shapes.
package compile
