package core

import (
	"bytes"
	"strings"
)

// The methods of bytes and bytearray. Their case and class tests know
// ASCII only, as CPython's do. A bytes method returns bytes, a bytearray
// method a bytearray.

func bytesSelf(th *Thread, args []Object) (*Bytes, []byte) {
	b := args[0].(*Bytes)
	return b, th.snapshot(b)
}

// bytesSubArg is the sub argument of find, count, index and their kin: a
// bytes-like object or an int in range(256).
func (th *Thread) bytesSubArg(o Object) ([]byte, error) {
	if b, ok := th.bytesLike(o); ok {
		return b, nil
	}
	v, big, ok, err := th.indexValue(o)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "argument should be integer or bytes-like object, not '%s'", o.Type().name)
	}
	if big != nil || v < 0 || v > 255 {
		return nil, th.Raise(th.rt.types.exc.ValueError, "byte must be in range(0, 256)")
	}
	return []byte{byte(v)}, nil
}

// bytesArg requires a bytes-like argument.
func (th *Thread) bytesArg(o Object) ([]byte, error) {
	if b, ok := th.bytesLike(o); ok {
		return b, nil
	}
	return nil, th.Raisef(th.rt.types.exc.TypeError, "a bytes-like object is required, not '%s'", o.Type().name)
}

// bytesWindow is data[start:end] and where it starts; ok false when start
// is past the end.
func bytesWindow(data []byte, start, end sliceIndex) ([]byte, int, bool) {
	n := len(data)
	s := start.clamp(n, 0)
	e := end.clamp(n, n)
	if !start.none && start.v > int64(n) || s > e {
		return nil, s, false
	}
	return data[s:e], s, true
}

func bytesFind(name string, last, raise bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		subObj, start, end, err := th.subArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		sub, err := th.bytesSubArg(subObj)
		if err != nil {
			return nil, err
		}
		_, data := bytesSelf(th, args)
		w, at, ok := bytesWindow(data, start, end)
		i := -1
		if ok {
			if last {
				i = bytes.LastIndex(w, sub)
			} else {
				i = bytes.Index(w, sub)
			}
			if i >= 0 {
				i += at
			}
		}
		if i < 0 && raise {
			return nil, th.Raise(th.rt.types.exc.ValueError, "subsection not found")
		}
		return th.NewInt(int64(i)), nil
	}
}

func bytesAffix(name string, suffix bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		subObj, start, end, err := th.subArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		_, data := bytesSelf(th, args)
		w, _, ok := bytesWindow(data, start, end)
		test := func(o Object) (bool, error) {
			p, isBytes := th.bytesLike(o)
			if !isBytes {
				return false, th.Raisef(th.rt.types.exc.TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name, o.Type().name)
			}
			if !ok {
				return false, nil
			}
			if suffix {
				return bytes.HasSuffix(w, p), nil
			}
			return bytes.HasPrefix(w, p), nil
		}
		if t, isTuple := subObj.(*Tuple); isTuple {
			for _, it := range t.items {
				m, err := test(it)
				if err != nil || m {
					return th.rt.Bool(m), err
				}
			}
			return th.rt.False, nil
		}
		m, err := test(subObj)
		if err != nil {
			return nil, err
		}
		return th.rt.Bool(m), nil
	}
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isASCIILower(c byte) bool { return c >= 'a' && c <= 'z' }
func isASCIIUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isASCIIAlpha(c byte) bool { return isASCIILower(c) || isASCIIUpper(c) }
func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

