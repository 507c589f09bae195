package stdlib

import (
	"math"

	"github.com/rwgil/rwgil/core"
)

// The itertools module: count, repeat, cycle, chain (and
// chain.from_iterable), islice, product, permutations, combinations,
// combinations_with_replacement, accumulate, groupby, zip_longest,
// starmap, takewhile, dropwhile, filterfalse, compress, tee, pairwise and
// batched, with CPython's names, arguments, errors and order of results.
//
// Each is a class of its own (isinstance(it, itertools.chain) holds)
// whose instances are Go iterators (core.NewIterator): their next
// function runs in a critical section on the iterator, suspended while
// it calls into Python code (an underlying iterator's __next__, a key
// function), as CPython 3.13t's itertools do. Threads sharing one
// iterator never see its Go state half-updated; which thread gets which
// item is up to the scheduler, as in CPython.

func init() { add("itertools", loadItertools) }

// itState holds the references an iterator's next function keeps in
// changing state (a cycle's saved items, groupby's current key), dropped
// when the iterator is deallocated.
type itState struct {
	objs []core.Object
}

func (s *itState) release(drop func(core.Object)) {
	for _, o := range s.objs {
		if o != nil {
			drop(o)
		}
	}
	s.objs = nil
}

// set replaces the i-th held reference with o (a new reference, or nil),
// returning the old one for the caller to drop.
func (s *itState) set(i int, o core.Object) core.Object {
	old := s.objs[i]
	s.objs[i] = o
	return old
}

type itDef struct {
	name string
	new  func(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error)
}

func loadItertools(th *core.Thread, name string) (*core.Module, error) {
	m := th.NewModule(name)
	defs := []itDef{
		{"count", itCount}, {"repeat", itRepeat}, {"cycle", itCycle}, {"chain", itChain},
		{"islice", itIslice}, {"product", itProduct}, {"permutations", itPermutations},
		{"combinations", itCombinations(false)}, {"combinations_with_replacement", itCombinations(true)},
		{"accumulate", itAccumulate}, {"groupby", itGroupby}, {"zip_longest", itZipLongest},
		{"starmap", itStarmap}, {"takewhile", itWhile(true)}, {"dropwhile", itWhile(false)},
		{"filterfalse", itFilterfalse}, {"compress", itCompress}, {"pairwise", itPairwise}, {"batched", itBatched},
	}
	for _, d := range defs {
		d := d
		var ns map[string]core.Object
		if d.name == "chain" {
			b := th.NewBuiltin("from_iterable", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("chain.from_iterable", args[min(1, len(args)):], kw, 1, 1); err != nil {
					return nil, err
				}
				src, err := th.Iter(args[1])
				if err != nil {
					return nil, err
				}
				return chainOf(th, args[0].(*core.Type), src), nil
			})
			cm := th.NewClassMethod(b)
			th.Decref(b)
			defer th.Decref(cm)
			ns = map[string]core.Object{"from_iterable": cm}
		}
		t, err := th.NewIteratorType(d.name, name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			cls, ok := args[0].(*core.Type)
			if !ok {
				return nil, typeError(th, "%s.__new__(X): X is not a type object", d.name)
			}
			return d.new(th, cls, args[1:], kw)
		}, ns)
		if err != nil {
			th.Decref(m)
			return nil, err
		}
		err = th.DictSetStr(m.Dict(), d.name, t)
		th.Decref(t)
		if err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	if err := addFuncs(th, m, []goMethod{{"tee", itTee}}); err != nil {
		th.Decref(m)
		return nil, err
	}
	return m, nil
}

func itCount(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "count", names: []string{"start", "step"}, npos: 2}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	start, step := a[0], a[1]
	if start == nil {
		start = th.NewInt(0)
	} else {
		th.Incref(start)
	}
	if step == nil {
		step = th.NewInt(1)
	} else {
		th.Incref(step)
	}
	for _, o := range []core.Object{start, step} {
		if !isNumber(o) {
			th.Decref(start)
			th.Decref(step)
			return nil, typeError(th, "a number is required")
		}
	}
	st := &itState{objs: []core.Object{start, step}}
	return th.NewIterator(cls, nil, st.release, func(th *core.Thread) (core.Object, bool, error) {
		cur := st.objs[0]
		nxt, err := th.BinaryOp(core.OpAdd, cur, st.objs[1])
		if err != nil {
			return nil, false, err
		}
		st.objs[0] = nxt
		return cur, true, nil
	}, func(th *core.Thread) (string, error) {
		r, err := th.Repr(st.objs[0])
		if err != nil {
			return "", err
		}
		if v, ok := st.objs[1].(*core.Int); ok {
			if n, small := v.Int64(); small && n == 1 {
				return "count(" + r + ")", nil
			}
		}
		s, err := th.Repr(st.objs[1])
		return "count(" + r + ", " + s + ")", err
	}), nil
}

