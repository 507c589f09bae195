package stdlib

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rwgil/rwgil/core"
)

// _regex is the matching engine under the re module (python/lib/re.py):
// Python's regular expressions translated to Go's regexp (RE2), which
// finds the same leftmost-first matches as Python's engine for the
// constructs both have, in time linear in the text. What RE2 lacks --
// backreferences, lookahead and lookbehind, conditionals, atomic groups
// -- is refused at compile time with a re.error naming the construct.
//
//	_regex.compile(pattern, flags) -> (groups, {name: index})
//	_regex.find(pattern, flags, string, pos, endpos, mode) -> spans or None
//
// find's mode is 0 (search), 1 (match: at pos), 2 (fullmatch) or 3 (all:
// a tuple of every non-overlapping match's spans, for finditer, findall,
// sub and split); the spans are a tuple of start, end pairs, group 0
// first, in code points, -1 for a group that did not take part. The text
// searched is string[pos:endpos], so at pos > 0 `^` and `\b` see the start
// of a text there (CPython looks at the character before pos). Compiled expressions are kept per
// (pattern, flags) in a cache shared by the process's interpreters; a
// regexp.Regexp is safe for concurrent use.

func init() { add("_regex", loadRegex) }

// The flag bits of Python's re module.
const (
	reIgnoreCase = 2
	reMultiline  = 8
	reDotAll     = 16
	reVerbose    = 64
	reASCII      = 256
)

// regexAll is find's mode for every match.
const regexAll = 3

type regexKey struct {
	pattern string
	flags   int64
}

// compiledRegex is one pattern in its three anchorings.
type compiledRegex struct {
	search, match, full *regexp.Regexp
}

var (
	regexMu    sync.Mutex
	regexCache = map[regexKey]*compiledRegex{}
)

// regexCacheMax bounds the cache: a program that compiles unbounded
// distinct patterns drops the cache and starts again, as CPython's re
// does at 512.
const regexCacheMax = 512

func loadRegex(th *core.Thread, name string) (*core.Module, error) {
	mod := th.NewModule(name)
	err := addModuleFuncs(th, mod, []pyMethod{
		{"compile", func(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
			if err := th.CheckArgs("compile", args, kw, 2, 2); err != nil {
				return nil, err
			}
			c, err := regexArg(th, args[0], args[1])
			if err != nil {
				return nil, err
			}
			names := th.NewDict()
			for i, n := range c.search.SubexpNames() {
				if n != "" {
					v := th.NewInt(int64(i))
					err := th.DictSetStr(names, n, v)
					th.Decref(v)
					if err != nil {
						th.Decref(names)
						return nil, err
					}
				}
			}
			return th.NewTuple([]core.Object{th.NewInt(int64(c.search.NumSubexp())), names}), nil
		}},
		{"find", regexFind},
	})
	if err != nil {
		th.Decref(mod)
		return nil, err
	}
	return mod, nil
}

// regexArg compiles (or finds in the cache) the pattern and flags
// arguments.
func regexArg(th *core.Thread, p, f core.Object) (*compiledRegex, error) {
	pattern, err := th.StrArg("compile", p)
	if err != nil {
		return nil, err
	}
	flags, err := th.IntArg("compile", f)
	if err != nil {
		return nil, err
	}
	key := regexKey{pattern, flags}
	regexMu.Lock()
	c, ok := regexCache[key]
	regexMu.Unlock()
	if ok {
		return c, nil
	}
	src, err := translateRegex(pattern, flags)
	if err != nil {
		return nil, th.Raise(th.RaiseType("ValueError"), err.Error())
	}
	c = &compiledRegex{}
	for _, v := range []struct {
		dst  **regexp.Regexp
		expr string
	}{{&c.search, src}, {&c.match, `\A(?:` + src + `)`}, {&c.full, `\A(?:` + src + `)\z`}} {
		re, err := regexp.Compile(v.expr)
		if err != nil {
			return nil, th.Raise(th.RaiseType("ValueError"), regexErrorText(err))
		}
		*v.dst = re
	}
	regexMu.Lock()
	if len(regexCache) >= regexCacheMax {
		clear(regexCache)
	}
	regexCache[key] = c
	regexMu.Unlock()
	return c, nil
}

// regexErrorText turns Go's error into the words of Python's re.error.
func regexErrorText(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "error parsing regexp: ")
	return msg
}

