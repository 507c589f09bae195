package core

import (
	"bytes"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/rwgil/rwgil/refcount"
)

// Bytes is a Python bytes object, or a bytearray when mutable: a
// sequence of ints in range(256). A bytearray is a mutable built-in like a
// list: every operation on it runs in its critical section; a bytes
// object never changes and needs none.
type Bytes struct {
	Header
	b       []byte
	mutable bool // a bytearray
	// hash caches a bytes object's hash (0: not computed yet).
	hash atomic.Int64
	// charged is the storage charged to the memory budget (a
	// bytearray's follows its capacity: bytesResized).
	charged int64
}

// memSize implements memSizer.
func (b *Bytes) memSize() int64 { return b.charged }

// bytesResized keeps a bytearray's storage charge in step with its
// capacity (in its critical section).
func (th *Thread) bytesResized(b *Bytes) {
	if th.rt.memOn() && b.charged != int64(cap(b.b)) {
		th.memResize(&b.charged, int64(cap(b.b)))
	}
}

// Dealloc implements refcount.Object.
func (b *Bytes) Dealloc(by *refcount.Owner) {
	untrack(b, by)
	if !b.typ.builtin {
		releaseSub(b.typ, attrsOf(b), by)
	}
}

// Describe implements refcount.Object.
func (b *Bytes) Describe() string { return describe(b) }

// Bytes returns a copy of the contents.
func (b *Bytes) Bytes() []byte { return append([]byte(nil), b.b...) }

// NewBytes returns a new reference to a bytes object holding b (the
// slice is kept: the caller must not change it afterwards).
func (th *Thread) NewBytes(b []byte) *Bytes {
	if len(b) == 0 {
		return th.rt.emptyBytes
	}
	o := &Bytes{b: b, charged: int64(cap(b))}
	o.typ = th.rt.types.bytes
	th.track(o)
	return o
}

// NewBytearray returns a new reference to a bytearray holding b (kept).
func (th *Thread) NewBytearray(b []byte) *Bytes {
	o := &Bytes{b: b, mutable: true, charged: int64(cap(b))}
	o.typ = th.rt.types.bytearray
	th.track(o)
	return o
}

// newBytesLike makes a bytes object or a bytearray, like proto.
func (th *Thread) newBytesLike(proto *Bytes, b []byte) Object {
	if proto.mutable {
		return th.NewBytearray(b)
	}
	return th.NewBytes(b)
}

func (b *Bytes) hashValue(th *Thread) int64 {
	if h := b.hash.Load(); h != 0 {
		return h
	}
	h := th.rt.strHash(string(b.b))
	b.hash.Store(h)
	return h
}

// snapshot returns the contents: a bytes object's own slice, a copy of a
// bytearray's, taken in its critical section.
func (th *Thread) snapshot(b *Bytes) []byte {
	if !b.mutable {
		return b.b
	}
	th.beginCS(b)
	out := append([]byte(nil), b.b...)
	th.endCS()
	return out
}

func (th *Thread) bytesLen(b *Bytes) int {
	if !b.mutable {
		return len(b.b)
	}
	th.beginCS(b)
	n := len(b.b)
	th.endCS()
	return n
}

// bytesLike returns the contents of a bytes-like object: ok false if o is
// not one.
func (th *Thread) bytesLike(o Object) ([]byte, bool) {
	if b, ok := o.(*Bytes); ok {
		return th.snapshot(b), true
	}
	return nil, false
}

// bytesRepr is repr of a bytes object or bytearray.
func bytesRepr(b *Bytes) string {
	s := bytesLiteral(b.b)
	if b.mutable {
		return b.typ.name + "(" + s + ")" // a subclass's name: Buf(b'...')
	}
	return s
}

