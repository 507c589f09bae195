package stdlib

import (
	"encoding/binary"
	"math"
	"math/big"
	"sync"
	"sync/atomic"

	"github.com/rwgil/rwgil/core"
)

// The struct module: pack, unpack, unpack_from, pack_into, calcsize,
// iter_unpack, the class Struct and the exception struct.error, with
// CPython's format language -- the byte orders @ (native order, sizes
// and alignment: x86-64 Linux's), = < > !, the codes x c b B ? h H i I l
// L q Q n N e f d s p P and repeat counts -- and its error messages.
//
// Differences from CPython: iter_unpack unpacks the whole buffer at the
// call and returns an iterator over the tuples; a Struct's format and
// size are plain attributes (CPython's are read-only); memoryview and
// other buffer-protocol objects are not accepted (rwgil has none).

func init() { add("struct", loadStruct) }

// structCode is one format code: its size and alignment (alignment 0:
// the code is valid in native mode only), and whether it is signed.
type structCode struct {
	size, nativeSize, align int
	kind                    byte // 'i' integer, 'f' float, '?', 'c', 's', 'p', 'x'
	signed                  bool
	nativeOnly              bool
}

var structCodes = map[byte]structCode{
	'x': {1, 1, 1, 'x', false, false},
	'c': {1, 1, 1, 'c', false, false},
	'b': {1, 1, 1, 'i', true, false},
	'B': {1, 1, 1, 'i', false, false},
	'?': {1, 1, 1, '?', false, false},
	'h': {2, 2, 2, 'i', true, false},
	'H': {2, 2, 2, 'i', false, false},
	'i': {4, 4, 4, 'i', true, false},
	'I': {4, 4, 4, 'i', false, false},
	'l': {4, 8, 8, 'i', true, false},
	'L': {4, 8, 8, 'i', false, false},
	'q': {8, 8, 8, 'i', true, false},
	'Q': {8, 8, 8, 'i', false, false},
	'n': {8, 8, 8, 'i', true, true},
	'N': {8, 8, 8, 'i', false, true},
	'P': {8, 8, 8, 'i', false, true},
	'e': {2, 2, 2, 'f', false, false},
	'f': {4, 4, 4, 'f', false, false},
	'd': {8, 8, 8, 'f', false, false},
	's': {1, 1, 1, 's', false, false},
	'p': {1, 1, 1, 'p', false, false},
}

// structItem is one packed value: its code, where it goes and how big it
// is (for s and p, the whole string).
type structItem struct {
	code   byte
	offset int
	size   int
	c      structCode
}

// structFormat is a compiled format.
type structFormat struct {
	format string
	items  []structItem
	size   int
	big    bool // big-endian
	native bool // '@': native sizes (and float casts without range checks)
}

// compileFormat parses a format as CPython's prepare_s does; the error
// is struct.error's message.
func compileFormat(format string) (*structFormat, string) {
	f := &structFormat{format: format, native: true}
	s := format
	if len(s) > 0 {
		switch s[0] {
		case '@':
			s = s[1:]
		case '=', '<':
			f.native, s = false, s[1:]
		case '>', '!':
			f.native, f.big, s = false, true, s[1:]
		}
	}
	size := 0
	const maxSize = math.MaxInt64 / 2
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
			continue
		}
		num := 1
		if c >= '0' && c <= '9' {
			num = 0
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				if num > (maxSize-9)/10 {
					return nil, "total struct size too long"
				}
				num = num*10 + int(s[i]-'0')
				i++
			}
			if i == len(s) {
				return nil, "repeat count given without format specifier"
			}
			c = s[i]
		}
		i++
		code, ok := structCodes[c]
		if !ok || code.nativeOnly && !f.native {
			return nil, "bad char in struct format"
		}
		isz := code.size
		if f.native {
			isz = code.nativeSize
			if a := code.align; a > 1 {
				size = (size + a - 1) / a * a
			}
		}
		switch code.kind {
		case 's', 'p':
			f.items = append(f.items, structItem{c, size, num, code})
			size += num
		case 'x':
			size += num
		default:
			if num > (maxSize-size)/isz {
				return nil, "total struct size too long"
			}
			for k := 0; k < num; k++ {
				f.items = append(f.items, structItem{c, size + k*isz, isz, code})
			}
			size += num * isz
		}
		if size > maxSize {
			return nil, "total struct size too long"
		}
	}
	f.size = size
	return f, ""
}

