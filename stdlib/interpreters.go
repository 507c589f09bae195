package stdlib

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rwgil/rwgil/core"
	"github.com/rwgil/rwgil/eml"
)

// The concurrent.interpreters module (importable as interpreters too):
// PEP 734's API, with the names of CPython 3.14's module for what it
// covers, on core's interpreters (docs/interpreters.md). Interpreter and
// Queue objects are per interpreter, each a handle on the process's
// interpreter or queue; values cross by copy (core.Shared), and anything
// but None, bool, int, float, str, bytes, tuples of these and queues
// raises NotShareableError, a TypeError. Creation takes two options
// beyond PEP 734: create(policy=..., share_lock_with=...).
//
// CPython 3.14 pickles what is not shareable (a queue's items, call's
// arguments and result, a function by its qualified name); rwgil has no
// pickle, so those raise NotShareableError instead, and a function
// crosses by its bytecode (one without free variables), running with the
// other interpreter's __main__ as its globals.

func init() {
	add("concurrent.interpreters", loadInterpreters)
	add("interpreters", loadInterpretersAlias)
	add("concurrent", loadConcurrent)
}

// loadConcurrent is the concurrent package, as far as rwgil has it: a
// module whose interpreters attribute is concurrent.interpreters, and
// whose futures attribute is concurrent.futures where that module is
// registered (it is written in Python, in package python/lib).
func loadConcurrent(th *core.Thread, name string) (*core.Module, error) {
	m := th.NewModule(name)
	for _, sub := range []string{"interpreters", "futures"} {
		o, err := th.Import("concurrent." + sub)
		if err != nil {
			if sub == "futures" && core.IsInstance(err, th.RaiseType("ImportError")) {
				th.Discard(err)
				continue
			}
			th.Decref(m)
			return nil, err
		}
		if err := setOwned(th, m.Dict(), sub, o); err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	return m, nil
}

// loadInterpretersAlias makes `import interpreters` the same module as
// concurrent.interpreters.
func loadInterpretersAlias(th *core.Thread, name string) (*core.Module, error) {
	o, err := th.Import("concurrent.interpreters")
	if err != nil {
		return nil, err
	}
	return o.(*core.Module), nil
}

// interpMod is one interpreter's concurrent.interpreters module: its
// classes, borrowed from its dict.
type interpMod struct {
	mod                                           *core.Module
	interpCls, queueCls                           *core.Type
	interpErr, notFound, execFailed, notShareable *core.Type
	queueErr, queueEmpty, queueFull               *core.Type
	excInfoCls, typeInfoCls                       *core.Type
}

const interpModName = "concurrent.interpreters"

func loadInterpreters(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	im := &interpMod{mod: mod}
	if err := im.build(th); err != nil {
		th.Decref(mod)
		return nil, err
	}
	// rwgil has no packages, and `import concurrent.interpreters` runs
	// as IMPORT_NAME of the dotted name whether or not a from-list
	// follows: so the module is its own interpreters attribute, which
	// makes `import concurrent.interpreters [as I]` and the names it
	// binds work as in CPython (Close breaks the cycle when it clears
	// the module).
	th.Incref(mod)
	if err := setOwned(th, mod.Dict(), "interpreters", mod); err != nil {
		th.Decref(mod)
		return nil, err
	}
	th.Runtime().SetQueueObjects(queueObjects)
	return mod, nil
}

// queueObjects makes a Queue object of th's interpreter for q.
func queueObjects(th *core.Thread, q *core.Queue) (core.Object, error) {
	m, err := th.Import(interpModName)
	if err != nil {
		return nil, err
	}
	defer th.Decref(m)
	cls, err := th.GetAttr(m, "Queue")
	if err != nil {
		return nil, err
	}
	defer th.Decref(cls)
	t, ok := cls.(*core.Type)
	if !ok {
		return nil, typeError(th, "concurrent.interpreters.Queue is not a class")
	}
	q.Ref() // released when the object is deallocated
	return th.NewNativeInstance(t, q)
}

func (im *interpMod) build(th *core.Thread) error {
	var err error
	exc := th.RaiseType("Exception")
	mk := func(dst **core.Type, name string, bases ...*core.Type) error {
		*dst, err = newPyClass(th, im.mod, pyClassDef{name: name, bases: bases})
		return err
	}
	if err := mk(&im.interpErr, "InterpreterError", exc); err != nil {
		return err
	}
	if err := mk(&im.notFound, "InterpreterNotFoundError", im.interpErr); err != nil {
		return err
	}
	if err := mk(&im.notShareable, "NotShareableError", th.RaiseType("TypeError")); err != nil {
		return err
	}
	im.execFailed, err = newPyClass(th, im.mod, pyClassDef{name: "ExecutionFailed", bases: []*core.Type{im.interpErr},
		methods: []pyMethod{{"__str__", im.execFailedStr}}})
	if err != nil {
		return err
	}
	if err := mk(&im.queueErr, "QueueError", th.RaiseType("RuntimeError")); err != nil {
		return err
	}
	qmod, err := th.Import("queue")
	if err != nil {
		return err
	}
	qEmpty, err := th.GetAttr(qmod, "Empty")
	if err != nil {
		th.Decref(qmod)
		return err
	}
	qFull, err := th.GetAttr(qmod, "Full")
	th.Decref(qmod)
	if err != nil {
		th.Decref(qEmpty)
		return err
	}
	err = mk(&im.queueEmpty, "QueueEmpty", im.queueErr, qEmpty.(*core.Type))
	if err == nil {
		err = mk(&im.queueFull, "QueueFull", im.queueErr, qFull.(*core.Type))
	}
	th.Decref(qEmpty)
	th.Decref(qFull)
	if err != nil {
		return err
	}
	// The excinfo of ExecutionFailed, and its type's description.
	if err := mk(&im.excInfoCls, "_ExcInfo"); err != nil {
		return err
	}
	if err := mk(&im.typeInfoCls, "_ExcType"); err != nil {
		return err
	}

	im.interpCls, err = addClass(th, im.mod, classDef{name: "Interpreter", module: interpModName, native: true,
		methods: []goMethod{
			{"__repr__", im.interpRepr},
			{"__eq__", im.interpEq},
			{"__hash__", im.interpHash},
			{"exec", im.interpExec},
			{"call", im.interpCall},
			{"call_in_thread", im.interpCallInThread},
			{"prepare_main", im.interpPrepareMain},
			{"is_running", im.interpIsRunning},
			{"close", im.interpClose},
		},
		props: []goMethod{{"id", im.interpID}, {"whence", im.interpWhence}},
	})
	if err != nil {
		return err
	}
	im.queueCls, err = addClass(th, im.mod, classDef{name: "Queue", module: interpModName, native: true,
		methods: []goMethod{
			{"__repr__", im.queueRepr},
			{"__eq__", im.queueEq},
			{"__hash__", im.queueHash},
			{"put", im.queuePut(true)},
			{"put_nowait", im.queuePut(false)},
			{"get", im.queueGet(true)},
			{"get_nowait", im.queueGet(false)},
			{"empty", im.queueEmptyM},
			{"full", im.queueFullM},
			{"qsize", im.queueSize},
		},
		props: []goMethod{{"id", im.queueID}, {"maxsize", im.queueMaxsize}},
	})
	if err != nil {
		return err
	}
	return addFuncs(th, im.mod, []goMethod{
		{"create", im.create},
		{"get_current", im.getCurrent},
		{"get_main", im.getMain},
		{"list_all", im.listAll},
		{"is_shareable", im.isShareable},
		{"create_queue", im.createQueue},
	})
}

// interpObject returns a new Interpreter object for rt.
func (im *interpMod) interpObject(th *core.Thread, rt *core.Runtime) (core.Object, error) {
	return th.NewNativeInstance(im.interpCls, rt)
}

func (im *interpMod) self(th *core.Thread, method string, args []core.Object) (*core.Runtime, error) {
	return nativeSelf[*core.Runtime](th, "Interpreter", method, args)
}

// raise turns an error of core's interpreter API into the module's
// exception: InterpreterNotFoundError, ExecutionFailed,
// NotShareableError, QueueEmpty, QueueFull; Python exceptions pass.
func (im *interpMod) raise(th *core.Thread, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := exceptionOf(err); ok {
		return err
	}
	var info *core.ExcInfo
	var ns *core.NotShareableError
	var qe *core.QueueError
	switch {
	case errors.As(err, &info):
		return im.executionFailed(th, info)
	case errors.As(err, &ns):
		return th.Raise(im.notShareable, ns.Error())
	case errors.As(err, &qe):
		if errors.Is(err, core.ErrQueueFull) {
			return th.Raise(im.queueFull, qe.Error())
		}
		return th.Raise(im.queueEmpty, qe.Error())
	case errors.Is(err, core.ErrInterpreterNotFound):
		msg := err.Error()
		if i := strings.Index(msg, core.ErrInterpreterNotFound.Error()); i >= 0 {
			msg = msg[i:]
		}
		return th.Raise(im.notFound, msg)
	case errors.Is(err, core.ErrInterpreterRunning):
		return th.Raise(im.interpErr, "interpreter already running")
	}
	return th.Raise(im.interpErr, err.Error())
}

// executionFailed is ExecutionFailed(excinfo) for info.
func (im *interpMod) executionFailed(th *core.Thread, info *core.ExcInfo) error {
	e := th.NewException(im.execFailed, info.Formatted)
	ti, err := th.Call(im.typeInfoCls, nil, nil)
	if err != nil {
		th.Decref(e)
		return err
	}
	ei, err := th.Call(im.excInfoCls, nil, nil)
	if err != nil {
		th.Decref(ti)
		th.Decref(e)
		return err
	}
	set := func(o core.Object, name, v string) {
		if err == nil {
			err = setAttrNew(th, o, name, th.NewStr(v))
		}
	}
	set(ti, "__name__", info.Type)
	set(ti, "__qualname__", info.Qualname)
	set(ti, "__module__", info.Module)
	set(ei, "msg", info.Msg)
	set(ei, "formatted", info.Formatted)
	set(ei, "errdisplay", info.Traceback)
	if err == nil {
		err = setAttrNew(th, ei, "type", ti)
	} else {
		th.Decref(ti)
	}
	if err == nil {
		err = setAttrNew(th, e, "excinfo", ei)
	} else {
		th.Decref(ei)
	}
	if err != nil {
		th.Decref(e)
		return err
	}
	return e
}

// execFailedStr is ExecutionFailed.__str__: the summary, then the
// traceback in the other interpreter, as CPython's.
func (im *interpMod) execFailedStr(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	e, ok := args[0].(*core.Exception)
	if !ok || e.Args().Len() == 0 {
		return th.NewStr(""), nil
	}
	super, err := th.Str(e.Args().Item(0))
	if err != nil {
		return nil, err
	}
	ei, err := th.GetAttr(args[0], "excinfo")
	if err != nil {
		th.Discard(err)
		return th.NewStr(super), nil
	}
	defer th.Decref(ei)
	disp, err := th.GetAttr(ei, "errdisplay")
	if err != nil {
		th.Discard(err)
		return th.NewStr(super), nil
	}
	defer th.Decref(disp)
	d, err := th.Str(disp)
	if err != nil {
		return nil, err
	}
	return th.NewStr(super + "\n\nUncaught in the interpreter:\n\n" + d), nil
}

// create is create(*, policy=None, share_lock_with=None).
func (im *interpMod) create(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := parseParams(th, "create", args, kw, false, 0, "policy", "share_lock_with")
	if err != nil {
		return nil, err
	}
	rt := th.Runtime()
	ic := core.InterpreterConfig{Policy: rt.Config().Policy}
	if !absentOrNone(th, p[0]) {
		s, err := th.StrArg("create", p[0])
		if err != nil {
			return nil, err
		}
		if ic.Policy, err = eml.ParsePolicy(s); err != nil {
			return nil, th.Raise(th.RaiseType("ValueError"), err.Error())
		}
	}
	if !absentOrNone(th, p[1]) {
		v, ok := core.NativeValue(p[1])
		other, ok2 := v.(*core.Runtime)
		if !ok || !ok2 {
			return nil, typeError(th, "share_lock_with must be an Interpreter, not %s", p[1].Type().Name())
		}
		if !absentOrNone(th, p[0]) {
			return nil, th.Raise(th.RaiseType("ValueError"), "policy and share_lock_with cannot both be given: an interpreter sharing a lock has that lock's policy")
		}
		ic.ShareLockWith = other
	}
	child, err := rt.NewInterpreter(ic)
	if err != nil {
		return nil, im.raise(th, err)
	}
	return im.interpObject(th, child)
}

func (im *interpMod) getCurrent(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("get_current", args, kw, 0, 0); err != nil {
		return nil, err
	}
	return im.interpObject(th, th.Runtime())
}

func (im *interpMod) getMain(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("get_main", args, kw, 0, 0); err != nil {
		return nil, err
	}
	return im.interpObject(th, th.Runtime().MainInterpreter())
}

func (im *interpMod) listAll(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("list_all", args, kw, 0, 0); err != nil {
		return nil, err
	}
	var items []core.Object
	for _, rt := range th.Runtime().Interpreters() {
		o, err := im.interpObject(th, rt)
		if err != nil {
			dropAll(th, items)
			return nil, err
		}
		items = append(items, o)
	}
	return th.NewList(items), nil
}

func (im *interpMod) isShareable(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("is_shareable", args, kw, 1, 1); err != nil {
		return nil, err
	}
	if th.IsShareable(args[0]) {
		return th.Runtime().True, nil
	}
	return th.Runtime().False, nil
}

func (im *interpMod) interpID(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "id", args)
	if err != nil {
		return nil, err
	}
	return th.NewInt(rt.InterpreterID()), nil
}

