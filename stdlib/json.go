package stdlib

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core"
)

// The json module: dumps and dump (skipkeys, ensure_ascii, check_circular,
// allow_nan, indent, separators, default, sort_keys), loads and load
// (object_hook, object_pairs_hook, parse_float, parse_int,
// parse_constant) and JSONDecodeError, with CPython's output byte for
// byte and its decoder's messages and positions ("Expecting value: line
// 1 column 1 (char 0)").
//
// JSONEncoder and JSONDecoder can be subclassed and given to dumps and
// loads as cls=.
//
// Differences from CPython: bytes given to loads must be UTF-8 (CPython also detects UTF-16 and
// UTF-32); a \ud800-\udfff escape that is not half of a surrogate pair
// decodes to U+FFFD (rwgil's str holds no lone surrogates).

func init() { add("json", loadJSON) }

// jsonMaxDepth bounds the nesting the encoder and decoder follow, as
// CPython's recursion limit does.
const jsonMaxDepth = 1000

// jsonModule is the json module of one runtime.
type jsonModule struct {
	decodeError *core.Type
	// encoderCls and decoderCls are JSONEncoder and JSONDecoder: dumps and
	// loads use them for keyword arguments they do not know, as CPython's
	// pass them on.
	encoderCls, decoderCls *core.Type
}

func loadJSON(th *core.Thread, name string) (*core.Module, error) {
	jm := &jsonModule{}
	ns := th.NewDict()
	defer th.Decref(ns)
	init := th.NewMethod("__init__", jm.decodeErrorInit)
	err := th.DictSetStr(ns, "__init__", init)
	th.Decref(init)
	if err != nil {
		return nil, err
	}
	cls, err := th.NewClass("JSONDecodeError", []*core.Type{th.RaiseType("ValueError")}, ns, "json.decoder")
	if err != nil {
		return nil, err
	}
	jm.decodeError = cls
	m, err := newNativeModule(th, name, jm.functions())
	if err != nil {
		th.Decref(cls)
		return nil, err
	}
	if err := setOwned(th, m.Dict(), "JSONDecodeError", cls); err != nil {
		th.Decref(m)
		return nil, err
	}
	enc, err := jm.encoderClass(th)
	if err != nil {
		th.Decref(m)
		return nil, err
	}
	jm.encoderCls = enc
	if err := setOwned(th, m.Dict(), "JSONEncoder", enc); err != nil {
		th.Decref(m)
		return nil, err
	}
	dec, err := jm.decoderClass(th)
	if err != nil {
		th.Decref(m)
		return nil, err
	}
	jm.decoderCls = dec
	if err := setOwned(th, m.Dict(), "JSONDecoder", dec); err != nil {
		th.Decref(m)
		return nil, err
	}
	return m, nil
}

// encoderOptions are JSONEncoder's keyword-only parameters, in the order
// of dumpsNames after obj and cls.
var encoderOptions = []string{"skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys", "indent", "separators", "default"}

// encoderClass makes json.JSONEncoder: its options as attributes,
// default() raising TypeError, and encode() and iterencode(), so that a
// subclass (passed as dumps's cls=) can override default.
func (jm *jsonModule) encoderClass(th *core.Thread) (*core.Type, error) {
	initSig := &signature{name: "JSONEncoder.__init__", names: encoderOptions, npos: 0, required: 0, python: true, self: 1}
	defaultSig := &signature{name: "JSONEncoder.default", names: []string{"o"}, npos: 1, required: 1, python: true, self: 1}
	encodeSig := &signature{name: "JSONEncoder.encode", names: []string{"o"}, npos: 1, required: 1, python: true, self: 1}
	iterSig := &signature{name: "JSONEncoder.iterencode", names: []string{"o", "_one_shot"}, npos: 2, required: 1, python: true, self: 1}
	encode := func(th *core.Thread, self, o core.Object) (string, error) {
		opts := make([]core.Object, len(dumpsNames)-1)
		defer func() {
			for _, x := range opts {
				th.XDecref(x)
			}
		}()
		for i, name := range dumpsNames[1:] {
			if name == "cls" || name == "separators" {
				continue
			}
			v, err := th.GetAttr(self, name)
			if err != nil {
				return "", err
			}
			opts[i] = v
		}
		item, err := th.GetAttr(self, "item_separator")
		if err != nil {
			return "", err
		}
		key, err := th.GetAttr(self, "key_separator")
		if err != nil {
			th.Decref(item)
			return "", err
		}
		opts[indexOf(dumpsNames[1:], "separators")] = th.NewTuple([]core.Object{item, key})
		return jm.dumps(th, o, opts)
	}
	methods := []nativeFunc{
		{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := initSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			self := args[0]
			rt := th.Runtime()
			defaults := map[string]core.Object{"skipkeys": rt.False, "ensure_ascii": rt.True, "check_circular": rt.True, "allow_nan": rt.True, "sort_keys": rt.False, "indent": rt.None}
			for i, name := range encoderOptions[:6] {
				v := a[i]
				if v == nil {
					v = defaults[name]
				}
				if err := th.SetAttr(self, name, v); err != nil {
					return nil, err
				}
			}
			separators, indent, def := a[6], a[5], a[7]
			switch {
			case !isNone(th, separators):
				for i, name := range []string{"item_separator", "key_separator"} {
					v, err := getIndex(th, separators, i)
					if err != nil {
						return nil, err
					}
					err = th.SetAttr(self, name, v)
					th.Decref(v)
					if err != nil {
						return nil, err
					}
				}
			case !isNone(th, indent):
				comma := th.NewStr(",")
				err := th.SetAttr(self, "item_separator", comma)
				th.Decref(comma)
				if err != nil {
					return nil, err
				}
			}
			if !isNone(th, def) {
				if err := th.SetAttr(self, "default", def); err != nil {
					return nil, err
				}
			}
			return rt.None, nil
		}},
		{"default", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := defaultSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			return nil, th.Raisef(th.RaiseType("TypeError"), "Object of type %s is not JSON serializable", a[0].Type().Name())
		}},
		{"encode", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := encodeSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			out, err := encode(th, args[0], a[0])
			if err != nil {
				return nil, err
			}
			return th.NewStr(out), nil
		}},
		{"iterencode", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := iterSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			out, err := encode(th, args[0], a[0])
			if err != nil {
				return nil, err
			}
			l := th.NewList([]core.Object{th.NewStr(out)})
			defer th.Decref(l)
			return th.Iter(l)
		}},
	}
	ns := th.NewDict()
	defer th.Decref(ns)
	for _, f := range methods {
		b := th.NewMethod(f.name, f.fn)
		err := th.DictSetStr(ns, f.name, b)
		th.Decref(b)
		if err != nil {
			return nil, err
		}
	}
	if err := setOwned(th, ns, "item_separator", th.NewStr(", ")); err != nil {
		return nil, err
	}
	if err := setOwned(th, ns, "key_separator", th.NewStr(": ")); err != nil {
		return nil, err
	}
	return th.NewClass("JSONEncoder", nil, ns, "json.encoder")
}

