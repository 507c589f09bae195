package stdlib

import (
	"sort"
	"strconv"
	"strings"

	"github.com/rwgil/rwgil/core"
)

// The collections module: deque, defaultdict, Counter, namedtuple and
// OrderedDict, with CPython's names, signatures, errors and reprs.
//
// deque is a native class whose Go value is a ring buffer; every
// operation on it runs in one critical section on the deque, so that,
// as in CPython 3.13t, append, appendleft, pop, popleft, extend (of an
// iterable collected first), rotate and the rest are each atomic under
// free threading. Operations that compare items (count, index, remove,
// in) call __eq__ outside the section and raise CPython's RuntimeError
// or IndexError when the deque changed meanwhile, as CPython's do.
//
// defaultdict, Counter and OrderedDict derive from dict (their instances
// are dicts, core's subclassing of built-in types): their methods are Go
// functions that use the dict's own atomic operations. namedtuple makes
// a class deriving from tuple.

func init() { add("collections", loadCollections) }

func loadCollections(th *core.Thread, name string) (*core.Module, error) {
	m := th.NewModule(name)
	fail := func(err error) (*core.Module, error) {
		th.Decref(m)
		return nil, err
	}
	if _, err := addClass(th, m, dequeClass()); err != nil {
		return fail(err)
	}
	dict := th.Runtime().BuiltinType("dict")
	for _, def := range []func(*core.Thread, *core.Type, *core.Module) (*core.Type, error){defineDefaultdict, defineCounter, defineOrderedDict} {
		if _, err := def(th, dict, m); err != nil {
			return fail(err)
		}
	}
	if err := addFuncs(th, m, []goMethod{{"namedtuple", namedtuple}}); err != nil {
		return fail(err)
	}
	return m, nil
}

// ---- deque ----

// deque is a deque's Go value: a ring buffer of references.
type deque struct {
	buf    []core.Object // len a power of two, or 0
	head   int
	n      int
	maxlen int // -1: unbounded
	// state changes with every change of the deque's length or order,
	// so that iterators and comparisons can tell (CPython's state).
	state uint64
}

// Release implements core.NativeReleaser.
func (d *deque) Release(drop func(core.Object)) {
	for i := 0; i < d.n; i++ {
		drop(d.at(i))
	}
	d.buf, d.n = nil, 0
}

func (d *deque) at(i int) core.Object { return d.buf[(d.head+i)&(len(d.buf)-1)] }

func (d *deque) setAt(i int, o core.Object) { d.buf[(d.head+i)&(len(d.buf)-1)] = o }

// grow makes room for one more item.
func (d *deque) grow() {
	if d.n < len(d.buf) {
		return
	}
	nb := make([]core.Object, max(8, 2*len(d.buf)))
	for i := 0; i < d.n; i++ {
		nb[i] = d.at(i)
	}
	d.buf, d.head = nb, 0
}

// pushBack appends o (a reference the deque takes over); it returns the
// item pushed out of the other end by maxlen, or nil.
func (d *deque) pushBack(o core.Object) core.Object {
	if d.maxlen == 0 {
		return o
	}
	var out core.Object
	if d.n == d.maxlen {
		out = d.popFront()
	}
	d.grow()
	d.setAt(d.n, o)
	d.n++
	d.state++
	return out
}

func (d *deque) pushFront(o core.Object) core.Object {
	if d.maxlen == 0 {
		return o
	}
	var out core.Object
	if d.n == d.maxlen {
		out = d.popBack()
	}
	d.grow()
	d.head = (d.head - 1) & (len(d.buf) - 1)
	d.buf[d.head] = o
	d.n++
	d.state++
	return out
}

func (d *deque) popBack() core.Object {
	o := d.at(d.n - 1)
	d.setAt(d.n-1, nil)
	d.n--
	d.state++
	return o
}

func (d *deque) popFront() core.Object {
	o := d.buf[d.head]
	d.buf[d.head] = nil
	d.head = (d.head + 1) & (len(d.buf) - 1)
	d.n--
	d.state++
	return o
}

// items returns the items in order, borrowed.
func (d *deque) items() []core.Object {
	out := make([]core.Object, d.n)
	for i := range out {
		out[i] = d.at(i)
	}
	return out
}

// takeAll empties the deque and returns its references.
func (d *deque) takeAll() []core.Object {
	out := d.items()
	d.buf, d.head, d.n = nil, 0, 0
	d.state++
	return out
}

// rotate moves the last k items to the front (k < 0: the first -k to
// the back).
func (d *deque) rotate(k int) {
	if d.n <= 1 {
		return
	}
	k %= d.n
	if k < 0 {
		k += d.n
	}
	if k == 0 {
		return
	}
	items := d.items()
	for i := range items {
		d.setAt((i+k)%d.n, items[i])
	}
	d.state++
}

const dequeQual = "collections.deque"

// dq runs fn on the deque of args[0] inside its critical section.
func dq(th *core.Thread, method string, args []core.Object, fn func(d *deque) error) error {
	d, err := nativeSelf[*deque](th, dequeQual, method, args)
	if err != nil {
		return err
	}
	return th.CriticalSection(args[0], func() error { return fn(d) })
}

// snapshot returns new references to a deque's items and its state.
func snapshot(th *core.Thread, self core.Object, d *deque) ([]core.Object, uint64) {
	var items []core.Object
	var state uint64
	_ = th.CriticalSection(self, func() error {
		items = d.items()
		for _, o := range items {
			th.Incref(o)
		}
		state = d.state
		return nil
	})
	return items, state
}

