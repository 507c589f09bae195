package core

import (
	"fmt"
	"sync/atomic"

	"github.com/rwgil/rwgil/refcount"
)

// Generator is a generator object: a suspended frame of a code object
// with Code.Generator set, made when its function is called, run a piece
// at a time by next(), send(), throw() and close(). Its frame runs on
// whichever thread resumes it: resuming is a safe point, as function
// entry is. Only one thread may run it at a time; a second one (or the
// generator itself, from inside) gets CPython's ValueError "generator
// already executing". The running flag is taken with a compare-and-swap,
// which also hands the frame's memory from one thread to the next.
type Generator struct {
	Header
	fn      *Function // for the name and qualname (owned)
	running atomic.Bool
	// The fields below belong to whoever holds running.
	frame   *frame // nil once finished
	started bool
	id      int64 // the id of the generator a stand-in closes (Dealloc)
}

// Dealloc implements refcount.Object: the frame's references go. A
// generator dropped while suspended inside a try block is closed first,
// as CPython does (so its finally clauses run) -- not here, where any Go
// code may be in the middle of something, but at the thread's next safe
// point (or the end of its Run), from a stand-in that holds the frame.
func (g *Generator) Dealloc(by *refcount.Owner) {
	th := untrack(g, by)
	if fr := g.frame; fr != nil {
		g.frame = nil
		if g.started && len(fr.blocks) > 0 && th.frame != nil {
			th.pendingClose = append(th.pendingClose, &Generator{fn: g.fn, frame: fr, started: true, id: ID(g)})
			return // the stand-in owns the frame and the reference to fn
		}
		fr.release(th)
	}
	decrefBy(g.fn, by)
}

// runPendingCloses closes the generators dropped while suspended (see
// Dealloc). An exception from one is printed as CPython prints an
// exception it cannot raise, and dropped.
func (th *Thread) runPendingCloses() {
	for len(th.pendingClose) > 0 {
		g := th.pendingClose[0]
		th.pendingClose = th.pendingClose[1:]
		if err := g.close(th); err != nil {
			e := th.asException(err)
			th.rt.writeStderr(fmt.Sprintf("Exception ignored in: <generator object %s at %#x>\n%s", g.fn.qualname, g.id, th.FormatException(e)))
			th.Decref(e)
		}
		if g.frame != nil {
			g.frame.release(th)
		}
		th.Decref(g.fn)
	}
	th.pendingClose = nil
}

// Describe implements refcount.Object.
func (g *Generator) Describe() string { return "generator " + g.fn.qualname }

// newGenerator wraps a frame whose arguments are bound (taken over).
func (th *Thread) newGenerator(fr *frame, fn *Function) *Generator {
	g := &Generator{fn: fn, frame: fr}
	th.Incref(fn)
	g.typ = th.rt.ev.generator
	th.track(g)
	return g
}

// pyRepr is repr(g): <generator object f.<locals>.g at 0x...>.
func (g *Generator) pyRepr(th *Thread) (string, error) {
	return fmt.Sprintf("<generator object %s at %#x>", g.fn.qualname, ID(g)), nil
}

// pyAttr reads the generator's data attributes.
func (g *Generator) pyAttr(th *Thread, name string) (Object, bool, error) {
	switch name {
	case "__name__":
		return th.NewStr(g.fn.name), true, nil
	case "__qualname__":
		return th.NewStr(g.fn.qualname), true, nil
	case "gi_running":
		return th.rt.Bool(g.running.Load()), true, nil
	}
	return nil, false, nil
}

// acquire takes the running flag, or raises "generator already
// executing".
func (g *Generator) acquire(th *Thread) error {
	if !g.running.CompareAndSwap(false, true) {
		return th.Raise(th.rt.types.exc.ValueError, "generator already executing")
	}
	return nil
}

func (g *Generator) release() { g.running.Store(false) }

