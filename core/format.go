package core

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The format-spec mini-language: format(value, spec), f-strings'
// FORMAT_VALUE and str.format's fields all come here. The parsing, the
// padding and the digit grouping follow CPython's
// Python/formatter_unicode.c step by step (its error messages word for
// word), and float digits follow Python/pystrtod.c's format_float_short
// over correctly rounded digits from strconv, so that every spec gives
// CPython's string.

// formatSpec is a parsed format specification:
// [[fill]align][sign][z][#][0][width][grouping][.precision][type].
type formatSpec struct {
	fill      rune
	align     rune // '<', '>', '=' or '^'
	alternate bool // #
	noNeg0    bool // z
	sign      rune // 0, '+', '-' or ' '
	width     int  // -1: none
	// grouping is 0, ',' or '_' (every three digits), or '4' ('_' every
	// four digits, for b, o, x and X).
	grouping  byte
	precision int  // -1: none
	typ       rune // 0: none
}

func isAlignment(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }

// maxFormatWidth bounds the widths of * in % formatting, which must fit
// an int.
const maxFormatWidth = 1 << 40

// memCheckWidth is memCheck for n bytes a program asked for with a
// width, a fill or a length (n may be past any sane size: then it is a
// MemoryError at once).
func (th *Thread) memCheckWidth(n int64) error {
	if n <= 0 {
		return nil
	}
	if n > maxSlice {
		return th.memoryError(-1)
	}
	return th.memCheck(n)
}

// parseFormatSpec parses spec for an object of o's type, whose default
// presentation type and alignment are given.
func (th *Thread) parseFormatSpec(spec string, o Object, defaultType, defaultAlign rune) (formatSpec, error) {
	exc := &th.rt.types.exc
	s := []rune(spec)
	f := formatSpec{fill: ' ', align: defaultAlign, width: -1, precision: -1, typ: defaultType}
	pos := 0
	fillSet, alignSet := false, false
	if len(s) >= 2 && isAlignment(s[1]) {
		f.fill, f.align = s[0], s[1]
		fillSet, alignSet = true, true
		pos = 2
	} else if len(s) >= 1 && isAlignment(s[0]) {
		f.align = s[0]
		alignSet = true
		pos = 1
	}
	if pos < len(s) && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ') {
		f.sign = s[pos]
		pos++
	}
	if pos < len(s) && s[pos] == 'z' {
		f.noNeg0 = true
		pos++
	}
	if pos < len(s) && s[pos] == '#' {
		f.alternate = true
		pos++
	}
	if !fillSet && pos < len(s) && s[pos] == '0' {
		f.fill = '0'
		if !alignSet && defaultAlign == '>' {
			f.align = '='
		}
		pos++
	}
	// integer reads a run of decimal digits (any Unicode decimal digit,
	// as CPython): the value and how many it read.
	integer := func() (int, int, error) {
		v, n := 0, 0
		for pos < len(s) {
			d := digitValue(s[pos])
			if d < 0 {
				break
			}
			if v > (math.MaxInt64-d)/10 {
				return 0, 0, th.Raise(exc.ValueError, "Too many decimal digits in format string")
			}
			v = v*10 + d
			pos++
			n++
		}
		return v, n, nil
	}
	w, n, err := integer()
	if err != nil {
		return f, err
	}
	if n > 0 {
		f.width = w
	}
	if pos < len(s) && s[pos] == ',' {
		f.grouping = ','
		pos++
	}
	if pos < len(s) && s[pos] == '_' {
		if f.grouping != 0 {
			return f, th.Raise(exc.ValueError, "Cannot specify both ',' and '_'.")
		}
		f.grouping = '_'
		pos++
	}
	if pos < len(s) && s[pos] == ',' && f.grouping == '_' {
		return f, th.Raise(exc.ValueError, "Cannot specify both ',' and '_'.")
	}
	if pos < len(s) && s[pos] == '.' {
		pos++
		p, n, err := integer()
		if err != nil {
			return f, err
		}
		if n == 0 {
			return f, th.Raise(exc.ValueError, "Format specifier missing precision")
		}
		f.precision = p
	}
	if len(s)-pos > 1 {
		return f, th.Raisef(exc.ValueError, "Invalid format specifier '%s' for object of type '%s'", spec, o.Type().name)
	}
	if pos < len(s) {
		f.typ = s[pos]
	}
	if f.grouping != 0 {
		switch f.typ {
		case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		case 'b', 'o', 'x', 'X':
			if f.grouping == '_' {
				f.grouping = '4'
				break
			}
			fallthrough
		default:
			return f, th.Raisef(exc.ValueError, "Cannot specify '%c' with %s.", f.grouping, presentationName(f.typ))
		}
	}
	if err := th.memCheckWidth(int64(max(f.width, f.precision)) * utf8.UTFMax); err != nil {
		return f, err
	}
	return f, nil
}