func dequeClass() classDef {
	none := func(th *core.Thread) core.Object { return th.Runtime().None }
	push := func(name string, front bool) goMethod {
		return goMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("deque."+name, args[min(1, len(args)):], kw, 1, 1); err != nil {
				return nil, err
			}
			var out core.Object
			err := dq(th, name, args, func(d *deque) error {
				th.Incref(args[1])
				if front {
					out = d.pushFront(args[1])
				} else {
					out = d.pushBack(args[1])
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			th.XDecref(out)
			return none(th), nil
		}}
	}
	pop := func(name string, front bool) goMethod {
		return goMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("deque."+name, args[min(1, len(args)):], kw, 0, 0); err != nil {
				return nil, err
			}
			var out core.Object
			err := dq(th, name, args, func(d *deque) error {
				if d.n == 0 {
					return th.Raise(th.RaiseType("IndexError"), "pop from an empty deque")
				}
				if front {
					out = d.popFront()
				} else {
					out = d.popBack()
				}
				return nil
			})
			return out, err
		}}
	}
	extend := func(name string, front bool) goMethod {
		return goMethod{name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("deque."+name, args[min(1, len(args)):], kw, 1, 1); err != nil {
				return nil, err
			}
			if _, err := nativeSelf[*deque](th, dequeQual, name, args); err != nil {
				return nil, err
			}
			items, err := collectItems(th, args[1])
			if err != nil {
				return nil, err
			}
			var out []core.Object
			err = dq(th, name, args, func(d *deque) error {
				for _, it := range items {
					var o core.Object
					if front {
						o = d.pushFront(it)
					} else {
						o = d.pushBack(it)
					}
					if o != nil {
						out = append(out, o)
					}
				}
				return nil
			})
			dropAll(th, out)
			return none(th), err
		}}
	}
	return classDef{
		name:   "deque",
		native: true,
		props: []goMethod{{"maxlen", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			d, err := nativeSelf[*deque](th, dequeQual, "maxlen", args)
			if err != nil {
				return nil, err
			}
			if ml := dequeMaxlen(th, args[0], d); ml >= 0 {
				return th.NewInt(int64(ml)), nil
			}
			return th.Runtime().None, nil
		}}},
		statics: []goMethod{{"__new__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			cls, ok := args[0].(*core.Type)
			if !ok || !cls.IsNativeClass() {
				return nil, typeError(th, "deque.__new__(X): X is not a deque type")
			}
			return th.NewNativeInstance(cls, &deque{maxlen: -1})
		}}},
		methods: []goMethod{
			{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				sig := &signature{name: "deque", names: []string{"iterable", "maxlen"}, npos: 2}
				a, err := sig.bind(th, args[1:], kw)
				if err != nil {
					return nil, err
				}
				maxlen := -1
				if !isNone(th, a[1]) {
					v, err := th.IntArg("deque", a[1])
					if err != nil {
						return nil, err
					}
					if v < 0 {
						return nil, th.Raise(th.RaiseType("ValueError"), "maxlen must be non-negative")
					}
					maxlen = int(v)
				}
				var items []core.Object
				if a[0] != nil {
					if items, err = collectItems(th, a[0]); err != nil {
						return nil, err
					}
				}
				var out []core.Object
				err = dq(th, "__init__", args, func(d *deque) error {
					out = d.takeAll()
					d.maxlen = maxlen
					for _, it := range items {
						if o := d.pushBack(it); o != nil {
							out = append(out, o)
						}
					}
					return nil
				})
				dropAll(th, out)
				return none(th), err
			}},
			push("append", false),
			push("appendleft", true),
			pop("pop", false),
			pop("popleft", true),
			extend("extend", false),
			extend("extendleft", true),
			{"clear", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("deque.clear", args[min(1, len(args)):], kw, 0, 0); err != nil {
					return nil, err
				}
				var out []core.Object
				err := dq(th, "clear", args, func(d *deque) error { out = d.takeAll(); return nil })
				dropAll(th, out)
				return none(th), err
			}},
			{"rotate", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("deque.rotate", args[min(1, len(args)):], kw, 0, 1); err != nil {
					return nil, err
				}
				k := int64(1)
				if len(args) == 2 {
					var err error
					if k, err = th.IntArg("rotate", args[1]); err != nil {
						return nil, err
					}
				}
				return none(th), dq(th, "rotate", args, func(d *deque) error { d.rotate(int(k % int64(max(d.n, 1)))); return nil })
			}},
			{"reverse", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("deque.reverse", args[min(1, len(args)):], kw, 0, 0); err != nil {
					return nil, err
				}
				return none(th), dq(th, "reverse", args, func(d *deque) error {
					for i, j := 0, d.n-1; i < j; i, j = i+1, j-1 {
						a, b := d.at(i), d.at(j)
						d.setAt(i, b)
						d.setAt(j, a)
					}
					d.state++
					return nil
				})
			}},
			{"copy", dequeCopy},
			{"__copy__", dequeCopy},
			{"count", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("deque.count", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				d, err := nativeSelf[*deque](th, dequeQual, "count", args)
				if err != nil {
					return nil, err
				}
				items, state := snapshot(th, args[0], d)
				defer dropAll(th, items)
				n := 0
				for _, it := range items {
					eq, err := th.CompareBool(it, args[1], core.CmpEq)
					if err != nil {
						return nil, err
					}
					if eq {
						n++
					}
					if mutated(th, args[0], d, state) {
						return nil, th.Raise(th.RaiseType("RuntimeError"), "deque mutated during iteration")
					}
				}
				return th.NewInt(int64(n)), nil
			}},
			{"index", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("index", args[min(1, len(args)):], kw, 1, 3); err != nil {
					return nil, err
				}
				d, err := nativeSelf[*deque](th, dequeQual, "index", args)
				if err != nil {
					return nil, err
				}
				items, state := snapshot(th, args[0], d)
				defer dropAll(th, items)
				start, stop := 0, len(items)
				bound := func(o core.Object) (int, error) {
					v, err := th.IntArg("index", o)
					if err != nil {
						return 0, err
					}
					if v < 0 {
						v += int64(len(items))
					}
					return int(max(0, min(v, int64(len(items))))), nil
				}
				if len(args) > 2 {
					if start, err = bound(args[2]); err != nil {
						return nil, err
					}
				}
				if len(args) > 3 {
					if stop, err = bound(args[3]); err != nil {
						return nil, err
					}
				}
				for i := start; i < stop; i++ {
					eq, err := th.CompareBool(items[i], args[1], core.CmpEq)
					if err != nil {
						return nil, err
					}
					if mutated(th, args[0], d, state) {
						return nil, th.Raise(th.RaiseType("RuntimeError"), "deque mutated during iteration")
					}
					if eq {
						return th.NewInt(int64(i)), nil
					}
				}
				r, _ := th.Repr(args[1])
				return nil, th.Raisef(th.RaiseType("ValueError"), "%s is not in deque", r)
			}},
			{"remove", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("deque.remove", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				d, err := nativeSelf[*deque](th, dequeQual, "remove", args)
				if err != nil {
					return nil, err
				}
				items, state := snapshot(th, args[0], d)
				defer dropAll(th, items)
				for i, it := range items {
					eq, err := th.CompareBool(it, args[1], core.CmpEq)
					if err != nil {
						return nil, err
					}
					if !eq {
						continue
					}
					var removed core.Object
					err = th.CriticalSection(args[0], func() error {
						if d.state != state {
							return th.Raise(th.RaiseType("IndexError"), "deque mutated during remove().")
						}
						removed = d.at(i)
						rest := d.items()[i+1:]
						for j, o := range rest {
							d.setAt(i+j, o)
						}
						d.setAt(d.n-1, nil)
						d.n--
						d.state++
						return nil
					})
					if err != nil {
						return nil, err
					}
					th.Decref(removed)
					return none(th), nil
				}
				r, _ := th.Repr(args[1])
				return nil, th.Raisef(th.RaiseType("ValueError"), "%s is not in deque", r)
			}},
			{"insert", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("insert", args[min(1, len(args)):], kw, 2, 2); err != nil {
					return nil, err
				}
				i64, err := th.IntArg("insert", args[1])
				if err != nil {
					return nil, err
				}
				return none(th), dq(th, "insert", args, func(d *deque) error {
					if d.maxlen >= 0 && d.n >= d.maxlen {
						return th.Raise(th.RaiseType("IndexError"), "deque already at its maximum size")
					}
					i := int(i64)
					if i < 0 {
						i += d.n
					}
					i = max(0, min(i, d.n))
					th.Incref(args[2])
					items := d.items()
					d.grow()
					d.n++
					d.setAt(i, args[2])
					for j := i; j < len(items); j++ {
						d.setAt(j+1, items[j])
					}
					d.state++
					return nil
				})
			}},
			{"__len__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				n := 0
				err := dq(th, "__len__", args, func(d *deque) error { n = d.n; return nil })
				if err != nil {
					return nil, err
				}
				return th.NewInt(int64(n)), nil
			}},
			{"__bool__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				n := 0
				err := dq(th, "__bool__", args, func(d *deque) error { n = d.n; return nil })
				if err != nil {
					return nil, err
				}
				return th.Runtime().Bool(n > 0), nil
			}},
			{"__getitem__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__getitem__", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				i, err := dequeIndex(th, args[1])
				if err != nil {
					return nil, err
				}
				var out core.Object
				err = dq(th, "__getitem__", args, func(d *deque) error {
					j := i
					if j < 0 {
						j += d.n
					}
					if j < 0 || j >= d.n {
						return th.Raise(th.RaiseType("IndexError"), "deque index out of range")
					}
					out = d.at(j)
					th.Incref(out)
					return nil
				})
				return out, err
			}},
			{"__setitem__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__setitem__", args[min(1, len(args)):], kw, 2, 2); err != nil {
					return nil, err
				}
				i, err := dequeIndex(th, args[1])
				if err != nil {
					return nil, err
				}
				var old core.Object
				err = dq(th, "__setitem__", args, func(d *deque) error {
					j := i
					if j < 0 {
						j += d.n
					}
					if j < 0 || j >= d.n {
						return th.Raise(th.RaiseType("IndexError"), "deque index out of range")
					}
					old = d.at(j)
					th.Incref(args[2])
					d.setAt(j, args[2])
					return nil
				})
				th.XDecref(old)
				return none(th), err
			}},
			{"__delitem__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__delitem__", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				i, err := dequeIndex(th, args[1])
				if err != nil {
					return nil, err
				}
				var old core.Object
				err = dq(th, "__delitem__", args, func(d *deque) error {
					j := i
					if j < 0 {
						j += d.n
					}
					if j < 0 || j >= d.n {
						return th.Raise(th.RaiseType("IndexError"), "deque index out of range")
					}
					old = d.at(j)
					items := d.items()
					for k := j; k < d.n-1; k++ {
						d.setAt(k, items[k+1])
					}
					d.setAt(d.n-1, nil)
					d.n--
					d.state++
					return nil
				})
				th.XDecref(old)
				return none(th), err
			}},
			{"__contains__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__contains__", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				d, err := nativeSelf[*deque](th, dequeQual, "__contains__", args)
				if err != nil {
					return nil, err
				}
				items, state := snapshot(th, args[0], d)
				defer dropAll(th, items)
				for _, it := range items {
					eq, err := th.CompareBool(it, args[1], core.CmpEq)
					if err != nil {
						return nil, err
					}
					if mutated(th, args[0], d, state) {
						return nil, th.Raise(th.RaiseType("RuntimeError"), "deque mutated during iteration")
					}
					if eq {
						return th.Runtime().True, nil
					}
				}
				return th.Runtime().False, nil
			}},
			{"__iter__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				return dequeIter(th, args, false)
			}},
			{"__reversed__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				return dequeIter(th, args, true)
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := nativeSelf[*deque](th, dequeQual, "__repr__", args)
				if err != nil {
					return nil, err
				}
				if th.ReprEnter(args[0]) {
					return th.NewStr("[...]"), nil
				}
				defer th.ReprLeave(args[0])
				items, _ := snapshot(th, args[0], d)
				defer dropAll(th, items)
				l := th.NewList(nil)
				defer th.Decref(l)
				for _, it := range items {
					if err := th.ListAppend(l, it); err != nil {
						return nil, err
					}
				}
				r, err := th.Repr(l)
				if err != nil {
					return nil, err
				}
				s := args[0].Type().Name() + "(" + r
				if ml := dequeMaxlen(th, args[0], d); ml >= 0 {
					s += ", maxlen=" + strconv.Itoa(ml)
				}
				return th.NewStr(s + ")"), nil
			}},
			{"__eq__", dequeCompare(core.CmpEq)},
			{"__ne__", dequeCompare(core.CmpNe)},
			{"__lt__", dequeCompare(core.CmpLt)},
			{"__le__", dequeCompare(core.CmpLe)},
			{"__gt__", dequeCompare(core.CmpGt)},
			{"__ge__", dequeCompare(core.CmpGe)},
			{"__iadd__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				r, err := th.CallMethod(args[0], "extend", args[1:]...)
				if err != nil {
					return nil, err
				}
				th.Decref(r)
				th.Incref(args[0])
				return args[0], nil
			}},
			{"__add__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__add__", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				if v, ok := core.NativeValue(args[1]); !ok || !isDeque(v) {
					return nil, typeError(th, "can only concatenate deque (not \"%s\") to deque", args[1].Type().Name())
				}
				c, err := dequeCopy(th, args[:1], nil)
				if err != nil {
					return nil, err
				}
				r, err := th.CallMethod(c, "extend", args[1])
				if err != nil {
					th.Decref(c)
					return nil, err
				}
				th.Decref(r)
				return c, nil
			}},
		},
	}
}

