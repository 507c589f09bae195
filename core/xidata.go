package core

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/rwgil/rwgil/core/bytecode"
	"github.com/rwgil/rwgil/internal/mutant"
)

// Cross-interpreter data: what crosses from one interpreter to another is
// never an object but a Shared, a Go value made from the sender's object
// and turned into a new object of the receiver's interpreter (CPython's
// _PyCrossInterpreterData). The shareable values are those of PEP 734:
// None, bool, int, float, str, bytes and tuples of these, of exactly
// those types (a subclass's instance is not shareable, as in CPython).

// sharedKind is the kind of a Shared value.
type sharedKind uint8

const (
	sharedNone sharedKind = iota
	sharedBool
	sharedInt
	sharedBig
	sharedFloat
	sharedStr
	sharedBytes
	sharedTuple
	// sharedQueue is a cross-interpreter queue, which belongs to the
	// process and crosses as itself.
	sharedQueue
	// sharedRef is the mutant's share in place of a copy
	// (mutant.InterpShareNotCopy): the object itself.
	sharedRef
)

// Shared is a value on its way between interpreters: a copy of a
// shareable object, owned by no interpreter. The zero value is None.
type Shared struct {
	kind  sharedKind
	i     int64 // bool (0 or 1) and int
	big   *big.Int
	f     float64
	s     string // str, and bytes' contents
	items []Shared
	ref   Object // sharedRef only
	queue *Queue // sharedQueue only
	// pin is the reference a queue's Shared holds on it (sharedQueue
	// made by ToShared; nil for SharedQueue's): released when the value
	// is made an object (FromShared) or dropped (Drop).
	pin *queuePin
}

// String describes the value, for tests and errors.
func (v Shared) String() string {
	switch v.kind {
	case sharedNone:
		return "None"
	case sharedBool:
		if v.i != 0 {
			return "True"
		}
		return "False"
	case sharedInt:
		return fmt.Sprint(v.i)
	case sharedBig:
		return v.big.String()
	case sharedFloat:
		return fmt.Sprint(v.f)
	case sharedStr:
		return fmt.Sprintf("%q", v.s)
	case sharedBytes:
		return fmt.Sprintf("b%q", v.s)
	case sharedTuple:
		s := "("
		for i, it := range v.items {
			if i > 0 {
				s += ", "
			}
			s += it.String()
		}
		if len(v.items) == 1 {
			s += ","
		}
		return s + ")"
	case sharedQueue:
		return fmt.Sprintf("Queue(%d)", v.queue.id)
	}
	return "<shared object>"
}

// NotShareableError is the error of ToShared for an object that cannot
// cross interpreters; the concurrent.interpreters module raises it as its
// NotShareableError (a TypeError).
type NotShareableError struct {
	// Repr is the object's repr; Reason, if set, why it is refused.
	Repr, Reason string
}

func (e *NotShareableError) Error() string {
	if e.Reason != "" {
		return e.Repr + " " + e.Reason
	}
	// CPython 3.13's words (_PyObject_GetCrossInterpreterData).
	return e.Repr + " does not support cross-interpreter data"
}

// ToShared copies o, an object of th's interpreter, into a Shared, or
// fails with a *NotShareableError naming it (a Python exception, if
// computing its repr raised one).
func (th *Thread) ToShared(o Object) (Shared, error) {
	if mutant.On(mutant.InterpShareNotCopy) {
		th.Incref(o)
		return Shared{kind: sharedRef, ref: o}, nil
	}
	return th.toShared(o, 0)
}

// maxSharedDepth bounds the nesting of a shared tuple.
const maxSharedDepth = 200

func (th *Thread) toShared(o Object, depth int) (Shared, error) {
	rt := th.rt
	if o == rt.None {
		return Shared{}, nil
	}
	switch x := o.(type) {
	case *Bool:
		if o == rt.True {
			return Shared{kind: sharedBool, i: 1}, nil
		}
		if o == rt.False {
			return Shared{kind: sharedBool}, nil
		}
	case *Int:
		if x.typ == rt.types.int_ {
			if x.big != nil {
				return Shared{kind: sharedBig, big: new(big.Int).Set(x.big)}, nil
			}
			return Shared{kind: sharedInt, i: x.v}, nil
		}
	case *Float:
		if x.typ == rt.types.float {
			return Shared{kind: sharedFloat, f: x.v}, nil
		}
	case *Str:
		if x.typ == rt.types.str {
			return Shared{kind: sharedStr, s: x.s}, nil
		}
	case *Bytes:
		if x.typ == rt.types.bytes && !x.mutable {
			return Shared{kind: sharedBytes, s: string(x.b)}, nil
		}
	case *Tuple:
		if x.typ == rt.types.tuple && depth < maxSharedDepth {
			items := make([]Shared, len(x.items))
			for i, it := range x.items {
				v, err := th.toShared(it, depth+1)
				if err != nil {
					return Shared{}, err
				}
				items[i] = v
			}
			return Shared{kind: sharedTuple, items: items}, nil
		}
	}
	if nv, ok := NativeValue(o); ok {
		if q, ok := nv.(*Queue); ok && q.group == rt.interp.group {
			return Shared{kind: sharedQueue, queue: q, pin: q.newPin()}, nil
		}
	}
	return Shared{}, th.notShareable(o, "")
}

func (th *Thread) notShareable(o Object, reason string) error {
	r, err := th.Repr(o)
	if err != nil {
		return err
	}
	return &NotShareableError{Repr: r, Reason: reason}
}