func (im *interpMod) interpWhence(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "whence", args)
	if err != nil {
		return nil, err
	}
	if rt.IsMainInterpreter() {
		return th.NewStr("runtime init"), nil
	}
	return th.NewStr("stdlib"), nil
}

func (im *interpMod) interpRepr(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "__repr__", args)
	if err != nil {
		return nil, err
	}
	return th.NewStr(fmt.Sprintf("Interpreter(%d)", rt.InterpreterID())), nil
}

func (im *interpMod) interpEq(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "__eq__", args)
	if err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, typeError(th, "expected 1 argument, got %d", len(args)-1)
	}
	v, ok := core.NativeValue(args[1])
	if other, ok2 := v.(*core.Runtime); ok && ok2 {
		if other == rt {
			return th.Runtime().True, nil
		}
		return th.Runtime().False, nil
	}
	return th.Runtime().NotImplemented, nil
}

func (im *interpMod) interpHash(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "__hash__", args)
	if err != nil {
		return nil, err
	}
	return th.NewInt(rt.InterpreterID()), nil
}

// target is the interpreter a method of self runs code in: not the
// current one, and open.
func (im *interpMod) target(th *core.Thread, method string, args []core.Object) (*core.Runtime, error) {
	rt, err := im.self(th, method, args)
	if err != nil {
		return nil, err
	}
	if _, err := th.Runtime().Interpreter(rt.InterpreterID()); err != nil {
		return nil, im.raise(th, err)
	}
	return rt, nil
}