func isDeque(v any) bool { _, ok := v.(*deque); return ok }

func dequeMaxlen(th *core.Thread, self core.Object, d *deque) int {
	ml := -1
	_ = th.CriticalSection(self, func() error { ml = d.maxlen; return nil })
	return ml
}

// mutated reports whether the deque's state is no longer state.
func mutated(th *core.Thread, self core.Object, d *deque, state uint64) bool {
	changed := false
	_ = th.CriticalSection(self, func() error { changed = d.state != state; return nil })
	return changed
}

// dequeIndex converts a deque index (an int or an object with
// __index__); slices are refused as CPython refuses them.
func dequeIndex(th *core.Thread, key core.Object) (int, error) {
	i, err := th.Index(key)
	if err != nil {
		if core.IsExceptionNamed(err, "TypeError") {
			th.Discard(err)
			return 0, typeError(th, "sequence index must be integer, not '%s'", key.Type().Name())
		}
		return 0, err
	}
	defer th.Decref(i)
	v, err := th.IntArg("deque index", i)
	if err != nil {
		if core.IsExceptionNamed(err, "OverflowError") {
			th.Discard(err)
			return 0, th.Raise(th.RaiseType("IndexError"), "cannot fit 'int' into an index-sized integer")
		}
		return 0, err
	}
	return int(v), nil
}

// dequeCopy is deque.copy(): a deque of the same class and maxlen.
func dequeCopy(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	d, err := nativeSelf[*deque](th, dequeQual, "copy", args)
	if err != nil {
		return nil, err
	}
	items, _ := snapshot(th, args[0], d)
	maxlen := dequeMaxlen(th, args[0], d)
	nd := &deque{maxlen: maxlen}
	for _, it := range items {
		if o := nd.pushBack(it); o != nil {
			th.Decref(o)
		}
	}
	return th.NewNativeInstance(args[0].Type(), nd)
}

// dequeIter is iter(d) and reversed(d): an iterator that raises
// RuntimeError once the deque changes length or order, as CPython's
// does.
func dequeIter(th *core.Thread, args []core.Object, reverse bool) (core.Object, error) {
	d, err := nativeSelf[*deque](th, dequeQual, "__iter__", args)
	if err != nil {
		return nil, err
	}
	self := args[0]
	var state uint64
	var n int
	_ = th.CriticalSection(self, func() error { state, n = d.state, d.n; return nil })
	i := 0
	name := "_deque_iterator"
	if reverse {
		name = "_deque_reverse_iterator"
	}
	t, err := iterType(th, "collections", name)
	if err != nil {
		return nil, err
	}
	th.Incref(self)
	return th.NewIterator(t, []core.Object{self}, nil, func(th *core.Thread) (core.Object, bool, error) {
		var out core.Object
		err := th.CriticalSection(self, func() error {
			if d.state != state || d.n != n {
				return th.Raise(th.RaiseType("RuntimeError"), "deque mutated during iteration")
			}
			if i >= d.n {
				return nil
			}
			j := i
			if reverse {
				j = d.n - 1 - i
			}
			out = d.at(j)
			th.Incref(out)
			i++
			return nil
		})
		return out, out != nil, err
	}, nil), nil
}

