package core

// The types of the eval loop's own objects -- cells, generators, slices
// -- and the built-ins that go with them (slice, __build_class__). They
// are made after the builtins module, with their method tables frozen as
// those of the other built-in types are.
type evalTypes struct {
	cell, generator, slice, traceback *Type
	// generatorExit is GeneratorExit: the object model's when it has one,
	// else a BaseException subclass of the eval loop's own.
	generatorExit *Type
}

// pyReprer is an object of the eval loop with a repr of its own.
type pyReprer interface {
	pyRepr(th *Thread) (string, error)
}

// pyAttrer is an object of the eval loop with data attributes
// (slice.start, generator.__name__): found is false for a name it does
// not have, which is then looked up on its type.
type pyAttrer interface {
	pyAttr(th *Thread, name string) (v Object, found bool, err error)
}

// pyHasher is an object of the eval loop with a hash of its own.
type pyHasher interface {
	pyHash(th *Thread) (int64, error)
}

func (rt *Runtime) initEvalTypes() {
	ev := &rt.ev
	obj := rt.types.object
	ev.cell = rt.newBuiltinType("cell", obj, nil)
	ev.generator = rt.newBuiltinType("generator", obj, nil)
	ev.slice = rt.newBuiltinType("slice", obj, constructSlice)
	ev.traceback = rt.newBuiltinType("traceback", obj, nil)
	for t, methods := range map[*Type][]method{ev.cell: nil, ev.generator: generatorMethods, ev.slice: sliceMethods, ev.traceback: nil} {
		d := rt.immortalDict(true)
		for _, m := range methods {
			rt.dictInit(d, m.name, rt.immortalBuiltin(m.name, m.fn, true))
		}
		t.dict = d
	}
	ev.generatorExit = rt.ExceptionType("GeneratorExit")
	bd := rt.builtins.dict
	if ev.generatorExit == nil {
		ev.generatorExit = rt.newBuiltinType("GeneratorExit", rt.types.exc.BaseException, nil)
		ev.generatorExit.exception = true
		ev.generatorExit.dict = rt.immortalDict(true)
		rt.dictInit(bd, "GeneratorExit", ev.generatorExit)
	}
	rt.dictInit(bd, "slice", ev.slice)
	rt.dictInit(bd, "__build_class__", rt.immortalBuiltin("__build_class__", builtinBuildClass, false))
	// exit and quit, which CPython's site module adds: exit(code=None)
	// raises SystemExit(code).
	for _, name := range []string{"exit", "quit"} {
		rt.dictInit(bd, name, rt.immortalBuiltin(name, builtinExit(name), false))
	}
}

// builtinExit is site's exit() and quit(): raise SystemExit(code).
func builtinExit(name string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs(name, kw, "code"); err != nil {
			return nil, err
		}
		if code, ok := kw["code"]; ok {
			if len(args) > 0 {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "Quitter.__call__() got multiple values for argument 'code'")
			}
			args = []Object{code}
		}
		if len(args) > 1 {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "Quitter.__call__() takes from 1 to 2 positional arguments but %d were given", len(args)+1)
		}
		if len(args) == 0 {
			args = []Object{th.rt.None} // Quitter's code=None: SystemExit(None)
		}
		e, err := th.Call(th.rt.types.exc.SystemExit, args, nil)
		if err != nil {
			return nil, err
		}
		return nil, e.(*Exception)
	}
}
