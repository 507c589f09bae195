package stdlib

import (
	"strings"

	"github.com/rwgil/rwgil/core"
)

// The functools module: partial (with CPython's repr), reduce, wraps and
// update_wrapper, lru_cache (maxsize, typed, cache_info, cache_clear)
// and cache, cmp_to_key and total_ordering.
//
// An lru_cache wrapper keeps its cache in a dict and its counters in Go,
// read and changed only inside a critical section on the wrapper, so
// that threads sharing a cached function never corrupt it or its
// counts; as in CPython, the function itself is called outside that
// section, so two threads missing on one key at once may both call it
// (the second result is the one kept).

func init() { add("functools", loadFunctools) }

var wrapperAssignments = []string{"__module__", "__name__", "__qualname__", "__doc__"}

func loadFunctools(th *core.Thread, name string) (*core.Module, error) {
	m := th.NewModule(name)
	fail := func(err error) (*core.Module, error) {
		th.Decref(m)
		return nil, err
	}
	partialCls, err := addClass(th, m, partialClass())
	if err != nil {
		return fail(err)
	}
	cacheCls, err := addClass(th, m, lruWrapperClass())
	if err != nil {
		return fail(err)
	}
	keyCls, err := addClass(th, m, keyWrapperClass())
	if err != nil {
		return fail(err)
	}
	// CacheInfo is a namedtuple, as in CPython.
	nt, err := th.Import("collections")
	if err != nil {
		return fail(err)
	}
	ntf, err := th.GetAttr(nt, "namedtuple")
	th.Decref(nt)
	if err != nil {
		return fail(err)
	}
	ntArgs := []core.Object{th.NewStr("CacheInfo"), th.NewStr("hits misses maxsize currsize"), th.NewStr("functools")}
	ci, err := th.Call(ntf, ntArgs[:2], map[string]core.Object{"module": ntArgs[2]})
	dropAll(th, ntArgs)
	th.Decref(ntf)
	if err != nil {
		return fail(err)
	}
	err = th.DictSetStr(m.Dict(), "_CacheInfo", ci)
	cacheInfo := ci.(*core.Type)
	th.Decref(ci)
	if err != nil {
		return fail(err)
	}
	lru := func(th *core.Thread, fn core.Object, maxsize int64, typed bool) (core.Object, error) {
		ok, err := callable(th, fn)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, typeError(th, "the first argument must be callable")
		}
		th.Incref(fn)
		w := &lruCache{fn: fn, cache: th.NewDict(), maxsize: maxsize, typed: typed, info: cacheInfo}
		o, err := th.NewNativeInstance(cacheCls, w)
		if err != nil {
			return nil, err
		}
		if err := updateWrapper(th, o, fn); err != nil {
			th.Decref(o)
			return nil, err
		}
		return o, nil
	}
	err = addFuncs(th, m, []goMethod{
		{"reduce", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := noKwargs(th, "reduce", kw); err != nil {
				return nil, err
			}
			if len(args) < 2 || len(args) > 3 {
				return nil, typeError(th, "reduce expected at least 2 arguments, got %d", len(args))
			}
			it, err := th.Iter(args[1])
			if err != nil {
				if core.IsExceptionNamed(err, "TypeError") {
					th.Discard(err)
					return nil, typeError(th, "reduce() arg 2 must support iteration")
				}
				return nil, err
			}
			defer th.Decref(it)
			var acc core.Object
			if len(args) == 3 {
				acc = args[2]
				th.Incref(acc)
			}
			for {
				x, ok, err := th.Next(it)
				if err != nil {
					th.XDecref(acc)
					return nil, err
				}
				if !ok {
					break
				}
				if acc == nil {
					acc = x
					continue
				}
				r, err := th.Call(args[0], []core.Object{acc, x}, nil)
				th.Decref(acc)
				th.Decref(x)
				if err != nil {
					return nil, err
				}
				acc = r
			}
			if acc == nil {
				return nil, typeError(th, "reduce() of empty iterable with no initial value")
			}
			return acc, nil
		}},
		{"update_wrapper", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			sig := &signature{name: "update_wrapper", names: []string{"wrapper", "wrapped", "assigned", "updated"}, npos: 4, required: 2, python: true}
			a, err := sig.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			if err := updateWrapper(th, a[0], a[1]); err != nil {
				return nil, err
			}
			th.Incref(a[0])
			return a[0], nil
		}},
		{"wraps", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			sig := &signature{name: "wraps", names: []string{"wrapped", "assigned", "updated"}, npos: 3, required: 1, python: true}
			a, err := sig.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			wrapped := a[0]
			th.Incref(wrapped)
			deco := th.NewBuiltin("update_wrapper", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("update_wrapper", args, kw, 1, 1); err != nil {
					return nil, err
				}
				if err := updateWrapper(th, args[0], wrapped); err != nil {
					return nil, err
				}
				th.Incref(args[0])
				return args[0], nil
			})
			// partial(deco) keeps wrapped alive with the decorator.
			p, err := th.NewNativeInstance(partialCls, &partial{fn: deco, args: []core.Object{}, kw: map[string]core.Object{}, hold: wrapped})
			return p, err
		}},
		{"lru_cache", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			sig := &signature{name: "lru_cache", names: []string{"maxsize", "typed"}, npos: 2, python: true}
			a, err := sig.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			typed := false
			if a[1] != nil {
				if typed, err = th.Truth(a[1]); err != nil {
					return nil, err
				}
			}
			maxsize := int64(128)
			switch {
			case a[0] == nil:
			case isNone(th, a[0]):
				maxsize = -1
			default:
				if _, isInt := a[0].(*core.Int); isInt {
					if maxsize, err = th.IntArg("lru_cache", a[0]); err != nil {
						return nil, err
					}
					maxsize = max(maxsize, 0)
				} else if ok, _ := callable(th, a[0]); ok && a[1] == nil {
					return lru(th, a[0], 128, false) // @lru_cache without arguments
				} else {
					return nil, typeError(th, "Expected first argument to be an integer, a callable, or None")
				}
			}
			return th.NewBuiltin("decorating_function", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("decorating_function", args, kw, 1, 1); err != nil {
					return nil, err
				}
				return lru(th, args[0], maxsize, typed)
			}), nil
		}},
		{"cache", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("cache", args, kw, 1, 1); err != nil {
				return nil, err
			}
			return lru(th, args[0], -1, false)
		}},
		{"cmp_to_key", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			sig := &signature{name: "cmp_to_key", names: []string{"mycmp"}, npos: 1, required: 1}
			a, err := sig.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			cmp := a[0]
			th.Incref(cmp)
			mk := th.NewBuiltin("K", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if err := th.CheckArgs("K", args, kw, 1, 1); err != nil {
					return nil, err
				}
				th.Incref(cmp)
				th.Incref(args[0])
				return th.NewNativeInstance(keyCls, &keyWrapper{cmp: cmp, obj: args[0]})
			})
			return th.NewNativeInstance(partialCls, &partial{fn: mk, args: []core.Object{}, kw: map[string]core.Object{}, hold: cmp})
		}},
		{"total_ordering", totalOrdering},
	})
	if err != nil {
		return fail(err)
	}
	assigned := make([]core.Object, len(wrapperAssignments))
	for i, s := range wrapperAssignments {
		assigned[i] = th.NewStr(s)
	}
	if err := setOwned(th, m.Dict(), "WRAPPER_ASSIGNMENTS", th.NewTuple(assigned)); err != nil {
		return fail(err)
	}
	if err := setOwned(th, m.Dict(), "WRAPPER_UPDATES", th.NewTuple([]core.Object{th.NewStr("__dict__")})); err != nil {
		return fail(err)
	}
	return m, nil
}

