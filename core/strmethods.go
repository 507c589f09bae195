package core

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The methods of str, with CPython's argument handling and messages.
// Indexes and lengths are in code points. Case mapping is Unicode's
// simple mapping plus the special cases programs meet (ß, the Latin
// ligatures, İ, final sigma); see docs/core.md for what remains.

func strSelf(args []Object) *Str { return args[0].(*Str) }

// strNoArgs checks that a str method got no arguments.
func (th *Thread) strNoArgs(name string, args []Object, kw map[string]Object) error {
	return th.methodArgs(name, args, kw, 0, 0)
}

// subArgs parses the (sub[, start[, end]]) of find, index, count,
// startswith and their kin; sub is returned as given.
func (th *Thread) subArgs(name string, args []Object, kw map[string]Object) (Object, sliceIndex, sliceIndex, error) {
	var start, end sliceIndex
	start.none, end.none = true, true
	if err := th.checkKwargs(name, kw); err != nil {
		return nil, start, end, err
	}
	n := len(args) - 1
	if n < 1 {
		return nil, start, end, th.Raisef(th.rt.types.exc.TypeError, "%s() takes at least 1 argument (%d given)", name, n)
	}
	if n > 3 {
		return nil, start, end, th.Raisef(th.rt.types.exc.TypeError, "%s() takes at most 3 arguments (%d given)", name, n)
	}
	var err error
	if n >= 2 {
		if start, err = th.sliceIndexOf(args[2]); err != nil {
			return nil, start, end, err
		}
	}
	if n >= 3 {
		if end, err = th.sliceIndexOf(args[3]); err != nil {
			return nil, start, end, err
		}
	}
	return args[1], start, end, nil
}

// subStr requires sub to be a str ("must be str, not int").
func (th *Thread) subStr(sub Object) (string, error) {
	s, ok := sub.(*Str)
	if !ok {
		return "", th.Raisef(th.rt.types.exc.TypeError, "must be str, not %s", sub.Type().name)
	}
	return s.s, nil
}

// window is the runes of s[start:end] (Python's slice rules), and the
// start index it begins at; ok is false when start is past the end
// (where even "" is not found).
func window(r []rune, start, end sliceIndex) (w []rune, at int, ok bool) {
	n := len(r)
	s := start.clamp(n, 0)
	e := end.clamp(n, n)
	if !start.none && start.v > int64(n) {
		return nil, 0, false
	}
	if s > e {
		return nil, s, false
	}
	return r[s:e], s, true
}

