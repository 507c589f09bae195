package core

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// method defines a method of a built-in type: args[0] is self.
type method struct {
	name string
	fn   BuiltinFunc
}

// immortalDict makes a dict owned by the runtime itself.
func (rt *Runtime) immortalDict(frozen bool) *Dict {
	d := &Dict{frozen: frozen}
	d.typ = rt.types.dict
	rt.rc.InitImmortal(d)
	return d
}

// dictInit inserts name: value (an immortal value) into a runtime-owned
// dict, before any thread exists.
func (rt *Runtime) dictInit(d *Dict, name string, value Object) {
	key := rt.Intern(name)
	hash := key.hashValue()
	if d.lookupStr(name, hash) >= 0 {
		panic("core: duplicate " + name)
	}
	// The table has no dummies yet: a free slot of the probe sequence is
	// where the key goes (insertNew resizes when the table is too full).
	slot := -1
	if len(d.index) > 0 {
		slot = d.freeSlot(hash)
	}
	d.insertNew(slot, hash, key, value)
}

func self[T Object](args []Object) T { return args[0].(T) }

var listMethods = []method{
	{"append", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("append", args, kw, 1, 1); err != nil {
			return nil, err
		}
		if err := th.ListAppend(self[*List](args), args[1]); err != nil {
			return nil, err
		}
		return th.rt.None, nil
	}},
	{"extend", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("extend", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.rt.None, th.ListExtend(self[*List](args), args[1])
	}},
	{"pop", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs("pop", args, kw, 0, 1); err != nil {
			return nil, err
		}
		i := int64(-1)
		if len(args) == 2 {
			var err error
			if i, err = th.intArg("pop", args[1]); err != nil {
				return nil, err
			}
		}
		return th.ListPop(self[*List](args), int(i))
	}},
	{"insert", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs("insert", args, kw, 2, 2); err != nil {
			return nil, err
		}
		i, err := th.intArg("insert", args[1])
		if err != nil {
			return nil, err
		}
		if err := th.listInsert(self[*List](args), int(i), args[2]); err != nil {
			return nil, err
		}
		return th.rt.None, nil
	}},
	{"remove", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("remove", args, kw, 1, 1); err != nil {
			return nil, err
		}
		l := self[*List](args)
		th.beginCS(l)
		defer th.endCS()
		i, err := th.listIndex(l, args[1])
		if err != nil {
			return nil, err
		}
		// A comparison that called back may have shrunk the list.
		if i < 0 || i >= len(l.items) {
			return nil, th.Raise(th.rt.types.exc.ValueError, "list.remove(x): x not in list")
		}
		old := l.items[i]
		n := copy(l.items[i:], l.items[i+1:])
		l.items[i+n] = nil
		l.items = l.items[:i+n]
		th.Decref(old)
		return th.rt.None, nil
	}},
	{"index", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		var i int
		var err error
		if len(args) == 2 && len(kw) == 0 {
			i, err = th.listIndex(self[*List](args), args[1])
		} else {
			items := th.listSnapshot(self[*List](args))
			i, err = th.seqIndex("index", items, args, kw)
			th.decrefAll(items)
		}
		if err != nil {
			return nil, err
		}
		if i < 0 {
			r, _ := th.Repr(args[1])
			return nil, th.Raisef(th.rt.types.exc.ValueError, "%s is not in list", r)
		}
		return th.NewInt(int64(i)), nil
	}},
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("count", args, kw, 1, 1); err != nil {
			return nil, err
		}
		items := th.listSnapshot(self[*List](args))
		defer th.decrefAll(items)
		return th.countEqual(items, args[1])
	}},
	{"clear", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("clear", args, kw, 0, 0); err != nil {
			return nil, err
		}
		l := self[*List](args)
		th.beginCS(l)
		items := l.items
		l.items = nil
		th.listResized(l)
		th.endCS()
		th.decrefAll(items)
		return th.rt.None, nil
	}},
	{"copy", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("copy", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.NewList(th.listSnapshot(self[*List](args))), nil
	}},
	{"reverse", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("reverse", args, kw, 0, 0); err != nil {
			return nil, err
		}
		l := self[*List](args)
		th.beginCS(l)
		for i, j := 0, len(l.items)-1; i < j; i, j = i+1, j-1 {
			l.items[i], l.items[j] = l.items[j], l.items[i]
		}
		th.endCS()
		return th.rt.None, nil
	}},
	{"sort", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if len(args) > 1 {
			return nil, th.Raise(th.rt.types.exc.TypeError, "sort() takes no positional arguments")
		}
		if err := th.checkKwargs("sort", kw, "key", "reverse"); err != nil {
			return nil, err
		}
		key := kw["key"]
		if key == th.rt.None {
			key = nil
		}
		reverse := false
		if r := kw["reverse"]; r != nil {
			var err error
			if reverse, err = th.Truth(r); err != nil {
				return nil, err
			}
		}
		return th.rt.None, th.ListSort(self[*List](args), key, reverse)
	}},
}

