package core

import (
	"math"
	"math/big"

	"github.com/rwgil/rwgil/refcount"
)

// Slice is a slice object, slice(start, stop, step): what BUILD_SLICE
// makes for a[i:j:k], and what extended slicing of lists, tuples, strs
// and ranges takes. Each part is an object, None when left out.
type Slice struct {
	Header
	start, stop, step Object
}

// Dealloc implements refcount.Object.
func (s *Slice) Dealloc(by *refcount.Owner) {
	untrack(s, by)
	decrefBy(s.start, by)
	decrefBy(s.stop, by)
	decrefBy(s.step, by)
}

// Describe implements refcount.Object.
func (s *Slice) Describe() string { return describe(s) }

// newSlice returns a new reference to slice(start, stop, step) (all
// borrowed; nil stands for None).
func (th *Thread) newSlice(start, stop, step Object) *Slice {
	orNone := func(o Object) Object {
		if o == nil {
			return th.rt.None
		}
		return th.newRef(o)
	}
	s := &Slice{start: orNone(start), stop: orNone(stop), step: orNone(step)}
	s.typ = th.rt.ev.slice
	th.track(s)
	return s
}

// constructSlice is slice(stop) and slice(start, stop[, step]).
func constructSlice(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if len(kw) > 0 {
		return nil, th.Raise(exc.TypeError, "slice() takes no keyword arguments")
	}
	switch len(args) {
	case 0:
		return nil, th.Raise(exc.TypeError, "slice expected at least 1 argument, got 0")
	case 1:
		return th.newSlice(nil, args[0], nil), nil
	case 2:
		return th.newSlice(args[0], args[1], nil), nil
	case 3:
		return th.newSlice(args[0], args[1], args[2]), nil
	}
	return nil, th.Raisef(exc.TypeError, "slice expected at most 3 arguments, got %d", len(args))
}

// pyRepr is repr(s): slice(1, 2, None).
func (s *Slice) pyRepr(th *Thread) (string, error) {
	parts := [3]string{}
	for i, o := range []Object{s.start, s.stop, s.step} {
		r, err := th.Repr(o)
		if err != nil {
			return "", err
		}
		parts[i] = r
	}
	return "slice(" + parts[0] + ", " + parts[1] + ", " + parts[2] + ")", nil
}

// pyAttr reads start, stop and step.
func (s *Slice) pyAttr(th *Thread, name string) (Object, bool, error) {
	switch name {
	case "start":
		return th.newRef(s.start), true, nil
	case "stop":
		return th.newRef(s.stop), true, nil
	case "step":
		return th.newRef(s.step), true, nil
	}
	return nil, false, nil
}

// pyHash is hash(s): slices are hashable since Python 3.12, hashed as
// the tuple of their parts is.
func (s *Slice) pyHash(th *Thread) (int64, error) {
	var hs [3]int64
	for i, o := range []Object{s.start, s.stop, s.step} {
		h, err := th.Hash(o)
		if err != nil {
			return 0, err
		}
		hs[i] = h
	}
	return tupleHash(hs[:]), nil
}

// sliceBounds are a slice's parts read as integers (CPython's
// _PySlice_Unpack): step 0 is refused, None becomes the end it stands
// for, and huge values saturate.
type sliceBounds struct{ start, stop, step int64 }

// unpack reads the slice's parts, step first as CPython does.
func (th *Thread) unpackSlice(s *Slice) (sliceBounds, error) {
	var b sliceBounds
	exc := &th.rt.types.exc
	if s.step == th.rt.None {
		b.step = 1
	} else {
		v, err := th.sliceInt(s.step)
		if err != nil {
			return b, err
		}
		if v == 0 {
			return b, th.Raise(exc.ValueError, "slice step cannot be zero")
		}
		// -step must not overflow.
		b.step = max(v, -math.MaxInt64)
	}
	if s.start == th.rt.None {
		b.start = 0
		if b.step < 0 {
			b.start = math.MaxInt64
		}
	} else {
		v, err := th.sliceInt(s.start)
		if err != nil {
			return b, err
		}
		b.start = v
	}
	if s.stop == th.rt.None {
		b.stop = math.MaxInt64
		if b.step < 0 {
			b.stop = math.MinInt64
		}
	} else {
		v, err := th.sliceInt(s.stop)
		if err != nil {
			return b, err
		}
		b.stop = v
	}
	return b, nil
}