func bytesSplitWhitespace(data []byte, maxsplit int64, last bool) [][]byte {
	var fields [][]byte
	if !last {
		rest := bytes.TrimLeftFunc(data, func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) })
		for len(rest) > 0 && (maxsplit < 0 || int64(len(fields)) < maxsplit) {
			i := bytes.IndexFunc(rest, func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) })
			if i < 0 {
				break
			}
			fields = append(fields, rest[:i])
			rest = bytes.TrimLeftFunc(rest[i:], func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) })
		}
		if len(rest) > 0 {
			fields = append(fields, rest)
		}
		return fields
	}
	end := len(data)
	for end > 0 && isASCIISpace(data[end-1]) {
		end--
	}
	for end > 0 && (maxsplit < 0 || int64(len(fields)) < maxsplit) {
		i := end - 1
		for i >= 0 && !isASCIISpace(data[i]) {
			i--
		}
		if i < 0 {
			break
		}
		fields = append(fields, data[i+1:end])
		end = i
		for end > 0 && isASCIISpace(data[end-1]) {
			end--
		}
	}
	if end > 0 {
		fields = append(fields, data[:end])
	}
	for i, j := 0, len(fields)-1; i < j; i, j = i+1, j-1 {
		fields[i], fields[j] = fields[j], fields[i]
	}
	return fields
}

func bytesSplit(name string, last bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		sepObj, maxsplit, err := th.splitArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		self, data := bytesSelf(th, args)
		var parts [][]byte
		if sepObj == nil {
			parts = bytesSplitWhitespace(data, maxsplit, last)
		} else {
			sep, err := th.bytesArg(sepObj)
			if err != nil {
				return nil, err
			}
			if len(sep) == 0 {
				return nil, th.Raise(th.rt.types.exc.ValueError, "empty separator")
			}
			for _, p := range splitSep(string(data), string(sep), maxsplit, last) {
				parts = append(parts, []byte(p))
			}
		}
		out := make([]Object, len(parts))
		for i, p := range parts {
			out[i] = th.newBytesLike(self, append([]byte(nil), p...))
		}
		return th.NewList(out), nil
	}
}

func bytesTrim(name string, left, right bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs(name, args, kw, 0, 1); err != nil {
			return nil, err
		}
		self, data := bytesSelf(th, args)
		in := isASCIISpace
		if len(args) == 2 && args[1] != th.rt.None {
			chars, err := th.bytesArg(args[1])
			if err != nil {
				return nil, err
			}
			in = func(c byte) bool { return bytes.IndexByte(chars, c) >= 0 }
		}
		s, e := 0, len(data)
		if left {
			for s < e && in(data[s]) {
				s++
			}
		}
		if right {
			for e > s && in(data[e-1]) {
				e--
			}
		}
		if !self.mutable && s == 0 && e == len(data) {
			return th.newRef(self), nil
		}
		return th.newBytesLike(self, append([]byte(nil), data[s:e]...)), nil
	}
}

// bytesMapFunc is a bytes method that maps the contents to new contents.
func bytesMapFunc(name string, f func([]byte) []byte) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		self, data := bytesSelf(th, args)
		return th.newBytesLike(self, f(append([]byte(nil), data...))), nil
	}
}

func bytesTest(name string, f func([]byte) bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 0, 0); err != nil {
			return nil, err
		}
		_, data := bytesSelf(th, args)
		return th.rt.Bool(f(data)), nil
	}
}

func allBytes(f func(byte) bool) func([]byte) bool {
	return func(b []byte) bool {
		if len(b) == 0 {
			return false
		}
		for _, c := range b {
			if !f(c) {
				return false
			}
		}
		return true
	}
}

func bytesCasedTest(want func(byte) bool) func([]byte) bool {
	return func(b []byte) bool {
		cased := false
		for _, c := range b {
			if isASCIIAlpha(c) {
				if !want(c) {
					return false
				}
				cased = true
			}
		}
		return cased
	}
}

func asciiMap(f func(byte) byte) func([]byte) []byte {
	return func(b []byte) []byte {
		for i, c := range b {
			b[i] = f(c)
		}
		return b
	}
}

func toLowerASCII(c byte) byte {
	if isASCIIUpper(c) {
		return c + 32
	}
	return c
}