func isNumber(o core.Object) bool {
	switch o.(type) {
	case *core.Int, *core.Bool, *core.Float:
		return true
	case *core.Instance:
		return true // a class may define __add__
	}
	return false
}

func itRepeat(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "repeat", names: []string{"object", "times"}, npos: 2, required: 1}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	times := int64(-1)
	if a[1] != nil {
		if times, err = th.IntArg("repeat", a[1]); err != nil {
			return nil, err
		}
		times = max(times, 0)
	}
	obj := a[0]
	th.Incref(obj)
	return th.NewIterator(cls, []core.Object{obj}, nil, func(th *core.Thread) (core.Object, bool, error) {
		if times == 0 {
			return nil, false, nil
		}
		if times > 0 {
			times--
		}
		th.Incref(obj)
		return obj, true, nil
	}, func(th *core.Thread) (string, error) {
		r, err := th.Repr(obj)
		if times < 0 || err != nil {
			return "repeat(" + r + ")", err
		}
		return "repeat(" + r + ", " + itoa64(times) + ")", nil
	}), nil
}

func itoa64(n int64) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

func itCycle(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("cycle", args, kw, 1, 1); err != nil {
		return nil, err
	}
	src, err := th.Iter(args[0])
	if err != nil {
		return nil, err
	}
	st := &itState{}
	i, exhausted := 0, false
	return th.NewIterator(cls, []core.Object{src}, st.release, func(th *core.Thread) (core.Object, bool, error) {
		if !exhausted {
			x, ok, err := th.Next(src)
			if err != nil {
				return nil, false, err
			}
			if ok {
				th.Incref(x)
				st.objs = append(st.objs, x)
				return x, true, nil
			}
			exhausted = true
		}
		if len(st.objs) == 0 {
			return nil, false, nil
		}
		x := st.objs[i%len(st.objs)]
		i++
		th.Incref(x)
		return x, true, nil
	}, nil), nil
}

func itChain(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := noKwargs(th, "chain", kw); err != nil {
		return nil, err
	}
	items := make([]core.Object, len(args))
	for i, a := range args {
		th.Incref(a)
		items[i] = a
	}
	l := th.NewList(items)
	src, err := th.Iter(l)
	th.Decref(l)
	if err != nil {
		return nil, err
	}
	return chainOf(th, cls, src), nil
}

// chainOf chains the iterables that src (an iterator, taken over) yields.
func chainOf(th *core.Thread, cls *core.Type, src core.Object) core.Object {
	st := &itState{objs: []core.Object{nil}}
	return th.NewIterator(cls, []core.Object{src}, st.release, func(th *core.Thread) (core.Object, bool, error) {
		for {
			if cur := st.objs[0]; cur != nil {
				x, ok, err := th.Next(cur)
				if err != nil || ok {
					return x, ok, err
				}
				th.Decref(st.set(0, nil))
			}
			next, ok, err := th.Next(src)
			if err != nil || !ok {
				return nil, false, err
			}
			it, err := th.Iter(next)
			th.Decref(next)
			if err != nil {
				return nil, false, err
			}
			st.objs[0] = it
		}
	}, nil)
}

// sliceIndex reads an islice argument: None (-1) or 0 <= x <= maxsize.
func sliceArg(th *core.Thread, o core.Object, msg string) (int64, error) {
	if isNone(th, o) {
		return -1, nil
	}
	i, err := th.Index(o)
	if err != nil {
		if core.IsExceptionNamed(err, "TypeError") {
			th.Discard(err)
			return 0, th.Raise(th.RaiseType("ValueError"), msg)
		}
		return 0, err
	}
	defer th.Decref(i)
	v, err := th.IntArg("islice", i)
	if err != nil {
		th.Discard(err)
		return 0, th.Raise(th.RaiseType("ValueError"), msg)
	}
	if v < 0 {
		return 0, th.Raise(th.RaiseType("ValueError"), msg)
	}
	return v, nil
}