// updateWrapper is functools.update_wrapper(wrapper, wrapped) with the
// default assigned and updated attributes.
func updateWrapper(th *core.Thread, wrapper, wrapped core.Object) error {
	for _, name := range wrapperAssignments {
		v, err := th.GetAttr(wrapped, name)
		if err != nil {
			if core.IsExceptionNamed(err, "AttributeError") {
				th.Discard(err)
				continue
			}
			return err
		}
		err = th.SetAttr(wrapper, name, v)
		th.Decref(v)
		if err != nil {
			return err
		}
	}
	if src, err := th.GetAttr(wrapped, "__dict__"); err == nil {
		dst, err := th.GetAttr(wrapper, "__dict__")
		if err != nil {
			th.Decref(src)
			return err
		}
		r, err := th.CallMethod(dst, "update", src)
		th.Decref(dst)
		th.Decref(src)
		if err != nil {
			return err
		}
		th.Decref(r)
	} else if core.IsExceptionNamed(err, "AttributeError") {
		th.Discard(err)
	} else {
		return err
	}
	return th.SetAttr(wrapper, "__wrapped__", wrapped)
}

// ---- partial ----

// partial is a functools.partial's Go value.
type partial struct {
	fn    core.Object
	args  []core.Object
	kw    map[string]core.Object
	kwOrd []string
	hold  core.Object // kept alive with the partial (wraps' wrapped)
}