// dequeCompare is a deque's rich comparison: item by item, with another
// deque only (NotImplemented otherwise).
func dequeCompare(op core.CompareOp) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := th.CheckArgs("comparison", args[min(1, len(args)):], kw, 1, 1); err != nil {
			return nil, err
		}
		a, err := nativeSelf[*deque](th, dequeQual, "comparison", args)
		if err != nil {
			return nil, err
		}
		b, ok := core.NativeValue(args[1])
		bd, isDeque := b.(*deque)
		if !ok || !isDeque {
			return th.Runtime().NotImplemented, nil
		}
		x, _ := snapshot(th, args[0], a)
		defer dropAll(th, x)
		y, _ := snapshot(th, args[1], bd)
		defer dropAll(th, y)
		lx, ly := th.NewList(x), th.NewList(y)
		for _, o := range x {
			th.Incref(o)
		}
		for _, o := range y {
			th.Incref(o)
		}
		defer th.Decref(lx)
		defer th.Decref(ly)
		return th.Compare(lx, ly, op)
	}
}

// collectItems returns new references to the items of an iterable.
func collectItems(th *core.Thread, iterable core.Object) ([]core.Object, error) {
	it, err := th.Iter(iterable)
	if err != nil {
		return nil, err
	}
	defer th.Decref(it)
	var out []core.Object
	for {
		x, ok, err := th.Next(it)
		if err != nil {
			dropAll(th, out)
			return nil, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, x)
	}
}

// iterTypeKey prefixes the names under which a module's dict keeps the
// classes of its iterators, made at their first use.
const iterTypeKey = "_rwgil_iter"

// iterType returns the iterator class called name of module (made the
// first time, kept in the module's dict of the runtime's sys.modules
// through the module object itself): borrowed.
func iterType(th *core.Thread, module, name string) (*core.Type, error) {
	m, err := th.Import(module)
	if err != nil {
		return nil, err
	}
	defer th.Decref(m)
	mod, ok := m.(*core.Module)
	if !ok {
		return nil, typeError(th, "%s is not a module", module)
	}
	key := th.Runtime().Intern(iterTypeKey + "." + name)
	if v, err := th.DictGet(mod.Dict(), key); err == nil && v != nil {
		th.Decref(v)
		if t, ok := v.(*core.Type); ok {
			return t, nil
		}
	}
	t, err := th.NewIteratorType(name, module, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		return nil, typeError(th, "cannot create '%s.%s' instances", module, name)
	}, nil)
	if err != nil {
		return nil, err
	}
	err = th.DictSet(mod.Dict(), key, t)
	th.Decref(t)
	return t, err
}

// ---- defaultdict ----

func defineDefaultdict(th *core.Thread, dict *core.Type, m *core.Module) (*core.Type, error) {
	var cls *core.Type
	none := th.Runtime().None
	factoryOf := func(th *core.Thread, self core.Object) (core.Object, error) {
		v, err := th.GetAttr(self, "default_factory")
		if err != nil && core.IsExceptionNamed(err, "AttributeError") {
			th.Discard(err)
			return none, nil
		}
		return v, err
	}
	t, err := addClass(th, m, classDef{
		name:  "defaultdict",
		bases: []*core.Type{dict},
		methods: []goMethod{
			{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if _, err := dictSelf(th, &cls, "__init__", args); err != nil {
					return nil, err
				}
				factory := none
				rest := args[1:]
				if len(rest) > 0 {
					factory, rest = rest[0], rest[1:]
					if factory != none {
						ok, err := callable(th, factory)
						if err != nil {
							return nil, err
						}
						if !ok {
							return nil, typeError(th, "first argument must be callable or None")
						}
					}
				}
				if err := th.SetAttr(args[0], "default_factory", factory); err != nil {
					return nil, err
				}
				init, err := th.GetAttr(dict, "__init__")
				if err != nil {
					return nil, err
				}
				defer th.Decref(init)
				return th.Call(init, append([]core.Object{args[0]}, rest...), kw)
			}},
			{"__missing__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("__missing__", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				if _, err := dictSelf(th, &cls, "__missing__", args); err != nil {
					return nil, err
				}
				factory, err := factoryOf(th, args[0])
				if err != nil {
					return nil, err
				}
				defer th.Decref(factory)
				if factory == none {
					return nil, raiseKeyError(th, args[1])
				}
				v, err := th.Call(factory, nil, nil)
				if err != nil {
					return nil, err
				}
				if err := th.SetItem(args[0], args[1], v); err != nil {
					th.Decref(v)
					return nil, err
				}
				return v, nil
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := dictSelf(th, &cls, "__repr__", args)
				if err != nil {
					return nil, err
				}
				factory, err := factoryOf(th, args[0])
				if err != nil {
					return nil, err
				}
				defer th.Decref(factory)
				fr, err := th.Repr(factory)
				if err != nil {
					return nil, err
				}
				dr, err := dictReprGuarded(th, d)
				if err != nil {
					return nil, err
				}
				return th.NewStr(args[0].Type().Name() + "(" + fr + ", " + dr + ")"), nil
			}},
			{"copy", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if _, err := dictSelf(th, &cls, "copy", args); err != nil {
					return nil, err
				}
				factory, err := factoryOf(th, args[0])
				if err != nil {
					return nil, err
				}
				defer th.Decref(factory)
				return th.Call(args[0].Type(), []core.Object{factory, args[0]}, nil)
			}},
		},
	})
	cls = t
	if err == nil {
		// __copy__ is copy.
		if c, err := th.GetAttr(t, "copy"); err == nil {
			_ = th.SetAttr(t, "__copy__", c)
			th.Decref(c)
		}
	}
	return t, err
}

// dictReprGuarded is dictRepr marking d as being repr'd, as CPython's
// dict_repr does, so that a dict that contains itself prints {...}.
func dictReprGuarded(th *core.Thread, d *core.Dict) (string, error) {
	if th.ReprEnter(d) {
		return "{...}", nil
	}
	defer th.ReprLeave(d)
	return dictRepr(th, d)
}

// dictRepr is the repr of d as a plain dict.
func dictRepr(th *core.Thread, d *core.Dict) (string, error) {
	plain := th.NewDict()
	defer th.Decref(plain)
	keys, values := th.DictItems(d)
	defer dropAll(th, keys)
	defer dropAll(th, values)
	for i, k := range keys {
		if err := th.DictSet(plain, k, values[i]); err != nil {
			return "", err
		}
	}
	return th.Repr(plain)
}

// raiseKeyError raises KeyError(key).
func raiseKeyError(th *core.Thread, key core.Object) error {
	kt := th.RaiseType("KeyError")
	e, err := th.Call(kt, []core.Object{key}, nil)
	if err != nil {
		return err
	}
	exc, ok := e.(*core.Exception)
	if !ok {
		th.Decref(e)
		return th.Raise(kt, "")
	}
	return exc
}

// ---- Counter ----

