package core

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// method defines a method of a built-in type: args[0] is self.
type method struct {
	name string
	fn   BuiltinFunc
}

// initMethods fills in the method tables of the built-in types and
// freezes them.
func (rt *Runtime) initMethods() {
	ty := &rt.types
	tables := map[*Type][]method{
		ty.list:         listMethods,
		ty.dict:         dictMethods,
		ty.set:          setMethods,
		ty.str:          strMethods,
		ty.tuple:        tupleMethods,
		ty.threadHandle: threadHandleMethods,
		ty.lock:         lockMethods,
		ty.rlock:        rlockMethods,
	}
	for _, t := range rt.typeByID {
		if t == nil || !t.builtin {
			continue
		}
		d := rt.immortalDict(true)
		for _, m := range tables[t] {
			rt.dictInit(d, m.name, rt.immortalBuiltin(m.name, m.fn, true))
		}
		t.dict = d
	}
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
	d.insertNew(-1, hash, key, value)
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
		if err := th.methodArgs("pop", args, kw, 0, 1); err != nil {
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
		if err := th.methodArgs("insert", args, kw, 2, 2); err != nil {
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
		if err := th.methodArgs("index", args, kw, 1, 1); err != nil {
			return nil, err
		}
		i, err := th.listIndex(self[*List](args), args[1])
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
		if err := th.checkArgs("sort", args[1:], 0, 0); err != nil {
			return nil, err
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

// methodArgs checks a method's arguments (after self) and that it takes
// no keywords; messages name it as CPython does ("list.append").
func (th *Thread) methodArgs(name string, args []Object, kw map[string]Object, min, max int) error {
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
		if err := th.methodArgs("get", args, kw, 1, 2); err != nil {
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
		if err := th.methodArgs("setdefault", args, kw, 1, 2); err != nil {
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
		if err := th.checkArgs("update", args[1:], 0, 1); err != nil {
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
		keys, values := th.dictItems(self[*Dict](args))
		th.decrefAll(values)
		return th.NewList(keys), nil
	}},
	{"values", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("values", args, kw, 0, 0); err != nil {
			return nil, err
		}
		keys, values := th.dictItems(self[*Dict](args))
		th.decrefAll(keys)
		return th.NewList(values), nil
	}},
	{"items", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("items", args, kw, 0, 0); err != nil {
			return nil, err
		}
		keys, values := th.dictItems(self[*Dict](args))
		pairs := make([]Object, len(keys))
		for i := range keys {
			pairs[i] = th.NewTuple([]Object{keys[i], values[i]})
		}
		return th.NewList(pairs), nil
	}},
	{"pop", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("pop", args, kw, 1, 2); err != nil {
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

// dictUpdateFrom is D.update(x) for a dict, or an iterable of pairs.
func (th *Thread) dictUpdateFrom(d *Dict, x Object) error {
	if src, ok := x.(*Dict); ok {
		return th.dictUpdate(d, src)
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

var setMethods = []method{
	{"add", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("add", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.rt.None, th.SetAdd(self[*Set](args), args[1])
	}},
	{"remove", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("remove", args, kw, 1, 1); err != nil {
			return nil, err
		}
		found, err := th.setDiscard(self[*Set](args), args[1])
		if err == nil && !found {
			err = th.raiseWithArg(th.rt.types.exc.KeyError, args[1])
		}
		return th.rt.None, err
	}},
	{"discard", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("discard", args, kw, 1, 1); err != nil {
			return nil, err
		}
		_, err := th.setDiscard(self[*Set](args), args[1])
		return th.rt.None, err
	}},
	{"pop", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("pop", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := self[*Set](args)
		th.beginCS(s)
		defer th.endCS()
		for i, e := range s.entries {
			if e.key != nil {
				for p := newProbe(e.hash, len(s.index)); ; p.next() {
					if int(s.index[p.i]) == i {
						k, _ := s.remove(i, int(p.i))
						return k, nil
					}
				}
			}
		}
		return nil, th.Raise(th.rt.types.exc.KeyError, "pop from an empty set")
	}},
	{"clear", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("clear", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := self[*Set](args)
		th.beginCS(s)
		es := s.takeAll()
		th.endCS()
		for _, e := range es {
			th.Decref(e.key)
		}
		return th.rt.None, nil
	}},
	{"copy", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("copy", args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.setFrom(self[*Set](args))
	}},
	{"update", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("update", args, kw, 1, 1); err != nil {
			return nil, err
		}
		items, err := th.collect(args[1])
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(items)
		for _, it := range items {
			if err := th.SetAdd(self[*Set](args), it); err != nil {
				return nil, err
			}
		}
		return th.rt.None, nil
	}},
	{"union", setOpMethod("union", OpOr)},
	{"intersection", setOpMethod("intersection", OpAnd)},
	{"difference", setOpMethod("difference", OpSub)},
}

func setOpMethod(name string, op BinOp) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		other, ok := args[1].(*Set)
		if !ok {
			o, err := th.setFrom(args[1])
			if err != nil {
				return nil, err
			}
			defer th.Decref(o)
			other = o.(*Set)
		}
		return th.setOp(op, self[*Set](args), other)
	}
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
		if err := th.methodArgs("index", args, kw, 1, 1); err != nil {
			return nil, err
		}
		for i, it := range self[*Tuple](args).items {
			eq, err := th.CompareBool(it, args[1], CmpEq)
			if err != nil {
				return nil, err
			}
			if eq {
				return th.NewInt(int64(i)), nil
			}
		}
		return nil, th.Raise(th.rt.types.exc.ValueError, "tuple.index(x): x not in tuple")
	}},
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("count", args, kw, 1, 1); err != nil {
			return nil, err
		}
		return th.countEqual(self[*Tuple](args).items, args[1])
	}},
}