// resume runs the frame until it yields, returns or raises. sent is
// pushed as the value of the yield it was suspended at (borrowed; nil
// on the first run, or when resumeErr is set). It returns a new
// reference to the value yielded (yielded) or returned, or the
// exception that ended the generator. The caller holds running.
func (g *Generator) resume(th *Thread, sent Object, throw *Exception) (r Object, yielded bool, err error) {
	fr := g.frame
	if th.depth >= th.rt.RecursionLimit() {
		if throw != nil {
			th.Decref(throw)
		}
		return nil, false, th.Raise(th.rt.types.exc.RecursionError, "maximum recursion depth exceeded")
	}
	if g.started && throw == nil {
		fr.stack[fr.sp] = th.newRef(sent)
		fr.sp++
	}
	g.started = true
	fr.yielded, fr.inYieldFrom, fr.resumeErr = false, false, throw
	// A fresh serial: each run is a new pass of the frame for tracebacks.
	th.frameSerial++
	fr.serial = th.frameSerial
	th.depth++
	r, err = th.eval(fr)
	th.depth--
	if fr.yielded {
		return r, true, nil
	}
	g.frame = nil // eval released it
	if err != nil && IsInstance(err, th.rt.types.exc.StopIteration) {
		// PEP 479: a StopIteration escaping the body would end the
		// caller's loop silently.
		err = th.RaiseFrom(th.rt.types.exc.RuntimeError, "generator raised StopIteration", err)
		e := err.(*Exception)
		e.context = e.cause
		th.Incref(e.context)
	}
	return r, false, err
}

// send is g.send(v) (and next(g), with None): a new reference to the
// value yielded, or StopIteration with the value returned.
func (g *Generator) send(th *Thread, v Object) (Object, error) {
	r, done, err := g.sendValue(th, v)
	if err != nil || !done {
		return r, err
	}
	return nil, th.stopIteration(r)
}

// sendValue is send without the StopIteration: done says the generator
// returned r (a new reference) rather than yielded it.
func (g *Generator) sendValue(th *Thread, v Object) (r Object, done bool, err error) {
	if err := g.acquire(th); err != nil {
		return nil, false, err
	}
	defer g.release()
	if g.frame == nil {
		return th.rt.None, true, nil
	}
	if !g.started && v != th.rt.None {
		return nil, false, th.Raise(th.rt.types.exc.TypeError, "can't send non-None value to a just-started generator")
	}
	r, yielded, err := g.resume(th, v, nil)
	if err != nil {
		return nil, false, err
	}
	return r, !yielded, nil
}

// next implements goIterator, for FOR_ITER, list(g) and the like: the
// value returned is dropped.
func (g *Generator) next(th *Thread) (Object, bool, error) {
	r, done, err := g.sendValue(th, th.rt.None)
	if err != nil {
		return nil, false, err
	}
	if done {
		th.Decref(r)
		return nil, false, nil
	}
	return r, true, nil
}

// stopIteration returns StopIteration(value) for a generator that
// returned value (taken over); StopIteration() for None.
func (th *Thread) stopIteration(value Object) error {
	var args []Object
	if value != th.rt.None {
		args = []Object{value}
	}
	o, err := th.instantiate(th.rt.types.exc.StopIteration, args, nil)
	th.Decref(value)
	if err != nil {
		return err
	}
	return o.(*Exception)
}

// stopValue is the value a StopIteration carries: its first argument, or
// None.
func (th *Thread) stopValue(e *Exception) Object {
	if e.args != nil && len(e.args.items) > 0 {
		return th.newRef(e.args.items[0])
	}
	return th.rt.None
}

// throw is g.throw(exc): exc (taken over) is raised where the generator
// is suspended -- or first in the iterator it delegates to with yield
// from, as CPython's gen_throw does. It returns what send does.
func (g *Generator) throw(th *Thread, exc *Exception) (Object, error) {
	if err := g.acquire(th); err != nil {
		th.Decref(exc)
		return nil, err
	}
	defer g.release()
	r, yielded, err := g.throwLocked(th, exc)
	if err != nil || yielded {
		return r, err
	}
	return nil, th.stopIteration(r)
}