// clinicMethodArgs is methodArgs for the methods CPython's Argument
// Clinic parses ("pop expected at most 1 argument, got 2").
func (th *Thread) clinicMethodArgs(name string, args []Object, kw map[string]Object, min, max int) error {
	if err := th.checkKwargs(name, kw); err != nil {
		return err
	}
	return th.clinicArgs(name, args[1:], nil, min, max)
}

// methodArgs checks a method's arguments (after self) and that it takes
// no keywords; messages name it as CPython does ("list.append").
func (th *Thread) methodArgs(name string, args []Object, kw map[string]Object, min, max int) error {
	if n := len(args) - 1; len(kw) == 0 && n >= min && (max < 0 || n <= max) {
		return nil // the common case, without building the name
	}
	name = args[0].Type().name + "." + name
	if err := th.checkKwargs(name, kw); err != nil {
		return err
	}
	return th.checkArgs(name, args[1:], min, max)
}

func (th *Thread) countEqual(items []Object, x Object) (Object, error) {
	n := 0
	for _, it := range items {
		eq, err := th.CompareBool(it, x, CmpEq)
		if err != nil {
			return nil, err
		}
		if eq {
			n++
		}
	}
	return th.NewInt(int64(n)), nil
}

var dictMethods = []method{
	{"get", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs("get", args, kw, 1, 2); err != nil {
			return nil, err
		}
		v, err := th.DictGet(self[*Dict](args), args[1])
		if err != nil || v != nil {
			return v, err
		}
		if len(args) == 3 {
			return th.newRef(args[2]), nil
		}
		return th.rt.None, nil
	}},
	{"setdefault", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs("setdefault", args, kw, 1, 2); err != nil {
			return nil, err
		}
		d, key := self[*Dict](args), args[1]
		dflt := th.rt.None
		if len(args) == 3 {
			dflt = args[2]
		}
		hash, err := th.Hash(key)
		if err != nil {
			return nil, err
		}
		th.beginCS(d)
		defer th.endCS()
		pos, slot, err := d.lookup(th, key, hash)
		if err != nil {
			return nil, err
		}
		if pos >= 0 {
			return th.newRef(d.entries[pos].value), nil
		}
		if err := d.reserveOne(th); err != nil {
			return nil, err
		}
		d.insert(th, slot, hash, th.newRef(key), th.newRef(dflt))
		return th.newRef(dflt), nil
	}},
	{"update", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicArgs("update", args[1:], nil, 0, 1); err != nil {
			return nil, err
		}
		names := th.keywordNames(kw)
		d := self[*Dict](args)
		if len(args) == 2 {
			if err := th.dictUpdateFrom(d, args[1]); err != nil {
				return nil, err
			}
		}
		for _, k := range names {
			if err := th.DictSetStr(d, k, kw[k]); err != nil {
				return nil, err
			}
		}
		return th.rt.None, nil
	}},
	{"keys", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("keys", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newDictView(self[*Dict](args), th.rt.types.dictKeys), nil
	}},
	{"values", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("values", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newDictView(self[*Dict](args), th.rt.types.dictValues), nil
	}},
	{"items", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("items", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.newDictView(self[*Dict](args), th.rt.types.dictItems), nil
	}},
	{"pop", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs("pop", args, kw, 1, 2); err != nil {
			return nil, err
		}
		d, key := self[*Dict](args), args[1]
		hash, err := th.Hash(key)
		if err != nil {
			return nil, err
		}
		th.beginCS(d)
		pos, slot, err := d.lookup(th, key, hash)
		if err != nil || pos < 0 {
			th.endCS()
			if err != nil {
				return nil, err
			}
			if len(args) == 3 {
				return th.newRef(args[2]), nil
			}
			return nil, th.raiseWithArg(th.rt.types.exc.KeyError, key)
		}
		k, v := d.remove(pos, slot)
		th.endCS()
		th.Decref(k)
		return v, nil
	}},
	{"popitem", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("popitem", args, kw, 0, 0); err != nil {
			return nil, err
		}
		d := self[*Dict](args)
		th.beginCS(d)
		defer th.endCS()
		for i := len(d.entries) - 1; i >= 0; i-- {
			if e := d.entries[i]; e.key != nil {
				for p := newProbe(e.hash, len(d.index)); ; p.next() {
					if int(d.index[p.i]) == i {
						k, v := d.remove(i, int(p.i))
						return th.NewTuple([]Object{k, v}), nil
					}
				}
			}
		}
		return nil, th.Raise(th.rt.types.exc.KeyError, "popitem(): dictionary is empty")
	}},
	{"clear", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("clear", args, kw, 0, 0); err != nil {
			return nil, err
		}
		self[*Dict](args).clear(th)
		return th.rt.None, nil
	}},
	{"copy", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("copy", args, kw, 0, 0); err != nil {
			return nil, err
		}
		d := th.NewDict()
		if err := th.dictUpdate(d, self[*Dict](args)); err != nil {
			th.Decref(d)
			return nil, err
		}
		return d, nil
	}},
}