func defineCounter(th *core.Thread, dict *core.Type, m *core.Module) (*core.Type, error) {
	var cls *core.Type
	rt := th.Runtime()
	zero := th.NewInt(0)
	// get is self.get(k, 0) (dict.get: no __missing__): a new reference.
	get := func(th *core.Thread, d *core.Dict, k core.Object) (core.Object, error) {
		v, err := th.DictGet(d, k)
		if err != nil || v != nil {
			return v, err
		}
		th.Incref(zero)
		return zero, nil
	}
	// update adds (sign 1) or subtracts (sign -1) counts from an
	// iterable or a mapping.
	update := func(th *core.Thread, self core.Object, d *core.Dict, src core.Object, sign int) error {
		op := core.OpAdd
		if sign < 0 {
			op = core.OpSub
		}
		if sd, ok := src.(*core.Dict); ok {
			if sign > 0 && th.DictLen(d) == 0 && src.Type() == dict {
				du, err := th.GetAttr(dict, "update") // dict.update: the fast path
				if err != nil {
					return err
				}
				r, err := th.Call(du, []core.Object{self, src}, nil)
				th.Decref(du)
				if err != nil {
					return err
				}
				th.Decref(r)
				return nil
			}
			keys, values := th.DictItems(sd)
			defer dropAll(th, keys)
			defer dropAll(th, values)
			for i, k := range keys {
				old, err := get(th, d, k)
				if err != nil {
					return err
				}
				nv, err := th.BinaryOp(op, old, values[i])
				th.Decref(old)
				if err != nil {
					return err
				}
				err = th.SetItem(self, k, nv)
				th.Decref(nv)
				if err != nil {
					return err
				}
			}
			return nil
		}
		it, err := th.Iter(src)
		if err != nil {
			return err
		}
		defer th.Decref(it)
		one := th.NewInt(1)
		for {
			k, ok, err := th.Next(it)
			if err != nil || !ok {
				return err
			}
			old, err := get(th, d, k)
			if err != nil {
				th.Decref(k)
				return err
			}
			nv, err := th.BinaryOp(op, old, one)
			th.Decref(old)
			if err == nil {
				err = th.SetItem(self, k, nv)
				th.Decref(nv)
			}
			th.Decref(k)
			if err != nil {
				return err
			}
		}
	}
	updater := func(name string, sign int) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			d, err := dictSelf(th, &cls, name, args)
			if err != nil {
				return nil, err
			}
			if len(args) > 2 {
				return nil, typeError(th, "expected at most 1 argument, got %d", len(args)-1)
			}
			if len(args) == 2 && args[1] != rt.None {
				if err := update(th, args[0], d, args[1], sign); err != nil {
					return nil, err
				}
			}
			if len(kw) > 0 {
				kd := th.NewDict()
				for _, k := range th.KeywordNames(kw) {
					_ = th.DictSetStr(kd, k, kw[k])
				}
				err := update(th, args[0], d, kd, sign)
				th.Decref(kd)
				if err != nil {
					return nil, err
				}
			}
			return rt.None, nil
		}
	}
	newCounter := func(th *core.Thread) (core.Object, *core.Dict, error) {
		c, err := th.Call(cls, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		return c, c.(*core.Dict), nil
	}
	positive := func(th *core.Thread, o core.Object) (bool, error) { return th.CompareBool(o, zero, core.CmpGt) }
	// binary builds Counter arithmetic: keep(count of self, count of
	// other) gives the new count (nil: none), for the keys of self then
	// those of other only.
	binary := func(name string, combine func(th *core.Thread, a, b core.Object) (core.Object, error), otherOnly func(th *core.Thread, b core.Object) (core.Object, error)) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			d, err := dictSelf(th, &cls, name, args)
			if err != nil {
				return nil, err
			}
			if err := oneArg(th, name, args); err != nil {
				return nil, err
			}
			od, ok := args[1].(*core.Dict)
			if !ok || !args[1].Type().IsSubtype(cls) {
				return rt.NotImplemented, nil
			}
			res, rd, err := newCounter(th)
			if err != nil {
				return nil, err
			}
			keys, values := th.DictItems(d)
			defer dropAll(th, keys)
			defer dropAll(th, values)
			for i, k := range keys {
				other, err := get(th, od, k)
				if err != nil {
					th.Decref(res)
					return nil, err
				}
				nv, err := combine(th, values[i], other)
				th.Decref(other)
				if err == nil && nv != nil {
					var pos bool
					if pos, err = positive(th, nv); err == nil && pos {
						err = th.DictSet(rd, k, nv)
					}
					th.Decref(nv)
				}
				if err != nil {
					th.Decref(res)
					return nil, err
				}
			}
			okeys, ovalues := th.DictItems(od)
			defer dropAll(th, okeys)
			defer dropAll(th, ovalues)
			for i, k := range okeys {
				in, err := th.DictGet(d, k)
				if err != nil {
					th.Decref(res)
					return nil, err
				}
				if in != nil {
					th.Decref(in)
					continue
				}
				nv, err := otherOnly(th, ovalues[i])
				if err == nil && nv != nil {
					err = th.DictSet(rd, k, nv)
					th.Decref(nv)
				}
				if err != nil {
					th.Decref(res)
					return nil, err
				}
			}
			return res, nil
		}
	}
	keepPositive := func(th *core.Thread, b core.Object) (core.Object, error) {
		pos, err := positive(th, b)
		if err != nil || !pos {
			return nil, err
		}
		th.Incref(b)
		return b, nil
	}
	inplace := func(name string, op string) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if _, err := dictSelf(th, &cls, name, args); err != nil {
				return nil, err
			}
			if err := oneArg(th, name, args); err != nil {
				return nil, err
			}
			if !args[1].Type().IsSubtype(cls) {
				return rt.NotImplemented, nil
			}
			r, err := th.CallMethod(args[0], op, args[1])
			if err != nil || r == rt.NotImplemented {
				return r, err
			}
			defer th.Decref(r)
			d := args[0].(*core.Dict)
			rd := r.(*core.Dict)
			keys, values := th.DictItems(rd)
			defer dropAll(th, keys)
			defer dropAll(th, values)
			// self becomes the result, in the result's order.
			old, oldv := th.DictItems(d)
			for _, k := range old {
				if _, err := th.DictDelete(d, k); err != nil {
					dropAll(th, old)
					dropAll(th, oldv)
					return nil, err
				}
			}
			dropAll(th, old)
			dropAll(th, oldv)
			for i, k := range keys {
				if err := th.DictSet(d, k, values[i]); err != nil {
					return nil, err
				}
			}
			th.Incref(args[0])
			return args[0], nil
		}
	}
	unary := func(name string, neg bool) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			d, err := dictSelf(th, &cls, name, args)
			if err != nil {
				return nil, err
			}
			res, rd, err := newCounter(th)
			if err != nil {
				return nil, err
			}
			keys, values := th.DictItems(d)
			defer dropAll(th, keys)
			defer dropAll(th, values)
			for i, k := range keys {
				v := values[i]
				th.Incref(v)
				if neg {
					nv, err := th.BinaryOp(core.OpSub, zero, v)
					th.Decref(v)
					if err != nil {
						th.Decref(res)
						return nil, err
					}
					v = nv
				}
				pos, err := positive(th, v)
				if err == nil && pos {
					err = th.DictSet(rd, k, v)
				}
				th.Decref(v)
				if err != nil {
					th.Decref(res)
					return nil, err
				}
			}
			return res, nil
		}
	}
	t, err := addClass(th, m, classDef{
		name:  "Counter",
		bases: []*core.Type{dict},
		methods: []goMethod{
			{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if _, err := dictSelf(th, &cls, "__init__", args); err != nil {
					return nil, err
				}
				return updater("__init__", 1)(th, args, kw)
			}},
			{"__missing__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				th.Incref(zero)
				return zero, nil
			}},
			{"update", updater("update", 1)},
			{"subtract", updater("subtract", -1)},
			{"total", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := dictSelf(th, &cls, "total", args)
				if err != nil {
					return nil, err
				}
				keys, values := th.DictItems(d)
				dropAll(th, keys)
				defer dropAll(th, values)
				th.Incref(zero)
				var acc core.Object = zero
				for _, v := range values {
					nv, err := th.BinaryOp(core.OpAdd, acc, v)
					th.Decref(acc)
					if err != nil {
						return nil, err
					}
					acc = nv
				}
				return acc, nil
			}},
			{"most_common", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				sig := &signature{name: "Counter.most_common", names: []string{"n"}, npos: 1, python: true, self: 1}
				a, err := sig.bind(th, args[min(1, len(args)):], kw)
				if err != nil {
					return nil, err
				}
				d, err := dictSelf(th, &cls, "most_common", args)
				if err != nil {
					return nil, err
				}
				return mostCommon(th, d, a[0])
			}},
			{"elements", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := dictSelf(th, &cls, "elements", args)
				if err != nil {
					return nil, err
				}
				keys, values := th.DictItems(d)
				defer dropAll(th, keys)
				defer dropAll(th, values)
				var out []core.Object
				for i, k := range keys {
					n, err := th.IntArg("elements", values[i])
					if err != nil {
						dropAll(th, out)
						return nil, err
					}
					for j := int64(0); j < n; j++ {
						th.Incref(k)
						out = append(out, k)
					}
				}
				l := th.NewList(out)
				defer th.Decref(l)
				return th.Iter(l)
			}},
			{"copy", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if _, err := dictSelf(th, &cls, "copy", args); err != nil {
					return nil, err
				}
				return th.Call(args[0].Type(), []core.Object{args[0]}, nil)
			}},
			{"__delitem__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := dictSelf(th, &cls, "__delitem__", args)
				if err != nil {
					return nil, err
				}
				if err := oneArg(th, "__delitem__", args); err != nil {
					return nil, err
				}
				if _, err := th.DictDelete(d, args[1]); err != nil {
					return nil, err
				}
				return rt.None, nil
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := dictSelf(th, &cls, "__repr__", args)
				if err != nil {
					return nil, err
				}
				name := args[0].Type().Name()
				if th.DictLen(d) == 0 {
					return th.NewStr(name + "()"), nil
				}
				mc, err := mostCommon(th, d, nil)
				var r string
				if err == nil {
					plain := th.NewDict()
					l := mc.(*core.List)
					for i := 0; i < th.ListLen(l); i++ {
						p, _ := th.ListItem(l, i)
						kv, _ := core.TupleItems(p)
						_ = th.DictSet(plain, kv[0], kv[1])
						th.Decref(p)
					}
					th.Decref(mc)
					r, err = th.Repr(plain)
					th.Decref(plain)
				} else if core.IsExceptionNamed(err, "TypeError") {
					th.Discard(err)
					r, err = dictRepr(th, d)
				}
				if err != nil {
					return nil, err
				}
				return th.NewStr(name + "(" + r + ")"), nil
			}},
			{"__add__", binary("__add__", func(th *core.Thread, a, b core.Object) (core.Object, error) {
				return th.BinaryOp(core.OpAdd, a, b)
			}, keepPositive)},
			{"__sub__", binary("__sub__", func(th *core.Thread, a, b core.Object) (core.Object, error) {
				return th.BinaryOp(core.OpSub, a, b)
			}, func(th *core.Thread, b core.Object) (core.Object, error) {
				neg, err := th.CompareBool(b, zero, core.CmpLt)
				if err != nil || !neg {
					return nil, err
				}
				return th.BinaryOp(core.OpSub, zero, b)
			})},
			{"__or__", binary("__or__", func(th *core.Thread, a, b core.Object) (core.Object, error) {
				lt, err := th.CompareBool(a, b, core.CmpLt)
				if err != nil {
					return nil, err
				}
				if lt {
					th.Incref(b)
					return b, nil
				}
				th.Incref(a)
				return a, nil
			}, keepPositive)},
			{"__and__", binary("__and__", func(th *core.Thread, a, b core.Object) (core.Object, error) {
				lt, err := th.CompareBool(a, b, core.CmpLt)
				if err != nil {
					return nil, err
				}
				if lt {
					th.Incref(a)
					return a, nil
				}
				th.Incref(b)
				return b, nil
			}, func(th *core.Thread, b core.Object) (core.Object, error) { return nil, nil })},
			{"__iadd__", inplace("__iadd__", "__add__")},
			{"__isub__", inplace("__isub__", "__sub__")},
			{"__ior__", inplace("__ior__", "__or__")},
			{"__iand__", inplace("__iand__", "__and__")},
			{"__pos__", unary("__pos__", false)},
			{"__neg__", unary("__neg__", true)},
			{"__eq__", counterEq(&cls, false)},
			{"__ne__", counterEq(&cls, true)},
			{"__le__", counterOrder(&cls, core.CmpLe)},
			{"__lt__", counterOrder(&cls, core.CmpLt)},
			{"__ge__", counterOrder(&cls, core.CmpGe)},
			{"__gt__", counterOrder(&cls, core.CmpGt)},
		},
		classMethods: []goMethod{{"fromkeys", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			return nil, th.Raise(th.RaiseType("NotImplementedError"), "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
		}}},
	})
	cls = t
	return t, err
}