var strMethods = []method{
	{"join", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("join", args, kw, 1, 1); err != nil {
			return nil, err
		}
		items, err := th.collect(args[1])
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(items)
		parts := make([]string, len(items))
		sep := self[*Str](args).s
		total := int64(len(sep)) * int64(max(len(items)-1, 0))
		for i, it := range items {
			s, ok := it.(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "sequence item %d: expected str instance, %s found", i, it.Type().name)
			}
			parts[i] = s.s
			total += int64(len(s.s))
		}
		if err := th.memCheck(total); err != nil {
			return nil, err
		}
		return th.NewStr(strings.Join(parts, sep)), nil
	}},
	{"split", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs("str.split", kw, "sep", "maxsplit"); err != nil {
			return nil, err
		}
		if err := th.checkArgs("str.split", args[1:], 0, 2); err != nil {
			return nil, err
		}
		for i, name := range []string{"sep", "maxsplit"} {
			if v, ok := kw[name]; ok {
				if len(args) > i+1 {
					return nil, th.Raisef(th.rt.types.exc.TypeError, "argument for str.split() given by name ('%s') and position (%d)", name, i+1)
				}
				for len(args) < i+1 {
					args = append(args, th.rt.None)
				}
				args = append(args, v)
			}
		}
		s := self[*Str](args).s
		n := -1
		if len(args) == 3 {
			v, err := th.intArg("split", args[2])
			if err != nil {
				return nil, err
			}
			if v >= 0 {
				n = int(v) + 1
			}
		}
		var parts []string
		if len(args) < 2 || args[1] == th.rt.None {
			parts = splitWhitespace(s, n)
		} else {
			sep, err := th.strArg("split", args[1])
			if err != nil {
				return nil, err
			}
			if sep == "" {
				return nil, th.Raise(th.rt.types.exc.ValueError, "empty separator")
			}
			parts = strings.SplitN(s, sep, n)
		}
		out := make([]Object, len(parts))
		for i, p := range parts {
			out[i] = th.NewStr(p)
		}
		return th.NewList(out), nil
	}},
	{"strip", strTrim("strip", strings.Trim, func(s string) string { return strings.TrimFunc(s, isSpace) })},
	{"lstrip", strTrim("lstrip", strings.TrimLeft, func(s string) string { return strings.TrimLeftFunc(s, isSpace) })},
	{"rstrip", strTrim("rstrip", strings.TrimRight, func(s string) string { return strings.TrimRightFunc(s, isSpace) })},
	{"upper", strMap("upper", strings.ToUpper)},
	{"lower", strMap("lower", strings.ToLower)},
	{"startswith", strTest("startswith", strings.HasPrefix)},
	{"endswith", strTest("endswith", strings.HasSuffix)},
	{"find", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("find", args, kw, 1, 3); err != nil {
			return nil, err
		}
		sub, err := th.strArg("find", args[1])
		if err != nil {
			return nil, err
		}
		// Search s[start:end], in code points; the result is an index
		// into s.
		r := self[*Str](args).runes()
		var bnd [2]sliceIndex
		bnd[1].none = true
		for i := 2; i < len(args); i++ {
			if bnd[i-2], err = th.sliceIndexOf(args[i]); err != nil {
				return nil, err
			}
		}
		start, end := bounds(bnd[0], bnd[1], len(r))
		i := strings.Index(string(r[start:end]), sub)
		if i >= 0 {
			i = start + len([]rune(string(r[start:end])[:i]))
		} else if sub == "" && start <= len(r) {
			i = start
		}
		return th.NewInt(int64(i)), nil
	}},
	{"replace", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("replace", args, kw, 2, 3); err != nil {
			return nil, err
		}
		old, err := th.strArg("replace", args[1])
		if err != nil {
			return nil, err
		}
		repl, err := th.strArg("replace", args[2])
		if err != nil {
			return nil, err
		}
		n := -1
		if len(args) == 4 {
			v, err := th.intArg("replace", args[3])
			if err != nil {
				return nil, err
			}
			n = int(v)
		}
		s := self[*Str](args).s
		if len(repl) > len(old) {
			k := int64(strings.Count(s, old))
			if n >= 0 {
				k = min(k, int64(n))
			}
			if err := th.memCheck(int64(len(s)) + k*int64(len(repl)-len(old))); err != nil {
				return nil, err
			}
		}
		return th.NewStr(strings.Replace(s, old, repl, n)), nil
	}},
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("count", args, kw, 1, 1); err != nil {
			return nil, err
		}
		sub, err := th.strArg("count", args[1])
		if err != nil {
			return nil, err
		}
		s := self[*Str](args)
		if sub == "" {
			return th.NewInt(int64(s.length() + 1)), nil
		}
		return th.NewInt(int64(strings.Count(s.s, sub))), nil
	}},
	{"isdigit", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("isdigit", args, kw, 0, 0); err != nil {
			return nil, err
		}
		s := self[*Str](args).s
		ok := s != ""
		for _, r := range s {
			ok = ok && unicode.IsDigit(r)
		}
		return th.rt.Bool(ok), nil
	}},
}