// Release implements core.NativeReleaser.
func (p *partial) Release(drop func(core.Object)) {
	drop(p.fn)
	for _, a := range p.args {
		drop(a)
	}
	for _, v := range p.kw {
		drop(v)
	}
	if p.hold != nil {
		drop(p.hold)
	}
}

func partialClass() classDef {
	self := func(th *core.Thread, method string, args []core.Object) (*partial, error) {
		return nativeSelf[*partial](th, "functools.partial", method, args)
	}
	return classDef{
		name:   "partial",
		native: true,
		statics: []goMethod{{"__new__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			cls, ok := args[0].(*core.Type)
			if !ok {
				return nil, typeError(th, "partial.__new__(X): X is not a type object")
			}
			if len(args) < 2 {
				return nil, typeError(th, "type 'partial' takes at least one argument")
			}
			fn, pargs := args[1], args[2:]
			ok, err := callable(th, fn)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, typeError(th, "the first argument must be callable")
			}
			p := &partial{kw: map[string]core.Object{}}
			// A partial of a plain partial flattens, as in CPython.
			if inner, isP := core.NativeValue(fn); isP && fn.Type() == cls {
				if ip, ok := inner.(*partial); ok && ip.hold == nil {
					fn = ip.fn
					for _, a := range ip.args {
						th.Incref(a)
						p.args = append(p.args, a)
					}
					for _, k := range ip.kwOrd {
						th.Incref(ip.kw[k])
						p.kw[k] = ip.kw[k]
					}
					p.kwOrd = append(p.kwOrd, ip.kwOrd...)
				}
			}
			th.Incref(fn)
			p.fn = fn
			for _, a := range pargs {
				th.Incref(a)
				p.args = append(p.args, a)
			}
			for _, k := range th.KeywordNames(kw) {
				th.Incref(kw[k])
				if old, ok := p.kw[k]; ok {
					th.Decref(old)
				} else {
					p.kwOrd = append(p.kwOrd, k)
				}
				p.kw[k] = kw[k]
			}
			return th.NewNativeInstance(cls, p)
		}}},
		methods: []goMethod{
			{"__call__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := self(th, "__call__", args)
				if err != nil {
					return nil, err
				}
				all := append(append([]core.Object(nil), p.args...), args[1:]...)
				var kwargs map[string]core.Object
				if len(p.kw)+len(kw) > 0 {
					kwargs = make(map[string]core.Object, len(p.kw)+len(kw))
					for k, v := range p.kw {
						kwargs[k] = v
					}
					for k, v := range kw {
						kwargs[k] = v
					}
				}
				return th.Call(p.fn, all, kwargs)
			}},
			{"__repr__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := self(th, "__repr__", args)
				if err != nil {
					return nil, err
				}
				r, err := th.Repr(p.fn)
				if err != nil {
					return nil, err
				}
				parts := []string{r}
				for _, a := range p.args {
					s, err := th.Repr(a)
					if err != nil {
						return nil, err
					}
					parts = append(parts, s)
				}
				for _, k := range p.kwOrd {
					s, err := th.Repr(p.kw[k])
					if err != nil {
						return nil, err
					}
					parts = append(parts, k+"="+s)
				}
				name := "functools.partial"
				if t := args[0].Type(); t.Name() != "partial" {
					name = t.Module() + "." + t.QualName()
				}
				return th.NewStr(name + "(" + strings.Join(parts, ", ") + ")"), nil
			}},
		},
		props: []goMethod{
			{"func", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := self(th, "func", args)
				if err != nil {
					return nil, err
				}
				th.Incref(p.fn)
				return p.fn, nil
			}},
			{"args", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := self(th, "args", args)
				if err != nil {
					return nil, err
				}
				return th.Pack(p.args...), nil
			}},
			{"keywords", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				p, err := self(th, "keywords", args)
				if err != nil {
					return nil, err
				}
				d := th.NewDict()
				for _, k := range p.kwOrd {
					_ = th.DictSetStr(d, k, p.kw[k])
				}
				return d, nil
			}},
		},
	}
}