func itIslice(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := noKwargs(th, "islice", kw); err != nil {
		return nil, err
	}
	if len(args) < 2 || len(args) > 4 {
		if len(args) < 2 {
			return nil, typeError(th, "islice expected at least 2 arguments, got %d", len(args))
		}
		return nil, typeError(th, "islice expected at most 4 arguments, got %d", len(args))
	}
	start, step := int64(0), int64(1)
	var stop int64
	var err error
	if len(args) == 2 {
		if stop, err = sliceArg(th, args[1], "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."); err != nil {
			return nil, err
		}
	} else {
		const msg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
		if start, err = sliceArg(th, args[1], msg); err != nil {
			return nil, err
		}
		if start < 0 {
			start = 0
		}
		if stop, err = sliceArg(th, args[2], msg); err != nil {
			return nil, err
		}
		if len(args) == 4 {
			if step, err = sliceArg(th, args[3], "Step for islice() must be a positive integer or None."); err != nil {
				return nil, err
			}
			if step == 0 {
				return nil, th.Raise(th.RaiseType("ValueError"), "Step for islice() must be a positive integer or None.")
			}
			if step < 0 {
				step = 1
			}
		}
	}
	src, err := th.Iter(args[0])
	if err != nil {
		return nil, err
	}
	pos, next := int64(0), start
	return th.NewIterator(cls, []core.Object{src}, nil, func(th *core.Thread) (core.Object, bool, error) {
		if stop >= 0 && next >= stop {
			return nil, false, nil
		}
		for pos < next {
			x, ok, err := th.Next(src)
			if err != nil || !ok {
				return nil, false, err
			}
			th.Decref(x)
			pos++
		}
		x, ok, err := th.Next(src)
		if err != nil || !ok {
			return nil, false, err
		}
		pos++
		if next > math.MaxInt64-step {
			next = math.MaxInt64
		} else {
			next += step
		}
		return x, true, nil
	}, nil), nil
}

// poolOf collects an iterable into a tuple's items (new references).
func poolOf(th *core.Thread, iterable core.Object) ([]core.Object, error) {
	return collectItems(th, iterable)
}

// indexIterator makes an iterator that yields tuples of pool items picked
// by the index vectors advance produces (CPython's algorithms for
// product, permutations and combinations).
func indexIterator(th *core.Thread, cls *core.Type, pools [][]core.Object, first func() []int, advance func(idx []int) bool, pick func(idx []int) []core.Object) core.Object {
	var holds []core.Object
	for _, p := range pools {
		holds = append(holds, p...)
	}
	var idx []int
	started, done := false, false
	return th.NewIterator(cls, holds, nil, func(th *core.Thread) (core.Object, bool, error) {
		if done {
			return nil, false, nil
		}
		if !started {
			started = true
			idx = first()
			if idx == nil {
				done = true
				return nil, false, nil
			}
		} else if !advance(idx) {
			done = true
			return nil, false, nil
		}
		items := pick(idx)
		for _, o := range items {
			th.Incref(o)
		}
		return th.NewTuple(items), true, nil
	}, nil)
}

func itProduct(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	repeat := int64(1)
	for k, v := range kw {
		if k != "repeat" {
			return nil, typeError(th, "product() got an unexpected keyword argument '%s'", k)
		}
		var err error
		if repeat, err = th.IntArg("product", v); err != nil {
			return nil, err
		}
		if repeat < 0 {
			return nil, th.Raise(th.RaiseType("ValueError"), "repeat argument cannot be negative")
		}
	}
	var base [][]core.Object
	for _, a := range args {
		p, err := poolOf(th, a)
		if err != nil {
			for _, b := range base {
				dropAll(th, b)
			}
			return nil, err
		}
		base = append(base, p)
	}
	var pools [][]core.Object
	for r := int64(0); r < repeat; r++ {
		for _, p := range base {
			if r > 0 {
				for _, o := range p {
					th.Incref(o)
				}
			}
			pools = append(pools, p)
		}
	}
	if repeat == 0 {
		for _, b := range base {
			dropAll(th, b)
		}
	}
	n := len(pools)
	return indexIterator(th, cls, pools, func() []int {
		for _, p := range pools {
			if len(p) == 0 {
				return nil
			}
		}
		return make([]int, n)
	}, func(idx []int) bool {
		for i := n - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(pools[i]) {
				return true
			}
			idx[i] = 0
		}
		return false
	}, func(idx []int) []core.Object {
		out := make([]core.Object, n)
		for i, j := range idx {
			out[i] = pools[i][j]
		}
		return out
	}), nil
}