// splitWhitespace is s.split() (n < 0) or s.split(None, n-1): runs of
// Python white space separate, and the n-th field takes the rest.
func splitWhitespace(s string, n int) []string {
	if n < 0 {
		return strings.FieldsFunc(s, isSpace)
	}
	var out []string
	s = strings.TrimLeftFunc(s, isSpace)
	for s != "" && len(out) < n-1 {
		i := strings.IndexFunc(s, isSpace)
		if i < 0 {
			break
		}
		out = append(out, s[:i])
		s = strings.TrimLeftFunc(s[i:], isSpace)
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

func strTrim(name string, trim func(string, string) string, space func(string) string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 0, 1); err != nil {
			return nil, err
		}
		s := self[*Str](args).s
		if len(args) == 1 || args[1] == th.rt.None {
			return th.NewStr(space(s)), nil
		}
		chars, err := th.strArg(name, args[1])
		if err != nil {
			return nil, err
		}
		return th.NewStr(trim(s, chars)), nil
	}
}

func strMap(name string, f func(string) string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		return th.NewStr(f(self[*Str](args).s)), nil
	}
}

func strTest(name string, f func(string, string) bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		s := self[*Str](args).s
		bad := func(o Object) error {
			return th.Raisef(th.rt.types.exc.TypeError, "%s first arg must be str or a tuple of str, not %s", name, o.Type().name)
		}
		if t, ok := args[1].(*Tuple); ok {
			for _, it := range t.items {
				p, ok := it.(*Str)
				if !ok {
					return nil, bad(it)
				}
				if f(s, p.s) {
					return th.rt.True, nil
				}
			}
			return th.rt.False, nil
		}
		p, ok := args[1].(*Str)
		if !ok {
			return nil, bad(args[1])
		}
		return th.rt.Bool(f(s, p.s)), nil
	}
}

