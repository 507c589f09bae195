package core

import (
	"errors"

	"github.com/rwgil/rwgil/core/bytecode"
)

// ExecCode runs bc, the code of a module body, on a thread that is
// already running Python (in a builtin, a module loader or a callback),
// with globals as its globals and locals, if not nil, as the namespace
// its LOAD_NAME, STORE_NAME and DELETE_NAME use (as a class body's);
// with locals nil they use globals. It returns a new reference to what
// the code returns: None for a module body, the expression's value for
// code compiled for eval. This is Python's exec and eval, and how a
// module written in Python is run into its module's dict.
//
// The code's frame counts against the recursion limit. An exception the
// code raises is returned as the error.
func (th *Thread) ExecCode(bc *bytecode.Code, globals, locals *Dict) (Object, error) {
	if !th.eml.Attached() {
		return nil, errors.New("core: ExecCode on a thread that is not running Python (use Run)")
	}
	if globals == nil {
		return nil, errors.New("core: ExecCode without globals")
	}
	code, err := th.rt.codeFor(bc)
	if err != nil {
		return nil, err
	}
	if code.bc.Generator || len(code.bc.Params) > 0 {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "code object %s is a function's body, not a module's", code.bc.Name)
	}
	if err := th.enterRecursive(""); err != nil {
		return nil, err
	}
	defer th.leaveRecursive()
	fr := th.newFrame(code, globals, nil, true)
	if locals != nil && locals != globals {
		th.Incref(locals)
		fr.ns = locals
	}
	if fr.cells != nil {
		th.initCells(fr, nil)
	}
	return th.eval(fr)
}