// ---- lru_cache ----

// lruCache is an lru_cache wrapper's Go value; everything but fn is read
// and written inside a critical section on the wrapper.
type lruCache struct {
	fn           core.Object
	cache        *core.Dict // key -> result, least recently used first
	maxsize      int64      // -1: unbounded
	typed        bool
	hits, misses int64
	info         *core.Type // functools._CacheInfo
}

// Release implements core.NativeReleaser.
func (c *lruCache) Release(drop func(core.Object)) {
	drop(c.fn)
	drop(c.cache)
}

// cacheKey is CPython's _make_key: the arguments, a marker and the
// keyword items, and with typed the types; a lone int or str argument is
// its own key.
func cacheKey(th *core.Thread, c *lruCache, args []core.Object, kw map[string]core.Object) core.Object {
	if len(kw) == 0 && !c.typed && len(args) == 1 {
		switch args[0].(type) {
		case *core.Int, *core.Str:
			if args[0].Type().Name() == "int" || args[0].Type().Name() == "str" {
				th.Incref(args[0])
				return args[0]
			}
		}
	}
	items := append([]core.Object(nil), args...)
	if len(kw) > 0 {
		items = append(items, th.Runtime().Ellipsis) // the keyword marker
		for _, k := range th.KeywordNames(kw) {
			items = append(items, th.Runtime().Intern(k), kw[k])
		}
	}
	if c.typed {
		for _, a := range args {
			items = append(items, a.Type())
		}
		for _, k := range th.KeywordNames(kw) {
			items = append(items, kw[k].Type())
		}
	}
	return th.Pack(items...)
}