// presentationName is a presentation type as CPython's messages quote
// it: 'x', or '\x1' for a control character.
func presentationName(t rune) string {
	if t > 32 && t < 128 {
		return "'" + string(t) + "'"
	}
	return "'\\x" + strconv.FormatInt(int64(t), 16) + "'"
}

func (th *Thread) unknownFormatCode(t rune, o Object) error {
	return th.Raisef(th.rt.types.exc.ValueError, "Unknown format code %s for object of type '%s'", presentationName(t), o.Type().name)
}

// Format is format(value, spec): value's __format__ -- the
// format-spec mini-language for int, bool, float and str, the
// instance's own __format__ for a class that defines one, and
// object.__format__ (str(value) for an empty spec, else TypeError) for
// the rest. It returns a new reference to a str.
func (th *Thread) Format(value Object, spec string) (Object, error) {
	if subclassed(value) {
		if fn := th.subOverride(value, "__format__"); fn != nil {
			th.Decref(fn)
			return th.formatUser(value, spec)
		}
	}
	return th.formatNative(value, spec)
}

// formatNative is Format without the special methods of a class deriving
// from a built-in (the built-in's __format__).
func (th *Thread) formatNative(value Object, spec string) (Object, error) {
	switch v := value.(type) {
	case *Str:
		if spec == "" {
			if !v.typ.builtin {
				if fn := th.subOverride(v, "__str__"); fn != nil {
					th.Decref(fn)
					return th.objectFormat(v, spec)
				}
			}
			return th.exactCopy(v), nil
		}
		s, err := th.formatStr(v, v.s, spec)
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	case *Int:
		s, err := th.formatInt(v, spec)
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	case *Bool:
		if spec == "" {
			return th.NewStr(v.Describe()), nil
		}
		s, err := th.formatInt(v, spec)
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	case *Float:
		s, err := th.formatFloat(v, v.v, spec)
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}
	return th.formatUser(value, spec)
}

// formatUser is format(value, spec) through value's type's __format__.
func (th *Thread) formatUser(value Object, spec string) (Object, error) {
	if fn := th.lookupSpecial(value, "__format__"); fn != nil {
		defer th.Decref(fn)
		if !th.isObjectSlot(fn, "__format__") {
			sp := th.NewStr(spec)
			defer th.Decref(sp)
			r, err := th.callSpecial(fn, value, sp)
			if err != nil {
				return nil, err
			}
			if _, ok := r.(*Str); !ok {
				th.Decref(r)
				return nil, th.Raisef(th.rt.types.exc.TypeError, "__format__ must return a str, not %s", r.Type().name)
			}
			return r, nil
		}
	}
	return th.objectFormat(value, spec)
}

// objectFormat is object.__format__.
func (th *Thread) objectFormat(value Object, spec string) (Object, error) {
	if spec != "" {
		return nil, th.Raisef(th.rt.types.exc.TypeError, "unsupported format string passed to %s.__format__", value.Type().name)
	}
	s, err := th.Str(value)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s), nil
}