// dictUpdateFrom is D.update(x) for a dict, a mapping (an object with
// keys()), or an iterable of pairs.
func (th *Thread) dictUpdateFrom(d *Dict, x Object) error {
	switch src := x.(type) {
	case *Dict:
		return th.dictUpdate(d, src)
	case *MappingProxy:
		return th.dictUpdate(d, src.d)
	case *Instance:
		if th.hasDunder(src, "keys") {
			keys, err := th.CallMethod(src, "keys")
			if err != nil {
				return err
			}
			items, err := th.collect(keys)
			th.Decref(keys)
			if err != nil {
				return err
			}
			defer th.decrefAll(items)
			for _, k := range items {
				v, err := th.GetItem(src, k)
				if err != nil {
					return err
				}
				err = th.DictSet(d, k, v)
				th.Decref(v)
				if err != nil {
					return err
				}
			}
			return nil
		}
	}
	pairs, err := th.collect(x)
	if err != nil {
		return err
	}
	defer th.decrefAll(pairs)
	for i, p := range pairs {
		kv, err := th.collect(p)
		if err != nil {
			if IsInstance(err, th.rt.types.exc.TypeError) {
				th.Discard(err)
				return th.Raisef(th.rt.types.exc.TypeError, "cannot convert dictionary update sequence element #%d to a sequence", i)
			}
			return err
		}
		if len(kv) != 2 {
			th.decrefAll(kv)
			return th.Raisef(th.rt.types.exc.ValueError, "dictionary update sequence element #%d has length %d; 2 is required", i, len(kv))
		}
		err = th.DictSet(d, kv[0], kv[1])
		th.decrefAll(kv)
		if err != nil {
			return err
		}
	}
	return nil
}

// setFrom makes a new set of an iterable's items.
func (th *Thread) setFrom(iterable Object) (Object, error) {
	items, err := th.collect(iterable)
	if err != nil {
		return nil, err
	}
	defer th.decrefAll(items)
	s := th.NewSet()
	for _, it := range items {
		if err := th.SetAdd(s, it); err != nil {
			th.Decref(s)
			return nil, err
		}
	}
	return s, nil
}

var tupleMethods = []method{
	{"index", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		t := self[*Tuple](args)
		i, err := th.seqIndex("index", t.items, args, kw)
		if err != nil {
			return nil, err
		}
		if i < 0 {
			return nil, th.Raise(th.rt.types.exc.ValueError, "tuple.index(x): x not in tuple")
		}
		return th.NewInt(int64(i)), nil
	}},
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("count", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.countEqual(self[*Tuple](args).items, args[1])
	}},
}