// rArg reads the r argument of permutations and combinations.
func rArg(th *core.Thread, o core.Object, fname string, dflt int) (int, error) {
	if isNone(th, o) {
		return dflt, nil
	}
	v, err := th.IntArg(fname, o)
	if err != nil {
		return 0, err
	}
	if v < 0 {
		return 0, th.Raise(th.RaiseType("ValueError"), "r must be non-negative")
	}
	return int(min(v, math.MaxInt32)), nil
}

func itPermutations(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "permutations", names: []string{"iterable", "r"}, npos: 2, required: 1}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	pool, err := poolOf(th, a[0])
	if err != nil {
		return nil, err
	}
	n := len(pool)
	r, err := rArg(th, a[1], "permutations", n)
	if err != nil {
		dropAll(th, pool)
		return nil, err
	}
	// CPython's algorithm: indices and cycles.
	var cycles []int
	return indexIterator(th, cls, [][]core.Object{pool}, func() []int {
		if r > n {
			return nil
		}
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		cycles = make([]int, r)
		for i := range cycles {
			cycles[i] = n - i
		}
		return idx
	}, func(idx []int) bool {
		for i := r - 1; i >= 0; i-- {
			cycles[i]--
			if cycles[i] == 0 {
				first := idx[i]
				copy(idx[i:], idx[i+1:])
				idx[n-1] = first
				cycles[i] = n - i
			} else {
				j := cycles[i]
				idx[i], idx[n-j] = idx[n-j], idx[i]
				return true
			}
		}
		return false
	}, func(idx []int) []core.Object {
		out := make([]core.Object, r)
		for i := 0; i < r; i++ {
			out[i] = pool[idx[i]]
		}
		return out
	}), nil
}

func itCombinations(replace bool) func(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	name := "combinations"
	if replace {
		name = "combinations_with_replacement"
	}
	return func(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		sig := &signature{name: name, names: []string{"iterable", "r"}, npos: 2, required: 2}
		a, err := sig.bind(th, args, kw)
		if err != nil {
			return nil, err
		}
		pool, err := poolOf(th, a[0])
		if err != nil {
			return nil, err
		}
		n := len(pool)
		r, err := rArg(th, a[1], name, 0)
		if err != nil {
			dropAll(th, pool)
			return nil, err
		}
		return indexIterator(th, cls, [][]core.Object{pool}, func() []int {
			if (!replace && r > n) || (replace && n == 0 && r > 0) {
				return nil
			}
			idx := make([]int, r)
			if !replace {
				for i := range idx {
					idx[i] = i
				}
			}
			return idx
		}, func(idx []int) bool {
			i := r - 1
			if replace {
				for ; i >= 0 && idx[i] == n-1; i-- {
				}
				if i < 0 {
					return false
				}
				v := idx[i] + 1
				for j := i; j < r; j++ {
					idx[j] = v
				}
				return true
			}
			for ; i >= 0 && idx[i] == i+n-r; i-- {
			}
			if i < 0 {
				return false
			}
			idx[i]++
			for j := i + 1; j < r; j++ {
				idx[j] = idx[j-1] + 1
			}
			return true
		}, func(idx []int) []core.Object {
			out := make([]core.Object, r)
			for i, j := range idx {
				out[i] = pool[j]
			}
			return out
		}), nil
	}
}