// structModule is the struct module of one runtime.
type structModule struct {
	errType *core.Type
	cls     *core.Type
	cache   sync.Map // format string -> *structFormat
	cached  atomic.Int32
}

// structFormats holds each Struct instance's compiled format.
var structFormats hiddenState[*structFormat]

func (sm *structModule) fail(th *core.Thread, msg string) error { return th.Raise(sm.errType, msg) }

// formatOf compiles a format argument (a str or bytes), with a cache.
func (sm *structModule) formatOf(th *core.Thread, o core.Object) (*structFormat, error) {
	var s string
	switch x := o.(type) {
	case *core.Str:
		s = x.String()
	case *core.Bytes:
		b, _ := th.BytesLike(x)
		s = string(b)
	default:
		return nil, th.Raisef(th.RaiseType("TypeError"), "Struct() argument 1 must be a str or bytes object, not %s", o.Type().Name())
	}
	if f, ok := sm.cache.Load(s); ok {
		return f.(*structFormat), nil
	}
	f, msg := compileFormat(s)
	if msg != "" {
		return nil, sm.fail(th, msg)
	}
	if sm.cached.Add(1) <= 1000 {
		sm.cache.Store(s, f)
	}
	return f, nil
}

// structOf returns the compiled format of a Struct instance.
func (sm *structModule) structOf(th *core.Thread, fname string, self core.Object) (*structFormat, error) {
	inst, ok := self.(*core.Instance)
	if ok && inst.Type().IsSubtype(sm.cls) {
		if f, ok := structFormats.get(inst); ok {
			return f, nil
		}
		return nil, th.Raise(th.RaiseType("RuntimeError"), "Struct.__init__() was not called")
	}
	return nil, th.Raisef(th.RaiseType("TypeError"), "descriptor '%s' for '_struct.Struct' objects doesn't apply to a '%s' object", fname, self.Type().Name())
}

// pack packs values into buf (len f.size).
func (sm *structModule) pack(th *core.Thread, f *structFormat, fname string, buf []byte, values []core.Object) error {
	if len(values) != len(f.items) {
		return sm.fail(th, fname+" expected "+itoa(len(f.items))+" items for packing (got "+itoa(len(values))+")")
	}
	var order binary.ByteOrder = binary.LittleEndian
	if f.big {
		order = binary.BigEndian
	}
	for i, it := range f.items {
		v := values[i]
		dst := buf[it.offset : it.offset+it.size]
		switch it.c.kind {
		case 'i':
			if u, ok := smallInt(v, it); ok {
				putUint(order, dst, u)
				continue
			}
			n, err := sm.intValue(th, v)
			if err != nil {
				return err
			}
			bits := uint(8 * it.size)
			lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), bits)
			if it.c.signed {
				hi.Rsh(hi, 1)
				lo.Neg(hi)
			}
			hi.Sub(hi, big.NewInt(1))
			if n.Cmp(lo) < 0 || n.Cmp(hi) > 0 {
				return sm.fail(th, "'"+string(it.code)+"' format requires "+lo.String()+" <= number <= "+hi.String())
			}
			u := uint64(n.Int64())
			if !it.c.signed {
				u = n.Uint64()
			}
			putUint(order, dst, u)
		case 'f':
			x, err := toFloat(th, v)
			if err != nil {
				th.Discard(err)
				return sm.fail(th, "required argument is not a float")
			}
			switch it.code {
			case 'd':
				order.PutUint64(dst, math.Float64bits(x))
			case 'f':
				y := float32(x)
				if !f.native && math.IsInf(float64(y), 0) && !math.IsInf(x, 0) {
					return th.Raise(th.RaiseType("OverflowError"), "float too large to pack with f format")
				}
				order.PutUint32(dst, math.Float32bits(y))
			case 'e':
				h, ok := halfBits(x)
				if !ok {
					return th.Raise(th.RaiseType("OverflowError"), "float too large to pack with e format")
				}
				order.PutUint16(dst, h)
			}
		case '?':
			t, err := th.Truth(v)
			if err != nil {
				return err
			}
			dst[0] = 0
			if t {
				dst[0] = 1
			}
		case 'c':
			b, _ := th.BytesLike(v)
			if _, isBytes := v.(*core.Bytes); !isBytes || len(b) != 1 || v.Type().Name() != "bytes" {
				return sm.fail(th, "char format requires a bytes object of length 1")
			}
			dst[0] = b[0]
		case 's', 'p':
			b, ok := th.BytesLike(v)
			if !ok {
				return sm.fail(th, "argument for '"+string(it.code)+"' must be a bytes object")
			}
			clear(dst)
			if it.code == 's' {
				copy(dst, b)
				break
			}
			if it.size == 0 {
				break
			}
			n := min(len(b), it.size-1)
			copy(dst[1:], b[:n])
			dst[0] = byte(min(n, 255))
		}
	}
	return nil
}