// dumpsWithClass is dumps(obj, cls=cls, ...): cls(**options).encode(obj),
// as CPython does; extra are the keyword arguments dumps does not know,
// passed on to cls.
func (jm *jsonModule) dumpsWithClass(th *core.Thread, cls, obj core.Object, opts []core.Object, extra map[string]core.Object) (core.Object, error) {
	rt := th.Runtime()
	kw := map[string]core.Object{}
	for k, v := range extra {
		kw[k] = v
	}
	defaults := map[string]core.Object{"skipkeys": rt.False, "ensure_ascii": rt.True, "check_circular": rt.True, "allow_nan": rt.True, "sort_keys": rt.False}
	for i, name := range dumpsNames[1:] {
		if name == "cls" {
			continue
		}
		v := opts[i]
		if v == nil {
			v = defaults[name]
			if v == nil {
				v = rt.None
			}
		}
		kw[name] = v
	}
	enc, err := th.Call(cls, nil, kw)
	if err != nil {
		return nil, err
	}
	defer th.Decref(enc)
	return th.CallMethod(enc, "encode", obj)
}

// decodeErrorInit is JSONDecodeError.__init__(self, msg, doc, pos): the
// message with its line and column, and the attributes msg, doc, pos,
// lineno and colno.
func (jm *jsonModule) decodeErrorInit(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	sig := &signature{name: "JSONDecodeError.__init__", names: []string{"msg", "doc", "pos"}, npos: 3, required: 3, python: true, self: 1}
	a, err := sig.bind(th, args[1:], kw)
	if err != nil {
		return nil, err
	}
	self := args[0]
	msg, err := th.Str(a[0])
	if err != nil {
		return nil, err
	}
	doc, err := th.StrArg("JSONDecodeError", a[1])
	if err != nil {
		return nil, err
	}
	pos, err := th.IntArg("JSONDecodeError", a[2])
	if err != nil {
		return nil, err
	}
	// lineno = doc.count('\n', 0, pos) + 1; colno = pos - doc.rfind('\n', 0, pos)
	runes := []rune(doc)
	p := int(min(max(pos, 0), int64(len(runes))))
	lineno, lastNL := 1, -1
	for k, r := range runes[:p] {
		if r == '\n' {
			lineno, lastNL = lineno+1, k
		}
	}
	colno := int(pos) - lastNL
	full := msg + ": line " + strconv.Itoa(lineno) + " column " + strconv.Itoa(colno) + " (char " + strconv.FormatInt(pos, 10) + ")"
	vinit, err := th.GetAttr(th.RaiseType("ValueError"), "__init__")
	if err != nil {
		return nil, err
	}
	fullObj := th.NewStr(full)
	r, err := th.Call(vinit, []core.Object{self, fullObj}, nil)
	th.Decref(vinit)
	th.Decref(fullObj)
	if err != nil {
		return nil, err
	}
	th.Decref(r)
	for _, attr := range []struct {
		name string
		v    core.Object
	}{{"msg", th.NewStr(msg)}, {"doc", th.NewStr(doc)}, {"pos", th.NewInt(pos)}, {"lineno", th.NewInt(int64(lineno))}, {"colno", th.NewInt(int64(colno))}} {
		err := th.SetAttr(self, attr.name, attr.v)
		th.Decref(attr.v)
		if err != nil {
			return nil, err
		}
	}
	return th.Runtime().None, nil
}