func lruWrapperClass() classDef {
	self := func(th *core.Thread, method string, args []core.Object) (*lruCache, error) {
		return nativeSelf[*lruCache](th, "functools._lru_cache_wrapper", method, args)
	}
	return classDef{
		name:   "_lru_cache_wrapper",
		native: true,
		methods: []goMethod{
			{"__call__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				c, err := self(th, "__call__", args)
				if err != nil {
					return nil, err
				}
				if c.maxsize == 0 {
					_ = th.CriticalSection(args[0], func() error { c.misses++; return nil })
					return th.Call(c.fn, args[1:], kw)
				}
				key := cacheKey(th, c, args[1:], kw)
				defer th.Decref(key)
				var hit core.Object
				err = th.CriticalSection(args[0], func() error {
					v, err := th.DictGet(c.cache, key)
					if err != nil {
						return err
					}
					if v != nil {
						hit = v
						c.hits++
						if c.maxsize > 0 {
							_, err = th.DictMoveToEnd(c.cache, key, true)
						}
						return err
					}
					c.misses++
					return nil
				})
				if err != nil || hit != nil {
					return hit, err
				}
				r, err := th.Call(c.fn, args[1:], kw)
				if err != nil {
					return nil, err
				}
				var evicted []core.Object
				err = th.CriticalSection(args[0], func() error {
					if err := th.DictSet(c.cache, key, r); err != nil {
						return err
					}
					for c.maxsize > 0 && int64(th.DictLen(c.cache)) > c.maxsize {
						k, v, ok := th.DictPopItem(c.cache, false)
						if !ok {
							break
						}
						evicted = append(evicted, k, v)
					}
					return nil
				})
				dropAll(th, evicted)
				if err != nil {
					th.Decref(r)
					return nil, err
				}
				return r, nil
			}},
			{"cache_info", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				c, err := self(th, "cache_info", args)
				if err != nil {
					return nil, err
				}
				var hits, misses, size int64
				_ = th.CriticalSection(args[0], func() error {
					hits, misses, size = c.hits, c.misses, int64(th.DictLen(c.cache))
					return nil
				})
				var maxsize core.Object = th.Runtime().None
				if c.maxsize >= 0 {
					maxsize = th.NewInt(c.maxsize)
				}
				items := []core.Object{th.NewInt(hits), th.NewInt(misses), maxsize, th.NewInt(size)}
				r, err := th.Call(c.info, items, nil)
				dropAll(th, items)
				return r, err
			}},
			{"cache_clear", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				c, err := self(th, "cache_clear", args)
				if err != nil {
					return nil, err
				}
				var old []core.Object
				_ = th.CriticalSection(args[0], func() error {
					c.hits, c.misses = 0, 0
					for {
						k, v, ok := th.DictPopItem(c.cache, true)
						if !ok {
							return nil
						}
						old = append(old, k, v)
					}
				})
				dropAll(th, old)
				return th.Runtime().None, nil
			}},
			{"cache_parameters", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				c, err := self(th, "cache_parameters", args)
				if err != nil {
					return nil, err
				}
				d := th.NewDict()
				var maxsize core.Object = th.Runtime().None
				if c.maxsize >= 0 {
					maxsize = th.NewInt(c.maxsize)
				}
				_ = setOwned(th, d, "maxsize", maxsize)
				_ = th.DictSetStr(d, "typed", th.Runtime().Bool(c.typed))
				return d, nil
			}},
			{"__get__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
				if len(args) < 2 || isNone(th, args[1]) {
					th.Incref(args[0])
					return args[0], nil
				}
				return th.NewBoundMethod(args[0], args[1]), nil
			}},
		},
	}
}

// ---- cmp_to_key ----

// keyWrapper is cmp_to_key's key object: the comparison function and the
// object it wraps.
type keyWrapper struct {
	cmp, obj core.Object
}

// Release implements core.NativeReleaser.
func (k *keyWrapper) Release(drop func(core.Object)) {
	drop(k.cmp)
	drop(k.obj)
}