// smallInt is the fast path of packing an int that fits in an int64 and
// in the item: its bits, and ok.
func smallInt(v core.Object, it structItem) (uint64, bool) {
	i, isInt := v.(*core.Int)
	if !isInt {
		return 0, false
	}
	n, fits := i.Int64()
	if !fits {
		return 0, false
	}
	bits := 8 * uint(it.size)
	switch {
	case it.c.signed && bits < 64 && (n < -(1<<(bits-1)) || n >= 1<<(bits-1)):
		return 0, false
	case !it.c.signed && (n < 0 || bits < 64 && n >= 1<<bits):
		return 0, false
	}
	return uint64(n), true
}

func putUint(order binary.ByteOrder, dst []byte, u uint64) {
	switch len(dst) {
	case 1:
		dst[0] = byte(u)
	case 2:
		order.PutUint16(dst, uint16(u))
	case 4:
		order.PutUint32(dst, uint32(u))
	default:
		order.PutUint64(dst, u)
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// intValue is the value of an integer argument: an int or an object with
// __index__, else struct.error "required argument is not an integer".
func (sm *structModule) intValue(th *core.Thread, v core.Object) (*big.Int, error) {
	switch v.(type) {
	case *core.Int, *core.Bool:
		return bigIndex(th, v)
	}
	if fn, err := lookupSpecial(th, v, "__index__"); err != nil {
		return nil, err
	} else if fn != nil {
		th.Decref(fn)
		return bigIndex(th, v)
	}
	return nil, sm.fail(th, "required argument is not an integer")
}

// halfBits is PyFloat_Pack2: x as an IEEE 754 half, rounded to nearest
// even; ok is false if it is too large.
func halfBits(x float64) (uint16, bool) {
	var sign, e, bits uint16
	switch {
	case x == 0:
		if math.Signbit(x) {
			sign = 1
		}
	case math.IsInf(x, 0):
		if x < 0 {
			sign = 1
		}
		e = 0x1f
	case math.IsNaN(x):
		if math.Signbit(x) {
			sign = 1
		}
		e, bits = 0x1f, 512
	default:
		if x < 0 {
			sign, x = 1, -x
		}
		f, ex := math.Frexp(x)
		f *= 2
		ex--
		switch {
		case ex >= 16:
			return 0, false
		case ex < -25:
			f, ex = 0, 0
		case ex < -14:
			f, ex = math.Ldexp(f, 14+ex), 0
		default:
			ex += 15
			f--
		}
		f *= 1024
		b := uint16(f)
		if r := f - float64(b); r > 0.5 || r == 0.5 && b%2 == 1 {
			b++
			if b == 1024 {
				b = 0
				if ex++; ex == 31 {
					return 0, false
				}
			}
		}
		e, bits = uint16(ex), b
	}
	return sign<<15 | e<<10 | bits, true
}

// halfFloat is PyFloat_Unpack2.
func halfFloat(h uint16) float64 {
	sign := h>>15 != 0
	e := int(h>>10) & 0x1f
	f := float64(h & 0x3ff)
	var x float64
	switch {
	case e == 0x1f && f == 0:
		x = math.Inf(1)
	case e == 0x1f:
		x = math.NaN()
	default:
		x = f / 1024
		if e == 0 {
			e = -14
		} else {
			x++
			e -= 15
		}
		x = math.Ldexp(x, e)
	}
	if sign {
		return -x
	}
	return x
}

// unpack unpacks buf (len f.size) into a tuple.
func (sm *structModule) unpack(th *core.Thread, f *structFormat, buf []byte) core.Object {
	var order binary.ByteOrder = binary.LittleEndian
	if f.big {
		order = binary.BigEndian
	}
	items := make([]core.Object, len(f.items))
	for i, it := range f.items {
		src := buf[it.offset : it.offset+it.size]
		switch it.c.kind {
		case 'i':
			var u uint64
			switch it.size {
			case 1:
				u = uint64(src[0])
			case 2:
				u = uint64(order.Uint16(src))
			case 4:
				u = uint64(order.Uint32(src))
			default:
				u = order.Uint64(src)
			}
			if it.c.signed {
				shift := 64 - 8*uint(it.size)
				items[i] = th.NewInt(int64(u<<shift) >> shift)
			} else if u <= math.MaxInt64 {
				items[i] = th.NewInt(int64(u))
			} else {
				items[i] = th.NewBigInt(new(big.Int).SetUint64(u))
			}
		case 'f':
			switch it.code {
			case 'd':
				items[i] = th.NewFloat(math.Float64frombits(order.Uint64(src)))
			case 'f':
				items[i] = th.NewFloat(float64(math.Float32frombits(order.Uint32(src))))
			case 'e':
				items[i] = th.NewFloat(halfFloat(order.Uint16(src)))
			}
		case '?':
			items[i] = th.Runtime().Bool(src[0] != 0)
		case 'c', 's':
			items[i] = th.NewBytes(append([]byte(nil), src...))
		case 'p':
			n := 0
			if len(src) > 0 {
				n = min(int(src[0]), len(src)-1)
				src = src[1:]
			}
			items[i] = th.NewBytes(append([]byte(nil), src[:n]...))
		}
	}
	return th.NewTuple(items)
}

// buffer returns the contents of a bytes-like argument.
func (sm *structModule) buffer(th *core.Thread, o core.Object) ([]byte, error) {
	b, ok := th.BytesLike(o)
	if !ok {
		return nil, th.Raisef(th.RaiseType("TypeError"), "a bytes-like object is required, not '%s'", o.Type().Name())
	}
	return b, nil
}

func (sm *structModule) doUnpack(th *core.Thread, f *structFormat, bufO core.Object) (core.Object, error) {
	b, err := sm.buffer(th, bufO)
	if err != nil {
		return nil, err
	}
	if len(b) != f.size {
		return nil, sm.fail(th, "unpack requires a buffer of "+itoa(f.size)+" bytes")
	}
	return sm.unpack(th, f, b), nil
}

func (sm *structModule) doUnpackFrom(th *core.Thread, f *structFormat, bufO, offO core.Object) (core.Object, error) {
	b, err := sm.buffer(th, bufO)
	if err != nil {
		return nil, err
	}
	off := int64(0)
	if offO != nil {
		if off, err = th.IntArg("unpack_from", offO); err != nil {
			return nil, err
		}
	}
	n := int64(len(b))
	if off < 0 {
		if off+n < 0 {
			return nil, sm.fail(th, "offset "+itoa(int(off))+" out of range for "+itoa(len(b))+"-byte buffer")
		}
		if -off < int64(f.size) {
			return nil, sm.fail(th, "not enough data to unpack "+itoa(f.size)+" bytes at offset "+itoa(int(off)))
		}
		off += n
	}
	if n-off < int64(f.size) {
		return nil, sm.fail(th, "unpack_from requires a buffer of at least "+itoa(f.size+int(off))+" bytes for unpacking "+itoa(f.size)+" bytes at offset "+itoa(int(off))+" (actual buffer size is "+itoa(len(b))+")")
	}
	return sm.unpack(th, f, b[off:off+int64(f.size)]), nil
}

func (sm *structModule) doPackInto(th *core.Thread, f *structFormat, fname string, args []core.Object) (core.Object, error) {
	if len(args) < 1 {
		return nil, sm.fail(th, fname+" expected buffer argument")
	}
	if len(args) < 2 {
		return nil, sm.fail(th, fname+" expected offset argument")
	}
	bufO := args[0]
	n, ok := th.BytearrayLen(bufO)
	if !ok {
		return nil, th.Raisef(th.RaiseType("TypeError"), "argument must be read-write bytes-like object, not %s", bufO.Type().Name())
	}
	data := make([]byte, f.size)
	if err := sm.pack(th, f, fname, data, args[2:]); err != nil {
		return nil, err
	}
	off, err := th.IntArg(fname, args[1])
	if err != nil {
		return nil, err
	}
	if off < 0 {
		if off+int64(n) < 0 {
			return nil, sm.fail(th, "offset "+itoa(int(off))+" out of range for "+itoa(n)+"-byte buffer")
		}
		if -off < int64(f.size) {
			return nil, sm.fail(th, "no space to pack "+itoa(f.size)+" bytes at offset "+itoa(int(off)))
		}
		off += int64(n)
	}
	if int64(n)-off < int64(f.size) {
		return nil, sm.fail(th, "pack_into requires a buffer of at least "+itoa(f.size+int(off))+" bytes for packing "+itoa(f.size)+" bytes at offset "+itoa(int(off))+" (actual buffer size is "+itoa(n)+")")
	}
	if f.size > 0 {
		if _, ok := th.CopyToBytearray(bufO, int(off), data); !ok {
			return nil, th.Raise(th.RaiseType("TypeError"), "argument must be read-write bytes-like object")
		}
	}
	return th.Runtime().None, nil
}

func (sm *structModule) doIterUnpack(th *core.Thread, f *structFormat, bufO core.Object) (core.Object, error) {
	b, err := sm.buffer(th, bufO)
	if err != nil {
		return nil, err
	}
	if f.size == 0 {
		return nil, sm.fail(th, "cannot iteratively unpack with a struct of length 0")
	}
	if len(b)%f.size != 0 {
		return nil, sm.fail(th, "iterative unpacking requires a buffer of a multiple of "+itoa(f.size)+" bytes")
	}
	tuples := make([]core.Object, 0, len(b)/f.size)
	for off := 0; off < len(b); off += f.size {
		tuples = append(tuples, sm.unpack(th, f, b[off:off+f.size]))
	}
	l := th.NewList(tuples)
	defer th.Decref(l)
	return th.Iter(l)
}

func loadStruct(th *core.Thread, name string) (*core.Module, error) {
	sm := &structModule{}
	exc := th.RaiseType("Exception")
	ns := th.NewDict()
	errType, err := th.NewClass("error", []*core.Type{exc}, ns, "struct")
	th.Decref(ns)
	if err != nil {
		return nil, err
	}
	sm.errType = errType
	m, err := newNativeModule(th, name, sm.functions())
	if err != nil {
		th.Decref(errType)
		return nil, err
	}
	if err := setOwned(th, m.Dict(), "error", errType); err != nil {
		th.Decref(m)
		return nil, err
	}
	ns = th.NewDict()
	defer th.Decref(ns)
	for _, f := range sm.methods() {
		b := th.NewMethod(f.name, f.fn)
		err := th.DictSetStr(ns, f.name, b)
		th.Decref(b)
		if err != nil {
			th.Decref(m)
			return nil, err
		}
	}
	cls, err := th.NewClass("Struct", nil, ns, "struct")
	if err != nil {
		th.Decref(m)
		return nil, err
	}
	sm.cls = cls
	if err := setOwned(th, m.Dict(), "Struct", cls); err != nil {
		th.Decref(m)
		return nil, err
	}
	return m, nil
}

func (sm *structModule) functions() []nativeFunc {
	typeErr := func(th *core.Thread) *core.Type { return th.RaiseType("TypeError") }
	unpackFrom := &signature{name: "unpack_from", names: []string{"format", "buffer", "offset"}, npos: 3, posOnly: 1, required: 2}
	return []nativeFunc{
		{"calcsize", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("_struct.calcsize", args, kw, 1, 1); err != nil {
				return nil, err
			}
			f, err := sm.formatOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return th.NewInt(int64(f.size)), nil
		}},
		{"pack", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("pack", args, kw, 0, -1); err != nil {
				return nil, err
			}
			if len(args) == 0 {
				return nil, th.Raise(typeErr(th), "missing format argument")
			}
			f, err := sm.formatOf(th, args[0])
			if err != nil {
				return nil, err
			}
			buf := make([]byte, f.size)
			if err := sm.pack(th, f, "pack", buf, args[1:]); err != nil {
				return nil, err
			}
			return th.NewBytes(buf), nil
		}},
		{"pack_into", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("pack_into", args, kw, 0, -1); err != nil {
				return nil, err
			}
			if len(args) == 0 {
				return nil, th.Raise(typeErr(th), "missing format argument")
			}
			f, err := sm.formatOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return sm.doPackInto(th, f, "pack_into", args[1:])
		}},
		{"unpack", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "unpack", args, kw, 2); err != nil {
				return nil, err
			}
			f, err := sm.formatOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return sm.doUnpack(th, f, args[1])
		}},
		{"unpack_from", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := unpackFrom.bind(th, args, kw)
			if err != nil {
				return nil, err
			}
			f, err := sm.formatOf(th, a[0])
			if err != nil {
				return nil, err
			}
			return sm.doUnpackFrom(th, f, a[1], a[2])
		}},
		{"iter_unpack", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := mathArgs(th, "iter_unpack", args, kw, 2); err != nil {
				return nil, err
			}
			f, err := sm.formatOf(th, args[0])
			if err != nil {
				return nil, err
			}
			return sm.doIterUnpack(th, f, args[1])
		}},
	}
}