// sliceInt reads one part of a slice: an int, saturated to int64.
func (th *Thread) sliceInt(o Object) (int64, error) {
	i, err := th.sliceIndexOf(o)
	return i.v, err
}

// adjust clamps the bounds to a sequence of length n and returns the
// number of items the slice selects (CPython's PySlice_AdjustIndices).
func (b *sliceBounds) adjust(n int64) int64 {
	clamp := func(v int64) int64 {
		if v < 0 {
			v += n
			if v < 0 {
				if b.step < 0 {
					return -1
				}
				return 0
			}
		} else if v >= n {
			if b.step < 0 {
				return n - 1
			}
			return n
		}
		return v
	}
	b.start, b.stop = clamp(b.start), clamp(b.stop)
	switch {
	case b.step < 0 && b.stop < b.start:
		return (b.start-b.stop-1)/(-b.step) + 1
	case b.step > 0 && b.start < b.stop:
		return (b.stop-b.start-1)/b.step + 1
	}
	return 0
}

// sliceMethods are the methods of slice objects.
var sliceMethods = []method{
	{"indices", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("indices", args, kw, 1, 1); err != nil {
			return nil, err
		}
		exc := &th.rt.types.exc
		v, big, ok := intValue(args[1])
		if !ok {
			return nil, th.Raisef(exc.TypeError, "'%s' object cannot be interpreted as an integer", args[1].Type().name)
		}
		if big != nil {
			return nil, th.Raise(exc.OverflowError, "Python int too large to convert to C ssize_t")
		}
		if v < 0 {
			return nil, th.Raise(exc.ValueError, "length should not be negative")
		}
		b, err := th.unpackSlice(self[*Slice](args))
		if err != nil {
			return nil, err
		}
		b.adjust(v)
		return th.NewTuple([]Object{th.NewInt(b.start), th.NewInt(b.stop), th.NewInt(b.step)}), nil
	}},
}

// getItemSlice is o[s] for the built-in sequences; handled is false for
// any other o, whose own __getitem__ (or a dict lookup) gets the slice.
func (th *Thread) getItemSlice(o Object, s *Slice) (r Object, handled bool, err error) {
	switch o.(type) {
	case *List, *Tuple, *Str, *Range, *Bytes:
	default:
		return nil, false, nil
	}
	b, err := th.unpackSlice(s)
	if err != nil {
		return nil, true, err
	}
	r, err = th.sliceSeq(o, b)
	return r, true, err
}

// plainSlice is o[start:stop] for a tuple, str or range (None or nil for
// an open end), as BINARY_SLICE does it.
func (th *Thread) plainSlice(o, start, stop Object) (Object, error) {
	si, err := th.sliceIndexOf(start)
	if err != nil {
		return nil, err
	}
	ei, err := th.sliceIndexOf(stop)
	if err != nil {
		return nil, err
	}
	b := sliceBounds{start: si.v, stop: ei.v, step: 1}
	if si.none {
		b.start = 0
	}
	if ei.none {
		b.stop = math.MaxInt64
	}
	return th.sliceSeq(o, b)
}

// sliceSeq is o[b] for a list, tuple, str, range, bytes or bytearray, b
// not yet adjusted.
// A tuple or str sliced whole is itself, as in CPython.
func (th *Thread) sliceSeq(o Object, b sliceBounds) (Object, error) {
	switch x := o.(type) {
	case *List:
		th.beginCS(x)
		n := b.adjust(int64(len(x.items)))
		items := make([]Object, n)
		for i := range items {
			items[i] = th.newRef(x.items[b.start+int64(i)*b.step])
		}
		th.endCS()
		return th.NewList(items), nil
	case *Tuple:
		n := b.adjust(int64(len(x.items)))
		if b.step == 1 && n == int64(len(x.items)) {
			return th.exactCopy(x), nil
		}
		items := make([]Object, n)
		for i := range items {
			items[i] = th.newRef(x.items[b.start+int64(i)*b.step])
		}
		return th.NewTuple(items), nil
	case *Str:
		length := int64(x.length())
		n := b.adjust(length)
		if b.step == 1 && n == length {
			return th.exactCopy(x), nil
		}
		if n == 0 {
			return th.rt.emptyStr, nil
		}
		if b.step == 1 {
			return x.slice(th, int(b.start), int(b.start+n), 1), nil
		}
		runes := x.runes()
		out := make([]rune, n)
		for i := range out {
			out[i] = runes[b.start+int64(i)*b.step]
		}
		return th.NewStr(string(out)), nil
	case *Range:
		return th.rangeSlice(x, b)
	case *Bytes:
		if x.mutable {
			th.beginCS(x)
		}
		n := b.adjust(int64(len(x.b)))
		whole := b.step == 1 && n == int64(len(x.b))
		out := make([]byte, n)
		for i := range out {
			out[i] = x.b[b.start+int64(i)*b.step]
		}
		if x.mutable {
			th.endCS()
			return th.NewBytearray(out), nil
		}
		if whole {
			return th.newRef(x), nil
		}
		return th.NewBytes(out), nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "'%s' object is not subscriptable", o.Type().name)
}