// counterEq is Counter's == (negate: !=): every key of either counter
// has the same count in both, a missing key counting 0.
func counterEq(cls **core.Type, negate bool) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		rt := th.Runtime()
		if err := th.CheckArgs("__eq__", args[min(1, len(args)):], kw, 1, 1); err != nil {
			return nil, err
		}
		a, ok := args[0].(*core.Dict)
		b, ok2 := args[1].(*core.Dict)
		if !ok || !ok2 || !args[1].Type().IsSubtype(*cls) {
			return rt.NotImplemented, nil
		}
		eq, err := countsEqual(th, a, b)
		if err == nil && eq {
			eq, err = countsEqual(th, b, a)
		}
		if err != nil {
			return nil, err
		}
		return rt.Bool(eq != negate), nil
	}
}

// counterOrder is Counter's <= (op CmpLe), >= (CmpGe), < and > (the
// first two and !=), comparing the counts of every key of either counter,
// a missing key counting 0, as CPython 3.10+'s do.
func counterOrder(cls **core.Type, op core.CompareOp) core.BuiltinFunc {
	return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		rt := th.Runtime()
		if err := oneArg(th, "comparison", args); err != nil {
			return nil, err
		}
		a, ok := args[0].(*core.Dict)
		b, ok2 := args[1].(*core.Dict)
		if !ok || !ok2 || !args[1].Type().IsSubtype(*cls) {
			return rt.NotImplemented, nil
		}
		base := op
		switch op {
		case core.CmpLt:
			base = core.CmpLe
		case core.CmpGt:
			base = core.CmpGe
		}
		holds, err := countsHold(th, a, b, base, false)
		if err == nil && holds {
			holds, err = countsHold(th, b, a, base, true)
		}
		if err == nil && holds && base != op {
			var eq bool
			if eq, err = countsEqual(th, a, b); err == nil && eq {
				eq, err = countsEqual(th, b, a)
			}
			holds = !eq
		}
		if err != nil {
			return nil, err
		}
		return rt.Bool(holds), nil
	}
}