// runeIndex finds sub in r: the first (or last) position, or -1.
func runeIndex(r, sub []rune, last bool) int {
	if len(sub) > len(r) {
		return -1
	}
	if last {
		for i := len(r) - len(sub); i >= 0; i-- {
			if runesEqual(r[i:i+len(sub)], sub) {
				return i
			}
		}
		return -1
	}
	for i := 0; i+len(sub) <= len(r); i++ {
		if runesEqual(r[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// strFind is find, rfind, index and rindex.
func strFind(name string, last, raise bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		subObj, start, end, err := th.subArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		sub, err := th.subStr(subObj)
		if err != nil {
			return nil, err
		}
		w, at, ok := window(strSelf(args).runes(), start, end)
		i := -1
		if ok {
			if i = runeIndex(w, []rune(sub), last); i >= 0 {
				i += at
			}
		}
		if i < 0 && raise {
			return nil, th.Raise(th.rt.types.exc.ValueError, "substring not found")
		}
		return th.NewInt(int64(i)), nil
	}
}

// strAffix is startswith and endswith.
func strAffix(name string, suffix bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		subObj, start, end, err := th.subArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		w, _, ok := window(strSelf(args).runes(), start, end)
		inTuple := false
		test := func(o Object) (bool, error) {
			p, isStr := o.(*Str)
			if !isStr {
				if inTuple {
					return false, th.Raisef(th.rt.types.exc.TypeError, "tuple for %s must only contain str, not %s", name, o.Type().name)
				}
				return false, th.Raisef(th.rt.types.exc.TypeError, "%s first arg must be str or a tuple of str, not %s", name, o.Type().name)
			}
			if !ok {
				return false, nil
			}
			pr := []rune(p.s)
			if len(pr) > len(w) {
				return false, nil
			}
			if suffix {
				return runesEqual(w[len(w)-len(pr):], pr), nil
			}
			return runesEqual(w[:len(pr)], pr), nil
		}
		if t, isTuple := subObj.(*Tuple); isTuple {
			inTuple = true
			for _, it := range t.items {
				m, err := test(it)
				if err != nil {
					return nil, err
				}
				if m {
					return th.rt.True, nil
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

// splitArgs parses split's and rsplit's (sep=None, maxsplit=-1).
func (th *Thread) splitArgs(name string, args []Object, kw map[string]Object) (sep Object, maxsplit int64, err error) {
	a, err := th.keywordOrPositional(name, args[1:], kw, []string{"sep", "maxsplit"}, 0)
	if err != nil {
		return nil, 0, err
	}
	maxsplit = -1
	if a[1] != nil {
		v, b, ok, err := th.indexValue(a[1])
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			return nil, 0, th.Raisef(th.rt.types.exc.TypeError, "'%s' object cannot be interpreted as an integer", a[1].Type().name)
		}
		if b != nil {
			return nil, 0, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C ssize_t")
		}
		maxsplit = v
	}
	if a[0] == th.rt.None {
		a[0] = nil
	}
	return a[0], maxsplit, nil
}

// splitSep is s.split(sep, maxsplit) (rsplit when last).
func splitSep(s, sep string, maxsplit int64, last bool) []string {
	if maxsplit < 0 {
		return strings.Split(s, sep)
	}
	if !last {
		return strings.SplitN(s, sep, int(min(maxsplit, 1<<30))+1)
	}
	var out []string
	for maxsplit > 0 {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			break
		}
		out = append(out, s[i+len(sep):])
		s = s[:i]
		maxsplit--
	}
	out = append(out, s)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// rsplitWhitespace is s.rsplit(None, maxsplit).
func rsplitWhitespace(s string, maxsplit int64) []string {
	if maxsplit < 0 {
		return strings.FieldsFunc(s, isSpace)
	}
	var out []string
	s = strings.TrimRightFunc(s, isSpace)
	for s != "" && maxsplit > 0 {
		i := strings.LastIndexFunc(s, isSpace)
		if i < 0 {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[i+size:])
		s = strings.TrimRightFunc(s[:i], isSpace)
		maxsplit--
	}
	if s != "" {
		out = append(out, s)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func strSplit(name string, last bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		sepObj, maxsplit, err := th.splitArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		s := strSelf(args).s
		var parts []string
		if sepObj == nil {
			if last {
				parts = rsplitWhitespace(s, maxsplit)
			} else {
				n := -1
				if maxsplit >= 0 {
					n = int(min(maxsplit, 1<<30)) + 1
				}
				parts = splitWhitespace(s, n)
			}
		} else {
			sep, ok := sepObj.(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "must be str or None, not %s", sepObj.Type().name)
			}
			if sep.s == "" {
				return nil, th.Raise(th.rt.types.exc.ValueError, "empty separator")
			}
			parts = splitSep(s, sep.s, maxsplit, last)
		}
		return th.strList(parts), nil
	}
}

// strList makes a list of strs.
func (th *Thread) strList(parts []string) *List {
	out := make([]Object, len(parts))
	for i, p := range parts {
		out[i] = th.NewStr(p)
	}
	return th.NewList(out)
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

func strTrim(name string, left, right bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.clinicMethodArgs(name, args, kw, 0, 1); err != nil {
			return nil, err
		}
		s := strSelf(args).s
		var t string
		if len(args) == 1 || args[1] == th.rt.None {
			t = s
			if left {
				t = strings.TrimLeftFunc(t, isSpace)
			}
			if right {
				t = strings.TrimRightFunc(t, isSpace)
			}
		} else {
			chars, ok := args[1].(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "%s arg must be None or str", name)
			}
			t = s
			if left {
				t = strings.TrimLeft(t, chars.s)
			}
			if right {
				t = strings.TrimRight(t, chars.s)
			}
		}
		if t == s {
			return th.newRef(args[0]), nil
		}
		return th.NewStr(t), nil
	}
}

func strMap(name string, f func(string) string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.strNoArgs(name, args, kw); err != nil {
			return nil, err
		}
		return th.NewStr(f(strSelf(args).s)), nil
	}
}

func strTest(name string, f func(string) bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.strNoArgs(name, args, kw); err != nil {
			return nil, err
		}
		return th.rt.Bool(f(strSelf(args).s)), nil
	}
}

// allRunes reports whether s is not empty and every code point satisfies
// f.
func allRunes(f func(rune) bool) func(string) bool {
	return func(s string) bool {
		if s == "" {
			return false
		}
		for _, r := range s {
			if !f(r) {
				return false
			}
		}
		return true
	}
}

// upperSpecial and lowerSpecial are the full case mappings that differ
// from the simple ones, for the characters programs meet.
var upperSpecial = map[rune]string{
	'ß': "SS", 'ﬀ': "FF", 'ﬁ': "FI", 'ﬂ': "FL", 'ﬃ': "FFI", 'ﬄ': "FFL", 'ﬅ': "ST", 'ﬆ': "ST",
	'ŉ': "ʼN", 'ǰ': "J̌", 'ΐ': "Ϊ́", 'ΰ': "Ϋ́", 'և': "ԵՒ", 'ẖ': "H̱", 'ẗ': "T̈", 'ẘ': "W̊", 'ẙ': "Y̊", 'ẚ': "Aʾ",
}

var titleSpecial = map[rune]string{
	'ß': "Ss", 'ﬀ': "Ff", 'ﬁ': "Fi", 'ﬂ': "Fl", 'ﬃ': "Ffi", 'ﬄ': "Ffl", 'ﬅ': "St", 'ﬆ': "St", 'ŉ': "ʼN", 'և': "Եւ",
}

func isCased(r rune) bool { return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) }

// caseIgnorable approximates Unicode's Case_Ignorable: marks, format
// characters, modifier letters and symbols, and the apostrophe-like
// punctuation.
func caseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		r == '\'' || r == '.' || r == ':' || r == '^' || r == '`' || r == 0xb7 || r == 0x2019
}

// pyUpper is str.upper().
func pyUpper(s string) string {
	if isASCII(s) {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	for _, r := range s {
		if u, ok := upperSpecial[r]; ok {
			b.WriteString(u)
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// pyLower is str.lower(): with İ to i̇ and Greek final sigma.
func pyLower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		switch {
		case c == 'İ':
			b.WriteString("i̇")
		case c == 'Σ':
			b.WriteRune(finalSigma(r, i))
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// finalSigma is the lowercase of the capital sigma at r[i]: ς at the end
// of a word (a cased letter before it, none after), σ otherwise.
func finalSigma(r []rune, i int) rune {
	before := false
	for j := i - 1; j >= 0; j-- {
		if caseIgnorable(r[j]) {
			continue
		}
		before = isCased(r[j])
		break
	}
	after := false
	for j := i + 1; j < len(r); j++ {
		if caseIgnorable(r[j]) {
			continue
		}
		after = isCased(r[j])
		break
	}
	if before && !after {
		return 'ς'
	}
	return 'σ'
}

// pyTitle is str.title(): a cased character after an uncased one gets
// its title case, after a cased one its lower case.
func pyTitle(s string) string {
	var b strings.Builder
	prevCased := false
	r := []rune(s)
	for i, c := range r {
		if prevCased {
			if c == 'Σ' {
				b.WriteRune(finalSigma(r, i))
			} else if c == 'İ' {
				b.WriteString("i̇")
			} else {
				b.WriteRune(unicode.ToLower(c))
			}
		} else if t, ok := titleSpecial[c]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(unicode.ToTitle(c))
		}
		prevCased = isCased(c)
	}
	return b.String()
}

// pyCapitalize is str.capitalize(): the first character in title case,
// the rest in lower case.
func pyCapitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	var b strings.Builder
	if t, ok := titleSpecial[r[0]]; ok {
		b.WriteString(t)
	} else {
		b.WriteRune(unicode.ToTitle(r[0]))
	}
	for i, c := range r[1:] {
		switch c {
		case 'Σ':
			b.WriteRune(finalSigma(r, i+1))
		case 'İ':
			b.WriteString("i̇")
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// pySwapcase is str.swapcase().
func pySwapcase(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		switch {
		case unicode.IsUpper(c):
			if c == 'Σ' {
				b.WriteRune(finalSigma(r, i))
			} else if c == 'İ' {
				b.WriteString("i̇")
			} else {
				b.WriteRune(unicode.ToLower(c))
			}
		case unicode.IsLower(c):
			if u, ok := upperSpecial[c]; ok {
				b.WriteString(u)
			} else {
				b.WriteRune(unicode.ToUpper(c))
			}
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// pyCasefold is str.casefold().
func pyCasefold(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case 'ß', 'ẞ':
			b.WriteString("ss")
		case 'ς':
			b.WriteRune('σ')
		case 'ﬁ':
			b.WriteString("fi")
		case 'ﬂ':
			b.WriteString("fl")
		case 'ﬀ':
			b.WriteString("ff")
		default:
			if u, ok := upperSpecial[c]; ok {
				b.WriteString(pyLower(u))
			} else {
				b.WriteRune(unicode.ToLower(c))
			}
		}
	}
	return b.String()
}

// isDigitRune is str.isdigit for one code point: decimal digits, and the
// digits with a Numeric_Type of Digit (superscripts, subscripts, circled
// digits).
func isDigitRune(r rune) bool {
	if unicode.Is(unicode.Nd, r) {
		return true
	}
	switch {
	case r == 0xb2, r == 0xb3, r == 0xb9, r == 0x2070, r >= 0x2074 && r <= 0x2079, r >= 0x2080 && r <= 0x2089,
		r >= 0x2460 && r <= 0x2468, r >= 0x2474 && r <= 0x247c, r >= 0x2488 && r <= 0x2490, r == 0x24ea,
		r >= 0x24f5 && r <= 0x24fd, r == 0x24ff, r >= 0x2776 && r <= 0x277e, r >= 0x2780 && r <= 0x2788,
		r >= 0x278a && r <= 0x2792, r >= 0x1369 && r <= 0x1371, r == 0x19da, r >= 0x1f100 && r <= 0x1f10a:
		return true
	}
	return false
}

// hanNumerals are the CJK ideographs with a numeric value, which
// str.isnumeric accepts.
const hanNumerals = "〇一二三四五六七八九十百千万億兆零壹貳參肆伍陸柒捌玖拾佰仟廿卅卌"

// isNumericRune is str.isnumeric for one code point.
func isNumericRune(r rune) bool {
	return unicode.IsNumber(r) || strings.ContainsRune(hanNumerals, r)
}

// isIdentifier is str.isidentifier (XID_Start then XID_Continue,
// approximated by Go's letter and digit classes).
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		start := r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
		if i == 0 {
			if !start {
				return false
			}
			continue
		}
		if !start && !unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) {
			return false
		}
	}
	return true
}

// casedTest is islower and isupper: at least one cased character, and
// every cased character passes want.
func casedTest(want func(rune) bool) func(string) bool {
	return func(s string) bool {
		cased := false
		for _, r := range s {
			if isCased(r) {
				if !want(r) {
					return false
				}
				cased = true
			}
		}
		return cased
	}
}

// isTitle is str.istitle.
func isTitle(s string) bool {
	cased, prevCased := false, false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return false
			}
			prevCased, cased = true, true
		case unicode.IsLower(r):
			if !prevCased {
				return false
			}
			prevCased, cased = true, true
		default:
			prevCased = false
		}
	}
	return cased
}

// isLineBreak is a code point str.splitlines splits at.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// splitLines is str.splitlines(keepends).
func splitLines(s string, keepends bool) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isLineBreak(r) {
			i += size
			continue
		}
		end := i + size
		if r == '\r' && end < len(s) && s[end] == '\n' {
			end++
		}
		if keepends {
			out = append(out, s[start:end])
		} else {
			out = append(out, s[start:i])
		}
		start, i = end, end
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// expandTabsLen is the length in bytes of expandTabs(s, tab), or -1 when
// it passes maxSlice (where it could overflow).
func expandTabsLen(s string, tab int64) int64 {
	n, col := int64(0), int64(0)
	for _, r := range s {
		switch r {
		case '\t':
			if tab > 0 {
				pad := tab - col%tab
				if pad > maxSlice-n {
					return -1
				}
				n += pad
				col += pad
			}
		case '\n', '\r':
			n++
			col = 0
		default:
			n += int64(utf8.RuneLen(r))
			col++
		}
	}
	return n
}

// expandTabs is str.expandtabs(tabsize).
func expandTabs(s string, tab int64) string {
	var b strings.Builder
	col := int64(0)
	for _, r := range s {
		switch r {
		case '\t':
			if tab > 0 {
				n := tab - col%tab
				b.WriteString(strings.Repeat(" ", int(n)))
				col += n
			}
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// fillArgs parses center's, ljust's and rjust's (width[, fillchar]).
func (th *Thread) fillArgs(name string, args []Object, kw map[string]Object) (int64, rune, error) {
	if err := th.checkKwargs(name, kw); err != nil {
		return 0, 0, err
	}
	if err := th.clinicArgs(name, args[1:], nil, 1, 2); err != nil {
		return 0, 0, err
	}
	width, err := th.intArg(name, args[1])
	if err != nil {
		return 0, 0, err
	}
	fill := ' '
	if len(args) == 3 {
		f, ok := args[2].(*Str)
		if !ok {
			return 0, 0, th.Raisef(th.rt.types.exc.TypeError, "%s() argument 2 must be str, not %s", name, args[2].Type().name)
		}
		if f.length() != 1 {
			return 0, 0, th.Raise(th.rt.types.exc.TypeError, "The fill character must be exactly one character long")
		}
		fill, _ = utf8.DecodeRuneInString(f.s)
	}
	if err := th.memCheckWidth(width * utf8.UTFMax); err != nil {
		return 0, 0, err
	}
	return width, fill, nil
}

func strJustify(name string) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		width, fill, err := th.fillArgs(name, args, kw)
		if err != nil {
			return nil, err
		}
		s := strSelf(args)
		n := int64(s.length())
		if width <= n {
			return th.newRef(s), nil
		}
		marg := width - n
		var left int64
		switch name {
		case "center":
			left = marg/2 + (marg & width & 1)
		case "rjust":
			left = marg
		}
		f := string(fill)
		return th.NewStr(strings.Repeat(f, int(left)) + s.s + strings.Repeat(f, int(marg-left))), nil
	}
}

var strMethods = []method{
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
		parts := make([]string, len(items))
		sep := strSelf(args).s
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
	{"split", strSplit("split", false)},
	{"rsplit", strSplit("rsplit", true)},
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
		return th.strList(splitLines(strSelf(args).s, keep)), nil
	}},
	{"strip", strTrim("strip", true, true)},
	{"lstrip", strTrim("lstrip", true, false)},
	{"rstrip", strTrim("rstrip", false, true)},
	{"upper", strMap("upper", pyUpper)},
	{"lower", strMap("lower", pyLower)},
	{"title", strMap("title", pyTitle)},
	{"capitalize", strMap("capitalize", pyCapitalize)},
	{"swapcase", strMap("swapcase", pySwapcase)},
	{"casefold", strMap("casefold", pyCasefold)},
	{"startswith", strAffix("startswith", false)},
	{"endswith", strAffix("endswith", true)},
	{"find", strFind("find", false, false)},
	{"rfind", strFind("rfind", true, false)},
	{"index", strFind("index", false, true)},
	{"rindex", strFind("rindex", true, true)},
	{"count", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		subObj, start, end, err := th.subArgs("count", args, kw)
		if err != nil {
			return nil, err
		}
		sub, err := th.subStr(subObj)
		if err != nil {
			return nil, err
		}
		w, _, ok := window(strSelf(args).runes(), start, end)
		if !ok {
			return th.NewInt(0), nil
		}
		if sub == "" {
			return th.NewInt(int64(len(w) + 1)), nil
		}
		return th.NewInt(int64(strings.Count(string(w), sub))), nil
	}},
	{"replace", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if len(kw) > 0 {
			return nil, th.Raise(th.rt.types.exc.TypeError, "str.replace() takes no keyword arguments")
		}
		if err := th.clinicArgs("replace", args[1:], nil, 2, 3); err != nil {
			return nil, err
		}
		var parts [2]string
		for i := range parts {
			s, ok := args[i+1].(*Str)
			if !ok {
				return nil, th.Raisef(th.rt.types.exc.TypeError, "replace() argument %d must be str, not %s", i+1, args[i+1].Type().name)
			}
			parts[i] = s.s
		}
		n := int64(-1)
		if len(args) == 4 {
			var err error
			if n, err = th.intArg("replace", args[3]); err != nil {
				return nil, err
			}
		}
		s := strSelf(args).s
		if n < 0 {
			n = -1
		}
		if old, repl := parts[0], parts[1]; len(repl) > len(old) {
			k := int64(strings.Count(s, old))
			if n >= 0 {
				k = min(k, n)
			}
			if err := th.memCheckWidth(int64(len(s)) + k*int64(len(repl)-len(old))); err != nil {
				return nil, err
			}
		}
		return th.NewStr(strings.Replace(s, parts[0], parts[1], int(min(n, 1<<40)))), nil
	}},
	{"center", strJustify("center")},
	{"ljust", strJustify("ljust")},
	{"rjust", strJustify("rjust")},
	{"zfill", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("zfill", args, kw, 1, 1); err != nil {
			return nil, err
		}
		width, err := th.intArg("zfill", args[1])
		if err != nil {
			return nil, err
		}
		s := strSelf(args)
		n := int64(s.length())
		if width <= n {
			return th.newRef(s), nil
		}
		if err := th.memCheckWidth(width); err != nil {
			return nil, err
		}
		zeros := strings.Repeat("0", int(width-n))
		if s.s != "" && (s.s[0] == '+' || s.s[0] == '-') {
			return th.NewStr(s.s[:1] + zeros + s.s[1:]), nil
		}
		return th.NewStr(zeros + s.s), nil
	}},
	{"partition", strPartition("partition", false)},
	{"rpartition", strPartition("rpartition", true)},
	{"removeprefix", strRemoveAffix("removeprefix", false)},
	{"removesuffix", strRemoveAffix("removesuffix", true)},
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
			if tab > math.MaxInt32 || tab < math.MinInt32 { // a C int in CPython
				return nil, th.Raise(th.rt.types.exc.OverflowError, "Python int too large to convert to C int")
			}
		}
		self := strSelf(args).s
		switch n := expandTabsLen(self, tab); {
		case n < 0:
			return nil, th.Raise(th.rt.types.exc.OverflowError, "new string is too long")
		case n > int64(len(self)):
			if err := th.memCheck(n); err != nil {
				return nil, err
			}
		}
		return th.NewStr(expandTabs(self, tab)), nil
	}},
	{"encode", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		a, err := th.keywordOrPositional("encode", args[1:], kw, []string{"encoding", "errors"}, 0)
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
				return nil, th.Raisef(th.rt.types.exc.TypeError, "encode() argument '%s' must be str, not %s", []string{"encoding", "errors"}[i], a[i].Type().name)
			}
			*dst = s.s
		}
		b, err := th.encode(strSelf(args), enc, errs)
		if err != nil {
			return nil, err
		}
		return th.NewBytes(b), nil
	}},
	{"isdigit", strTest("isdigit", allRunes(isDigitRune))},
	{"isdecimal", strTest("isdecimal", allRunes(func(r rune) bool { return unicode.Is(unicode.Nd, r) }))},
	{"isnumeric", strTest("isnumeric", allRunes(isNumericRune))},
	{"isalpha", strTest("isalpha", allRunes(unicode.IsLetter))},
	{"isalnum", strTest("isalnum", allRunes(func(r rune) bool { return unicode.IsLetter(r) || isDigitRune(r) || isNumericRune(r) }))},
	{"isspace", strTest("isspace", allRunes(isSpace))},
	{"isupper", strTest("isupper", casedTest(unicode.IsUpper))},
	{"islower", strTest("islower", casedTest(unicode.IsLower))},
	{"istitle", strTest("istitle", isTitle)},
	{"isidentifier", strTest("isidentifier", isIdentifier)},
	{"isprintable", strTest("isprintable", func(s string) bool {
		for _, r := range s {
			if !isPrintable(r) && r != ' ' {
				return false
			}
		}
		return true
	})},
	{"isascii", strTest("isascii", isASCII)},
	{"translate", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("translate", args, kw, 1, 1); err != nil {
			return nil, err
		}
		table := args[1]
		var b strings.Builder
		for _, r := range strSelf(args).s {
			k := th.NewInt(int64(r))
			v, err := th.GetItem(table, k)
			th.Decref(k)
			if err != nil {
				if IsInstance(err, th.rt.types.exc.LookupError) {
					th.Discard(err)
					b.WriteRune(r)
					continue
				}
				return nil, err
			}
			switch x := v.(type) {
			case *Str:
				b.WriteString(x.s)
			case *Int:
				if x.big != nil || x.v < 0 || x.v > 0x10ffff {
					th.Decref(v)
					return nil, th.Raise(th.rt.types.exc.ValueError, "character mapping must be in range(0x110000)")
				}
				b.WriteRune(rune(x.v))
			default:
				if v != th.rt.None {
					th.Decref(v)
					return nil, th.Raise(th.rt.types.exc.TypeError, "character mapping must return integer, None or str")
				}
			}
			th.Decref(v)
		}
		return th.NewStr(b.String()), nil
	}},
	{"format", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		s, err := th.strFormat(strSelf(args).s, args[1:], kw, nil)
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
	{"format_map", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs("format_map", args, kw, 1, 1); err != nil {
			return nil, err
		}
		s, err := th.strFormat(strSelf(args).s, nil, nil, args[1])
		if err != nil {
			return nil, err
		}
		return th.NewStr(s), nil
	}},
}