// raiseDecode raises JSONDecodeError(msg, doc, pos).
func (jm *jsonModule) raiseDecode(th *core.Thread, msg string, doc []rune, pos int) error {
	m, d, p := th.NewStr(msg), th.NewStr(string(doc)), th.NewInt(int64(pos))
	e, err := th.Call(jm.decodeError, []core.Object{m, d, p}, nil)
	th.Decref(m)
	th.Decref(d)
	th.Decref(p)
	if err != nil {
		return err
	}
	if exc, ok := e.(*core.Exception); ok {
		return exc
	}
	th.Decref(e)
	return th.Raise(th.RaiseType("SystemError"), "JSONDecodeError() did not make an exception")
}

var dumpsNames = []string{"obj", "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"}

func (jm *jsonModule) functions() []nativeFunc {
	dumpsSig := &signature{name: "dumps", names: dumpsNames, npos: 1, required: 1, python: true}
	dumpSig := &signature{name: "dump", names: append([]string{"obj", "fp"}, dumpsNames[1:]...), npos: 2, required: 2, python: true}
	loadsNames := []string{"s", "cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook"}
	loadsSig := &signature{name: "loads", names: loadsNames, npos: 1, required: 1, python: true}
	loadSig := &signature{name: "load", names: append([]string{"fp"}, loadsNames[1:]...), npos: 1, required: 1, python: true}
	return []nativeFunc{
		{"dumps", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			known, extra := splitKw(dumpsSig, kw)
			a, err := bindKnown(th, dumpsSig, args, known, extra, jm.encoderCls)
			if err != nil {
				return nil, err
			}
			if cls := a[5]; !isNone(th, cls) {
				return jm.dumpsWithClass(th, cls, a[0], a[1:], extra)
			}
			s, err := jm.dumps(th, a[0], a[1:])
			if err != nil {
				return nil, err
			}
			return th.NewStr(s), nil
		}},
		{"dump", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			known, extra := splitKw(dumpSig, kw)
			a, err := bindKnown(th, dumpSig, args, known, extra, jm.encoderCls)
			if err != nil {
				return nil, err
			}
			var so core.Object
			if cls := a[6]; !isNone(th, cls) {
				if so, err = jm.dumpsWithClass(th, cls, a[0], a[2:], extra); err != nil {
					return nil, err
				}
			} else {
				s, err := jm.dumps(th, a[0], a[2:])
				if err != nil {
					return nil, err
				}
				so = th.NewStr(s)
			}
			defer th.Decref(so)
			r, err := th.CallMethod(a[1], "write", so)
			if err != nil {
				return nil, err
			}
			th.Decref(r)
			return th.Runtime().None, nil
		}},
		{"loads", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			known, extra := splitKw(loadsSig, kw)
			a, err := bindKnown(th, loadsSig, args, known, extra, jm.decoderCls)
			if err != nil {
				return nil, err
			}
			return jm.loads(th, a[0], a[1:], extra)
		}},
		{"load", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			known, extra := splitKw(loadSig, kw)
			a, err := bindKnown(th, loadSig, args, known, extra, jm.decoderCls)
			if err != nil {
				return nil, err
			}
			s, err := th.CallMethod(a[0], "read")
			if err != nil {
				return nil, err
			}
			defer th.Decref(s)
			return jm.loads(th, s, a[1:], extra)
		}},
	}
}

// splitKw separates the keyword arguments sig names from the others.
func splitKw(sig *signature, kw map[string]core.Object) (known, extra map[string]core.Object) {
	for k, v := range kw {
		m := &known
		if indexOf(sig.names, k) < 0 {
			m = &extra
		}
		if *m == nil {
			*m = map[string]core.Object{}
		}
		(*m)[k] = v
	}
	return known, extra
}

// bindKnown binds like sig.bind, leaving out the keyword arguments sig
// does not name (extra): they go to the cls= class, or to JSONEncoder or
// JSONDecoder (clsDefault) when there is none, as CPython passes them on.
func bindKnown(th *core.Thread, sig *signature, args []core.Object, known, extra map[string]core.Object, clsDefault *core.Type) ([]core.Object, error) {
	a, err := sig.bind(th, args, known)
	if err != nil {
		return nil, err
	}
	if i := indexOf(sig.names, "cls"); len(extra) > 0 && isNone(th, a[i]) {
		a[i] = clsDefault
	}
	return a, nil
}

// jsonEncoder is the state of one dumps.
type jsonEncoder struct {
	th                                    *core.Thread
	skipkeys, ensureASCII, circ, allowNaN bool
	sortKeys                              bool
	indent                                *string
	itemSep, keySep                       string
	def                                   core.Object
	markers                               map[core.Object]bool
	depth                                 int // nesting of encode calls
	sb                                    strings.Builder
}