// seqIndex is the search of list.index and tuple.index(x[, start[,
// stop]]) over a snapshot of items: the index, or -1.
func (th *Thread) seqIndex(name string, items []Object, args []Object, kw map[string]Object) (int, error) {
	if err := th.checkKwargs(name, kw); err != nil {
		return 0, err
	}
	if err := th.clinicArgs(name, args[1:], nil, 1, 3); err != nil {
		return 0, err
	}
	start, stop := sliceIndex{none: true}, sliceIndex{none: true}
	var err error
	if len(args) > 2 {
		if start, err = th.sliceIndexOf(args[2]); err != nil {
			return 0, err
		}
	}
	if len(args) > 3 {
		if stop, err = th.sliceIndexOf(args[3]); err != nil {
			return 0, err
		}
	}
	s, e := bounds(start, stop, len(items))
	for i := s; i < e; i++ {
		eq, err := th.CompareBool(items[i], args[1], CmpEq)
		if err != nil {
			return 0, err
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

// Constructors of the built-in types (called as int(x), list(x), ...).

// constructType is type(o), o's class, and type(name, bases, dict,
// **kw), a new class (the class keywords go to __init_subclass__).
func constructType(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if len(args) == 1 && len(kw) == 0 {
		return th.newRef(args[0].Type()), nil
	}
	if len(args) != 3 {
		return nil, th.Raise(exc.TypeError, "type() takes 1 or 3 arguments")
	}
	name, ok := args[0].(*Str)
	if !ok {
		return nil, th.Raisef(exc.TypeError, "type.__new__() argument 1 must be str, not %s", args[0].Type().name)
	}
	bt, ok := args[1].(*Tuple)
	if !ok {
		return nil, th.Raisef(exc.TypeError, "type.__new__() argument 2 must be tuple, not %s", args[1].Type().name)
	}
	ns, ok := args[2].(*Dict)
	if !ok {
		return nil, th.Raisef(exc.TypeError, "type.__new__() argument 3 must be dict, not %s", args[2].Type().name)
	}
	bases := make([]*Type, len(bt.items))
	for i, b := range bt.items {
		if bases[i], ok = b.(*Type); !ok {
			return nil, th.Raise(exc.TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases")
		}
	}
	t, err := th.newClass(name.s, bases, ns, "", kw)
	if err != nil {
		return nil, err
	}
	return t, nil
}

func constructObject(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkArgs("object", args, 0, 0); err != nil {
		return nil, err
	}
	if err := th.checkKwargs("object", kw); err != nil {
		return nil, err
	}
	i := &Instance{}
	i.typ = th.rt.types.object
	th.track(i)
	return i, nil
}

func constructInt(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if err := th.checkKwargs("int", kw, "base"); err != nil {
		return nil, err
	}
	if err := th.checkArgs("int", args, 0, 2); err != nil {
		return nil, err
	}
	if b, ok := kw["base"]; ok {
		if len(args) == 2 {
			return nil, th.Raise(exc.TypeError, "argument for int() given by name ('base') and position (2)")
		}
		args = append(args, b)
	}
	if len(args) == 0 {
		if len(kw) > 0 {
			return nil, th.Raise(exc.TypeError, "int() missing string argument")
		}
		return th.NewInt(0), nil
	}
	if len(args) == 2 {
		base, err := th.intArg("int", args[1])
		if err != nil {
			return nil, err
		}
		switch x := args[0].(type) {
		case *Str:
			return th.parseInt(x.s, x.s, int(base))
		case *Bytes:
			b := string(th.snapshot(x))
			return th.parseInt(b, bytesLiteral([]byte(b)), int(base))
		}
		return nil, th.Raise(exc.TypeError, "int() can't convert non-string with explicit base")
	}
	switch x := args[0].(type) {
	case *Int:
		return th.exactCopy(x), nil
	case *Bool:
		v, _, _ := intValue(x)
		return th.NewInt(v), nil
	case *Float:
		return th.floatToInt(x.v)
	case *Str:
		return th.parseInt(x.s, x.s, 10)
	case *Bytes:
		b := string(th.snapshot(x))
		return th.parseInt(b, bytesLiteral([]byte(b)), 10)
	case *Instance, *Exception:
		for _, name := range []string{"__int__", "__index__", "__trunc__"} {
			r, found, err := th.callDunder(x, name)
			if err != nil {
				return nil, err
			}
			if !found {
				continue
			}
			if _, _, ok := intValue(r); ok {
				if _, isBool := r.(*Bool); isBool {
					v, _, _ := intValue(r)
					return th.NewInt(v), nil
				}
				return r, nil
			}
			defer th.Decref(r)
			if name == "__trunc__" {
				if th.hasDunder(r, "__index__") {
					return th.Index(r)
				}
				return nil, th.Raisef(exc.TypeError, "__trunc__ returned non-Integral (type %s)", r.Type().name)
			}
			return nil, th.Raisef(exc.TypeError, "%s returned non-int (type %s)", name, r.Type().name)
		}
	}
	return nil, th.Raisef(exc.TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'", args[0].Type().name)
}

// parseInt is int(s, base) with Python's syntax: surrounding whitespace,
// a sign, underscores between digits, and a 0x/0o/0b prefix for base 0
// (or the matching base). shown is the argument as the error repeats it.
func (th *Thread) parseInt(s, shown string, base int) (Object, error) {
	if base != 0 && (base < 2 || base > 36) {
		return nil, th.Raise(th.rt.types.exc.ValueError, "int() base must be >= 2 and <= 36, or 0")
	}
	if shown == s {
		shown = strRepr(s)
	}
	bad := func() (Object, error) {
		return nil, th.Raisef(th.rt.types.exc.ValueError, "invalid literal for int() with base %d: %s", base, shown)
	}
	// Unicode decimal digits count as their ASCII values, as in Python.
	t := strings.Map(func(r rune) rune {
		if d := digitValue(r); d >= 0 {
			return '0' + rune(d)
		}
		return r
	}, strings.TrimFunc(s, isSpace))
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	lower := strings.ToLower(t)
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0x", 16}, {"0o", 8}, {"0b", 2}} {
		if strings.HasPrefix(lower, p.prefix) && (base == 0 || base == p.base) {
			t, base = t[2:], p.base
			t = strings.TrimPrefix(t, "_")
		}
	}
	if base == 0 {
		if len(t) > 1 && t[0] == '0' && strings.Trim(t, "0_") != "" {
			return bad()
		}
		base = 10
	}
	if t == "" || t[0] == '_' || t[len(t)-1] == '_' || strings.Contains(t, "__") {
		return bad()
	}
	digits := strings.ReplaceAll(t, "_", "")
	if limit := th.rt.IntMaxStrDigits(); limit > 0 && len(digits) > limit && base&(base-1) != 0 {
		if _, ok := new(big.Int).SetString(digits[:1], base); ok {
			return nil, th.Raisef(th.rt.types.exc.ValueError, "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", limit, len(digits))
		}
	}
	b, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return bad()
	}
	if neg {
		b.Neg(b)
	}
	return th.NewBigInt(b), nil
}

func constructBool(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("bool", kw); err != nil {
		return nil, err
	}
	if err := th.checkArgs("bool", args, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.rt.False, nil
	}
	t, err := th.Truth(args[0])
	return th.rt.Bool(t), err
}

func constructFloat(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	exc := &th.rt.types.exc
	if err := th.checkKwargs("float", kw); err != nil {
		return nil, err
	}
	if err := th.checkArgs("float", args, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.NewFloat(0), nil
	}
	switch x := args[0].(type) {
	case *Float:
		return th.exactCopy(x), nil
	case *Int, *Bool:
		v, b, _ := intValue(x)
		f, err := th.intToFloat(v, b)
		if err != nil {
			return nil, err
		}
		return th.NewFloat(f), nil
	case *Str:
		f, ok := parseFloat(x.s)
		if !ok {
			return nil, th.Raisef(exc.ValueError, "could not convert string to float: %s", strRepr(x.s))
		}
		return th.NewFloat(f), nil
	case *Bytes:
		b := th.snapshot(x)
		f, ok := parseFloat(string(b))
		if !ok || !isASCII(string(b)) {
			return nil, th.Raisef(exc.ValueError, "could not convert string to float: %s", bytesLiteral(b))
		}
		return th.NewFloat(f), nil
	case *Instance, *Exception:
		r, found, err := th.callDunder(x, "__float__")
		if err != nil {
			return nil, err
		}
		if found {
			if _, ok := r.(*Float); !ok {
				th.Decref(r)
				return nil, th.Raisef(exc.TypeError, "%s.__float__ returned non-float (type %s)", x.Type().name, r.Type().name)
			}
			return r, nil
		}
		if th.hasDunder(x, "__index__") {
			i, err := th.Index(x)
			if err != nil {
				return nil, err
			}
			defer th.Decref(i)
			v, b, _ := intValue(i)
			f, err := th.intToFloat(v, b)
			if err != nil {
				return nil, err
			}
			return th.NewFloat(f), nil
		}
	}
	return nil, th.Raisef(exc.TypeError, "float() argument must be a string or a real number, not '%s'", args[0].Type().name)
}

// parseFloat is float(s): surrounding white space, one optional sign,
// then "inf", "infinity" or "nan" (any case), or a decimal number whose
// digits may be separated by single underscores.
func parseFloat(s string) (float64, bool) {
	t := strings.TrimFunc(s, isSpace)
	sign := 1.0
	if t != "" && (t[0] == '+' || t[0] == '-') {
		if t[0] == '-' {
			sign = -1
		}
		t = t[1:]
	}
	switch strings.ToLower(t) {
	case "inf", "infinity":
		return math.Inf(int(sign)), true
	case "nan":
		return math.NaN(), true
	}
	// Only decimal digits, '.', 'e'/'E' with an optional sign, and
	// underscores between two digits.
	digits := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '_':
			if i == 0 || i == len(t)-1 || !isDecimal(t[i-1]) || !isDecimal(t[i+1]) {
				return 0, false
			}
		case c == '.' || c == 'e' || c == 'E':
		case (c == '+' || c == '-') && i > 0 && (t[i-1] == 'e' || t[i-1] == 'E'):
		default:
			return 0, false
		}
	}
	if !digits {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return sign * f, true
}

func isDecimal(c byte) bool { return c >= '0' && c <= '9' }

func constructStr(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if len(args) == 1 && len(kw) == 0 {
		return th.strOf(args[0]) // str(x), the common call
	}
	a, err := th.keywordOrPositional("str", args, kw, []string{"object", "encoding", "errors"}, 0)
	if err != nil {
		return nil, err
	}
	if a[0] == nil {
		if a[1] != nil || a[2] != nil {
			return th.rt.emptyStr, nil
		}
		return th.rt.emptyStr, nil
	}
	if a[1] != nil || a[2] != nil {
		b, ok := th.bytesLike(a[0])
		if !ok {
			if _, isStr := a[0].(*Str); isStr {
				return nil, th.Raise(th.rt.types.exc.TypeError, "decoding str is not supported")
			}
			return nil, th.Raisef(th.rt.types.exc.TypeError, "decoding to str: need a bytes-like object, %s found", a[0].Type().name)
		}
		encoding, errors := "utf-8", "strict"
		if a[1] != nil {
			if encoding, err = th.strArg("str", a[1]); err != nil {
				return nil, err
			}
		}
		if a[2] != nil {
			if errors, err = th.strArg("str", a[2]); err != nil {
				return nil, err
			}
		}
		return th.decode(b, encoding, errors)
	}
	return th.strOf(a[0])
}

// strOf is str(x): x itself if it is an exact str, else a new str of
// what x.__str__ returns.
func (th *Thread) strOf(x Object) (Object, error) {
	if s, ok := x.(*Str); ok && s.typ.builtin {
		return th.newRef(s), nil
	}
	s, err := th.Str(x)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s), nil
}

func constructTuple(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("tuple", kw); err != nil {
		return nil, err
	}
	if err := th.atMostOneArg("tuple", args); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.rt.emptyTuple, nil
	}
	if t, ok := args[0].(*Tuple); ok && t.typ.builtin {
		return th.newRef(t), nil
	}
	items, err := th.collect(args[0])
	if err != nil {
		return nil, err
	}
	return th.NewTuple(items), nil
}