// countsHold reports whether a[k] op b[k] for every key k of a (with
// swapped, b[k] op a[k]), a missing count being 0.
func countsHold(th *core.Thread, a, b *core.Dict, op core.CompareOp, swapped bool) (bool, error) {
	keys, values := th.DictItems(a)
	defer dropAll(th, keys)
	defer dropAll(th, values)
	for i, k := range keys {
		v, err := th.DictGet(b, k)
		if err != nil {
			return false, err
		}
		if v == nil {
			v = th.NewInt(0)
		}
		x, y := values[i], v
		if swapped {
			x, y = v, values[i]
		}
		ok, err := th.CompareBool(x, y, op)
		th.Decref(v)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// countsEqual reports whether every key of a has the same count in b.
func countsEqual(th *core.Thread, a, b *core.Dict) (bool, error) {
	keys, values := th.DictItems(a)
	defer dropAll(th, keys)
	defer dropAll(th, values)
	for i, k := range keys {
		v, err := th.DictGet(b, k)
		if err != nil {
			return false, err
		}
		if v == nil {
			v = th.NewInt(0)
		}
		eq, err := th.CompareBool(values[i], v, core.CmpEq)
		th.Decref(v)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// mostCommon is Counter.most_common(n): (key, count) pairs by count,
// highest first, ties in insertion order (a stable sort, as CPython's
// sorted(..., reverse=True) and heapq.nlargest are).
func mostCommon(th *core.Thread, d *core.Dict, n core.Object) (core.Object, error) {
	keys, values := th.DictItems(d)
	defer dropAll(th, keys)
	defer dropAll(th, values)
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	var cmpErr error
	sort.SliceStable(idx, func(i, j int) bool {
		if cmpErr != nil {
			return false
		}
		gt, err := th.CompareBool(values[idx[i]], values[idx[j]], core.CmpGt)
		if err != nil {
			cmpErr = err
		}
		return gt
	})
	if cmpErr != nil {
		return nil, cmpErr
	}
	limit := len(idx)
	if !isNone(th, n) {
		v, err := th.IntArg("most_common", n)
		if err != nil {
			return nil, err
		}
		limit = int(max(0, min(v, int64(limit))))
	}
	out := make([]core.Object, 0, limit)
	for _, i := range idx[:limit] {
		out = append(out, th.Pack(keys[i], values[i]))
	}
	return th.NewList(out), nil
}

// ---- OrderedDict ----

func defineOrderedDict(th *core.Thread, dict *core.Type, m *core.Module) (*core.Type, error) {
	var cls *core.Type
	rt := th.Runtime()
	dictEq := func(th *core.Thread, a, b core.Object, op core.CompareOp) (core.Object, error) {
		name := "__eq__"
		if op == core.CmpNe {
			name = "__ne__"
		}
		fn, err := th.GetAttr(dict, name)
		if err != nil {
			return nil, err
		}
		defer th.Decref(fn)
		return th.Call(fn, []core.Object{a, b}, nil)
	}
	compare := func(op core.CompareOp) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := dictSelf(th, &cls, "__eq__", args)
			if err != nil {
				return nil, err
			}
			if err := oneArg(th, "__eq__", args); err != nil {
				return nil, err
			}
			b, ok := args[1].(*core.Dict)
			if !ok || !args[1].Type().IsSubtype(cls) {
				return dictEq(th, args[0], args[1], op)
			}
			r, err := dictEq(th, args[0], args[1], core.CmpEq)
			if err != nil {
				return nil, err
			}
			eq := r == rt.True
			th.Decref(r)
			if eq {
				ka, va := th.DictItems(a)
				kb, vb := th.DictItems(b)
				dropAll(th, va)
				dropAll(th, vb)
				for i := range ka {
					if i >= len(kb) {
						eq = false
						break
					}
					same, err := th.CompareBool(ka[i], kb[i], core.CmpEq)
					if err != nil {
						dropAll(th, ka)
						dropAll(th, kb)
						return nil, err
					}
					if !same {
						eq = false
						break
					}
				}
				dropAll(th, ka)
				dropAll(th, kb)
			}
			return rt.Bool(eq == (op == core.CmpEq)), nil
		}
	}
	t, err := addClass(th, m, classDef{
		name:  "OrderedDict",
		bases: []*core.Type{dict},
		methods: []goMethod{
			{"move_to_end", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				sig := &signature{name: "move_to_end", names: []string{"key", "last"}, npos: 2, required: 1}
				a, err := sig.bind(th, args[min(1, len(args)):], kw)
				if err != nil {
					return nil, err
				}
				d, err := dictSelf(th, &cls, "move_to_end", args)
				if err != nil {
					return nil, err
				}
				last := true
				if a[1] != nil {
					if last, err = th.Truth(a[1]); err != nil {
						return nil, err
					}
				}
				found, err := th.DictMoveToEnd(d, a[0], last)
				if err != nil {
					return nil, err
				}
				if !found {
					return nil, raiseKeyError(th, a[0])
				}
				return rt.None, nil
			}},
			{"popitem", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				sig := &signature{name: "popitem", names: []string{"last"}, npos: 1}
				a, err := sig.bind(th, args[min(1, len(args)):], kw)
				if err != nil {
					return nil, err
				}
				d, err := dictSelf(th, &cls, "popitem", args)
				if err != nil {
					return nil, err
				}
				last := true
				if a[0] != nil {
					if last, err = th.Truth(a[0]); err != nil {
						return nil, err
					}
				}
				k, v, ok := th.DictPopItem(d, last)
				if !ok {
					return nil, th.Raise(th.RaiseType("KeyError"), "dictionary is empty")
				}
				return th.NewTuple([]core.Object{k, v}), nil
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				d, err := dictSelf(th, &cls, "__repr__", args)
				if err != nil {
					return nil, err
				}
				name := args[0].Type().Name()
				if th.DictLen(d) == 0 {
					return th.NewStr(name + "()"), nil
				}
				if th.ReprEnter(args[0]) {
					return th.NewStr("..."), nil
				}
				defer th.ReprLeave(args[0])
				r, err := dictRepr(th, d)
				if err != nil {
					return nil, err
				}
				return th.NewStr(name + "(" + r + ")"), nil
			}},
			{"copy", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if _, err := dictSelf(th, &cls, "copy", args); err != nil {
					return nil, err
				}
				return th.Call(args[0].Type(), []core.Object{args[0]}, nil)
			}},
			{"__eq__", compare(core.CmpEq)},
			{"__ne__", compare(core.CmpNe)},
		},
	})
	cls = t
	return t, err
}

// ---- namedtuple ----