// IsShareable says o can cross interpreters (is_shareable).
func (th *Thread) IsShareable(o Object) bool {
	_, err := th.toShared(o, 0)
	if err != nil {
		if _, ok := err.(*NotShareableError); !ok {
			th.Discard(err)
		}
		return false
	}
	return true
}

// FromShared returns a new reference to an object of th's interpreter
// equal to v. Only a queue's object can fail to be made (its class
// comes from the concurrent.interpreters module of th's interpreter).
func (th *Thread) FromShared(v Shared) (Object, error) {
	rt := th.rt
	switch v.kind {
	case sharedBool:
		if v.i != 0 {
			return rt.True, nil
		}
		return rt.False, nil
	case sharedInt:
		return th.NewInt(v.i), nil
	case sharedBig:
		return th.NewBigInt(v.big), nil
	case sharedFloat:
		return th.NewFloat(v.f), nil
	case sharedStr:
		return th.NewStr(v.s), nil
	case sharedBytes:
		return th.NewBytes([]byte(v.s)), nil
	case sharedTuple:
		items := make([]Object, len(v.items))
		for i, it := range v.items {
			o, err := th.FromShared(it)
			if err != nil {
				for _, done := range items[:i] {
					th.Decref(done)
				}
				return nil, err
			}
			items[i] = o
		}
		return th.NewTuple(items), nil
	case sharedQueue:
		o, err := th.queueObject(v.queue)
		v.pin.release()
		return o, err
	case sharedRef:
		return th.newRef(v.ref), nil
	}
	return rt.None, nil
}

// fromSharedAll makes objects of vs, or drops what it made and fails.
func (th *Thread) fromSharedAll(vs []Shared) ([]Object, error) {
	out := make([]Object, len(vs))
	for i, v := range vs {
		o, err := th.FromShared(v)
		if err != nil {
			for _, done := range out[:i] {
				th.Decref(done)
			}
			return nil, err
		}
		out[i] = o
	}
	return out, nil
}

// Release drops what a Shared holds of an interpreter: nothing, except
// under the share-not-copy mutant. from must be a thread of the sender's
// interpreter, attached.
func (v Shared) Release(from *Thread) {
	if v.kind == sharedRef {
		from.Decref(v.ref)
	}
}

// SharedFunc is a function on its way to another interpreter: its
// bytecode and its defaults' copies. The receiving interpreter makes a
// function of its own from it, whose globals are its __main__.
type SharedFunc struct {
	code       *bytecode.Code
	name       string
	defaults   []Shared
	hasDefault bool
	kwdefaults map[string]Shared
}

// Name is the function's name.
func (f *SharedFunc) Name() string { return f.name }

// ShareFunction copies fn, a Python function of th's interpreter, for
// another interpreter (Interpreter.call, exec of a function): a function
// without free variables whose defaults are shareable. Its globals do not
// cross: in the other interpreter, it runs with that one's __main__.
func (th *Thread) ShareFunction(fn Object) (*SharedFunc, error) {
	f, ok := fn.(*Function)
	if !ok {
		return nil, th.notShareable(fn, "is not a function: only functions can be called in another interpreter")
	}
	if f.closure != nil {
		return nil, th.notShareable(fn, "has a closure: only functions without free variables can cross interpreters")
	}
	sf := &SharedFunc{code: f.code.bc, name: f.name}
	if f.defaults != nil {
		sf.hasDefault = true
		for _, d := range f.defaults.items {
			v, err := th.ToShared(d)
			if err != nil {
				return nil, err
			}
			sf.defaults = append(sf.defaults, v)
		}
	}
	if f.kwdefaults != nil {
		keys, values := th.dictItems(f.kwdefaults)
		defer func() {
			for i := range keys {
				th.Decref(keys[i])
				th.Decref(values[i])
			}
		}()
		sf.kwdefaults = map[string]Shared{}
		for i, ko := range keys {
			k, ok := ko.(*Str)
			if !ok {
				continue
			}
			v, err := th.ToShared(values[i])
			if err != nil {
				return nil, err
			}
			sf.kwdefaults[k.s] = v
		}
	}
	return sf, nil
}

// makeSharedFunc makes a function of th's interpreter from sf, with
// __main__'s globals.
func (th *Thread) makeSharedFunc(sf *SharedFunc) (Object, error) {
	code, err := th.rt.codeFor(sf.code)
	if err != nil {
		return nil, err
	}
	m, err := th.mainModule()
	if err != nil {
		return nil, err
	}
	defer th.Decref(m)
	var defaults *Tuple
	if sf.hasDefault {
		items, err := th.fromSharedAll(sf.defaults)
		if err != nil {
			return nil, err
		}
		defaults = th.NewTuple(items)
		if len(items) == 0 {
			th.Incref(defaults)
		}
	}
	var kwd *Dict
	if sf.kwdefaults != nil {
		kwd = th.NewDict()
		names := make([]string, 0, len(sf.kwdefaults))
		for k := range sf.kwdefaults {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			v, err := th.FromShared(sf.kwdefaults[k])
			if err != nil {
				th.XDecref(defaults)
				th.Decref(kwd)
				return nil, err
			}
			err = th.DictSetStr(kwd, k, v)
			th.Decref(v)
			if err != nil {
				th.XDecref(defaults)
				th.Decref(kwd)
				return nil, err
			}
		}
	}
	return th.newFunction(code, m.dict, defaults, kwd, nil), nil
}