// dumps encodes obj with the options opts (in dumpsNames' order after
// obj; nil: the default).
func (jm *jsonModule) dumps(th *core.Thread, obj core.Object, opts []core.Object) (string, error) {
	e := &jsonEncoder{th: th, ensureASCII: true, circ: true, allowNaN: true, markers: map[core.Object]bool{}}
	flag := func(o core.Object, def bool) (bool, error) {
		if o == nil {
			return def, nil
		}
		return th.Truth(o)
	}
	var err error
	if e.skipkeys, err = flag(opts[0], false); err != nil {
		return "", err
	}
	if e.ensureASCII, err = flag(opts[1], true); err != nil {
		return "", err
	}
	if e.circ, err = flag(opts[2], true); err != nil {
		return "", err
	}
	if e.allowNaN, err = flag(opts[3], true); err != nil {
		return "", err
	}
	if !isNone(th, opts[4]) {
		return "", th.Raise(th.RaiseType("TypeError"), "rwgil's json.dumps() does not support cls=")
	}
	if !isNone(th, opts[5]) {
		var ind string
		if s, ok := opts[5].(*core.Str); ok {
			ind = s.String()
		} else {
			n, err := th.IntArg("dumps", opts[5])
			if err != nil {
				return "", th.Raisef(th.RaiseType("TypeError"), "can't multiply sequence by non-int of type '%s'", opts[5].Type().Name())
			}
			ind = strings.Repeat(" ", int(max(n, 0)))
		}
		e.indent = &ind
		e.itemSep, e.keySep = ",", ": "
	} else {
		e.itemSep, e.keySep = ", ", ": "
	}
	if !isNone(th, opts[6]) {
		n, err := th.Len(opts[6])
		if err != nil {
			return "", err
		}
		if n != 2 {
			return "", th.Raisef(th.RaiseType("ValueError"), "too many values to unpack (expected 2)")
		}
		for i, dst := range []*string{&e.itemSep, &e.keySep} {
			o, err := getIndex(th, opts[6], i)
			if err != nil {
				return "", err
			}
			s, ok := o.(*core.Str)
			th.Decref(o)
			if !ok {
				return "", th.Raisef(th.RaiseType("TypeError"), "make_encoder() argument 6 must be str, not %s", o.Type().Name())
			}
			*dst = s.String()
		}
	}
	if !isNone(th, opts[7]) {
		e.def = opts[7]
	}
	if e.sortKeys, err = flag(opts[8], false); err != nil {
		return "", err
	}
	if err := e.encode(obj, 0); err != nil {
		return "", err
	}
	return e.sb.String(), nil
}

func (e *jsonEncoder) newline(level int) {
	if e.indent != nil {
		e.sb.WriteByte('\n')
		for i := 0; i < level; i++ {
			e.sb.WriteString(*e.indent)
		}
	}
}

// floatStr is how json writes a float.
func (e *jsonEncoder) floatStr(o core.Object, f float64) (string, error) {
	var s string
	switch {
	case math.IsNaN(f):
		s = "NaN"
	case math.IsInf(f, 1):
		s = "Infinity"
	case math.IsInf(f, -1):
		s = "-Infinity"
	default:
		return e.th.Repr(o)
	}
	if !e.allowNaN {
		r, err := e.th.Repr(o)
		if err != nil {
			return "", err
		}
		return "", e.th.Raise(e.th.RaiseType("ValueError"), "Out of range float values are not JSON compliant: "+r)
	}
	return s, nil
}

func (e *jsonEncoder) enter(o core.Object) error {
	if e.circ {
		if e.markers[o] {
			return e.th.Raise(e.th.RaiseType("ValueError"), "Circular reference detected")
		}
		e.markers[o] = true
	}
	return nil
}

func (e *jsonEncoder) leave(o core.Object) { delete(e.markers, o) }

func (e *jsonEncoder) encode(o core.Object, level int) error {
	th := e.th
	if e.depth++; e.depth > jsonMaxDepth {
		return th.Raise(th.RaiseType("RecursionError"), "maximum recursion depth exceeded while encoding a JSON object")
	}
	defer func() { e.depth-- }()
	rt := th.Runtime()
	switch x := o.(type) {
	case *core.Str:
		e.writeString(x.String())
		return nil
	case *core.Bool:
		if o == rt.True {
			e.sb.WriteString("true")
		} else {
			e.sb.WriteString("false")
		}
		return nil
	case *core.Int:
		e.sb.WriteString(x.String())
		return nil
	case *core.Float:
		s, err := e.floatStr(o, x.Float64())
		if err != nil {
			return err
		}
		e.sb.WriteString(s)
		return nil
	case *core.List, *core.Tuple:
		return e.encodeList(o, level)
	case *core.Dict:
		return e.encodeDict(x, level)
	}
	if o == rt.None {
		e.sb.WriteString("null")
		return nil
	}
	if e.def == nil {
		return th.Raisef(th.RaiseType("TypeError"), "Object of type %s is not JSON serializable", o.Type().Name())
	}
	if err := e.enter(o); err != nil {
		return err
	}
	r, err := th.Call(e.def, []core.Object{o}, nil)
	if err != nil {
		return err
	}
	defer th.Decref(r)
	if err := e.encode(r, level); err != nil {
		return err
	}
	e.leave(o)
	return nil
}