var pyKeywords = map[string]bool{"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true,
	"async": true, "await": true, "break": true, "class": true, "continue": true, "def": true, "del": true,
	"elif": true, "else": true, "except": true, "finally": true, "for": true, "from": true, "global": true,
	"if": true, "import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true,
	"or": true, "pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true}

// isIdentifier is str.isidentifier for the ASCII names programs use, and
// letters beyond ASCII.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// namedtuple is collections.namedtuple(typename, field_names, *,
// rename=False, defaults=None, module=None).
func namedtuple(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "namedtuple", names: []string{"typename", "field_names", "rename", "defaults", "module"}, npos: 2, required: 2, python: true}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	rt := th.Runtime()
	typename, err := th.Str(a[0])
	if err != nil {
		return nil, err
	}
	var fields []string
	if s, ok := a[1].(*core.Str); ok {
		fields = strings.Fields(strings.ReplaceAll(s.String(), ",", " "))
	} else {
		items, err := collectItems(th, a[1])
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			f, err := th.Str(it)
			if err != nil {
				dropAll(th, items)
				return nil, err
			}
			fields = append(fields, f)
		}
		dropAll(th, items)
	}
	rename := false
	if a[2] != nil {
		if rename, err = th.Truth(a[2]); err != nil {
			return nil, err
		}
	}
	valueError := th.RaiseType("ValueError")
	if rename {
		seen := map[string]bool{}
		for i, f := range fields {
			if !isIdentifier(f) || pyKeywords[f] || strings.HasPrefix(f, "_") || seen[f] {
				fields[i] = "_" + strconv.Itoa(i)
			}
			seen[fields[i]] = true
		}
	}
	for _, name := range append([]string{typename}, fields...) {
		if !isIdentifier(name) {
			return nil, th.Raisef(valueError, "Type names and field names must be valid identifiers: %s", strRepr(name))
		}
		if pyKeywords[name] {
			return nil, th.Raisef(valueError, "Type names and field names cannot be a keyword: %s", strRepr(name))
		}
	}
	seen := map[string]bool{}
	for _, f := range fields {
		if strings.HasPrefix(f, "_") && !rename {
			return nil, th.Raisef(valueError, "Field names cannot start with an underscore: %s", strRepr(f))
		}
		if seen[f] {
			return nil, th.Raisef(valueError, "Encountered duplicate field name: %s", strRepr(f))
		}
		seen[f] = true
	}
	var defaults []core.Object
	if !isNone(th, a[3]) {
		if defaults, err = collectItems(th, a[3]); err != nil {
			return nil, err
		}
		defer dropAll(th, defaults)
		if len(defaults) > len(fields) {
			return nil, th.Raise(th.RaiseType("TypeError"), "Got more default values than field names")
		}
	}
	nf := len(fields)
	fieldObjs := make([]core.Object, nf)
	for i, f := range fields {
		fieldObjs[i] = rt.Intern(f)
	}
	fieldsTuple := th.NewTuple(append([]core.Object(nil), fieldObjs...))
	defer th.Decref(fieldsTuple)
	fieldDefaults := th.NewDict()
	defer th.Decref(fieldDefaults)
	for i, d := range defaults {
		if err := th.DictSetStr(fieldDefaults, fields[nf-len(defaults)+i], d); err != nil {
			return nil, err
		}
	}
	newSig := &signature{name: typename + ".__new__", names: fields, npos: nf, required: nf - len(defaults), python: true, self: 1}
	makeFrom := func(th *core.Thread, c *core.Type, items []core.Object) (core.Object, error) {
		return th.NewTupleOf(c, items)
	}
	self := func(th *core.Thread, method string, args []core.Object) ([]core.Object, error) {
		if len(args) == 0 {
			return nil, typeError(th, "%s() missing 1 required positional argument: 'self'", method)
		}
		items, ok := core.TupleItems(args[0])
		if !ok {
			return nil, typeError(th, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", method, typename, args[0].Type().Name())
		}
		return items, nil
	}
	methods := []goMethod{
		{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			items, err := self(th, "__repr__", args)
			if err != nil {
				return nil, err
			}
			var b strings.Builder
			b.WriteString(args[0].Type().Name() + "(")
			for i, it := range items {
				if i > 0 {
					b.WriteString(", ")
				}
				r, err := th.Repr(it)
				if err != nil {
					return nil, err
				}
				if i < nf {
					b.WriteString(fields[i] + "=")
				}
				b.WriteString(r)
			}
			b.WriteString(")")
			return th.NewStr(b.String()), nil
		}},
		{"_asdict", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			items, err := self(th, "_asdict", args)
			if err != nil {
				return nil, err
			}
			d := th.NewDict()
			for i, it := range items {
				if i < nf {
					if err := th.DictSetStr(d, fields[i], it); err != nil {
						th.Decref(d)
						return nil, err
					}
				}
			}
			return d, nil
		}},
		{"_replace", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			items, err := self(th, "_replace", args)
			if err != nil {
				return nil, err
			}
			if len(args) > 1 {
				return nil, typeError(th, "%s._replace() takes 1 positional argument but %d were given", typename, len(args))
			}
			out := make([]core.Object, len(items))
			used := 0
			for i, it := range items {
				v := it
				if i < nf {
					if r, ok := kw[fields[i]]; ok {
						v = r
						used++
					}
				}
				th.Incref(v)
				out[i] = v
			}
			if used < len(kw) {
				dropAll(th, out)
				var extra []string
				for _, k := range th.KeywordNames(kw) {
					if !seen[k] {
						extra = append(extra, strRepr(k))
					}
				}
				return nil, th.Raisef(valueError, "Got unexpected field names: [%s]", strings.Join(extra, ", "))
			}
			return makeFrom(th, args[0].Type(), out)
		}},
		{"__getnewargs__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			items, err := self(th, "__getnewargs__", args)
			if err != nil {
				return nil, err
			}
			return th.Pack(items...), nil
		}},
	}
	attrs := map[string]core.Object{
		"_fields":         fieldsTuple,
		"_field_defaults": fieldDefaults,
		"__match_args__":  fieldsTuple,
		"__slots__":       th.NewTuple(nil),
		"__doc__":         rt.Intern(typename + "(" + strings.Join(fields, ", ") + ")"),
	}
	var props []core.Object
	for i := range fields {
		i := i
		getter := th.NewBuiltin(fields[i], func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			items, ok := core.TupleItems(args[0])
			if !ok || i >= len(items) {
				return nil, typeError(th, "descriptor for index '%d' for tuple subclasses doesn't apply to '%s' object", i, args[0].Type().Name())
			}
			th.Incref(items[i])
			return items[i], nil
		})
		p, err := th.NewProperty(getter)
		th.Decref(getter)
		if err != nil {
			dropAll(th, props)
			return nil, err
		}
		props = append(props, p)
		attrs[fields[i]] = p
	}
	defer dropAll(th, props)
	module := ""
	if !isNone(th, a[4]) {
		if module, err = th.Str(a[4]); err != nil {
			return nil, err
		}
	}
	tuple := rt.BuiltinType("tuple")
	t, err := makeClass(th, classDef{
		name:    typename,
		module:  module,
		bases:   []*core.Type{tuple},
		methods: methods,
		statics: []goMethod{{"__new__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(args) == 0 {
				return nil, typeError(th, "%s.__new__() missing 1 required positional argument: '_cls'", typename)
			}
			c, ok := args[0].(*core.Type)
			if !ok {
				return nil, typeError(th, "tuple.__new__(X): X is not a type object (%s)", args[0].Type().Name())
			}
			b, err := newSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			items := make([]core.Object, nf)
			for i, v := range b {
				if v == nil {
					v = defaults[i-(nf-len(defaults))]
				}
				th.Incref(v)
				items[i] = v
			}
			return makeFrom(th, c, items)
		}}},
		classMethods: []goMethod{{"_make", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if len(args) != 2 {
				return nil, typeError(th, "%s._make() takes 2 positional arguments but %d were given", typename, len(args))
			}
			items, err := collectItems(th, args[1])
			if err != nil {
				return nil, err
			}
			if len(items) != nf {
				dropAll(th, items)
				return nil, typeError(th, "Expected %d arguments, got %d", nf, len(items))
			}
			return makeFrom(th, args[0].(*core.Type), items)
		}}},
		attrs: attrs,
	})
	th.Decref(attrs["__slots__"])
	if err != nil {
		return nil, err
	}
	return t, nil
}

// strRepr is repr of a str.
func strRepr(s string) string {
	if !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	if !strings.Contains(s, "\"") {
		return "\"" + s + "\""
	}
	return "'" + strings.ReplaceAll(s, "'", "\\'") + "'"
}