// formatStr formats the string s (the value of o) by spec.
func (th *Thread) formatStr(o Object, s, spec string) (string, error) {
	exc := &th.rt.types.exc
	f, err := th.parseFormatSpec(spec, o, 's', '<')
	if err != nil {
		return "", err
	}
	if f.typ != 's' {
		return "", th.unknownFormatCode(f.typ, o)
	}
	switch {
	case f.sign == ' ':
		return "", th.Raise(exc.ValueError, "Space not allowed in string format specifier")
	case f.sign != 0:
		return "", th.Raise(exc.ValueError, "Sign not allowed in string format specifier")
	case f.noNeg0:
		return "", th.Raise(exc.ValueError, "Negative zero coercion (z) not allowed in string format specifier")
	case f.alternate:
		return "", th.Raise(exc.ValueError, "Alternate form (#) not allowed in string format specifier")
	case f.align == '=':
		return "", th.Raise(exc.ValueError, "'=' alignment not allowed in string format specifier")
	}
	n := utf8.RuneCountInString(s)
	if f.precision >= 0 && n > f.precision {
		s = truncateRunes(s, f.precision)
		n = f.precision
	}
	return pad(s, n, f.width, f.align, f.fill), nil
}

// truncateRunes is the first n code points of s.
func truncateRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// pad aligns s, of n code points, in a field of width code points.
func pad(s string, n, width int, align, fill rune) string {
	if width <= n {
		return s
	}
	total := width - n
	left := 0
	switch align {
	case '>', '=':
		left = total
	case '^':
		left = total / 2
	}
	f := string(fill)
	return strings.Repeat(f, left) + s + strings.Repeat(f, total-left)
}

// formatInt formats an int or a bool by spec.
func (th *Thread) formatInt(o Object, spec string) (string, error) {
	v, b, _ := intValue(o)
	if spec == "" {
		if th.tooManyDigits(b) {
			return "", th.errTooManyDigits()
		}
		return intString(v, b), nil
	}
	exc := &th.rt.types.exc
	f, err := th.parseFormatSpec(spec, o, 'd', '>')
	if err != nil {
		return "", err
	}
	switch f.typ {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		x, err := th.intToFloat(v, b)
		if err != nil {
			return "", err
		}
		return th.formatFloatSpec(x, f)
	default:
		return "", th.unknownFormatCode(f.typ, o)
	}
	if f.precision != -1 {
		return "", th.Raise(exc.ValueError, "Precision not allowed in integer format specifier")
	}
	if f.noNeg0 {
		return "", th.Raise(exc.ValueError, "Negative zero coercion (z) not allowed in integer format specifier")
	}
	var digits, prefix string
	var signChar rune
	var num numberParts
	if f.typ == 'c' {
		if f.sign != 0 {
			return "", th.Raise(exc.ValueError, "Sign not allowed with integer format specifier 'c'")
		}
		if f.alternate {
			return "", th.Raise(exc.ValueError, "Alternate form (#) not allowed with integer format specifier 'c'")
		}
		if b != nil {
			return "", th.Raise(exc.OverflowError, "Python int too large to convert to C long")
		}
		if v < 0 || v > 0x10ffff {
			return "", th.Raise(exc.OverflowError, "%c arg not in range(0x110000)")
		}
		num = numberParts{remainder: string(rune(v))}
	} else {
		base := 10
		switch f.typ {
		case 'b':
			base, prefix = 2, "0b"
		case 'o':
			base, prefix = 8, "0o"
		case 'x':
			base, prefix = 16, "0x"
		case 'X':
			base, prefix = 16, "0X"
		}
		if !f.alternate {
			prefix = ""
		}
		if b != nil {
			if base == 10 && th.tooManyDigits(b) {
				return "", th.errTooManyDigits()
			}
			digits = new(big.Int).Abs(b).Text(base)
			if b.Sign() < 0 {
				signChar = '-'
			}
		} else {
			digits = strconv.FormatUint(uint64(absInt(v)), base)
			if v == math.MinInt64 {
				digits = strings.TrimPrefix(strconv.FormatInt(v, base), "-")
			}
			if v < 0 {
				signChar = '-'
			}
		}
		if f.typ == 'X' {
			digits = strings.ToUpper(digits)
		}
		num = numberParts{digits: digits}
	}
	grouping := f.grouping
	if f.typ == 'n' {
		grouping = 0 // the C locale groups nothing
	}
	return num.render(f, signChar, prefix, grouping), nil
}