func toUpperASCII(c byte) byte {
	if isASCIILower(c) {
		return c - 32
	}
	return c
}

func bytesTitle(b []byte) []byte {
	prev := false
	for i, c := range b {
		if prev {
			b[i] = toLowerASCII(c)
		} else {
			b[i] = toUpperASCII(c)
		}
		prev = isASCIIAlpha(c)
	}
	return b
}

func bytesCapitalize(b []byte) []byte {
	for i, c := range b {
		if i == 0 {
			b[i] = toUpperASCII(c)
		} else {
			b[i] = toLowerASCII(c)
		}
	}
	return b
}

func bytesSwapcase(b []byte) []byte {
	for i, c := range b {
		switch {
		case isASCIILower(c):
			b[i] = c - 32
		case isASCIIUpper(c):
			b[i] = c + 32
		}
	}
	return b
}

func bytesIsTitle(b []byte) bool {
	cased, prev := false, false
	for _, c := range b {
		switch {
		case isASCIIUpper(c):
			if prev {
				return false
			}
			prev, cased = true, true
		case isASCIILower(c):
			if !prev {
				return false
			}
			prev, cased = true, true
		default:
			prev = false
		}
	}
	return cased
}

func bytesJustify(name string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.checkKwargs(name, kw); err != nil {
			return nil, err
		}
		if err := th.clinicArgs(name, args[1:], nil, 1, 2); err != nil {
			return nil, err
		}
		width, err := th.intArg(name, args[1])
		if err != nil {
			return nil, err
		}
		fill := byte(' ')
		if len(args) == 3 {
			f, ok := th.bytesLike(args[2])
			if !ok || len(f) != 1 {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "%s() argument 2 must be a byte string of length 1, not %s", name, args[2].Type().name)
			}
			fill = f[0]
		}
		self, data := bytesSelf(th, args)
		n := int64(len(data))
		if width <= n {
			if self.mutable {
				return th.NewBytearray(append([]byte(nil), data...)), nil
			}
			return th.newRef(self), nil
		}
		if err := th.memCheckWidth(width); err != nil {
			return nil, err
		}
		marg := width - n
		var left int64
		switch name {
		case "center":
			left = marg/2 + (marg & width & 1)
		case "rjust":
			left = marg
		}
		out := append(bytes.Repeat([]byte{fill}, int(left)), data...)
		out = append(out, bytes.Repeat([]byte{fill}, int(marg-left))...)
		return th.newBytesLike(self, out), nil
	}
}

// bytesHex is bytes.hex([sep[, bytes_per_sep]]).
func (th *Thread) bytesHex(data []byte, args []Object, kw map[string]Object) (Object, error) {
	a, err := th.keywordOrPositional("hex", args, kw, []string{"sep", "bytes_per_sep"}, 0)
	if err != nil {
		return nil, err
	}
	digits := make([]string, len(data))
	for i, c := range data {
		digits[i] = hex2(c)
	}
	if a[0] == nil {
		return th.NewStr(strings.Join(digits, "")), nil
	}
	var sep string
	switch s := a[0].(type) {
	case *Str:
		sep = s.s
	case *Bytes:
		sep = string(th.snapshot(s))
	default:
		return nil, th.Raise(th.rt.types.exc.TypeError, "sep must be str or bytes.")
	}
	if len([]rune(sep)) != 1 {
		return nil, th.Raise(th.rt.types.exc.ValueError, "sep must be length 1.")
	}
	per := int64(1)
	if a[1] != nil {
		if per, err = th.intArg("hex", a[1]); err != nil {
			return nil, err
		}
	}
	if per == 0 || len(digits) == 0 {
		return th.NewStr(strings.Join(digits, "")), nil
	}
	var groups []string
	n := len(digits)
	if per > 0 {
		// Groups counted from the right.
		k := int(min(per, int64(n)))
		first := n % k
		if first > 0 {
			groups = append(groups, strings.Join(digits[:first], ""))
		}
		for i := first; i < n; i += k {
			groups = append(groups, strings.Join(digits[i:i+k], ""))
		}
	} else {
		k := int(min(-per, int64(n)))
		for i := 0; i < n; i += k {
			groups = append(groups, strings.Join(digits[i:min(i+k, n)], ""))
		}
	}
	return th.NewStr(strings.Join(groups, sep)), nil
}

