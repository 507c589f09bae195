package core

import "github.com/rwgil/rwgil/refcount"

// singleton is None, NotImplemented and Ellipsis: immortal, one per
// runtime.
type singleton struct {
	Header
	name string
}

// Dealloc implements refcount.Object; immortal objects never get here.
func (s *singleton) Dealloc(*refcount.Owner) {}

// Describe implements refcount.Object.
func (s *singleton) Describe() string { return s.name }

// Bool is True or False: immortal, one of each per runtime. bool derives
// from int, as in Python.
type Bool struct {
	Header
	v bool
}

// Dealloc implements refcount.Object; immortal objects never get here.
func (b *Bool) Dealloc(*refcount.Owner) {}

// Describe implements refcount.Object.
func (b *Bool) Describe() string {
	if b.v {
		return "True"
	}
	return "False"
}

func (rt *Runtime) initSingletons() {
	ty := &rt.types
	none := &singleton{name: "None"}
	none.typ = ty.none
	rt.rc.InitImmortal(none)
	rt.None = none
	ni := &singleton{name: "NotImplemented"}
	ni.typ = ty.notImplemented
	rt.rc.InitImmortal(ni)
	rt.NotImplemented = ni
	el := &singleton{name: "Ellipsis"}
	el.typ = ty.ellipsis
	rt.rc.InitImmortal(el)
	rt.Ellipsis = el
	t, f := &Bool{v: true}, &Bool{v: false}
	t.typ, f.typ = ty.bool_, ty.bool_
	rt.rc.InitImmortal(t)
	rt.rc.InitImmortal(f)
	rt.True, rt.False = t, f
	for i := range rt.smallInts {
		o := &Int{v: int64(i + smallIntMin)}
		o.typ = ty.int_
		rt.rc.InitImmortal(o)
		rt.smallInts[i] = o
	}
	et := &Tuple{}
	et.typ = ty.tuple
	rt.rc.InitImmortal(et)
	rt.emptyTuple = et
	rt.emptyStr = rt.Intern("")
	eb := &Bytes{}
	eb.typ = ty.bytes
	rt.rc.InitImmortal(eb)
	rt.emptyBytes = eb
	rt.initMethods()
}

// Bool returns True or False (immortal: no reference to drop).
func (rt *Runtime) Bool(v bool) Object {
	if v {
		return rt.True
	}
	return rt.False
}

// notImplemented returns the NotImplemented singleton (immortal).
func (th *Thread) notImplemented() Object { return th.rt.NotImplemented }