// throwLocked is throw with running held.
func (g *Generator) throwLocked(th *Thread, exc *Exception) (r Object, yielded bool, err error) {
	fr := g.frame
	if fr == nil {
		return nil, false, exc // a finished generator re-raises it as it is
	}
	if !fr.inYieldFrom {
		return g.resumeWithError(th, exc)
	}
	sub := fr.stack[fr.sp-1]
	if exc.typ.IsSubtype(th.rt.ev.generatorExit) {
		// Close the delegate first, then raise GeneratorExit (or what
		// closing it raised) here.
		if err := th.closeIter(sub); err != nil {
			th.Decref(exc)
			exc = th.asException(err)
		}
		g.popDelegate(th)
		return g.resumeWithError(th, exc)
	}
	// Throw into the delegate: a generator directly, another iterator
	// through its throw method if it has one.
	switch sg := sub.(type) {
	case *Generator:
		if err := sg.acquire(th); err != nil {
			th.Decref(exc)
			g.popDelegate(th)
			return g.resumeWithError(th, th.asException(err))
		}
		r, yielded, err = sg.throwLocked(th, exc)
		sg.release()
		if err == nil && !yielded {
			// The delegate returned r: that is the value of yield from.
			g.popDelegate(th)
			v := r
			r, yielded, err = g.resume(th, v, nil)
			th.Decref(v)
			return r, yielded, err
		}
	default:
		meth, merr := th.GetAttr(sub, "throw")
		if merr != nil {
			if !IsInstance(merr, th.rt.types.exc.AttributeError) {
				th.Decref(exc)
				exc = th.asException(merr)
			} else {
				th.Discard(merr)
			}
			g.popDelegate(th)
			return g.resumeWithError(th, exc)
		}
		r, err = th.Call(meth, []Object{exc}, nil)
		th.Decref(meth)
		th.Decref(exc)
		yielded = err == nil
	}
	if yielded {
		return r, true, nil
	}
	// The delegate raised: StopIteration ends the yield from with its
	// value; anything else is raised here.
	g.popDelegate(th)
	e := th.asException(err)
	if IsInstance(e, th.rt.types.exc.StopIteration) {
		v := th.stopValue(e)
		th.Decref(e)
		r, yielded, err = g.resume(th, v, nil)
		th.Decref(v)
		return r, yielded, err
	}
	return g.resumeWithError(th, e)
}

// popDelegate drops the iterator a generator suspended in YIELD_FROM
// delegates to, and moves past the YIELD_FROM: the generator then resumes
// with the value of the yield from pushed, or with an exception raised
// at it.
func (g *Generator) popDelegate(th *Thread) {
	fr := g.frame
	fr.sp--
	th.Decref(fr.stack[fr.sp])
	fr.stack[fr.sp] = nil
	fr.pc++
	fr.inYieldFrom = false
}

// resumeWithError raises e (taken over) where the generator is suspended;
// a generator that has not started finishes with it at once.
func (g *Generator) resumeWithError(th *Thread, e *Exception) (Object, bool, error) {
	if !g.started {
		// Raised before the first instruction: the frame is entered (for
		// its line in the traceback) and left at once.
		g.frame.pc = 0
	}
	return g.resume(th, nil, e)
}

// close is g.close(): GeneratorExit is raised where the generator is
// suspended (closing the delegate of a yield from first); the generator
// must then end, with GeneratorExit or StopIteration, or close raises
// RuntimeError.
func (g *Generator) close(th *Thread) error {
	if err := g.acquire(th); err != nil {
		return err
	}
	defer g.release()
	fr := g.frame
	if fr == nil {
		return nil
	}
	if !g.started {
		g.frame = nil
		fr.release(th)
		return nil
	}
	var exc *Exception
	if fr.inYieldFrom {
		if err := th.closeIter(fr.stack[fr.sp-1]); err != nil {
			exc = th.asException(err)
		}
		g.popDelegate(th)
	}
	if exc == nil {
		exc = th.newException(th.rt.ev.generatorExit, th.rt.emptyTuple)
	}
	r, yielded, err := g.resume(th, nil, exc)
	if yielded {
		th.Decref(r)
		return th.Raise(th.rt.types.exc.RuntimeError, "generator ignored GeneratorExit")
	}
	if err == nil {
		th.Decref(r)
		return nil
	}
	if IsInstance(err, th.rt.ev.generatorExit) || IsInstance(err, th.rt.types.exc.StopIteration) {
		th.Discard(err)
		return nil
	}
	return err
}

