package syntax

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Small helpers for text: UTF-8 (with lone surrogates allowed, as Python
// strings may hold them), character counts, and the escape decoders of
// CPython's unicode_escape and bytes literal codecs.

func itoa(n int) string { return strconv.Itoa(n) }

// hex4 formats r as CPython's %04X does.
func hex4(r rune) string {
	s := strings.ToUpper(strconv.FormatInt(int64(r), 16))
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// decodeRune decodes one character of generalized UTF-8 (surrogates
// allowed); an invalid byte decodes as itself with size 1 and the result
// utf8.RuneError.
func decodeRune(b []byte) (rune, int) {
	if len(b) == 0 {
		return utf8.RuneError, 0
	}
	c := b[0]
	if c < 0x80 {
		return rune(c), 1
	}
	if len(b) >= 3 && c == 0xED && b[1] >= 0xA0 && b[1] <= 0xBF && b[2]&0xC0 == 0x80 {
		return rune(c&0x0F)<<12 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F), 3
	}
	r, size := utf8.DecodeRune(b)
	return r, size
}

// appendRune appends r in generalized UTF-8 (surrogates as 3 bytes).
func appendRune(b []byte, r rune) []byte {
	if r >= 0xD800 && r <= 0xDFFF {
		return append(b, 0xED, byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(b, r)
}

func validUTF8(b []byte) bool { return utf8.Valid(b) }

// charCount counts the characters in b as CPython does when it decodes b
// with errors="replace": each maximal prefix of a valid sequence that is
// cut short, and each other invalid byte, counts as one character.
func charCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		_, size := utf8.DecodeRune(b[i:])
		if size == 1 && b[i] >= 0x80 {
			size = validPrefix(b[i:])
		}
		i += size
		n++
	}
	return n
}

// validPrefix returns the length of the longest prefix of b that begins a
// valid UTF-8 sequence (at least 1).
func validPrefix(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for k := 1; k <= need && k < len(b); k++ {
		if b[k] < lo || b[k] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}

// isPrintable is Python's str.isprintable for one character.
func isPrintable(r rune) bool { return unicode.IsPrint(r) }

// unicodeEscapeBuffer is the text CPython's decode_unicode_with_escapes
// hands to the unicode_escape codec: non-ASCII characters are written as
// \UXXXXXXXX and a backslash before one as \u005c. Error positions count
// in this buffer.
func unicodeEscapeBuffer(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '\\' {
			b.WriteByte('\\')
			i++
			if i >= len(s) || s[i] >= 0x80 {
				b.WriteString("u005c")
				if i >= len(s) {
					break
				}
			}
		}
		if s[i] >= 0x80 {
			r, size := decodeRune([]byte(s[i:]))
			b.WriteString("\\U")
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 8-len(h)))
			b.WriteString(h)
			i += size
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// decodeUnicodeEscapes decodes the escapes of a str literal's body. On
// failure it returns the unicode_escape codec's error message.
func decodeUnicodeEscapes(body string) (string, string) {
	s := unicodeEscapeBuffer(body)
	out := make([]byte, 0, len(body))
	fail := func(start, end int, reason string) (string, string) {
		if end == start+1 {
			return "", "'unicodeescape' codec can't decode byte 0x" + strconv.FormatInt(int64(s[start]), 16) +
				" in position " + itoa(start) + ": " + reason
		}
		return "", "'unicodeescape' codec can't decode bytes in position " + itoa(start) + "-" + itoa(end-1) + ": " + reason
	}
	for i := 0; i < len(s); {
		c := s[i]
		i++
		if c != '\\' {
			out = append(out, c)
			continue
		}
		start := i - 1
		if i >= len(s) {
			return fail(start, i, "\\ at end of string")
		}
		c = s[i]
		i++
		switch c {
		case '\n':
		case '\\', '\'', '"':
			out = append(out, c)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 't':
			out = append(out, '\t')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 'v':
			out = append(out, '\v')
		case 'a':
			out = append(out, '\a')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			ch := rune(c - '0')
			if i < len(s) && s[i] >= '0' && s[i] <= '7' {
				ch = ch<<3 + rune(s[i]-'0')
				i++
				if i < len(s) && s[i] >= '0' && s[i] <= '7' {
					ch = ch<<3 + rune(s[i]-'0')
					i++
				}
			}
			out = appendRune(out, ch)
		case 'x', 'u', 'U':
			count, msg := 2, "truncated \\xXX escape"
			if c == 'u' {
				count, msg = 4, "truncated \\uXXXX escape"
			} else if c == 'U' {
				count, msg = 8, "truncated \\UXXXXXXXX escape"
			}
			var ch rune
			for ; count > 0; count-- {
				if i >= len(s) {
					return fail(start, i, msg)
				}
				d := s[i]
				ch <<= 4
				switch {
				case d >= '0' && d <= '9':
					ch += rune(d - '0')
				case d >= 'a' && d <= 'f':
					ch += rune(d-'a') + 10
				case d >= 'A' && d <= 'F':
					ch += rune(d-'A') + 10
				default:
					return fail(start, i, msg)
				}
				i++
			}
			if ch > unicode.MaxRune {
				return fail(start, i, "illegal Unicode character")
			}
			out = appendRune(out, ch)
		case 'N':
			msg := "malformed \\N character escape"
			if i >= len(s) {
				return fail(start, i, msg)
			}
			if s[i] == '{' {
				i++
				nameStart := i
				for i < len(s) && s[i] != '}' {
					i++
				}
				if i >= len(s) {
					return fail(start, i, msg)
				}
				name := s[nameStart:i]
				if len(name) > 0 {
					i++
					if r, ok := lookupUnicodeName(name); ok {
						out = appendRune(out, r)
						continue
					}
					msg = "unknown Unicode character name"
				}
			}
			return fail(start, i, msg)
		default:
			out = append(out, '\\')
			out = append(out, c)
		}
	}
	return string(out), ""
}

// decodeBytesEscapes decodes the escapes of a bytes literal's body, as
// CPython's _PyBytes_DecodeEscape does.
func decodeBytesEscapes(s string) ([]byte, string) {
	out := make([]byte, 0, len(s))
	hexVal := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'f':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			return int(c-'A') + 10
		}
		return 99
	}
	for i := 0; i < len(s); {
		c := s[i]
		i++
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i >= len(s) {
			return nil, "Trailing \\ in string"
		}
		c = s[i]
		i++
		switch c {
		case '\n':
		case '\\', '\'', '"':
			out = append(out, c)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 't':
			out = append(out, '\t')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 'v':
			out = append(out, '\v')
		case 'a':
			out = append(out, '\a')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			ch := int(c - '0')
			if i < len(s) && s[i] >= '0' && s[i] <= '7' {
				ch = ch<<3 + int(s[i]-'0')
				i++
				if i < len(s) && s[i] >= '0' && s[i] <= '7' {
					ch = ch<<3 + int(s[i]-'0')
					i++
				}
			}
			out = append(out, byte(ch))
		case 'x':
			if i+1 < len(s) {
				d1, d2 := hexVal(s[i]), hexVal(s[i+1])
				if d1 < 16 && d2 < 16 {
					out = append(out, byte(d1<<4+d2))
					i += 2
					continue
				}
			}
			return nil, "invalid \\x escape at position " + itoa(i-2)
		default:
			out = append(out, '\\', c)
		}
	}
	return out, ""
}

func hex2(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

// firstNonUTF8 returns the first byte of line that starts an invalid UTF-8
// sequence, and false, or 0 and true when the line is valid.
func firstNonUTF8(line []byte) (byte, bool) {
	for i := 0; i < len(line); {
		c := line[i]
		if c < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size <= 1 {
			return c, false
		}
		i += size
	}
	return 0, true
}