// numberParts is a formatted number before padding: its integer digits,
// whether a decimal point follows, and what follows that (fraction,
// exponent, '%'; or the one character of 'c', or inf/nan).
type numberParts struct {
	digits     string
	hasDecimal bool
	remainder  string
}

// render lays the number out in its field, as CPython's
// calc_number_widths and fill_number do:
// <lpadding> <sign> <prefix> <spadding> <grouped digits> <decimal> <remainder> <rpadding>.
func (p numberParts) render(f formatSpec, signChar rune, prefix string, grouping byte) string {
	var sign string
	switch f.sign {
	case '+':
		sign = "+"
		if signChar == '-' {
			sign = "-"
		}
	case ' ':
		sign = " "
		if signChar == '-' {
			sign = "-"
		}
	default:
		if signChar == '-' {
			sign = "-"
		}
	}
	nDecimal := 0
	if p.hasDecimal {
		nDecimal = 1
	}
	nRemainder := utf8.RuneCountInString(p.remainder)
	nonDigit := len(sign) + len(prefix) + nDecimal + nRemainder
	minWidth := 0
	if f.fill == '0' && f.align == '=' {
		minWidth = f.width - nonDigit
	}
	grouped := ""
	if p.digits != "" {
		grouped = groupDigits(p.digits, minWidth, grouping)
	}
	var b strings.Builder
	padding := f.width - (nonDigit + len(grouped))
	fill := string(f.fill)
	var lpad, spad, rpad int
	if padding > 0 {
		switch f.align {
		case '<':
			rpad = padding
		case '^':
			lpad = padding / 2
			rpad = padding - lpad
		case '=':
			spad = padding
		default:
			lpad = padding
		}
	}
	b.WriteString(strings.Repeat(fill, lpad))
	b.WriteString(sign)
	b.WriteString(prefix)
	b.WriteString(strings.Repeat(fill, spad))
	b.WriteString(grouped)
	if p.hasDecimal {
		b.WriteByte('.')
	}
	b.WriteString(p.remainder)
	b.WriteString(strings.Repeat(fill, rpad))
	return b.String()
}

// groupDigits inserts the grouping separator into digits (ASCII), and
// pads them with zeros to at least minWidth characters, the way CPython's
// _PyUnicode_InsertThousandsGrouping does: zeros added for the width are
// grouped like digits.
func groupDigits(digits string, minWidth int, grouping byte) string {
	sep, size := "", 0
	switch grouping {
	case ',':
		sep, size = ",", 3
	case '_':
		sep, size = "_", 3
	case '4':
		sep, size = "_", 4
	}
	minWidth = max(minWidth, 0)
	remaining := len(digits)
	var groups []string // from the right
	useSep := false
	broken := false
	take := func(n int) {
		zeros := max(0, n-remaining)
		chars := max(0, min(remaining, n))
		g := strings.Repeat("0", zeros) + digits[remaining-chars:remaining]
		if useSep {
			g += sep
		}
		groups = append(groups, g)
		remaining -= chars
	}
	if size > 0 {
		for {
			n := min(size, max(remaining, minWidth, 1))
			take(n)
			useSep = true
			minWidth -= n
			if remaining <= 0 && minWidth <= 0 {
				broken = true
				break
			}
			minWidth -= len(sep)
		}
	}
	if !broken {
		take(max(remaining, minWidth, 1))
	}
	var b strings.Builder
	for i := len(groups) - 1; i >= 0; i-- {
		b.WriteString(groups[i])
	}
	return b.String()
}