func constructList(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("list", kw); err != nil {
		return nil, err
	}
	if err := th.atMostOneArg("list", args); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.NewList(nil), nil
	}
	items, err := th.collect(args[0])
	if err != nil {
		return nil, err
	}
	return th.NewList(items), nil
}

func constructDict(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.atMostOneArg("dict", args); err != nil {
		return nil, err
	}
	names := th.keywordNames(kw)
	d := th.NewDict()
	if len(args) == 1 {
		if err := th.dictUpdateFrom(d, args[0]); err != nil {
			th.Decref(d)
			return nil, err
		}
	}
	for _, k := range names {
		if err := th.DictSetStr(d, k, kw[k]); err != nil {
			th.Decref(d)
			return nil, err
		}
	}
	return d, nil
}

func constructSet(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("set", kw); err != nil {
		return nil, err
	}
	if err := th.atMostOneArg("set", args); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.NewSet(), nil
	}
	return th.setFrom(args[0])
}

func constructRange(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("range", kw); err != nil {
		return nil, err
	}
	if err := th.checkArgs("range", args, 1, 3); err != nil {
		return nil, err
	}
	var vals [3]int64
	for i, a := range args {
		v, err := th.intArg("range", a)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	r := &Range{step: 1}
	switch len(args) {
	case 1:
		r.stop = vals[0]
	case 2:
		r.start, r.stop = vals[0], vals[1]
	case 3:
		r.start, r.stop, r.step = vals[0], vals[1], vals[2]
		if r.step == 0 {
			return nil, th.Raise(th.rt.types.exc.ValueError, "range() arg 3 must not be zero")
		}
	}
	r.typ = th.rt.types.range_
	th.track(r)
	return r, nil
}