// bytesFromHex is bytes.fromhex(s).
func (th *Thread) bytesFromHex(s string) ([]byte, error) {
	var out []byte
	r := []rune(s)
	hexVal := func(c rune) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'f':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			return int(c-'A') + 10
		}
		return -1
	}
	for i := 0; i < len(r); {
		if isSpace(r[i]) && r[i] < 0x80 {
			i++
			continue
		}
		hi := hexVal(r[i])
		if hi < 0 {
			return nil, th.Raisef(th.rt.types.exc.ValueError, "non-hexadecimal number found in fromhex() arg at position %d", i)
		}
		if i+1 >= len(r) || hexVal(r[i+1]) < 0 {
			return nil, th.Raisef(th.rt.types.exc.ValueError, "non-hexadecimal number found in fromhex() arg at position %d", i+1)
		}
		out = append(out, byte(hi<<4|hexVal(r[i+1])))
		i += 2
	}
	return out, nil
}

var bytesMethods = []method{
	{"decode", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		a, err := th.keywordOrPositional("decode", args[1:], kw, []string{"encoding", "errors"}, 0)
		if err != nil {
			return nil, err
		}
		enc, errs := "utf-8", "strict"
		for i, dst := range []*string{&enc, &errs} {
			if a[i] == nil {
				continue
			}
			s, ok := a[i].(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "decode() argument '%s' must be str, not %s", []string{"encoding", "errors"}[i], a[i].Type().name)
			}
			*dst = s.s
		}
		_, data := bytesSelf(th, args)
		return th.decode(data, enc, errs)
	}},
	{"hex", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		_, data := bytesSelf(th, args)
		return th.bytesHex(data, args[1:], kw)
	}},
	{"find", bytesFind("find", false, false)},
	{"rfind", bytesFind("rfind", true, false)},
	{"index", bytesFind("index", false, true)},
	{"rindex", bytesFind("rindex", true, true)},
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		subObj, start, end, err := th.subArgs("count", args, kw)
		if err != nil {
			return nil, err
		}
		sub, err := th.bytesSubArg(subObj)
		if err != nil {
			return nil, err
		}
		_, data := bytesSelf(th, args)
		w, _, ok := bytesWindow(data, start, end)
		if !ok {
			return th.NewInt(0), nil
		}
		return th.NewInt(int64(bytes.Count(w, sub))), nil
	}},
	{"startswith", bytesAffix("startswith", false)},
	{"endswith", bytesAffix("endswith", true)},
	{"split", bytesSplit("split", false)},
	{"rsplit", bytesSplit("rsplit", true)},
	{"splitlines", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		a, err := th.keywordOrPositional("splitlines", args[1:], kw, []string{"keepends"}, 0)
		if err != nil {
			return nil, err
		}
		keep := false
		if a[0] != nil {
			if keep, err = th.Truth(a[0]); err != nil {
				return nil, err
			}
		}
		self, data := bytesSelf(th, args)
		var out []Object
		start := 0
		for i := 0; i < len(data); i++ {
			c := data[i]
			if c != '\n' && c != '\r' {
				continue
			}
			end := i + 1
			if c == '\r' && end < len(data) && data[end] == '\n' {
				end++
			}
			line := data[start:i]
			if keep {
				line = data[start:end]
			}
			out = append(out, th.newBytesLike(self, append([]byte(nil), line...)))
			start, i = end, end-1
		}
		if start < len(data) {
			out = append(out, th.newBytesLike(self, append([]byte(nil), data[start:]...)))
		}
		return th.NewList(out), nil
	}},
	{"join", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("join", args, kw, 1, 1); err != nil {
			return nil, err
		}
		if !th.iterable(args[1]) {
			return nil, th.Raise(th.rt.types.exc.TypeError, "can only join an iterable")
		}
		items, err := th.collect(args[1])
		if err != nil {
			return nil, err
		}
		defer th.decrefAll(items)
		self, sep := bytesSelf(th, args)
		var out []byte
		for i, it := range items {
			b, ok := th.bytesLike(it)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "sequence item %d: expected a bytes-like object, %s found", i, it.Type().name)
			}
			if i > 0 {
				out = append(out, sep...)
			}
			out = append(out, b...)
		}
		return th.newBytesLike(self, out), nil
	}},
	{"replace", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("replace", args, kw, 2, 3); err != nil {
			return nil, err
		}
		old, err := th.bytesArg(args[1])
		if err != nil {
			return nil, err
		}
		repl, err := th.bytesArg(args[2])
		if err != nil {
			return nil, err
		}
		n := int64(-1)
		if len(args) == 4 {
			if n, err = th.intArg("replace", args[3]); err != nil {
				return nil, err
			}
		}
		self, data := bytesSelf(th, args)
		if n < 0 {
			n = -1
		}
		return th.newBytesLike(self, bytes.Replace(data, old, repl, int(min(n, 1<<40)))), nil
	}},
	{"strip", bytesTrim("strip", true, true)},
	{"lstrip", bytesTrim("lstrip", true, false)},
	{"rstrip", bytesTrim("rstrip", false, true)},
	{"upper", bytesMapFunc("upper", asciiMap(toUpperASCII))},
	{"lower", bytesMapFunc("lower", asciiMap(toLowerASCII))},
	{"title", bytesMapFunc("title", bytesTitle)},
	{"capitalize", bytesMapFunc("capitalize", bytesCapitalize)},
	{"swapcase", bytesMapFunc("swapcase", bytesSwapcase)},
	{"isalpha", bytesTest("isalpha", allBytes(isASCIIAlpha))},
	{"isdigit", bytesTest("isdigit", allBytes(isASCIIDigit))},
	{"isalnum", bytesTest("isalnum", allBytes(func(c byte) bool { return isASCIIAlpha(c) || isASCIIDigit(c) }))},
	{"isspace", bytesTest("isspace", allBytes(isASCIISpace))},
	{"islower", bytesTest("islower", bytesCasedTest(isASCIILower))},
	{"isupper", bytesTest("isupper", bytesCasedTest(isASCIIUpper))},
	{"istitle", bytesTest("istitle", bytesIsTitle)},
	{"isascii", bytesTest("isascii", func(b []byte) bool { return isASCII(string(b)) })},
	{"center", bytesJustify("center")},
	{"ljust", bytesJustify("ljust")},
	{"rjust", bytesJustify("rjust")},
	{"zfill", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("zfill", args, kw, 1, 1); err != nil {
			return nil, err
		}
		width, err := th.intArg("zfill", args[1])
		if err != nil {
			return nil, err
		}
		self, data := bytesSelf(th, args)
		n := int64(len(data))
		if width <= n {
			return th.newBytesLike(self, append([]byte(nil), data...)), nil
		}
		if err := th.memCheckWidth(width); err != nil {
			return nil, err
		}
		zeros := bytes.Repeat([]byte("0"), int(width-n))
		if len(data) > 0 && (data[0] == '+' || data[0] == '-') {
			return th.newBytesLike(self, append(append([]byte{data[0]}, zeros...), data[1:]...)), nil
		}
		return th.newBytesLike(self, append(zeros, data...)), nil
	}},
	{"partition", bytesPartition("partition", false)},
	{"rpartition", bytesPartition("rpartition", true)},
	{"removeprefix", bytesRemoveAffix("removeprefix", false)},
	{"removesuffix", bytesRemoveAffix("removesuffix", true)},
	{"expandtabs", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		a, err := th.keywordOrPositional("expandtabs", args[1:], kw, []string{"tabsize"}, 0)
		if err != nil {
			return nil, err
		}
		tab := int64(8)
		if a[0] != nil {
			if tab, err = th.intArg("expandtabs", a[0]); err != nil {
				return nil, err
			}
		}
		self, data := bytesSelf(th, args)
		var out []byte
		col := int64(0)
		for _, c := range data {
			switch c {
			case '\t':
				if tab > 0 {
					n := tab - col%tab
					out = append(out, bytes.Repeat([]byte(" "), int(n))...)
					col += n
				}
			case '\n', '\r':
				out = append(out, c)
				col = 0
			default:
				out = append(out, c)
				col++
			}
		}
		return th.newBytesLike(self, out), nil
	}},
	{"translate", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		a, err := th.keywordOrPositional("translate", args[1:], kw, []string{"table", "delete"}, 1)
		if err != nil {
			return nil, err
		}
		var table []byte
		if a[0] != th.rt.None {
			if table, err = th.bytesArg(a[0]); err != nil {
				return nil, err
			}
			if len(table) != 256 {
				return nil, th.Raise(th.rt.types.exc.ValueError, "translation table must be 256 characters long")
			}
		}
		var del []byte
		if a[1] != nil {
			if del, err = th.bytesArg(a[1]); err != nil {
				return nil, err
			}
		}
		self, data := bytesSelf(th, args)
		var out []byte
		for _, c := range data {
			if bytes.IndexByte(del, c) >= 0 {
				continue
			}
			if table != nil {
				c = table[c]
			}
			out = append(out, c)
		}
		return th.newBytesLike(self, out), nil
	}},
}