// intString is the decimal text of an integer.
func intString(v int64, b *big.Int) string {
	if b != nil {
		return b.String()
	}
	return strconv.FormatInt(v, 10)
}

// formatFloat formats the float x (the value of o) by spec.
func (th *Thread) formatFloat(o Object, x float64, spec string) (string, error) {
	if spec == "" {
		return floatRepr(x), nil
	}
	f, err := th.parseFormatSpec(spec, o, 0, '>')
	if err != nil {
		return "", err
	}
	switch f.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
	default:
		return "", th.unknownFormatCode(f.typ, o)
	}
	return th.formatFloatSpec(x, f)
}

// formatFloatSpec is CPython's format_float_internal.
func (th *Thread) formatFloatSpec(x float64, f formatSpec) (string, error) {
	typ := f.typ
	precision := f.precision
	defaultPrecision := 6
	flags := dtoaFlags{alt: f.alternate, noNeg0: f.noNeg0}
	if typ == 0 {
		// Like repr without a precision, like 'g' with at least one digit
		// after the point otherwise.
		flags.addDot0 = true
		typ = 'r'
		defaultPrecision = 0
	}
	if typ == 'n' {
		typ = 'g'
	}
	pct := false
	if typ == '%' {
		typ = 'f'
		x *= 100
		pct = true
	}
	if precision < 0 {
		precision = defaultPrecision
	} else if typ == 'r' {
		typ = 'g'
	}
	s := doubleToString(x, byte(typ), precision, flags)
	if pct {
		s += "%"
	}
	var signChar rune
	if strings.HasPrefix(s, "-") {
		signChar = '-'
		s = s[1:]
	}
	// Split off the integer digits; a decimal point, if any, and the
	// rest are the remainder.
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	p := numberParts{digits: s[:i]}
	rest := s[i:]
	if strings.HasPrefix(rest, ".") {
		p.hasDecimal = true
		rest = rest[1:]
	}
	p.remainder = rest
	grouping := f.grouping
	if f.typ == 'n' {
		grouping = 0
	}
	return p.render(f, signChar, "", grouping), nil
}

// dtoaFlags are PyOS_double_to_string's flags.
type dtoaFlags struct {
	sign    bool // always write a sign
	addDot0 bool // an integral result gets ".0" (repr)
	alt     bool // '#': keep the decimal point
	noNeg0  bool // 'z': a result that rounds to zero has no minus sign
}

// doubleToString is CPython's PyOS_double_to_string: code is one of e,
// E, f, F, g, G (with precision) or r (repr: the shortest string that
// reads back as x).
func doubleToString(x float64, code byte, precision int, flags dtoaFlags) string {
	upper := false
	mode := 0
	switch code {
	case 'E':
		upper, code = true, 'e'
		fallthrough
	case 'e':
		mode = 2
		precision++
	case 'F':
		upper, code = true, 'f'
		fallthrough
	case 'f':
		mode = 3
	case 'G':
		upper, code = true, 'g'
		fallthrough
	case 'g':
		mode = 2
		if precision == 0 {
			precision = 1
		}
	case 'r':
		mode = 0
	}
	return formatFloatShort(x, code, mode, precision, flags, upper)
}