func keyWrapperClass() classDef {
	cmpOp := func(op core.CompareOp) core.BuiltinFunc {
		return func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := nativeSelf[*keyWrapper](th, "functools.KeyWrapper", "comparison", args)
			if err != nil {
				return nil, err
			}
			if len(args) != 2 {
				return nil, typeError(th, "expected 1 argument")
			}
			v, _ := core.NativeValue(args[1])
			b, ok := v.(*keyWrapper)
			if !ok {
				return nil, typeError(th, "other argument must be K instance")
			}
			r, err := th.Call(a.cmp, []core.Object{a.obj, b.obj}, nil)
			if err != nil {
				return nil, err
			}
			defer th.Decref(r)
			zero := th.NewInt(0)
			defer th.Decref(zero)
			return th.Compare(r, zero, op)
		}
	}
	return classDef{
		name:   "KeyWrapper",
		native: true,
		methods: []goMethod{
			{"__lt__", cmpOp(core.CmpLt)}, {"__le__", cmpOp(core.CmpLe)}, {"__eq__", cmpOp(core.CmpEq)},
			{"__ne__", cmpOp(core.CmpNe)}, {"__gt__", cmpOp(core.CmpGt)}, {"__ge__", cmpOp(core.CmpGe)},
		},
		props: []goMethod{{"obj", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			k, err := nativeSelf[*keyWrapper](th, "functools.KeyWrapper", "obj", args)
			if err != nil {
				return nil, err
			}
			th.Incref(k.obj)
			return k.obj, nil
		}}},
	}
}

// ---- total_ordering ----

// derived is one comparison total_ordering derives from a root one:
// r = root(self, other); NotImplemented passes through; otherwise the
// result is (not r if negate) combined with self == other (or, and) or
// self != other (and).
type derived struct {
	name   string
	negate bool
	combo  string // "": none; "or ==", "and !="
}

var orderingConvert = map[string][]derived{
	"__lt__": {{"__gt__", true, "and !="}, {"__le__", false, "or =="}, {"__ge__", true, ""}},
	"__le__": {{"__ge__", true, "or =="}, {"__lt__", false, "and !="}, {"__gt__", true, ""}},
	"__gt__": {{"__lt__", true, "and !="}, {"__ge__", false, "or =="}, {"__le__", true, ""}},
	"__ge__": {{"__le__", true, "or =="}, {"__gt__", false, "and !="}, {"__lt__", true, ""}},
}

// totalOrdering is functools.total_ordering(cls).
func totalOrdering(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("total_ordering", args, kw, 1, 1); err != nil {
		return nil, err
	}
	cls, ok := args[0].(*core.Type)
	if !ok {
		return nil, typeError(th, "total_ordering() argument must be a class")
	}
	object := th.Runtime().BuiltinType("object")
	roots := map[string]bool{}
	root := ""
	for _, op := range []string{"__lt__", "__le__", "__gt__", "__ge__"} {
		v, err := th.GetAttr(cls, op)
		if err != nil {
			th.Discard(err)
			continue
		}
		o, err := th.GetAttr(object, op)
		if err != nil {
			th.Decref(v)
			return nil, err
		}
		if v != o {
			roots[op] = true
			if op > root {
				root = op
			}
		}
		th.Decref(v)
		th.Decref(o)
	}
	if root == "" {
		return nil, th.Raise(th.RaiseType("ValueError"), "must define at least one ordering operation: < > <= >=")
	}
	rt := th.Runtime()
	for _, d := range orderingConvert[root] {
		if roots[d.name] {
			continue
		}
		d := d
		fn := th.NewMethod(d.name, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs(d.name, args[min(1, len(args)):], kw, 1, 1); err != nil {
				return nil, err
			}
			self, other := args[0], args[1]
			rootFn, err := th.GetAttr(self.Type(), root)
			if err != nil {
				return nil, err
			}
			r, err := th.Call(rootFn, []core.Object{self, other}, nil)
			th.Decref(rootFn)
			if err != nil || r == rt.NotImplemented {
				return r, err
			}
			t, err := th.Truth(r)
			th.Decref(r)
			if err != nil {
				return nil, err
			}
			if d.negate {
				t = !t
			}
			switch d.combo {
			case "or ==":
				if t {
					return rt.True, nil
				}
				return th.Compare(self, other, core.CmpEq)
			case "and !=":
				if !t {
					return rt.False, nil
				}
				return th.Compare(self, other, core.CmpNe)
			}
			return rt.Bool(t), nil
		})
		err := th.SetAttr(cls, d.name, fn)
		th.Decref(fn)
		if err != nil {
			return nil, err
		}
	}
	th.Incref(cls)
	return cls, nil
}
