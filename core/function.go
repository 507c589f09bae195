package core

import (
	"fmt"
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// Function is a Python function: code, the globals it runs with, and the
// defaults of its last parameters.
type Function struct {
	Header
	name     string
	code     *Code
	globals  *Dict
	defaults *Tuple // nil: none
}

// Dealloc implements refcount.Object.
func (f *Function) Dealloc(by *refcount.Owner) {
	untrack(f, by)
	decrefBy(f.globals, by)
	if f.defaults != nil {
		decrefBy(f.defaults, by)
	}
}

// Describe implements refcount.Object.
func (f *Function) Describe() string { return "function " + f.name }

// Name returns the function's name.
func (f *Function) Name() string { return f.name }

// newFunction makes a function of code with globals (borrowed) and
// defaults (taken over; may be nil).
func (th *Thread) newFunction(code *Code, globals *Dict, defaults *Tuple) *Function {
	f := &Function{name: code.bc.Name, code: code, globals: globals, defaults: defaults}
	th.Incref(globals)
	f.typ = th.rt.types.function
	th.track(f)
	return f
}

// bindArgs lays the arguments of a call out as the function's first fast
// locals (new references in locals): positional ones in order, the extra
// ones as the *rest tuple, keyword ones by name, defaults for the rest.
func (th *Thread) bindArgs(f *Function, locals []Object, args []Object, kwnames []string, kwvalues []Object) error {
	bc := f.code.bc
	nparams := len(bc.Params)
	npos := nparams
	if bc.VarArgs {
		npos--
	}
	exc := th.rt.types.exc
	ndef := 0
	if f.defaults != nil {
		ndef = len(f.defaults.items)
	}
	if len(args) > npos && !bc.VarArgs {
		takes := fmt.Sprintf("%d positional argument%s", npos, plural(npos))
		if ndef > 0 {
			takes = fmt.Sprintf("from %d to %d positional arguments", npos-min(ndef, npos), npos)
		}
		return th.Raisef(exc.TypeError, "%s() takes %s but %d %s given", f.name, takes, len(args), wasWere(len(args)))
	}
	for i := 0; i < len(args) && i < npos; i++ {
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
		i := -1
		for j := 0; j < npos; j++ {
			if bc.Params[j] == name {
				i = j
				break
			}
		}
		switch {
		case i < 0:
			return th.Raisef(exc.TypeError, "%s() got an unexpected keyword argument '%s'", f.name, name)
		case locals[i] != nil:
			return th.Raisef(exc.TypeError, "%s() got multiple values for argument '%s'", f.name, name)
		}
		locals[i] = th.newRef(kwvalues[k])
	}
	var missing []string
	for i := 0; i < npos; i++ {
		if locals[i] != nil {
			continue
		}
		if d := i - (npos - ndef); d >= 0 {
			locals[i] = th.newRef(f.defaults.items[d])
			continue
		}
		missing = append(missing, "'"+bc.Params[i]+"'")
	}
	if len(missing) > 0 {
		list := missing[0]
		switch n := len(missing); {
		case n == 2:
			list = missing[0] + " and " + missing[1]
		case n > 2:
			list = strings.Join(missing[:n-1], ", ") + ", and " + missing[n-1]
		}
		return th.Raisef(exc.TypeError, "%s() missing %d required positional argument%s: %s",
			f.name, len(missing), plural(len(missing)), list)
	}
	return nil
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// callFunction calls a Python function from Go (args and kwargs borrowed).
func (th *Thread) callFunction(f *Function, args []Object, kwargs map[string]Object) (Object, error) {
	var names []string
	var values []Object
	for k, v := range kwargs {
		names = append(names, k)
		values = append(values, v)
	}
	return th.callPython(f, args, names, values)
}

// callPython runs f with a fresh frame.
func (th *Thread) callPython(f *Function, args []Object, kwnames []string, kwvalues []Object) (Object, error) {
	if th.depth >= th.rt.cfg.RecursionLimit {
		return nil, th.Raise(th.rt.types.exc.RecursionError, "maximum recursion depth exceeded")
	}
	fr := th.newFrame(f.code, f.globals, f)
	if err := th.bindArgs(f, fr.locals, args, kwnames, kwvalues); err != nil {
		fr.release(th)
		return nil, err
	}
	th.depth++
	defer func() { th.depth-- }()
	return th.eval(fr)
}

// String is for debugging.
func (f *Function) String() string { return fmt.Sprintf("<function %s>", f.name) }
