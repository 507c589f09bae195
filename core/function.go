package core

import (
	"fmt"
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// Function is a Python function: code, the globals it runs with, the
// defaults of its last positional parameters and of its keyword-only
// ones, and its closure (one cell per free variable of the code).
type Function struct {
	Header
	name     string
	qualname string
	code     *Code
	globals  *Dict
	defaults *Tuple // nil: none
	// kwdefaults maps keyword-only parameter names to their defaults;
	// nil: none.
	kwdefaults *Dict
	// closure holds a *Cell per Code.Free, in order; nil when the code
	// has no free variables.
	closure *Tuple
	// dict holds the function's attributes (f.calls = 0, __doc__).
	dict *Dict
}

// Dealloc implements refcount.Object.
func (f *Function) Dealloc(by *refcount.Owner) {
	untrack(f, by)
	f.release(by)
}

// release drops the references f holds: its Dealloc, and Close for an
// immortalized function (releaseImmortals).
func (f *Function) release(by *refcount.Owner) {
	decrefBy(f.globals, by)
	decrefBy(f.dict, by)
	if f.defaults != nil {
		decrefBy(f.defaults, by)
	}
	if f.kwdefaults != nil {
		decrefBy(f.kwdefaults, by)
	}
	if f.closure != nil {
		decrefBy(f.closure, by)
	}
}

// Describe implements refcount.Object.
func (f *Function) Describe() string { return "function " + f.qualname }

// Name returns the function's name (__name__).
func (f *Function) Name() string { return f.name }

// QualName returns the function's qualified name (__qualname__:
// "C.m", "f.<locals>.g"), which argument errors and reprs show.
func (f *Function) QualName() string { return f.qualname }

// newFunction makes a function of code with globals (borrowed) and
// defaults, kwdefaults and closure (references taken over; each may be
// nil).
func (th *Thread) newFunction(code *Code, globals *Dict, defaults *Tuple, kwdefaults *Dict, closure *Tuple) *Function {
	bc := code.bc
	qual := bc.QualName
	if qual == "" {
		qual = bc.Name
	}
	f := &Function{name: bc.Name, qualname: qual, code: code, globals: globals,
		defaults: defaults, kwdefaults: kwdefaults, closure: closure, dict: th.NewDict()}
	th.Incref(globals)
	f.typ = th.rt.types.function
	th.track(f)
	return f
}

// bindArgs lays the arguments of a call out as the function's first fast
// locals (new references in locals) the way CPython 3.12's
// initialize_locals does, in the same order and with the same
// TypeErrors: positional arguments in order, the extra ones as the *rest
// tuple, keyword arguments by name (positional-only parameters excepted)
// or into the **kwargs dict, then the defaults of the positional and
// keyword-only parameters not given. On an error, what it has bound is
// left in locals for the frame's release.
func (th *Thread) bindArgs(f *Function, locals []Object, args []Object, kwnames []string, kwvalues []Object) error {
	bc := f.code.bc
	npos := len(bc.Params)
	if bc.VarArgs {
		npos--
	}
	if len(kwnames) == 0 && len(args) == npos && !bc.VarArgs && !bc.VarKeywords && len(bc.KwOnly) == 0 {
		for i, a := range args {
			locals[i] = th.newRef(a)
		}
		return nil
	}
	exc := &th.rt.types.exc
	var kwdict *Dict
	if bc.VarKeywords {
		kwdict = th.NewDict()
		locals[len(bc.Params)+len(bc.KwOnly)] = kwdict
	}
	n := min(len(args), npos)
	for i := 0; i < n; i++ {
		locals[i] = th.newRef(args[i])
	}
	if bc.VarArgs {
		var rest []Object
		for i := npos; i < len(args); i++ {
			rest = append(rest, th.newRef(args[i]))
		}
		locals[npos] = th.NewTuple(rest)
	}
	for k, name := range kwnames {
		j := -1
		for i := int(bc.PosOnly); i < npos; i++ {
			if bc.Params[i] == name {
				j = i
				break
			}
		}
		if j < 0 {
			for i, kn := range bc.KwOnly {
				if kn == name {
					j = len(bc.Params) + i
					break
				}
			}
		}
		if j < 0 {
			if kwdict == nil {
				if err := th.posOnlyAsKeyword(f, kwnames); err != nil {
					return err
				}
				return th.Raisef(exc.TypeError, "%s() got an unexpected keyword argument '%s'", f.qualname, name)
			}
			if err := th.DictSet(kwdict, th.rt.Intern(name), kwvalues[k]); err != nil {
				return err
			}
			continue
		}
		if locals[j] != nil {
			return th.Raisef(exc.TypeError, "%s() got multiple values for argument '%s'", f.qualname, name)
		}
		locals[j] = th.newRef(kwvalues[k])
	}
	if len(args) > npos && !bc.VarArgs {
		return th.tooManyPositional(f, locals, len(args))
	}
	if len(args) < npos {
		ndef := 0
		if f.defaults != nil {
			ndef = len(f.defaults.items)
		}
		m := npos - ndef
		for i := len(args); i < m; i++ {
			if locals[i] == nil {
				return th.missingArguments(f, "positional", bc.Params[:m], locals[:m])
			}
		}
		for i := max(m, len(args)); i < npos; i++ {
			if locals[i] == nil {
				locals[i] = th.newRef(f.defaults.items[i-m])
			}
		}
	}
	if len(bc.KwOnly) > 0 {
		kwLocals := locals[len(bc.Params) : len(bc.Params)+len(bc.KwOnly)]
		missing := false
		for i, name := range bc.KwOnly {
			if kwLocals[i] != nil {
				continue
			}
			if f.kwdefaults != nil {
				if v := th.dictGetStr(f.kwdefaults, name); v != nil {
					kwLocals[i] = v
					continue
				}
			}
			missing = true
		}
		if missing {
			return th.missingArguments(f, "keyword-only", bc.KwOnly, kwLocals)
		}
	}
	return nil
}

// posOnlyAsKeyword is CPython's positional_only_passed_as_keyword: the
// error for keywords that name positional-only parameters (nil if none
// does).
func (th *Thread) posOnlyAsKeyword(f *Function, kwnames []string) error {
	bc := f.code.bc
	var names []string
	for _, p := range bc.Params[:bc.PosOnly] {
		for _, k := range kwnames {
			if k == p {
				names = append(names, p)
				break
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	return th.Raisef(th.rt.types.exc.TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
		f.qualname, strings.Join(names, ", "))
}

// tooManyPositional is CPython's too_many_positional.
func (th *Thread) tooManyPositional(f *Function, locals []Object, given int) error {
	bc := f.code.bc
	argcount := len(bc.Params)
	kwonlyGiven := 0
	for _, o := range locals[argcount : argcount+len(bc.KwOnly)] {
		if o != nil {
			kwonlyGiven++
		}
	}
	ndef := 0
	if f.defaults != nil {
		ndef = len(f.defaults.items)
	}
	sig, pl := fmt.Sprint(argcount), plural(argcount)
	if ndef > 0 {
		sig, pl = fmt.Sprintf("from %d to %d", argcount-ndef, argcount), "s"
	}
	kwonlySig := ""
	if kwonlyGiven > 0 {
		kwonlySig = fmt.Sprintf(" positional argument%s (and %d keyword-only argument%s)", plural(given), kwonlyGiven, plural(kwonlyGiven))
	}
	verb := "were"
	if given == 1 && kwonlyGiven == 0 {
		verb = "was"
	}
	return th.Raisef(th.rt.types.exc.TypeError, "%s() takes %s positional argument%s but %d%s %s given",
		f.qualname, sig, pl, given, kwonlySig, verb)
}

// missingArguments is CPython's missing_arguments: the names of params
// whose slot in locals is empty, in CPython's words.
func (th *Thread) missingArguments(f *Function, kind string, params []string, locals []Object) error {
	var names []string
	for i, o := range locals {
		if o == nil {
			names = append(names, strRepr(params[i]))
		}
	}
	list := names[0]
	switch n := len(names); {
	case n == 2:
		list = names[0] + " and " + names[1]
	case n > 2:
		list = strings.Join(names[:n-1], ", ") + ", and " + names[n-1]
	}
	return th.Raisef(th.rt.types.exc.TypeError, "%s() missing %d required %s argument%s: %s",
		f.qualname, len(names), kind, plural(len(names)), list)
}

// callFunction calls a Python function from Go (args and kwargs
// borrowed); the keywords keep the order of the bytecode call that
// passed them on, if any (see keywordNames).
func (th *Thread) callFunction(f *Function, args []Object, kwargs map[string]Object) (Object, error) {
	if len(kwargs) == 0 {
		return th.callPython(f, args, nil, nil)
	}
	names := th.keywordNames(kwargs)
	values := make([]Object, len(names))
	for i, k := range names {
		values[i] = kwargs[k]
	}
	return th.callPython(f, args, names, values)
}

// callPython runs f with a fresh frame; for a generator function, it
// returns the generator holding the frame instead, nothing run yet.
func (th *Thread) callPython(f *Function, args []Object, kwnames []string, kwvalues []Object) (Object, error) {
	return th.callPythonSelf(f, nil, args, kwnames, kwvalues)
}

// callMethod calls the Python function f with self before args, as a
// method found on self's class is called (callSpecial's common case),
// without building the argument slice that Call takes; what Call does
// first (a promoted thread's callback, suspending critical sections) it
// leaves to Call.
func (th *Thread) callMethod(f *Function, self Object, args []Object, kwargs map[string]Object) (Object, error) {
	if len(kwargs) != 0 || th.eml.Depth() > 0 || th.heldSections() {
		return th.Call(f, append([]Object{self}, args...), kwargs)
	}
	return th.callPythonSelf(f, self, args, nil, nil)
}

// callPythonSelf is callPython with self (nil: none) before args. A call
// of exactly the positional parameters (Code.exactArity, CPython's
// CALL_PY_EXACT_ARGS) binds each argument straight into its local.
func (th *Thread) callPythonSelf(f *Function, self Object, args []Object, kwnames []string, kwvalues []Object) (Object, error) {
	if th.depth >= th.rt.RecursionLimit() {
		return nil, th.Raise(th.rt.types.exc.RecursionError, "maximum recursion depth exceeded")
	}
	if err := th.memCheck(frameSize(f.code.bc)); err != nil {
		return nil, err
	}
	fr := th.newFrame(f.code, f.globals, f, !f.code.bc.Generator)
	nself := 0
	if self != nil {
		nself = 1
	}
	if len(kwnames) == 0 && nself+len(args) == f.code.exactArity {
		locals := fr.locals
		if self != nil {
			th.Incref(self)
			locals[0] = self
			locals = locals[1:]
		}
		for i, a := range args {
			if !th.increfLocal(a) {
				th.increfSlow(a)
			}
			locals[i] = a
		}
	} else {
		if self != nil {
			args = append([]Object{self}, args...)
		}
		if err := th.bindArgs(f, fr.locals, args, kwnames, kwvalues); err != nil {
			fr.release(th)
			return nil, err
		}
	}
	if fr.cells != nil {
		th.initCells(fr, f)
	}
	if f.code.bc.Generator {
		return th.newGenerator(fr, f), nil
	}
	th.depth++
	r, err := th.eval(fr)
	th.depth--
	return r, err
}

// initCells makes the frame's cells: a new cell per Code.Cells, holding
// the argument when the cell is named like a parameter (the fast local
// gives its reference to the cell), then the function's closure cells
// for Code.Free.
func (th *Thread) initCells(fr *frame, f *Function) {
	code := fr.code
	for i, arg := range code.cellArg {
		var x Object
		if arg >= 0 {
			x, fr.locals[arg] = fr.locals[arg], nil
		}
		fr.cells[i] = th.newCell(x)
	}
	for i := range code.bc.Free {
		if f != nil && f.closure != nil {
			cell := f.closure.items[i].(*Cell) // MAKE_FUNCTION checked them
			th.Incref(cell)
			fr.cells[len(code.cellArg)+i] = cell
		} else {
			// Top-level code with free variables (no closure to bind
			// them from): they are empty.
			fr.cells[len(code.cellArg)+i] = th.newCell(nil)
		}
	}
}

// String is for debugging.
func (f *Function) String() string { return fmt.Sprintf("<function %s>", f.qualname) }

// pyAttr reads the function's attributes other than __name__.
func (f *Function) pyAttr(th *Thread, name string) (Object, bool, error) {
	orNone := func(o Object) Object {
		if o == nil {
			return th.rt.None
		}
		return th.newRef(o)
	}
	switch name {
	case "__qualname__":
		return th.NewStr(f.qualname), true, nil
	case "__module__":
		return th.NewStr(f.module(th)), true, nil
	case "__defaults__":
		if f.defaults == nil {
			return th.rt.None, true, nil
		}
		return orNone(f.defaults), true, nil
	case "__kwdefaults__":
		if f.kwdefaults == nil {
			return th.rt.None, true, nil
		}
		return orNone(f.kwdefaults), true, nil
	case "__closure__":
		if f.closure == nil {
			return th.rt.None, true, nil
		}
		return orNone(f.closure), true, nil
	}
	return nil, false, nil
}