func (e *jsonEncoder) encodeList(o core.Object, level int) error {
	th := e.th
	n, err := th.Len(o)
	if err != nil {
		return err
	}
	if n == 0 {
		e.sb.WriteString("[]")
		return nil
	}
	if err := e.enter(o); err != nil {
		return err
	}
	e.sb.WriteByte('[')
	for i := 0; ; i++ {
		item, err := getIndex(th, o, i)
		if err != nil {
			if core.IsExceptionNamed(err, "IndexError") {
				th.Discard(err) // the list shrank meanwhile
				break
			}
			return err
		}
		if i > 0 {
			e.sb.WriteString(e.itemSep)
		}
		e.newline(level + 1)
		err = e.encode(item, level+1)
		th.Decref(item)
		if err != nil {
			return err
		}
	}
	e.newline(level)
	e.sb.WriteByte(']')
	e.leave(o)
	return nil
}

func (e *jsonEncoder) encodeDict(d *core.Dict, level int) error {
	th := e.th
	rt := th.Runtime()
	n, err := th.Len(d)
	if err != nil {
		return err
	}
	if n == 0 {
		e.sb.WriteString("{}")
		return nil
	}
	if err := e.enter(d); err != nil {
		return err
	}
	keysObj, err := th.CallMethod(d, "keys")
	if err != nil {
		return err
	}
	keys := th.NewList(nil)
	defer th.Decref(keys)
	err = th.ListExtend(keys, keysObj)
	th.Decref(keysObj)
	if err != nil {
		return err
	}
	if e.sortKeys {
		if err := th.ListSort(keys, nil, false); err != nil {
			return err
		}
	}
	e.sb.WriteByte('{')
	first := true
	for i := 0; i < th.ListLen(keys); i++ {
		k, err := th.ListItem(keys, i)
		if err != nil {
			return err
		}
		var ks string
		switch x := k.(type) {
		case *core.Str:
			ks = x.String()
		case *core.Float:
			ks, err = e.floatStr(k, x.Float64())
		case *core.Bool:
			ks = "false"
			if k == rt.True {
				ks = "true"
			}
		case *core.Int:
			ks = x.String()
		default:
			if k == rt.None {
				ks = "null"
			} else if !e.skipkeys {
				err = th.Raisef(th.RaiseType("TypeError"), "keys must be str, int, float, bool or None, not %s", k.Type().Name())
			} else {
				th.Decref(k)
				continue
			}
		}
		if err != nil {
			th.Decref(k)
			return err
		}
		v, err := th.DictGet(d, k)
		th.Decref(k)
		if err != nil {
			return err
		}
		if v == nil {
			continue // removed meanwhile
		}
		if !first {
			e.sb.WriteString(e.itemSep)
		}
		first = false
		e.newline(level + 1)
		e.writeString(ks)
		e.sb.WriteString(e.keySep)
		err = e.encode(v, level+1)
		th.Decref(v)
		if err != nil {
			return err
		}
	}
	e.newline(level)
	e.sb.WriteByte('}')
	e.leave(d)
	return nil
}

const hexDigits = "0123456789abcdef"

func (e *jsonEncoder) writeString(s string) {
	sb := &e.sb
	sb.WriteByte('"')
	u4 := func(r rune) {
		sb.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			sb.WriteByte(hexDigits[(r>>uint(shift))&0xf])
		}
	}
	for _, r := range s {
		switch r {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		case '\b':
			sb.WriteString(`\b`)
		case '\f':
			sb.WriteString(`\f`)
		default:
			switch {
			case r < 0x20:
				u4(r)
			case r < 0x7f || !e.ensureASCII:
				sb.WriteRune(r)
			case r > 0xffff:
				r -= 0x10000
				u4(0xd800 | (r>>10)&0x3ff)
				u4(0xdc00 | r&0x3ff)
			default:
				u4(r)
			}
		}
	}
	sb.WriteByte('"')
}

// jsonDecoder is the state of one loads.
type jsonDecoder struct {
	th                                                         *core.Thread
	jm                                                         *jsonModule
	s                                                          []rune
	objectHook, pairsHook, parseFloat, parseInt, parseConstant core.Object
	nonStrict                                                  bool // strict=False: control characters in strings
}

// stop is the scanner's StopIteration: no value at pos.
type stop struct{ pos int }

func (stop) Error() string { return "no JSON value" }

func (jm *jsonModule) loads(th *core.Thread, so core.Object, opts []core.Object, extra map[string]core.Object) (core.Object, error) {
	var text string
	switch x := so.(type) {
	case *core.Str:
		text = x.String()
		if strings.HasPrefix(text, "\ufeff") {
			return nil, jm.raiseDecode(th, "Unexpected UTF-8 BOM (decode using utf-8-sig)", []rune(text), 0)
		}
	case *core.Bytes:
		b, _ := th.BytesLike(x)
		text = strings.TrimPrefix(string(b), "\ufeff")
		if !utf8.ValidString(text) {
			return nil, th.Raise(th.RaiseType("UnicodeDecodeError"), "'utf-8' codec can't decode the JSON document (rwgil's json.loads() takes UTF-8 bytes only)")
		}
	default:
		return nil, th.Raisef(th.RaiseType("TypeError"), "the JSON object must be str, bytes or bytearray, not %s", so.Type().Name())
	}
	if !isNone(th, opts[0]) {
		return jm.loadsWithClass(th, opts[0], text, opts[1:], extra)
	}
	d := &jsonDecoder{th: th, jm: jm, s: []rune(text)}
	hooks := []*core.Object{&d.objectHook, &d.parseFloat, &d.parseInt, &d.parseConstant, &d.pairsHook}
	for i, h := range hooks {
		if !isNone(th, opts[i+1]) {
			*h = opts[i+1]
		}
	}
	return d.decode()
}

