package core

import (
	"strings"

	"github.com/rwgil/rwgil/refcount"
)

// dictView is dict.keys(), dict.values() or dict.items(): a live view of
// the dict (its type says which). Iterating a view is iterating the dict,
// with the same "changed size during iteration" check; keys and items
// views are set-like (==, <=, &, |, -, ^ with any iterable).
type dictView struct {
	Header
	d *Dict
}

// Dealloc implements refcount.Object.
func (v *dictView) Dealloc(by *refcount.Owner) {
	untrack(v, by)
	decrefBy(v.d, by)
}

// Describe implements refcount.Object.
func (v *dictView) Describe() string { return describe(v) }

// newDictView makes a view of d (borrowed) of type t (dictKeys,
// dictValues or dictItems).
func (th *Thread) newDictView(d *Dict, t *Type) Object {
	v := &dictView{d: d}
	th.Incref(d)
	v.typ = t
	th.track(v)
	return v
}

// viewItems returns new references to the view's items, in order.
func (th *Thread) viewItems(v *dictView) []Object {
	keys, values := th.dictItems(v.d)
	switch v.typ {
	case th.rt.types.dictKeys:
		th.decrefAll(values)
		return keys
	case th.rt.types.dictValues:
		th.decrefAll(keys)
		return values
	}
	out := make([]Object, len(keys))
	for i := range keys {
		out[i] = th.NewTuple([]Object{keys[i], values[i]})
	}
	return out
}

func (th *Thread) reprDictView(v *dictView) (string, error) {
	items := th.viewItems(v)
	defer th.decrefAll(items)
	if th.reprActive(v) {
		return "...", nil
	}
	th.reprStack = append(th.reprStack, v)
	defer func() { th.reprStack = th.reprStack[:len(th.reprStack)-1] }()
	parts := make([]string, len(items))
	for i, it := range items {
		s, err := th.Repr(it)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return v.typ.name + "([" + strings.Join(parts, ", ") + "])", nil
}

// dictViewContains is x in view.
func (th *Thread) dictViewContains(v *dictView, x Object) (bool, error) {
	switch v.typ {
	case th.rt.types.dictKeys:
		val, err := th.DictGet(v.d, x)
		th.XDecref(val)
		return val != nil, err
	case th.rt.types.dictItems:
		t, ok := x.(*Tuple)
		if !ok || len(t.items) != 2 {
			return false, nil
		}
		val, err := th.DictGet(v.d, t.items[0])
		if err != nil || val == nil {
			return false, err
		}
		defer th.Decref(val)
		return th.CompareBool(val, t.items[1], CmpEq)
	}
	items := th.viewItems(v)
	defer th.decrefAll(items)
	for _, it := range items {
		eq, err := th.CompareBool(it, x, CmpEq)
		if err != nil || eq {
			return eq, err
		}
	}
	return false, nil
}

// viewIter iterates over a dict's keys, values or items.
func (th *Thread) viewIter(v *dictView) (Object, error) {
	switch v.typ {
	case th.rt.types.dictValues:
		return th.newTableIter(v.d, &v.d.table, iterValues, "dict_valueiterator"), nil
	case th.rt.types.dictItems:
		return th.newTableIter(v.d, &v.d.table, iterItems, "dict_itemiterator"), nil
	}
	return th.newTableIter(v.d, &v.d.table, iterKeys, "dict_keyiterator"), nil
}

// isSetLike reports whether o takes part in set operations as a set:
// sets, frozensets, and keys and items views.
func (th *Thread) isSetLike(o Object) bool {
	switch x := o.(type) {
	case *Set:
		return true
	case *dictView:
		return x.typ != th.rt.types.dictValues
	}
	return false
}

// setOfView makes a set of a set-like object's items (a new reference).
func (th *Thread) setOf(o Object) (*Set, error) {
	if s, ok := o.(*Set); ok {
		th.Incref(s)
		return s, nil
	}
	r, err := th.setFrom(o)
	if err != nil {
		return nil, err
	}
	return r.(*Set), nil
}

// viewBinary is &, |, - and ^ with a keys or items view on either side:
// a set, as CPython's dictviews_and and friends make it.
func (th *Thread) viewBinary(op BinOp, a, b Object) (Object, bool, error) {
	switch op {
	case OpAnd, OpOr, OpSub, OpXor:
	default:
		return nil, false, nil
	}
	av, aView := a.(*dictView)
	bv, bView := b.(*dictView)
	if (!aView || av.typ == th.rt.types.dictValues) && (!bView || bv.typ == th.rt.types.dictValues) {
		return nil, false, nil
	}
	if !th.iterable(a) || !th.iterable(b) {
		return nil, false, nil
	}
	x, err := th.setFrom(a)
	if err != nil {
		return nil, true, err
	}
	defer th.Decref(x)
	y, err := th.setFrom(b)
	if err != nil {
		return nil, true, err
	}
	defer th.Decref(y)
	r, err := th.setOp(op, x.(*Set), y.(*Set))
	return r, true, err
}

var dictViewMethods = []method{
	{"isdisjoint", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("isdisjoint", args, kw, 1, 1); err != nil {
			return nil, err
		}
		items, err := th.collect(args[1])
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(items)
		for _, it := range items {
			in, err := th.Contains(args[0], it)
			if err != nil {
				return nil, err
			}
			if in {
				return th.rt.False, nil
			}
		}
		return th.rt.True, nil
	}},
}