// interpExec is Interpreter.exec(code, /): a str of source, or a
// function called with no arguments, in the interpreter's __main__.
func (im *interpMod) interpExec(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("exec", args, kw, 2, 2); err != nil {
		return nil, err
	}
	rt, err := im.target(th, "exec", args)
	if err != nil {
		return nil, err
	}
	code := args[1]
	if rt == th.Runtime() {
		return nil, th.Raise(im.interpErr, "interpreter already running")
	}
	switch code.Type().Name() {
	case "str":
		src, _ := th.StrArg("exec", code)
		return th.Runtime().None, im.raise(th, th.ExecSourceIn(rt, src))
	case "function":
		fn, err := th.ShareFunction(code)
		if err != nil {
			return nil, im.raise(th, err)
		}
		_, err = th.CallIn(rt, fn, nil, nil)
		return th.Runtime().None, im.raise(th, err)
	}
	return nil, typeError(th, "Interpreter.exec() argument must be a string or a function, not %s", code.Type().Name())
}

// callArgs copies the arguments of call and call_in_thread.
func (im *interpMod) callArgs(th *core.Thread, args []core.Object, kw map[string]core.Object) (*core.SharedFunc, []core.Shared, map[string]core.Shared, error) {
	fn, err := th.ShareFunction(args[1])
	if err != nil {
		return nil, nil, nil, im.raise(th, err)
	}
	sa := make([]core.Shared, 0, len(args)-2)
	for _, a := range args[2:] {
		v, err := th.ToShared(a)
		if err != nil {
			return nil, nil, nil, im.raise(th, err)
		}
		sa = append(sa, v)
	}
	var skw map[string]core.Shared
	if len(kw) > 0 {
		skw = make(map[string]core.Shared, len(kw))
		for k, a := range kw {
			v, err := th.ToShared(a)
			if err != nil {
				return nil, nil, nil, im.raise(th, err)
			}
			skw[k] = v
		}
	}
	return fn, sa, skw, nil
}

