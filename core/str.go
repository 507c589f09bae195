package core

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/rwgil/rwgil/refcount"
)

// Str is a Python str: an immutable sequence of code points, held as a Go
// string of UTF-8 (invalid bytes count as one code point each). Indexes
// and lengths are in code points.
type Str struct {
	Header
	s     string
	ascii bool // every byte < 0x80: code points are bytes
	// hash caches the hash; 0 means not computed yet (a computed 0 is
	// stored as 1). Any thread may compute it; all compute the same.
	hash atomic.Int64
}

// Dealloc implements refcount.Object.
func (s *Str) Dealloc(by *refcount.Owner) {
	untrack(s, by)
	if !s.typ.builtin {
		releaseSub(s.typ, attrsOf(s), by)
	}
}

// memSize implements memSizer.
func (s *Str) memSize() int64 { return int64(len(s.s)) }

// Describe implements refcount.Object.
func (s *Str) Describe() string { return describe(s) }

// String returns the Go string.
func (s *Str) String() string { return s.s }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// NewStr returns a new reference to a str.
func (th *Thread) NewStr(s string) Object {
	if s == "" {
		return th.rt.emptyStr
	}
	o := &Str{s: s, ascii: isASCII(s)}
	o.typ = th.rt.types.str
	th.track(o)
	return o
}

// internSlabSize is how many interned strs one allocation makes.
const internSlabSize = 128

// Intern returns the runtime's immortal, shared str for s: identifiers,
// attribute names and constants. The result needs no reference dropped.
func (rt *Runtime) Intern(s string) *Str {
	rt.internMu.Lock()
	defer rt.internMu.Unlock()
	if o, ok := rt.interned[s]; ok {
		return o
	}
	// Interned strs live as long as the runtime: they come out of slabs,
	// one allocation for many (a runtime interns some 600 names as it
	// starts, and a schedule explorer starts one per schedule).
	if len(rt.internSlab) == 0 {
		rt.internSlab = make([]Str, internSlabSize)
	}
	o := &rt.internSlab[0]
	rt.internSlab = rt.internSlab[1:]
	o.s, o.ascii = s, isASCII(s)
	o.typ = rt.types.str
	rt.rc.InitImmortal(o)
	rt.interned[s] = o
	return o
}

// strHash is the hash of a Go string under the runtime's seed (the same
// for a Str and a plain Go string, so dicts can be probed with either).
// With a fixed seed (Config.HashSeed, or under a Sequencer, so that set
// order and hash() are the same in every run of a schedule) it is
// FNV-1a from the seed's basis.
func (rt *Runtime) strHash(s string) int64 {
	var h int64
	if rt.fixedHash {
		h = int64(fnv1a(rt.fixedBasis, s) >> 1)
	} else {
		h = int64(maphash.String(rt.seed, s) >> 1)
	}
	if h == 0 {
		h = 1
	}
	return h
}

// FNV-1a's 64-bit parameters.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv1a is the 64-bit FNV-1a hash of s, from basis (fnvOffset: the
// standard hash).
func fnv1a(basis uint64, s string) uint64 {
	h := basis
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func (s *Str) hashValue() int64 {
	if h := s.hash.Load(); h != 0 {
		return h
	}
	h := s.typ.rt.strHash(s.s)
	s.hash.Store(h)
	return h
}

// runes returns the code points (invalid bytes as utf8.RuneError each).
func (s *Str) runes() []rune {
	if s.ascii {
		r := make([]rune, len(s.s))
		for i := 0; i < len(s.s); i++ {
			r[i] = rune(s.s[i])
		}
		return r
	}
	return []rune(s.s)
}

// length is len(s) in code points.
func (s *Str) length() int {
	if s.ascii {
		return len(s.s)
	}
	return utf8.RuneCountInString(s.s)
}

// index returns the i-th code point as a str (i already normalized).
func (s *Str) index(th *Thread, i int) Object {
	if s.ascii {
		return th.NewStr(s.s[i : i+1])
	}
	return th.NewStr(string(s.runes()[i]))
}

// slice returns s[start:stop:step] (normalized bounds).
func (s *Str) slice(th *Thread, start, stop, step int) Object {
	if step == 1 {
		if start >= stop {
			return th.rt.emptyStr
		}
		if s.ascii {
			return th.NewStr(s.s[start:stop])
		}
		return th.NewStr(string(s.runes()[start:stop]))
	}
	r := s.runes()
	var b strings.Builder
	for i := start; (step > 0 && i < stop) || (step < 0 && i > stop); i += step {
		b.WriteRune(r[i])
	}
	return th.NewStr(b.String())
}

// strRepr is Python's repr of a str: single quotes unless the string
// holds a single quote and no double quote; backslash escapes for quotes,
// backslashes and unprintable characters.
func strRepr(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case r >= 0x80 && !isPrintable(r):
			if r < 0x100 {
				b.WriteString(`\x`)
				b.WriteString(hex2(byte(r)))
			} else if r <= 0xffff {
				b.WriteString(`\u`)
				b.WriteString(hex2(byte(r>>8)) + hex2(byte(r)))
			} else {
				b.WriteString(`\U`)
				b.WriteString("00" + hex2(byte(r>>16)) + hex2(byte(r>>8)) + hex2(byte(r)))
			}
		default:
			b.WriteRune(r)
		}
		i += n
	}
	b.WriteByte(q)
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func isPrintable(r rune) bool { return unicode.IsPrint(r) }

// isSpace is Python's str.isspace for one character: Unicode white space,
// and the ASCII information separators \x1c-\x1f.
func isSpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }

// digitValue is the value of a Unicode decimal digit (category Nd), or
// -1. Decimal digits come in runs of ten, from zero to nine, so a digit's
// value is its distance from the start of its run, modulo ten.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if !unicode.Is(unicode.Nd, r) {
		return -1
	}
	start := r
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10
}