func bytesPartition(name string, last bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		sep, err := th.bytesArg(args[1])
		if err != nil {
			return nil, err
		}
		if len(sep) == 0 {
			return nil, th.Raise(th.rt.types.exc.ValueError, "empty separator")
		}
		self, data := bytesSelf(th, args)
		var i int
		if last {
			i = bytes.LastIndex(data, sep)
		} else {
			i = bytes.Index(data, sep)
		}
		mk := func(b []byte) Object { return th.newBytesLike(self, append([]byte(nil), b...)) }
		if i < 0 {
			if last {
				return th.NewTuple([]Object{mk(nil), mk(nil), mk(data)}), nil
			}
			return th.NewTuple([]Object{mk(data), mk(nil), mk(nil)}), nil
		}
		return th.NewTuple([]Object{mk(data[:i]), mk(sep), mk(data[i+len(sep):])}), nil
	}
}

func bytesRemoveAffix(name string, suffix bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		p, err := th.bytesArg(args[1])
		if err != nil {
			return nil, err
		}
		self, data := bytesSelf(th, args)
		out := data
		if suffix && len(p) > 0 && bytes.HasSuffix(data, p) {
			out = data[:len(data)-len(p)]
		} else if !suffix && len(p) > 0 && bytes.HasPrefix(data, p) {
			out = data[len(p):]
		}
		if !self.mutable && len(out) == len(data) {
			return th.newRef(self), nil
		}
		return th.newBytesLike(self, append([]byte(nil), out...)), nil
	}
}

