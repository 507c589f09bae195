package core

import (
	"fmt"

	"github.com/rwgil/rwgil/core/bytecode"
)

// The built-in functions that compile source at run time: compile, exec
// and eval. core has no compiler of its own; the Python front end gives
// one to the process (SetCompiler), and these raise RuntimeError while
// none is set, as for a runtime driven by assembled bytecode alone.
//
// Code they compile becomes a Code object of the runtime and stays, with
// its constants, for the runtime's life (as every code object does): a
// program that compiles new source in a loop grows by the code each time.

// CompileMode says what the source given to a Compiler is: a module
// (exec) or one expression whose value the code returns (eval).
type CompileMode uint8

const (
	// CompileExec: the source is a module body; the code returns None.
	CompileExec CompileMode = iota
	// CompileEval: the source is one expression; the code returns its
	// value.
	CompileEval
)

// A Compiler turns Python source into bytecode. For source that does not
// compile it returns a *CompileError.
type Compiler func(filename string, src []byte, mode CompileMode) (*bytecode.Code, error)

// CompileError is source that does not compile, as a Compiler reports
// it: what Python's compile, exec and eval raise.
type CompileError struct {
	// Kind is the exception class: SyntaxError, IndentationError,
	// TabError, MemoryError or RecursionError.
	Kind string
	Msg  string
	// Filename, Line, Offset, EndLine, EndOffset and Text are the
	// SyntaxError's attributes (lines from 1, offsets in characters from
	// 1; 0 for source that has none, such as empty source).
	Filename                         string
	Line, Offset, EndLine, EndOffset int
	Text                             string
}

// Error formats the error as "file:line:col: Kind: message".
func (e *CompileError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.Filename, e.Line, max(e.Offset, 1), e.Kind, e.Msg)
}

// SetCompiler gives the interpreters of rt's process a compiler: for
// ExecSourceIn (Interpreter.exec of a string) and for the built-in
// compile, exec and eval. The Python front end supplies it
// (python.RegisterModules).
func (rt *Runtime) SetCompiler(compile Compiler) {
	g := rt.interp.group
	g.mu.Lock()
	g.compile = compile
	g.mu.Unlock()
}

// compiler returns the process's compiler, or nil.
func (rt *Runtime) compiler() Compiler {
	g := rt.interp.group
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.compile
}

// raiseCompileError turns a compiler's error into the exception Python
// code sees: a *CompileError as its class with its attributes, anything
// else as SystemError (a bug of the compiler).
func (th *Thread) raiseCompileError(err error) error {
	ce, ok := err.(*CompileError)
	if !ok {
		return th.Raisef(th.rt.types.exc.SystemError, "compiler failed: %v", err)
	}
	t := th.rt.ExceptionType(ce.Kind)
	if t == nil {
		t = th.rt.types.exc.SyntaxError
	}
	if !t.IsSubtype(th.rt.types.exc.SyntaxError) {
		return th.Raise(t, ce.Msg)
	}
	info := th.NewTuple([]Object{th.NewStr(ce.Filename), th.NewInt(int64(ce.Line)), th.NewInt(int64(ce.Offset)),
		th.NewStr(ce.Text), th.NewInt(int64(ce.EndLine)), th.NewInt(int64(ce.EndOffset))})
	msg := th.NewStr(ce.Msg)
	exc, cerr := th.Call(t, []Object{msg, info}, nil)
	th.Decref(msg)
	th.Decref(info)
	if cerr != nil {
		return cerr
	}
	return exc.(*Exception)
}

// sourceArg reads the source argument of compile, exec and eval: the text
// of a str or bytes, or the code of a code object.
func (th *Thread) sourceArg(fname string, o Object) (src []byte, code *Code, err error) {
	switch s := o.(type) {
	case *Str:
		return []byte(s.s), nil, nil
	case *Bytes:
		return th.snapshot(s), nil, nil
	case *Code:
		return nil, s, nil
	}
	what := "a string, bytes or code object"
	if fname == "compile" {
		what = "a string, bytes or AST object"
	}
	return nil, nil, th.Raisef(th.rt.types.exc.TypeError, "%s() arg 1 must be %s", fname, what)
}

// compileArg compiles source for exec or eval, or passes a code object
// through.
func (th *Thread) compileArg(fname string, o Object, mode CompileMode) (*bytecode.Code, error) {
	src, code, err := th.sourceArg(fname, o)
	if err != nil {
		return nil, err
	}
	if code != nil {
		return code.bc, nil
	}
	if mode == CompileEval {
		// eval ignores the indentation of its expression's first line.
		for len(src) > 0 && (src[0] == ' ' || src[0] == '\t') {
			src = src[1:]
		}
	}
	return th.compileSource("<string>", src, mode)
}

func (th *Thread) compileSource(filename string, src []byte, mode CompileMode) (*bytecode.Code, error) {
	compile := th.rt.compiler()
	if compile == nil {
		return nil, th.Raise(th.rt.types.exc.RuntimeError, "no compiler: this runtime runs bytecode only (core.Runtime.SetCompiler)")
	}
	bc, err := compile(filename, src, mode)
	if err != nil {
		return nil, th.raiseCompileError(err)
	}
	return bc, nil
}

