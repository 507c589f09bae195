// Package resolve is the symbol table of the Python front end: it reads a
// parsed module (package syntax) and decides, for every name in every
// scope, where the name lives at run time, as CPython 3.12's symtable.c
// does. The compiler (package compile) asks it which instruction family
// each name use gets.
//
// # The model
//
// A Scope is one block of code: the module, a class body, a function, a
// lambda, a comprehension or a generator expression. Resolution runs in
// two passes, like CPython's:
//
//  1. A walk over the tree records raw facts per scope and name (Flags):
//     the name is assigned here (DefLocal), is a parameter (DefParam), is
//     imported (DefImport), is declared global or nonlocal, is read (Use),
//     is a comprehension's iteration variable (DefCompIter). The walk also
//     reports the errors CPython's walk reports (duplicate parameters,
//     global after use, misplaced assignment expressions, yield inside a
//     comprehension).
//  2. An analysis from the module down gives each name its Binding:
//     Local, GlobalExplicit (declared global), GlobalImplicit (not bound in
//     any enclosing function: a global or a builtin), Free (bound in an
//     enclosing function, reached through a cell) or Cell (bound here and
//     captured by an inner function). Class bodies are not visible to the
//     functions nested in them; a method that reads __class__ or calls
//     super() makes the class keep a __class__ cell (Scope.NeedsClassClosure).
//
// List, set and dict comprehensions are inlined into the scope that
// contains them, as PEP 709 does in CPython 3.12: after the analysis their
// names are merged into the parent's table (Scope.Inlined), and the
// compiler emits their loop in the parent's code object, giving the
// variables they bind fresh hidden locals (a variable a closure inside
// captures gets a hidden cell, made afresh by MAKE_CELL each time the
// comprehension starts). Generator expressions stay functions of their
// own. An assignment expression (walrus) inside a
// comprehension binds in the nearest enclosing function or module, never
// in the comprehension.
//
// Names written with two leading underscores inside a class are mangled
// (__x in class C becomes _C__x) before they are looked up; Mangle does it
// and the compiler uses it for attribute names too.
//
// Every error is a *syntax.Error with CPython 3.12's message and position.
package resolve