// methods are Struct's methods; each gets self as args[0].
func (sm *structModule) methods() []nativeFunc {
	initSig := &signature{name: "Struct", names: []string{"format"}, npos: 1, required: 1}
	unpackFrom := &signature{name: "unpack_from", names: []string{"buffer", "offset"}, npos: 2, required: 1}
	one := func(fname string, fn func(th *core.Thread, f *structFormat, arg core.Object) (core.Object, error)) nativeFunc {
		return nativeFunc{fname, func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("Struct."+fname, args[1:], kw, 1, 1); err != nil {
				return nil, err
			}
			f, err := sm.structOf(th, fname, args[0])
			if err != nil {
				return nil, err
			}
			return fn(th, f, args[1])
		}}
	}
	return []nativeFunc{
		{"__init__", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := initSig.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			inst, ok := args[0].(*core.Instance)
			if !ok {
				return nil, th.Raise(th.RaiseType("TypeError"), "Struct.__init__() needs a Struct")
			}
			f, err := sm.formatOf(th, a[0])
			if err != nil {
				return nil, err
			}
			structFormats.set(inst, f)
			if err := setOwned(th, core.InstanceDict(inst), "format", th.NewStr(f.format)); err != nil {
				return nil, err
			}
			return th.Runtime().None, setOwned(th, core.InstanceDict(inst), "size", th.NewInt(int64(f.size)))
		}},
		{"pack", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("Struct.pack", args[1:], kw, 0, -1); err != nil {
				return nil, err
			}
			f, err := sm.structOf(th, "pack", args[0])
			if err != nil {
				return nil, err
			}
			buf := make([]byte, f.size)
			if err := sm.pack(th, f, "pack", buf, args[1:]); err != nil {
				return nil, err
			}
			return th.NewBytes(buf), nil
		}},
		{"pack_into", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("Struct.pack_into", args[1:], kw, 0, -1); err != nil {
				return nil, err
			}
			f, err := sm.structOf(th, "pack_into", args[0])
			if err != nil {
				return nil, err
			}
			return sm.doPackInto(th, f, "pack_into", args[1:])
		}},
		one("unpack", sm.doUnpack),
		one("iter_unpack", sm.doIterUnpack),
		{"unpack_from", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			a, err := unpackFrom.bind(th, args[1:], kw)
			if err != nil {
				return nil, err
			}
			f, err := sm.structOf(th, "unpack_from", args[0])
			if err != nil {
				return nil, err
			}
			return sm.doUnpackFrom(th, f, a[0], a[1])
		}},
	}
}