// interpCall is Interpreter.call(callable, /, *args, **kwargs): a copy of
// the function called with copies of the arguments in the interpreter;
// a copy of its result comes back.
func (im *interpMod) interpCall(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(args) < 2 {
		return nil, typeError(th, "Interpreter.call() missing 1 required positional argument: 'callable'")
	}
	rt, err := im.target(th, "call", args)
	if err != nil {
		return nil, err
	}
	if rt == th.Runtime() {
		return nil, th.Raise(im.interpErr, "interpreter already running")
	}
	fn, sa, skw, err := im.callArgs(th, args, kw)
	if err != nil {
		return nil, err
	}
	res, err := th.CallIn(rt, fn, sa, skw)
	if err != nil {
		return nil, im.raise(th, err)
	}
	o, err := th.FromShared(res)
	return o, im.raise(th, err)
}

// interpCallInThread is Interpreter.call_in_thread(callable, /, *args,
// **kwargs): a started threading.Thread of the current interpreter that
// makes the call; its result and exception are discarded, as CPython's.
func (im *interpMod) interpCallInThread(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(args) < 2 {
		return nil, typeError(th, "Interpreter.call_in_thread() missing 1 required positional argument: 'callable'")
	}
	rt, err := im.target(th, "call_in_thread", args)
	if err != nil {
		return nil, err
	}
	fn, sa, skw, err := im.callArgs(th, args, kw)
	if err != nil {
		return nil, err
	}
	task := th.NewBuiltin("task", func(th *core.Thread, _ []core.Object, _ map[string]core.Object) (core.Object, error) {
		if _, err := th.CallIn(rt, fn, sa, skw); err != nil {
			return nil, im.raise(th, err)
		}
		return th.Runtime().None, nil
	})
	defer th.Decref(task)
	tmod, err := th.Import("threading")
	if err != nil {
		return nil, err
	}
	defer th.Decref(tmod)
	tcls, err := th.GetAttr(tmod, "Thread")
	if err != nil {
		return nil, err
	}
	defer th.Decref(tcls)
	t, err := th.Call(tcls, nil, map[string]core.Object{"target": task})
	if err != nil {
		return nil, err
	}
	r, err := th.CallMethod(t, "start")
	if err != nil {
		th.Decref(t)
		return nil, err
	}
	th.Decref(r)
	return t, nil
}