// decode is JSONDecoder.decode: the one value of the document, between
// optional whitespace.
func (d *jsonDecoder) decode() (core.Object, error) {
	v, end, err := d.rawDecode(d.ws(0))
	if err != nil {
		return nil, err
	}
	if end = d.ws(end); end != len(d.s) {
		d.th.Decref(v)
		return nil, d.jm.raiseDecode(d.th, "Extra data", d.s, end)
	}
	return v, nil
}

// rawDecode is JSONDecoder.raw_decode: the value at idx and the index
// after it.
func (d *jsonDecoder) rawDecode(idx int) (core.Object, int, error) {
	v, end, err := d.value(idx, 0)
	if err != nil {
		if st, ok := err.(stop); ok {
			return nil, 0, d.jm.raiseDecode(d.th, "Expecting value", d.s, st.pos)
		}
		return nil, 0, err
	}
	return v, end, nil
}

// loadHooks are the hooks loads passes on to a decoder class, in the
// order of loads's parameters after cls.
var loadHooks = []string{"object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook"}

// loadsWithClass is loads(s, cls=cls, ...): cls(**hooks).decode(s), the
// hooks given (not None) and the extra keyword arguments passed on.
func (jm *jsonModule) loadsWithClass(th *core.Thread, cls core.Object, text string, hooks []core.Object, extra map[string]core.Object) (core.Object, error) {
	kw := map[string]core.Object{}
	for k, v := range extra {
		kw[k] = v
	}
	for i, name := range loadHooks {
		if !isNone(th, hooks[i]) {
			kw[name] = hooks[i]
		}
	}
	dec, err := th.Call(cls, nil, kw)
	if err != nil {
		return nil, err
	}
	defer th.Decref(dec)
	so := th.NewStr(text)
	defer th.Decref(so)
	return th.CallMethod(dec, "decode", so)
}

// decoderClass makes json.JSONDecoder: its hooks and strict as
// attributes, decode() and raw_decode().
func (jm *jsonModule) decoderClass(th *core.Thread) (*core.Type, error) {
	names := []string{"object_hook", "parse_float", "parse_int", "parse_constant", "strict", "object_pairs_hook"}
	initSig := &signature{name: "JSONDecoder.__init__", names: names, python: true, self: 1}
	decodeSig := &signature{name: "JSONDecoder.decode", names: []string{"s"}, npos: 1, required: 1, python: true, self: 1}
	rawSig := &signature{name: "JSONDecoder.raw_decode", names: []string{"s", "idx"}, npos: 2, required: 1, python: true, self: 1}
	// decoder reads self's attributes into a jsonDecoder of the text s.
	decoder := func(th *core.Thread, self, s core.Object) (*jsonDecoder, error) {
		str, ok := s.(*core.Str)
		if !ok {
			return nil, th.Raisef(th.RaiseType("TypeError"), "the JSON object must be str, not %s", s.Type().Name())
		}
		d := &jsonDecoder{th: th, jm: jm, s: []rune(str.String())}
		hooks := []*core.Object{&d.objectHook, &d.parseFloat, &d.parseInt, &d.parseConstant, nil, &d.pairsHook}
		for i, name := range names {
			v, err := th.GetAttr(self, name)
			if err != nil {
				return nil, err
			}
			if name == "strict" {
				strict, err := th.Truth(v)
				th.Decref(v)
				if err != nil {
					return nil, err
				}
				d.nonStrict = !strict
				continue
			}
			th.Decref(v) // self keeps it
			if !isNone(th, v) {
				*hooks[i] = v
			}
		}
		return d, nil
	}
	methods := []nativeFunc{
		{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := initSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			for i, name := range names {
				v := a[i]
				if v == nil {
					v = th.Runtime().None
					if name == "strict" {
						v = th.Runtime().True
					}
				}
				if err := th.SetAttr(args[0], name, v); err != nil {
					return nil, err
				}
			}
			return th.Runtime().None, nil
		}},
		{"decode", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := decodeSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			d, err := decoder(th, args[0], a[0])
			if err != nil {
				return nil, err
			}
			return d.decode()
		}},
		{"raw_decode", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := rawSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			d, err := decoder(th, args[0], a[0])
			if err != nil {
				return nil, err
			}
			idx := int64(0)
			if a[1] != nil {
				if idx, err = th.IntArg("raw_decode", a[1]); err != nil {
					return nil, err
				}
			}
			if idx < 0 || idx > int64(len(d.s)) {
				return nil, jm.raiseDecode(th, "Expecting value", d.s, int(idx))
			}
			v, end, err := d.rawDecode(int(idx))
			if err != nil {
				return nil, err
			}
			return th.NewTuple([]core.Object{v, th.NewInt(int64(end))}), nil
		}},
	}
	ns := th.NewDict()
	defer th.Decref(ns)
	for _, f := range methods {
		b := th.NewMethod(f.name, f.fn)
		err := th.DictSetStr(ns, f.name, b)
		th.Decref(b)
		if err != nil {
			return nil, err
		}
	}
	return th.NewClass("JSONDecoder", nil, ns, "json.decoder")
}