func strPartition(name string, last bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		sep, err := th.subStr(args[1])
		if err != nil {
			return nil, err
		}
		if sep == "" {
			return nil, th.Raise(th.rt.types.exc.ValueError, "empty separator")
		}
		s := strSelf(args)
		var i int
		if last {
			i = strings.LastIndex(s.s, sep)
		} else {
			i = strings.Index(s.s, sep)
		}
		if i < 0 {
			if last {
				return th.NewTuple([]Object{th.rt.emptyStr, th.rt.emptyStr, th.newRef(s)}), nil
			}
			return th.NewTuple([]Object{th.newRef(s), th.rt.emptyStr, th.rt.emptyStr}), nil
		}
		return th.NewTuple([]Object{th.NewStr(s.s[:i]), th.newRef(args[1]), th.NewStr(s.s[i+len(sep):])}), nil
	}
}

func strRemoveAffix(name string, suffix bool) BuiltinFunc {
	return func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		if err := th.methodArgs(name, args, kw, 1, 1); err != nil {
			return nil, err
		}
		p, ok := args[1].(*Str)
		if !ok {
			return nil, th.Raisef(th.rt.types.exc.TypeError, "%s() argument must be str, not %s", name, args[1].Type().name)
		}
		s := strSelf(args)
		if suffix && p.s != "" && strings.HasSuffix(s.s, p.s) {
			return th.NewStr(strings.TrimSuffix(s.s, p.s)), nil
		}
		if !suffix && p.s != "" && strings.HasPrefix(s.s, p.s) {
			return th.NewStr(strings.TrimPrefix(s.s, p.s)), nil
		}
		return th.newRef(s), nil
	}
}