// dtoa is the digits of |x| as David Gay's _Py_dg_dtoa gives them: no
// leading or trailing zeros (but "0" for zero), with the decimal point
// after decpt digits. mode 0 is the shortest round-trip string, mode 2
// ndigits significant digits, mode 3 ndigits after the point; both
// correctly rounded, ties to even, as strconv rounds.
func dtoa(x float64, mode, ndigits int) (digits string, decpt int) {
	x = math.Abs(x)
	if x == 0 {
		return "0", 1
	}
	switch mode {
	case 0, 2:
		prec := -1
		if mode == 2 {
			prec = ndigits - 1
		}
		s := strconv.FormatFloat(x, 'e', prec, 64)
		mant, exp, _ := strings.Cut(s, "e")
		e, _ := strconv.Atoi(exp)
		digits = strings.Replace(mant, ".", "", 1)
		digits = strings.TrimRight(digits, "0")
		if digits == "" {
			return "0", 1
		}
		return digits, e + 1
	default:
		s := strconv.FormatFloat(x, 'f', ndigits, 64)
		ip, fp, _ := strings.Cut(s, ".")
		decpt = len(ip)
		all := ip + fp
		trimmed := strings.TrimLeft(all, "0")
		decpt -= len(all) - len(trimmed)
		trimmed = strings.TrimRight(trimmed, "0")
		if trimmed == "" {
			return "0", 1
		}
		return trimmed, decpt
	}
}

// formatFloatShort is CPython's format_float_short (Python/pystrtod.c).
func formatFloatShort(x float64, code byte, mode, precision int, flags dtoaFlags, upper bool) string {
	neg := math.Signbit(x)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		var b strings.Builder
		if math.IsNaN(x) {
			neg = false
		}
		if neg {
			b.WriteByte('-')
		} else if flags.sign {
			b.WriteByte('+')
		}
		word := "inf"
		if math.IsNaN(x) {
			word = "nan"
		}
		if upper {
			word = strings.ToUpper(word)
		}
		b.WriteString(word)
		return b.String()
	}
	digits, decpt := dtoa(x, mode, precision)
	if flags.noNeg0 && neg && digits == "0" {
		neg = false
	}
	ndigits := len(digits)
	if digits == "0" && x != 0 {
		// Rounded to zero (mode 3): Gay's dtoa returns no digits then.
		ndigits, digits = 0, ""
		decpt = -precision
	}
	vEnd := ndigits
	useExp := false
	switch code {
	case 'e':
		useExp = true
		vEnd = precision
	case 'f':
		vEnd = decpt + precision
	case 'g':
		lim := precision
		if flags.addDot0 {
			lim = precision - 1
		}
		if decpt <= -4 || decpt > lim {
			useExp = true
		}
		if flags.alt {
			vEnd = precision
		}
	case 'r':
		if decpt <= -4 || decpt > 16 {
			useExp = true
		}
	}
	exp := 0
	if useExp {
		exp = decpt - 1
		decpt = 1
	}
	vStart := 0
	if decpt <= 0 {
		vStart = decpt - 1
	}
	if !useExp && flags.addDot0 {
		vEnd = max(vEnd, decpt+1)
	} else {
		vEnd = max(vEnd, decpt)
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	} else if flags.sign {
		b.WriteByte('+')
	}
	zeros := func(n int) {
		for ; n > 0; n-- {
			b.WriteByte('0')
		}
	}
	if decpt <= 0 {
		zeros(decpt - vStart)
		b.WriteByte('.')
		zeros(-decpt)
	} else {
		zeros(-vStart)
	}
	if 0 < decpt && decpt <= ndigits {
		b.WriteString(digits[:decpt])
		b.WriteByte('.')
		b.WriteString(digits[decpt:])
	} else {
		b.WriteString(digits)
	}
	if ndigits < decpt {
		zeros(decpt - ndigits)
		b.WriteByte('.')
		zeros(vEnd - decpt)
	} else {
		zeros(vEnd - ndigits)
	}
	s := b.String()
	if strings.HasSuffix(s, ".") && !flags.alt {
		s = s[:len(s)-1]
	}
	if useExp {
		e := "e"
		if upper {
			e = "E"
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		es := strconv.Itoa(exp)
		if len(es) < 2 {
			es = "0" + es
		}
		s += e + sign + es
	}
	return s
}