// rangeSlice is range[s]: another range (CPython's compute_slice).
func (th *Thread) rangeSlice(r *Range, b sliceBounds) (Object, error) {
	n := r.length()
	if n > math.MaxInt64 {
		return nil, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C ssize_t")
	}
	b.adjust(int64(n))
	// start + i*step for the clamped indices, in big ints: the results
	// may leave int64 although the range's items do not.
	at := func(i int64) *big.Int {
		z := big.NewInt(r.step)
		z.Mul(z, big.NewInt(i))
		return z.Add(z, big.NewInt(r.start))
	}
	step := new(big.Int).Mul(big.NewInt(r.step), big.NewInt(b.step))
	start, stop := at(b.start), at(b.stop)
	if !start.IsInt64() || !stop.IsInt64() || !step.IsInt64() {
		return nil, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C int64 (rwgil ranges are int64)")
	}
	o := &Range{start: start.Int64(), stop: stop.Int64(), step: step.Int64()}
	o.typ = th.rt.types.range_
	th.track(o)
	return o, nil
}

// setItemSlice is o[s] = value (value nil: del o[s]) for lists; handled
// is false for any other o. A step of 1 is slice assignment (any length,
// atomic as L1[i:j] = L2 is); another step replaces exactly the items
// selected, from an iterable of as many.
func (th *Thread) setItemSlice(o Object, s *Slice, value Object) (handled bool, err error) {
	if ba, ok := o.(*Bytes); ok && ba.mutable {
		return true, th.bytearrayAssignSlice(ba, s, value)
	}
	l, ok := o.(*List)
	if !ok {
		return false, nil
	}
	exc := &th.rt.types.exc
	b, err := th.unpackSlice(s)
	if err != nil {
		return true, err
	}
	if b.step == 1 {
		if value == nil {
			value = th.rt.emptyTuple
		}
		return true, th.listSetSlice(l, sliceIndex{v: b.start}, sliceIndex{v: b.stop}, value)
	}
	if value == nil {
		th.beginCS(l)
		n := b.adjust(int64(len(l.items)))
		if b.step < 0 {
			// Delete from the low end up.
			b.start, b.step = b.start+(n-1)*b.step, -b.step
		}
		removed := make([]Object, 0, n)
		kept := l.items[:0:0]
		next := b.start
		for i, it := range l.items {
			if int64(len(removed)) < n && int64(i) == next {
				removed = append(removed, it)
				next += b.step
				continue
			}
			kept = append(kept, it)
		}
		l.items = kept
		th.endCS()
		th.decrefAll(removed)
		return true, nil
	}
	var items []Object
	switch v := value.(type) {
	case *List:
		items = th.listSnapshot(v)
	case *Tuple:
		items = make([]Object, len(v.items))
		for i, it := range v.items {
			items[i] = th.newRef(it)
		}
	default:
		if !th.iterable(value) {
			return true, th.Raise(exc.TypeError, "must assign iterable to extended slice")
		}
		if items, err = th.collect(value); err != nil {
			return true, err
		}
	}
	th.beginCS(l)
	n := b.adjust(int64(len(l.items)))
	if int64(len(items)) != n {
		th.endCS()
		th.decrefAll(items)
		return true, th.Raisef(exc.ValueError, "attempt to assign sequence of size %d to extended slice of size %d", len(items), n)
	}
	old := make([]Object, n)
	for i := range items {
		j := b.start + int64(i)*b.step
		old[i], l.items[j] = l.items[j], items[i]
	}
	th.endCS()
	th.decrefAll(old)
	return true, nil
}