// interpPrepareMain is Interpreter.prepare_main(ns=None, /, **kwargs).
func (im *interpMod) interpPrepareMain(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if len(args) > 2 {
		return nil, typeError(th, "Interpreter.prepare_main() takes from 1 to 2 positional arguments but %d were given", len(args))
	}
	rt, err := im.target(th, "prepare_main", args)
	if err != nil {
		return nil, err
	}
	attrs := map[string]core.Shared{}
	if len(args) == 2 && !absentOrNone(th, args[1]) {
		d, ok := args[1].(*core.Dict)
		if !ok {
			return nil, typeError(th, "prepare_main() argument must be a dict, not %s", args[1].Type().Name())
		}
		keys, values := th.DictItems(d)
		defer dropAll(th, keys)
		defer dropAll(th, values)
		for i, k := range keys {
			name, err := th.StrArg("prepare_main", k)
			if err != nil {
				return nil, err
			}
			v, err := th.ToShared(values[i])
			if err != nil {
				return nil, im.raise(th, err)
			}
			attrs[name] = v
		}
	}
	for k, a := range kw {
		v, err := th.ToShared(a)
		if err != nil {
			return nil, im.raise(th, err)
		}
		attrs[k] = v
	}
	if rt == th.Runtime() {
		return nil, th.Raise(im.interpErr, "interpreter already running")
	}
	return th.Runtime().None, im.raise(th, th.SetMainAttrs(rt, attrs))
}

