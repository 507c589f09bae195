// Package python runs Python programs on rwgil: Exec compiles Python
// 3.12 source with package compile and runs the code as the __main__
// module of a runtime with core.Runtime.Exec; Run does what `rwgil run
// prog.py` does, from a new runtime to the exit status.
//
// The front end is three packages below this one: python/syntax (scanner,
// parser, syntax errors), python/resolve (the symbol table) and
// python/compile (the code generator). docs/python.md says which subset of
// Python they take and how it maps onto rwgil's instructions.
package python

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/extensions"
	"github.com/rwgil/rwgil/python/compile"
	"github.com/rwgil/rwgil/python/lib"
	"github.com/rwgil/rwgil/python/syntax"
	"github.com/rwgil/rwgil/stdlib"
)

// Exec compiles the Python program src, read from the file filename, and
// runs it in rt as the __main__ module (core.Runtime.Exec: it waits for
// the threads the program starts). A program that does not compile
// returns a *syntax.Error and runs nothing; everything a program that
// runs does, an uncaught exception included, is in the Result.
func Exec(rt *core.Runtime, filename string, src []byte) (*core.Result, error) {
	code, err := compile.Compile(filename, src)
	if err != nil {
		return nil, err
	}
	return rt.Exec(code)
}

// Run runs a Python program the way `rwgil run` does without its
// scheduling and statistics flags: it compiles src (a syntax error is
// printed to cfg.Stderr as CPython prints it), makes a runtime from cfg
// with the bundled extension modules registered, runs the program as
// __main__, prints an uncaught exception's traceback to cfg.Stderr, and
// closes the runtime (reporting reference-count misuse, a bug of rwgil).
// It returns the exit status: 0, 1 for an uncaught exception, SystemExit's
// code as CPython exits with it (core.Result.ExitStatus; the message of a
// SystemExit that is not a number is printed), 2 for a program that does
// not compile or a runtime that cannot start.
func Run(cfg core.Config, filename string, src []byte) int {
	stderr := cfg.Stderr
	if stderr == nil {
		stderr = os.Stderr
	}
	code, err := compile.CompileFile(filename, src)
	if err != nil {
		PrintError(stderr, err)
		return 2
	}
	if cfg.CaretAnchors == nil {
		cfg.CaretAnchors = syntax.CaretAnchors // CPython's ~~^~~ under operators and subscripts
	}
	if cfg.Argv == nil {
		cfg.Argv = []string{filename} // sys.argv, as `python3 filename` sets it
	}

	rt, err := core.NewRuntime(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		return 2
	}
	if err := RegisterModules(rt); err != nil {
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		_ = rt.Close()
		return 2
	}
	status := 0
	res, err := rt.Exec(code)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "rwgil run: %v\n", err)
		status = 1
	default:
		fmt.Fprint(stderr, res.Exception)
		status = res.ExitStatus
	}
	if cerr := rt.Close(); cerr != nil && errors.Is(cerr, core.ErrRefcountReports) {
		fmt.Fprintf(stderr, "rwgil run: at exit: %v\n", cerr)
	}
	return status
}

// RegisterModules makes the modules a Python program may import
// importable in rt: the standard library (packages stdlib and python/lib) and the bundled
// extension modules (package extensions). In a main interpreter it also
// makes every child interpreter created later register them afresh
// (core.Runtime.SetInterpreterSetup), so each has its own module state,
// and gives the interpreters the compiler, for Interpreter.exec of source.
func RegisterModules(rt *core.Runtime) error {
	if err := stdlib.Register(rt); err != nil {
		return err
	}
	if err := lib.Register(rt); err != nil {
		return err
	}
	if rt.IsMainInterpreter() {
		rt.SetInterpreterSetup(RegisterModules)
		rt.SetCompiler(compiler) // for exec, eval, compile and source run in another interpreter
	}
	return extensions.RegisterBundled(rt)
}

// compiler is the front end as core's compiler: exec's source is a
// module, eval's an expression; a syntax error becomes a
// *core.CompileError with the SyntaxError's attributes.
func compiler(filename string, src []byte, mode core.CompileMode) (*bytecode.Code, error) {
	var code *bytecode.Code
	var err error
	if mode == core.CompileEval {
		code, err = compile.CompileEval(filename, src)
	} else {
		code, err = compile.Compile(filename, src)
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		return nil, &core.CompileError{Kind: se.Kind.String(), Msg: se.Msg, Filename: se.Filename,
			Line: se.Line, Offset: se.Offset, EndLine: se.EndLine, EndOffset: se.EndOffset, Text: se.SourceText()}
	}
	return code, err
}

// PrintError prints a compile error: a *syntax.Error as CPython prints an
// uncaught SyntaxError (file and line, the source line, a caret line, and
// "SyntaxError: message"), anything else on one line.
func PrintError(w io.Writer, err error) {
	var se *syntax.Error
	if errors.As(err, &se) {
		fmt.Fprint(w, se.Format())
		return
	}
	fmt.Fprintf(w, "rwgil run: %v\n", err)
}