// namespaces reads the globals and locals arguments of exec and eval;
// absent or None, they are the calling frame's. globals is returned as a
// new reference, locals as a new reference or nil (the globals serve).
func (th *Thread) namespaces(fname string, args []Object, kw map[string]Object) (globals, locals *Dict, err error) {
	var g, l Object = th.rt.None, th.rt.None
	if len(args) > 1 {
		g = args[1]
	}
	if len(args) > 2 {
		l = args[2]
	}
	if v, ok := kw["globals"]; ok {
		g = v
	}
	if v, ok := kw["locals"]; ok {
		l = v
	}
	if g != th.rt.None {
		d, ok := g.(*Dict)
		if !ok {
			return nil, nil, th.Raisef(th.rt.types.exc.TypeError, "%s() globals must be a dict, not %s", fname, g.Type().name)
		}
		globals = th.newRef(d).(*Dict)
	}
	if l != th.rt.None {
		d, ok := l.(*Dict)
		if !ok {
			if l.Type().lookupHas(th, "__getitem__") {
				return nil, nil, th.Raisef(th.rt.types.exc.TypeError, "rwgil's %s() takes a dict as locals, not %s", fname, l.Type().name)
			}
			return nil, nil, th.Raisef(th.rt.types.exc.TypeError, "locals must be a mapping")
		}
		locals = th.newRef(d).(*Dict)
	}
	fr := th.frame
	switch {
	case globals != nil:
		// CPython adds __builtins__ to globals given without it.
		if b := th.dictGetStr(globals, "__builtins__"); b != nil {
			th.Decref(b)
		} else if err := th.DictSetStr(globals, "__builtins__", th.rt.builtins.dict); err != nil {
			th.Decref(globals)
			th.XDecref(locals)
			return nil, nil, err
		}
	case fr == nil:
		globals = th.NewDict()
	default:
		globals = th.newRef(fr.globals).(*Dict)
		if locals == nil && (fr.fn != nil || fr.ns != nil) {
			cur, err := th.frameLocals()
			if err != nil {
				th.Decref(globals)
				return nil, nil, err
			}
			locals = cur.(*Dict)
		}
	}
	return globals, locals, nil
}

// execOrEval is exec and eval: compile (or take) the code, run it in the
// namespaces, return what it returns.
func (th *Thread) execOrEval(fname string, mode CompileMode, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs(fname, kw, "globals", "locals"); err != nil {
		return nil, err
	}
	if err := th.checkArgs(fname, args, 1, 3); err != nil {
		return nil, err
	}
	bc, err := th.compileArg(fname, args[0], mode)
	if err != nil {
		return nil, err
	}
	globals, locals, err := th.namespaces(fname, args, kw)
	if err != nil {
		return nil, err
	}
	defer th.Decref(globals)
	if locals != nil {
		defer th.Decref(locals)
	}
	return th.ExecCode(bc, globals, locals)
}

func builtinExec(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	r, err := th.execOrEval("exec", CompileExec, args, kw)
	if err != nil {
		return nil, err
	}
	th.Decref(r)
	return th.rt.None, nil
}

func builtinEval(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	return th.execOrEval("eval", CompileEval, args, kw)
}

// builtinCompile is compile(source, filename, mode): a code object that
// exec (mode 'exec') or eval (mode 'eval') runs. rwgil's takes no flags
// and no optimisation level other than the defaults, and has no 'single'
// mode.
func builtinCompile(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("compile", kw, "source", "filename", "mode", "flags", "dont_inherit", "optimize"); err != nil {
		return nil, err
	}
	if err := th.checkArgs("compile", args, 0, 6); err != nil {
		return nil, err
	}
	names := []string{"source", "filename", "mode", "flags", "dont_inherit", "optimize"}
	vals := make([]Object, len(names))
	for i, name := range names {
		if i < len(args) {
			vals[i] = args[i]
		} else if v, ok := kw[name]; ok {
			vals[i] = v
		}
	}
	for i := 0; i < 3; i++ {
		if vals[i] == nil {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "compile() missing required argument '%s' (pos %d)", names[i], i+1)
		}
	}
	if f := vals[3]; f != nil {
		if n, ok := f.(*Int); !ok || n.big != nil || n.v != 0 {
			return nil, th.Raise(th.rt.types.exc.ValueError, "rwgil's compile() takes no flags")
		}
	}
	filename, ok := vals[1].(*Str)
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "compile() argument 'filename' must be str, not %s", vals[1].Type().name)
	}
	modeStr, ok := vals[2].(*Str)
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "compile() argument 'mode' must be str, not %s", vals[2].Type().name)
	}
	var mode CompileMode
	switch modeStr.s {
	case "exec":
		mode = CompileExec
	case "eval":
		mode = CompileEval
	case "single", "func_type":
		return nil, th.Raisef(th.rt.types.exc.ValueError, "rwgil's compile() has no mode '%s'", modeStr.s)
	default:
		return nil, th.Raise(th.rt.types.exc.ValueError, "compile() mode must be 'exec', 'eval' or 'single'")
	}
	src, code, err := th.sourceArg("compile", vals[0])
	if err != nil {
		return nil, err
	}
	if code != nil {
		return nil, th.Raise(th.rt.types.exc.TypeError, "compile() arg 1 must be a string, bytes or AST object")
	}
	bc, err := th.compileSource(filename.s, src, mode)
	if err != nil {
		return nil, err
	}
	c, err := th.rt.codeFor(bc)
	if err != nil {
		return nil, err
	}
	return c, nil // immortal
}