func (d *jsonDecoder) ws(i int) int {
	for i < len(d.s) && (d.s[i] == ' ' || d.s[i] == '\t' || d.s[i] == '\n' || d.s[i] == '\r') {
		i++
	}
	return i
}

func (d *jsonDecoder) fail(msg string, pos int) error { return d.jm.raiseDecode(d.th, msg, d.s, pos) }

func (d *jsonDecoder) has(i int, word string) bool {
	if i+len(word) > len(d.s) {
		return false
	}
	for k, c := range word {
		if d.s[i+k] != c {
			return false
		}
	}
	return true
}

// value scans one value at i (scan_once): the value and the index after
// it; a stop error if there is none at i.
func (d *jsonDecoder) value(i, depth int) (core.Object, int, error) {
	th := d.th
	rt := th.Runtime()
	if i >= len(d.s) {
		return nil, 0, stop{i}
	}
	switch c := d.s[i]; {
	case c == '"':
		s, end, err := d.str(i + 1)
		if err != nil {
			return nil, 0, err
		}
		return th.NewStr(s), end, nil
	case c == '{':
		return d.object(i+1, depth+1)
	case c == '[':
		return d.array(i+1, depth+1)
	case c == 'n' && d.has(i, "null"):
		return rt.None, i + 4, nil
	case c == 't' && d.has(i, "true"):
		return rt.True, i + 4, nil
	case c == 'f' && d.has(i, "false"):
		return rt.False, i + 5, nil
	case c == 'N' && d.has(i, "NaN"):
		return d.constant("NaN", math.NaN(), i+3)
	case c == 'I' && d.has(i, "Infinity"):
		return d.constant("Infinity", math.Inf(1), i+8)
	case c == '-' && d.has(i, "-Infinity"):
		return d.constant("-Infinity", math.Inf(-1), i+9)
	}
	return d.number(i)
}

func (d *jsonDecoder) constant(name string, v float64, end int) (core.Object, int, error) {
	if d.parseConstant != nil {
		arg := d.th.NewStr(name)
		defer d.th.Decref(arg)
		r, err := d.th.Call(d.parseConstant, []core.Object{arg}, nil)
		return r, end, err
	}
	return d.th.NewFloat(v), end, nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// number is _match_number_unicode.
func (d *jsonDecoder) number(start int) (core.Object, int, error) {
	th := d.th
	s, i := d.s, start
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i++; i < len(s) && isDigit(s[i]); i++ {
		}
	case i < len(s) && s[i] == '0':
		i++
	default:
		return nil, 0, stop{start}
	}
	isFloat := false
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		isFloat = true
		for i += 2; i < len(s) && isDigit(s[i]); i++ {
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		eStart := i
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		digits := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i > digits {
			isFloat = true
		} else {
			i = eStart
		}
	}
	text := string(s[start:i])
	hook := d.parseInt
	if isFloat {
		hook = d.parseFloat
	}
	if hook != nil {
		arg := th.NewStr(text)
		defer th.Decref(arg)
		r, err := th.Call(hook, []core.Object{arg}, nil)
		return r, i, err
	}
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !math.IsInf(f, 0) {
			return nil, 0, th.Raisef(th.RaiseType("ValueError"), "could not convert string to float: '%s'", text)
		}
		return th.NewFloat(f), i, nil
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return th.NewInt(n), i, nil
	}
	b, _ := new(big.Int).SetString(text, 10)
	return th.NewBigInt(b), i, nil
}

// str is scanstring: the string whose opening quote is at begin-1, and
// the index after its closing quote.
func (d *jsonDecoder) str(begin int) (string, int, error) {
	s := d.s
	var sb strings.Builder
	hex4 := func(at int) (rune, bool) {
		var r rune
		for k := 0; k < 4; k++ {
			c := s[at+k]
			switch {
			case c >= '0' && c <= '9':
				r = r<<4 | (c - '0')
			case c >= 'a' && c <= 'f':
				r = r<<4 | (c - 'a' + 10)
			case c >= 'A' && c <= 'F':
				r = r<<4 | (c - 'A' + 10)
			default:
				return 0, false
			}
		}
		return r, true
	}
	for i := begin; ; {
		if i >= len(s) {
			return "", 0, d.fail("Unterminated string starting at", begin-1)
		}
		c := s[i]
		switch {
		case c == '"':
			return sb.String(), i + 1, nil
		case c < 0x20 && !d.nonStrict:
			return "", 0, d.fail("Invalid control character at", i)
		case c != '\\':
			sb.WriteRune(c)
			i++
			continue
		}
		// A backslash at i.
		if i+1 >= len(s) {
			return "", 0, d.fail("Unterminated string starting at", begin-1)
		}
		esc := s[i+1]
		if esc != 'u' {
			m, ok := map[rune]rune{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[esc]
			if !ok {
				return "", 0, d.fail("Invalid \\escape", i)
			}
			sb.WriteRune(m)
			i += 2
			continue
		}
		u := i + 1
		if u+1+4 >= len(s) {
			return "", 0, d.fail("Invalid \\uXXXX escape", u)
		}
		r, ok := hex4(u + 1)
		if !ok {
			return "", 0, d.fail("Invalid \\uXXXX escape", u)
		}
		i = u + 5
		if r >= 0xd800 && r <= 0xdbff && i+6 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
			r2, ok := hex4(i + 2)
			if !ok {
				return "", 0, d.fail("Invalid \\uXXXX escape", i+1)
			}
			if r2 >= 0xdc00 && r2 <= 0xdfff {
				r = 0x10000 + (r-0xd800)<<10 + (r2 - 0xdc00)
				i += 6
			}
		}
		sb.WriteRune(r) // a lone surrogate becomes U+FFFD
	}
}

