// Package bytecode defines rwgil's code objects and instruction set, checks
// them, and converts them to and from a text form: the assembler (Assemble)
// and the disassembler (Disassemble). It is pure data: no runtime, no
// goroutines, no panics on any input. The interpreter in package core runs
// the code objects and turns their constants into runtime objects.
//
// # Code objects
//
// A [Code] is the compiled body of a module or of one function: a list of
// instructions ([Instr]: an [Op], an operand, a source line) and the tables
// the operands index — Locals (the fast locals, parameters first), Names
// (global, attribute, method and import names) and Consts (constants:
// None, bool, int64, *big.Int, float64, string, [Tuple], and nested *Code
// for function bodies). A function is created at run time by MAKE_FUNCTION
// from a code object loaded as a constant, so a module's functions are
// reachable through its Consts, and a whole program is one tree (or DAG)
// of code objects.
//
// The tables are canonical: Names and Consts hold each entry once, in the
// order in which the instructions first use them, and nothing unused.
// Constants are compared by [ConstEqual], which keeps 1, 1.0 and True
// apart and compares floats by their bits. A [Builder] produces canonical
// tables by construction; [Code.Validate] rejects any other.
//
// # The stack discipline
//
// Instructions work on an operand stack, and each has a fixed effect on it
// ([Instr.StackEffect]). Validate interprets the code abstractly along every
// path and requires that no instruction pops more than is there, that every
// path into an instruction arrives with the same stack depth, the same open
// SETUP_EXCEPT blocks and the same number of exceptions being handled, and
// that no path runs off the end. StackSize and BlockSize must be the
// largest depth and the deepest block nesting it finds (Assemble, Builder
// and SetSizes compute them), so the interpreter can allocate a frame once
// and never check for overflow. Validate only reads: a code object is
// immutable once built, and may be checked and run by many goroutines and
// runtimes at once. Every jump except
// JUMP_BACKWARD must go forward, so every loop passes through a
// JUMP_BACKWARD.
//
// # Safe points
//
// CALL, CALL_METHOD, CALL_EX and JUMP_BACKWARD are safe points
// ([OpInfo].SafePoint): the only instructions at which the interpreter
// polls the lock, so the only places (with function entry) where a thread
// may be switched out under a GIL or parked for a stop-the-world. Between
// two safe points a thread runs without interruption under a global lock:
// `counter += 1` compiled as LOAD_GLOBAL, LOAD_CONST, BINARY_OP +=,
// STORE_GLOBAL contains none and cannot lose an update, while
// `counter += one()` contains a CALL and can. Because every loop contains
// a JUMP_BACKWARD and every call is a safe point, a thread always reaches
// one soon, and a stop-the-world never waits forever.
//
// # The text form
//
// The assembler reads a file of blocks: one `module` block and any number
// of `func NAME(params)` blocks, each ending with `end`. Instructions are
// written one a line as their canonical name and operand — constants as
// literals, locals and names by name, jump targets by label, functions as
// `@NAME` — with `;` comments, `name:` labels, and directives for the
// other locals (`locals`), cells and free variables (`cells`,
// `freevars`), source lines and spans (`.line`, `.pos`, `.firstline`) and
// the fields a header cannot carry (`.name`, `.qualname`, `.filename`,
// `.generator`). Headers write parameters as a Python def does:
// `func f(a, /, b, *rest, k, **kw)`. The disassembler
// writes the same form, so Assemble(Disassemble(c)) rebuilds c exactly.
// docs/bytecode.md gives the grammar, every instruction, and worked
// examples.
//
//	module
//	    LOAD_NAME print
//	    LOAD_CONST "hello"
//	    CALL 1
//	    POP_TOP
//	    RETURN_CONST None
//	end
package bytecode
