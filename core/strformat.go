package core

import (
	"math"
	"math/big"
	"strings"
	"unicode/utf8"
)

// str.format, str.format_map, and printf-style % formatting of str and
// bytes, following CPython's Objects/stringlib/unicode_format.h and
// PyUnicode_Format (and bytes_format) step by step, messages included.

// ---- str.format ----

// autoNumber is str.format's field-numbering state: "{}" numbers the
// fields, "{0}" names them; a format string may not mix the two.
type autoNumber struct {
	state int // 0 not yet known, 1 automatic, 2 manual
	next  int
}

// strFormat is format_string.format(*args, **kw), or
// format_string.format_map(mapping) when mapping is not nil.
func (th *Thread) strFormat(format string, args []Object, kw map[string]Object, mapping Object) (string, error) {
	var kwObj Object
	if mapping != nil {
		kwObj = mapping
	} else if len(kw) > 0 {
		d := th.NewDict()
		defer th.Decref(d)
		for _, k := range th.keywordNames(kw) {
			if err := th.DictSetStr(d, k, kw[k]); err != nil {
				return "", err
			}
		}
		kwObj = d
	}
	var posArgs []Object
	if mapping == nil {
		posArgs = args
		if posArgs == nil {
			posArgs = []Object{}
		}
	}
	var b strings.Builder
	if err := th.buildFormat(&b, []rune(format), posArgs, kwObj, 2, &autoNumber{}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// buildFormat renders format into b (build_string in CPython); depth
// bounds nested specs.
func (th *Thread) buildFormat(b *strings.Builder, s []rune, args []Object, kw Object, depth int, an *autoNumber) error {
	exc := &th.rt.types.exc
	if depth <= 0 {
		return th.Raise(exc.ValueError, "Max string recursion exceeded")
	}
	pos := 0
	for pos < len(s) {
		// Literal text up to a '{' or '}'.
		start := pos
		var c rune
		markup := false
		for pos < len(s) {
			c = s[pos]
			pos++
			if c == '{' || c == '}' {
				markup = true
				break
			}
		}
		atEnd := pos >= len(s)
		n := pos - start
		if markup && c == '}' && (atEnd || s[pos] != '}') {
			return th.Raise(exc.ValueError, "Single '}' encountered in format string")
		}
		if markup && atEnd && c == '{' {
			return th.Raise(exc.ValueError, "Single '{' encountered in format string")
		}
		if markup && !atEnd {
			if s[pos] == c {
				pos++ // an escaped brace: the literal keeps one
				markup = false
			} else {
				n--
			}
		}
		b.WriteString(string(s[start : start+n]))
		if !markup {
			continue
		}
		// A field: name, then !conversion, then :spec.
		nameStart := pos
		c = 0
		for pos < len(s) {
			c = s[pos]
			pos++
			if c == '{' {
				return th.Raise(exc.ValueError, "unexpected '{' in field name")
			}
			if c == '[' {
				for pos < len(s) && s[pos] != ']' {
					pos++
				}
				continue
			}
			if c == '}' || c == ':' || c == '!' {
				break
			}
		}
		name := s[nameStart : pos-1]
		if c != '}' && c != ':' && c != '!' {
			return th.Raise(exc.ValueError, "expected '}' before end of string")
		}
		var conv rune
		var spec []rune
		expand := false
		if c == '!' || c == ':' {
			if c == '!' {
				if pos >= len(s) {
					return th.Raise(exc.ValueError, "end of string while looking for conversion specifier")
				}
				conv = s[pos]
				pos++
				if pos < len(s) {
					c = s[pos]
					pos++
					if c != '}' && c != ':' {
						return th.Raise(exc.ValueError, "expected ':' after conversion specifier")
					}
				}
			}
			if c == ':' || (c == '!' && pos >= len(s)) {
				specStart := pos
				count := 1
				closed := false
				for pos < len(s) {
					c = s[pos]
					pos++
					if c == '{' {
						expand = true
						count++
					} else if c == '}' {
						count--
						if count == 0 {
							spec = s[specStart : pos-1]
							closed = true
							break
						}
					}
				}
				if !closed {
					return th.Raise(exc.ValueError, "unmatched '{' in format spec")
				}
			}
		}
		obj, err := th.formatField(name, args, kw, an)
		if err != nil {
			return err
		}
		if conv != 0 {
			conv2, err := th.formatConvert(obj, conv)
			th.Decref(obj)
			if err != nil {
				return err
			}
			obj = conv2
		}
		specStr := string(spec)
		if expand {
			var sb strings.Builder
			if err := th.buildFormat(&sb, spec, args, kw, depth-1, an); err != nil {
				th.Decref(obj)
				return err
			}
			specStr = sb.String()
		}
		r, err := th.Format(obj, specStr)
		th.Decref(obj)
		if err != nil {
			return err
		}
		b.WriteString(r.(*Str).s)
		th.Decref(r)
	}
	return nil
}

// formatConvert is a field's !s, !r or !a.
func (th *Thread) formatConvert(o Object, conv rune) (Object, error) {
	var s string
	var err error
	switch conv {
	case 's':
		s, err = th.Str(o)
	case 'r':
		s, err = th.Repr(o)
	case 'a':
		s, err = th.Repr(o)
		s = asciiEscape(s)
	default:
		if conv > 32 && conv < 127 {
			return nil, th.Raisef(th.rt.types.exc.ValueError, "Unknown conversion specifier %c", conv)
		}
		return nil, th.Raisef(th.rt.types.exc.ValueError, "Unknown conversion specifier \\x%x", conv)
	}
	if err != nil {
		return nil, err
	}
	return th.NewStr(s), nil
}

// fieldInteger is a field name part as an index: -1 if it is not all
// decimal digits.
func (th *Thread) fieldInteger(s []rune) (int, error) {
	if len(s) == 0 {
		return -1, nil
	}
	v := 0
	for _, r := range s {
		d := digitValue(r)
		if d < 0 {
			return -1, nil
		}
		if v > (math.MaxInt64-d)/10 {
			return 0, th.Raise(th.rt.types.exc.ValueError, "Too many decimal digits in format string")
		}
		v = v*10 + d
	}
	return v, nil
}

// formatField looks a field name up: the argument, then its .attributes
// and [items].
func (th *Thread) formatField(name []rune, args []Object, kw Object, an *autoNumber) (Object, error) {
	exc := &th.rt.types.exc
	i := 0
	for i < len(name) && name[i] != '.' && name[i] != '[' {
		i++
	}
	first, rest := name[:i], name[i:]
	idx, err := th.fieldInteger(first)
	if err != nil {
		return nil, err
	}
	empty := len(first) == 0
	if empty || idx >= 0 {
		if an.state == 0 {
			an.state = 2
			if empty {
				an.state = 1
			}
		}
		if an.state == 2 && empty {
			return nil, th.Raise(exc.ValueError, "cannot switch from manual field specification to automatic field numbering")
		}
		if an.state == 1 && !empty {
			return nil, th.Raise(exc.ValueError, "cannot switch from automatic field numbering to manual field specification")
		}
		if empty {
			idx = an.next
			an.next++
		}
	}
	var obj Object
	if idx < 0 {
		key := th.NewStr(string(first))
		defer th.Decref(key)
		if kw == nil {
			return nil, th.raiseWithArg(exc.KeyError, key)
		}
		if obj, err = th.GetItem(kw, key); err != nil {
			return nil, err
		}
	} else {
		if args == nil {
			return nil, th.Raise(exc.ValueError, "Format string contains positional fields")
		}
		if idx >= len(args) {
			return nil, th.Raisef(exc.IndexError, "Replacement index %d out of range for positional args tuple", idx)
		}
		obj = th.newRef(args[idx])
	}
	for len(rest) > 0 {
		c := rest[0]
		rest = rest[1:]
		var part []rune
		switch c {
		case '.':
			j := 0
			for j < len(rest) && rest[j] != '.' && rest[j] != '[' {
				j++
			}
			part, rest = rest[:j], rest[j:]
		case '[':
			j := 0
			for j < len(rest) && rest[j] != ']' {
				j++
			}
			if j == len(rest) {
				th.Decref(obj)
				return nil, th.Raise(exc.ValueError, "Missing ']' in format string")
			}
			part, rest = rest[:j], rest[j+1:]
		default:
			th.Decref(obj)
			return nil, th.Raise(exc.ValueError, "Only '.' or '[' may follow ']' in format field specifier")
		}
		if len(part) == 0 {
			th.Decref(obj)
			return nil, th.Raise(exc.ValueError, "Empty attribute in format string")
		}
		var next Object
		if c == '.' {
			next, err = th.GetAttr(obj, string(part))
		} else {
			n, ierr := th.fieldInteger(part)
			if ierr != nil {
				th.Decref(obj)
				return nil, ierr
			}
			var key Object
			if n >= 0 {
				key = th.NewInt(int64(n))
			} else {
				key = th.NewStr(string(part))
			}
			next, err = th.GetItem(obj, key)
			th.Decref(key)
		}
		th.Decref(obj)
		if err != nil {
			return nil, err
		}
		obj = next
	}
	return obj, nil
}

// ---- % formatting ----

const (
	pctLJust = 1 << iota
	pctSign
	pctBlank
	pctAlt
	pctZero
)

// percentArgs is the argument state of one % formatting: a tuple's
// items one after another, or a single value; dict is the mapping for
// %(name)s, if the right operand is one.
type percentArgs struct {
	items  []Object
	single Object
	used   int
	dict   Object
}

func (p *percentArgs) next(th *Thread) (Object, error) {
	if p.single != nil {
		if p.used == 0 {
			p.used = 1
			return p.single, nil
		}
	} else if p.used < len(p.items) {
		p.used++
		return p.items[p.used-1], nil
	}
	return nil, th.Raise(th.rt.types.exc.TypeError, "not enough arguments for format string")
}

// isPercentMapping is CPython's PyMapping_Check for the right operand of %: it
// has __getitem__ and is not a tuple or str.
func (th *Thread) isPercentMapping(o Object) bool {
	switch o.(type) {
	case *Dict, *List, *MappingProxy, *Range:
		return true
	case *Bytes:
		return true
	case *Tuple, *Str:
		return false
	case *Instance, *Exception:
		return th.hasDunder(o, "__getitem__")
	}
	return false
}

// strPercent is format % args for a str.
func (th *Thread) strPercent(format string, args Object) (Object, error) {
	out, err := th.percentFormat([]rune(format), args, false)
	if err != nil {
		return nil, err
	}
	return th.NewStr(string(out)), nil
}

// bytesPercent is format % args for bytes and bytearray.
func (th *Thread) bytesPercent(a *Bytes, args Object) (Object, error) {
	data := th.snapshot(a)
	r := make([]rune, len(data))
	for i, c := range data {
		r[i] = rune(c)
	}
	out, err := th.percentFormat(r, args, true)
	if err != nil {
		return nil, err
	}
	b := make([]byte, len(out))
	for i, c := range out {
		b[i] = byte(c)
	}
	return th.newBytesLike(a, b), nil
}

// percentFormat is PyUnicode_Format (bytes_format when isBytes: every
// rune is then a byte).
func (th *Thread) percentFormat(f []rune, args Object, isBytes bool) ([]rune, error) {
	exc := &th.rt.types.exc
	p := &percentArgs{}
	if t, ok := args.(*Tuple); ok {
		p.items = t.items
	} else {
		p.single = args
	}
	if th.isPercentMapping(args) {
		p.dict = args
	}
	var owned Object // the value of the last %(key)
	defer func() { th.XDecref(owned) }()
	var out []rune
	pos := 0
	for pos < len(f) {
		c := f[pos]
		if c != '%' {
			out = append(out, c)
			pos++
			continue
		}
		pos++
		if pos < len(f) && f[pos] == '%' {
			out = append(out, '%')
			pos++
			continue
		}
		incomplete := func() ([]rune, error) {
			return nil, th.Raise(exc.ValueError, "incomplete format")
		}
		if pos >= len(f) {
			return incomplete()
		}
		if f[pos] == '(' {
			if p.dict == nil {
				return nil, th.Raise(exc.TypeError, "format requires a mapping")
			}
			pos++
			start, depth := pos, 1
			for pos < len(f) && depth > 0 {
				switch f[pos] {
				case ')':
					depth--
				case '(':
					depth++
				}
				pos++
			}
			if depth > 0 {
				return nil, th.Raise(exc.ValueError, "incomplete format key")
			}
			var key Object
			if isBytes {
				kb := make([]byte, pos-1-start)
				for i, r := range f[start : pos-1] {
					kb[i] = byte(r)
				}
				key = th.NewBytes(kb)
			} else {
				key = th.NewStr(string(f[start : pos-1]))
			}
			v, err := th.GetItem(p.dict, key)
			th.Decref(key)
			if err != nil {
				return nil, err
			}
			th.XDecref(owned)
			owned = v
			p.items, p.single, p.used = nil, v, 0
		}
		flags := 0
	flagLoop:
		for pos < len(f) {
			switch f[pos] {
			case '-':
				flags |= pctLJust
			case '+':
				flags |= pctSign
			case ' ':
				flags |= pctBlank
			case '#':
				flags |= pctAlt
			case '0':
				flags |= pctZero
			default:
				break flagLoop
			}
			pos++
		}
		if pos >= len(f) {
			return incomplete()
		}
		width, prec := -1, -1
		if f[pos] == '*' {
			v, err := p.next(th)
			if err != nil {
				return nil, err
			}
			w, b, ok := intValue(v)
			if !ok {
				return nil, th.Raise(exc.TypeError, "* wants int")
			}
			if b != nil || w > maxFormatWidth || w < -maxFormatWidth {
				return nil, th.Raise(exc.OverflowError, "Python int too large to convert to C ssize_t")
			}
			if w < 0 {
				flags |= pctLJust
				w = -w
			}
			width = int(w)
			pos++
		} else if f[pos] >= '0' && f[pos] <= '9' {
			width = 0
			for pos < len(f) && f[pos] >= '0' && f[pos] <= '9' {
				if width > (math.MaxInt32-int(f[pos]-'0'))/10 {
					return nil, th.Raise(exc.ValueError, "width too big")
				}
				width = width*10 + int(f[pos]-'0')
				pos++
			}
		}
		if pos < len(f) && f[pos] == '.' {
			prec = 0
			pos++
			if pos < len(f) && f[pos] == '*' {
				v, err := p.next(th)
				if err != nil {
					return nil, err
				}
				w, b, ok := intValue(v)
				if !ok {
					return nil, th.Raise(exc.TypeError, "* wants int")
				}
				if b != nil || w > math.MaxInt32 {
					return nil, th.Raise(exc.OverflowError, "Python int too large to convert to C int")
				}
				prec = int(max(w, 0))
				pos++
			} else {
				for pos < len(f) && f[pos] >= '0' && f[pos] <= '9' {
					if prec > (math.MaxInt32-int(f[pos]-'0'))/10 {
						return nil, th.Raise(exc.ValueError, "precision too big")
					}
					prec = prec*10 + int(f[pos]-'0')
					pos++
				}
			}
		}
		if pos < len(f) && (f[pos] == 'h' || f[pos] == 'l' || f[pos] == 'L') {
			pos++
		}
		if pos >= len(f) {
			return incomplete()
		}
		if err := th.memCheckWidth(int64(max(width, prec)) * utf8.UTFMax); err != nil {
			return nil, err
		}
		conv := f[pos]
		pos++
		v, err := p.next(th)
		if err != nil {
			return nil, err
		}
		s, sign, err := th.percentConvert(conv, v, flags, prec, isBytes, pos-1)
		if err != nil {
			return nil, err
		}
		out = percentPad(out, s, conv, flags, width, prec, sign)
	}
	if p.dict == nil && p.used < len(p.items) || p.dict == nil && p.single != nil && p.used == 0 {
		return nil, th.Raise(exc.TypeError, "not all arguments converted during string formatting")
	}
	return out, nil
}

// percentConvert converts one argument: its text, and whether it is a
// number (which takes a sign and zero padding).
func (th *Thread) percentConvert(conv rune, v Object, flags, prec int, isBytes bool, at int) ([]rune, bool, error) {
	exc := &th.rt.types.exc
	switch conv {
	case 's', 'r', 'a', 'b':
		if isBytes {
			if conv == 's' || conv == 'b' {
				if b, ok := th.bytesLike(v); ok {
					return bytesRunes(b), false, nil
				}
				if userDefined(v) {
					r, found, err := th.callDunder(v, "__bytes__")
					if err != nil {
						return nil, false, err
					}
					if found {
						defer th.Decref(r)
						if b, ok := r.(*Bytes); ok {
							return bytesRunes(b.b), false, nil
						}
						return nil, false, th.Raisef(exc.TypeError, "__bytes__ returned non-bytes (type %s)", r.Type().name)
					}
				}
				return nil, false, th.Raisef(exc.TypeError, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'", v.Type().name)
			}
			s, err := th.Repr(v)
			if err != nil {
				return nil, false, err
			}
			return bytesRunes([]byte(asciiEscape(s))), false, nil
		}
		if conv == 'b' {
			break
		}
		var s string
		var err error
		switch conv {
		case 's':
			s, err = th.Str(v)
		case 'r':
			s, err = th.Repr(v)
		default:
			s, err = th.Repr(v)
			s = asciiEscape(s)
		}
		if err != nil {
			return nil, false, err
		}
		r := []rune(s)
		if prec >= 0 && len(r) > prec {
			r = r[:prec]
		}
		return r, false, nil
	case 'd', 'i', 'u', 'o', 'x', 'X':
		s, err := th.percentInt(conv, v, flags, prec)
		return []rune(s), true, err
	case 'e', 'E', 'f', 'F', 'g', 'G':
		x, err := th.percentFloatValue(v)
		if err != nil {
			return nil, false, err
		}
		if prec < 0 {
			prec = 6
		}
		s := doubleToString(x, byte(conv), prec, dtoaFlags{alt: flags&pctAlt != 0})
		return []rune(s), true, nil
	case 'c':
		if isBytes {
			if b, ok := th.bytesLike(v); ok && len(b) == 1 {
				return []rune{rune(b[0])}, false, nil
			}
			n, big, ok, err := th.indexValue(v)
			if err != nil {
				return nil, false, err
			}
			if !ok {
				return nil, false, th.Raise(exc.TypeError, "%c requires an integer in range(256) or a single byte")
			}
			if big != nil || n < 0 || n > 255 {
				return nil, false, th.Raise(exc.OverflowError, "%c arg not in range(256)")
			}
			return []rune{rune(n)}, false, nil
		}
		if s, ok := v.(*Str); ok {
			if s.length() == 1 {
				r, _ := utf8.DecodeRuneInString(s.s)
				return []rune{r}, false, nil
			}
			return nil, false, th.Raise(exc.TypeError, "%c requires int or char")
		}
		n, big, ok, err := th.indexValue(v)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			return nil, false, th.Raise(exc.TypeError, "%c requires int or char")
		}
		if big != nil || n < 0 || n > 0x10ffff {
			return nil, false, th.Raise(exc.OverflowError, "%c arg not in range(0x110000)")
		}
		return []rune{rune(n)}, false, nil
	}
	shown := '?'
	if conv >= 31 && conv <= 126 {
		shown = conv
	}
	return nil, false, th.Raisef(exc.ValueError, "unsupported format character '%c' (0x%x) at index %d", shown, conv, at)
}

func bytesRunes(b []byte) []rune {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return r
}

// isNumber is CPython's PyNumber_Check: an int, a float, or an object
// with __index__, __int__ or __float__.
func (th *Thread) isNumber(o Object) bool {
	switch o.(type) {
	case *Int, *Bool, *Float:
		return true
	case *Instance, *Exception:
		return th.hasDunder(o, "__index__") || th.hasDunder(o, "__int__") || th.hasDunder(o, "__float__")
	}
	return false
}

// percentInt formats an integer for %d, %i, %u, %o, %x and %X.
func (th *Thread) percentInt(conv rune, v Object, flags, prec int) (string, error) {
	exc := &th.rt.types.exc
	wrong := func() (string, error) {
		if conv == 'o' || conv == 'x' || conv == 'X' {
			return "", th.Raisef(exc.TypeError, "%%%c format: an integer is required, not %s", conv, v.Type().name)
		}
		return "", th.Raisef(exc.TypeError, "%%%c format: a real number is required, not %s", conv, v.Type().name)
	}
	if !th.isNumber(v) {
		return wrong()
	}
	var n Object
	var err error
	if _, _, ok := intValue(v); ok {
		n = th.newRef(v)
	} else if conv == 'o' || conv == 'x' || conv == 'X' {
		n, err = th.Index(v)
	} else {
		n, err = th.Call(th.rt.types.int_, []Object{v}, nil)
	}
	if err != nil {
		if IsInstance(err, exc.TypeError) {
			th.Discard(err)
			return wrong()
		}
		return "", err
	}
	iv, ib, _ := intValue(n)
	th.Decref(n)
	x := toBig(iv, ib)
	base, prefix := 10, ""
	switch conv {
	case 'o':
		base, prefix = 8, "0o"
	case 'x':
		base, prefix = 16, "0x"
	case 'X':
		base, prefix = 16, "0X"
	}
	if base == 10 && th.tooManyDigits(ib) {
		return "", th.errTooManyDigits() // as str() does (issue 12, item 5)
	}
	digits := new(big.Int).Abs(x).Text(base)
	if conv == 'X' {
		digits = strings.ToUpper(digits)
	}
	if prec > len(digits) {
		digits = strings.Repeat("0", prec-len(digits)) + digits
	}
	if flags&pctAlt != 0 {
		digits = prefix + digits
	}
	if x.Sign() < 0 {
		digits = "-" + digits
	}
	return digits, nil
}

// percentFloatValue is the float value of a %e, %f or %g argument.
func (th *Thread) percentFloatValue(v Object) (float64, error) {
	switch x := v.(type) {
	case *Float:
		return x.v, nil
	case *Int, *Bool:
		iv, ib, _ := intValue(x)
		return th.intToFloat(iv, ib)
	case *Instance, *Exception:
		if th.hasDunder(v, "__float__") || th.hasDunder(v, "__index__") {
			f, err := th.Call(th.rt.types.float, []Object{v}, nil)
			if err != nil {
				return 0, err
			}
			defer th.Decref(f)
			return f.(*Float).v, nil
		}
	}
	return 0, th.Raisef(th.rt.types.exc.TypeError, "must be real number, not %s", v.Type().name)
}

// percentPad lays one converted argument out as unicode_format_arg_output
// does: sign, 0x prefix, fill, text, right padding.
func percentPad(out, s []rune, conv rune, flags, width, prec int, number bool) []rune {
	fill := ' '
	if number && flags&pctZero != 0 {
		fill = '0'
	}
	n := len(s)
	if (width < 0 || width <= n) && !(number && flags&(pctSign|pctBlank) != 0) {
		return append(out, s...)
	}
	i := 0
	var signChar rune
	sign := number
	if sign {
		if n > 0 && (s[0] == '-' || s[0] == '+') {
			signChar = s[0]
			n--
			i++
		} else if flags&pctSign != 0 {
			signChar = '+'
		} else if flags&pctBlank != 0 {
			signChar = ' '
		} else {
			sign = false
		}
	}
	if width < n {
		width = n
	}
	if sign {
		if fill != ' ' {
			out = append(out, signChar)
		}
		if width > n {
			width--
		}
	}
	alt := flags&pctAlt != 0 && (conv == 'x' || conv == 'X' || conv == 'o')
	if alt {
		if fill != ' ' {
			out = append(out, s[i], s[i+1])
			i += 2
		}
		width -= 2
		if width < 0 {
			width = 0
		}
		n -= 2
	}
	if width > n && flags&pctLJust == 0 {
		for k := 0; k < width-n; k++ {
			out = append(out, fill)
		}
		width = n
	}
	if fill == ' ' {
		if sign {
			out = append(out, signChar)
		}
		if alt {
			out = append(out, s[i], s[i+1])
			i += 2
		}
	}
	out = append(out, s[i:i+n]...)
	for k := 0; k < width-n; k++ {
		out = append(out, ' ')
	}
	return out
}