func regexFind(th *core.Thread, args []core.Object, kw map[string]core.Object) (core.Object, error) {
	if err := th.CheckArgs("find", args, kw, 6, 6); err != nil {
		return nil, err
	}
	c, err := regexArg(th, args[0], args[1])
	if err != nil {
		return nil, err
	}
	s, err := th.StrArg("find", args[2])
	if err != nil {
		return nil, err
	}
	var ints [3]int64
	for i := range ints {
		if ints[i], err = th.IntArg("find", args[3+i]); err != nil {
			return nil, err
		}
	}
	pos, endpos, mode := ints[0], ints[1], ints[2]
	// Positions are code points; Go matches bytes.
	n := int64(utf8.RuneCountInString(s))
	pos = min(max(pos, 0), n)
	endpos = min(max(endpos, pos), n)
	ascii := int64(len(s)) == n
	toByte := func(cp int64) int {
		if ascii {
			return int(cp)
		}
		b := 0
		for i := int64(0); i < cp; i++ {
			_, size := utf8.DecodeRuneInString(s[b:])
			b += size
		}
		return b
	}
	from, to := toByte(pos), toByte(endpos)
	text := s[from:to]
	// spans turns one match's byte offsets in text into a tuple of code
	// point positions in s.
	spans := func(loc []int) core.Object {
		items := make([]core.Object, len(loc))
		for i, b := range loc {
			if b < 0 {
				items[i] = th.NewInt(-1)
				continue
			}
			cp := int64(b)
			if !ascii {
				cp = int64(utf8.RuneCountInString(text[:b]))
			}
			items[i] = th.NewInt(pos + cp)
		}
		return th.NewTuple(items)
	}
	if mode == regexAll {
		all := c.search.FindAllStringSubmatchIndex(text, -1)
		items := make([]core.Object, len(all))
		for i, loc := range all {
			items[i] = spans(loc)
		}
		return th.NewTuple(items), nil
	}
	re := [...]*regexp.Regexp{c.search, c.match, c.full}[min(max(mode, 0), 2)]
	// The text is a Go string, immutable: matching needs no lock.
	loc := re.FindStringSubmatchIndex(text)
	if loc == nil {
		return th.Runtime().None, nil
	}
	return spans(loc), nil
}

// unicodeClasses are the insides of Python's \w, \d and \s for str
// patterns as Go classes: str.isalnum's letters and numbers and _,
// decimal digits, str.isspace's characters. Their negations (\W, \D, \S)
// are made from them outside a class; inside one they stay Go's ASCII
// ones.
var unicodeClasses = map[byte]string{
	'w': `\p{L}\p{N}_`,
	'd': `\p{Nd}`,
	's': `\t\n\v\f\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}`,
}

// translateRegex rewrites a Python pattern into Go's syntax: the flags
// become a (?ims) prefix, VERBOSE's whitespace and comments go, \Z becomes
// \z, {,n} becomes {0,n}; constructs RE2 does not have are refused.
func translateRegex(p string, flags int64) (string, error) {
	var b strings.Builder
	verbose := flags&reVerbose != 0
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			if i+1 >= len(p) {
				return "", fmt.Errorf("bad escape (end of pattern) at position %d", i)
			}
			d := p[i+1]
			switch {
			case d == 'Z' && !inClass:
				b.WriteString(`\z`)
			case d >= '1' && d <= '9' && !inClass:
				return "", fmt.Errorf("rwgil's re does not support backreferences (\\%c) at position %d", d, i)
			case flags&reASCII == 0 && unicodeClasses[d] != "":
				// Python's \w, \d and \s are Unicode's for str patterns,
				// Go's are ASCII: spelled out, without brackets inside a
				// class.
				if inClass {
					b.WriteString(unicodeClasses[d])
				} else {
					b.WriteString("[" + unicodeClasses[d] + "]")
				}
			case flags&reASCII == 0 && !inClass && unicodeClasses[d+'a'-'A'] != "" && d >= 'A' && d <= 'Z':
				b.WriteString("[^" + unicodeClasses[d+'a'-'A'] + "]")
			default:
				b.WriteByte('\\')
				b.WriteByte(d)
			}
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
			b.WriteByte(c)
		case c == '[':
			inClass = true
			b.WriteByte(c)
			// A ] first in the class (or after ^) is a literal.
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
		case c == '(' && strings.HasPrefix(p[i:], "(?"):
			rest := p[i+2:]
			switch {
			case strings.HasPrefix(rest, "P<"), strings.HasPrefix(rest, ":"), strings.HasPrefix(rest, "<") && !strings.HasPrefix(rest, "<=") && !strings.HasPrefix(rest, "<!"):
				if strings.HasPrefix(rest, "<") {
					b.WriteString("(?P")
					i++
					continue
				}
				b.WriteByte(c)
			case strings.HasPrefix(rest, "P="):
				return "", fmt.Errorf("rwgil's re does not support backreferences ((?P=...)) at position %d", i)
			case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, "!"):
				return "", fmt.Errorf("rwgil's re does not support lookahead assertions at position %d", i)
			case strings.HasPrefix(rest, "<="), strings.HasPrefix(rest, "<!"):
				return "", fmt.Errorf("rwgil's re does not support lookbehind assertions at position %d", i)
			case strings.HasPrefix(rest, ">"):
				return "", fmt.Errorf("rwgil's re does not support atomic groups at position %d", i)
			case strings.HasPrefix(rest, "("):
				return "", fmt.Errorf("rwgil's re does not support conditional groups at position %d", i)
			case strings.HasPrefix(rest, "#"):
				end := strings.IndexByte(rest, ')')
				if end < 0 {
					return "", fmt.Errorf("missing ), unterminated comment at position %d", i)
				}
				i += 2 + end
			default:
				b.WriteByte(c)
			}
		case c == '{' && strings.HasPrefix(p[i:], "{,"):
			b.WriteString("{0,")
			i++
		case verbose && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'):
		case verbose && c == '#':
			for i < len(p) && p[i] != '\n' {
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	prefix := ""
	if flags&reIgnoreCase != 0 {
		prefix += "i"
	}
	if flags&reMultiline != 0 {
		prefix += "m"
	}
	if flags&reDotAll != 0 {
		prefix += "s"
	}
	if prefix != "" {
		return "(?" + prefix + ")" + b.String(), nil
	}
	return b.String(), nil
}