// closeIter closes the delegate of a yield from: a generator's close, or
// the close method of another iterator if it has one.
func (th *Thread) closeIter(it Object) error {
	if g, ok := it.(*Generator); ok {
		return g.close(th)
	}
	meth, err := th.GetAttr(it, "close")
	if err != nil {
		if IsInstance(err, th.rt.types.exc.AttributeError) {
			th.Discard(err)
			return nil
		}
		return err
	}
	r, err := th.Call(meth, nil, nil)
	th.Decref(meth)
	th.XDecref(r)
	return err
}

// yieldFromSend is one step of YIELD_FROM: it sends v (borrowed) to the
// iterator it and returns a new reference to what it yielded, or with
// done set to the value it returned (its StopIteration's value).
func (th *Thread) yieldFromSend(it, v Object) (r Object, done bool, err error) {
	exc := &th.rt.types.exc
	if g, ok := it.(*Generator); ok {
		return g.sendValue(th, v)
	}
	if v == th.rt.None {
		if gi, ok := it.(goIterator); ok {
			x, ok, err := gi.next(th)
			if err != nil {
				return nil, false, err
			}
			if !ok {
				return th.rt.None, true, nil
			}
			return x, false, nil
		}
		r, err = th.callDunderIfDefined(it, "__next__")
		if err == nil && r == nil {
			err = th.Raisef(exc.TypeError, "'%s' object is not an iterator", it.Type().name)
		}
	} else {
		r, err = th.CallMethod(it, "send", v)
	}
	if err != nil {
		if IsInstance(err, exc.StopIteration) {
			e := err.(*Exception)
			v := th.stopValue(e)
			th.Decref(e)
			return v, true, nil
		}
		return nil, false, err
	}
	return r, false, nil
}

// getYieldFromIter is GET_YIELD_FROM_ITER: a generator stays itself,
// anything else goes through iter().
func (th *Thread) getYieldFromIter(o Object) (Object, error) {
	if _, ok := o.(*Generator); ok {
		return th.newRef(o), nil
	}
	return th.Iter(o)
}

// throwArgs turns the arguments of generator.throw into the exception
// to raise (a new reference), as CPython's _gen_throw does: a class (with
// an optional value, deprecated) or an instance.
func (th *Thread) throwArgs(args []Object) (*Exception, error) {
	exc := &th.rt.types.exc
	typ := args[0]
	var val Object
	if len(args) > 1 && args[1] != th.rt.None {
		val = args[1]
	}
	if len(args) > 2 && args[2] != th.rt.None {
		return nil, th.Raise(exc.TypeError, "throw() third argument must be a traceback object")
	}
	switch t := typ.(type) {
	case *Type:
		if t.exception {
			var cargs []Object
			if val != nil {
				if e, ok := val.(*Exception); ok && e.typ.IsSubtype(t) {
					th.Incref(e)
					return e, nil
				}
				if tup, ok := val.(*Tuple); ok {
					cargs = tup.items
				} else {
					cargs = []Object{val}
				}
			}
			o, err := th.instantiate(t, cargs, nil)
			if err != nil {
				return nil, err
			}
			if e, ok := o.(*Exception); ok {
				return e, nil
			}
			th.Decref(o)
		}
	case *Exception:
		if val != nil {
			return nil, th.Raise(exc.TypeError, "instance exception may not have a separate value")
		}
		th.Incref(t)
		return t, nil
	}
	return nil, th.Raisef(exc.TypeError, "exceptions must be classes or instances deriving from BaseException, not %s", typ.Type().name)
}

// generatorMethods are the methods of generator objects.
var generatorMethods = []method{
	{"send", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("send", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return self[*Generator](args).send(th, args[1])
	}},
	{"__next__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__next__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return self[*Generator](args).send(th, th.rt.None)
	}},
	{"__iter__", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("__iter__", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newRef(args[0]), nil
	}},
	{"throw", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("throw", args, kw, 1, 3); err != nil {
			return nil, err
		}
		e, err := th.throwArgs(args[1:])
		if err != nil {
			return nil, err
		}
		return self[*Generator](args).throw(th, e)
	}},
	{"close", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("close", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.rt.None, self[*Generator](args).close(th)
	}},
}