func (im *interpMod) interpIsRunning(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "is_running", args)
	if err != nil {
		return nil, err
	}
	if _, err := th.Runtime().Interpreter(rt.InterpreterID()); err != nil {
		return nil, im.raise(th, err)
	}
	if rt.IsRunning() || rt == th.Runtime() {
		return th.Runtime().True, nil
	}
	return th.Runtime().False, nil
}

// interpClose is Interpreter.close(): the interpreter is finalized; its
// leaks and isolation violations are reported as InterpreterError.
func (im *interpMod) interpClose(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	rt, err := im.self(th, "close", args)
	if err != nil {
		return nil, err
	}
	if _, err := th.Runtime().Interpreter(rt.InterpreterID()); err != nil {
		return nil, im.raise(th, err)
	}
	switch {
	case rt.IsMainInterpreter():
		return nil, th.Raisef(im.interpErr, "cannot destroy unrecognized interpreter %d", rt.InterpreterID())
	case rt == th.Runtime():
		return nil, th.Raise(im.interpErr, "cannot destroy the current interpreter")
	}
	// Closing may wait for the interpreter's threads to end: detached.
	var cerr error
	if err := th.AllowThreads(func() { cerr = rt.Close() }); err != nil {
		return nil, err
	}
	return th.Runtime().None, im.raise(th, cerr)
}

// createQueue is create_queue(maxsize=0).
func (im *interpMod) createQueue(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	p, err := parseParams(th, "create_queue", args, kw, false, 1, "maxsize")
	if err != nil {
		return nil, err
	}
	var maxsize int64
	if p[0] != nil {
		if maxsize, err = th.IntArg("create_queue", p[0]); err != nil {
			return nil, err
		}
	}
	q := th.Runtime().NewQueue(int(maxsize))
	q.Ref() // the object's; its deallocation releases it, and the last release frees the queue
	return th.NewNativeInstance(im.queueCls, q)
}

func (im *interpMod) qself(th *core.Thread, method string, args []core.Object) (*core.Queue, error) {
	return nativeSelf[*core.Queue](th, "Queue", method, args)
}

func (im *interpMod) queueRepr(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "__repr__", args)
	if err != nil {
		return nil, err
	}
	return th.NewStr(fmt.Sprintf("Queue(%d)", q.ID())), nil
}

func (im *interpMod) queueEq(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "__eq__", args)
	if err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, typeError(th, "expected 1 argument, got %d", len(args)-1)
	}
	v, ok := core.NativeValue(args[1])
	if other, ok2 := v.(*core.Queue); ok && ok2 {
		if other == q {
			return th.Runtime().True, nil
		}
		return th.Runtime().False, nil
	}
	return th.Runtime().NotImplemented, nil
}