func itAccumulate(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "accumulate", names: []string{"iterable", "func", "initial"}, npos: 2, required: 1}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	src, err := th.Iter(a[0])
	if err != nil {
		return nil, err
	}
	holds := []core.Object{src}
	fn := a[1]
	if isNone(th, fn) {
		fn = nil
	} else {
		th.Incref(fn)
		holds = append(holds, fn)
	}
	st := &itState{objs: []core.Object{nil}}
	pendingInitial := false
	if !isNone(th, a[2]) {
		th.Incref(a[2])
		st.objs[0] = a[2]
		pendingInitial = true
	}
	return th.NewIterator(cls, holds, st.release, func(th *core.Thread) (core.Object, bool, error) {
		if pendingInitial {
			pendingInitial = false
			th.Incref(st.objs[0])
			return st.objs[0], true, nil
		}
		x, ok, err := th.Next(src)
		if err != nil || !ok {
			return nil, false, err
		}
		total := st.objs[0]
		if total == nil {
			st.objs[0] = x
			th.Incref(x)
			return x, true, nil
		}
		var r core.Object
		if fn == nil {
			r, err = th.BinaryOp(core.OpAdd, total, x)
		} else {
			r, err = th.Call(fn, []core.Object{total, x}, nil)
		}
		th.Decref(x)
		if err != nil {
			return nil, false, err
		}
		th.Decref(st.set(0, r))
		th.Incref(r)
		return r, true, nil
	}, nil), nil
}

// groupState is what a groupby and its groupers share.
type groupState struct {
	itState // objs: current key, current value, target key
	src     core.Object
	keyfn   core.Object
	group   int // the current group's number; a grouper of another stops
	done    bool
}

func itGroupby(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "groupby", names: []string{"iterable", "key"}, npos: 2, required: 1}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	src, err := th.Iter(a[0])
	if err != nil {
		return nil, err
	}
	gs := &groupState{itState: itState{objs: []core.Object{nil, nil, nil}}, src: src}
	holds := []core.Object{src}
	if !isNone(th, a[1]) {
		th.Incref(a[1])
		gs.keyfn = a[1]
		holds = append(holds, a[1])
	}
	grouperType, err := iterType(th, "itertools", "_grouper")
	if err != nil {
		th.Decref(src)
		return nil, err
	}
	// step reads the next value and its key into objs[1], objs[0].
	step := func(th *core.Thread) (bool, error) {
		x, ok, err := th.Next(gs.src)
		if err != nil || !ok {
			gs.done = !ok && err == nil
			return false, err
		}
		k := x
		if gs.keyfn != nil {
			if k, err = th.Call(gs.keyfn, []core.Object{x}, nil); err != nil {
				th.Decref(x)
				return false, err
			}
		} else {
			th.Incref(k)
		}
		th.XDecref(gs.set(0, k))
		th.XDecref(gs.set(1, x))
		return true, nil
	}
	sameKey := func(th *core.Thread) (bool, error) {
		return th.CompareBool(gs.objs[2], gs.objs[0], core.CmpEq)
	}
	var self core.Object
	self = th.NewIterator(cls, holds, gs.release, func(th *core.Thread) (core.Object, bool, error) {
		gs.group++
		for {
			if gs.objs[0] == nil {
				ok, err := step(th)
				if err != nil || !ok {
					return nil, false, err
				}
			}
			if gs.objs[2] == nil {
				break
			}
			same, err := sameKey(th)
			if err != nil {
				return nil, false, err
			}
			if !same {
				break
			}
			ok, err := step(th)
			if err != nil || !ok {
				return nil, false, err
			}
		}
		th.Incref(gs.objs[0])
		th.XDecref(gs.set(2, gs.objs[0]))
		group := gs.group
		th.Incref(self)
		grouper := th.NewIterator(grouperType, []core.Object{self}, nil, func(th *core.Thread) (core.Object, bool, error) {
			if gs.group != group || gs.done {
				return nil, false, nil
			}
			if gs.objs[0] == nil {
				ok, err := step(th)
				if err != nil || !ok {
					return nil, false, err
				}
			}
			same, err := sameKey(th)
			if err != nil || !same {
				return nil, false, err
			}
			v := gs.objs[1]
			th.Incref(v)
			th.XDecref(gs.set(0, nil))
			return v, true, nil
		}, nil)
		th.Incref(gs.objs[2])
		return th.NewTuple([]core.Object{gs.objs[2], grouper}), true, nil
	}, nil)
	return self, nil
}