// Constructors of the built-in types (called as int(x), list(x), ...).

// constructType is type(o): o's class. (Making a class with three
// arguments is BUILD_CLASS's job.)
func constructType(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.funcArgs("type", args, kw, 1, 1); err != nil {
		return nil, err
	}
	return th.newRef(args[0].Type()), nil
}

func constructObject(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkArgs("object", args, 0, 0); err != nil {
		return nil, err
	}
	if err := th.checkKwargs("object", kw); err != nil {
		return nil, err
	}
	i := &Instance{dict: th.NewDict()}
	i.typ = th.rt.types.object
	th.track(i)
	return i, nil
}

func constructInt(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("int", kw, "base"); err != nil {
		return nil, err
	}
	if err := th.checkArgs("int", args, 0, 2); err != nil {
		return nil, err
	}
	if b, ok := kw["base"]; ok {
		args = append(args, b)
	}
	if len(args) == 0 {
		return th.NewInt(0), nil
	}
	if len(args) == 2 {
		s, ok := args[0].(*Str)
		if !ok {
			return nil, th.Raise(th.rt.types.exc.TypeError, "int() can't convert non-string with explicit base")
		}
		base, err := th.intArg("int", args[1])
		if err != nil {
			return nil, err
		}
		return th.parseInt(s.s, int(base))
	}
	switch x := args[0].(type) {
	case *Int:
		return th.newRef(x), nil
	case *Bool:
		v, _, _ := intValue(x)
		return th.NewInt(v), nil
	case *Float:
		switch {
		case math.IsInf(x.v, 0):
			return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot convert float infinity to integer")
		case math.IsNaN(x.v):
			return nil, th.Raise(th.rt.types.exc.ValueError, "cannot convert float NaN to integer")
		}
		b, _ := big.NewFloat(math.Trunc(x.v)).Int(nil)
		return th.NewBigInt(b), nil
	case *Str:
		return th.parseInt(x.s, 10)
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'", args[0].Type().name)
}

// parseInt is int(s, base) with Python's syntax: surrounding whitespace,
// a sign, underscores between digits, and a 0x/0o/0b prefix for base 0
// (or the matching base).
func (th *Thread) parseInt(s string, base int) (Object, error) {
	if base != 0 && (base < 2 || base > 36) {
		return nil, th.Raise(th.rt.types.exc.ValueError, "int() base must be >= 2 and <= 36, or 0")
	}
	bad := func() (Object, error) {
		return nil, th.Raisef(th.rt.types.exc.ValueError, "invalid literal for int() with base %d: %s", base, strRepr(s))
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
	if len(digits) > maxStrDigits && base&(base-1) != 0 {
		if _, ok := new(big.Int).SetString(digits[:1], base); ok {
			return nil, th.Raisef(th.rt.types.exc.ValueError, "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", maxStrDigits, len(digits))
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
		return th.newRef(x), nil
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
			return nil, th.Raisef(th.rt.types.exc.ValueError, "could not convert string to float: %s", strRepr(x.s))
		}
		return th.NewFloat(f), nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "float() argument must be a string or a real number, not '%s'", args[0].Type().name)
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
	if err := th.checkKwargs("str", kw); err != nil {
		return nil, err
	}
	if err := th.checkArgs("str", args, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.rt.emptyStr, nil
	}
	if s, ok := args[0].(*Str); ok {
		return th.newRef(s), nil
	}
	s, err := th.Str(args[0])
	if err != nil {
		return nil, err
	}
	return th.NewStr(s), nil
}

func constructTuple(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if err := th.checkKwargs("tuple", kw); err != nil {
		return nil, err
	}
	if err := th.checkArgs("tuple", args, 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return th.rt.emptyTuple, nil
	}
	if t, ok := args[0].(*Tuple); ok {
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
	if err := th.checkArgs("list", args, 0, 1); err != nil {
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
	if err := th.checkArgs("dict", args, 0, 1); err != nil {
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
	if err := th.checkArgs("set", args, 0, 1); err != nil {
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