func (im *interpMod) queueHash(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "__hash__", args)
	if err != nil {
		return nil, err
	}
	return th.NewInt(q.ID()), nil
}

func (im *interpMod) queueID(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "id", args)
	if err != nil {
		return nil, err
	}
	return th.NewInt(q.ID()), nil
}

func (im *interpMod) queueMaxsize(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "maxsize", args)
	if err != nil {
		return nil, err
	}
	return th.NewInt(int64(q.MaxSize())), nil
}

// queueTimeout parses block and timeout as queue.Queue's put and get do.
func queueTimeout(th *core.Thread, blockArg, timeoutArg core.Object) (bool, time.Duration, error) {
	block := true
	if blockArg != nil {
		b, err := th.Truth(blockArg)
		if err != nil {
			return false, 0, err
		}
		block = b
	}
	if absentOrNone(th, timeoutArg) || !block {
		return block, core.Forever, nil
	}
	f, err := numberAsFloat(th, timeoutArg, "'<' not supported between instances of '"+timeoutArg.Type().Name()+"' and 'int'")
	if err != nil {
		return false, 0, err
	}
	if f < 0 {
		return false, 0, th.Raise(th.RaiseType("ValueError"), "'timeout' must be a non-negative number")
	}
	return true, time.Duration(f * 1e9), nil
}

// queuePut is put(obj, block=True, timeout=None), or put_nowait(obj).
func (im *interpMod) queuePut(blocking bool) core.BuiltinFunc {
	name := "put_nowait"
	if blocking {
		name = "put"
	}
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		q, err := im.qself(th, name, args)
		if err != nil {
			return nil, err
		}
		params := []string{"obj", "block", "timeout"}
		if !blocking {
			params = params[:1]
		}
		p, err := parseParams(th, name, args, kw, true, len(params), params...)
		if err != nil {
			return nil, err
		}
		if p[0] == nil {
			return nil, typeError(th, "Queue.%s() missing 1 required positional argument: 'obj'", name)
		}
		block, timeout := false, time.Duration(0)
		if blocking {
			if block, timeout, err = queueTimeout(th, p[1], p[2]); err != nil {
				return nil, err
			}
		}
		v, err := th.ToShared(p[0])
		if err != nil {
			return nil, im.raise(th, err)
		}
		if err := q.Put(th, v, block, timeout); err != nil {
			v.Release(th)
			return nil, im.raise(th, err)
		}
		return th.Runtime().None, nil
	}
}

// queueGet is get(block=True, timeout=None), or get_nowait().
func (im *interpMod) queueGet(blocking bool) core.BuiltinFunc {
	name := "get_nowait"
	if blocking {
		name = "get"
	}
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		q, err := im.qself(th, name, args)
		if err != nil {
			return nil, err
		}
		var params []string
		if blocking {
			params = []string{"block", "timeout"}
		}
		p, err := parseParams(th, name, args, kw, true, len(params), params...)
		if err != nil {
			return nil, err
		}
		block, timeout := false, time.Duration(0)
		if blocking {
			if block, timeout, err = queueTimeout(th, p[0], p[1]); err != nil {
				return nil, err
			}
		}
		v, err := q.Get(th, block, timeout)
		if err != nil {
			return nil, im.raise(th, err)
		}
		o, err := th.FromShared(v)
		return o, im.raise(th, err)
	}
}

func (im *interpMod) queueEmptyM(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "empty", args)
	if err != nil {
		return nil, err
	}
	if q.Len() == 0 {
		return th.Runtime().True, nil
	}
	return th.Runtime().False, nil
}

func (im *interpMod) queueFullM(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "full", args)
	if err != nil {
		return nil, err
	}
	if q.Full() {
		return th.Runtime().True, nil
	}
	return th.Runtime().False, nil
}

func (im *interpMod) queueSize(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	q, err := im.qself(th, "qsize", args)
	if err != nil {
		return nil, err
	}
	return th.NewInt(int64(q.Len())), nil
}