func (d *jsonDecoder) depthError() error {
	return d.th.Raise(d.th.RaiseType("RecursionError"), "maximum recursion depth exceeded while decoding a JSON document")
}

// array scans the rest of an array whose '[' is at i-1.
func (d *jsonDecoder) array(i, depth int) (core.Object, int, error) {
	th := d.th
	if depth > jsonMaxDepth {
		return nil, 0, d.depthError()
	}
	var items []core.Object
	fail := func(err error) (core.Object, int, error) {
		decrefAll(th, items)
		return nil, 0, err
	}
	i = d.ws(i)
	if i < len(d.s) && d.s[i] == ']' {
		return th.NewList(nil), i + 1, nil
	}
	for {
		v, end, err := d.value(i, depth)
		if err != nil {
			if st, ok := err.(stop); ok {
				return fail(d.fail("Expecting value", st.pos))
			}
			return fail(err)
		}
		items = append(items, v)
		i = d.ws(end)
		if i < len(d.s) && d.s[i] == ']' {
			return th.NewList(items), i + 1, nil
		}
		if i >= len(d.s) || d.s[i] != ',' {
			return fail(d.fail("Expecting ',' delimiter", i))
		}
		i = d.ws(i + 1)
	}
}

// object scans the rest of an object whose '{' is at i-1.
func (d *jsonDecoder) object(i, depth int) (core.Object, int, error) {
	th := d.th
	if depth > jsonMaxDepth {
		return nil, 0, d.depthError()
	}
	var pairs []core.Object // key, value, key, value, ...
	fail := func(err error) (core.Object, int, error) {
		decrefAll(th, pairs)
		return nil, 0, err
	}
	i = d.ws(i)
	if i >= len(d.s) || d.s[i] != '"' {
		if i < len(d.s) && d.s[i] == '}' {
			return d.finishObject(nil, i+1)
		}
		return fail(d.fail("Expecting property name enclosed in double quotes", i))
	}
	for {
		key, end, err := d.str(i + 1)
		if err != nil {
			return fail(err)
		}
		i = d.ws(end)
		if i >= len(d.s) || d.s[i] != ':' {
			return fail(d.fail("Expecting ':' delimiter", i))
		}
		i = d.ws(i + 1)
		v, end, err := d.value(i, depth)
		if err != nil {
			if st, ok := err.(stop); ok {
				return fail(d.fail("Expecting value", st.pos))
			}
			return fail(err)
		}
		pairs = append(pairs, th.NewStr(key), v)
		i = d.ws(end)
		if i < len(d.s) && d.s[i] == '}' {
			return d.finishObject(pairs, i+1)
		}
		if i >= len(d.s) || d.s[i] != ',' {
			return fail(d.fail("Expecting ',' delimiter", i))
		}
		i = d.ws(i + 1)
		if i >= len(d.s) || d.s[i] != '"' {
			return fail(d.fail("Expecting property name enclosed in double quotes", i))
		}
	}
}

// finishObject makes the object's dict (or the hooks' result) from pairs,
// whose references it takes.
func (d *jsonDecoder) finishObject(pairs []core.Object, end int) (core.Object, int, error) {
	th := d.th
	if d.pairsHook != nil {
		tuples := make([]core.Object, 0, len(pairs)/2)
		for k := 0; k < len(pairs); k += 2 {
			tuples = append(tuples, th.NewTuple([]core.Object{pairs[k], pairs[k+1]}))
		}
		l := th.NewList(tuples)
		defer th.Decref(l)
		r, err := th.Call(d.pairsHook, []core.Object{l}, nil)
		return r, end, err
	}
	dict := th.NewDict()
	for k := 0; k < len(pairs); k += 2 {
		err := th.DictSet(dict, pairs[k], pairs[k+1])
		if err != nil {
			decrefAll(th, pairs[k:])
			th.Decref(dict)
			return nil, 0, err
		}
		th.Decref(pairs[k])
		th.Decref(pairs[k+1])
	}
	if d.objectHook != nil {
		defer th.Decref(dict)
		r, err := th.Call(d.objectHook, []core.Object{dict}, nil)
		return r, end, err
	}
	return dict, end, nil
}