// bytesLiteral is b'...' for data, with Python's quoting and escapes.
func bytesLiteral(data []byte) string {
	q := byte('\'')
	if bytes.IndexByte(data, '\'') >= 0 && bytes.IndexByte(data, '"') < 0 {
		q = '"'
	}
	var sb strings.Builder
	sb.WriteByte('b')
	sb.WriteByte(q)
	for _, c := range data {
		switch {
		case c == q || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			sb.WriteString(`\x`)
			sb.WriteString(hex2(c))
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(q)
	return sb.String()
}

// bytesFrom is bytes(x) and bytearray(x) for one argument: an int (that
// many zeros), a bytes-like object, an object with __bytes__ (bytes
// only), or an iterable of ints.
func (th *Thread) bytesFrom(x Object, name string) ([]byte, error) {
	exc := &th.rt.types.exc
	switch v := x.(type) {
	case *Bytes:
		return append([]byte(nil), th.snapshot(v)...), nil
	case *Str:
		return nil, th.Raise(exc.TypeError, "string argument without an encoding")
	case *Int, *Bool:
		n, b, _ := intValue(v)
		if b != nil {
			return nil, th.Raise(exc.OverflowError, "cannot fit 'int' into an index-sized integer")
		}
		if n < 0 {
			return nil, th.Raise(exc.ValueError, "negative count")
		}
		if n > maxSlice {
			return nil, th.memoryError(-1)
		}
		if err := th.memCheck(n); err != nil {
			return nil, err
		}
		return make([]byte, n), nil
	}
	if name == "bytes" && userDefined(x) {
		r, found, err := th.callDunder(x, "__bytes__")
		if err != nil {
			return nil, err
		}
		if found {
			defer th.Decref(r)
			b, ok := r.(*Bytes)
			if !ok || b.mutable {
				return nil, th.Raisef(exc.TypeError, "__bytes__ returned non-bytes (type %s)", r.Type().name)
			}
			return append([]byte(nil), b.b...), nil
		}
	}
	if userDefined(x) && th.hasDunder(x, "__index__") {
		i, err := th.Index(x)
		if err != nil {
			return nil, err
		}
		defer th.Decref(i)
		return th.bytesFrom(i, name)
	}
	if !th.iterable(x) {
		return nil, th.Raisef(exc.TypeError, "cannot convert '%s' object to %s", x.Type().name, name)
	}
	items, err := th.collect(x)
	if err != nil {
		return nil, err
	}
	defer th.decrefAll(items)
	out := make([]byte, len(items))
	for i, it := range items {
		c, err := th.byteValue(it, "bytes must be in range(0, 256)")
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// byteValue converts an int in range(256).
func (th *Thread) byteValue(o Object, rangeMsg string) (byte, error) {
	v, b, ok, err := th.indexValue(o)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", o.Type().name)
	}
	if b != nil || v < 0 || v > 255 {
		return 0, th.Raise(th.rt.types.exc.ValueError, rangeMsg)
	}
	return byte(v), nil
}

// bytesArgs parses the arguments of bytes() and bytearray():
// (source, encoding, errors).
func (th *Thread) bytesArgs(name string, args []Object, kw map[string]Object) ([]byte, error) {
	exc := &th.rt.types.exc
	if err := th.checkKwargs(name, kw, "source", "encoding", "errors"); err != nil {
		return nil, err
	}
	if err := th.checkArgs(name, args, 0, 3); err != nil {
		return nil, err
	}
	var src, enc, errs Object
	for i, p := range []*Object{&src, &enc, &errs} {
		if i < len(args) {
			*p = args[i]
		}
	}
	if v, ok := kw["source"]; ok {
		src = v
	}
	if v, ok := kw["encoding"]; ok {
		enc = v
	}
	if v, ok := kw["errors"]; ok {
		errs = v
	}
	if enc != nil || errs != nil {
		s, ok := src.(*Str)
		if !ok {
			if src == nil {
				return nil, th.Raise(exc.TypeError, "encoding or errors without sequence argument")
			}
			return nil, th.Raise(exc.TypeError, "encoding without a string argument")
		}
		encoding, errors := "utf-8", "strict"
		if enc != nil {
			e, err := th.strArg(name, enc)
			if err != nil {
				return nil, err
			}
			encoding = e
		}
		if errs != nil {
			e, err := th.strArg(name, errs)
			if err != nil {
				return nil, err
			}
			errors = e
		}
		return th.encode(s, encoding, errors)
	}
	if src == nil {
		return nil, nil
	}
	return th.bytesFrom(src, name)
}

func constructBytes(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	if len(args) == 1 && len(kw) == 0 {
		if b, ok := args[0].(*Bytes); ok && !b.mutable {
			return th.exactCopy(b), nil
		}
	}
	b, err := th.bytesArgs("bytes", args, kw)
	if err != nil {
		return nil, err
	}
	return th.NewBytes(b), nil
}

func constructBytearray(th *Thread, args []Object, kw map[string]Object) (Object, error) {
	b, err := th.bytesArgs("bytearray", args, kw)
	if err != nil {
		return nil, err
	}
	return th.NewBytearray(b), nil
}

// bytesItem is b[i]: an int.
func (th *Thread) bytesItem(b *Bytes, key Object) (Object, error) {
	name := "byte"
	if b.mutable {
		name = "bytearray"
	}
	i, err := th.index(key, name)
	if err != nil {
		return nil, err
	}
	if b.mutable {
		th.beginCS(b)
		defer th.endCS()
	}
	if i < 0 {
		i += len(b.b)
	}
	if i < 0 || i >= len(b.b) {
		if b.mutable {
			return nil, th.Raise(th.rt.types.exc.IndexError, "bytearray index out of range")
		}
		return nil, th.Raise(th.rt.types.exc.IndexError, "index out of range")
	}
	return th.NewInt(int64(b.b[i])), nil
}

// bytesSlice is b[start:stop].
func (th *Thread) bytesSlice(b *Bytes, start, stop sliceIndex) Object {
	if b.mutable {
		th.beginCS(b)
		s, e := bounds(start, stop, len(b.b))
		out := append([]byte(nil), b.b[s:e]...)
		th.endCS()
		return th.NewBytearray(out)
	}
	s, e := bounds(start, stop, len(b.b))
	if s == 0 && e == len(b.b) {
		return th.newRef(b)
	}
	return th.NewBytes(b.b[s:e:e])
}

// bytesContains is x in b: an int in range(256), or a bytes-like
// subsequence.
func (th *Thread) bytesContains(b *Bytes, x Object) (bool, error) {
	data := th.snapshot(b)
	if sub, ok := th.bytesLike(x); ok {
		return bytes.Contains(data, sub), nil
	}
	v, big, ok, err := th.indexValue(x)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, th.Raisef(th.rt.types.exc.TypeError, "a bytes-like object is required, not '%s'", x.Type().name)
	}
	if big != nil || v < 0 || v > 255 {
		return false, th.Raise(th.rt.types.exc.ValueError, "byte must be in range(0, 256)")
	}
	return bytes.IndexByte(data, byte(v)) >= 0, nil
}

// bytesBinary is + and * on bytes and bytearrays, and their comparisons;
// NotImplemented for other operands.
func (th *Thread) bytesBinary(op BinOp, a *Bytes, b Object) (Object, error) {
	switch op {
	case OpAdd:
		if y, ok := th.bytesLike(b); ok {
			x := th.snapshot(a)
			out := make([]byte, 0, len(x)+len(y))
			return th.newBytesLike(a, append(append(out, x...), y...)), nil
		}
		return nil, th.Raisef(th.rt.types.exc.TypeError, "can't concat %s to %s", b.Type().name, a.Type().name)
	case OpMul:
		v, big, ok := intValue(b)
		if !ok {
			return th.rt.NotImplemented, nil
		}
		if big != nil {
			return nil, th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
		}
		x := th.snapshot(a)
		if v <= 0 {
			return th.newBytesLike(a, nil), nil
		}
		if repeatTooLong(len(x), v, 1) {
			return nil, th.Raise(th.rt.types.exc.OverflowError, "repeated bytes are too long")
		}
		if err := th.memCheck(int64(len(x)) * v); err != nil {
			return nil, err
		}
		return th.newBytesLike(a, bytes.Repeat(x, int(v))), nil
	case OpMod:
		return th.bytesPercent(a, b)
	}
	return th.rt.NotImplemented, nil
}

// bytearraySetItem is ba[i] = v.
func (th *Thread) bytearraySetItem(b *Bytes, key, value Object) error {
	i, err := th.index(key, "bytearray")
	if err != nil {
		return err
	}
	c, err := th.byteValue(value, "byte must be in range(0, 256)")
	if err != nil {
		return err
	}
	th.beginCS(b)
	defer th.endCS()
	if i < 0 {
		i += len(b.b)
	}
	if i < 0 || i >= len(b.b) {
		return th.Raise(th.rt.types.exc.IndexError, "bytearray index out of range")
	}
	b.b[i] = c
	return nil
}

// bytearrayDelItem is del ba[i].
func (th *Thread) bytearrayDelItem(b *Bytes, key Object) error {
	i, err := th.index(key, "bytearray")
	if err != nil {
		return err
	}
	th.beginCS(b)
	defer th.endCS()
	if i < 0 {
		i += len(b.b)
	}
	if i < 0 || i >= len(b.b) {
		return th.Raise(th.rt.types.exc.IndexError, "bytearray index out of range")
	}
	b.b = append(b.b[:i], b.b[i+1:]...)
	th.bytesResized(b)
	return nil
}

// bytearraySetSlice is ba[i:j] = v (v nil: del ba[i:j]).
func (th *Thread) bytearraySetSlice(b *Bytes, start, stop sliceIndex, value Object) error {
	var repl []byte
	if value != nil {
		if _, isInt := value.(*Int); isInt {
			return th.Raise(th.rt.types.exc.TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)")
		}
		var err error
		if repl, err = th.bytesFrom(value, "bytearray"); err != nil {
			return err
		}
	}
	th.beginCS(b)
	defer th.endCS()
	s, e := bounds(start, stop, len(b.b))
	tail := append([]byte(nil), b.b[e:]...)
	b.b = append(append(b.b[:s], repl...), tail...)
	th.bytesResized(b)
	return nil
}

// bytearrayInPlace is ba += x and ba *= n.
func (th *Thread) bytearrayInPlace(op BinOp, b *Bytes, x Object) (Object, bool, error) {
	switch op {
	case OpAdd:
		y, ok := th.bytesLike(x)
		if !ok {
			return nil, true, th.Raisef(th.rt.types.exc.TypeError, "can't concat %s to bytearray", x.Type().name)
		}
		th.beginCS(b)
		b.b = append(b.b, y...)
		th.bytesResized(b)
		th.endCS()
		return th.newRef(b), true, nil
	case OpMul:
		v, big, ok := intValue(x)
		if !ok {
			return nil, false, nil
		}
		if big != nil {
			return nil, true, th.Raise(th.rt.types.exc.OverflowError, "cannot fit 'int' into an index-sized integer")
		}
		th.beginCS(b)
		defer th.endCS()
		if v <= 0 {
			b.b = b.b[:0]
			th.bytesResized(b)
		} else {
			if repeatTooLong(len(b.b), v, 1) {
				return nil, true, th.Raise(th.rt.types.exc.OverflowError, "repeated bytes are too long")
			}
			if err := th.memCheck(int64(len(b.b)) * v); err != nil {
				return nil, true, err
			}
			b.b = bytes.Repeat(b.b, int(v))
			th.bytesResized(b)
		}
		return th.newRef(b), true, nil
	}
	return nil, false, nil
}

// bytesIter iterates over a bytes object or bytearray by position.
type bytesIter struct {
	Header
	b   *Bytes
	pos atomic.Int64
}

// Dealloc implements refcount.Object.
func (it *bytesIter) Dealloc(by *refcount.Owner) {
	untrack(it, by)
	decrefBy(it.b, by)
}

// Describe implements refcount.Object.
func (it *bytesIter) Describe() string { return describe(it) }

func (it *bytesIter) next(th *Thread) (Object, bool, error) {
	i := int(it.pos.Add(1) - 1)
	b := it.b
	if b.mutable {
		th.beginCS(b)
		defer th.endCS()
	}
	if i < len(b.b) {
		return th.NewInt(int64(b.b[i])), true, nil
	}
	it.pos.Store(1 << 62)
	return nil, false, nil
}

func (th *Thread) newBytesIter(b *Bytes) Object {
	it := &bytesIter{b: b}
	th.Incref(b)
	it.typ = th.rt.iterType("bytes_iterator")
	if b.mutable {
		it.typ = th.rt.iterType("bytearray_iterator")
	}
	th.track(it)
	return it
}

// ---- codecs ----

// normalizeEncoding maps an encoding name to the codec rwgil implements:
// "utf-8", "ascii" or "latin-1" ("" if none).
func normalizeEncoding(name string) string {
	n := strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(name))
	switch n {
	case "utf8", "u8", "utf", "cp65001":
		return "utf-8"
	case "ascii", "usascii", "646":
		return "ascii"
	case "latin1", "latin", "iso88591", "l1", "8859", "cp819", "iso8859":
		return "latin-1"
	}
	return ""
}

func isErrorHandler(name string) bool {
	switch name {
	case "strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "surrogateescape", "namereplace", "surrogatepass":
		return true
	}
	return false
}

// encode is str.encode(encoding, errors).
func (th *Thread) encode(s *Str, encoding, errors string) ([]byte, error) {
	exc := &th.rt.types.exc
	codec := normalizeEncoding(encoding)
	if codec == "" {
		return nil, th.Raisef(exc.LookupError, "unknown encoding: %s", encoding)
	}
	if codec == "utf-8" {
		return []byte(s.s), nil
	}
	limit := rune(128)
	if codec == "latin-1" {
		limit = 256
	}
	if s.ascii {
		return []byte(s.s), nil
	}
	r := s.runes()
	out := make([]byte, 0, len(r))
	for i := 0; i < len(r); i++ {
		if r[i] < limit {
			out = append(out, byte(r[i]))
			continue
		}
		end := i
		for end < len(r) && r[end] >= limit {
			end++
		}
		switch errors {
		case "strict":
			reason := "ordinal not in range(128)"
			if limit == 256 {
				reason = "ordinal not in range(256)"
			}
			return nil, th.unicodeEncodeError(codec, s, i, end, reason)
		case "ignore":
		case "replace":
			out = append(out, bytes.Repeat([]byte("?"), end-i)...)
		case "backslashreplace":
			for _, c := range r[i:end] {
				out = append(out, escapeRune(c)...)
			}
		case "xmlcharrefreplace":
			for _, c := range r[i:end] {
				out = append(out, "&#"+strconv.Itoa(int(c))+";"...)
			}
		default:
			if isErrorHandler(errors) {
				return nil, th.unicodeEncodeError(codec, s, i, end, "ordinal not in range")
			}
			return nil, th.Raisef(exc.LookupError, "unknown error handler name '%s'", errors)
		}
		i = end - 1
	}
	return out, nil
}

// escapeRune is \xhh, \uhhhh or \Uhhhhhhhh for c.
func escapeRune(c rune) string {
	switch {
	case c <= 0xff:
		return `\x` + hex2(byte(c))
	case c <= 0xffff:
		return `\u` + hex2(byte(c>>8)) + hex2(byte(c))
	}
	return `\U00` + hex2(byte(c>>16)) + hex2(byte(c>>8)) + hex2(byte(c))
}

func (th *Thread) unicodeEncodeError(codec string, s *Str, start, end int, reason string) error {
	args := []Object{th.NewStr(codec), th.newRef(s), th.NewInt(int64(start)), th.NewInt(int64(end)), th.NewStr(reason)}
	e := th.newException(th.rt.types.exc.UnicodeEncodeError, th.NewTuple(args))
	for i, n := range []string{"encoding", "object", "start", "end", "reason"} {
		th.setExcAttr(e, n, args[i])
	}
	return e
}

func (th *Thread) unicodeDecodeError(codec string, data []byte, start, end int, reason string) error {
	args := []Object{th.NewStr(codec), th.NewBytes(append([]byte(nil), data...)), th.NewInt(int64(start)), th.NewInt(int64(end)), th.NewStr(reason)}
	e := th.newException(th.rt.types.exc.UnicodeDecodeError, th.NewTuple(args))
	for i, n := range []string{"encoding", "object", "start", "end", "reason"} {
		th.setExcAttr(e, n, args[i])
	}
	return e
}

// decode is bytes.decode(encoding, errors).
func (th *Thread) decode(data []byte, encoding, errors string) (Object, error) {
	exc := &th.rt.types.exc
	codec := normalizeEncoding(encoding)
	if codec == "" {
		return nil, th.Raisef(exc.LookupError, "unknown encoding: %s", encoding)
	}
	var sb strings.Builder
	handle := func(start, end int, reason string) error {
		switch errors {
		case "strict":
			return th.unicodeDecodeError(codec, data, start, end, reason)
		case "ignore", "surrogateescape":
		case "replace":
			sb.WriteRune(utf8.RuneError)
		case "backslashreplace":
			for _, c := range data[start:end] {
				sb.WriteString(`\x` + hex2(c))
			}
		default:
			if isErrorHandler(errors) {
				return th.unicodeDecodeError(codec, data, start, end, reason)
			}
			return th.Raisef(exc.LookupError, "unknown error handler name '%s'", errors)
		}
		return nil
	}
	switch codec {
	case "latin-1":
		for _, c := range data {
			sb.WriteRune(rune(c))
		}
	case "ascii":
		for i := 0; i < len(data); i++ {
			if data[i] < 0x80 {
				sb.WriteByte(data[i])
			} else if err := handle(i, i+1, "ordinal not in range(128)"); err != nil {
				return nil, err
			}
		}
	default:
		for i := 0; i < len(data); {
			c := data[i]
			if c < 0x80 {
				sb.WriteByte(c)
				i++
				continue
			}
			n, end, reason := utf8Sequence(data[i:])
			if n > 0 {
				sb.Write(data[i : i+n])
				i += n
				continue
			}
			if err := handle(i, i+end, reason); err != nil {
				return nil, err
			}
			i += end
		}
	}
	return th.NewStr(sb.String()), nil
}

// utf8Sequence checks the UTF-8 sequence at the start of b (b[0] >=
// 0x80): its length n, or n 0 and the extent and reason of the error, as
// CPython's decoder reports them.
func utf8Sequence(b []byte) (n, errEnd int, reason string) {
	cont := func(i int) bool { return i < len(b) && b[i]&0xc0 == 0x80 }
	c := b[0]
	switch {
	case c < 0xc2:
		return 0, 1, "invalid start byte"
	case c < 0xe0:
		if len(b) < 2 {
			return 0, len(b), "unexpected end of data"
		}
		if !cont(1) {
			return 0, 1, "invalid continuation byte"
		}
		return 2, 0, ""
	case c < 0xf0:
		bad2 := func() bool { return !cont(1) || (c == 0xe0 && b[1] < 0xa0) || (c == 0xed && b[1] >= 0xa0) }
		if len(b) < 3 {
			if len(b) >= 2 && bad2() {
				return 0, 1, "invalid continuation byte"
			}
			return 0, len(b), "unexpected end of data"
		}
		if bad2() {
			return 0, 1, "invalid continuation byte"
		}
		if !cont(2) {
			return 0, 2, "invalid continuation byte"
		}
		return 3, 0, ""
	case c < 0xf5:
		bad2 := func() bool { return !cont(1) || (c == 0xf0 && b[1] < 0x90) || (c == 0xf4 && b[1] >= 0x90) }
		if len(b) < 4 {
			if len(b) >= 2 && bad2() {
				return 0, 1, "invalid continuation byte"
			}
			if len(b) >= 3 && !cont(2) {
				return 0, 2, "invalid continuation byte"
			}
			return 0, len(b), "unexpected end of data"
		}
		if bad2() {
			return 0, 1, "invalid continuation byte"
		}
		if !cont(2) {
			return 0, 2, "invalid continuation byte"
		}
		if !cont(3) {
			return 0, 3, "invalid continuation byte"
		}
		return 4, 0, ""
	}
	return 0, 1, "invalid start byte"
}