func itZipLongest(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	fill := th.Runtime().None
	for k, v := range kw {
		if k != "fillvalue" {
			return nil, typeError(th, "zip_longest() got an unexpected keyword argument '%s'", k)
		}
		fill = v
	}
	th.Incref(fill)
	holds := []core.Object{fill}
	its := make([]core.Object, len(args))
	for i, a := range args {
		it, err := th.Iter(a)
		if err != nil {
			dropAll(th, holds)
			dropAll(th, its[:i])
			return nil, err
		}
		its[i] = it
	}
	holds = append(holds, its...)
	active := len(its)
	live := make([]bool, len(its))
	for i := range live {
		live[i] = true
	}
	return th.NewIterator(cls, holds, nil, func(th *core.Thread) (core.Object, bool, error) {
		if active == 0 {
			return nil, false, nil
		}
		out := make([]core.Object, len(its))
		for i, it := range its {
			if live[i] {
				x, ok, err := th.Next(it)
				if err != nil {
					dropAll(th, out)
					return nil, false, err
				}
				if ok {
					out[i] = x
					continue
				}
				live[i] = false
				active--
				if active == 0 {
					dropAll(th, out)
					return nil, false, nil
				}
			}
			th.Incref(fill)
			out[i] = fill
		}
		return th.NewTuple(out), true, nil
	}, nil), nil
}

func itStarmap(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("starmap", args, kw, 2, 2); err != nil {
		return nil, err
	}
	src, err := th.Iter(args[1])
	if err != nil {
		return nil, err
	}
	fn := args[0]
	th.Incref(fn)
	return th.NewIterator(cls, []core.Object{fn, src}, nil, func(th *core.Thread) (core.Object, bool, error) {
		x, ok, err := th.Next(src)
		if err != nil || !ok {
			return nil, false, err
		}
		items, err := collectItems(th, x)
		th.Decref(x)
		if err != nil {
			return nil, false, err
		}
		r, err := th.Call(fn, items, nil)
		dropAll(th, items)
		return r, err == nil, err
	}, nil), nil
}

// predicate calls pred(x), or takes x's truth when pred is None.
func predicate(th *core.Thread, pred, x core.Object) (bool, error) {
	if isNone(th, pred) {
		return th.Truth(x)
	}
	r, err := th.Call(pred, []core.Object{x}, nil)
	if err != nil {
		return false, err
	}
	defer th.Decref(r)
	return th.Truth(r)
}

func itWhile(take bool) func(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	name := "takewhile"
	if !take {
		name = "dropwhile"
	}
	return func(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
		if err := th.CheckArgs(name, args, kw, 2, 2); err != nil {
			return nil, err
		}
		src, err := th.Iter(args[1])
		if err != nil {
			return nil, err
		}
		pred := args[0]
		th.Incref(pred)
		stopped := false
		return th.NewIterator(cls, []core.Object{pred, src}, nil, func(th *core.Thread) (core.Object, bool, error) {
			for {
				if take && stopped {
					return nil, false, nil
				}
				x, ok, err := th.Next(src)
				if err != nil || !ok {
					return nil, false, err
				}
				if !take && stopped {
					return x, true, nil
				}
				t, err := predicate(th, pred, x)
				if err != nil {
					th.Decref(x)
					return nil, false, err
				}
				if take {
					if t {
						return x, true, nil
					}
					stopped = true
					th.Decref(x)
					return nil, false, nil
				}
				if !t {
					stopped = true
					return x, true, nil
				}
				th.Decref(x)
			}
		}, nil), nil
	}
}

func itFilterfalse(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("filterfalse", args, kw, 2, 2); err != nil {
		return nil, err
	}
	src, err := th.Iter(args[1])
	if err != nil {
		return nil, err
	}
	pred := args[0]
	th.Incref(pred)
	return th.NewIterator(cls, []core.Object{pred, src}, nil, func(th *core.Thread) (core.Object, bool, error) {
		for {
			x, ok, err := th.Next(src)
			if err != nil || !ok {
				return nil, false, err
			}
			t, err := predicate(th, pred, x)
			if err != nil {
				th.Decref(x)
				return nil, false, err
			}
			if !t {
				return x, true, nil
			}
			th.Decref(x)
		}
	}, nil), nil
}

func itCompress(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "compress", names: []string{"data", "selectors"}, npos: 2, required: 2}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	data, err := th.Iter(a[0])
	if err != nil {
		return nil, err
	}
	sel, err := th.Iter(a[1])
	if err != nil {
		th.Decref(data)
		return nil, err
	}
	return th.NewIterator(cls, []core.Object{data, sel}, nil, func(th *core.Thread) (core.Object, bool, error) {
		for {
			x, ok, err := th.Next(data)
			if err != nil || !ok {
				return nil, false, err
			}
			s, ok, err := th.Next(sel)
			if err != nil || !ok {
				th.Decref(x)
				return nil, false, err
			}
			t, err := th.Truth(s)
			th.Decref(s)
			if err != nil {
				th.Decref(x)
				return nil, false, err
			}
			if t {
				return x, true, nil
			}
			th.Decref(x)
		}
	}, nil), nil
}

