package extensions

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// Func is a function of an extension module: args and kwargs are
// borrowed, the result is a new reference (kwargs is nil when there are
// none). An error is a Python exception (th.Raise) or any Go error, which
// becomes a SystemError; a result returned beside an error is dropped,
// and returning neither raises SystemError, as CPython does for a C
// function that returns NULL without setting an exception.
type Func func(th *core.Thread, args []core.Object, kwargs map[string]core.Object) (core.Object, error)

// Module defines an extension module.
type Module struct {
	Name string
	// Ported is the Py_MOD_GIL_NOT_USED analogue: false means calls into
	// the module promote the calling thread.
	Ported bool
	Funcs  map[string]Func
	// Init runs once, at the first import, with the new module (optional).
	Init func(*core.Thread, *core.Module) error
	// Doc is the module's docstring (__doc__).
	Doc string
	// Interpreters is what the module supports of several interpreters,
	// as CPython's Py_mod_multiple_interpreters slot: the zero value,
	// core.InterpSupported, allows it in interpreters that share the main
	// one's lock; core.InterpPerLock in any; core.InterpNotSupported only
	// in the main interpreter.
	Interpreters core.InterpSupport
}

// GILWarning is what the sticky policy prints when an import turns the
// GIL on, after CPython 3.13t's RuntimeWarning.
const GILWarning = "RuntimeWarning: the GIL has been enabled to load module '%s', which has not declared that it can run safely without it\n"

// Register makes m importable by IMPORT_NAME in rt. A duplicate name, an
// empty name or a nil function is an error.
func Register(rt *core.Runtime, m Module) error {
	switch {
	case m.Name == "":
		return fmt.Errorf("extensions: a module needs a name")
	case len(m.Funcs) == 0 && m.Init == nil:
		return fmt.Errorf("extensions: module %q has no functions", m.Name)
	}
	for name, f := range m.Funcs {
		if f == nil {
			return fmt.Errorf("extensions: function %s.%s is nil", m.Name, name)
		}
	}
	if err := rt.DeclareInterpreterSupport(m.Name, m.Interpreters); err != nil {
		return fmt.Errorf("extensions: %w", err)
	}
	return rt.AddModuleLoader(m.Name, func(th *core.Thread, name string) (*core.Module, error) {
		return load(th, m)
	})
}

// load makes the module object at its first import.
func load(th *core.Thread, m Module) (*core.Module, error) {
	rt := th.Runtime()
	if !m.Ported {
		switch rt.Config().Policy {
		case eml.PolicyFree:
			if rt.Config().Strict {
				return nil, th.Raisef(th.RaiseType("ImportError"), "module '%s' is not ported to free threading (it has not declared that it can run safely without the GIL), and the strict free policy refuses it", m.Name)
			}
		case eml.PolicySticky:
			before := rt.Lock().Stats().GILEnabled
			if err := th.EML().EnableGIL(m.Name); err != nil {
				return nil, err
			}
			if !before {
				warn(rt, fmt.Sprintf(GILWarning, m.Name))
			}
		}
	}
	mod := th.NewExtensionModule(m.Name, m.Ported)
	names := make([]string, 0, len(m.Funcs))
	for n := range m.Funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, fname := range names {
		b := th.NewBuiltin(fname, dispatch(m.Name, fname, m.Ported, m.Funcs[fname]))
		err := th.DictSetStr(mod.Dict(), fname, b)
		th.Decref(b)
		if err != nil {
			th.Decref(mod)
			return nil, err
		}
	}
	if m.Doc != "" {
		doc := th.NewStr(m.Doc)
		err := th.DictSetStr(mod.Dict(), "__doc__", doc)
		th.Decref(doc)
		if err != nil {
			th.Decref(mod)
			return nil, err
		}
	}
	if m.Init != nil {
		if _, err := th.CallExtension(m.Name, "<init>", m.Ported, func() (core.Object, error) {
			return nil, m.Init(th, mod)
		}); err != nil {
			th.Decref(mod)
			return nil, err
		}
	}
	return mod, nil
}

// dispatch makes the Go function core calls for module.function: the
// boundary of CallExtension (promotion for an unported module, panics
// turned into RuntimeError, nothing left held). A Go error that is not an
// exception becomes a SystemError naming the function.
func dispatch(module, function string, ported bool, f Func) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kwargs map[string]core.Object) (core.Object, error) {
		return th.CallExtension(module, function, ported, func() (core.Object, error) {
			r, err := f(th, args, kwargs)
			if _, isExc := err.(*core.Exception); err != nil && !isExc {
				th.XDecref(r)
				return nil, th.Raisef(th.RaiseType("SystemError"), "%s.%s returned a Go error: %v", module, function, err)
			}
			switch {
			case r == nil && err == nil:
				// CPython's words for a C function returning NULL.
				return nil, th.Raisef(th.RaiseType("SystemError"), "<built-in function %s> returned NULL without setting an exception", function)
			case r != nil && err != nil:
				// Go's convention: with an error the value means nothing.
				th.Decref(r)
				return nil, err
			}
			return r, err
		})
	}
}

// warn writes a warning to the runtime's stderr.
func warn(rt *core.Runtime, msg string) {
	var w io.Writer = os.Stderr
	if e := rt.Config().Stderr; e != nil {
		w = e
	}
	_, _ = io.WriteString(w, msg)
}