var bytesClassMethods = []method{
	{"fromhex", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.funcArgs("fromhex", args[1:], kw, 1, 1); err != nil {
			return nil, err
		}
		s, ok := args[1].(*Str)
		if !ok {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "fromhex() argument must be str, not %s", args[1].Type().name)
		}
		b, err := th.bytesFromHex(s.s)
		if err != nil {
			return nil, err
		}
		if t, _ := args[0].(*Type); t == th.rt.types.bytearray {
			return th.NewBytearray(b), nil
		}
		return th.NewBytes(b), nil
	}},
}

// bytearrayMethods are the methods of bytearray: bytes' and the mutating
// ones, each in the bytearray's critical section.
var bytearrayMethods = append(append([]method(nil), bytesMethods...), []method{
	{"append", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("append", args, kw, 1, 1); err != nil {
			return nil, err
		}
		c, err := th.byteValue(args[1], "byte must be in range(0, 256)")
		if err != nil {
			return nil, err
		}
		b := args[0].(*Bytes)
		th.beginCS(b)
		b.b = append(b.b, c)
		th.bytesResized(b)
		th.endCS()
		return th.rt.None, nil
	}},
	{"extend", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("extend", args, kw, 1, 1); err != nil {
			return nil, err
		}
		if _, isStr := args[1].(*Str); isStr {
			return nil, th.Raise(th.rt.types.exc.TypeError, "expected iterable of integers; got: 'str'")
		}
		data, err := th.bytesFrom(args[1], "bytearray")
		if err != nil {
			return nil, err
		}
		b := args[0].(*Bytes)
		th.beginCS(b)
		b.b = append(b.b, data...)
		th.bytesResized(b)
		th.endCS()
		return th.rt.None, nil
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
		b := args[0].(*Bytes)
		th.beginCS(b)
		defer th.endCS()
		n := int64(len(b.b))
		if n == 0 {
			return nil, th.Raise(th.rt.types.exc.IndexError, "pop from empty bytearray")
		}
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return nil, th.Raise(th.rt.types.exc.IndexError, "pop index out of range")
		}
		c := b.b[i]
		b.b = append(b.b[:i], b.b[i+1:]...)
		th.bytesResized(b)
		return th.NewInt(int64(c)), nil
	}},
	{"insert", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("insert", args, kw, 2, 2); err != nil {
			return nil, err
		}
		i, err := th.intArg("insert", args[1])
		if err != nil {
			return nil, err
		}
		c, err := th.byteValue(args[2], "byte must be in range(0, 256)")
		if err != nil {
			return nil, err
		}
		b := args[0].(*Bytes)
		th.beginCS(b)
		n := int64(len(b.b))
		if i < 0 {
			i = max(i+n, 0)
		}
		i = min(i, n)
		b.b = append(b.b, 0)
		th.bytesResized(b)
		copy(b.b[i+1:], b.b[i:])
		b.b[i] = c
		th.endCS()
		return th.rt.None, nil
	}},
	{"remove", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("remove", args, kw, 1, 1); err != nil {
			return nil, err
		}
		c, err := th.byteValue(args[1], "byte must be in range(0, 256)")
		if err != nil {
			return nil, err
		}
		b := args[0].(*Bytes)
		th.beginCS(b)
		defer th.endCS()
		i := bytes.IndexByte(b.b, c)
		if i < 0 {
			return nil, th.Raise(th.rt.types.exc.ValueError, "value not found in bytearray")
		}
		b.b = append(b.b[:i], b.b[i+1:]...)
		th.bytesResized(b)
		return th.rt.None, nil
	}},
	{"clear", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("clear", args, kw, 0, 0); err != nil {
			return nil, err
		}
		b := args[0].(*Bytes)
		th.beginCS(b)
		b.b = nil
		th.bytesResized(b)
		th.endCS()
		return th.rt.None, nil
	}},
	{"copy", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("copy", args, kw, 0, 0); err != nil {
			return nil, err
		}
		_, data := bytesSelf(th, args)
		return th.NewBytearray(data), nil
	}},
	{"reverse", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("reverse", args, kw, 0, 0); err != nil {
			return nil, err
		}
		b := args[0].(*Bytes)
		th.beginCS(b)
		for i, j := 0, len(b.b)-1; i < j; i, j = i+1, j-1 {
			b.b[i], b.b[j] = b.b[j], b.b[i]
		}
		th.endCS()
		return th.rt.None, nil
	}},
}...)