func itPairwise(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("pairwise", args, kw, 1, 1); err != nil {
		return nil, err
	}
	src, err := th.Iter(args[0])
	if err != nil {
		return nil, err
	}
	st := &itState{objs: []core.Object{nil}}
	return th.NewIterator(cls, []core.Object{src}, st.release, func(th *core.Thread) (core.Object, bool, error) {
		if st.objs[0] == nil {
			x, ok, err := th.Next(src)
			if err != nil || !ok {
				return nil, false, err
			}
			st.objs[0] = x
		}
		y, ok, err := th.Next(src)
		if err != nil || !ok {
			return nil, false, err
		}
		x := st.set(0, y)
		th.Incref(y)
		return th.NewTuple([]core.Object{x, y}), true, nil
	}, nil), nil
}

func itBatched(th *core.Thread, cls *core.Type, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "batched", names: []string{"iterable", "n"}, npos: 2, required: 2}
	a, err := sig.bind(th, args, kw)
	if err != nil {
		return nil, err
	}
	n, err := th.IntArg("batched", a[1])
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, th.Raise(th.RaiseType("ValueError"), "n must be at least one")
	}
	src, err := th.Iter(a[0])
	if err != nil {
		return nil, err
	}
	return th.NewIterator(cls, []core.Object{src}, nil, func(th *core.Thread) (core.Object, bool, error) {
		var out []core.Object
		for int64(len(out)) < n {
			x, ok, err := th.Next(src)
			if err != nil {
				dropAll(th, out)
				return nil, false, err
			}
			if !ok {
				break
			}
			out = append(out, x)
		}
		if len(out) == 0 {
			return nil, false, nil
		}
		return th.NewTuple(out), true, nil
	}, nil), nil
}

// teeBuffer is what the iterators of one tee share: the items read from
// the source so far that some iterator has not yet passed.
type teeBuffer struct {
	itState // objs: the items, from base on
	src     core.Object
	base    int   // index of objs[0] in the source's sequence
	pos     []int // each iterator's next index
}

func itTee(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := noKwargs(th, "tee", kw); err != nil {
		return nil, err
	}
	if len(args) < 1 || len(args) > 2 {
		return nil, typeError(th, "tee expected at most 2 arguments, got %d", len(args))
	}
	n := int64(2)
	if len(args) == 2 {
		var err error
		if n, err = th.IntArg("tee", args[1]); err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, th.Raise(th.RaiseType("ValueError"), "n must be >= 0")
		}
	}
	src, err := th.Iter(args[0])
	if err != nil {
		return nil, err
	}
	defer th.Decref(src)
	t, err := iterType(th, "itertools", "_tee")
	if err != nil {
		return nil, err
	}
	buf := &teeBuffer{src: src, pos: make([]int, n)}
	th.Incref(src)
	// The source and the buffer are released with the last iterator.
	alive := int(n)
	out := make([]core.Object, n)
	for i := range out {
		i := i
		out[i] = th.NewIterator(t, nil, func(drop func(core.Object)) {
			alive--
			if alive == 0 {
				buf.release(drop)
				drop(buf.src)
			}
		}, func(th *core.Thread) (core.Object, bool, error) {
			k := buf.pos[i] - buf.base
			if k == len(buf.objs) {
				x, ok, err := th.Next(buf.src)
				if err != nil || !ok {
					return nil, false, err
				}
				buf.objs = append(buf.objs, x)
			}
			x := buf.objs[buf.pos[i]-buf.base]
			th.Incref(x)
			buf.pos[i]++
			// Drop what every iterator has passed.
			least := buf.pos[0]
			for _, p := range buf.pos {
				least = min(least, p)
			}
			for buf.base < least {
				th.Decref(buf.objs[0])
				buf.objs = buf.objs[1:]
				buf.base++
			}
			return x, true, nil
		}, nil)
	}
	if n == 0 {
		th.Decref(src)
	}
	return th.NewTuple(out), nil
}