var strStaticMethods = []method{
	{"maketrans", func(th *Thread, args []Object, kw map[string]Object) (Object, error) {
		exc := &th.rt.types.exc
		if err := th.funcArgs("maketrans", args, kw, 1, 3); err != nil {
			return nil, err
		}
		d := th.NewDict()
		fail := func(err error) (Object, error) {
			th.Decref(d)
			return nil, err
		}
		if len(args) == 1 {
			src, ok := args[0].(*Dict)
			if !ok {
				return fail(th.Raise(exc.TypeError, "if you give only one argument to maketrans it must be a dict"))
			}
			keys, values := th.dictItems(src)
			defer th.decrefAll(keys)
			defer th.decrefAll(values)
			for i, k := range keys {
				var key Object
				switch x := k.(type) {
				case *Str:
					if x.length() != 1 {
						return fail(th.Raise(exc.ValueError, "string keys in translate table must be of length 1"))
					}
					key = th.NewInt(int64(x.runes()[0]))
				case *Int:
					key = th.newRef(x)
				default:
					return fail(th.Raise(exc.TypeError, "keys in translate table must be strings or integers"))
				}
				err := th.DictSet(d, key, values[i])
				th.Decref(key)
				if err != nil {
					return fail(err)
				}
			}
			return d, nil
		}
		x, ok1 := args[0].(*Str)
		y, ok2 := args[1].(*Str)
		if !ok1 || !ok2 {
			bad := args[0]
			if ok1 {
				bad = args[1]
			}
			return fail(th.Raisef(exc.TypeError, "maketrans() argument %d must be str, not %s", map[bool]int{true: 2, false: 1}[ok1], bad.Type().name))
		}
		xr, yr := x.runes(), y.runes()
		if len(xr) != len(yr) {
			return fail(th.Raise(exc.ValueError, "the first two maketrans arguments must have equal length"))
		}
		set := func(k, v Object) error {
			err := th.DictSet(d, k, v)
			th.Decref(k)
			th.Decref(v)
			return err
		}
		for i := range xr {
			if err := set(th.NewInt(int64(xr[i])), th.NewInt(int64(yr[i]))); err != nil {
				return fail(err)
			}
		}
		if len(args) == 3 {
			z, ok := args[2].(*Str)
			if !ok {
				return fail(th.Raisef(exc.TypeError, "maketrans() argument 3 must be str, not %s", args[2].Type().name))
			}
			for _, r := range z.s {
				if err := set(th.NewInt(int64(r)), th.rt.None); err != nil {
					return fail(err)
				}
			}
		}
		return d, nil
	}},
}
